/**
 * `--format github`: GitHub Actions workflow commands (`::error file=…,line=…::message`), which the
 * runner turns into annotations on the pull request's files, and a Markdown job summary for
 * `$GITHUB_STEP_SUMMARY`.
 *
 * GitHub keeps at most 10 annotations of each kind (error, warning, notice) per step and 50 per
 * job, and drops the rest silently. So at most 10 of each kind are written as commands, in file and
 * line order; when some are left over, one notice says how many, and every problem is still printed
 * in the log (a collapsed group) and in the summary.
 *
 * The escaping follows the runner's (and `@actions/core`'s `toCommandValue`/`escapeData`/
 * `escapeProperty`): `%`, CR and LF in the message; also `:` and `,` in property values.
 */
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { RULES, type RuleCode } from '../model/rules';
import { ruleDocs } from '../model/ruleDocs';
import type { Diagnostic } from '../service';
import { PROGRAM } from './command';
import { oneLine, pathFromRoot, textLine, type FileResult, type ReportContext } from './report';

export type AnnotationKind = 'error' | 'warning' | 'notice';

/** GitHub's cap per step, for each kind. */
export const ANNOTATIONS_PER_KIND = 10;
/** Bytes the job summary of one run may take: GitHub refuses a step summary over 1 MiB. */
export const SUMMARY_BUDGET = 512 * 1024;

export interface Annotation {
  kind: AnnotationKind;
  message: string;
  /** Relative to the repository root; absent: the annotation is on the run, not on a file. */
  file?: string;
  line?: number;
  endLine?: number;
  col?: number;
  endColumn?: number;
  title?: string;
}

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One workflow command line (without the line break). */
export function workflowCommand(a: Annotation): string {
  const properties: [string, string | number | undefined][] = [
    ['file', a.file],
    ['line', a.line],
    ['endLine', a.endLine],
    ['col', a.col],
    ['endColumn', a.endColumn],
    ['title', a.title],
  ];
  const props = properties
    .filter((p): p is [string, string | number] => p[1] !== undefined)
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  return `::${a.kind}${props ? ' ' + props : ''}::${escapeData(a.message)}`;
}

function kindOf(d: Diagnostic): AnnotationKind {
  const severity = d.severity ?? DiagnosticSeverity.Error;
  return severity === DiagnosticSeverity.Error ? 'error' : severity === DiagnosticSeverity.Warning ? 'warning' : 'notice';
}

function annotationOf(file: string, d: Diagnostic, context: ReportContext): Annotation {
  const { start, end } = d.range;
  const path = pathFromRoot(file, context);
  const code = d.code === undefined ? undefined : String(d.code);
  return {
    kind: kindOf(d),
    message: d.message,
    ...(path !== undefined && {
      file: path,
      line: start.line + 1,
      endLine: end.line + 1,
      // Columns only mean something on a one-line annotation.
      ...(start.line === end.line && { col: start.character + 1, endColumn: end.character + 1 }),
    }),
    title: code === undefined ? PROGRAM : `${PROGRAM}: ${code}`,
  };
}

const plural = (n: number, one: string, many = one + 's'): string => `${n} ${n === 1 ? one : many}`;

export interface Tally {
  files: number;
  errors: number;
  warnings: number;
  notes: number;
}

export function tally(results: FileResult[]): Tally {
  const t = { files: results.length, errors: 0, warnings: 0, notes: 0 };
  for (const r of results)
    for (const d of r.diagnostics) {
      const kind = kindOf(d);
      if (kind === 'error') t.errors++;
      else if (kind === 'warning') t.warnings++;
      else t.notes++;
    }
  return t;
}

const tallyText = (t: Tally): string =>
  `${plural(t.errors, 'error')}, ${plural(t.warnings, 'warning')}, ${plural(t.notes, 'note')} in ${plural(t.files, 'file')}`;

