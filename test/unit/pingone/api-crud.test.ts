import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PingOneClient } from '../../../server/src/pingone/api';
import { TokenCache } from '../../../server/src/pingone/tokens';
import { customProvider, expectOk, FAST, fetch, withHarness } from './helpers';

describe('PingOneClient against pingone-local', () => {
  it('create → list → read → update → delete round trip', async () => {
    await withHarness(async ({ client, local }) => {
      assert.deepEqual(expectOk(await client.list()), []);

      const created = await client.create(customProvider('SMS gateway'));
      assert.equal(created.kind, 'ok');
      assert.equal(created.kind === 'ok' && created.status, 201);
      const res = expectOk(created);
      assert.match(res.id, /^[0-9a-f-]{36}$/);
      assert.deepEqual(res.environment, { id: local.environmentId });
      assert.ok(res.createdAt && res.updatedAt);
      assert.ok(typeof (res._links as { self: { href: string } }).self.href === 'string');
      const req0 = (res.requests as Record<string, unknown>[])[0];
      assert.equal(req0.phoneNumberFormat, 'FULL', 'default filled');
      assert.equal((res.authentication as Record<string, unknown>).authToken, undefined, 'write-only omitted');

      const list = expectOk(await client.list());
      assert.deepEqual(
        list.map((r) => r.id),
        [res.id],
      );

      const read = expectOk(await client.read(res.id));
      assert.equal(read.name, 'SMS gateway');

      const updated = expectOk(await client.update(res.id, { ...customProvider('Renamed'), id: res.id }));
      assert.equal(updated.name, 'Renamed');
      assert.ok(String(updated.updatedAt) > String(res.updatedAt), 'updatedAt advances on PUT');
      assert.equal(updated.createdAt, res.createdAt);

      const deleted = await client.delete(res.id);
      assert.equal(deleted.kind, 'ok');
      assert.equal(deleted.kind === 'ok' && deleted.status, 204);
      assert.deepEqual(expectOk(deleted), { alreadyDeleted: false });
      assert.deepEqual(expectOk(await client.list()), []);
    });
  });

  it('sends the correlation id on every request', async () => {
    await withHarness(async ({ client, local }) => {
      const r = await client.list({ correlationId: 'corr-123' });
      assert.equal(r.kind === 'ok' && r.correlationId, 'corr-123');
      const apiCalls = local.state.requests.filter((e) => e.op === 'list');
      assert.deepEqual(
        apiCalls.map((e) => e.correlationId),
        ['corr-123'],
      );
    });
  });

  it('read of an unknown id → NOT_FOUND envelope', async () => {
    await withHarness(async ({ client }) => {
      const r = await client.read('00000000-0000-0000-0000-000000000000');
      assert.equal(r.kind, 'error');
      if (r.kind !== 'error') return;
      assert.equal(r.error.kind, 'api');
      assert.equal(r.error.status, 404);
      assert.equal(r.error.code, 'NOT_FOUND');
      assert.match(r.error.envelope?.id ?? '', /^[0-9a-f-]{36}$/);
    });
  });

  it('a validation error comes back as INVALID_DATA with targets', async () => {
    await withHarness(async ({ client }) => {
      const body = customProvider();
      (body.requests as Record<string, unknown>[])[0].body = 'no placeholders';
      (body.authentication as Record<string, unknown>).method = 'BASIC';
      const r = await client.create(body);
      assert.equal(r.kind, 'error');
      if (r.kind !== 'error') return;
      assert.equal(r.error.code, 'INVALID_DATA');
      assert.equal(r.error.envelope?.message, 'The request could not be completed. One or more validation errors were in the request.');
      const targets = r.error.details.map((d) => `${d.code} ${d.target}`).sort();
      assert.deepEqual(targets, [
        'INVALID_VALUE requests[0].body',
        'REQUIRED_VALUE authentication.password',
        'REQUIRED_VALUE authentication.username',
      ]);
      assert.match(r.error.message, /requests\[0\]\.body/);
    });
  });

  it('rejectFields: an otherwise valid body gets a 400 with that target', async () => {
    await withHarness(
      async ({ client, local }) => {
        const r = await client.create(customProvider());
        assert.equal(r.kind, 'error');
        if (r.kind !== 'error') return;
        assert.equal(r.error.status, 400);
        assert.deepEqual(
          r.error.details.map((d) => d.target),
          ['requests[0].url'],
        );
        assert.equal(local.state.resources().length, 0);
        local.control({ rejectFields: [] });
        assert.equal((await client.create(customProvider())).kind, 'ok');
      },
      { local: { rejectFields: ['requests[0].url'] } },
    );
  });

  it('PUT that changes provider → 400 (immutable)', async () => {
    await withHarness(async ({ client }) => {
      const res = expectOk(await client.create(customProvider()));
      const r = await client.update(res.id, { provider: 'CUSTOM_SYNIVERSE', authToken: 'x' });
      assert.equal(r.kind === 'error' && r.error.details[0]?.target, 'provider');
    });
  });

  it('two-step provider: create lists the account numbers, PUT selects some', async () => {
    await withHarness(async ({ client }) => {
      const twilio = { provider: 'CUSTOM_TWILIO', sid: 'AC0123456789abcdef', authToken: 'twilio-auth-token-1' };
      const res = expectOk(await client.create(twilio));
      const numbers = res.numbers as { number: string; type: string; available: boolean; selected: boolean; capabilities: string[] }[];
      assert.ok(numbers.length >= 2);
      for (const n of numbers) {
        assert.equal(n.available, true);
        assert.equal(n.selected, false);
        assert.ok(Array.isArray(n.capabilities));
      }
      assert.equal(res.authToken, undefined);
      const chosen = numbers.map((n, i) => ({ ...n, selected: i === 0 }));
      const after = expectOk(await client.update(res.id, { ...twilio, numbers: chosen }));
      assert.deepEqual(
        (after.numbers as { selected: boolean }[]).map((n) => n.selected),
        numbers.map((_, i) => i === 0),
      );

      const sidChange = await client.update(res.id, { ...twilio, sid: 'AC999' });
      assert.equal(sidChange.kind === 'error' && sidChange.error.details[0]?.target, 'sid');
    });
  });

  it('Syniverse channels: create lists channels, PUT selects one', async () => {
    await withHarness(async ({ client }) => {
      const body = { provider: 'CUSTOM_SYNIVERSE_CHANNELS', name: 'Syniverse', authToken: 'syn-token' };
      const res = expectOk(await client.create(body));
      const channels = res.channels as { id: string; selected: boolean }[];
      assert.ok(channels.length > 0 && channels.every((c) => c.selected === false));
      const after = expectOk(await client.update(res.id, { ...body, channels: [{ ...channels[0], selected: true }] }));
      assert.equal((after.channels as { selected: boolean }[])[0].selected, true);
    });
  });

  it('notification settings: read and update the fallback chain', async () => {
    await withHarness(async ({ client }) => {
      const res = expectOk(await client.create(customProvider()));
      const settings = expectOk(await client.getNotificationSettings());
      assert.deepEqual(settings.smsProvidersFallbackChain, ['PINGONE_TWILIO']);
      const updated = expectOk(await client.updateNotificationSettings({ smsProvidersFallbackChain: [res.id, 'PINGONE_TWILIO'] }));
      assert.deepEqual(updated.smsProvidersFallbackChain, [res.id, 'PINGONE_TWILIO']);
      const bad = await client.updateNotificationSettings({ smsProvidersFallbackChain: ['nope'] });
      assert.equal(bad.kind === 'error' && bad.error.details[0]?.target, 'smsProvidersFallbackChain[0]');
    });
  });

  it('the 11th create in an environment is refused', async () => {
    await withHarness(async ({ client }) => {
      for (let i = 0; i < 10; i++) expectOk(await client.create(customProvider(`g${i}`)));
      const r = await client.create(customProvider('one too many'));
      assert.equal(r.kind, 'error');
      assert.equal(r.kind === 'error' && r.error.status, 400);
      assert.equal(expectOk(await client.list()).length, 10);
    });
  });

  it('follows list pages within the API base', async () => {
    await withHarness(
      async ({ client, local }) => {
        for (let i = 0; i < 5; i++) expectOk(await client.create(customProvider(`g${i}`)));
        const all = expectOk(await client.list());
        assert.deepEqual(
          all.map((r) => r.name),
          ['g0', 'g1', 'g2', 'g3', 'g4'],
        );
        assert.equal(local.state.requests.filter((e) => e.op === 'list').length, 3);
      },
      { local: { listPageSize: 2 } },
    );
  });

  it('one token serves many calls and a second client sharing the cache', async () => {
    await withHarness(async ({ client, local, credentials, logger }) => {
      for (let i = 0; i < 4; i++) expectOk(await client.list());
      const other = new PingOneClient({
        fetch,
        apiBase: local.apiBase,
        environmentId: local.environmentId,
        credentials,
        tokens: client.tokens,
        logger,
        ...FAST,
      });
      expectOk(await other.list());
      assert.equal(local.state.tokenRequests, 1);
      assert.ok(client.tokens instanceof TokenCache);
    });
  });

  it('the same body sent to two environments creates one resource in each', async () => {
    await withHarness(
      async ({ client, local, credentials }) => {
        const other = new PingOneClient({
          fetch,
          apiBase: local.apiBase,
          environmentId: 'env-b',
          credentials,
          tokens: client.tokens,
          ...FAST,
        });
        expectOk(await client.create(customProvider()));
        expectOk(await other.create(customProvider()));
        assert.equal(local.state.resources('env-a').length, 1);
        assert.equal(local.state.resources('env-b').length, 1);
      },
      { local: { environmentIds: ['env-a', 'env-b'] } },
    );
  });

  it('an unsafe base URL or empty id becomes a config error, nothing is sent', async () => {
    await withHarness(async ({ client, local }) => {
      const r = await client.read('');
      assert.equal(r.kind === 'error' && r.error.kind, 'config');
      assert.throws(
        () =>
          new PingOneClient({
            fetch,
            apiBase: 'http://api.example.com',
            environmentId: 'e',
            credentials: { authBase: local.authBase, tokenEnvironmentId: 'e', clientId: 'c', clientSecret: 's' },
          }),
        /https/,
      );
      assert.equal(local.state.requests.length, 0);
    });
  });
});
