/**
 * The built tool as CI runs it: `node dist/cli.js send|pull|delete` (after `npm run build`) as a
 * child process, with the secrets in its environment, against a stand-in started by the test.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { PingOneLocal } from '../../pingone-local/server';
import { API_KEY, BODY_TEXT, envFlags, GATEWAY_TOKEN, positionOf, withLocal } from './remote-helpers';

// Compiled to out/test/unit/cli/.
const ROOT = resolve(__dirname, '../../../..');
const CLI_JS = resolve(ROOT, 'dist/cli.js');

interface Spawned {
  code: number | null;
  out: string;
  err: string;
}

let dir: string;

/** Asynchronous on purpose: the stand-in answers from this very process. */
function cli(args: string[], env: Record<string, string>): Promise<Spawned> {
  // A clean environment: no PINGONE_* or proxy variables of the machine running the tests.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^PINGONE_|_proxy$/i.test(k)));
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI_JS, ...args], {
      cwd: dir,
      env: { ...inherited, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, out, err }));
  });
}

before(() => {
  assert.ok(existsSync(CLI_JS), `${CLI_JS} is missing: run \`npm run build\` first`);
  dir = mkdtempSync(join(tmpdir(), 'pingone-cli-send-'));
  writeFileSync(join(dir, 'gw.json'), BODY_TEXT);
  writeFileSync(join(dir, 'secrets.json'), JSON.stringify({ apiKey: API_KEY }));
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('node dist/cli.js against the local PingOne', () => {
  it('send creates with --yes, a rejection exits 1 at file:line:col, pull writes a file, delete --yes deletes; no secret anywhere', () =>
    withLocal(async (local: PingOneLocal) => {
      const env = { PINGONE_CLIENT_SECRET: local.clientSecret, PINGONE_VAR_gatewayAuthToken: GATEWAY_TOKEN };
      const outputs: string[] = [];
      const keep = (s: Spawned): Spawned => {
        outputs.push(s.out, s.err);
        return s;
      };

      const created = keep(await cli(['send', 'gw.json', ...envFlags(local), '--var-file', 'secrets.json', '--yes', '--verbose'], env));
      assert.equal(created.code, 0, created.err);
      const id = JSON.parse(created.out).id;
      assert.deepEqual(
        local.state.resources().map((r) => r.id),
        [id],
      );
      assert.match(created.err, /^POST http:\/\/127\.0\.0\.1:\d+\/v1\/environments\/[^ ]+ → 201 \(\d+ ms\) \[[0-9a-f-]{36}\]$/m);

      local.control({ rejectFields: ['requests[0].url'] });
      const rejected = keep(await cli(['send', 'gw.json', ...envFlags(local), '--var-file', 'secrets.json'], env));
      assert.equal(rejected.code, 1, rejected.err);
      const at = positionOf(BODY_TEXT, '"https://sms.example.com/send"');
      assert.match(rejected.err, new RegExp(`gw\\.json:${at.line}:${at.col} requests\\[0\\]\\.url: INVALID_VALUE`));
      local.control({ rejectFields: null });

      const noSecret = keep(
        await cli(['send', 'gw.json', ...envFlags(local), '--var-file', 'secrets.json'], { PINGONE_VAR_gatewayAuthToken: GATEWAY_TOKEN }),
      );
      assert.equal(noSecret.code, 2);
      assert.match(noSecret.err, /PINGONE_CLIENT_SECRET/);

      const pulled = keep(await cli(['pull', '--id', id, '-o', 'pulled.json', ...envFlags(local), '--var-file', 'secrets.json'], env));
      assert.equal(pulled.code, 0, pulled.err);
      const doc = JSON.parse(readFileSync(join(dir, 'pulled.json'), 'utf8'));
      assert.equal(doc.requests[0].headers['X-Api-Key'], '{{apiKey}}');
      const sentBack = keep(await cli(['send', 'pulled.json', ...envFlags(local), '--var-file', 'secrets.json'], env));
      assert.equal(sentBack.code, 0, sentBack.err);
      assert.equal(local.state.resources().length, 1);

      const deleted = keep(await cli(['delete', 'pulled.json', ...envFlags(local), '--yes'], env));
      assert.equal(deleted.code, 0, deleted.err);
      assert.equal(local.state.resources().length, 0);

      const files = readdirSync(dir)
        .filter((f) => f !== 'secrets.json')
        .map((f) => readFileSync(join(dir, f), 'utf8'));
      const haystack = [...outputs, ...files].join('\n');
      for (const [name, value] of Object.entries({ clientSecret: local.clientSecret, GATEWAY_TOKEN, API_KEY }))
        assert.ok(!haystack.includes(value), `${name} leaked`);
    }));
});
