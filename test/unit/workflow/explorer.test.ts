import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  chainInOneLine,
  deliveryMethods,
  describeReorder,
  droppedInChain,
  explorerModel,
  movedInChain,
  providerName,
  readExplorerData,
  shortId,
} from '../../../server/src/workflow/explorer';
import type { NotificationPolicy, PhoneDeliverySettings } from '../../../server/src/pingone/types';
import type { EnvironmentUsage } from '../../../server/src/workflow/usage';
import { customProvider, expectOk, withHarness } from '../pingone/helpers';
import { createPolicy, policyBody } from '../pingone/policy-setup';

const A = 'aaaaaaaa-1111-4111-8111-111111111111';
const B = 'bbbbbbbb-2222-4222-8222-222222222222';
const C = 'cccccccc-3333-4333-8333-333333333333';
const GONE = 'dddddddd-4444-4444-8444-444444444444';

const LIST: PhoneDeliverySettings[] = [
  {
    id: A,
    provider: 'CUSTOM_PROVIDER',
    name: 'Gateway A',
    requests: [
      { deliveryMethod: 'VOICE', url: 'https://a.example/v', method: 'POST' },
      { deliveryMethod: 'SMS', url: 'https://a.example/s', method: 'POST' },
    ],
  },
  { id: B, provider: 'CUSTOM_TWILIO', sid: 'AC123', numbers: [{ number: '+15551234567', capabilities: ['SMS'] }] },
  { id: C, provider: 'CUSTOM_SYNIVERSE', name: 'Syniverse', channels: [{ id: 'x', capabilities: ['VOICE', 'SMS'] }] },
];

const policy = (id: string, name: string, chains: string[][], countries: string[][] = []): NotificationPolicy =>
  ({ id, ...policyBody(name, chains, countries) }) as unknown as NotificationPolicy;

const USAGE: EnvironmentUsage = {
  settings: { smsProvidersFallbackChain: [A, 'PINGONE_TWILIO', GONE] },
  policies: [policy('p1', 'Europe first', [[B, A], [A]], [['FR', 'DE']])],
};

