import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  isLoopbackHost,
  normalizeApiBase,
  normalizeAuthBase,
  phoneDeliverySettingsUrl,
  PINGONE_REGIONS,
  regionEndpoints,
  tokenEndpointUrl,
} from '../../../server/src/pingone/endpoints';

describe('PingOne endpoints', () => {
  it('maps every region to the API and auth bases of the Go SDK (pingone/model/region.go)', () => {
    assert.deepEqual(regionEndpoints('NA'), { apiBase: 'https://api.pingone.com/v1', authBase: 'https://auth.pingone.com' });
    assert.deepEqual(regionEndpoints('CA'), { apiBase: 'https://api.pingone.ca/v1', authBase: 'https://auth.pingone.ca' });
    assert.deepEqual(regionEndpoints('EU'), { apiBase: 'https://api.pingone.eu/v1', authBase: 'https://auth.pingone.eu' });
    assert.deepEqual(regionEndpoints('AP'), { apiBase: 'https://api.pingone.asia/v1', authBase: 'https://auth.pingone.asia' });
    assert.deepEqual(regionEndpoints('AU'), { apiBase: 'https://api.pingone.com.au/v1', authBase: 'https://auth.pingone.com.au' });
    assert.deepEqual(regionEndpoints('SG'), { apiBase: 'https://api.pingone.sg/v1', authBase: 'https://auth.pingone.sg' });
    assert.deepEqual(Object.keys(PINGONE_REGIONS).sort(), ['AP', 'AU', 'CA', 'EU', 'NA', 'SG']);
  });

  it('adds /v1 to an API base exactly once', () => {
    assert.equal(normalizeApiBase('https://api.pingone.eu'), 'https://api.pingone.eu/v1');
    assert.equal(normalizeApiBase('https://api.pingone.eu/'), 'https://api.pingone.eu/v1');
    assert.equal(normalizeApiBase('https://api.pingone.eu/v1'), 'https://api.pingone.eu/v1');
    assert.equal(normalizeApiBase('https://api.pingone.eu/v1/'), 'https://api.pingone.eu/v1');
    assert.equal(normalizeApiBase('https://proxy.example.com/pingone'), 'https://proxy.example.com/pingone/v1');
    assert.equal(normalizeApiBase('http://127.0.0.1:4040'), 'http://127.0.0.1:4040/v1');
  });

  it('allows plain http only for loopback hosts', () => {
    assert.equal(normalizeAuthBase('http://localhost:8080/'), 'http://localhost:8080');
    assert.equal(normalizeAuthBase('http://[::1]:8080'), 'http://[::1]:8080');
    assert.equal(normalizeAuthBase('http://127.10.0.3'), 'http://127.10.0.3');
    assert.throws(() => normalizeApiBase('http://api.pingone.com'), /https/);
    assert.throws(() => normalizeAuthBase('http://128.0.0.1'), /https/);
    assert.throws(() => normalizeAuthBase('http://127.0.0.1.evil.com'), /https/);
    assert.throws(() => normalizeApiBase('ftp://api.pingone.com'), /https/);
    assert.throws(() => normalizeApiBase('not a url'), /valid/);
  });

  it('refuses credentials, query and fragment in a base URL', () => {
    assert.throws(() => normalizeApiBase('https://user:pw@api.pingone.com'), /user name or password/);
    assert.throws(() => normalizeApiBase('https://api.pingone.com/v1?x=1'), /query/);
  });

  it('recognises loopback hosts', () => {
    for (const h of ['localhost', '127.0.0.1', '127.255.255.254', '[::1]', 'LOCALHOST', 'app.localhost']) assert.ok(isLoopbackHost(h), h);
    for (const h of ['10.0.0.1', '127.0.0.256', 'localhost.example.com', '[::2]', 'api.pingone.com']) assert.ok(!isLoopbackHost(h), h);
  });

  it('builds token and resource URLs with encoded path segments', () => {
    assert.equal(tokenEndpointUrl('https://auth.pingone.eu/', 'env-1'), 'https://auth.pingone.eu/env-1/as/token');
    assert.equal(
      phoneDeliverySettingsUrl('https://api.pingone.eu', 'env-1', 'a/b'),
      'https://api.pingone.eu/v1/environments/env-1/notificationsSettings/phoneDeliverySettings/a%2Fb',
    );
    assert.throws(() => phoneDeliverySettingsUrl('https://api.pingone.eu', ' '), /empty/);
  });
});

describe('ids are one path segment', () => {
  it('an id of "." or ".." is refused before any request; "/", "?" and "#" stay inside the segment', async () => {
    const { withHarness } = await import('./helpers');
    await withHarness(async ({ client, local }) => {
      for (const id of ['..', '.', ' .. ']) {
        for (const r of [await client.read(id), await client.delete(id), await client.update(id, { provider: 'CUSTOM_PROVIDER' })]) {
          assert.equal(r.kind, 'error');
          assert.equal(r.kind === 'error' && r.error.kind, 'config', id);
        }
      }
      assert.equal(local.state.requests.filter((q) => !q.path.endsWith('/as/token')).length, 0, 'nothing reached the API');
      const url = new URL(phoneDeliverySettingsUrl(local.apiBase, local.environmentId, '../x?y#z'));
      assert.match(url.pathname, /\/phoneDeliverySettings\/\.\.%2Fx%3Fy%23z$/);
      assert.equal(url.search + url.hash, '');
    });
  });
});
