import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PingOneError } from '../../../server/src/pingone/errors';
import { formatRequestLogEntry, MemoryLogger } from '../../../server/src/pingone/log';
import { ClientCredentials, TokenCache } from '../../../server/src/pingone/tokens';
import { startPingOneLocal } from '../../pingone-local/server';
import { fetch } from './helpers';

async function withLocal(
  fn: (creds: ClientCredentials, local: Awaited<ReturnType<typeof startPingOneLocal>>) => Promise<void>,
  options = {},
) {
  const local = await startPingOneLocal(options);
  try {
    await fn(
      { authBase: local.authBase, tokenEnvironmentId: local.environmentId, clientId: local.clientId, clientSecret: local.clientSecret },
      local,
    );
  } finally {
    await local.close();
  }
}

async function rejection(p: Promise<unknown>): Promise<PingOneError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof PingOneError, `expected PingOneError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected a rejection');
}

describe('TokenCache (client credentials)', () => {
  it('gets a token with client_secret_basic (the default)', async () => {
    await withLocal(
      async (creds, local) => {
        const tokens = new TokenCache({ fetch });
        const token = await tokens.getToken(creds);
        assert.ok(token.length > 20);
        assert.equal(local.state.tokensIssued, 1);
      },
      { clients: undefined },
    );
  });

  it('gets a token with client_secret_post', async () => {
    await withLocal(async (creds, local) => {
      const tokens = new TokenCache({ fetch });
      assert.ok((await tokens.getToken({ ...creds, authMethod: 'client_secret_post' })).length > 20);
      assert.equal(local.state.tokensIssued, 1);
    });
  });

  it('honours an app that only allows one method', async () => {
    const local = await startPingOneLocal({
      clients: [{ clientId: 'app', clientSecret: 'sec-ret-value', environmentId: 'admin-env', authMethod: 'client_secret_post' }],
      environmentIds: ['admin-env'],
    });
    try {
      const creds = { authBase: local.authBase, tokenEnvironmentId: 'admin-env', clientId: 'app', clientSecret: 'sec-ret-value' };
      const tokens = new TokenCache({ fetch });
      const err = await rejection(tokens.getToken(creds));
      assert.equal(err.code, 'invalid_client');
      assert.ok((await tokens.getToken({ ...creds, authMethod: 'client_secret_post' })).length > 0);
    } finally {
      await local.close();
    }
  });

  it('reports a bad secret clearly, without the secret in the message', async () => {
    await withLocal(async (creds) => {
      const logger = new MemoryLogger();
      const tokens = new TokenCache({ fetch, logger });
      const wrong = 'wrong-secret-value-XYZ';
      const err = await rejection(tokens.getToken({ ...creds, clientSecret: wrong }));
      assert.equal(err.kind, 'token');
      assert.equal(err.code, 'invalid_client');
      assert.equal(err.status, 401);
      assert.match(err.message, /invalid_client/);
      assert.match(err.message, /client secret/);
      assert.ok(!err.message.includes(wrong));
      assert.ok(!err.message.includes(creds.clientSecret));
      assert.ok(!logger.lines().join('\n').includes(wrong));
    });
  });

  // A wrong environment answers invalid_client, as the TestEnvironment PowerShell module notes
  // (`Providers/PingOne/Public/Get-PingOneAccessToken.ps1`).
  it('a wrong token environment looks like invalid_client and names the environment', async () => {
    await withLocal(async (creds) => {
      const err = await rejection(new TokenCache({ fetch }).getToken({ ...creds, tokenEnvironmentId: 'other-env' }));
      assert.equal(err.code, 'invalid_client');
      assert.match(err.message, /other-env/);
    });
  });

  it('caches the token: N calls, one token request; concurrent callers share it', async () => {
    await withLocal(async (creds, local) => {
      const tokens = new TokenCache({ fetch });
      const first = await Promise.all([tokens.getToken(creds), tokens.getToken(creds), tokens.getToken(creds)]);
      for (let i = 0; i < 5; i++) assert.equal(await tokens.getToken(creds), first[0]);
      assert.deepEqual(new Set(first).size, 1);
      assert.equal(local.state.tokenRequests, 1);
      assert.equal(tokens.requestCount, 1);
    });
  });

  it('renews a token that is about to expire, and after a changed secret', async () => {
    let now = 1_000_000;
    await withLocal(
      async (creds, local) => {
        const tokens = new TokenCache({ fetch, now: () => now, refreshMarginSeconds: 60 });
        const a = await tokens.getToken(creds);
        now += 3_000; // 3 s of a 10 s lifetime: still valid
        assert.equal(await tokens.getToken(creds), a);
        now += 6_500; // within the margin (10 % of 10 s)
        const b = await tokens.getToken(creds);
        assert.notEqual(b, a);
        assert.equal(local.state.tokenRequests, 2);
        // A different secret for the same key never reuses the old token (here it is refused).
        await rejection(tokens.getToken({ ...creds, clientSecret: 'changed' }));
        assert.equal(local.state.tokenRequests, 3);
      },
      { tokenLifetimeSeconds: 10 },
    );
  });

  it('keeps tokens per (auth base, token environment, client id)', async () => {
    const local = await startPingOneLocal({
      environmentIds: ['env-a', 'env-b'],
      clients: [
        { clientId: 'c1', clientSecret: 's1-secret', environmentId: 'env-a' },
        { clientId: 'c1', clientSecret: 's2-secret', environmentId: 'env-b' },
      ],
    });
    try {
      const tokens = new TokenCache({ fetch });
      const a = await tokens.getToken({ authBase: local.authBase, tokenEnvironmentId: 'env-a', clientId: 'c1', clientSecret: 's1-secret' });
      const b = await tokens.getToken({ authBase: local.authBase, tokenEnvironmentId: 'env-b', clientId: 'c1', clientSecret: 's2-secret' });
      assert.notEqual(a, b);
      assert.equal(tokens.size, 2);
      tokens.clear();
      assert.equal(tokens.size, 0);
    } finally {
      await local.close();
    }
  });

  it('retries the token request after a 503', async () => {
    await withLocal(
      async (creds, local) => {
        const tokens = new TokenCache({ fetch, retryBaseDelayMs: 5 });
        assert.ok((await tokens.getToken(creds)).length > 0);
        assert.equal(local.state.tokenRequests, 2);
      },
      { faults: [{ type: 'server-error', status: 503, op: 'token' }] },
    );
  });

  it('logs the token request without secret or token', async () => {
    await withLocal(async (creds) => {
      const logger = new MemoryLogger();
      const token = await new TokenCache({ fetch, logger }).getToken(creds);
      assert.equal(logger.entries.length, 1);
      const line = formatRequestLogEntry(logger.entries[0]);
      assert.match(line, /^POST http:\/\/127\.0\.0\.1:\d+\/[^/]+\/as\/token → 200/);
      assert.ok(!line.includes(creds.clientSecret) && !line.includes(token));
    });
  });
});
