/**
 * `plan` over loopback against a stand-in with three environments: each outcome (no change, would
 * create, would update with its diff, error), the exit codes (0 / 2 / 1, usage errors 1 too), the
 * JSON format, that nothing is written, and no secret in any output.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import type { FetchFunction } from '../../../server/src/pingone/http';
import type { PingOneLocal } from '../../pingone-local/server';
import {
  API_KEY,
  BODY,
  envFlags,
  fetch,
  GATEWAY_TOKEN,
  memoryIo,
  run,
  secretEnv,
  withLocal,
  type MemoryIo,
  type Run,
} from './remote-helpers';

const [DEV, STAGING, PROD] = [randomUUID(), randomUUID(), randomUUID()];

const DOC = {
  ...BODY,
  requests: [{ ...BODY.requests[0], url: '{{smsUrl}}' }],
};
const DOC_TEXT = JSON.stringify(DOC, null, 2) + '\n';

function settings(local: PingOneLocal): string {
  const entry = (name: string, environmentId: string, extra: Record<string, unknown> = {}) => ({
    name,
    apiUrl: local.apiBase,
    authUrl: local.authBase,
    environmentId,
    tokenEnvironmentId: local.environmentId,
    clientId: local.clientId,
    variables: { smsUrl: `https://${name}.example.com/sms` },
    ...extra,
  });
  return JSON.stringify({
    'pingone.environments': [entry('dev', DEV), entry('staging', STAGING), entry('prod', PROD, { production: true })],
  });
}

const WRITES = ['create', 'update', 'delete', 'updateNotificationSettings', 'updateNotificationPolicy'];
const writes = (local: PingOneLocal): number => local.state.requests.filter((r) => r.op && WRITES.includes(r.op)).length;

/** dev: sent as is; staging: sent with an older URL (drift); prod: nothing. */
async function seed(io: MemoryIo): Promise<{ devId: string; stagingId: string }> {
  const send = async (env: string, extra: string[] = []): Promise<string> => {
    const r = await run(
      ['send', 'gw.json', '--config', 'settings.json', '--trust-config-urls', '--env', env, '--var-file', 'secrets.env', '--yes', ...extra],
      io,
    );
    assert.equal(r.code, 0, r.err);
    return JSON.parse(r.out).id as string;
  };
  return { devId: await send('dev'), stagingId: await send('staging', ['--var', 'smsUrl=https://old.example.com/sms']) };
}

function files(local: PingOneLocal, extra: Record<string, string> = {}): Record<string, string> {
  return { 'gw.json': DOC_TEXT, 'secrets.env': `apiKey=${API_KEY}\n`, 'settings.json': settings(local), ...extra };
}