describe('explorer model (pure)', () => {
  it('a provider: its name (else sid), provider and delivery methods, a tooltip with id, provider and where it is used', () => {
    const m = explorerModel(LIST, USAGE);
    const [a, b, c] = m.providers;
    assert.equal(a.label, 'Gateway A');
    assert.equal(a.description, 'CUSTOM_PROVIDER · SMS, VOICE');
    assert.equal(b.label, 'AC123');
    assert.equal(b.description, 'CUSTOM_TWILIO · SMS');
    assert.equal(c.description, 'CUSTOM_SYNIVERSE · SMS, VOICE');
    assert.equal(
      a.tooltip,
      [
        `Id: ${A}`,
        'Provider: CUSTOM_PROVIDER',
        'Delivery: SMS, VOICE',
        `Used by: position 1 of the SMS/voice fallback chain (notification settings); position 2 of condition 1 (SMS+VOICE, FR, DE) of notification policy "Europe first" (p1); position 1 of condition 2 (SMS+VOICE, other countries) of notification policy "Europe first" (p1)`,
      ].join('\n'),
    );
    assert.match(c.tooltip, /Used by: nothing: it is not in the fallback chain or any notification policy/);
  });

  it('"Used by": the chain position of how many, and each policy condition by name, delivery methods and countries', () => {
    const [a, b, c] = explorerModel(LIST, USAGE).providers;
    assert.deepEqual(
      a.usedBy?.map((u) => [u.label, u.description]),
      [
        ['Fallback chain', 'position 1 of 3'],
        ['Policy "Europe first"', 'condition 1 · SMS+VOICE · FR, DE · position 2'],
        ['Policy "Europe first"', 'condition 2 · SMS+VOICE · other countries · position 1'],
      ],
    );
    assert.deepEqual(
      b.usedBy?.map((u) => u.description),
      ['condition 1 · SMS+VOICE · FR, DE · position 1'],
    );
    assert.deepEqual(c.usedBy, []);
  });

  it('the chain: in order, names and short ids; PINGONE_TWILIO and an id that is gone are named as such', () => {
    const chain = explorerModel(LIST, USAGE).chain!;
    assert.deepEqual(
      chain.map((e) => [e.position, e.label, e.description, e.known]),
      [
        [0, 'Gateway A', '#1 · aaaaaaaa', true],
        [1, "PingOne's own Twilio account", '#2 · PINGONE_TWILIO', false],
        [2, 'Unknown provider (not in this environment)', '#3 · dddddddd', false],
      ],
    );
    assert.match(chain[0].tooltip, new RegExp(`Position 1 of 3 .*\\nId: ${A}`));
  });

  it('without the usage (it could not be read): providers shown, their use unknown with the reason, no chain', () => {
    const m = explorerModel(LIST, undefined, [], 'list notification policies: 403 forbidden');
    assert.equal(m.chain, undefined);
    assert.equal(m.usageError, 'list notification policies: 403 forbidden');
    assert.equal(m.providers[0].usedBy, undefined);
    assert.match(m.providers[0].tooltip, /Used by: unknown \(list notification policies: 403 forbidden\)/);
  });

  it('every string shown is redacted: a secret in a name, a policy name or the error reason never reaches the tree', () => {
    const secret = 'super-secret-token-value-123';
    const list = [{ ...LIST[0], name: `Gateway ${secret}` }];
    const usage: EnvironmentUsage = { settings: { smsProvidersFallbackChain: [A] }, policies: [policy('p9', `Policy ${secret}`, [[A]])] };
    const m = explorerModel(list, usage, [secret]);
    const texts = [
      ...m.providers.flatMap((p) => [
        p.label,
        p.description,
        p.tooltip,
        ...(p.usedBy ?? []).flatMap((u) => [u.label, u.description, u.tooltip]),
      ]),
      ...(m.chain ?? []).flatMap((e) => [e.label, e.description, e.tooltip]),
    ];
    assert.ok(texts.length > 8);
    for (const t of texts) assert.ok(!t.includes(secret) && !t.includes(secret.slice(0, 12)), t);
    assert.ok(texts.some((t) => t.includes('***REDACTED***')));
    const unread = explorerModel(list, undefined, [secret], `failed with ${secret}`);
    assert.ok(!unread.usageError!.includes(secret) && !unread.providers[0].tooltip.includes(secret));
  });

  it('names, delivery methods and short ids of odd resources', () => {
    assert.equal(providerName({ id: 'x', provider: 'CUSTOM_TWILIO_VERIFY', verifyServiceId: 'VA1' }), 'VA1');
    assert.equal(providerName({ id: 'only-id', provider: 'CUSTOM_PROVIDER', name: '  ' }), 'only-id');
    assert.deepEqual(
      deliveryMethods({ id: 'x', provider: 'CUSTOM_PROVIDER', requests: 'not a list', numbers: [null, { capabilities: 7 }] }),
      [],
    );
    assert.equal(shortId('PINGONE'), 'PINGONE');
    assert.equal(shortId(A), 'aaaaaaaa');
  });
});

