// pingone-local: a PingOne stand-in on loopback for tests and the README's try-it path.
// `startPingOneLocal(options)` → { apiBase, authBase, port, environmentId, clientId, clientSecret, state, control, close }.
// Routing, body parsing, bearer checks and fault injection live here; the operations themselves
// are in operations.ts, the token endpoint in auth.ts.

import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { ClientAuthMethod, TokenIssuer, WorkerClient } from './auth';
import { accessFailed, envelope, HttpError, invalidRequest, notFound, rateLimited, unexpectedError } from './envelope';
import { ControlCommand, FaultPlan, FaultSpec, FaultType, Operation, RejectFieldSpec } from './faults';
import * as ops from './operations';
import * as policies from './policies';
import { LoggedRequest, PingOneLocalState, stateView, Store } from './store';

export interface PingOneLocalOptions {
  /** Default 0 (a free port). */
  port?: number;
  /** Default 127.0.0.1; the stand-in is meant for loopback only. */
  host?: string;
  /** Environments the API accepts; default one random UUID. The first one is `environmentId`. */
  environmentIds?: string[];
  /** Worker apps; default one generated client living in the first environment (any client auth method). */
  clients?: WorkerClient[];
  /**
   * `expires_in` of issued tokens, default 3600, as in the docs' token example:
   * https://developer.pingidentity.com/pingone-api/foundations/authentication-concepts/authorization-and-authentication-by-application-type/worker-applications.html
   */
  tokenLifetimeSeconds?: number;
  tokenFormat?: 'opaque' | 'jwt';
  /** Default 10 (the docs' data model page: at most 10 per environment). */
  maxPerEnvironment?: number;
  /** When set, the list answers pages of this size with `_links.next` (`?page=N`). */
  listPageSize?: number;
  faults?: FaultSpec[];
  rejectFields?: (string | RejectFieldSpec)[];
  latencyMs?: number | Partial<Record<Operation | '*', number>>;
}

export interface PingOneLocal {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** `http://127.0.0.1:PORT/v1` */
  apiBase: string;
  /** `http://127.0.0.1:PORT` (token endpoint `{authBase}/{envId}/as/token`) */
  authBase: string;
  port: number;
  environmentId: string;
  environmentIds: string[];
  /** The first client's id and secret. */
  clientId: string;
  clientSecret: string;
  clients: WorkerClient[];
  state: PingOneLocalState;
  /** Same as `POST /__control`. */
  control(command: ControlCommand): void;
  close(): Promise<void>;
}

type Route = { op: 'token'; envId: string } | { op: Exclude<Operation, 'token'>; envId: string; id?: string } | { error: HttpError };

