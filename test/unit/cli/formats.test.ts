/**
 * The CI formats of `validate`: SARIF 2.1.0 (validated against the SARIF 2.1.0 JSON schema that
 * Microsoft's SARIF SDK ships, for every invalid fixture), GitHub workflow commands and the job
 * summary (checked line by line), `--quiet` and `--max-warnings`.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Log } from 'sarif';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { runCli } from '../../../server/src/cli/cli';
import type { CliIo } from '../../../server/src/cli/command';
import {
  ANNOTATIONS_PER_KIND,
  escapeData,
  escapeProperty,
  formatGithub,
  githubSummary,
  workflowCommand,
} from '../../../server/src/cli/github';
import type { FileResult, ReportContext } from '../../../server/src/cli/report';
import { RULES, type RuleCode } from '../../../server/src/model/rules';
import type { Diagnostic } from '../../../server/src/service';
import { expectedInvalid, FIXTURES, fixtureFiles, offsetOf } from '../../support/fixtures';

const INVALID = join(FIXTURES, 'invalid');

/** The SARIF 2.1.0 schema (JSON Schema 2020-12) beside the SARIF SDK's multitool for this platform. */
function sarifValidator() {
  const multitool: string = require('@microsoft/sarif-multitool');
  const schema = JSON.parse(readFileSync(join(dirname(multitool), 'sarif-2.1.0.json'), 'utf8'));
  assert.equal(schema.properties.version.enum[0], '2.1.0');
  // strictRequired off: the schema requires properties inside `anyOf` branches that it defines elsewhere.
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
  addFormats(ajv);
  return ajv.compile(schema);
}
const validSarif = sarifValidator();

function assertValidSarif(log: unknown, what: string): void {
  const ok = validSarif(log);
  assert.ok(ok, `${what}: ${JSON.stringify(validSarif.errors?.slice(0, 5), null, 2)}`);
}

interface FileIo extends CliIo {
  out: string;
  err: string;
  appended: Map<string, string>;
}

/** The fixtures folder as the working directory, real files, an environment of our choosing. */
function fileIo(env: Record<string, string> = {}, cwd = INVALID): FileIo {
  const io: FileIo = {
    out: '',
    err: '',
    appended: new Map(),
    stdout: (t) => void (io.out += t),
    stderr: (t) => void (io.err += t),
    readFile: async (p) => readFileSync(resolve(cwd, p), 'utf8'),
    readStdin: async () => '',
    resolvePath: (p) => resolve(cwd, p),
    env,
    appendFile: async (p, text) => void io.appended.set(p, (io.appended.get(p) ?? '') + text),
  };
  return io;
}

async function validate(args: string[], io = fileIo()): Promise<{ code: number; out: string; err: string; io: FileIo }> {
  const code = await runCli(['validate', ...args], io);
  return { code, out: io.out, err: io.err, io };
}

/** 1-based line and column of an offset. */
function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

