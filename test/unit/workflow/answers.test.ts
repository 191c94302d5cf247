/**
 * What comes back is checked: a read that answers another resource than the one asked for is an
 * error (never a PUT to the answered id); a failed list before a send says that the list failed;
 * an update carries its id in the body. Against a tiny API on loopback, with the stand-in's tokens.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MemoryBindingStore } from '../../../server/src/workflow/binding';
import { resolveEnvironment } from '../../../server/src/workflow/environments';
import { failureHeadline, sendDocument, type SendUi } from '../../../server/src/workflow/send';
import { withHarness } from '../pingone/helpers';

const ASKED = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';
const BODY = { provider: 'CUSTOM_TWILIO', name: 'Twilio', sid: 'AC0', authToken: 't' };

const yes: SendUi = {
  confirmCreate: async () => true,
  choose: async (c) => c[0],
  confirmOverwrite: async () => true,
  confirmProduction: async () => true,
  confirmRecreate: async () => true,
};

interface Api {
  base: string;
  seen: { method: string; url: string; body?: unknown }[];
  close(): Promise<void>;
}

/** GET one → the resource with `readId`; GET list → `listStatus`; PUT → the body back. */
async function api(opts: { readId: string; listStatus?: number }): Promise<Api> {
  const seen: Api['seen'] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      const body = text ? JSON.parse(text) : undefined;
      seen.push({ method: req.method!, url: req.url!, body });
      const json = (status: number, v: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(v));
      };
      const one = /\/phoneDeliverySettings\/([^/?]+)$/.exec(req.url!);
      if (!one) {
        if (opts.listStatus && opts.listStatus >= 400) return json(opts.listStatus, { code: 'UNEXPECTED_ERROR', message: 'boom', id: 'c' });
        return json(200, { _embedded: { phoneDeliverySettings: [] }, count: 0, size: 0 });
      }
      if (req.method === 'GET') return json(200, { ...BODY, id: opts.readId });
      if (req.method === 'PUT') return json(200, { ...body, id: one[1] });
      json(405, {});
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, seen, close: () => new Promise((r) => server.close(() => r())) };
}

async function send(a: Api, documentId?: string) {
  let outcome: Awaited<ReturnType<typeof sendDocument>> | undefined;
  await withHarness(
    async ({ client, local }) => {
      const { env } = resolveEnvironment({
        name: 'test',
        apiUrl: a.base,
        authUrl: local.authBase,
        environmentId: local.environmentId,
        clientId: local.clientId,
      });
      outcome = await sendDocument({
        client,
        env: env!,
        store: new MemoryBindingStore(),
        documentKey: 'd',
        body: BODY,
        documentId,
        ui: yes,
      });
    },
    { client: { apiBase: a.base } },
  );
  return outcome!;
}

describe('send: what comes back is checked', () => {
  it('a read that answers another id is an error, and nothing is PUT (to either id)', async () => {
    const a = await api({ readId: OTHER });
    try {
      const o = await send(a, ASKED);
      assert.equal(o.kind, 'rejected');
      assert.equal(o.kind === 'rejected' && o.operation, 'read');
      assert.match(o.kind === 'rejected' ? o.error.message : '', /another resource/);
      assert.deepEqual(
        a.seen.filter((s) => s.method === 'PUT'),
        [],
      );
    } finally {
      await a.close();
    }
  });
  it('an update carries its id in the PUT body', async () => {
    const a = await api({ readId: ASKED });
    try {
      const o = await send(a, ASKED);
      assert.equal(o.kind, 'updated');
      const put = a.seen.find((s) => s.method === 'PUT')!;
      assert.match(put.url, new RegExp(`/${ASKED}$`));
      assert.equal((put.body as { id?: string }).id, ASKED);
    } finally {
      await a.close();
    }
  });
  it('a failed list before the send says the list failed, not that an update was refused', async () => {
    const a = await api({ readId: ASKED, listStatus: 500 });
    try {
      const o = await send(a);
      assert.equal(o.kind, 'rejected');
      const step = o.kind === 'rejected' ? o.operation : 'create';
      assert.equal(step, 'list');
      assert.match(failureHeadline(step, 'test'), /^Could not list the phone delivery settings of "test"/);
    } finally {
      await a.close();
    }
  });
});
