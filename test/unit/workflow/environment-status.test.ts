/**
 * "This file against each environment": a document's status in each environment from the cached
 * readings (no request), the reading itself (one environment's requests in order), and the texts the
 * editor shows (CodeLens titles and actions, the summary before Send to Environment…, the usage hover).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryBindingStore } from '../../../server/src/workflow/binding';
import { resolveEnvironment, type ResolvedEnvironment } from '../../../server/src/workflow/environments';
import {
  documentStatus,
  readEnvironmentSnapshot,
  refreshDue,
  type DocumentStatus,
  type EnvironmentReading,
  type UsageReading,
} from '../../../server/src/workflow/environmentStatus';
import {
  CHECK_TITLE,
  environmentLenses,
  escapeMarkdown,
  pickDescription,
  REFRESH_TITLE,
  RUN_CHECK,
  sendSummary,
  statusText,
  UNTRUSTED_TITLE,
  usageHover,
  type LensEnvironment,
} from '../../../server/src/workflow/environmentTexts';
import { changedPaths } from '../../../server/src/workflow/plan';
import type { NotificationPolicy, PhoneDeliverySettings } from '../../../server/src/pingone/types';
import { withHarness, expectOk } from '../pingone/helpers';
import { createPolicy, policyBody } from '../pingone/policy-setup';

function env(
  name: string,
  variables: Record<string, string> = {},
  environmentId = `${name}-0000-4000-8000-000000000000`,
): ResolvedEnvironment {
  const r = resolveEnvironment({ name, region: 'NA', environmentId, clientId: 'client-0000-4000', variables });
  assert.ok(r.env, r.problems.join('; '));
  return r.env;
}

const DEV = env('dev', { gatewayHost: 'dev.gateway.example.com' });
const TEST = env('test', { gatewayHost: 'test.gateway.example.com' });

const TEXT = JSON.stringify(
  {
    name: 'Promoted gateway',
    provider: 'CUSTOM_PROVIDER',
    authentication: { method: 'BASIC', username: 'promote-user', password: '{{gatewayPassword}}' },
    requests: [
      {
        deliveryMethod: 'SMS',
        url: 'https://{{gatewayHost}}/send?to=${to}&from=${from}&message=${message}',
        method: 'GET',
        phoneNumberFormat: 'FULL',
      },
    ],
  },
  null,
  2,
);
const DOC = { text: TEXT, documentKey: 'file:///w/promote.phone-delivery.json', label: 'promote.phone-delivery.json' };

/** The resource as PingOne lists it for `host`: read-only fields added, the write-only password left out. */
function live(id: string, host: string, extra: Record<string, unknown> = {}): PhoneDeliverySettings {
  const body = JSON.parse(TEXT) as Record<string, unknown> & {
    authentication: Record<string, unknown>;
    requests: Record<string, unknown>[];
  };
  delete body.authentication.password;
  body.requests[0].url = `https://${host}/send?to=\${to}&from=\${from}&message=\${message}`;
  return {
    id,
    environment: { id: 'e' },
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...(body as Record<string, unknown>),
    ...extra,
  } as PhoneDeliverySettings;
}

const NO_USAGE: UsageReading = { kind: 'failed', message: 'not read' };
const read = (list: PhoneDeliverySettings[], usage: UsageReading = NO_USAGE): EnvironmentReading => ({ kind: 'read', list, usage, at: 0 });

