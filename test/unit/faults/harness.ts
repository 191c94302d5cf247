// Runs one cell of the fault matrix: a fresh stand-in, the set-up the operation needs, the fault
// armed for exactly that operation, the operation as a person would run it, then a look at what
// the person was told, what was sent, and what exists in the stand-in afterwards.

import { PingOneClient } from '../../../server/src/pingone/api';
import type { PingOneResult } from '../../../server/src/pingone/errors';
import type { FetchFunction } from '../../../server/src/pingone/http';
import { MemoryLogger } from '../../../server/src/pingone/log';
import { TokenCache, type ClientCredentials } from '../../../server/src/pingone/tokens';
import { MemoryBindingStore } from '../../../server/src/workflow/binding';
import { resolveEnvironment, type ResolvedEnvironment } from '../../../server/src/workflow/environments';
import { sendDocument, type SendOutcome, type SendUi } from '../../../server/src/workflow/send';
import { startPingOneLocal, type PingOneLocal, type Operation as StandInOp } from '../../pingone-local/server';
import { fetch } from '../pingone/helpers';
import { After, FaultRow, MatrixOp, Sees, TIMING } from './table';

/** The document every cell sends (create) or has bound (update, read, delete). */
export const DOC_NAME = 'Matrix gateway';
export const OLD_URL = 'https://sms.example.com/old';
export const NEW_URL = 'https://sms.example.com/new';
export const OLD_TOKEN = 'gateway-token-old-7c1f';
export const NEW_TOKEN = 'gateway-token-new-93ab';

export function gatewayBody(url: string, token: string, name = DOC_NAME): Record<string, unknown> {
  return {
    provider: 'CUSTOM_PROVIDER',
    name,
    authentication: { method: 'BEARER', authToken: token },
    requests: [
      {
        deliveryMethod: 'SMS',
        method: 'POST',
        url,
        body: 'to=${to}&text=${message}',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      },
    ],
  };
}

export interface Observed {
  sees: Sees;
  /** What the person reads; '' for a plain success. */
  message: string;
  errorKind?: string;
  /** Attempts of the operation's request the client made (its own request log, refused ones included). */
  sent: number;
  /** Of those, the ones the stand-in received (its request log). */
  served: number;
  /** Statuses (or `reset`) of the operation's requests, as the stand-in logged them. */
  servedStatuses: (number | string)[];
  /** Milliseconds between consecutive requests of the operation, as the stand-in logged them. */
  gapsMs: number[];
  after: After;
  /** Token requests received by the stand-in during the cell. */
  tokenRequests: number;
  /** For the update column: whether the binding's updatedAt now matches the live resource. */
  bindingCurrent?: boolean;
  /** For the create column: whether the document is now bound to the created resource. */
  boundToCreated?: boolean;
  /** Values a message must never contain. */
  secrets: string[];
}

const OP_OF: Record<MatrixOp, StandInOp> = {
  create: 'create',
  update: 'update',
  read: 'read',
  list: 'list',
  delete: 'delete',
  token: 'token',
};

/** Does this request (method + URL) belong to the operation under test? */
function matches(op: MatrixOp, method: string, url: string): boolean {
  const path = new URL(url).pathname;
  const collection = /\/phoneDeliverySettings\/?$/.test(path);
  const item = /\/phoneDeliverySettings\/[^/]+$/.test(path);
  switch (op) {
    case 'create':
      return method === 'POST' && collection;
    case 'list':
      return method === 'GET' && collection;
    case 'read':
      return method === 'GET' && item;
    case 'update':
      return method === 'PUT' && item;
    case 'delete':
      return method === 'DELETE' && item;
    case 'token':
      return method === 'POST' && /\/as\/token$/.test(path);
  }
}

const yes = (): Promise<boolean> => Promise.resolve(true);
const UI: SendUi = {
  confirmCreate: yes,
  confirmOverwrite: yes,
  confirmProduction: yes,
  confirmRecreate: yes,
  choose: (c) => Promise.resolve(c[0]),
};

