/**
 * `--format sarif`: a SARIF 2.1.0 log (GitHub code scanning, reviewdog, any SARIF viewer). One rule
 * per rule code of the model, with its severity as the default level, its summary and a docs link
 * (`helpUri`); one result per diagnostic. The shapes are the `sarif` types (DefinitelyTyped's
 * `@types/sarif`), checked by the compiler; test/unit/cli/formats.test.ts validates the output of every
 * invalid fixture against the SARIF 2.1.0 JSON schema.
 */
import { pathToFileURL } from 'node:url';
import type { Artifact, ArtifactLocation, Log, Notification, ReportingDescriptor, Result } from 'sarif';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { RULES, type RuleCode, type Severity } from '../model/rules';
import { ruleDocs } from '../model/ruleDocs';
import type { Diagnostic } from '../service';
import { PROGRAM } from './command';
import { pathFromRoot, STDIN_NAME, type FileResult, type ReportContext } from './report';
import { VERSION } from './version';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** The base of every relative artifact URI: the report's root folder (see `ReportContext.root`). */
export const SRCROOT = '%SRCROOT%';

type Level = NonNullable<Result['level']>;
const RULE_LEVEL: Record<Severity, Level> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

function levelOf(d: Diagnostic): Level {
  switch (d.severity ?? DiagnosticSeverity.Error) {
    case DiagnosticSeverity.Error:
      return 'error';
    case DiagnosticSeverity.Warning:
      return 'warning';
    default:
      return 'note';
  }
}

/** The summaries are Markdown (`code` spans); SARIF's `text` is plain. */
const plain = (markdown: string): string => markdown.replace(/`/g, '');

/** `invalid-json` → `InvalidJson`: SARIF's readable rule name. */
const ruleName = (code: string): string => code.replace(/(^|-)([a-z0-9])/g, (_m, _dash, c: string) => c.toUpperCase());

/** Every rule of the model, in the order of its table (`ruleIndex` points into this list). */
export function sarifRules(): ReportingDescriptor[] {
  return (Object.keys(RULES) as RuleCode[]).map((code) => {
    const rule = RULES[code];
    const helpUri = ruleDocs(code);
    return {
      id: code,
      name: ruleName(code),
      shortDescription: { text: plain(rule.summary), markdown: rule.summary },
      fullDescription: { text: `${plain(rule.summary)} Stated by: ${plain(rule.source)}.` },
      helpUri,
      help: {
        text: `${plain(rule.summary)} Stated by: ${plain(rule.source)}. Documentation: ${helpUri}`,
        markdown: `${rule.summary}\n\nStated by: ${rule.source}.\n\n[Documentation](${helpUri})`,
      },
      defaultConfiguration: { level: RULE_LEVEL[rule.severity] },
      properties: { tags: ['pingone', 'phone-delivery-settings'] },
    };
  });
}

/**
 * Where a file is: relative to `%SRCROOT%` (the report's root) when it is inside it, else its
 * absolute `file:` URI; standard input has no file.
 */
function artifactLocation(file: string, context: ReportContext): ArtifactLocation {
  if (file === STDIN_NAME) return { uri: 'stdin', description: { text: 'standard input' } };
  const fromRoot = pathFromRoot(file, context);
  if (fromRoot !== undefined) return { uri: fromRoot.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
  return { uri: pathToFileURL(context.resolvePath(file)).href };
}

export function sarifLog(results: FileResult[], context: ReportContext): Log {
  const rules = sarifRules();
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const artifacts: Artifact[] = [];
  const sarifResults: Result[] = [];
  for (const { file, diagnostics } of results) {
    const index = artifacts.push({ location: artifactLocation(file, context), sourceLanguage: 'json' }) - 1;
    for (const d of diagnostics) {
      const code = d.code === undefined ? undefined : String(d.code);
      const { start, end } = d.range;
      sarifResults.push({
        ...(code !== undefined && { ruleId: code }),
        ...(code !== undefined && ruleIndex.has(code) && { ruleIndex: ruleIndex.get(code) }),
        level: levelOf(d),
        message: { text: d.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { ...artifactLocation(file, context), index },
              // LSP positions are 0-based UTF-16 offsets with an exclusive end; SARIF's are 1-based, end exclusive too.
              region: { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 },
            },
          },
        ],
      });
    }
  }
  const notifications: Notification[] = context.failures.map((f) => ({
    level: 'error',
    message: { text: f.message },
    locations: [{ physicalLocation: { artifactLocation: artifactLocation(f.file, context) } }],
  }));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: PROGRAM, version: VERSION, semanticVersion: VERSION, rules } },
        invocations: [
          {
            executionSuccessful: notifications.length === 0,
            ...(notifications.length > 0 && { toolExecutionNotifications: notifications }),
          },
        ],
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(context.root.endsWith('/') ? context.root : context.root + '/').href } },
        artifacts,
        results: sarifResults,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
}

export function formatSarif(results: FileResult[], context: ReportContext): string {
  return JSON.stringify(sarifLog(results, context), null, 2) + '\n';
}
