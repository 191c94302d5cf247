/** Output formats of `validate`: one line per diagnostic, or JSON with LSP diagnostics. */
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { Diagnostic } from '../service';

export interface FileResult {
  /** As given on the command line; `<stdin>` for `-`. */
  file: string;
  diagnostics: Diagnostic[];
}

export const OUTPUT_FORMATS = ['text', 'json'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

const SEVERITY_NAMES: Record<DiagnosticSeverity, string> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
  [DiagnosticSeverity.Hint]: 'hint',
};

/** `file:line:col severity code message`, 1-based line and column, one line each. */
export function formatText(results: FileResult[]): string {
  let out = '';
  for (const { file, diagnostics } of results) {
    for (const d of diagnostics) {
      const severity = SEVERITY_NAMES[d.severity ?? DiagnosticSeverity.Error] ?? 'error';
      const code = d.code === undefined || d.code === '' ? '-' : String(d.code);
      // Each run of white space that holds a line break becomes one space (`\s+` alone: no backtracking).
      const message = d.message.replace(/\s+/g, (ws) => (ws.includes('\n') || ws.includes('\r') ? ' ' : ws)).trim();
      out += `${file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${severity} ${code} ${message}\n`;
    }
  }
  return out;
}

/** `[{ "file": …, "diagnostics": [LSP Diagnostic, 0-based ranges] }]`. */
export function formatJson(results: FileResult[]): string {
  return JSON.stringify(results, null, 2) + '\n';
}

export function formatResults(results: FileResult[], format: OutputFormat): string {
  return format === 'json' ? formatJson(results) : formatText(results);
}