describe('reordering the chain (pure)', () => {
  const chain = ['A', 'B', 'C', 'D'];
  it('Move Up / Move Down: one step; nothing at either end', () => {
    assert.deepEqual(movedInChain(chain, 2, 1), ['A', 'C', 'B', 'D']);
    assert.deepEqual(movedInChain(chain, 0, 1), ['B', 'A', 'C', 'D']);
    assert.equal(movedInChain(chain, 0, -1), undefined);
    assert.equal(movedInChain(chain, 3, 4), undefined);
    assert.equal(movedInChain(chain, 1, 1), undefined);
    assert.deepEqual(chain, ['A', 'B', 'C', 'D'], 'the input is not changed');
  });

  it('a drop: the entry takes the place of the one it is dropped on (down: after it, up: before it); on the chain: last', () => {
    assert.deepEqual(droppedInChain(chain, 0, 2), ['B', 'C', 'A', 'D']);
    assert.deepEqual(droppedInChain(chain, 3, 0), ['D', 'A', 'B', 'C']);
    assert.deepEqual(droppedInChain(chain, 1, undefined), ['A', 'C', 'D', 'B']);
    assert.equal(droppedInChain(chain, 3, undefined), undefined, 'the last one dropped on the chain: no change');
    assert.equal(droppedInChain(chain, 2, 2), undefined, 'dropped on itself');
  });

  it('the confirmation lists the old and the new order by name and short id', () => {
    const text = describeReorder([A, 'PINGONE_TWILIO', B], ['PINGONE_TWILIO', A, B], LIST);
    assert.equal(
      text,
      [
        'Now:',
        '  1. Gateway A (aaaaaaaa)',
        "  2. PingOne's own Twilio account (PINGONE_TWILIO)",
        '  3. AC123 (bbbbbbbb)',
        '',
        'New:',
        "  1. PingOne's own Twilio account (PINGONE_TWILIO)",
        '  2. Gateway A (aaaaaaaa)',
        '  3. AC123 (bbbbbbbb)',
      ].join('\n'),
    );
    assert.match(describeReorder([], [], LIST), /Now:\n {2}\(empty\)/);
    assert.equal(chainInOneLine([B, 'PINGONE_TWILIO'], LIST), "AC123 (bbbbbbbb), PingOne's own Twilio account (PINGONE_TWILIO)");
    assert.equal(chainInOneLine([], LIST), '(empty)');
    const secret = 'a-secret-in-a-provider-name';
    assert.ok(!describeReorder([A], [A], [{ ...LIST[0], name: secret }], [secret]).includes(secret));
  });
});

describe('readExplorerData against pingone-local', () => {
  it('one refresh is three requests (list, notification settings, policies); the model follows the stand-in', async () => {
    await withHarness(async (h) => {
      const a = expectOk(await h.client.create(customProvider('Gateway A')));
      const b = expectOk(await h.client.create(customProvider('Gateway B')));
      expectOk(await h.client.updateNotificationSettings({ smsProvidersFallbackChain: [b.id, a.id] }));
      await createPolicy(h.local, h.local.environmentId, policyBody('Europe first', [[a.id], [b.id]], [['FR']]));
      const before = h.local.state.requests.length;
      const data = await readExplorerData(h.client);
      assert.equal(data.kind, 'ok');
      assert.deepEqual(
        h.local.state.requests
          .slice(before)
          .filter((r) => r.op !== 'token')
          .map((r) => r.op)
          .sort(),
        ['list', 'listNotificationPolicies', 'readNotificationSettings'],
      );
      const m = explorerModel(data.kind === 'ok' ? data.list : [], data.kind === 'ok' ? data.usage : undefined);
      assert.deepEqual(
        m.chain?.map((e) => e.label),
        ['Gateway B', 'Gateway A'],
      );
      assert.deepEqual(
        m.providers.find((p) => p.id === a.id)?.usedBy?.map((u) => `${u.label}: ${u.description}`),
        ['Fallback chain: position 2 of 2', 'Policy "Europe first": condition 1 · SMS+VOICE · FR · position 1'],
      );
    });
  });

  it('a failing list is an error (no usage shown); failing policies leave the providers shown, their use unknown', async () => {
    await withHarness(async (h) => {
      expectOk(await h.client.create(customProvider('Gateway A')));
      h.local.control({ faults: [{ type: 'html-error', op: 'list', status: 502, count: 10 }] });
      const failed = await readExplorerData(h.client);
      assert.equal(failed.kind, 'error');
      assert.match(failed.kind === 'error' ? failed.message : '', /502/);
      h.local.control({ clearFaults: true, faults: [{ type: 'html-error', op: 'listNotificationPolicies', status: 502, count: 10 }] });
      const partial = await readExplorerData(h.client);
      assert.equal(partial.kind, 'usage-unreadable');
      assert.equal(partial.kind === 'usage-unreadable' && partial.list.length, 1);
    });
  });
});
