import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PingOneClient } from '../../../server/src/pingone/api';
import { FetchFunction } from '../../../server/src/pingone/http';
import { startPingOneLocal } from '../../pingone-local/server';
import { customProvider, expectOk, FAST, fetch, withHarness } from './helpers';

describe('PingOneClient retries and faults', () => {
  it('401 → one retry with a fresh token', async () => {
    await withHarness(async ({ client, local }) => {
      expectOk(await client.list());
      local.control({ expireTokens: true });
      expectOk(await client.list());
      assert.equal(local.state.tokenRequests, 2);
      const statuses = local.state.requests.filter((e) => e.op === 'list').map((e) => e.status);
      assert.deepEqual(statuses, [200, 401, 200]);
    });
  });

  it('401 twice → ACCESS_FAILED error after a single refresh', async () => {
    await withHarness(
      async ({ client, local }) => {
        const r = await client.list();
        assert.equal(r.kind, 'error');
        if (r.kind !== 'error') return;
        assert.equal(r.error.status, 401);
        assert.equal(r.error.code, 'ACCESS_FAILED');
        assert.equal(local.state.tokenRequests, 2);
        assert.equal(local.state.requests.filter((e) => e.op === 'list').length, 2);
      },
      // Tokens that are already expired when issued: every API call answers 401.
      { local: { tokenLifetimeSeconds: -1 } },
    );
  });

  it('429 with Retry-After is retried (for a POST too), the wait capped by the option', async () => {
    await withHarness(async ({ client, local }) => {
      local.control({ faults: [{ type: 'rate-limit', op: 'create', retryAfterSeconds: 1, count: 2 }] });
      const r = await client.create(customProvider());
      assert.equal(r.kind, 'ok');
      assert.equal(r.kind === 'ok' && r.attempts, 3);
      assert.deepEqual(
        local.state.requests.filter((e) => e.op === 'create').map((e) => e.status),
        [429, 429, 201],
      );
      assert.equal(local.state.resources().length, 1);
    });
  });

  it('429 that outlasts the retries → REQUEST_LIMITED error with retryAfterSeconds', async () => {
    await withHarness(
      async ({ client, local }) => {
        local.control({ faults: [{ type: 'rate-limit', op: 'list', retryAfterSeconds: 1, count: 5 }] });
        const r = await client.list();
        assert.equal(r.kind === 'error' && r.error.code, 'REQUEST_LIMITED');
        assert.equal(r.kind === 'error' && r.error.retryAfterSeconds, 1);
      },
      { client: { maxRetries: 1 } },
    );
  });

  it('5xx on PUT is retried', async () => {
    await withHarness(async ({ client, local }) => {
      const res = expectOk(await client.create(customProvider()));
      local.control({
        faults: [
          { type: 'server-error', op: 'update', status: 502, count: 1 },
          { type: 'server-error', op: 'update', status: 503 },
        ],
      });
      const r = await client.update(res.id, customProvider('after retry'));
      assert.equal(expectOk(r).name, 'after retry');
      assert.deepEqual(
        local.state.requests.filter((e) => e.op === 'update').map((e) => e.status),
        [502, 503, 200],
      );
    });
  });

  it('5xx on POST is not retried', async () => {
    await withHarness(async ({ client, local }) => {
      local.control({ faults: [{ type: 'server-error', op: 'create', status: 500 }] });
      const r = await client.create(customProvider());
      assert.equal(r.kind, 'error');
      assert.equal(r.kind === 'error' && r.error.status, 500);
      assert.equal(r.kind === 'error' && r.error.code, 'UNEXPECTED_ERROR');
      assert.equal(local.state.requests.filter((e) => e.op === 'create').length, 1);
    });
  });

  it('connection reset after processing a POST → unknown-outcome (and the create did happen)', async () => {
    await withHarness(async ({ client, local }) => {
      local.control({ faults: [{ type: 'reset-after', op: 'create' }] });
      const r = await client.create(customProvider());
      assert.equal(r.kind, 'unknown-outcome');
      if (r.kind !== 'unknown-outcome') return;
      assert.equal(r.reason, 'connection-lost');
      assert.equal(r.method, 'POST');
      assert.equal(local.state.requests.filter((e) => e.op === 'create').length, 1, 'not retried');
      assert.equal(expectOk(await client.list()).length, 1, 'the list tells the caller it was created');
    });
  });

  it('connection reset before processing a POST is also unknown-outcome (the client cannot tell)', async () => {
    await withHarness(async ({ client, local }) => {
      local.control({ faults: [{ type: 'reset-before', op: 'create' }] });
      const r = await client.create(customProvider());
      assert.equal(r.kind, 'unknown-outcome');
      assert.equal(expectOk(await client.list()).length, 0);
    });
  });

  it('a POST that times out → unknown-outcome with reason timeout', async () => {
    await withHarness(
      async ({ client, local }) => {
        local.control({ faults: [{ type: 'hang', op: 'create', delayMs: 2_000 }] });
        const r = await client.create(customProvider());
        assert.equal(r.kind === 'unknown-outcome' && r.reason, 'timeout');
      },
      { client: { timeoutMs: 100 } },
    );
  });

  it('a reset GET is retried; a DELETE whose answer got lost reports already deleted', async () => {
    await withHarness(async ({ client, local }) => {
      const res = expectOk(await client.create(customProvider()));
      local.control({ faults: [{ type: 'reset-after', op: 'read' }] });
      assert.equal(expectOk(await client.read(res.id)).id, res.id);
      local.control({ faults: [{ type: 'reset-after', op: 'delete' }] });
      const del = await client.delete(res.id);
      assert.deepEqual(expectOk(del), { alreadyDeleted: true });
      assert.deepEqual(
        local.state.requests.filter((e) => e.op === 'delete').map((e) => e.status ?? e.outcome),
        ['reset', 404],
      );
    });
  });

  it('a DELETE of an unknown id without retries is a NOT_FOUND error', async () => {
    await withHarness(async ({ client }) => {
      const r = await client.delete('no-such-id');
      assert.equal(r.kind === 'error' && r.error.code, 'NOT_FOUND');
    });
  });

  it('malformed JSON → a clear malformed-response error', async () => {
    await withHarness(async ({ client, local }) => {
      local.control({ faults: [{ type: 'malformed-json', op: 'list' }] });
      const r = await client.list();
      assert.equal(r.kind, 'error');
      if (r.kind !== 'error') return;
      assert.equal(r.error.kind, 'malformed-response');
      assert.equal(r.error.status, 200);
      assert.match(r.error.message, /not valid JSON/);
    });
  });

  it('truncated JSON on a create → malformed-response that says the resource was probably created', async () => {
    await withHarness(async ({ client, local }) => {
      local.control({ faults: [{ type: 'truncated-json', op: 'create' }] });
      const r = await client.create(customProvider());
      assert.equal(r.kind === 'error' && r.error.kind, 'malformed-response');
      assert.match(r.kind === 'error' ? r.error.message : '', /probably created/);
      assert.equal(local.state.resources().length, 1);
    });
  });

  it('an HTML error page → a short, clear error (no huge body in the message)', async () => {
    await withHarness(
      async ({ client, local }) => {
        local.control({ faults: [{ type: 'html-error', op: 'read', status: 502 }] });
        const r = await client.read('some-id');
        assert.equal(r.kind, 'error');
        if (r.kind !== 'error') return;
        assert.equal(r.error.kind, 'malformed-response');
        assert.equal(r.error.status, 502);
        assert.match(r.error.message, /HTML page/);
        assert.match(r.error.message, /502 Bad Gateway/);
        assert.ok(r.error.message.length < 400, `message too long: ${r.error.message.length}`);
      },
      { client: { maxRetries: 0 } },
    );
  });

  it('latency option delays but does not break a call', async () => {
    await withHarness(
      async ({ client }) => {
        assert.deepEqual(expectOk(await client.list()), []);
      },
      { local: { latencyMs: { list: 20 } } },
    );
  });

  it('cancelling a call returns a cancelled error', async () => {
    await withHarness(async ({ client }) => {
      const ac = new AbortController();
      ac.abort();
      const r = await client.list({ signal: ac.signal });
      assert.equal(r.kind === 'error' && r.error.kind, 'cancelled');
    });
  });

  it('connection refused on POST is an error that says nothing was sent', async () => {
    // A port nothing listens on (and to which no pooled keep-alive connection exists).
    const dead = await startPingOneLocal();
    const deadOrigin = dead.origin;
    await dead.close();
    await withHarness(async ({ local, credentials }) => {
      const routed: FetchFunction = (input, init) => fetch(String(input).replace(`${local.origin}/v1/`, `${deadOrigin}/v1/`), init);
      const client = new PingOneClient({ fetch: routed, apiBase: local.apiBase, environmentId: local.environmentId, credentials, ...FAST });
      const r = await client.create(customProvider());
      assert.equal(r.kind, 'error');
      assert.equal(r.kind === 'error' && r.error.kind, 'network');
      assert.match(r.kind === 'error' ? r.error.message : '', /ECONNREFUSED.*not sent/);
    });
  });
});
