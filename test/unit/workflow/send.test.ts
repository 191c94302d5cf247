import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PingOneClient } from '../../../server/src/pingone/api';
import { MemoryBindingStore } from '../../../server/src/workflow/binding';
import { resolveEnvironment, type ResolvedEnvironment } from '../../../server/src/workflow/environments';
import { prepareBody } from '../../../server/src/workflow/prepare';
import { sendDocument, type SendUi } from '../../../server/src/workflow/send';
import { pulledDocument } from '../../../server/src/workflow/pull';
import { normalizeForCompare, maskLiveWithPlaceholders } from '../../../server/src/workflow/compare';
import { rangeOfTarget } from '../../../server/src/workflow/targets';
import { startPingOneLocal, type PingOneLocal } from '../../pingone-local/server';
import { fetch, FAST } from '../pingone/helpers';

const BODY = {
  name: 'Gateway',
  provider: 'CUSTOM_PROVIDER',
  authentication: { method: 'BEARER', authToken: '{{gatewayAuthToken}}' },
  requests: [
    {
      deliveryMethod: 'SMS',
      url: 'https://g.example.com/sms',
      method: 'POST',
      body: 'to=${to}&message=${message}',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    },
  ],
};
const TOKEN = 'gw-token-value-123';

/** A UI that answers every question as told, and records what it was asked. */
function ui(answers: Partial<Record<keyof SendUi, unknown>> = {}): SendUi & { asked: string[] } {
  const asked: string[] = [];
  const answer = (k: keyof SendUi, dflt: unknown) => {
    asked.push(k);
    return Promise.resolve(k in answers ? answers[k] : dflt);
  };
  return {
    asked,
    confirmCreate: () => answer('confirmCreate', true) as Promise<boolean>,
    choose: (c) => answer('choose', c[0]) as Promise<never>,
    confirmOverwrite: () => answer('confirmOverwrite', true) as Promise<boolean>,
    confirmProduction: () => answer('confirmProduction', true) as Promise<boolean>,
    confirmRecreate: () => answer('confirmRecreate', true) as Promise<boolean>,
  };
}

function envFor(local: PingOneLocal, environmentId = local.environmentId, extra: Record<string, unknown> = {}): ResolvedEnvironment {
  const r = resolveEnvironment({
    name: `env-${environmentId.slice(0, 4)}`,
    apiUrl: local.apiBase,
    authUrl: local.authBase,
    environmentId,
    tokenEnvironmentId: local.environmentId,
    clientId: local.clientId,
    ...extra,
  });
  assert.deepEqual(r.problems, []);
  return r.env!;
}

function clientFor(local: PingOneLocal, env: ResolvedEnvironment): PingOneClient {
  return new PingOneClient({
    fetch,
    apiBase: env.apiBase,
    environmentId: env.environmentId,
    credentials: {
      authBase: env.authBase,
      tokenEnvironmentId: env.tokenEnvironmentId,
      clientId: env.clientId,
      clientSecret: local.clientSecret,
    },
    ...FAST,
  });
}

function prepared(text: string) {
  const p = prepareBody(text, (n) => (n === 'gatewayAuthToken' ? { value: TOKEN, secret: true } : undefined));
  assert.deepEqual(p.missing, []);
  return p;
}

async function send(
  local: PingOneLocal,
  env: ResolvedEnvironment,
  store: MemoryBindingStore,
  text: string,
  u = ui(),
  documentKey = 'file:///a.json',
) {
  const p = prepared(text);
  return sendDocument({
    client: clientFor(local, env),
    env,
    store,
    documentKey,
    body: p.body!,
    documentId: p.documentId,
    documentEnvironmentId: p.documentEnvironmentId,
    ui: u,
    secretValues: p.secretValues,
  });
}