describe('validate --format sarif', () => {
  const expected = expectedInvalid();
  const fixtures = fixtureFiles('invalid');

  for (const { name, text } of fixtures) {
    it(`${name}: a SARIF 2.1.0 log that the schema accepts, with the expected results`, async () => {
      const { code, out } = await validate(['--format', 'sarif', name]);
      const log = JSON.parse(out) as Log;
      assertValidSarif(log, name);
      const run = log.runs[0];
      const rules = run.tool.driver.rules ?? [];
      assert.deepEqual(run.artifacts?.[0].location, { uri: encodeURIComponent(name), uriBaseId: '%SRCROOT%' });
      const results = run.results ?? [];
      for (const e of expected[name] ?? []) {
        const start = position(text, offsetOf(text, e.at, e.nth));
        assert.ok(
          results.some((r) => {
            const region = r.locations?.[0].physicalLocation?.region;
            return r.ruleId === e.code && region?.startLine === start.line && region?.startColumn === start.column;
          }),
          `${name}: no ${e.code} result at ${start.line}:${start.column} in ${JSON.stringify(results.map((r) => [r.ruleId, r.locations?.[0].physicalLocation?.region]))}`,
        );
      }
      for (const r of results) {
        assert.equal(rules[r.ruleIndex ?? -1]?.id, r.ruleId, 'ruleIndex points at the rule');
        assert.equal(r.level, rules[r.ruleIndex ?? -1]?.defaultConfiguration?.level, 'the level is the rule severity');
        assert.equal(r.locations?.[0].physicalLocation?.artifactLocation?.index, 0);
      }
      const anError = results.some((r) => r.level === 'error');
      assert.equal(code, anError ? 1 : 0);
    });
  }

  it('every invalid fixture in one log: valid, one rule per rule code with its severity, summary and docs link', async () => {
    const { code, out } = await validate(['--format', 'sarif', ...fixtures.map((f) => f.name)]);
    assert.equal(code, 1);
    const log = JSON.parse(out) as Log;
    assertValidSarif(log, 'all invalid fixtures');
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    const run = log.runs[0];
    assert.equal(run.tool.driver.name, 'pingone-phone-delivery');
    assert.equal(run.columnKind, 'utf16CodeUnits');
    assert.equal(run.artifacts?.length, fixtures.length);
    const rules = run.tool.driver.rules ?? [];
    assert.deepEqual(
      rules.map((r) => r.id),
      Object.keys(RULES),
    );
    const level = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;
    for (const rule of rules) {
      const model = RULES[rule.id as RuleCode];
      assert.equal(rule.defaultConfiguration?.level, level[model.severity], rule.id);
      assert.equal(rule.shortDescription?.markdown, model.summary);
      assert.match(rule.helpUri ?? '', /^https:\/\/[^ ]+$/, rule.id);
    }
    const codes = new Set((run.results ?? []).map((r) => r.ruleId));
    for (const c of Object.values(expectedInvalid()).flatMap((list) => list.map((e) => e.code))) assert.ok(codes.has(c), c);
  });

  it('paths are relative to $GITHUB_WORKSPACE; a file outside it gets its file: URI; an unreadable file is a tool notification', async () => {
    const io = fileIo({ GITHUB_WORKSPACE: FIXTURES });
    const { code, out } = await validate(
      ['--format', 'sarif', 'invalid-type.json', '../valid/twilio-create.json', '/nonexistent/x.json'],
      io,
    );
    assert.equal(code, 2);
    const log = JSON.parse(out) as Log;
    assertValidSarif(log, 'paths');
    const run = log.runs[0];
    assert.deepEqual(
      run.artifacts?.map((a) => a.location),
      [
        { uri: 'invalid/invalid-type.json', uriBaseId: '%SRCROOT%' },
        { uri: 'valid/twilio-create.json', uriBaseId: '%SRCROOT%' },
      ],
    );
    assert.equal(run.originalUriBaseIds?.['%SRCROOT%'].uri, `file://${FIXTURES}/`);
    const invocation = run.invocations?.[0];
    assert.equal(invocation?.executionSuccessful, false);
    assert.equal(
      invocation?.toolExecutionNotifications?.[0].locations?.[0].physicalLocation?.artifactLocation?.uri,
      'file:///nonexistent/x.json',
    );
    assert.match(invocation?.toolExecutionNotifications?.[0].message.text ?? '', /cannot read \/nonexistent\/x\.json/);

    const outside = await validate(['--format', 'sarif', join(FIXTURES, 'valid', 'twilio-create.json')], fileIo({}, INVALID));
    assert.equal(JSON.parse(outside.out).runs[0].artifacts[0].location.uri, `file://${FIXTURES}/valid/twilio-create.json`);
  });
});

/** A diagnostic at 0-based `line:character`, `length` characters long. */
function diag(severity: DiagnosticSeverity, code: string, message: string, line = 0, character = 0, length = 1): Diagnostic {
  return {
    range: { start: { line, character }, end: { line, character: character + length } },
    severity,
    code,
    message,
    source: 'pingone',
  };
}

const context: ReportContext = { resolvePath: (p) => resolve('/repo', p), root: '/repo', failures: [] };