describe('environment status: a document against each environment, from the cached readings', () => {
  it('in sync, differs (with the fields), not created: each environment with its own plain variables', () => {
    const store = new MemoryBindingStore();
    assert.deepEqual(
      documentStatus(DOC, DEV, read([live('d1', 'dev.gateway.example.com')]), store),
      { kind: 'in-sync', id: 'd1', resource: live('d1', 'dev.gateway.example.com') },
      'the write-only password ({{gatewayPassword}}) is not compared',
    );
    assert.equal(documentStatus(DOC, TEST, read([live('t1', 'test.gateway.example.com')]), store).kind, 'in-sync');
    // The same resource against the other environment's variables: it differs, exactly at the url.
    const differs = documentStatus(DOC, TEST, read([live('t1', 'dev.gateway.example.com')]), store);
    assert.equal(differs.kind, 'differs');
    assert.deepEqual(differs.kind === 'differs' && differs.changedFields, ['requests[0].url']);
    // A second change and a missing field are counted as fields (paths, never values).
    const two = documentStatus(DOC, DEV, read([live('d1', 'x.example.com', { numbers: [] })]), store);
    assert.deepEqual(two.kind === 'differs' && two.changedFields.sort(), ['numbers', 'requests[0].url']);
    assert.deepEqual(documentStatus(DOC, DEV, read([]), store), { kind: 'not-created' });
    assert.deepEqual(documentStatus(DOC, DEV, read([live('other', 'dev.gateway.example.com', { name: 'Another' })]), store), {
      kind: 'not-created',
    });
  });

  it("each environment's own binding: a recorded id wins over the name, and only in its environment", () => {
    const store = new MemoryBindingStore();
    store.set(DOC.documentKey, DEV.targetKey, { id: 'renamed' });
    const list = [live('renamed', 'dev.gateway.example.com', { name: 'Renamed in PingOne' })];
    const s = documentStatus(DOC, DEV, read(list), store);
    assert.equal(s.kind, 'differs');
    assert.deepEqual(s.kind === 'differs' && s.changedFields, ['name']);
    // Not bound in test: by provider + name only, so the renamed one is not it.
    assert.deepEqual(documentStatus(DOC, TEST, read(list), store), { kind: 'not-created' });
    // A document's own id binds only in the environment its environment.id names.
    const pulled = JSON.stringify({ ...JSON.parse(TEXT), id: 'renamed', environment: { id: DEV.environmentId } });
    assert.equal(documentStatus({ ...DOC, text: pulled, documentKey: 'file:///w/pulled' }, DEV, read(list), store).kind, 'differs');
    assert.deepEqual(documentStatus({ ...DOC, text: pulled, documentKey: 'file:///w/pulled' }, TEST, read(list), store), {
      kind: 'not-created',
    });
  });

  it('ambiguous, invalid document, and every reason of unknown (failed messages redacted)', () => {
    const store = new MemoryBindingStore();
    const twice = [live('a', 'dev.gateway.example.com'), live('b', 'dev.gateway.example.com')];
    assert.deepEqual(documentStatus(DOC, DEV, read(twice), store), { kind: 'ambiguous', ids: ['a', 'b'] });
    const invalid = documentStatus({ ...DOC, text: '{"provider": "CUSTOM_PROVIDER", "name": 3}' }, DEV, read([]), store);
    assert.equal(invalid.kind, 'invalid');
    assert.deepEqual(documentStatus(DOC, DEV, { kind: 'not-checked' }, store), { kind: 'unknown', cause: 'not-checked' });
    assert.deepEqual(documentStatus(DOC, DEV, { kind: 'no-secret' }, store), { kind: 'unknown', cause: 'no-secret' });
    assert.deepEqual(documentStatus(DOC, DEV, { kind: 'not-allowed' }, store), { kind: 'unknown', cause: 'not-allowed' });
    const failed = documentStatus(DOC, DEV, { kind: 'failed', message: 'token s3cr3t-value refused', at: 1 }, store, ['s3cr3t-value']);
    assert.equal(failed.kind, 'unknown');
    assert.ok(failed.kind === 'unknown' && failed.message && !failed.message.includes('s3cr3t-value'), JSON.stringify(failed));
  });

  it('changedPaths: field paths where two values differ, in one pass (a large document stays fast)', () => {
    assert.deepEqual(changedPaths({ a: 1, b: { c: [1, 2] } }, { a: 1, b: { c: [1, 3, 4] } }), ['b.c[1]', 'b.c[2]']);
    assert.deepEqual(changedPaths({ a: 1 }, { b: 1 }), ['a', 'b']);
    assert.deepEqual(changedPaths('x', 'y'), ['(the whole document)']);
    const big = { requests: Array.from({ length: 50_000 }, (_, i) => ({ url: `u${i}` })) };
    const other = { requests: big.requests.map((r, i) => (i === 49_999 ? { url: 'changed' } : r)) };
    const t = Date.now();
    assert.deepEqual(changedPaths(big, other), ['requests[49999].url']);
    assert.ok(Date.now() - t < 2000, `${Date.now() - t} ms`);
  });

  it('refreshDue: never with 0 minutes or before a first read; at the interval', () => {
    assert.equal(refreshDue(undefined, 10 * 60_000, 5), false);
    assert.equal(refreshDue(0, 10 * 60_000, 0), false);
    assert.equal(refreshDue(0, 4 * 60_000, 5), false);
    assert.equal(refreshDue(0, 5 * 60_000, 5), true);
  });
});

