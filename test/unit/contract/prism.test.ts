/**
 * The contract test: what this project sends, checked by a mock built from PingOne's published
 * OpenAPI (test/contract/phone-delivery-openapi.yml, served by Stoplight Prism with request
 * validation on, on loopback). Every template made concrete, every valid fixture, and every request
 * the CLI makes (list, create, read, update, delete, notification settings read) must be an
 * operation the spec defines and must get a 2xx from Prism: no `sl-violations`.
 *
 * Where the spec lags the live API (its "WHERE THIS SPEC LAGS THE LIVE API" section), only that
 * body is skipped, with the lag as the reason.
 *
 * Prism's mock has no state and answers fixed examples, so a recorder sits between the CLI and
 * Prism: it stands in for the token endpoint (not in the spec), removes `/v1` (Prism serves the
 * paths without the servers' path), records every request with Prism's verdict, and answers a
 * validated single-resource request as PingOne would (the resource that was sent, under the id asked
 * for) so that the CLI's own checks of what comes back can pass.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { TEMPLATES } from '../../../server/src/model/templates';
import { fillPlaceholders } from '../../../server/src/model/placeholders';
import { plainValue } from '../../../server/src/model/snippet';
import { memoryIo, run } from '../cli/remote-helpers';

const ROOT = resolve(__dirname, '..', '..', '..', '..');
const SPEC = join(ROOT, 'test', 'contract', 'phone-delivery-openapi.yml');
const ENV_ID = '11111111-1111-4111-8111-111111111111';
const PUT_ID = '22222222-2222-4222-8222-222222222222';

// ---------------------------------------------------------------------------------------------
// The spec's operations, and where it lags (the reasons name the section of the spec's header)

/** `GET /environments/{environmentID}/…` → a matcher, from the spec's `paths`. */
function specOperations(): { method: string; template: string; match: RegExp }[] {
  const ops: { method: string; template: string; match: RegExp }[] = [];
  let path: string | undefined;
  for (const line of readFileSync(SPEC, 'utf8').split('\n')) {
    const p = /^ {2}(\/\S+):\s*$/.exec(line);
    if (p) path = p[1];
    const m = /^ {4}(get|put|post|delete|patch):\s*$/.exec(line);
    if (m && path) {
      const re = '^' + path.replace(/\{[^}]+\}/g, '[^/]+') + '$';
      ops.push({ method: m[1].toUpperCase(), template: path, match: new RegExp(re) });
    }
  }
  return ops;
}

const LAG = 'the spec lags the live API (test/contract/phone-delivery-openapi.yml, "WHERE THIS SPEC LAGS THE LIVE API"): ';
const SPEC_PROVIDERS = ['CUSTOM_PROVIDER', 'CUSTOM_TWILIO', 'CUSTOM_SYNIVERSE'];
const SPEC_AUTH_METHODS = ['BASIC', 'BEARER'];

/** Why the spec cannot accept this body although PingOne does, or undefined. */
function lagOf(body: Record<string, unknown>): string | undefined {
  const provider = String(body.provider);
  if (!SPEC_PROVIDERS.includes(provider)) return `${LAG}its provider enum has no ${provider} (a docs-only provider)`;
  const auth = body.authentication as Record<string, unknown> | undefined;
  if (provider === 'CUSTOM_PROVIDER' && auth && !SPEC_AUTH_METHODS.includes(String(auth.method)))
    return `${LAG}its authentication methods are BASIC and BEARER only, not ${String(auth.method)}`;
  const requests = Array.isArray(body.requests) ? (body.requests as Record<string, unknown>[]) : [];
  if (requests.some((r) => r.phoneNumberFormat === undefined))
    return `${LAG}requests[].phoneNumberFormat is required there; the docs' request models omit it and PingOne fills in FULL`;
  if (provider === 'CUSTOM_SYNIVERSE' && body.sid === undefined)
    return `${LAG}sid is required by the shared Twilio/Syniverse schema; the docs' Syniverse body has none`;
  if (provider === 'CUSTOM_TWILIO' && body.authToken === undefined)
    return `${LAG}authToken is required there; PingOne's 2022 Postman Twilio update sends none`;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Prism, and the recorder in front of it

interface Recorded {
  method: string;
  path: string;
  status: number;
  violations?: string;
}

let prism: ChildProcess | undefined;
let prismBase = '';
let recorder: Server | undefined;
let recorderBase = '';
const recorded: Recorded[] = [];
/** What the CLI created or updated, by id: the recorder's answers to later reads. */
const resources = new Map<string, Record<string, unknown>>();

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function startPrism(): Promise<void> {
  const pkg = require.resolve('@stoplight/prism-cli/package.json');
  const bin = (JSON.parse(readFileSync(pkg, 'utf8')) as { bin: Record<string, string> }).bin.prism;
  const port = await freePort();
  prismBase = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [join(dirname(pkg), bin), 'mock', '-h', '127.0.0.1', '-p', String(port), '--errors', SPEC], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  prism = child;
  let log = '';
  await new Promise<void>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`Prism did not start within 60 s:\n${log}`)), 60_000);
    const onData = (b: Buffer): void => {
      log += b.toString();
      if (log.includes('Prism is listening')) {
        clearTimeout(timer);
        ok();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`Prism exited (${code}):\n${log}`));
    });
  });
  child.removeAllListeners('exit');
}

