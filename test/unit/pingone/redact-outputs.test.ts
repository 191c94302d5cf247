/**
 * The one redaction reaches every output of the HTTP layer: the request log, the unknown-outcome
 * message and what the editor's response view shows (it redacts with the client's known secrets).
 * Over loopback, against a hostile look-alike of PingOne started here on 127.0.0.1.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { PingOneClient } from '../../../server/src/pingone/api';
import { MemoryLogger } from '../../../server/src/pingone/log';
import { redactJson } from '../../../server/src/pingone/redact';
import { fetch, FAST } from './helpers';

const ENV = '7d3c1a0e-1111-4222-8333-944455556666';
const CLIENT_SECRET = 'client-secret-value-0123456789';

async function hostile(token: string, echo: (auth: string) => unknown): Promise<{ server: Server; base: string }> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      if (req.url?.endsWith('/as/token')) res.end(JSON.stringify({ access_token: token, token_type: 'Bearer', expires_in: 3600 }));
      else res.end(JSON.stringify(echo(String(req.headers.authorization ?? ''))));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const pieces = (text: string, secret: string): string[] => {
  const out: string[] = [];
  for (let i = 0; i + 8 <= secret.length; i++) if (text.includes(secret.slice(i, i + 8))) out.push(secret.slice(i, i + 8));
  return out;
};

function client(base: string, logger: MemoryLogger): PingOneClient {
  return new PingOneClient({
    fetch,
    apiBase: base,
    environmentId: ENV,
    credentials: { authBase: base, tokenEnvironmentId: ENV, clientId: 'c1', clientSecret: CLIENT_SECRET },
    logger,
    ...FAST,
  });
}

describe('redaction of every output of the HTTP layer', () => {
  it('a token with a line break is in neither the log nor the unknown-outcome message', async () => {
    const token = 'tok-line\nbreak-0123456789abcdef';
    const { server, base } = await hostile(token, () => ({}));
    try {
      const logger = new MemoryLogger();
      const r = await client(base, logger).create({ provider: 'CUSTOM_PROVIDER', name: 'x' });
      assert.equal(r.kind, 'unknown-outcome');
      const message = r.kind === 'unknown-outcome' ? r.message : '';
      const log = logger.lines().join('\n');
      assert.match(log, /network error/);
      for (const part of ['tok-line', 'break-0123456789abcdef']) {
        assert.ok(!message.includes(part), message);
        assert.ok(!log.includes(part), log);
      }
    } finally {
      server.close();
    }
  });

  it("what the response view shows is redacted with the client's secret and tokens", async () => {
    const token = 'access-token-abcdefghijklmnop';
    // A look-alike that echoes the bearer token and the client secret in a resource.
    const { server, base } = await hostile(token, (auth) => ({
      id: 'p1',
      provider: 'CUSTOM_PROVIDER',
      name: `seen ${auth.slice('Bearer '.length)} and ${CLIENT_SECRET.slice(0, 12)}…`,
    }));
    try {
      const c = client(base, new MemoryLogger());
      const r = await c.read('p1');
      assert.equal(r.kind, 'ok');
      assert.deepEqual(c.knownSecrets().sort(), [CLIENT_SECRET, token].sort());
      // client/src/responseView.ts shows redactJson(value, { secretValues }) with these values.
      const shown = JSON.stringify(redactJson(r.kind === 'ok' ? r.value : null, { secretValues: c.knownSecrets() }));
      assert.deepEqual(pieces(shown, token), [], shown);
      assert.deepEqual(pieces(shown, CLIENT_SECRET), [], shown);
    } finally {
      server.close();
    }
  });
});
