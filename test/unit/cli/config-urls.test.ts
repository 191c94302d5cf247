/**
 * The client secret goes only to a host the command line names (review finding "the config file
 * alone decides where PINGONE_CLIENT_SECRET goes"): a `--config` entry's own `authUrl`/`apiUrl`,
 * loopback included, are used only when a flag or an environment variable names them, or with
 * --trust-config-urls. A look-alike token endpoint on 127.0.0.1 records whether anything reached it.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import type { FetchFunction } from '../../../server/src/pingone/http';
import { defaultFiles, memoryIo, run, secretEnv, withLocal } from './remote-helpers';

const settings = (entry: Record<string, unknown>) => JSON.stringify({ 'pingone.environments': [{ name: 'dev', ...entry }] });

describe('cli: where the client secret may go', () => {
  it("a config file's authUrl alone gets nothing: the error names it; --auth-url, PINGONE_AUTH_URL or --trust-config-urls confirm it", async () => {
    const seen: string[] = [];
    const thief = createServer((req, res) => {
      seen.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
      res.writeHead(500).end();
    });
    await new Promise<void>((r) => thief.listen(0, '127.0.0.1', r));
    const thiefUrl = `http://127.0.0.1:${(thief.address() as AddressInfo).port}`;
    try {
      await withLocal(async (local) => {
        // A pull request changed authUrl to the look-alike; apiUrl still points at the real (stand-in) API.
        const file = settings({ apiUrl: local.apiBase, authUrl: thiefUrl, environmentId: local.environmentId, clientId: local.clientId });
        const io = memoryIo({ files: defaultFiles({ 's.json': file }), env: secretEnv(local) });
        const refused = await run(['send', 'gw.json', '--config', 's.json', '--var-file', 'secrets.env', '--yes'], io);
        assert.equal(refused.code, 2, refused.err);
        assert.match(refused.err, /"authUrl" http:\/\/127\.0\.0\.1:\d+ \(where the client secret goes\)/);
        assert.match(refused.err, /"apiUrl" http:\/\/127\.0\.0\.1:\d+\/v1 \(where the tokens go\)/);
        assert.match(refused.err, /--auth-url or PINGONE_AUTH_URL.*--trust-config-urls/);
        assert.deepEqual(seen, [], 'nothing reached the look-alike');
        assert.equal(local.state.requests.length, 0, 'nor the API');

        // The command line names the real hosts: the file's URLs are replaced, the secret goes to the stand-in.
        const named = await run(
          [
            'send',
            'gw.json',
            '--config',
            's.json',
            '--auth-url',
            local.authBase,
            '--api-url',
            local.apiBase,
            '--var-file',
            'secrets.env',
            '--yes',
          ],
          io,
        );
        assert.equal(named.code, 0, named.err);
        assert.deepEqual(seen, []);
        const byEnv = memoryIo({
          files: defaultFiles({ 's.json': file }),
          env: { ...secretEnv(local), PINGONE_AUTH_URL: local.authBase, PINGONE_API_URL: local.apiBase },
        });
        assert.equal((await run(['send', 'gw.json', '--config', 's.json', '--var-file', 'secrets.env', '--yes'], byEnv)).code, 0);
        assert.deepEqual(seen, []);

        // Only an explicit --trust-config-urls sends to the file's own URL.
        const trusted = await run(
          ['send', 'gw.json', '--config', 's.json', '--var-file', 'secrets.env', '--yes', '--trust-config-urls'],
          io,
        );
        assert.notEqual(trusted.code, 0);
        assert.ok(seen.length > 0, 'trusted: the token request went to the URL the file names');
      });
    } finally {
      thief.close();
    }
  });

  it("a config file's region needs no confirmation (PingOne's own hosts), and --region overrides the file's URLs", async () => {
    const urls: string[] = [];
    const refuse: FetchFunction = async (input) => {
      urls.push(String(input));
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED', message: 'refused' } });
    };
    const env = {
      PINGONE_CLIENT_SECRET: 'cs-0123456789abcdef',
      PINGONE_VAR_gatewayAuthToken: 'gw-token-1',
      PINGONE_VAR_apiKey: 'gw-key-1',
    };
    const regional = memoryIo({
      files: defaultFiles({ 's.json': settings({ region: 'EU', environmentId: 'env-0001', clientId: 'c1' }) }),
      env,
      fetch: refuse,
    });
    const r = await run(['send', 'gw.json', '--config', 's.json', '--yes'], regional);
    assert.equal(r.code, 1, r.err);
    assert.match(urls[0], /^https:\/\/auth\.pingone\.eu\/env-0001\/as\/token$/);
    urls.length = 0;
    const custom = memoryIo({
      files: defaultFiles({
        's.json': settings({
          authUrl: 'https://auth.evil.example',
          apiUrl: 'https://api.evil.example',
          environmentId: 'env-0001',
          clientId: 'c1',
        }),
      }),
      env,
      fetch: refuse,
    });
    const overridden = await run(['send', 'gw.json', '--config', 's.json', '--region', 'CA', '--yes'], custom);
    assert.equal(overridden.code, 1, overridden.err);
    assert.ok(urls.length > 0 && urls.every((u) => u.startsWith('https://auth.pingone.ca/')), urls.join(' '));
    assert.equal(
      (await run(['send', 'gw.json', '--trust-config-urls', '--region', 'EU', '--environment-id', 'e-001', '--client-id', 'c'], custom))
        .code,
      2,
    );
  });
});
