// The stand-in itself, over raw HTTP: shapes of answers and errors as the PingOne docs and the SDK's OpenAPI describe them.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { PingOneLocal, startPingOneLocal } from '../../pingone-local/server';
import { bearer, customProvider, raw } from './helpers';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const INVALID_DATA_MESSAGE = 'The request could not be completed. One or more validation errors were in the request.';

async function withLocal(fn: (local: PingOneLocal) => Promise<void>, options = {}): Promise<void> {
  const local = await startPingOneLocal(options);
  try {
    await fn(local);
  } finally {
    await local.close();
  }
}

function form(fields: Record<string, string>): { method: string; headers: Record<string, string>; body: string } {
  return { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() };
}

async function api(local: PingOneLocal, method: string, suffix: string, body?: unknown) {
  const token = await bearer(local);
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const url = `${local.apiBase}/environments/${local.environmentId}/notificationsSettings${suffix}`;
  return raw(url, { method, headers, body: typeof body === 'string' ? body : body === undefined ? undefined : JSON.stringify(body) });
}

type Envelope = { id: string; code: string; message: string; details?: { code: string; target?: string; message: string }[] };

describe('pingone-local token endpoint', () => {
  it('answers client_credentials with access_token, token_type Bearer, expires_in', async () => {
    await withLocal(
      async (local) => {
        const basic = Buffer.from(`${local.clientId}:${local.clientSecret}`).toString('base64');
        const r = await raw(`${local.authBase}/${local.environmentId}/as/token`, {
          ...form({ grant_type: 'client_credentials' }),
          headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` },
        });
        assert.equal(r.status, 200);
        const body = r.json as Record<string, unknown>;
        assert.equal(body.token_type, 'Bearer');
        assert.equal(body.expires_in, 120);
        assert.equal(String(body.access_token).split('.').length, 3, 'JWT-looking');
      },
      { tokenLifetimeSeconds: 120, tokenFormat: 'jwt' },
    );
  });

  it('OAuth errors: invalid_client 401, unsupported_grant_type and invalid_request 400', async () => {
    await withLocal(async (local) => {
      const url = `${local.authBase}/${local.environmentId}/as/token`;
      const bad = await raw(url, form({ grant_type: 'client_credentials', client_id: local.clientId, client_secret: 'nope-secret' }));
      assert.equal(bad.status, 401);
      assert.equal((bad.json as { error: string }).error, 'invalid_client');
      assert.ok(!bad.text.includes('nope-secret'));
      const none = await raw(url, form({ grant_type: 'client_credentials' }));
      assert.equal((none.json as { error: string }).error, 'invalid_client');
      const grant = await raw(url, form({ grant_type: 'password', client_id: local.clientId, client_secret: local.clientSecret }));
      assert.deepEqual([grant.status, (grant.json as { error: string }).error], [400, 'unsupported_grant_type']);
      const missing = await raw(url, form({ client_id: local.clientId, client_secret: local.clientSecret }));
      assert.deepEqual([missing.status, (missing.json as { error: string }).error], [400, 'invalid_request']);
      const json = await raw(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      assert.deepEqual([json.status, (json.json as { error: string }).error], [400, 'invalid_request']);
      assert.equal(local.state.tokenRequests, 5);
      assert.equal(local.state.tokensIssued, 0);
    });
  });
});

describe('pingone-local API', () => {
  it('401 ACCESS_FAILED envelope (with id) for missing, bad and expired tokens', async () => {
    await withLocal(async (local) => {
      const url = `${local.apiBase}/environments/${local.environmentId}/notificationsSettings/phoneDeliverySettings`;
      const none = await raw(url);
      const badTok = await raw(url, { headers: { authorization: 'Bearer not-a-token' } });
      const token = await bearer(local);
      local.control({ expireTokens: true });
      const expired = await raw(url, { headers: { authorization: `Bearer ${token}` } });
      for (const r of [none, badTok, expired]) {
        assert.equal(r.status, 401);
        const env = r.json as Envelope;
        assert.equal(env.code, 'ACCESS_FAILED');
        assert.match(env.id, UUID);
      }
      assert.match((expired.json as Envelope).details?.[0].message ?? '', /expired/);
    });
  });

  it('list shape: _links, _embedded.phoneDeliverySettings, count, size', async () => {
    await withLocal(async (local) => {
      await api(local, 'POST', '/phoneDeliverySettings', customProvider());
      const r = await api(local, 'GET', '/phoneDeliverySettings');
      const body = r.json as { _links: unknown; _embedded: { phoneDeliverySettings: unknown[] }; count: number; size: number };
      assert.equal(r.status, 200);
      assert.ok(body._links);
      assert.equal(body._embedded.phoneDeliverySettings.length, 1);
      assert.deepEqual([body.count, body.size], [1, 1]);
    });
  });

  it('create fills OAUTH2 defaults and omits every write-only field; PingOne still stores them', async () => {
    await withLocal(async (local) => {
      const oauth = {
        provider: 'CUSTOM_PROVIDER',
        name: 'OAuth gateway',
        authentication: {
          method: 'OAUTH2',
          authUrl: 'https://as.example.com/token',
          clientId: 'gw-client',
          clientSecret: 'gw-client-secret',
        },
        requests: [{ deliveryMethod: 'SMS', method: 'GET', url: 'https://gw.example.com/send?to=${to}&text=${message}' }],
      };
      const r = await api(local, 'POST', '/phoneDeliverySettings', oauth);
      assert.equal(r.status, 201);
      const res = r.json as Record<string, Record<string, unknown>> & { id: string };
      assert.equal(res.authentication.grantType, 'CLIENT_CREDENTIALS');
      assert.equal(res.authentication.clientAuthenticationMethod, 'BASIC_AUTH_HEADER');
      assert.equal(res.authentication.clientSecret, undefined);
      assert.ok(!r.text.includes('gw-client-secret'));
      assert.equal(r.headers.get('location'), (res._links.self as { href: string }).href);
      assert.equal(
        (local.state.storedBody(local.environmentId, res.id)?.authentication as Record<string, unknown>).clientSecret,
        'gw-client-secret',
      );

      for (const auth of [
        { method: 'BASIC', username: 'u', password: 'basic-pw' },
        { method: 'CUSTOM_HEADER', headerName: 'X-Authorization', headerValue: 'header-secret' },
        { method: 'OAUTH2', authUrl: 'https://as.example.com/token', grantType: 'JWT_BEARER', assertion: 'eyJhbGciOi.x.y' },
      ]) {
        const c = await api(local, 'POST', '/phoneDeliverySettings', { ...oauth, authentication: auth });
        assert.equal(c.status, 201, c.text);
        for (const secret of ['basic-pw', 'header-secret', 'eyJhbGciOi.x.y']) assert.ok(!c.text.includes(secret));
      }
      const twilio = await api(local, 'POST', '/phoneDeliverySettings', { provider: 'CUSTOM_TWILIO', sid: 'AC1', authToken: 'tw-secret' });
      assert.ok(!twilio.text.includes('tw-secret'));
      assert.equal(local.state.resources().length, 5);
    });
  });

  it('validation: INVALID_DATA with the documented message, detail codes and targets', async () => {
    await withLocal(async (local) => {
      const cases: [unknown, string[]][] = [
        [{}, ['REQUIRED_VALUE provider']],
        [{ provider: 'VONAGE' }, ['INVALID_VALUE provider']],
        [{ provider: 'PINGONE_TWILIO' }, ['INVALID_VALUE provider']],
        [{ provider: 'CUSTOM_TWILIO', authToken: 't' }, ['REQUIRED_VALUE sid']],
        [{ provider: 'CUSTOM_TWILIO_VERIFY', sid: 's', authToken: 't' }, ['REQUIRED_VALUE verifyServiceId']],
        [
          {
            provider: 'CUSTOM_PROVIDER',
            name: 'n',
            authentication: { method: 'OAUTH2' },
            requests: [{ deliveryMethod: 'TEXT', method: 'GET', url: 'https://x/?to=${to}' }],
          },
          [
            'INVALID_VALUE requests[0].deliveryMethod',
            'INVALID_VALUE requests[0].url',
            'REQUIRED_VALUE authentication.authUrl',
            'REQUIRED_VALUE authentication.clientId',
            'REQUIRED_VALUE authentication.clientSecret',
          ],
        ],
        [
          {
            ...customProvider(),
            numbers: [
              { number: '+15551234567', type: 'PHONE_NUMBER', supportedCountries: ['US'] },
              { number: '12345', type: 'SHORT_CODE' },
            ],
          },
          ['INVALID_VALUE numbers[0].supportedCountries', 'INVALID_VALUE numbers[1].supportedCountries'],
        ],
      ];
      for (const [body, expected] of cases) {
        const r = await api(local, 'POST', '/phoneDeliverySettings', body);
        assert.equal(r.status, 400, JSON.stringify(body));
        const env = r.json as Envelope;
        assert.equal(env.code, 'INVALID_DATA');
        assert.equal(env.message, INVALID_DATA_MESSAGE);
        assert.match(env.id, UUID);
        assert.deepEqual(env.details?.map((d) => `${d.code} ${d.target}`).sort(), expected, JSON.stringify(body));
      }
      assert.equal(local.state.resources().length, 0);
    });
  });

  it('a body that is not JSON → 400 INVALID_REQUEST; unknown id → 404 NOT_FOUND; DELETE → 204 empty', async () => {
    await withLocal(async (local) => {
      const notJson = await api(local, 'POST', '/phoneDeliverySettings', '{"provider": ');
      assert.deepEqual([notJson.status, (notJson.json as Envelope).code], [400, 'INVALID_REQUEST']);
      const missing = await api(local, 'GET', '/phoneDeliverySettings/nope');
      assert.deepEqual([missing.status, (missing.json as Envelope).code], [404, 'NOT_FOUND']);
      const created = (await api(local, 'POST', '/phoneDeliverySettings', customProvider())).json as { id: string };
      const del = await api(local, 'DELETE', `/phoneDeliverySettings/${created.id}`);
      assert.deepEqual([del.status, del.text], [204, '']);
    });
  });

  it('POST /__control sets faults over HTTP; the request log holds no secrets', async () => {
    await withLocal(async (local) => {
      const ctl = await raw(`${local.origin}/__control`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ faults: [{ type: 'server-error', op: 'list', status: 503, count: 2 }] }),
      });
      assert.equal(ctl.status, 200);
      assert.equal((await api(local, 'GET', '/phoneDeliverySettings')).status, 503);
      assert.equal((await api(local, 'GET', '/phoneDeliverySettings')).status, 503);
      assert.equal((await api(local, 'GET', '/phoneDeliverySettings')).status, 200);
      const pending = await raw(`${local.origin}/__control`);
      assert.deepEqual((pending.json as { pendingFaults: unknown[] }).pendingFaults, []);
      await api(local, 'POST', '/phoneDeliverySettings', customProvider());
      const log = JSON.stringify(local.state.requests);
      for (const secret of [local.clientSecret, 'gateway-bearer-token-123', 'gateway-api-key-456']) assert.ok(!log.includes(secret));
      assert.ok(local.state.requests.every((e) => !('/__control' === e.path)));
      assert.deepEqual(
        local.state.requests.filter((e) => e.op === 'list').map((e) => e.fault ?? '-'),
        ['server-error', 'server-error', '-'],
      );
    });
  });
});

describe('pingone-local CLI', () => {
  it('prints the API URL, auth URL, environment id, client id and secret, and serves', async () => {
    const main = path.join(__dirname, '..', '..', 'pingone-local', 'main.js');
    const child = spawn(process.execPath, [main, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const out = await new Promise<string>((resolve, reject) => {
        let text = '';
        child.stdout.on('data', (c: Buffer) => {
          text += c.toString();
          if (text.includes('Press Ctrl+C')) resolve(text);
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${text}`)));
      });
      const field = (label: string): string => new RegExp(`${label}:\\s+(\\S+)`).exec(out)?.[1] ?? assert.fail(`no ${label} in ${out}`);
      const authUrl = field('Auth URL');
      assert.match(field('API URL'), /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
      const r = await raw(`${authUrl}/${field('Environment id')}/as/token`, {
        ...form({ grant_type: 'client_credentials', client_id: field('Worker client id'), client_secret: field('Client secret') }),
      });
      assert.equal(r.status, 200);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
