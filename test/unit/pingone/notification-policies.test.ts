import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { notificationPoliciesUrl } from '../../../server/src/pingone/endpoints';
import { bearer, customProvider, expectOk, raw, withHarness } from './helpers';
import { createPolicy, policyBody } from './policy-setup';

describe('notification policies (HTTP layer against pingone-local)', () => {
  it('the URL of the collection and of one policy', () => {
    assert.equal(
      notificationPoliciesUrl('https://api.pingone.eu', 'env-1'),
      'https://api.pingone.eu/v1/environments/env-1/notificationsPolicies',
    );
    assert.equal(
      notificationPoliciesUrl('https://api.pingone.eu/v1/', 'env-1', 'a/b'),
      'https://api.pingone.eu/v1/environments/env-1/notificationsPolicies/a%2Fb',
    );
  });

  it('list → read → update, with the default policy every environment starts with', async () => {
    await withHarness(async ({ client, local }) => {
      const [initial] = expectOk(await client.listNotificationPolicies());
      assert.equal(initial.default, true);
      const a = expectOk(await client.create(customProvider('A')));
      const b = expectOk(await client.create(customProvider('B')));
      const made = await createPolicy(local, local.environmentId, policyBody('Europe first', [[a.id, b.id], [b.id]], [['FR', 'DE']]));
      const list = expectOk(await client.listNotificationPolicies());
      assert.deepEqual(list.map((p) => p.name).sort(), ['Default Notification Policy', 'Europe first']);
      const read = expectOk(await client.readNotificationPolicy(made.id));
      assert.deepEqual(read.providerConfiguration?.conditions?.[0].fallbackChain, [{ id: a.id }, { id: b.id }]);
      assert.deepEqual(read.providerConfiguration?.conditions?.[0].countries, ['FR', 'DE']);
      assert.equal(read.default, false);

      const { id: _id, _links, createdAt: _c, updatedAt: _u, environment: _e, ...body } = read;
      const conditions = read.providerConfiguration!.conditions!.map((c) => ({ ...c, fallbackChain: [{ id: b.id }] }));
      const updated = expectOk(await client.updateNotificationPolicy(made.id, { ...body, providerConfiguration: { conditions } }));
      assert.deepEqual(updated.providerConfiguration?.conditions?.[0].fallbackChain, [{ id: b.id }]);
      assert.ok(String(updated.updatedAt) > String(read.updatedAt));
      assert.equal(local.state.requests.filter((r) => r.op === 'updateNotificationPolicy').length, 1);
    });
  });

  it('the stand-in refuses a chain entry that is not a provider of the environment, and a last condition with countries', async () => {
    await withHarness(async ({ local }) => {
      const token = await bearer(local);
      const post = (body: unknown) =>
        raw(`${local.apiBase}/environments/${local.environmentId}/notificationsPolicies`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      const unknownId = await post(policyBody('X', [['00000000-0000-0000-0000-000000000000']]));
      assert.equal(unknownId.status, 400);
      assert.match(unknownId.text, /providerConfiguration\.conditions\[0\]\.fallbackChain\[0\]\.id/);
      const lastWithCountries = await post({
        ...policyBody('Y', []),
        providerConfiguration: { conditions: [{ countries: ['US'], fallbackChain: [] }] },
      });
      assert.equal(lastWithCountries.status, 400);
      const duplicate = await post(policyBody('Default Notification Policy', []));
      assert.equal(duplicate.status, 400);
      assert.match(duplicate.text, /UNIQUENESS_VIOLATION/);
    });
  });

  it('faults hit the policy operations by name', async () => {
    await withHarness(
      async ({ client, local }) => {
        const r = await client.listNotificationPolicies();
        assert.equal(r.kind, 'ok', 'the 503 is retried');
        assert.equal(local.state.requests.filter((e) => e.op === 'listNotificationPolicies').length, 2);
        const [p] = expectOk(r);
        const { id, name, quotas } = p;
        local.control({ faults: [{ type: 'server-error', op: 'updateNotificationPolicy', status: 400, count: 5 }] });
        const u = await client.updateNotificationPolicy(id, { name, quotas });
        assert.equal(u.kind, 'error');
      },
      { local: { faults: [{ type: 'server-error', op: 'listNotificationPolicies', status: 503 }] } },
    );
  });
});