describe('send: binding and the operations against the local PingOne', () => {
  it('creates once after confirmation, then updates: never duplicates', async () => {
    const local = await startPingOneLocal();
    try {
      const env = envFor(local);
      const store = new MemoryBindingStore();
      const u1 = ui();
      const first = await send(local, env, store, JSON.stringify(BODY), u1);
      assert.equal(first.kind, 'created');
      assert.ok(u1.asked.includes('confirmCreate'));
      const second = await send(
        local,
        env,
        store,
        JSON.stringify({ ...BODY, requests: [{ ...BODY.requests[0], url: 'https://g.example.com/sms2' }] }),
      );
      assert.equal(second.kind, 'updated');
      assert.equal(local.state.resources().length, 1);
      assert.equal((local.state.resources()[0] as any).requests[0].url, 'https://g.example.com/sms2');
      // the filled secret reached PingOne, the placeholder did not
      assert.equal(
        (local.state.storedBody(local.environmentId, String(local.state.resources()[0].id)) as { authentication: { authToken: string } })
          .authentication.authToken,
        TOKEN,
      );
    } finally {
      await local.close();
    }
  });

  it('declining the create sends nothing', async () => {
    const local = await startPingOneLocal();
    try {
      const out = await send(local, envFor(local), new MemoryBindingStore(), JSON.stringify(BODY), ui({ confirmCreate: false }));
      assert.equal(out.kind, 'cancelled');
      assert.equal(local.state.resources().length, 0);
    } finally {
      await local.close();
    }
  });

  it('a second document with the same provider and name is matched, not duplicated', async () => {
    const local = await startPingOneLocal();
    try {
      const env = envFor(local);
      await send(local, env, new MemoryBindingStore(), JSON.stringify(BODY));
      const out = await send(local, env, new MemoryBindingStore(), JSON.stringify(BODY), ui(), 'file:///other.json');
      assert.equal(out.kind, 'updated');
      assert.equal(local.state.resources().length, 1);
    } finally {
      await local.close();
    }
  });

  it('the same file sent to two environments creates one resource in each', async () => {
    const local = await startPingOneLocal({
      environmentIds: ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'],
    });
    try {
      const store = new MemoryBindingStore();
      const [a, b] = local.environmentIds.map((id) => envFor(local, id));
      assert.equal((await send(local, a, store, JSON.stringify(BODY))).kind, 'created');
      assert.equal((await send(local, b, store, JSON.stringify(BODY))).kind, 'created');
      assert.equal((await send(local, a, store, JSON.stringify(BODY))).kind, 'updated');
      assert.equal(local.state.resources(a.environmentId).length, 1);
      assert.equal(local.state.resources(b.environmentId).length, 1);
    } finally {
      await local.close();
    }
  });

  it('pull → edit → send updates the pulled resource', async () => {
    const local = await startPingOneLocal();
    try {
      const env = envFor(local);
      await send(local, env, new MemoryBindingStore(), JSON.stringify(BODY));
      const live = local.state.resources()[0] as any;
      const pulled = pulledDocument(live as never, env.environmentId);
      assert.deepEqual(pulled.secretVariables, ['gatewayAuthToken']);
      const doc = JSON.parse(pulled.text);
      assert.equal(doc.id, live.id);
      assert.equal(doc.environment.id, env.environmentId);
      assert.equal(doc.createdAt, undefined);
      doc.name = 'Renamed';
      const out = await send(local, env, new MemoryBindingStore(), JSON.stringify(doc), ui(), 'untitled:pulled');
      assert.equal(out.kind, 'updated');
      assert.equal(local.state.resources().length, 1);
      assert.equal(local.state.resources()[0].name, 'Renamed');
    } finally {
      await local.close();
    }
  });

  it('an id that names another environment is not used there', async () => {
    const local = await startPingOneLocal({
      environmentIds: ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'],
    });
    try {
      const [a, b] = local.environmentIds.map((id) => envFor(local, id));
      await send(local, a, new MemoryBindingStore(), JSON.stringify(BODY));
      const doc = { ...BODY, id: local.state.resources(a.environmentId)[0].id, environment: { id: a.environmentId } };
      const out = await send(local, b, new MemoryBindingStore(), JSON.stringify(doc));
      assert.equal(out.kind, 'created');
    } finally {
      await local.close();
    }
  });

  it('a stale updatedAt asks before overwriting, and a "no" loses nothing', async () => {
    const local = await startPingOneLocal();
    try {
      const env = envFor(local);
      const mine = new MemoryBindingStore();
      await send(local, env, mine, JSON.stringify(BODY));
      // A colleague updates the resource meanwhile.
      await new Promise((r) => setTimeout(r, 5));
      await send(
        local,
        env,
        new MemoryBindingStore(),
        JSON.stringify({ ...BODY, requests: [{ ...BODY.requests[0], url: 'https://g.example.com/colleague' }] }),
        ui(),
        'file:///colleague.json',
      );
      const u = ui({ confirmOverwrite: false });
      const out = await send(local, env, mine, JSON.stringify(BODY), u);
      assert.ok(u.asked.includes('confirmOverwrite'));
      assert.equal(out.kind, 'cancelled');
      assert.equal((local.state.resources()[0] as any).requests[0].url, 'https://g.example.com/colleague');
    } finally {
      await local.close();
    }
  });

  it('changing the provider offers delete + create', async () => {
    const local = await startPingOneLocal();
    try {
      const env = envFor(local);
      const store = new MemoryBindingStore();
      await send(local, env, store, JSON.stringify(BODY));
      const twilio = {
        provider: 'CUSTOM_TWILIO',
        name: 'Gateway',
        sid: 'AC1234567890abcdef1234567890abcdef',
        authToken: '{{gatewayAuthToken}}',
      };
      const u = ui();
      const out = await send(local, env, store, JSON.stringify(twilio), u);
      assert.ok(u.asked.includes('confirmRecreate'));
      assert.equal(out.kind, 'created');
      assert.deepEqual(
        local.state.resources().map((r) => r.provider),
        ['CUSTOM_TWILIO'],
      );
    } finally {
      await local.close();
    }
  });

  it('a production environment asks before every operation', async () => {
    const local = await startPingOneLocal();
    try {
      const env = envFor(local, undefined, { production: true });
      const u = ui({ confirmProduction: false });
      const out = await send(local, env, new MemoryBindingStore(), JSON.stringify(BODY), u);
      assert.ok(u.asked.includes('confirmProduction'));
      assert.equal(out.kind, 'cancelled');
      assert.equal(local.state.resources().length, 0);
    } finally {
      await local.close();
    }
  });

  it('a POST whose answer is lost is resolved by the list: created, and bound', async () => {
    const local = await startPingOneLocal({ faults: [{ type: 'reset-after', op: 'create' }] });
    try {
      const env = envFor(local);
      const store = new MemoryBindingStore();
      const out = await send(local, env, store, JSON.stringify(BODY));
      assert.equal(out.kind, 'unknown');
      assert.ok(out.kind === 'unknown' && out.determined && out.created);
      assert.match(out.kind === 'unknown' ? out.message : '', /did create/);
      // sending again updates: no duplicate
      assert.equal((await send(local, env, store, JSON.stringify(BODY))).kind, 'updated');
      assert.equal(local.state.resources().length, 1);
    } finally {
      await local.close();
    }
  });

  it('a POST reset before processing is resolved by the list: nothing created', async () => {
    const local = await startPingOneLocal({ faults: [{ type: 'reset-before', op: 'create' }] });
    try {
      const out = await send(local, envFor(local), new MemoryBindingStore(), JSON.stringify(BODY));
      assert.ok(out.kind === 'unknown' && out.determined && !out.created, JSON.stringify(out));
      assert.equal(local.state.resources().length, 0);
    } finally {
      await local.close();
    }
  });

  it('a rejected field comes back with its target, which maps to the right range', async () => {
    const local = await startPingOneLocal({ rejectFields: ['requests[0].url'] });
    try {
      const text = JSON.stringify(BODY, null, 2);
      const out = await send(local, envFor(local), new MemoryBindingStore(), text);
      assert.equal(out.kind, 'rejected');
      const target = out.kind === 'rejected' ? out.error.details[0].target : undefined;
      const r = rangeOfTarget(text, target);
      assert.ok(r.matched);
      assert.equal(text.slice(r.offset, r.offset + r.length), '"https://g.example.com/sms"');
    } finally {
      await local.close();
    }
  });
});