/** One request to Prism: status, `sl-violations`, body. */
function toPrism(
  method: string,
  path: string,
  body: string | undefined,
  headers: Record<string, string>,
): Promise<{ status: number; violations?: string; text: string }> {
  return new Promise((ok, fail) => {
    const req = httpRequest(prismBase + path, { method, headers }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => {
        const v = res.headers['sl-violations'];
        ok({ status: res.statusCode ?? 0, violations: Array.isArray(v) ? v.join(' ') : v, text });
      });
    });
    req.on('error', fail);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** A body straight to Prism (templates, fixtures). */
async function post(body: unknown, method: 'POST' | 'PUT' = 'POST'): Promise<{ status: number; violations?: string }> {
  const path = `/environments/${ENV_ID}/notificationsSettings/phoneDeliverySettings${method === 'PUT' ? `/${PUT_ID}` : ''}`;
  return toPrism(method, path, JSON.stringify(body), { authorization: 'Bearer contract-test', 'content-type': 'application/json' });
}

async function startRecorder(): Promise<void> {
  recorder = createServer((req: IncomingMessage, res: ServerResponse) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => void answer(req, text, res));
  });
  await new Promise<void>((r) => recorder!.listen(0, '127.0.0.1', r));
  recorderBase = `http://127.0.0.1:${(recorder.address() as AddressInfo).port}`;
}

async function answer(req: IncomingMessage, text: string, res: ServerResponse): Promise<void> {
  const json = (status: number, value: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(value));
  };
  const url = new URL(req.url!, 'http://recorder');
  if (req.method === 'POST' && /^\/[^/]+\/as\/token$/.test(url.pathname)) {
    // The token endpoint is not in the spec: a stub.
    return json(200, { access_token: 'contract-test-token', token_type: 'Bearer', expires_in: 3600 });
  }
  const path = url.pathname.replace(/^\/v1(?=\/)/, '');
  const headers: Record<string, string> = {};
  for (const k of ['authorization', 'content-type', 'accept'])
    if (typeof req.headers[k] === 'string') headers[k] = req.headers[k] as string;
  const method = req.method!;
  const r = await toPrism(method, path + url.search, text || undefined, headers);
  recorded.push({ method, path, status: r.status, violations: r.violations });
  if (r.status < 200 || r.status >= 300 || r.status === 204) {
    res.writeHead(r.status, { 'content-type': 'application/json' });
    return void res.end(r.text);
  }
  // Prism validated the request; answer as PingOne would (Prism only has fixed examples).
  const one = /\/phoneDeliverySettings\/([^/]+)$/.exec(path);
  const sent = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
  const stamp = { environment: { id: ENV_ID }, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: new Date().toISOString() };
  if (method === 'POST' && sent && !one) {
    const id = randomUUID();
    resources.set(id, { ...sent, ...stamp, id });
    return json(r.status, resources.get(id));
  }
  if (one && method === 'PUT' && sent) {
    resources.set(one[1], { ...sent, ...stamp, id: one[1] });
    return json(r.status, resources.get(one[1]));
  }
  if (one && method === 'GET') return json(r.status, resources.get(one[1]) ?? { ...JSON.parse(r.text), id: one[1] });
  if (!one && method === 'GET' && path.endsWith('/phoneDeliverySettings'))
    return json(r.status, { _embedded: { phoneDeliverySettings: [...resources.values()] }, count: resources.size, size: resources.size });
  res.writeHead(r.status, { 'content-type': 'application/json' });
  res.end(r.text);
}

// ---------------------------------------------------------------------------------------------

/** A template or fixture made concrete: `{{placeholders}}` filled with fake values, `$schema` dropped. */
function concrete(body: Record<string, unknown>): Record<string, unknown> {
  const fill = (v: unknown): unknown => {
    if (typeof v === 'string') return fillPlaceholders(v, (name) => `fake-${name}`).value;
    if (Array.isArray(v)) return v.map(fill);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, c]) => [k, fill(c)]));
    return v;
  };
  const { $schema: _schema, ...rest } = fill(body) as Record<string, unknown>;
  return rest;
}

