/**
 * The command-line tool as a user runs it: `node dist/cli.js` (built by `npm run build`) on temp
 * files and standard input. Exit statuses, both output formats, read and usage errors.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';

// Compiled to out/test/unit/cli/.
const ROOT = resolve(__dirname, '../../../..');
const CLI_JS = resolve(ROOT, 'dist/cli.js');

const VALID = '{"provider": "CUSTOM_TWILIO", "sid": "AC00000000000000000000000000000000", "authToken": "{{twilioAuthToken}}"}\n';
// A literal secret is a warning, not an error.
const WARNING_ONLY = '{"provider": "CUSTOM_TWILIO", "sid": "AC00000000000000000000000000000000", "authToken": "plainsecret"}\n';
// `5` on line 3, column 10 (1-based).
const WRONG_TYPE = '{\n  "provider": "CUSTOM_TWILIO",\n  "sid": 5,\n  "authToken": "{{twilioAuthToken}}"\n}\n';
const MISSING = '{"provider": "CUSTOM_PROVIDER", "name": "x"}';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  lines: string[];
}

let dir: string;

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function cli(args: string[], input?: string): Run {
  // Not the GitHub Actions variables of a CI that runs these tests: paths are relative to `dir`, no job summary.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GITHUB_')));
  const result = spawnSync(process.execPath, [CLI_JS, ...args], { cwd: dir, input: input ?? '', encoding: 'utf8', env });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, lines: result.stdout.split('\n').filter(Boolean) };
}

/** `file:line:col severity code message` */
const LINE = /^(.+):(\d+):(\d+) (error|warning|information|hint) (\S+) (.+)$/;

function parsed(line: string) {
  const m = LINE.exec(line);
  assert.ok(m, `not file:line:col severity code message: ${line}`);
  return { file: m[1], line: Number(m[2]), col: Number(m[3]), severity: m[4], code: m[5], message: m[6] };
}

