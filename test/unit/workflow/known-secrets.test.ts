/**
 * Pull and Compare with the secrets known for an environment (the extension's path, the same steps as
 * the CLI's pull): an echoed value equal to a secret variable becomes its placeholder, and every other
 * known secret (client secret, access token) is redacted wherever PingOne echoes it.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { safePulledDocument } from '../../../server/src/workflow/pull';
import { liveSideForCompare, normalizeForCompare } from '../../../server/src/workflow/compare';
import type { PhoneDeliverySettings } from '../../../server/src/pingone/types';

const TENANT = 'tenant-9f8e7d6c5b4a';
const CLIENT_SECRET = 'client-secret-0a1b2c3d4e5f';
const TOKEN = 'access-token-1234567890abcdef';
const ENV_ID = 'aaaaaaaa-0000-4000-8000-000000000001';

const live = (url: string, headers: Record<string, string>): PhoneDeliverySettings =>
  ({
    id: 'bbbbbbbb-0000-4000-8000-000000000002',
    environment: { id: ENV_ID },
    name: 'Gateway',
    provider: 'CUSTOM_PROVIDER',
    authentication: { method: 'BASIC', username: 'pingone-gateway' },
    requests: [{ deliveryMethod: 'SMS', url, method: 'GET', headers }],
    createdAt: '2024-01-01T00:00:00Z',
    updatedAt: '2024-01-02T00:00:00Z',
  }) as unknown as PhoneDeliverySettings;

const known = { byName: new Map([['tenantCode', TENANT]]), values: [CLIENT_SECRET, TOKEN] };

describe('safePulledDocument: a pull with the known secrets of the environment', () => {
  it('writes an echoed secret variable as its placeholder, under a header name that does not look like a credential', () => {
    const pulled = safePulledDocument(live('https://gw.example.com/send?to=${to}', { 'X-Tenant': TENANT }), ENV_ID, known);
    const body = JSON.parse(pulled.text) as { requests: { headers: Record<string, string> }[] };
    assert.equal(body.requests[0].headers['X-Tenant'], '{{tenantCode}}');
    assert.ok(pulled.secretVariables.includes('tenantCode'), JSON.stringify(pulled.secretVariables));
    assert.ok(!pulled.text.includes(TENANT));
  });

  it('redacts any other known secret, wherever it is echoed (URL path, header, inside a longer value)', () => {
    const pulled = safePulledDocument(
      live(`https://gw.example.com/${CLIENT_SECRET}/send?to=\${to}`, { 'X-Trace': `Bearer ${TOKEN}`, 'X-Route': `r-${TENANT}-1` }),
      ENV_ID,
      known,
    );
    for (const secret of [CLIENT_SECRET, TOKEN, TENANT]) assert.ok(!pulled.text.includes(secret), pulled.text);
    assert.match(pulled.text, /gw\.example\.com\/\*\*\*REDACTED\*\*\*\/send/);
    // A known variable inside a longer value is its placeholder there too.
    assert.match(pulled.text, /"X-Route": "r-\{\{tenantCode\}\}-1"/);
  });

  it('still binds the document and drops read-only fields', () => {
    const pulled = safePulledDocument(live('https://gw.example.com/send', {}), ENV_ID, { byName: new Map(), values: [] });
    const body = JSON.parse(pulled.text) as Record<string, unknown>;
    assert.equal(body.id, 'bbbbbbbb-0000-4000-8000-000000000002');
    assert.deepEqual(body.environment, { id: ENV_ID });
    assert.ok(!('createdAt' in body) && !('updatedAt' in body));
  });
});

describe('liveSideForCompare: the PingOne side of a comparison', () => {
  it("redacts every known secret that PingOne echoes where the document has none; keeps the document's placeholders", () => {
    const doc = {
      name: 'Gateway',
      provider: 'CUSTOM_PROVIDER',
      requests: [{ deliveryMethod: 'SMS', url: 'https://gw.example.com/send', method: 'GET', headers: { 'X-Tenant': '{{tenantCode}}' } }],
    };
    const right = normalizeForCompare(
      liveSideForCompare(doc, live(`https://gw.example.com/${TENANT}/send?k=${CLIENT_SECRET}`, { 'X-Tenant': TENANT }), [
        CLIENT_SECRET,
        TOKEN,
        TENANT,
      ]),
    );
    for (const secret of [CLIENT_SECRET, TOKEN, TENANT]) assert.ok(!right.includes(secret), right);
    assert.ok(right.includes('"X-Tenant": "{{tenantCode}}"'), right);
    assert.ok(right.includes('https://gw.example.com/***REDACTED***/send'), right);
  });
});
