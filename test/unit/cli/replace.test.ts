/**
 * `replace FILE` and `delete --remove-references` over loopback, with the fallback chain and two
 * notification policies naming the provider; a fault in the middle of a replace, what exists
 * afterwards, the command that finishes it; and no secret in any output.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PingOneLocal } from '../../pingone-local/server';
import { createPolicy, policyBody, policyChains } from '../pingone/policy-setup';
import {
  API_KEY,
  defaultFiles,
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
import type { FetchFunction } from '../../../server/src/pingone/http';

async function setUp(local: PingOneLocal, io: MemoryIo): Promise<string> {
  const r = await run(['send', 'gw.json', ...envFlags(local), '--var-file', 'secrets.env', '--yes'], io);
  assert.equal(r.code, 0, r.err);
  const id = JSON.parse(r.out).id as string;
  const token = await (await import('../pingone/helpers')).bearer(local);
  const put = await fetch(`${local.apiBase}/environments/${local.environmentId}/notificationsSettings`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ smsProvidersFallbackChain: [id, 'PINGONE_TWILIO'] }),
  });
  assert.equal(put.status, 200);
  await createPolicy(local, local.environmentId, policyBody('Europe first', [[id], [id]], [['FR']]));
  await createPolicy(local, local.environmentId, policyBody('Only this', [[id]]));
  return id;
}

describe('cli delete --remove-references', () => {
  it('lists the references and refuses; --remove-references removes each (reported) and deletes', () =>
    withLocal(async (local) => {
      const io = memoryIo({ files: defaultFiles(), env: secretEnv(local) });
      const id = await setUp(local, io);
      const dry = await run(['delete', '--id', id, ...envFlags(local)], io);
      assert.equal(dry.code, 2);
      assert.match(dry.err, /is referenced in .* at:\n  position 1 of the SMS\/voice fallback chain/);
      const refused = await run(['delete', '--id', id, ...envFlags(local), '--yes'], io);
      assert.equal(refused.code, 1);
      assert.match(refused.err, /condition 1 \(SMS\+VOICE, FR\) of notification policy "Europe first"/);
      assert.match(refused.err, /condition 1 \(SMS\+VOICE, other countries\) of notification policy "Only this"/);
      assert.match(refused.err, /would leave 4 references/);
      assert.equal(local.state.resources().length, 1);

      const done = await run(['delete', '--id', id, ...envFlags(local), '--yes', '--remove-references'], io);
      assert.equal(done.code, 0, done.err);
      assert.match(
        done.err,
        /Removed .* from the SMS\/voice fallback chain.*\nRemoved .* from notification policy "Europe first".*\nRemoved .* from notification policy "Only this".*\nDeleted /,
      );
      assert.equal(JSON.parse(done.out).referencesRemovedFrom.length, 3);
      assert.equal(local.state.resources().length, 0);
      assert.deepEqual(policyChains(local, local.environmentId), {
        'Default Notification Policy': [],
        'Europe first': [[], []],
        'Only this': [[]],
      });
    }));
});

describe('cli replace', () => {
  it('without --yes says what it would do; with it creates, rewires, deletes', () =>
    withLocal(async (local) => {
      const io = memoryIo({ files: defaultFiles(), env: secretEnv(local) });
      const oldId = await setUp(local, io);
      const flags = [...envFlags(local), '--var-file', 'secrets.env'];
      const dry = await run(['replace', 'gw.json', ...flags], io);
      assert.equal(dry.code, 2);
      assert.match(dry.err, /1\. create a new CUSTOM_PROVIDER from gw\.json\n  2\. rewire 4 references:\n/);
      assert.equal(local.state.resources().length, 1);

      const r = await run(['replace', 'gw.json', ...flags, '--yes'], io);
      assert.equal(r.code, 0, r.err);
      const newId = JSON.parse(r.out).id as string;
      assert.notEqual(newId, oldId);
      assert.match(r.err, /create: create the new provider .*: done\n  rewire: the SMS\/voice fallback chain .*: done\n/);
      assert.deepEqual(
        local.state.resources().map((p) => p.id),
        [newId],
      );
      assert.deepEqual(local.state.notificationSettings().smsProvidersFallbackChain, [newId, 'PINGONE_TWILIO']);
      assert.deepEqual(policyChains(local, local.environmentId)['Europe first'], [[newId], [newId]]);
    }));

  it('a fault on the second policy: exit 1, says what exists and references what, and --resume finishes', () =>
    withLocal(async (local) => {
      let policyPuts = 0;
      const spy: FetchFunction = (input, init) => {
        if (init?.method === 'PUT' && /\/notificationsPolicies\//.test(String(input)) && ++policyPuts === 2)
          local.control({ faults: [{ type: 'server-error', op: 'updateNotificationPolicy', status: 503, count: 10 }] });
        return fetch(input, init);
      };
      const io = memoryIo({ files: defaultFiles(), env: secretEnv(local), fetch: spy });
      const oldId = await setUp(local, io);
      const flags = [...envFlags(local), '--var-file', 'secrets.env'];
      const r = await run(['replace', 'gw.json', ...flags, '--yes'], io);
      assert.equal(r.code, 1, r.err);
      const newId = local.state.resources().find((p) => p.id !== oldId)!.id as string;
      // What exists afterwards: both; the chain and "Europe first" name the new one, "Only this" the old one.
      assert.equal(local.state.resources().length, 2);
      assert.deepEqual(local.state.notificationSettings().smsProvidersFallbackChain, [newId, 'PINGONE_TWILIO']);
      assert.deepEqual(policyChains(local, local.environmentId)['Europe first'], [[newId], [newId]]);
      assert.deepEqual(policyChains(local, local.environmentId)['Only this'], [[oldId]]);
      assert.match(r.err, /rewire: notification policy "Only this" .*: FAILED/);
      assert.match(r.err, /delete: delete .*: not run/);
      assert.match(r.err, new RegExp(`The new provider ${newId} exists and is referenced by .*"Europe first"`));
      assert.match(r.err, new RegExp(`the old provider ${oldId} still exists and is referenced by .*"Only this"`));
      const finish = new RegExp(`To finish: pingone-phone-delivery replace gw\\.json --id ${oldId} --resume ${newId} --yes`);
      assert.match(r.err, finish);

      local.control({ clearFaults: true });
      const resumed = await run(['replace', 'gw.json', ...flags, '--id', oldId, '--resume', newId, '--yes'], io);
      assert.equal(resumed.code, 0, resumed.err);
      assert.match(resumed.err, /create: use the existing new provider .*: skipped/);
      assert.deepEqual(
        local.state.resources().map((p) => p.id),
        [newId],
      );
      assert.deepEqual(policyChains(local, local.environmentId)['Only this'], [[newId]]);
    }));

  it('refuses bad usage, a file with errors, and an unknown provider; production needs --production-ok', () =>
    withLocal(async (local) => {
      const io = memoryIo({ files: { ...defaultFiles(), 'bad.json': '{"provider": 1}' }, env: secretEnv(local) });
      const flags = [...envFlags(local), '--var-file', 'secrets.env'];
      assert.equal((await run(['replace', ...flags], io)).code, 2);
      assert.equal((await run(['replace', 'bad.json', ...flags, '--yes'], io)).code, 1);
      const none = await run(['replace', 'gw.json', ...flags, '--yes'], io);
      assert.equal(none.code, 1);
      assert.match(none.err, /no resource .* is bound to gw\.json/);
      assert.equal((await run(['replace', 'gw.json', ...flags, '--id', 'nope', '--yes'], io)).code, 1);
    }));

  it('no secret in any output of replace and delete', () =>
    withLocal(
      async (local) => {
        const tokens: string[] = [];
        let breakPolicies = false;
        const spy: FetchFunction = async (input, init) => {
          if (breakPolicies && init?.method === 'PUT' && /\/notificationsPolicies\//.test(String(input)))
            local.control({ faults: [{ type: 'server-error', op: 'updateNotificationPolicy', status: 503, count: 10 }] });
          const res = await fetch(input, init);
          if (String(input).endsWith('/as/token') && res.ok)
            tokens.push(((await res.clone().json()) as { access_token: string }).access_token);
          return res;
        };
        const io = memoryIo({ files: defaultFiles(), env: secretEnv(local), fetch: spy });
        const oldId = await setUp(local, io);
        const flags = [...envFlags(local), '--var-file', 'secrets.env', '--verbose'];
        const runs: Run[] = [];
        runs.push(await run(['replace', 'gw.json', ...flags], io));
        breakPolicies = true;
        runs.push(await run(['replace', 'gw.json', ...flags, '--yes'], io));
        breakPolicies = false;
        local.control({ clearFaults: true });
        const newId = local.state.resources().find((p) => p.id !== oldId)!.id as string;
        runs.push(await run(['replace', 'gw.json', ...flags, '--id', oldId, '--resume', newId, '--yes'], io));
        runs.push(await run(['delete', '--id', newId, ...flags, '--yes'], io));
        runs.push(await run(['delete', '--id', newId, ...flags, '--yes', '--remove-references'], io));
        assert.deepEqual(
          runs.map((r) => r.code),
          [2, 1, 0, 1, 0],
        );
        const haystack = runs.flatMap((r) => [r.out, r.err]).join('\n');
        assert.ok(tokens.length >= 1);
        for (const [name, value] of Object.entries({ clientSecret: local.clientSecret, GATEWAY_TOKEN, API_KEY }))
          assert.ok(!haystack.includes(value), `${name} leaked`);
        tokens.forEach((t, i) => assert.ok(!haystack.includes(t), `access token ${i} leaked`));
      },
      { tokenFormat: 'jwt' },
    ));
});