describe('validate --format github', () => {
  it('escapes data (%, CR, LF) and properties (also : and ,) as the runner reads them', () => {
    assert.equal(escapeData('50% done\r\nnext: a, b'), '50%25 done%0D%0Anext: a, b');
    assert.equal(escapeProperty('a:b,c%\n'), 'a%3Ab%2Cc%25%0A');
    assert.equal(
      workflowCommand({ kind: 'warning', message: 'm', file: 'x,y:z.json', line: 2, endLine: 4, title: 't: 1' }),
      '::warning file=x%2Cy%3Az.json,line=2,endLine=4,title=t%3A 1::m',
    );
    assert.equal(workflowCommand({ kind: 'notice', message: 'on the run' }), '::notice::on the run');
  });

  it('prints one command per problem, columns only on one-line ranges, the file relative to the root', () => {
    const multiLine: Diagnostic = {
      ...diag(DiagnosticSeverity.Warning, 'requests-empty', 'two\nlines'),
      range: { start: { line: 1, character: 2 }, end: { line: 3, character: 1 } },
    };
    const results: FileResult[] = [
      {
        file: 'sub/a.json',
        diagnostics: [diag(DiagnosticSeverity.Error, 'invalid-type', '"sid" must be a string: 100%', 2, 9, 5), multiLine],
      },
      { file: '/elsewhere/b.json', diagnostics: [diag(DiagnosticSeverity.Information, 'read-only-ignored', 'ignored')] },
      { file: '<stdin>', diagnostics: [] },
    ];
    assert.deepEqual(formatGithub(results, context).split('\n'), [
      '::error file=sub/a.json,line=3,endLine=3,col=10,endColumn=15,title=pingone-phone-delivery%3A invalid-type::"sid" must be a string: 100%25',
      '::warning file=sub/a.json,line=2,endLine=4,title=pingone-phone-delivery%3A requests-empty::two%0Alines',
      '::notice title=pingone-phone-delivery%3A read-only-ignored::ignored',
      'pingone-phone-delivery validate: 1 error, 1 warning, 1 note in 3 files',
      '',
    ]);
  });

  it('caps each kind at 10 as GitHub does per step, says how many were left out, and lists them all in a group', () => {
    const n = (count: number, severity: DiagnosticSeverity, code: string) =>
      Array.from({ length: count }, (_, i) => diag(severity, code, `${code} ${i + 1}`, i, 0, 1));
    const results: FileResult[] = [
      { file: 'e.json', diagnostics: n(12, DiagnosticSeverity.Error, 'invalid-value') },
      { file: 'w.json', diagnostics: n(11, DiagnosticSeverity.Warning, 'literal-secret') },
      { file: 'i.json', diagnostics: n(10, DiagnosticSeverity.Information, 'read-only-ignored') },
    ];
    const lines = formatGithub(results, context, { summary: true }).split('\n');
    const commands = (kind: string) => lines.filter((l) => l.startsWith(`::${kind} `));
    assert.equal(ANNOTATIONS_PER_KIND, 10);
    assert.deepEqual(
      commands('error'),
      Array.from(
        { length: 10 },
        (_, i) =>
          `::error file=e.json,line=${i + 1},endLine=${i + 1},col=1,endColumn=2,title=pingone-phone-delivery%3A invalid-value::invalid-value ${i + 1}`,
      ),
    );
    assert.equal(commands('warning').length, 10);
    // Nine notices of their own and the one that counts the rest: ten, GitHub's cap for notices.
    assert.equal(commands('notice').length, 10);
    assert.equal(
      commands('notice').at(-1),
      '::notice title=pingone-phone-delivery::4 more problems not shown as annotations (GitHub shows 10 of each kind per step): every problem is listed in the log and in the job summary.',
    );
    const group = lines.indexOf('::group::All 33 problems');
    assert.ok(group > 0);
    assert.equal(lines[group + 1], 'e.json:1:1 error invalid-value invalid-value 1');
    assert.equal(lines[group + 33], 'i.json:10:1 information read-only-ignored read-only-ignored 10');
    assert.deepEqual(lines.slice(group + 34), [
      '::endgroup::',
      'pingone-phone-delivery validate: 12 errors, 11 warnings, 10 notes in 3 files',
      '',
    ]);
    assert.equal(lines.length, 10 + 10 + 10 + 1 + 33 + 1 + 1 + 1);
  });

  it('end to end on a fixture: the annotation, the exit status and the job summary in $GITHUB_STEP_SUMMARY', async () => {
    const io = fileIo({ GITHUB_WORKSPACE: FIXTURES, GITHUB_STEP_SUMMARY: '/summary.md' });
    const { code, out } = await validate(['--format', 'github', 'invalid-type.json', 'read-only-ignored.json'], io);
    assert.equal(code, 1);
    assert.deepEqual(out.split('\n'), [
      '::error file=invalid/invalid-type.json,line=3,endLine=3,col=10,endColumn=15,title=pingone-phone-delivery%3A invalid-type::"sid" must be a string, not a number. Write it in quotes: "12345".',
      '::notice file=invalid/read-only-ignored.json,line=4,endLine=4,col=3,endColumn=14,title=pingone-phone-delivery%3A read-only-ignored::"createdAt" is set by PingOne and ignored in a request body; it is removed before sending.',
      '::notice file=invalid/read-only-ignored.json,line=5,endLine=5,col=3,endColumn=14,title=pingone-phone-delivery%3A read-only-ignored::"updatedAt" is set by PingOne and ignored in a request body; it is removed before sending.',
      '::notice file=invalid/read-only-ignored.json,line=6,endLine=6,col=3,endColumn=11,title=pingone-phone-delivery%3A read-only-ignored::"_links" is set by PingOne and ignored in a request body; it is removed before sending.',
      'pingone-phone-delivery validate: 1 error, 0 warnings, 3 notes in 2 files',
      '',
    ]);
    assert.deepEqual(io.appended.get('/summary.md')?.split('\n'), [
      '### pingone-phone-delivery validate',
      '',
      '1 error, 0 warnings, 3 notes in 2 files; 1 file with errors.',
      '',
      '| severity | file | line | rule | message |',
      '| --- | --- | --- | --- | --- |',
      '| error | invalid/invalid-type.json | 3:10 | [invalid-type](https://developer.pingidentity.com/pingone-api/platform/notifications/phone-delivery-settings.html) | "sid" must be a string, not a number. Write it in quotes: "12345". |',
      '| note | invalid/read-only-ignored.json | 4:3 | [read-only-ignored](https://developer.pingidentity.com/pingone-api/platform/notifications/phone-delivery-settings.html) | "createdAt" is set by PingOne and ignored in a request body; it is removed before sending. |',
      '| note | invalid/read-only-ignored.json | 5:3 | [read-only-ignored](https://developer.pingidentity.com/pingone-api/platform/notifications/phone-delivery-settings.html) | "updatedAt" is set by PingOne and ignored in a request body; it is removed before sending. |',
      '| note | invalid/read-only-ignored.json | 6:3 | [read-only-ignored](https://developer.pingidentity.com/pingone-api/platform/notifications/phone-delivery-settings.html) | "_links" is set by PingOne and ignored in a request body; it is removed before sending. |',
      '',
    ]);
  });

  it('without $GITHUB_STEP_SUMMARY nothing is appended; a clean file gets a one-line summary', async () => {
    const none = await validate(['--format', 'github', '../valid/twilio-create.json']);
    assert.equal(none.code, 0);
    assert.equal(none.io.appended.size, 0);
    assert.equal(none.out, 'pingone-phone-delivery validate: 0 errors, 0 warnings, 0 notes in 1 file\n');
    const io = fileIo({ GITHUB_STEP_SUMMARY: '/s.md' });
    await validate(['--format', 'github', '../valid/twilio-create.json'], io);
    assert.equal(io.appended.get('/s.md'), '### pingone-phone-delivery validate\n\nNo problems in 1 file.\n\n');
  });

  it('table cells carry no pipe, line break or HTML', () => {
    const text = githubSummary([{ file: 'a|b.json', diagnostics: [diag(DiagnosticSeverity.Warning, 'x', 'a <b> | c\nd & e')] }], context);
    assert.ok(text.includes('| warning | a\\|b.json | 1:1 | x | a &lt;b&gt; \\| c d &amp; e |'), text);
  });
});