const MAX_REQUEST_BYTES = 1024 * 1024;

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function route(method: string, path: string): Route {
  const notAllowed = (): Route => ({ error: envelope(405, 'INVALID_REQUEST', `The method ${method} is not allowed for this resource.`) });
  let m = /^\/([^/]+)\/as\/token$/.exec(path);
  if (m) return method === 'POST' ? { op: 'token', envId: decode(m[1]) } : notAllowed();
  m = /^\/v1\/environments\/([^/]+)\/notificationsSettings\/phoneDeliverySettings\/?$/.exec(path);
  if (m) {
    if (method === 'GET') return { op: 'list', envId: decode(m[1]) };
    if (method === 'POST') return { op: 'create', envId: decode(m[1]) };
    return notAllowed();
  }
  m = /^\/v1\/environments\/([^/]+)\/notificationsSettings\/phoneDeliverySettings\/([^/]+)$/.exec(path);
  if (m) {
    const envId = decode(m[1]);
    const id = decode(m[2]);
    if (method === 'GET') return { op: 'read', envId, id };
    if (method === 'PUT') return { op: 'update', envId, id };
    if (method === 'DELETE') return { op: 'delete', envId, id };
    return notAllowed();
  }
  m = /^\/v1\/environments\/([^/]+)\/notificationsSettings\/?$/.exec(path);
  if (m) {
    if (method === 'GET') return { op: 'readNotificationSettings', envId: decode(m[1]) };
    if (method === 'PUT') return { op: 'updateNotificationSettings', envId: decode(m[1]) };
    return notAllowed();
  }
  m = /^\/v1\/environments\/([^/]+)\/notificationsPolicies\/?$/.exec(path);
  if (m) {
    if (method === 'GET') return { op: 'listNotificationPolicies', envId: decode(m[1]) };
    if (method === 'POST') return { op: 'createNotificationPolicy', envId: decode(m[1]) };
    return notAllowed();
  }
  m = /^\/v1\/environments\/([^/]+)\/notificationsPolicies\/([^/]+)$/.exec(path);
  if (m) {
    const envId = decode(m[1]);
    const id = decode(m[2]);
    if (method === 'GET') return { op: 'readNotificationPolicy', envId, id };
    if (method === 'PUT') return { op: 'updateNotificationPolicy', envId, id };
    if (method === 'DELETE') return { op: 'deleteNotificationPolicy', envId, id };
    return notAllowed();
  }
  return { error: notFound('The requested resource was not found.') };
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_REQUEST_BYTES) chunks.push(c);
    });
    req.on('end', () => resolve(size > MAX_REQUEST_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** An error page as a load balancer would send it: HTML, and deliberately large. */
function htmlErrorPage(status: number): string {
  const filler = '<!-- padding to make the page large -->\n'.repeat(500);
  return `<!DOCTYPE html>\n<html><head><title>${status} Bad Gateway</title></head>\n<body><h1>${status} Bad Gateway</h1><p>The upstream server did not answer.</p>\n${filler}</body></html>\n`;
}

export async function startPingOneLocal(options: PingOneLocalOptions = {}): Promise<PingOneLocal> {
  const environmentIds = options.environmentIds && options.environmentIds.length > 0 ? [...options.environmentIds] : [randomUUID()];
  const clients: WorkerClient[] =
    options.clients && options.clients.length > 0
      ? options.clients.map((c) => ({ ...c }))
      : [{ clientId: randomUUID(), clientSecret: randomBytes(24).toString('base64url'), environmentId: environmentIds[0] }];
  const store = new Store(environmentIds);
  const plan = new FaultPlan();
  plan.addFaults(options.faults ?? []);
  plan.setRejectFields(options.rejectFields ?? null);
  plan.setLatency(options.latencyMs ?? null);
  const issuer = new TokenIssuer(clients, options.tokenLifetimeSeconds ?? 3600, options.tokenFormat ?? 'opaque');
  let apiBase = '';

  // Pending sleeps (latency, hang) are tracked so that close() never waits for them.
  const timers = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  const delay = (ms: number): Promise<void> =>
    ms <= 0
      ? Promise.resolve()
      : new Promise((resolve) => {
          const entry = {
            timer: setTimeout(() => {
              timers.delete(entry);
              resolve();
            }, ms),
            resolve,
          };
          timers.add(entry);
        });

  const control = (cmd: ControlCommand): void => {
    if (cmd.clearFaults) plan.clearFaults();
    if (cmd.faults) plan.addFaults(cmd.faults);
    if (cmd.rejectFields !== undefined) plan.setRejectFields(cmd.rejectFields);
    if (cmd.latencyMs !== undefined) plan.setLatency(cmd.latencyMs);
    if (cmd.tokenLifetimeSeconds !== undefined) issuer.lifetimeSeconds = cmd.tokenLifetimeSeconds;
    if (cmd.expireTokens) issuer.expireAll();
    for (const id of cmd.addEnvironments ?? []) store.addEnvironment(id);
    if (cmd.reset) store.reset();
  };

  const ctx = (): ops.OpContext => ({
    store,
    plan,
    apiBase,
    maxPerEnvironment: options.maxPerEnvironment ?? 10,
    listPageSize: options.listPageSize,
  });

  const send = (
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
    contentType = 'application/json',
  ): void => {
    if (body === undefined) {
      res.writeHead(status, headers);
      res.end();
      return;
    }
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { 'content-type': contentType, 'content-length': String(Buffer.byteLength(text)), ...headers });
    res.end(text);
  };

  const handleControl = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method === 'GET') {
      send(res, 200, { pendingFaults: plan.pendingFaults(), environmentIds: [...store.environments.keys()] });
      return;
    }
    const raw = await readBody(req);
    let cmd: ControlCommand;
    try {
      cmd = JSON.parse(raw ?? '') as ControlCommand;
    } catch {
      send(res, 400, invalidRequest('The control body must be JSON.').body);
      return;
    }
    control(cmd);
    send(res, 200, { ok: true, pendingFaults: plan.pendingFaults() });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/__control') return handleControl(req, res);

    const r = route(method, url.pathname);
    const header = (name: string): string | undefined => {
      const v = req.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const entry: Omit<LoggedRequest, 'seq' | 'time'> = {
      method,
      path: url.pathname,
      correlationId: header('x-ping-external-transaction-id'),
      outcome: 'answered',
    };
    const raw = await readBody(req);
    if ('error' in r) {
      store.record({ ...entry, status: r.error.status });
      send(res, r.error.status, r.error.body, r.error.headers);
      return;
    }
    entry.op = r.op;
    entry.environmentId = r.envId;
    if ('id' in r && r.id !== undefined) entry.resourceId = r.id;
    if (r.op === 'token') store.tokenRequests++;

    await delay(plan.latencyFor(r.op));
    const fault = plan.take(r.op);
    if (fault) entry.fault = fault.type;

    const answer = (status: number, body: unknown, headers?: Record<string, string>, contentType?: string): void => {
      store.record({ ...entry, status });
      send(res, status, body, headers, contentType);
    };
    const reset = (): void => {
      store.record({ ...entry, outcome: 'reset' });
      req.socket.destroy();
    };

    // Faults that stop the request before it is processed.
    switch (fault?.type) {
      case 'rate-limit': {
        const e = rateLimited(fault.retryAfterSeconds ?? 1);
        return answer(e.status, e.body, e.headers);
      }
      case 'server-error': {
        const e = unexpectedError(fault.status ?? 500);
        return answer(e.status, e.body);
      }
      case 'html-error':
        return answer(fault.status ?? 502, htmlErrorPage(fault.status ?? 502), {}, 'text/html; charset=utf-8');
      case 'reset-before':
        return reset();
      case 'hang':
        await delay(fault.delayMs ?? 60_000);
        if (req.socket.destroyed) return reset();
        break;
      default:
        break;
    }

    const result = process(r, raw, url.searchParams, header, entry);

    // Faults that hit after processing (the state change has happened).
    switch (fault?.type) {
      case 'reset-after':
        return reset();
      case 'malformed-json':
        return answer(result.status, '{"id": "5f1e, "provider": CUSTOM_PROVIDER oops', result.headers);
      case 'truncated-json': {
        const text = JSON.stringify(result.body ?? {});
        return answer(result.status, text.slice(0, Math.max(1, Math.floor(text.length / 2))), result.headers);
      }
      case 'huge': {
        const size = fault.sizeBytes ?? 6 * 1024 * 1024;
        const base = typeof result.body === 'object' && result.body !== null && !Array.isArray(result.body) ? result.body : {};
        const text = JSON.stringify({ ...base, padding: '' });
        const padded = `${text.slice(0, -3)}"${'x'.repeat(Math.max(0, size - text.length))}"}`;
        return answer(result.status, padded, result.headers);
      }
      default:
        return answer(
          result.status,
          result.body,
          result.headers,
          result.status < 300 ? 'application/hal+json;charset=UTF-8' : 'application/json',
        );
    }
  };

  /** Token endpoint, bearer check, JSON body parsing, then the operation. */
  const process = (
    r: Exclude<Route, { error: HttpError }>,
    raw: string | undefined,
    query: URLSearchParams,
    header: (name: string) => string | undefined,
    entry: Omit<LoggedRequest, 'seq' | 'time'>,
  ): ops.OpResult => {
    const fromError = (e: HttpError): ops.OpResult => ({ status: e.status, body: e.body, headers: e.headers });
    if (raw === undefined) return fromError(invalidRequest('The request body is too large.', 413));

    if (r.op === 'token') {
      const t = issuer.handle(r.envId, header('content-type'), header('authorization'), raw);
      entry.clientId = t.clientId;
      if (t.ok) store.tokensIssued++;
      return { status: t.status, body: t.body, headers: { 'cache-control': 'no-store', ...(t.ok ? {} : t.headers) } };
    }

    const auth = issuer.verify(header('authorization'));
    if (!auth.ok) return fromError(accessFailed(auth.reason));
    entry.clientId = auth.token.clientId;
    if (!store.environments.has(r.envId)) return fromError(notFound(`Unable to find environment ${r.envId}.`));

    let body: unknown;
    if (
      r.op === 'create' ||
      r.op === 'update' ||
      r.op === 'updateNotificationSettings' ||
      r.op === 'createNotificationPolicy' ||
      r.op === 'updateNotificationPolicy'
    ) {
      if (!/^application\/json\b/i.test(header('content-type') ?? '')) {
        return fromError(invalidRequest('The request Content-Type must be application/json.', 415));
      }
      try {
        body = JSON.parse(raw);
      } catch {
        return fromError(invalidRequest('The request could not be completed. The request body is not valid JSON.'));
      }
    }

    const c = ctx();
    switch (r.op) {
      case 'list':
        return ops.listSettings(c, r.envId, query);
      case 'create':
        return ops.createSettings(c, r.envId, body);
      case 'read':
        return ops.readSettings(c, r.envId, r.id ?? '');
      case 'update':
        return ops.updateSettings(c, r.envId, r.id ?? '', body);
      case 'delete':
        return ops.deleteSettings(c, r.envId, r.id ?? '');
      case 'readNotificationSettings':
        return ops.readNotificationSettings(c, r.envId);
      case 'updateNotificationSettings':
        return ops.updateNotificationSettings(c, r.envId, body);
      case 'listNotificationPolicies':
        return policies.listPolicies(c, r.envId);
      case 'readNotificationPolicy':
        return policies.readPolicy(c, r.envId, r.id ?? '');
      case 'createNotificationPolicy':
        return policies.createPolicy(c, r.envId, body);
      case 'updateNotificationPolicy':
        return policies.updatePolicy(c, r.envId, r.id ?? '', body);
      case 'deleteNotificationPolicy':
        return policies.deletePolicy(c, r.envId, r.id ?? '');
    }
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, unexpectedError(500).body);
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  const origin = `http://${host}:${port}`;
  apiBase = `${origin}/v1`;

  return {
    origin,
    apiBase,
    authBase: origin,
    port,
    environmentId: environmentIds[0],
    environmentIds,
    clientId: clients[0].clientId,
    clientSecret: clients[0].clientSecret,
    clients,
    state: stateView(store, () => apiBase),
    control,
    close: async () => {
      for (const t of timers) {
        clearTimeout(t.timer);
        t.resolve();
      }
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type { ClientAuthMethod, ControlCommand, FaultSpec, FaultType, Operation, PingOneLocalState, RejectFieldSpec, WorkerClient };