describe('cli plan', () => {
  it('one list per environment; no change / would update with the diff / would create; exit 2; nothing written', () =>
    withLocal(
      async (local) => {
        const io = memoryIo({ files: files(local), env: secretEnv(local) });
        const { devId, stagingId } = await seed(io);
        const before = local.state.requests.length;
        const writesBefore = writes(local);

        const r = await run(
          ['plan', 'gw.json', '--config', 'settings.json', '--trust-config-urls', '--all-envs', '--var-file', 'secrets.env'],
          io,
        );
        assert.equal(r.code, 2, r.err);
        assert.equal(writes(local), writesBefore, 'plan writes nothing');
        const ops = local.state.requests.slice(before).map((e) => e.op);
        assert.deepEqual(
          ops.filter((o) => o !== 'token'),
          ['list', 'list', 'list'],
          'one list request per environment',
        );
        assert.match(r.out, new RegExp(`Environment "dev" \\(${DEV}\\):\\n  gw\\.json: no change \\(${devId}\\)`));
        assert.match(r.out, new RegExp(`Environment "staging" \\(${STAGING}\\):\\n  gw\\.json: would update ${stagingId}`));
        assert.match(r.out, new RegExp(`--- PingOne staging ${stagingId}\\n    \\+\\+\\+ gw\\.json\\n    @@ `));
        assert.match(r.out, /\n    -\s+"url": "https:\/\/old\.example\.com\/sms"/);
        assert.match(r.out, /\n    \+\s+"url": "https:\/\/staging\.example\.com\/sms"/);
        const staging = r.out.slice(r.out.indexOf('Environment "staging"'), r.out.indexOf('Environment "prod"'));
        assert.doesNotMatch(staging, /^    [-+].*X-Api-Key/m, 'the header placeholder compares equal');
        assert.match(r.out, /Environment "prod" .*\n  gw\.json: would create a new resource\n    --- \/dev\/null/);
        assert.match(r.out, /Plan: 1 to create, 1 to update, 1 unchanged, 0 errors \(3 environments\)\./);
      },
      { environmentIds: [DEV, STAGING, PROD] },
    ));

  it('exit 0 when nothing would change (one environment, by --env or by flags)', () =>
    withLocal(
      async (local) => {
        const io = memoryIo({ files: files(local), env: secretEnv(local) });
        await seed(io);
        const byName = await run(['plan', 'gw.json', '--config', 'settings.json', '--trust-config-urls', '--env', 'dev'], io);
        assert.equal(byName.code, 0, byName.out + byName.err);
        assert.match(byName.out, /Plan: 0 to create, 0 to update, 1 unchanged, 0 errors \(1 environment\)/);
        // By flags: the environment has no variables, so the URL comes from --var.
        const flags = [...envFlags(local, STAGING), '--var', 'smsUrl=https://old.example.com/sms'];
        assert.equal((await run(['plan', 'gw.json', ...flags], io)).code, 0);
        const drift = await run(['plan', 'gw.json', ...envFlags(local, STAGING), '--var', 'smsUrl=https://new.example.com/sms'], io);
        assert.equal(drift.code, 2, drift.err);
      },
      { environmentIds: [DEV, STAGING, PROD] },
    ));

  it('errors exit 1 even beside drift: a broken file, an ambiguous match, usage and configuration errors', () =>
    withLocal(
      async (local) => {
        const io = memoryIo({
          files: files(local, { 'broken.json': '{"provider": "CUSTOM_PROVIDER", ' }),
          env: secretEnv(local),
        });
        await seed(io);
        const all = ['--config', 'settings.json', '--trust-config-urls', '--all-envs'];
        const r = await run(['plan', 'gw.json', 'broken.json', 'missing.json', ...all], io);
        assert.equal(r.code, 1);
        assert.match(r.out, /broken\.json: error: broken\.json has \d+ errors? /);
        assert.match(r.out, /missing\.json: error: cannot read missing\.json: ENOENT/);
        assert.match(r.out, /gw\.json: would update/);

        // Two resources with the same provider and name in dev: which one the file is cannot be told.
        const { PingOneClient } = await import('../../../server/src/pingone/api');
        const client = new PingOneClient({
          fetch,
          apiBase: local.apiBase,
          environmentId: DEV,
          credentials: {
            authBase: local.authBase,
            tokenEnvironmentId: local.environmentId,
            clientId: local.clientId,
            clientSecret: local.clientSecret,
          },
        });
        assert.equal(
          (
            await client.create({
              ...DOC,
              authentication: { method: 'BEARER', authToken: 'x' },
              requests: [{ ...DOC.requests[0], url: 'https://x.example.com' }],
            })
          ).kind,
          'ok',
        );
        const ambiguous = await run(['plan', 'gw.json', '--config', 'settings.json', '--trust-config-urls', '--env', 'dev'], io);
        assert.equal(ambiguous.code, 1);
        assert.match(ambiguous.out, /gw\.json: error: 2 resources in "dev" match gw\.json/);

        for (const args of [
          ['plan'],
          ['plan', 'gw.json', ...all, '--format', 'xml'],
          ['plan', 'gw.json', '--all-envs'],
          ['plan', 'gw.json', ...all, '--env', 'dev'],
          ['plan', 'gw.json', ...all, '--no-such-option'],
          ['plan', 'gw.json', '--config', 'settings.json', '--trust-config-urls'],
          ['plan', 'gw.json', '--config', 'settings.json', '--trust-config-urls', '--env', 'nope'],
        ]) {
          const u = await run(args, io);
          assert.equal(u.code, 1, `${args.join(' ')} → ${u.code}: ${u.err}`);
          assert.match(u.err, /^pingone-phone-delivery plan: /);
        }
        const noSecret = await run(['plan', 'gw.json', ...all], memoryIo({ files: files(local), env: {} }));
        assert.equal(noSecret.code, 1);
        assert.match(noSecret.err, /PINGONE_CLIENT_SECRET/);
        assert.equal((await run(['plan', '--help'], io)).code, 0);
        assert.equal((await run(['help', 'plan'], io)).code, 0);
      },
      { environmentIds: [DEV, STAGING, PROD] },
    ));

  it('an environment that cannot be listed is an error of that environment only', () =>
    withLocal(
      async (local) => {
        const io = memoryIo({ files: files(local), env: secretEnv(local) });
        await seed(io);
        // The first environment's list and its 3 retries.
        local.control({ faults: [{ type: 'server-error', op: 'list', status: 503, count: 4 }] });
        const r = await run(['plan', 'gw.json', '--config', 'settings.json', '--trust-config-urls', '--all-envs', '--format', 'json'], io);
        assert.equal(r.code, 1, r.err);
        const json = JSON.parse(r.out) as { environments: { name: string; error?: string; files: { outcome: string }[] }[] };
        assert.equal(json.environments[0].name, 'dev');
        assert.match(json.environments[0].error ?? '', /503/);
        assert.deepEqual(
          json.environments.map((e) => e.files[0].outcome),
          ['error', 'update', 'create'],
        );
      },
      { environmentIds: [DEV, STAGING, PROD] },
    ));

  it('--format json for scripts', () =>
    withLocal(
      async (local) => {
        const io = memoryIo({ files: files(local), env: secretEnv(local) });
        const { devId, stagingId } = await seed(io);
        const r = await run(['plan', 'gw.json', '--config', 'settings.json', '--trust-config-urls', '--all-envs', '--format', 'json'], io);
        assert.equal(r.code, 2, r.err);
        const json = JSON.parse(r.out) as {
          drift: boolean;
          exitCode: number;
          summary: Record<string, number>;
          environments: { name: string; environmentId: string; files: { file: string; outcome: string; id?: string; diff?: string }[] }[];
        };
        assert.equal(json.drift, true);
        assert.equal(json.exitCode, 2);
        assert.deepEqual(json.summary, { 'no-change': 1, create: 1, update: 1, error: 0 });
        assert.deepEqual(
          json.environments.map((e) => [e.name, e.environmentId, e.files[0].outcome, e.files[0].id]),
          [
            ['dev', DEV, 'no-change', devId],
            ['staging', STAGING, 'update', stagingId],
            ['prod', PROD, 'create', undefined],
          ],
        );
        assert.match(json.environments[1].files[0].diff ?? '', /^--- PingOne staging .*\n\+\+\+ gw\.json\n@@ /);
      },
      { environmentIds: [DEV, STAGING, PROD] },
    ));

  it('no secret in any output: client secret, access tokens, the write-only field, the echoed header', () =>
    withLocal(
      async (local) => {
        const tokens: string[] = [];
        const spy: FetchFunction = async (input, init) => {
          const res = await fetch(input, init);
          if (String(input).endsWith('/as/token') && res.ok)
            tokens.push(((await res.clone().json()) as { access_token: string }).access_token);
          return res;
        };
        // A literal API key in one file (a header PingOne echoes), then rotated in the file: the diff shows neither value.
        const OTHER_KEY = 'gw-api-key-other-7777aa';
        const literal = {
          ...DOC,
          name: 'Literal',
          requests: [{ ...DOC.requests[0], headers: { ...DOC.requests[0].headers, 'X-Api-Key': OTHER_KEY } }],
        };
        const io = memoryIo({ files: files(local, { 'literal.json': JSON.stringify(literal) }), env: secretEnv(local), fetch: spy });
        await seed(io);
        const lit = await run(
          [
            'send',
            'literal.json',
            '--config',
            'settings.json',
            '--trust-config-urls',
            '--env',
            'staging',
            '--var-file',
            'secrets.env',
            '--yes',
          ],
          io,
        );
        assert.equal(lit.code, 0, lit.err);
        const NEW_KEY = 'gw-api-key-rotated-8888bb';
        io.files.set(
          'literal.json',
          JSON.stringify({
            ...literal,
            requests: [{ ...literal.requests[0], headers: { ...literal.requests[0].headers, 'X-Api-Key': NEW_KEY } }],
          }),
        );
        const runs: Run[] = [];
        const all = ['--config', 'settings.json', '--trust-config-urls', '--all-envs'];
        runs.push(await run(['plan', 'gw.json', 'literal.json', ...all, '--var-file', 'secrets.env', '--verbose'], io));
        runs.push(await run(['plan', 'gw.json', 'literal.json', ...all, '--format', 'json'], io));
        local.control({ expireTokens: true, faults: [{ type: 'server-error', op: 'list', status: 500, count: 4 }] });
        runs.push(await run(['plan', 'gw.json', ...all], io));
        runs.push(await run(['plan', 'gw.json', ...all, '--client-secret', local.clientSecret], io));
        assert.deepEqual(
          runs.map((r) => r.code),
          [2, 2, 1, 1],
        );
        const haystack = runs.flatMap((r) => [r.out, r.err]).join('\n');
        assert.match(haystack, /literal\.json: would update .* \(the difference is in values not shown\)/);
        assert.ok(tokens.length >= 3);
        const needles: Record<string, string> = { clientSecret: local.clientSecret, GATEWAY_TOKEN, API_KEY, OTHER_KEY, NEW_KEY };
        for (const [name, value] of Object.entries(needles)) assert.ok(!haystack.includes(value), `${name} leaked`);
        tokens.forEach((t, i) => assert.ok(!haystack.includes(t), `access token ${i} leaked`));
      },
      { environmentIds: [DEV, STAGING, PROD] },
    ));
});