describe('targets are read leniently', () => {
  const text = JSON.stringify(BODY, null, 2);
  const at = (t: string) => {
    const r = rangeOfTarget(text, t);
    return { s: text.slice(r.offset, r.offset + r.length), matched: r.matched };
  };
  for (const t of ['requests[0].url', 'requests.0.url', '/requests/0/url']) {
    it(t, () => assert.deepEqual(at(t), { s: '"https://g.example.com/sms"', matched: true }));
  }
  it('a bare leaf name', () => assert.deepEqual(at('authToken'), { s: '"{{gatewayAuthToken}}"', matched: true }));
  it('a missing property points at its object', () => assert.equal(at('authentication.username').s, '"authentication"'));
  it('nothing matching goes on the first line', () => assert.deepEqual(at('bogus.path'), { s: '{', matched: false }));
});

describe('prepare and compare', () => {
  it('strips $schema, binding and read-only fields; lists missing variables; never names values', () => {
    const p = prepareBody(JSON.stringify({ $schema: 'x', id: 'i', environment: { id: 'e' }, createdAt: 'c', ...BODY }), () => undefined);
    assert.deepEqual(Object.keys(p.body!), ['name', 'provider', 'authentication', 'requests']);
    assert.deepEqual(p.missing, ['gatewayAuthToken']);
    const bad = prepareBody(JSON.stringify({ ...BODY, requests: [{ ...BODY.requests[0], deliveryMethod: '{{u}}' }] }), (n) => ({
      value: n === 'u' ? 'not a method' : TOKEN,
      secret: n !== 'u',
    }));
    assert.equal(bad.filledErrors.length, 1);
    assert.match(bad.filledErrors[0], /\{\{u\}\}/);
    assert.ok(!bad.filledErrors[0].includes('not a method'));
  });
  it('an unchanged document compares equal with what PingOne returns', async () => {
    const local = await startPingOneLocal();
    try {
      const env = envFor(local);
      const body = {
        ...BODY,
        requests: [{ ...BODY.requests[0], headers: { 'content-type': 'application/x-www-form-urlencoded', 'X-Api-Key': '{{apiKey}}' } }],
      };
      const p = prepareBody(JSON.stringify(body), (n) => ({ value: n === 'apiKey' ? 'echoed-api-key' : TOKEN, secret: true }));
      await sendDocument({
        client: clientFor(local, env),
        env,
        store: new MemoryBindingStore(),
        documentKey: 'd',
        body: p.body!,
        ui: ui(),
      });
      const live = local.state.resources()[0] as any;
      const right = normalizeForCompare(maskLiveWithPlaceholders(body, live) as Record<string, unknown>);
      assert.equal(normalizeForCompare(body), right);
      assert.ok(!right.includes('echoed-api-key'));
    } finally {
      await local.close();
    }
  });
});
