/**
 * Output formats of `validate`: one line per diagnostic, JSON with LSP diagnostics, SARIF 2.1.0
 * (`sarif.ts`) and GitHub Actions workflow commands (`github.ts`).
 */
import { relative, sep } from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { Diagnostic } from '../service';

export interface FileResult {
  /** As given on the command line; `<stdin>` for `-`. */
  file: string;
  diagnostics: Diagnostic[];
}

export const OUTPUT_FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** What the formats that locate files (sarif, github) need to know besides the results. */
export interface ReportContext {
  /** Absolute path of a file as given on the command line. */
  resolvePath(file: string): string;
  /**
   * The folder report paths are relative to: `$GITHUB_WORKSPACE` when it is set (the repository
   * root, which annotations and code scanning expect), else the working directory.
   */
  root: string;
  /** Files that could not be checked: SARIF lists them as tool execution notifications. */
  failures: { file: string; message: string }[];
}

/** The name `validate` gives standard input in its reports. */
export const STDIN_NAME = '<stdin>';

const SEVERITY_NAMES: Record<DiagnosticSeverity, string> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
  [DiagnosticSeverity.Hint]: 'hint',
};

export function severityName(d: Diagnostic): string {
  return SEVERITY_NAMES[d.severity ?? DiagnosticSeverity.Error] ?? 'error';
}

/** The message on one line. */
export function oneLine(message: string): string {
  // Each run of white space that holds a line break becomes one space (`\s+` alone: no backtracking).
  return message.replace(/\s+/g, (ws) => (ws.includes('\n') || ws.includes('\r') ? ' ' : ws)).trim();
}

/** `file:line:col severity code message`, 1-based line and column. */
export function textLine(file: string, d: Diagnostic): string {
  const code = d.code === undefined || d.code === '' ? '-' : String(d.code);
  return `${file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${severityName(d)} ${code} ${oneLine(d.message)}`;
}

/** One `textLine` per diagnostic. */
export function formatText(results: FileResult[]): string {
  let out = '';
  for (const { file, diagnostics } of results) for (const d of diagnostics) out += textLine(file, d) + '\n';
  return out;
}

/** `[{ "file": …, "diagnostics": [LSP Diagnostic, 0-based ranges] }]`. */
export function formatJson(results: FileResult[]): string {
  return JSON.stringify(results, null, 2) + '\n';
}

/**
 * The file's path relative to `context.root`, with `/` separators, or undefined when the file is
 * standard input or lies outside the root.
 */
export function pathFromRoot(file: string, context: ReportContext): string | undefined {
  if (file === STDIN_NAME) return undefined;
  const path = relative(context.root, context.resolvePath(file));
  if (path === '' || path === '..' || path.startsWith('..' + sep) || /^[a-zA-Z]:|^[\\/]/.test(path)) return undefined;
  return path.split(sep).join('/');
}