/**
 * The workflow commands: at most `ANNOTATIONS_PER_KIND` of each kind; when some do not fit, one
 * notice (which takes a notice's place) says so and a collapsed group lists them all as text.
 */
export function formatGithub(results: FileResult[], context: ReportContext, options: { summary?: boolean } = {}): string {
  const all = results.flatMap((r) => r.diagnostics.map((d) => ({ file: r.file, d, a: annotationOf(r.file, d, context) })));
  const count = (kind: AnnotationKind): number => all.filter((x) => x.a.kind === kind).length;
  const overflow =
    count('error') > ANNOTATIONS_PER_KIND || count('warning') > ANNOTATIONS_PER_KIND || count('notice') > ANNOTATIONS_PER_KIND;
  const cap: Record<AnnotationKind, number> = {
    error: ANNOTATIONS_PER_KIND,
    warning: ANNOTATIONS_PER_KIND,
    notice: overflow ? ANNOTATIONS_PER_KIND - 1 : ANNOTATIONS_PER_KIND,
  };
  const shown: Record<AnnotationKind, number> = { error: 0, warning: 0, notice: 0 };
  const lines: string[] = [];
  const left: typeof all = [];
  for (const x of all) {
    if (shown[x.a.kind] < cap[x.a.kind]) {
      shown[x.a.kind]++;
      lines.push(workflowCommand(x.a));
    } else left.push(x);
  }
  if (left.length > 0) {
    lines.push(
      workflowCommand({
        kind: 'notice',
        title: PROGRAM,
        message:
          `${plural(left.length, 'more problem')} not shown as annotations (GitHub shows ${ANNOTATIONS_PER_KIND} of each kind per step): ` +
          `every problem is listed in the log${options.summary ? ' and in the job summary' : ''}.`,
      }),
    );
  }
  const total = tally(results);
  if (left.length > 0) {
    lines.push(`::group::${escapeData(`All ${plural(all.length, 'problem')}`)}`);
    for (const x of all) lines.push(textLine(x.file, x.d));
    lines.push('::endgroup::');
  }
  lines.push(`${PROGRAM} validate: ${tallyText(total)}`);
  return lines.join('\n') + '\n';
}

/** Text for a Markdown table cell: no line breaks, no pipes, no HTML. */
function cell(s: string): string {
  return oneLine(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|');
}

/** The job summary (GitHub-flavoured Markdown), at most `SUMMARY_BUDGET` bytes. */
export function githubSummary(results: FileResult[], context: ReportContext): string {
  const t = tally(results);
  const head = [`### ${PROGRAM} validate`, ''];
  if (t.errors + t.warnings + t.notes === 0) return [...head, `No problems in ${plural(t.files, 'file')}.`, ''].join('\n') + '\n';
  const withErrors = results.filter((r) => r.diagnostics.some((d) => kindOf(d) === 'error')).length;
  head.push(`${tallyText(t)}; ${plural(withErrors, 'file')} with errors.`, '');
  head.push('| severity | file | line | rule | message |', '| --- | --- | --- | --- | --- |');
  let out = head.join('\n') + '\n';
  let rows = 0;
  const total = t.errors + t.warnings + t.notes;
  for (const r of results) {
    const path = pathFromRoot(r.file, context) ?? r.file;
    for (const d of r.diagnostics) {
      const code = d.code === undefined ? '' : String(d.code);
      const rule = code in RULES ? `[${cell(code)}](${ruleDocs(code as RuleCode)})` : cell(code);
      const kind = kindOf(d);
      const row = `| ${kind === 'notice' ? 'note' : kind} | ${cell(path)} | ${d.range.start.line + 1}:${d.range.start.character + 1} | ${rule} | ${cell(d.message)} |\n`;
      if (Buffer.byteLength(out) + Buffer.byteLength(row) > SUMMARY_BUDGET - 200) {
        return out + `\n${plural(total - rows, 'more problem')} not listed here (the summary of a step is limited): see the log.\n`;
      }
      out += row;
      rows++;
    }
  }
  return out;
}
