import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deleteProvider } from '../../../server/src/workflow/delete';
import { replaceProvider } from '../../../server/src/workflow/replace';
import {
  chainEdit,
  describeReference,
  policyChainEdit,
  readUsage,
  referenceEdits,
  referencesTo,
  usageByProvider,
  type EnvironmentUsage,
} from '../../../server/src/workflow/usage';
import type { NotificationPolicy } from '../../../server/src/pingone/types';
import { PingOneClient } from '../../../server/src/pingone/api';
import type { FetchFunction } from '../../../server/src/pingone/http';
import { customProvider, expectOk, FAST, fetch, withHarness, type Harness } from '../pingone/helpers';
import { createPolicy, policyBody, policyChains } from '../pingone/policy-setup';

const policy = (id: string, name: string, chains: string[][]): NotificationPolicy =>
  ({ id, ...policyBody(name, chains), _links: {}, createdAt: 'c', updatedAt: 'u' }) as unknown as NotificationPolicy;

const USAGE: EnvironmentUsage = {
  settings: { _links: {}, environment: { id: 'env' }, smsProvidersFallbackChain: ['A', 'PINGONE_TWILIO', 'B'], updatedAt: 'x' },
  policies: [policy('p1', 'Europe first', [['B', 'A'], ['A']]), policy('p2', 'Plain', [['C']])],
};

describe('usage (pure)', () => {
  it('lists every reference of an id: chain position, then policy, condition and position', () => {
    const refs = referencesTo(USAGE, 'A');
    assert.deepEqual(refs, [
      { kind: 'chain', position: 0 },
      {
        kind: 'policy',
        policyId: 'p1',
        policyName: 'Europe first',
        condition: 0,
        deliveryMethods: ['SMS', 'VOICE'],
        countries: ['US'],
        position: 1,
      },
      { kind: 'policy', policyId: 'p1', policyName: 'Europe first', condition: 1, deliveryMethods: ['SMS', 'VOICE'], position: 0 },
    ]);
    assert.equal(describeReference(refs[0]), 'position 1 of the SMS/voice fallback chain (notification settings)');
    assert.equal(describeReference(refs[1]), 'position 2 of condition 1 (SMS+VOICE, US) of notification policy "Europe first" (p1)');
    assert.match(describeReference(refs[2]), /condition 2 \(SMS\+VOICE, other countries\)/);
    assert.deepEqual(referencesTo(USAGE, 'nowhere'), []);
    assert.deepEqual([...usageByProvider(USAGE).keys()].sort(), ['A', 'B', 'C', 'PINGONE_TWILIO']);
  });

  it('removing an id: one PUT body for the settings and one per policy that names it, read-only fields left out', () => {
    const edits = referenceEdits(USAGE, 'A');
    assert.deepEqual(
      edits.map((e) => e.target),
      ['chain', 'policy'],
    );
    assert.deepEqual(edits[0].body, { smsProvidersFallbackChain: ['PINGONE_TWILIO', 'B'] });
    const body = edits[1].body as { providerConfiguration: { conditions: { fallbackChain: unknown }[] }; id?: string; _links?: unknown };
    assert.equal(body.id, undefined);
    assert.equal(body._links, undefined);
    assert.deepEqual(
      body.providerConfiguration.conditions.map((c) => c.fallbackChain),
      [[{ id: 'B' }], []],
    );
  });

  it('rewiring keeps the position and never names an id twice', () => {
    const edits = referenceEdits(USAGE, 'A', 'B');
    assert.deepEqual(edits[0].body.smsProvidersFallbackChain, ['B', 'PINGONE_TWILIO']);
    const conditions = (edits[1].body as { providerConfiguration: { conditions: { fallbackChain: unknown }[] } }).providerConfiguration
      .conditions;
    assert.deepEqual(
      conditions.map((c) => c.fallbackChain),
      [[{ id: 'B' }], [{ id: 'B' }]],
    );
    assert.deepEqual(referenceEdits(USAGE, 'C', 'D')[0].body.providerConfiguration, {
      conditions: [{ deliveryMethods: ['SMS', 'VOICE'], fallbackChain: [{ id: 'D' }] }],
    });
  });

  it('reorder edits for the extension: a new chain, a new order of one condition', () => {
    assert.deepEqual(chainEdit(USAGE, ['B', 'A']).body, { smsProvidersFallbackChain: ['B', 'A'] });
    const e = policyChainEdit(USAGE.policies[0], 0, ['A', 'B']);
    assert.equal(e.target === 'policy' && e.policyId, 'p1');
    const conditions = (e.body as { providerConfiguration: { conditions: { fallbackChain: unknown }[] } }).providerConfiguration.conditions;
    assert.deepEqual(conditions[0].fallbackChain, [{ id: 'A' }, { id: 'B' }]);
    assert.deepEqual(conditions[1].fallbackChain, [{ id: 'A' }]);
  });
});