describe('readEnvironmentSnapshot: one environment read with its requests one after the other', () => {
  it('list, then notification settings, then policies, each sent after the previous answered', () =>
    withHarness(
      async ({ local, client }) => {
        const created = expectOk(
          await client.create(JSON.parse(TEXT.replace('{{gatewayHost}}', 'h.example.com').replace('{{gatewayPassword}}', 'pw'))),
        );
        await createPolicy(local, local.environmentId, policyBody('Europe first', [[created.id]]));
        const before = local.state.requests.length;
        const r = await readEnvironmentSnapshot(client);
        assert.equal(r.kind, 'read');
        assert.ok(r.kind === 'read' && r.list.some((x) => x.id === created.id));
        assert.ok(r.kind === 'read' && r.usage.kind === 'ok' && r.usage.usage.policies.some((p) => p.name === 'Europe first'));
        const calls = local.state.requests.slice(before).filter((q) => q.op !== 'token');
        assert.deepEqual(
          calls.map((q) => q.op),
          ['list', 'readNotificationSettings', 'listNotificationPolicies'],
        );
        // Each waited for the answer before (each answer takes 150 ms): never in parallel.
        const at = calls.map((q) => Date.parse(q.time));
        assert.ok(at[1] - at[0] >= 140 && at[2] - at[1] >= 140, JSON.stringify(calls.map((q) => q.time)));
      },
      { local: { latencyMs: { list: 150, readNotificationSettings: 150, listNotificationPolicies: 150 } } },
    ));

  it('the list failing: failed, redacted; the usage failing: the list is kept, the usage says why', () =>
    withHarness(async ({ local, client }) => {
      local.control({ faults: [{ type: 'server-error', op: 'listNotificationPolicies', count: 20 }] });
      const r = await readEnvironmentSnapshot(client, { secretValues: [local.clientSecret] });
      assert.equal(r.kind, 'read');
      assert.ok(r.kind === 'read' && r.usage.kind === 'failed' && r.usage.message.length > 0, JSON.stringify(r));
      local.control({ faults: [{ type: 'server-error', op: 'list', count: 20 }] });
      const f = await readEnvironmentSnapshot(client, { secretValues: [local.clientSecret] });
      assert.equal(f.kind, 'failed');
      assert.ok(f.kind === 'failed' && !f.message.includes(local.clientSecret));
    }));
});

const IN_SYNC: DocumentStatus = { kind: 'in-sync', id: 'd1', resource: live('d1', 'h') };
const DIFFERS: DocumentStatus = { kind: 'differs', id: 't1', resource: live('t1', 'h'), changedFields: ['name', 'requests[0].url'] };