function envFor(local: PingOneLocal): ResolvedEnvironment {
  const r = resolveEnvironment({
    name: 'matrix',
    apiUrl: local.apiBase,
    authUrl: local.authBase,
    environmentId: local.environmentId,
    clientId: local.clientId,
  });
  if (!r.env) throw new Error(r.problems.join('; '));
  return r.env;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A port nothing listens on: a stand-in started and closed again (cells run one at a time). */
async function deadOrigin(): Promise<string> {
  const dead = await startPingOneLocal();
  await dead.close();
  return dead.origin;
}

function fromSend(o: SendOutcome): Pick<Observed, 'sees' | 'message' | 'errorKind'> {
  switch (o.kind) {
    case 'created':
    case 'updated':
      return { sees: 'ok', message: '' };
    case 'rejected':
      return { sees: 'error', message: o.error.message, errorKind: o.error.kind };
    case 'unknown':
      return { sees: !o.determined ? 'unknown:undetermined' : o.created ? 'unknown:created' : 'unknown:nothing', message: o.message };
    case 'cancelled':
      return { sees: 'cancelled', message: o.message };
  }
}

function fromResult<T>(r: PingOneResult<T>, ok: (v: T) => Sees = () => 'ok'): Pick<Observed, 'sees' | 'message' | 'errorKind'> {
  if (r.kind === 'ok') return { sees: ok(r.value), message: '' };
  if (r.kind === 'error') return { sees: 'error', message: r.error.message, errorKind: r.error.kind };
  return { sees: 'unknown:undetermined', message: r.message };
}

export async function runCell(op: MatrixOp, fault: FaultRow): Promise<Observed> {
  const local = await startPingOneLocal();
  try {
    const env = envFor(local);
    const credentials: ClientCredentials = {
      authBase: local.authBase,
      tokenEnvironmentId: local.environmentId,
      clientId: local.clientId,
      clientSecret: local.clientSecret,
    };

    // Set-up, with a client of its own: a bystander provider (so that "the list before and after"
    // compares something), and for update/read/delete the document's resource.
    const setup = new PingOneClient({ fetch, apiBase: local.apiBase, environmentId: local.environmentId, credentials });
    const created = async (body: Record<string, unknown>): Promise<{ id: string; updatedAt?: string }> => {
      const r = await setup.create(body);
      if (r.kind !== 'ok') throw new Error(`set-up create failed: ${r.kind}`);
      return r.value;
    };
    await created(gatewayBody('https://sms.example.com/bystander', 'bystander-token-55', 'Bystander'));
    const target = op === 'update' || op === 'read' || op === 'delete' ? await created(gatewayBody(OLD_URL, OLD_TOKEN)) : undefined;
    const store = new MemoryBindingStore();
    const documentKey = 'file:///matrix.phone-delivery.json';
    if (op === 'update' && target) store.set(documentKey, env.targetKey, { id: target.id, updatedAt: target.updatedAt });

    // The client under test: a fresh token cache, a small timeout, tiny backoffs, a small Retry-After cap.
    const logger = new MemoryLogger();
    const dead = fault.arm.kind === 'refused' ? await deadOrigin() : undefined;
    let expireArmed = false;
    const routed: FetchFunction = async (input, init) => {
      const url = String(input);
      const method = init?.method ?? 'GET';
      if (dead && matches(op, method, url)) return fetch(url.replace(local.origin, dead), init);
      // For the token column the 401 must hit an API call (the list that carries the token).
      if (expireArmed && matches(op === 'token' ? 'list' : op, method, url)) {
        // "Mid-sequence": the token this client holds expires just before the operation's request.
        expireArmed = false;
        local.control({ expireTokens: true });
      }
      return fetch(url, init);
    };
    const tokens = new TokenCache({
      fetch: routed,
      logger,
      timeoutMs: TIMING.clientTimeoutMs,
      retryBaseDelayMs: TIMING.retryBaseDelayMs,
      maxRetryAfterSeconds: TIMING.maxRetryAfterSeconds,
    });
    const client = new PingOneClient({
      fetch: routed,
      apiBase: local.apiBase,
      environmentId: local.environmentId,
      credentials,
      tokens,
      logger,
      timeoutMs: TIMING.clientTimeoutMs,
      retryBaseDelayMs: TIMING.retryBaseDelayMs,
      maxRetryAfterSeconds: TIMING.maxRetryAfterSeconds,
    });
    if (fault.arm.kind === 'expire-token') {
      // The client has worked with its token before the fault.
      const warm = await client.list();
      if (warm.kind !== 'ok') throw new Error('warm-up list failed');
      expireArmed = true;
    }

    const before = JSON.stringify(local.state.resources());
    const logMark = logger.entries.length;
    const standInMark = local.state.requests.length;
    const tokenMark = local.state.tokenRequests;

    switch (fault.arm.kind) {
      case 'stand-in':
        local.control({ faults: [{ ...fault.arm.fault, op: OP_OF[op] }] });
        break;
      case 'latency':
        local.control({ latencyMs: { [OP_OF[op]]: fault.arm.ms } });
        break;
      default:
        break;
    }

    let seen: Pick<Observed, 'sees' | 'message' | 'errorKind'>;
    let outcome: SendOutcome | undefined;
    switch (op) {
      case 'create':
      case 'update': {
        const body = gatewayBody(NEW_URL, NEW_TOKEN);
        outcome = await sendDocument({ client, env, store, documentKey, body, ui: UI, secretValues: [NEW_TOKEN] });
        seen = fromSend(outcome);
        break;
      }
      case 'read':
        seen = fromResult(await client.read(target!.id));
        break;
      case 'list':
      case 'token':
        seen = fromResult(await client.list());
        break;
      case 'delete':
        seen = fromResult(await client.delete(target!.id), (v) => (v.alreadyDeleted ? 'ok:already-deleted' : 'ok'));
        break;
    }

    // Requests the client gave up on may still be processed by the stand-in: wait for them, so that
    // "what exists afterwards" includes late effects (the person may look at PingOne much later).
    if (fault.settleMs) await sleep(fault.settleMs);

    const served = local.state.requests.slice(standInMark).filter((e) => e.op === OP_OF[op]);
    const times = served.map((e) => Date.parse(e.time));
    const resources = local.state.resources();
    const mine = resources.filter((r) => r.name === DOC_NAME);
    let after: After;
    let bindingCurrent: boolean | undefined;
    let boundToCreated: boolean | undefined;
    switch (op) {
      case 'create':
        after = mine.length === 0 ? 'nothing-created' : mine.length === 1 ? 'created' : 'duplicate';
        boundToCreated = mine.length === 1 && store.get(documentKey, env.targetKey)?.id === mine[0].id;
        break;
      case 'update': {
        const stored = local.state.storedBody(local.environmentId, target!.id) as
          { requests: { url: string }[]; authentication: { authToken: string } } | undefined;
        const url = stored?.requests[0].url;
        const token = stored?.authentication.authToken;
        after = url === NEW_URL && token === NEW_TOKEN ? 'applied' : url === OLD_URL && token === OLD_TOKEN ? 'unchanged' : 'partial';
        const live = mine[0];
        bindingCurrent = store.get(documentKey, env.targetKey)?.updatedAt === live?.updatedAt;
        break;
      }
      case 'delete':
        after = resources.some((r) => r.id === target!.id) ? 'kept' : 'deleted';
        break;
      default:
        after = JSON.stringify(resources) === before ? 'unchanged' : 'changed';
    }
    return {
      ...seen,
      sent: logger.entries.slice(logMark).filter((e) => matches(op, e.method, e.url)).length,
      served: served.length,
      servedStatuses: served.map((e) => e.status ?? e.outcome),
      gapsMs: times.slice(1).map((t, i) => t - times[i]),
      after,
      tokenRequests: local.state.tokenRequests - tokenMark,
      bindingCurrent,
      boundToCreated,
      secrets: [local.clientSecret, NEW_TOKEN, OLD_TOKEN],
    };
  } finally {
    await local.close();
  }
}