before(() => {
  assert.ok(existsSync(CLI_JS), `${CLI_JS} is missing: run \`npm run build\` first`);
  dir = mkdtempSync(join(tmpdir(), 'pingone-cli-'));
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('cli validate: exit status', () => {
  it('0 for a body without errors', () => {
    const run = cli(['validate', file('valid.json', VALID)]);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.ok(run.lines.every((l) => parsed(l).severity !== 'error'));
  });

  it('0 when there are only warnings, which are printed', () => {
    const run = cli(['validate', file('warning.json', WARNING_ONLY)]);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    const lines = run.lines.map(parsed);
    assert.ok(
      lines.some((l) => l.severity === 'warning' && l.code === 'literal-secret'),
      run.stdout,
    );
  });

  it('1 when some file has an error, and every file is reported', () => {
    const bad = file('bad.json', WRONG_TYPE);
    const good = file('good.json', VALID);
    const missing = file('missing.json', MISSING);
    const run = cli(['validate', good, bad, missing]);
    assert.equal(run.status, 1, run.stderr);
    const lines = run.lines.map(parsed);
    assert.ok(lines.some((l) => l.file === bad && l.code === 'invalid-type'));
    assert.ok(lines.some((l) => l.file === missing && l.code === 'missing-property'));
    assert.ok(!lines.some((l) => l.file === good && l.severity === 'error'));
    assert.equal(run.stderr, '');
  });

  it('1 for an empty file: invalid-json, "The document is empty"', () => {
    for (const text of ['', '  \n\t\n']) {
      const path = file('empty.json', text);
      const run = cli(['validate', path]);
      assert.equal(run.status, 1);
      const [line, ...rest] = run.lines.map(parsed);
      assert.deepEqual(rest, []);
      assert.deepEqual([line.file, line.line, line.col, line.severity, line.code], [path, 1, 1, 'error', 'invalid-json']);
      assert.match(line.message, /The document is empty/);
    }
  });

  it('1 for text that is not JSON', () => {
    const run = cli(['validate', file('broken.json', '{"provider": ')]);
    assert.equal(run.status, 1);
    assert.ok(run.lines.map(parsed).some((l) => l.code === 'invalid-json'));
  });
});

describe('cli validate: text format', () => {
  it('prints file:line:col severity code message with 1-based line and column', () => {
    const path = file('wrong-type.json', WRONG_TYPE);
    const run = cli(['validate', path]);
    const wrong = run.lines.map(parsed).find((l) => l.code === 'invalid-type');
    assert.ok(wrong, run.stdout);
    assert.deepEqual([wrong.file, wrong.line, wrong.col, wrong.severity], [path, 3, 10, 'error']);
    assert.ok(wrong.message.length > 0);
  });

  it('prints the path as given and accepts --format text', () => {
    file('relative.json', WRONG_TYPE);
    const run = cli(['validate', '--format', 'text', 'relative.json']);
    assert.ok(run.lines.length > 0);
    assert.ok(run.lines.every((l) => l.startsWith('relative.json:')));
  });
});

describe('cli validate: json format', () => {
  it('prints an array of { file, diagnostics } with LSP diagnostics and 0-based ranges', () => {
    const bad = file('wrong-type.json', WRONG_TYPE);
    const good = file('valid.json', VALID);
    const run = cli(['validate', '--format=json', bad, good]);
    assert.equal(run.status, 1);
    const results = JSON.parse(run.stdout);
    assert.ok(Array.isArray(results));
    assert.deepEqual(
      results.map((r: { file: string }) => r.file),
      [bad, good],
    );
    for (const r of results) assert.deepEqual(Object.keys(r).sort(), ['diagnostics', 'file']);
    const wrong = results[0].diagnostics.find((d: { code: string }) => d.code === 'invalid-type');
    assert.ok(wrong, run.stdout);
    assert.deepEqual(wrong.range, { start: { line: 2, character: 9 }, end: { line: 2, character: 10 } });
    assert.equal(wrong.severity, 1);
    assert.equal(wrong.source, 'pingone');
    assert.equal(typeof wrong.message, 'string');
  });

  it('prints an entry for a file without errors', () => {
    const run = cli(['validate', '-f', 'json', file('valid.json', VALID)]);
    assert.equal(run.status, 0);
    const results = JSON.parse(run.stdout);
    assert.equal(results.length, 1);
    assert.ok(results[0].diagnostics.every((d: { severity: number }) => d.severity !== 1));
  });

  it('reports the empty file as an invalid-json error at 0:0', () => {
    const run = cli(['validate', '--format', 'json', file('empty.json', '')]);
    assert.equal(run.status, 1);
    const [result] = JSON.parse(run.stdout);
    assert.deepEqual(
      result.diagnostics.map((d: { code: string }) => d.code),
      ['invalid-json'],
    );
    assert.deepEqual(result.diagnostics[0].range.start, { line: 0, character: 0 });
  });
});

describe('cli validate: standard input', () => {
  it('reads - from stdin', () => {
    const run = cli(['validate', '-'], WRONG_TYPE);
    assert.equal(run.status, 1);
    const wrong = run.lines.map(parsed).find((l) => l.code === 'invalid-type');
    assert.ok(wrong);
    assert.deepEqual([wrong.file, wrong.line, wrong.col], ['<stdin>', 3, 10]);
  });

  it('reads a clean body from stdin', () => {
    assert.equal(cli(['validate', '-'], VALID).status, 0);
  });

  it('treats empty stdin as an empty document', () => {
    const run = cli(['validate', '--format', 'json', '-'], '');
    assert.equal(run.status, 1);
    assert.deepEqual(JSON.parse(run.stdout)[0].file, '<stdin>');
  });
});

describe('cli: usage and read errors exit 2', () => {
  const cases: [string, string[]][] = [
    ['no arguments', []],
    ['an unknown command', ['lint', 'x.json']],
    ['an unknown option', ['validate', '--nope', 'x.json']],
    ['no files', ['validate']],
    ['an unknown format', ['validate', '--format', 'xml', 'x.json']],
    ['a format without value', ['validate', '--format']],
  ];
  for (const [title, args] of cases) {
    it(title, () => {
      const run = cli(args);
      assert.equal(run.status, 2);
      assert.equal(run.stdout, '');
      assert.ok(run.stderr.length > 0);
    });
  }

  it('a file that does not exist, after reporting the readable ones', () => {
    const bad = file('bad.json', WRONG_TYPE);
    const run = cli(['validate', join(dir, 'nope.json'), bad]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /nope\.json/);
    assert.ok(run.lines.map(parsed).some((l) => l.file === bad && l.code === 'invalid-type'));
  });

  it('a directory', () => {
    const sub = join(dir, 'sub');
    mkdirSync(sub, { recursive: true });
    const run = cli(['validate', sub]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /sub/);
  });
});

describe('cli: help', () => {
  it('--help lists the commands', () => {
    const run = cli(['--help']);
    assert.equal(run.status, 0);
    assert.match(run.stdout, /Usage: .*<command>/);
    assert.match(run.stdout, /validate/);
  });

  it('validate --help and help validate show the validate usage', () => {
    for (const args of [
      ['validate', '--help'],
      ['help', 'validate'],
      ['validate', '-h'],
    ]) {
      const run = cli(args);
      assert.equal(run.status, 0);
      assert.match(run.stdout, /validate \[options\] FILE/);
      for (const option of ['--format FORMAT', 'sarif:', 'github:', '--quiet', '--max-warnings N'])
        assert.ok(run.stdout.includes(option), option);
      assert.match(run.stdout, /Exit status/);
    }
  });
});

describe('cli: the built tool in the CI formats', () => {
  it('--format sarif and --format github from dist/cli.js, with the version of package.json', () => {
    const bad = file('ci.json', WRONG_TYPE);
    const sarif = cli(['validate', '--format', 'sarif', bad]);
    assert.equal(sarif.status, 1, sarif.stderr);
    const log = JSON.parse(sarif.stdout);
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
    assert.equal(log.runs[0].tool.driver.version, version);
    assert.equal(log.runs[0].results[0].ruleId, 'invalid-type');
    assert.equal(cli(['--version']).stdout, `${version}\n`);
    const github = cli(['validate', '--format', 'github', 'ci.json']);
    assert.equal(github.status, 1);
    assert.equal(
      github.lines[0],
      '::error file=ci.json,line=3,endLine=3,col=10,endColumn=11,title=pingone-phone-delivery%3A invalid-type::"sid" must be a string, not a number. Write it in quotes: "5".',
    );
  });
});