const accepted = (r: { status: number; violations?: string }, what: string): void => {
  assert.ok(r.status >= 200 && r.status < 300, `${what}: Prism answered ${r.status}: ${r.violations ?? ''}`);
  assert.equal(r.violations, undefined, `${what}: sl-violations ${r.violations}`);
};

describe('contract: PingOne’s published OpenAPI (Stoplight Prism, request validation on)', { timeout: 180_000 }, () => {
  before(async () => {
    await startPrism();
    await startRecorder();
  });
  after(async () => {
    prism?.kill();
    await new Promise<void>((r) => (recorder ? recorder.close(() => r()) : r()));
  });

  describe('every template, made concrete, is accepted', () => {
    for (const t of TEMPLATES) {
      const body = concrete(plainValue(t.body) as Record<string, unknown>);
      const lag = lagOf(body);
      it(t.prefix, { skip: lag }, async () => accepted(await post(body), t.prefix));
    }
  });

  describe('every valid fixture is accepted', () => {
    const dirs = [join(ROOT, 'test', 'fixtures', 'valid'), join(ROOT, 'test', 'fixtures', 'real-world')];
    const realWorld = JSON.parse(readFileSync(join(dirs[1], 'expected.json'), 'utf8')) as Record<
      string,
      { request: 'POST' | 'PUT'; openapi: { status: number } }
    >;
    for (const dir of dirs) {
      for (const name of readdirSync(dir).filter((f) => f.endsWith('.json') && !f.endsWith('expected.json'))) {
        const body = concrete(JSON.parse(readFileSync(join(dir, name), 'utf8')));
        const rw = dir === dirs[1] ? realWorld[name] : undefined;
        const method = rw?.request ?? (typeof body.id === 'string' ? 'PUT' : 'POST');
        const lag = lagOf(body);
        it(`${dir === dirs[1] ? 'real-world' : 'valid'}/${name} (${method})`, { skip: lag }, async () => {
          const r = await post(body, method);
          accepted(r, name);
          if (rw) assert.equal(r.status, rw.openapi.status, 'the status recorded in expected.json');
        });
      }
    }
  });

  it('every request of the CLI (list, create, read, update, delete, notification settings) is a spec operation Prism accepts', async () => {
    const ops = specOperations();
    const twilio = TEMPLATES.find((t) => t.prefix === 'pingone-twilio')!;
    const doc = JSON.stringify(plainValue(twilio.body), null, 2);
    const io = memoryIo({
      files: { 'twilio.json': doc },
      env: { PINGONE_CLIENT_SECRET: 'contract-test-secret', PINGONE_VAR_twilioAuthToken: 'fake-twilio-auth-token' },
    });
    const flags = [
      '--api-url',
      recorderBase,
      '--auth-url',
      recorderBase,
      '--environment-id',
      ENV_ID,
      '--client-id',
      'contract-test-client',
    ];
    recorded.length = 0;
    // create (list first, then POST, then the notification settings read)
    const created = await run(['send', 'twilio.json', '--yes', ...flags], io);
    assert.equal(created.code, 0, created.err);
    const id = (JSON.parse(created.out) as { id: string }).id;
    // read (pull), update (send of the pulled document: read, then PUT), delete
    const pulled = await run(['pull', '--id', id, '-o', 'pulled.json', ...flags], io);
    assert.equal(pulled.code, 0, pulled.err);
    const updated = await run(['send', 'pulled.json', ...flags], io);
    assert.equal(updated.code, 0, updated.err);
    const deleted = await run(['delete', '--id', id, '--yes', ...flags], io);
    assert.equal(deleted.code, 0, deleted.err);

    const seen = new Set<string>();
    for (const r of recorded) {
      const op = ops.find((o) => o.method === r.method && o.match.test(r.path));
      assert.ok(op, `${r.method} ${r.path} is no operation of the spec`);
      seen.add(`${op.method} ${op.template}`);
      assert.ok(r.status >= 200 && r.status < 300, `${r.method} ${r.path}: Prism answered ${r.status} ${r.violations ?? ''}`);
      assert.equal(r.violations, undefined, `${r.method} ${r.path}: ${r.violations}`);
    }
    const base = '/environments/{environmentID}/notificationsSettings';
    const one = `${base}/phoneDeliverySettings/{phoneDeliverySettingsID}`;
    for (const want of [
      `GET ${base}/phoneDeliverySettings`,
      `POST ${base}/phoneDeliverySettings`,
      `GET ${one}`,
      `PUT ${one}`,
      `DELETE ${one}`,
      `GET ${base}`,
    ])
      assert.ok(seen.has(want), `the CLI never made ${want} (made: ${[...seen].join(', ')})`);
  });
});