describe('the texts: CodeLens, Send to Environment…, the usage hover', () => {
  const lensEnvs: LensEnvironment[] = [
    { name: 'dev', production: false, status: IN_SYNC, at: 0 },
    { name: 'test', production: false, status: DIFFERS, at: 0 },
    { name: 'prod', production: true, status: { kind: 'not-created' }, at: 0 },
    { name: 'stage', production: false, status: { kind: 'unknown', cause: 'no-secret' } },
    { name: 'qa', production: false, status: { kind: 'unknown', cause: 'failed', message: `Could not reach PingOne: ${'x'.repeat(100)}` } },
  ];

  it('one lens per environment and Refresh; what each click does', () => {
    const lenses = environmentLenses({ enabled: true, trusted: true, environments: lensEnvs });
    assert.deepEqual(
      lenses.map((l) => l.title),
      [
        'dev: in sync',
        'test: differs',
        'prod: not created',
        'stage: unknown (no client secret)',
        `qa: unknown (Could not reach PingOne: ${'x'.repeat(34)}…)`,
        REFRESH_TITLE,
      ],
    );
    assert.deepEqual(
      lenses.map((l) => l.action),
      [
        { kind: 'diff', env: 'dev' },
        { kind: 'diff', env: 'test' },
        { kind: 'send', env: 'prod' },
        { kind: 'none' },
        { kind: 'check' },
        { kind: 'check' },
      ],
    );
    assert.match(lenses[1].tooltip, /2 fields differ \(name, requests\[0\]\.url\)/);
    assert.match(lenses[2].tooltip, /"prod" \(production\)/);
    assert.ok(lenses[4].tooltip.includes('x'.repeat(100)), 'the tooltip has the whole message');
  });

  it('turned off: none; untrusted: one that says why; nothing read yet: one "Check environments"; invalid: one and Refresh', () => {
    assert.deepEqual(environmentLenses({ enabled: false, trusted: true, environments: lensEnvs }), []);
    const untrusted = environmentLenses({ enabled: true, trusted: false, environments: [] });
    assert.deepEqual(
      untrusted.map((l) => [l.title, l.action.kind]),
      [[UNTRUSTED_TITLE, 'trust']],
    );
    assert.deepEqual(environmentLenses({ enabled: true, trusted: true, environments: [] }), []);
    const unchecked = lensEnvs.map((e) => ({ ...e, status: { kind: 'unknown', cause: 'not-checked' } as DocumentStatus }));
    const check = environmentLenses({ enabled: true, trusted: true, environments: unchecked });
    assert.deepEqual(
      check.map((l) => [l.title, l.action.kind]),
      [[CHECK_TITLE, 'check']],
    );
    assert.match(check[0].tooltip, /each of the 5 environments \(dev, test, prod, stage, qa\)/);
    const invalid = lensEnvs.map((e) => ({ ...e, status: { kind: 'invalid', message: 'has 1 error' } as DocumentStatus }));
    assert.deepEqual(
      environmentLenses({ enabled: true, trusted: true, environments: invalid }).map((l) => l.title),
      ['PingOne environments: unknown (the document has errors)', REFRESH_TITLE],
    );
    // A newly configured environment among checked ones.
    const mixed = environmentLenses({
      enabled: true,
      trusted: true,
      environments: [lensEnvs[0], { name: 'new', production: false, status: { kind: 'unknown', cause: 'not-checked' } }],
    });
    assert.deepEqual(
      mixed.map((l) => l.title),
      ['dev: in sync', 'new: not checked', REFRESH_TITLE],
    );
    assert.equal(statusText({ kind: 'ambiguous', ids: ['a', 'b'] }), 'unknown (2 providers match)');
  });

  it('the quick pick says the status and which environment is active', () => {
    assert.equal(pickDescription(DIFFERS, false), 'differs (2 fields)');
    assert.equal(pickDescription(IN_SYNC, true), 'in sync · active');
    assert.equal(pickDescription({ kind: 'unknown', cause: 'not-checked' }, false), 'not checked');
  });

  it('the summary before writing: would create / would update N fields / nothing would change / cannot send', () => {
    const body = { provider: 'CUSTOM_PROVIDER', name: 'Promoted gateway' };
    const create = sendSummary('prod', true, { kind: 'not-created' }, body);
    assert.equal(create.message, 'Send to "prod": would create a new CUSTOM_PROVIDER provider "Promoted gateway".');
    assert.equal(create.action, 'Create');
    assert.match(create.detail, /PRODUCTION/);
    const update = sendSummary('test', false, DIFFERS, body);
    assert.equal(update.message, 'Send to "test": would update t1: 2 fields.');
    assert.equal(update.detail, 'Fields that differ: name, requests[0].url.');
    assert.deepEqual([update.action, update.diff], ['Send', true]);
    const immutable = sendSummary('test', false, { ...DIFFERS, immutable: 'provider' } as DocumentStatus, body);
    assert.match(immutable.detail, /cannot change "provider"/);
    assert.equal(sendSummary('dev', false, IN_SYNC, body).action, 'Send Anyway');
    assert.deepEqual(
      [sendSummary('dev', false, { kind: 'ambiguous', ids: ['a', 'b'] }, body)].map((s) => [s.action, s.diff]),
      [['Send', false]],
    );
    assert.equal(sendSummary('dev', false, { kind: 'unknown', cause: 'no-secret' }, body).action, undefined);
    assert.equal(sendSummary('dev', false, { kind: 'invalid', message: 'bad' }, body).action, undefined);
  });

  const policy = (id: string, name: string, chains: string[][]): NotificationPolicy =>
    ({ id, ...policyBody(name, chains), createdAt: 'c', updatedAt: 'u' }) as unknown as NotificationPolicy;

  it('the usage hover: chain positions and policy conditions per environment where the document is bound', () => {
    const usage: UsageReading = {
      kind: 'ok',
      usage: {
        settings: { smsProvidersFallbackChain: ['PINGONE_TWILIO', 'd1'] },
        policies: [policy('p1', 'Europe first', [['x', 'd1'], ['d1']]), policy('p2', 'Other', [['x']])],
      },
    };
    const text = usageHover([
      { name: 'dev', status: IN_SYNC, usage },
      { name: 'test', status: DIFFERS, usage: { kind: 'ok', usage: { settings: { smsProvidersFallbackChain: [] }, policies: [] } } },
      { name: 'prod', status: { kind: 'not-created' }, usage },
      { name: 'stage', status: { kind: 'unknown', cause: 'no-secret' } },
      { name: 'qa', status: { ...IN_SYNC, id: 'q1' }, usage: { kind: 'failed', message: 'refused (403)' } },
    ]);
    assert.equal(
      text,
      [
        '**Where this provider is used**',
        '',
        '- **dev** (`d1`):',
        '  - position 2 of the SMS/voice fallback chain (notification settings)',
        '  - position 2 of condition 1 (SMS+VOICE, US) of notification policy "Europe first" (p1)',
        '  - position 1 of condition 2 (SMS+VOICE, other countries) of notification policy "Europe first" (p1)',
        '- **test** (`t1`): in no fallback chain and no notification policy: PingOne does not send through it',
        '- **prod**: not created',
        '- **stage**: unknown (no client secret)',
        '- **qa** (`q1`): where it is used could not be read (refused (403))',
      ].join('\n'),
    );
  });

  it('the usage hover without a reading says how to get one; names from PingOne or settings cannot inject markdown', () => {
    assert.equal(
      usageHover([{ name: 'dev', status: { kind: 'unknown', cause: 'not-checked' } }]),
      `**Where this provider is used**\n\n${RUN_CHECK}`,
    );
    // Only the list read (Send to Environment's check): still nothing about usage to say.
    assert.equal(
      usageHover([{ name: 'dev', status: IN_SYNC, usage: { kind: 'not-read' } }]),
      `**Where this provider is used**\n\n${RUN_CHECK}`,
    );
    assert.match(
      usageHover([
        { name: 'dev', status: IN_SYNC, usage: { kind: 'not-read' } },
        { name: 'test', status: DIFFERS, usage: { kind: 'ok', usage: { settings: {}, policies: [] } } },
      ]),
      /- \*\*dev\*\* \(`d1`\): where it is used was not read yet \(Refresh\)\n- \*\*test\*\* \(`t1`\): in no fallback chain/,
    );
    const evil = policy('p1', '[click](command:pingone.delete) **x** <img src=y>', [['d1']]);
    const text = usageHover([{ name: 'd`e*v', status: IN_SYNC, usage: { kind: 'ok', usage: { settings: {}, policies: [evil] } } }]);
    assert.ok(!text.includes('[click]'), text);
    assert.ok(text.includes('\\[click\\](command:pingone.delete) \\*\\*x\\*\\* \\<img src=y\\>'), text);
    assert.ok(text.includes('**d\\`e\\*v**'), text);
    assert.equal(escapeMarkdown('a\nb'), 'a b');
  });
});