/** Two providers, the old one in the chain and in two policies (one also naming the other provider). */
async function setUp({ client, local }: Harness): Promise<{ oldId: string; otherId: string }> {
  const oldId = expectOk(await client.create(customProvider('Old'))).id;
  const otherId = expectOk(await client.create(customProvider('Other'))).id;
  expectOk(await client.updateNotificationSettings({ smsProvidersFallbackChain: [oldId, 'PINGONE_TWILIO'] }));
  await createPolicy(local, local.environmentId, policyBody('Europe first', [[otherId, oldId], [oldId]], [['FR']]));
  await createPolicy(local, local.environmentId, policyBody('Only old', [[oldId]]));
  return { oldId, otherId };
}

describe('usage, delete and replace against pingone-local', () => {
  it('reads the usage in two requests', async () => {
    await withHarness(async (h) => {
      const { oldId } = await setUp(h);
      const before = h.local.state.requests.length;
      const usage = expectOk(await readUsage(h.client));
      assert.deepEqual(
        h.local.state.requests
          .slice(before)
          .filter((r) => r.op !== 'token')
          .map((r) => r.op)
          .sort(),
        ['listNotificationPolicies', 'readNotificationSettings'],
      );
      assert.equal(referencesTo(usage, oldId).length, 4);
    });
  });

  it('delete refuses a referenced provider, changes nothing; with removeReferences it takes it out of each place, then deletes', async () => {
    await withHarness(async (h) => {
      const { oldId, otherId } = await setUp(h);
      const refused = await deleteProvider({ client: h.client, id: oldId, removeReferences: false });
      assert.equal(refused.kind, 'refused');
      assert.equal(refused.kind === 'refused' && refused.references.length, 4);
      assert.equal(h.local.state.resources().length, 2);

      const done = await deleteProvider({ client: h.client, id: oldId, removeReferences: true });
      assert.equal(done.kind, 'deleted');
      assert.deepEqual(done.kind === 'deleted' && done.steps.map((s) => [s.edit.target, s.outcome]), [
        ['chain', 'done'],
        ['policy', 'done'],
        ['policy', 'done'],
      ]);
      assert.deepEqual(h.local.state.notificationSettings().smsProvidersFallbackChain, ['PINGONE_TWILIO']);
      assert.deepEqual(policyChains(h.local, h.local.environmentId), {
        'Default Notification Policy': [],
        'Europe first': [[otherId], []],
        'Only old': [[]],
      });
      assert.deepEqual(
        h.local.state.resources().map((r) => r.id),
        [otherId],
      );
      assert.equal(done.kind === 'deleted' && referencesTo(done.usage, oldId).length, 0, 'the returned usage is current');
    });
  });

  it('delete stops at a failed PUT and does not delete; the message says what was removed and what remains', async () => {
    await withHarness(async (h) => {
      const { oldId } = await setUp(h);
      h.local.control({ faults: [{ type: 'server-error', op: 'updateNotificationPolicy', status: 503, count: 10 }] });
      const r = await deleteProvider({ client: h.client, id: oldId, removeReferences: true });
      assert.equal(r.kind, 'references-not-removed');
      const message = r.kind === 'references-not-removed' ? r.message : '';
      assert.match(message, /was not deleted: removing it from notification policy "Europe first"/);
      assert.match(message, /Already removed from: the SMS\/voice fallback chain/);
      assert.match(message, /Still referenced at: .*"Europe first".*"Only old"/);
      assert.equal(h.local.state.resources().length, 2);
      assert.deepEqual(h.local.state.notificationSettings().smsProvidersFallbackChain, ['PINGONE_TWILIO']);
    });
  });

  it('replace creates, rewires the chain and every policy, deletes the old one', async () => {
    await withHarness(async (h) => {
      const { oldId, otherId } = await setUp(h);
      const r = await replaceProvider({ client: h.client, oldId, body: customProvider('New') });
      assert.equal(r.kind, 'replaced');
      const newId = r.kind === 'replaced' ? r.newId : '';
      assert.deepEqual(
        r.steps.map((s) => [s.step, s.outcome]),
        [
          ['create', 'done'],
          ['rewire', 'done'],
          ['rewire', 'done'],
          ['rewire', 'done'],
          ['delete', 'done'],
        ],
      );
      assert.deepEqual(h.local.state.notificationSettings().smsProvidersFallbackChain, [newId, 'PINGONE_TWILIO']);
      assert.deepEqual(policyChains(h.local, h.local.environmentId)['Europe first'], [[otherId, newId], [newId]]);
      assert.deepEqual(policyChains(h.local, h.local.environmentId)['Only old'], [[newId]]);
      assert.deepEqual(
        h.local.state
          .resources()
          .map((p) => p.id)
          .sort(),
        [newId, otherId].sort(),
      );
    });
  });

  it('replace with a fault on the second policy: stops, says what exists and references what; resuming finishes', async () => {
    await withHarness(async (h) => {
      const { oldId, otherId } = await setUp(h);
      // The first policy PUT passes; before the second, the stand-in starts failing policy updates
      // (more 503s than the client retries).
      let puts = 0;
      const spy: FetchFunction = (input, init) => {
        if (init?.method === 'PUT' && /\/notificationsPolicies\//.test(String(input)) && ++puts === 2)
          h.local.control({ faults: [{ type: 'server-error', op: 'updateNotificationPolicy', status: 503, count: 10 }] });
        return fetch(input, init);
      };
      const client = new PingOneClient({
        fetch: spy,
        apiBase: h.local.apiBase,
        environmentId: h.local.environmentId,
        credentials: h.credentials,
        ...FAST,
      });
      const r = await replaceProvider({ client, oldId, body: customProvider('New') });
      assert.equal(r.kind, 'incomplete');
      if (r.kind !== 'incomplete') return;
      const newId = r.newId!;
      assert.deepEqual(
        r.steps.map((s) => [s.step, s.outcome]),
        [
          ['create', 'done'],
          ['rewire', 'done'],
          ['rewire', 'done'],
          ['rewire', 'failed'],
          ['delete', 'not-run'],
        ],
      );
      // What exists afterwards: both providers; the chain and "Europe first" name the new one, "Only old" the old one.
      assert.deepEqual(
        h.local.state
          .resources()
          .map((p) => p.id)
          .sort(),
        [newId, oldId, otherId].sort(),
      );
      assert.deepEqual(h.local.state.notificationSettings().smsProvidersFallbackChain, [newId, 'PINGONE_TWILIO']);
      assert.deepEqual(policyChains(h.local, h.local.environmentId)['Europe first'], [[otherId, newId], [newId]]);
      assert.deepEqual(policyChains(h.local, h.local.environmentId)['Only old'], [[oldId]]);
      assert.equal(r.referencingNew.length, 3);
      assert.equal(r.referencingOld.length, 1);
      assert.match(r.message, /rewiring notification policy "Only old" .* failed/);
      assert.match(r.message, new RegExp(`new provider ${newId} exists and is referenced by position 1 of the SMS/voice fallback chain`));
      assert.match(r.message, new RegExp(`old provider ${oldId} still exists and is referenced by position 1 of condition 1 .*"Only old"`));
      assert.match(r.message, /To finish, run the replace again with the new provider's id/);

      h.local.control({ clearFaults: true });
      const resumed = await replaceProvider({ client: h.client, oldId, newId, body: customProvider('New') });
      assert.equal(resumed.kind, 'replaced');
      assert.deepEqual(
        resumed.steps.map((s) => [s.step, s.outcome]),
        [
          ['create', 'skipped'],
          ['rewire', 'done'],
          ['delete', 'done'],
        ],
      );
      assert.deepEqual(policyChains(h.local, h.local.environmentId)['Only old'], [[newId]]);
      assert.deepEqual(
        h.local.state
          .resources()
          .map((p) => p.id)
          .sort(),
        [newId, otherId].sort(),
      );
    });
  });

  it('replace whose create fails changes nothing', async () => {
    await withHarness(async (h) => {
      const { oldId } = await setUp(h);
      h.local.control({ rejectFields: [{ target: 'name' }] });
      const r = await replaceProvider({ client: h.client, oldId, body: customProvider('New') });
      assert.equal(r.kind, 'incomplete');
      assert.match(r.kind === 'incomplete' ? r.message : '', /Nothing was changed: the new provider could not be created/);
      assert.equal(h.local.state.resources().length, 2);
      assert.equal(referencesTo(expectOk(await readUsage(h.client)), oldId).length, 4);
    });
  });
});
