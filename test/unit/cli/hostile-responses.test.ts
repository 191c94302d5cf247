/**
 * Hostile responses (huge lists, deep nesting, wrong types) end in a clear error and exit 1 or 2,
 * never a stack trace; names and keys with terminal control sequences are printed escaped.
 * Against a look-alike of PingOne started here on 127.0.0.1.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { memoryIo, run } from './remote-helpers';

const ENV = '7d3c1a0e-1111-4222-8333-944455556666';

/** A look-alike whose API answers `answer(path)` (a JSON text) to every authenticated request. */
async function withLookalike(answer: (path: string) => string, fn: (flags: string[]) => Promise<void>): Promise<void> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      if (req.url?.endsWith('/as/token')) res.end(JSON.stringify({ access_token: 'hostile-token-0123456789', expires_in: 3600 }));
      else res.end(answer(req.url ?? ''));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    await fn(['--api-url', base, '--auth-url', base, '--environment-id', ENV, '--client-id', 'c1']);
  } finally {
    server.close();
  }
}

const env = { PINGONE_CLIENT_SECRET: 'client-secret-0123456789' };
const noStack = (text: string) => assert.ok(!/\n\s+at .+:\d+:\d+/.test(text) && !/RangeError|TypeError/.test(text), text);

describe('cli: hostile responses', () => {
  it('a list of a million entries: a clear error, exit 1', () =>
    withLookalike(
      () => `{"_embedded":{"phoneDeliverySettings":[${Array(1_000_000).fill('{}').join(',')}]}}`,
      async (flags) => {
        const r = await run(['pull', '--name', 'x', ...flags], memoryIo({ env }));
        assert.equal(r.code, 1, r.err);
        noStack(r.err);
        assert.match(r.err, /more than 10000/);
      },
    ));

  it('a resource nested 100,000 levels deep: a clear error, exit 1', () =>
    withLookalike(
      () => `{"id":"p1","provider":"CUSTOM_PROVIDER","name":"deep","x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
      async (flags) => {
        const r = await run(['pull', '--id', 'p1', ...flags], memoryIo({ env }));
        assert.ok(r.code === 1 || r.code === 2, r.err);
        noStack(r.err);
        assert.match(r.err, /nested deeper than 64 levels|not valid JSON/);
      },
    ));

  it('wrong types: list entries that are not resources, a fallback chain that is not a list', async () => {
    await withLookalike(
      () => '{"_embedded":{"phoneDeliverySettings":[null,5,"x",{"id":7,"provider":[]}]}}',
      async (flags) => {
        const r = await run(['pull', '--name', 'x', ...flags], memoryIo({ env }));
        assert.equal(r.code, 1, r.err);
        noStack(r.err);
        assert.match(r.err, /entry 0 of the list is not a phone delivery settings resource/);
      },
    );
    await withLookalike(
      (path) =>
        path.endsWith('/notificationsSettings')
          ? '{"smsProvidersFallbackChain":"p1"}'
          : '{"id":"p1","provider":"CUSTOM_PROVIDER","name":"n","numbers":[null,{"number":"+15555550100"}]}',
      async (flags) => {
        const r = await run(['delete', '--id', 'p1', ...flags], memoryIo({ env }));
        // Where the resource is used is read before anything is deleted: a chain that is not a list stops it.
        assert.equal(r.code, 1, r.err);
        noStack(r.err);
        assert.match(r.err, /so it was not deleted: .*smsProvidersFallbackChain is not a list of ids/);
      },
    );
  });

  it('terminal control sequences in names and keys are printed escaped (stdout and stderr)', async () => {
    const osc52 = '\u001b]52;c;ZWNobyBwd25lZA==\u0007';
    const erase = '\u001b[2K\r';
    await withLookalike(
      () => JSON.stringify({ id: 'p1', provider: 'CUSTOM_PROVIDER', name: `n${osc52}${erase}\u009b31m\u202e`, [`k${osc52}`]: 1 }),
      async (flags) => {
        const r = await run(['pull', '--id', 'p1', ...flags], memoryIo({ env }));
        assert.equal(r.code, 0, r.err);
        for (const text of [r.out, r.err]) assert.ok(!/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/.test(text), JSON.stringify(text));
        assert.match(r.err, /\\u001b\]52;c;/);
        assert.equal(JSON.parse(r.out).name, `n${osc52}${erase}\u009b31m\u202e`, 'the JSON on stdout still reads back as the same string');
      },
    );
    // A document's own keys, in `validate`'s report.
    const io = memoryIo({ files: { 'd.json': `{"provider":"CUSTOM_PROVIDER","x${erase}y":1}` } });
    const v = await run(['validate', 'd.json'], io);
    assert.ok(!/[\u001b\r]/.test(v.out + v.err), JSON.stringify(v.out + v.err));
  });
});
