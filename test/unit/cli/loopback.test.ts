/**
 * Plain-http loopback requests never go through a proxy, and `localhost` names never reach DNS
 * (review finding "plain http only to loopback still leaves the machine"): the CLI's fetch with
 * HTTP_PROXY set to a fake proxy on loopback that records whether it was used, against the stand-in.
 */
import assert from 'node:assert/strict';
import dns from 'node:dns';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { cliFetch } from '../../../server/src/cli/proxy';
import { byLoopbackAddress, withDirectLoopback } from '../../../server/src/pingone/loopback';
import type { FetchFunction } from '../../../server/src/pingone/http';
import { startPingOneLocal } from '../../pingone-local/server';

async function fakeProxy(): Promise<{ url: string; used: string[]; close: () => void }> {
  const used: string[] = [];
  const server = createServer((req, res) => {
    used.push(`${req.method} ${req.url}`);
    res.writeHead(502).end('proxy');
  });
  server.on('connect', (req, socket) => {
    used.push(`CONNECT ${req.url}`);
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, used, close: () => server.close() };
}

describe('cli fetch: loopback goes direct', () => {
  it('with HTTP_PROXY and a NO_PROXY that lists none of them, 127.0.0.2, [::ffff:127.0.0.1] and foo.localhost bypass the proxy', async () => {
    const proxy = await fakeProxy();
    const local = await startPingOneLocal({ host: '127.0.0.2' });
    const local1 = await startPingOneLocal();
    try {
      const fetch = cliFetch({ HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url, NO_PROXY: 'internal.example.com' });
      for (const url of [
        `http://127.0.0.2:${local.port}/v1/environments/${local.environmentId}/notificationsSettings`,
        `http://[::ffff:127.0.0.1]:${local1.port}/v1/environments/${local1.environmentId}/notificationsSettings`,
        `http://api.foo.localhost:${local1.port}/v1/environments/${local1.environmentId}/notificationsSettings`,
      ]) {
        const r = await fetch(url);
        assert.equal(r.status, 401, `${url} reached the stand-in (no token: 401), not the proxy (502)`);
        await r.arrayBuffer();
      }
      assert.deepEqual(proxy.used, []);
    } finally {
      proxy.close();
      await local.close();
      await local1.close();
    }
  });

  it('a foo.localhost URL connects to 127.0.0.1 without a DNS query', async () => {
    const local = await startPingOneLocal();
    const asked: string[] = [];
    const original = dns.lookup;
    // Every name the process resolves while the request runs.
    (dns as { lookup: unknown }).lookup = ((host: string, ...rest: unknown[]) => {
      asked.push(host);
      return (original as (...a: unknown[]) => unknown)(host, ...rest);
    }) as typeof dns.lookup;
    try {
      const r = await cliFetch({})(`http://foo.localhost:${local.port}/v1/environments/${local.environmentId}/notificationsSettings`);
      assert.equal(r.status, 401);
      await r.arrayBuffer();
      assert.deepEqual(
        asked.filter((h) => h.endsWith('localhost')),
        [],
      );
    } finally {
      (dns as { lookup: unknown }).lookup = original;
      await local.close();
    }
  });
});

describe("the extension's loopback path (byLoopbackAddress over VS Code's fetch)", () => {
  it('a localhost name is replaced by 127.0.0.1 before the fetch sees it, so no DNS query is made; other hosts pass unchanged', async () => {
    const seen: string[] = [];
    const base = (async (input: unknown) => {
      seen.push(typeof input === 'string' ? input : input instanceof URL ? input.href : (input as Request).url);
      return new Response('{}');
    }) as unknown as FetchFunction;
    const direct = withDirectLoopback(
      () => {
        throw new Error('a loopback request took the remote path');
      },
      () => byLoopbackAddress(base),
    );
    await direct('http://stand-in.localhost:4040/v1/environments/e', {});
    await direct(new URL('http://LOCALHOST.:4040/as/token'), {});
    await direct('http://127.0.0.1:4040/x', {});
    assert.deepEqual(seen, ['http://127.0.0.1:4040/v1/environments/e', 'http://127.0.0.1:4040/as/token', 'http://127.0.0.1:4040/x']);
  });
});