describe('validate --quiet and --max-warnings', () => {
  // literal-secret.json has three warnings and no error.
  it('--quiet prints errors only, in every format', async () => {
    assert.equal((await validate(['--quiet', 'literal-secret.json'])).out, '');
    const both = await validate(['--quiet', 'literal-secret.json', 'invalid-type.json']);
    assert.deepEqual(both.out.trim().split('\n'), [
      'invalid-type.json:3:10 error invalid-type "sid" must be a string, not a number. Write it in quotes: "12345".',
    ]);
    const sarif = JSON.parse((await validate(['-q', '--format', 'sarif', 'literal-secret.json'])).out) as Log;
    assert.deepEqual(sarif.runs[0].results, []);
    assert.deepEqual(JSON.parse((await validate(['-q', '--format', 'json', 'literal-secret.json'])).out)[0].diagnostics, []);
  });

  it('--max-warnings N: exit 1 above N warnings, counted even with --quiet; information is not a warning', async () => {
    assert.equal((await validate(['literal-secret.json'])).code, 0);
    assert.equal((await validate(['--max-warnings', '3', 'literal-secret.json'])).code, 0);
    const over = await validate(['--max-warnings', '2', 'literal-secret.json']);
    assert.equal(over.code, 1);
    assert.match(over.err, /3 warnings, more than --max-warnings 2/);
    assert.equal((await validate(['--quiet', '--max-warnings', '0', 'literal-secret.json'])).code, 1);
    assert.equal((await validate(['--max-warnings', '0', 'read-only-ignored.json'])).code, 0);
  });

  it('usage errors exit 2', async () => {
    for (const args of [
      ['--max-warnings', 'many', 'a.json'],
      ['--max-warnings', '1.5', 'a.json'],
      ['--format', 'xml', 'a.json'],
    ]) {
      const { code, err } = await validate(args);
      assert.equal(code, 2, args.join(' '));
      assert.match(err, /validate: /);
    }
  });
});
