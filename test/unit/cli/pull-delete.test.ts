/** `pull` and `delete` in process against the local PingOne over real loopback HTTP. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PingOneClient } from '../../../server/src/pingone/api';
import type { PingOneLocal } from '../../pingone-local/server';
import {
  API_KEY,
  BODY,
  defaultFiles,
  envFlags,
  fetch,
  GATEWAY_TOKEN,
  memoryIo,
  run,
  secretEnv,
  withLocal,
  type MemoryIo,
} from './remote-helpers';

async function created(local: PingOneLocal, io: MemoryIo): Promise<string> {
  const r = await run(['send', 'gw.json', ...envFlags(local), '--var-file', 'secrets.env', '--yes'], io);
  assert.equal(r.code, 0, r.err);
  return JSON.parse(r.out).id;
}

describe('cli pull', () => {
  it('pulls to a file (secrets as placeholders), refuses to overwrite it without --force, and the file sent back updates', () =>
    withLocal(async (local) => {
      const io = memoryIo({ files: defaultFiles(), env: secretEnv(local) });
      const id = await created(local, io);

      const pulled = await run(['pull', '--id', id, '-o', 'pulled.json', ...envFlags(local)], io);
      assert.equal(pulled.code, 0, pulled.err);
      assert.equal(pulled.out, '');
      const doc = JSON.parse(io.files.get('pulled.json')!);
      assert.equal(doc.id, id);
      assert.equal(doc.environment.id, local.environmentId);
      assert.equal(doc.createdAt, undefined);
      assert.equal(doc.authentication.authToken, '{{gatewayAuthToken}}');
      // The echoed API key is not written; no var file told its name, so the header names it.
      assert.equal(doc.requests[0].headers['X-Api-Key'], '{{xApiKey}}');
      assert.match(pulled.err, /set PINGONE_VAR_gatewayAuthToken, PINGONE_VAR_xApiKey/);

      const again = await run(['pull', '--id', id, '-o', 'pulled.json', ...envFlags(local)], io);
      assert.equal(again.code, 2);
      assert.match(again.err, /pulled\.json exists/);
      // With the var file, the echoed value goes back to its own placeholder.
      const forced = await run(['pull', '--id', id, '-o', 'pulled.json', '--force', '--var-file', 'secrets.env', ...envFlags(local)], io);
      assert.equal(forced.code, 0, forced.err);
      const doc2 = JSON.parse(io.files.get('pulled.json')!);
      assert.equal(doc2.requests[0].headers['X-Api-Key'], '{{apiKey}}');

      // Edit and send back: the document's id binds it, whatever its name now is.
      doc2.name = 'Renamed gateway';
      io.files.set('pulled.json', JSON.stringify(doc2, null, 2));
      const sent = await run(['send', 'pulled.json', ...envFlags(local), '--var-file', 'secrets.env'], io);
      assert.equal(sent.code, 0, sent.err);
      assert.match(sent.err, /^Updated CUSTOM_PROVIDER "Renamed gateway"/m);
      assert.equal(local.state.resources().length, 1);
      assert.equal(local.state.resources()[0].name, 'Renamed gateway');
      const stored = local.state.storedBody(local.environmentId, id) as {
        authentication: { authToken: string };
        requests: { headers: Record<string, string> }[];
      };
      assert.equal(stored.authentication.authToken, GATEWAY_TOKEN);
      assert.equal(stored.requests[0].headers['X-Api-Key'], API_KEY);
    }));

  it('pulls by name to standard output; an unknown name or id is exit 1', () =>
    withLocal(async (local) => {
      const io = memoryIo({ files: defaultFiles(), env: secretEnv(local) });
      const id = await created(local, io);
      const r = await run(['pull', '--name', 'Gateway', ...envFlags(local)], io);
      assert.equal(r.code, 0, r.err);
      assert.equal(JSON.parse(r.out).id, id);
      const unknown = await run(['pull', '--name', 'Nope', ...envFlags(local)], io);
      assert.equal(unknown.code, 1);
      assert.match(unknown.err, /no phone delivery settings named "Nope".*it has: CUSTOM_PROVIDER "Gateway"/);
      const missing = await run(['pull', '--id', '00000000-0000-4000-8000-000000000000', ...envFlags(local)], io);
      assert.equal(missing.code, 1);
      const usage = await run(['pull', '--id', id, '--name', 'Gateway', ...envFlags(local)], io);
      assert.equal(usage.code, 2);
    }));
});

describe('cli delete', () => {
  it('needs --yes (exit 2, nothing deleted), then deletes the resource a file is bound to', () =>
    withLocal(async (local) => {
      const io = memoryIo({ files: defaultFiles(), env: secretEnv(local) });
      const id = await created(local, io);
      const refused = await run(['delete', 'gw.json', ...envFlags(local)], io);
      assert.equal(refused.code, 2);
      assert.match(refused.err, /would delete CUSTOM_PROVIDER "Gateway" \(.*add --yes/);
      assert.equal(local.state.resources().length, 1);
      const deleted = await run(['delete', 'gw.json', ...envFlags(local), '--yes'], io);
      assert.equal(deleted.code, 0, deleted.err);
      assert.deepEqual(JSON.parse(deleted.out), { id, deleted: true, alreadyDeleted: false });
      assert.equal(local.state.resources().length, 0);
      const gone = await run(['delete', '--id', id, ...envFlags(local), '--yes'], io);
      assert.equal(gone.code, 1);
      assert.match(gone.err, /already deleted\?/);
      const nothing = await run(['delete', 'gw.json', ...envFlags(local), '--yes'], io);
      assert.equal(nothing.code, 1);
      assert.match(nothing.err, /no resource .* is bound to gw\.json/);
    }));

  it('refuses to delete a resource in the fallback chain, unless --remove-references takes it out first', () =>
    withLocal(async (local) => {
      const io = memoryIo({ files: defaultFiles(), env: secretEnv(local) });
      const id = await created(local, io);
      const client = new PingOneClient({
        fetch,
        apiBase: local.apiBase,
        environmentId: local.environmentId,
        credentials: {
          authBase: local.authBase,
          tokenEnvironmentId: local.environmentId,
          clientId: local.clientId,
          clientSecret: local.clientSecret,
        },
      });
      assert.equal((await client.updateNotificationSettings({ smsProvidersFallbackChain: [id, 'PINGONE_TWILIO'] })).kind, 'ok');
      const r = await run(['delete', '--id', id, ...envFlags(local), '--yes'], io);
      assert.equal(r.code, 1, r.err);
      assert.match(r.err, /position 1 of the SMS\/voice fallback chain/);
      assert.match(r.err, /was not deleted: .*--remove-references/);
      assert.equal(local.state.resources().length, 1);
      const removed = await run(['delete', '--id', id, ...envFlags(local), '--yes', '--remove-references'], io);
      assert.equal(removed.code, 0, removed.err);
      assert.match(removed.err, /Removed .* from the SMS\/voice fallback chain/);
      assert.deepEqual(local.state.notificationSettings().smsProvidersFallbackChain, ['PINGONE_TWILIO']);
      assert.equal(local.state.resources().length, 0);
    }));

  it('a DELETE whose answer is lost and that finds 404 on the retry reports "already deleted"', () =>
    withLocal(
      async (local) => {
        const io = memoryIo({ files: defaultFiles(), env: secretEnv(local) });
        const id = await created(local, io);
        const r = await run(['delete', '--id', id, ...envFlags(local), '--yes'], io);
        assert.equal(r.code, 0, r.err);
        assert.match(r.err, /was already deleted/);
        assert.equal(JSON.parse(r.out).alreadyDeleted, true);
        assert.equal(local.state.resources().length, 0);
      },
      { faults: [{ type: 'reset-after', op: 'delete' }] },
    ));

  it('an environment marked production needs --production-ok', () =>
    withLocal(async (local) => {
      const settings = JSON.stringify({
        'pingone.environments': [
          {
            name: 'prod',
            production: true,
            apiUrl: local.apiBase,
            authUrl: local.authBase,
            environmentId: local.environmentId,
            clientId: local.clientId,
          },
        ],
      });
      const io = memoryIo({ files: defaultFiles({ 'settings.json': settings }), env: secretEnv(local) });
      const id = await created(local, io);
      const refused = await run(['delete', '--id', id, '--config', 'settings.json', '--yes', '--trust-config-urls'], io);
      assert.equal(refused.code, 2, refused.err);
      assert.match(refused.err, /"prod" is marked production.*--production-ok/);
      assert.equal(local.state.resources().length, 1);
      const ok = await run(['delete', '--id', id, '--config', 'settings.json', '--yes', '--production-ok', '--trust-config-urls'], io);
      assert.equal(ok.code, 0, ok.err);
      assert.equal(local.state.resources().length, 0);
    }));

  it('FILE or --id, not both', () =>
    withLocal(async (local) => {
      const io = memoryIo({ files: { 'gw.json': JSON.stringify(BODY) }, env: secretEnv(local) });
      assert.equal((await run(['delete', 'gw.json', '--id', 'x', ...envFlags(local)], io)).code, 2);
      assert.equal((await run(['delete', ...envFlags(local)], io)).code, 2);
    }));
});
