// The five phone delivery settings operations (the docs pages under
// https://developer.pingidentity.com/pingone-api/platform/notifications/phone-delivery-settings/ and SDK
// `patrickcping/pingone-go-sdk-v2` `management/generate/pingone-management.yml`) and the notification settings resource,
// as pure functions of the store: request in, { status, body } out. HTTP plumbing and faults
// are in server.ts.

import { randomUUID } from 'node:crypto';
import { ErrorDetail, HttpError, invalidData, notFound } from './envelope';
import { FaultPlan, Operation } from './faults';
import { fillDefaults, mergeSelection, present } from './providers';
import { Store } from './store';
import { validatePhoneDeliverySettings, valueAtPath } from './validation';

type Json = Record<string, unknown>;

export interface OpResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface OpContext {
  store: Store;
  plan: FaultPlan;
  apiBase: string;
  maxPerEnvironment: number;
  listPageSize?: number;
}

const fromError = (e: HttpError): OpResult => ({ status: e.status, body: e.body, headers: e.headers });

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The rejectFields option: 400 for given targets of an otherwise valid body. */
function rejectedFields(ctx: OpContext, op: Operation, body: unknown): ErrorDetail[] {
  return ctx.plan
    .rejectFieldsFor(op)
    .filter((r) => r.always === true || valueAtPath(body, r.target) !== undefined)
    .map((r) => ({
      code: r.code ?? 'INVALID_VALUE',
      target: r.target,
      message: r.message ?? `The value of ${r.target} is not valid (rejected by pingone-local rejectFields).`,
    }));
}

/** Twilio-account providers: `sid` names the account and cannot change (docs data model: immutable; TF: RequiresReplace). */
const SID_IMMUTABLE = ['CUSTOM_TWILIO', 'CUSTOM_TWILIO_VERIFY', 'CUSTOM_TWILIO_MESSAGING_SERVICE'];

export function listSettings(ctx: OpContext, envId: string, query: URLSearchParams): OpResult {
  const all = [...(ctx.store.environments.get(envId)?.resources.values() ?? [])].map((r) => present(r, ctx.apiBase));
  const self = `${ctx.apiBase}/environments/${envId}/notificationsSettings/phoneDeliverySettings`;
  let items = all;
  const links: Json = { self: { href: self } };
  if (ctx.listPageSize !== undefined && ctx.listPageSize > 0) {
    // Paging is not described by the docs for this resource; only enabled by the listPageSize option.
    const page = Math.max(1, Number(query.get('page') ?? '1') || 1);
    items = all.slice((page - 1) * ctx.listPageSize, page * ctx.listPageSize);
    if (page * ctx.listPageSize < all.length) links.next = { href: `${self}?page=${page + 1}` };
  }
  return { status: 200, body: { _links: links, _embedded: { phoneDeliverySettings: items }, count: all.length, size: items.length } };
}

export function readSettings(ctx: OpContext, envId: string, id: string): OpResult {
  const r = ctx.store.environments.get(envId)?.resources.get(id);
  return r ? { status: 200, body: present(r, ctx.apiBase) } : fromError(notFound(`Unable to find phone delivery settings with id ${id}.`));
}

export function createSettings(ctx: OpContext, envId: string, body: unknown): OpResult {
  const env = ctx.store.environments.get(envId);
  if (!env) return fromError(notFound());
  const invalid = validatePhoneDeliverySettings(body);
  if (invalid.length > 0) return fromError(invalidData(invalid));
  const rejected = rejectedFields(ctx, 'create', body);
  if (rejected.length > 0) return fromError(invalidData(rejected));
  if (env.resources.size >= ctx.maxPerEnvironment) {
    // GUESS: the docs' data model page only says "at most 10 per environment"; the status, codes and
    // wording of the 11th create's error are ours.
    return fromError(
      invalidData([
        {
          code: 'SIZE_LIMIT_EXCEEDED',
          message: `An environment can have at most ${ctx.maxPerEnvironment} phone delivery settings.`,
          innerError: { maximumValue: ctx.maxPerEnvironment },
        },
      ]),
    );
  }
  const now = ctx.store.stamp();
  const merged = mergeSelection(fillDefaults(body as Json), now);
  if (merged.details.length > 0) return fromError(invalidData(merged.details));
  const id = randomUUID();
  const stored = { id, environmentId: envId, createdAt: now, updatedAt: now, body: merged.body };
  env.resources.set(id, stored);
  const presented = present(stored, ctx.apiBase);
  return { status: 201, body: presented, headers: { location: (presented._links as { self: { href: string } }).self.href } };
}

export function updateSettings(ctx: OpContext, envId: string, id: string, body: unknown): OpResult {
  const existing = ctx.store.environments.get(envId)?.resources.get(id);
  if (!existing) return fromError(notFound(`Unable to find phone delivery settings with id ${id}.`));
  // GUESS: a PUT is validated like a create (full replacement), so write-only secrets must be sent again.
  const invalid = validatePhoneDeliverySettings(body);
  if (invalid.length > 0) return fromError(invalidData(invalid));
  const b = body as Json;
  // GUESS (codes/wording): the docs' data model page says provider and sid are immutable; the error shape is ours.
  const immutable: ErrorDetail[] = [];
  if (b.provider !== existing.body.provider) {
    immutable.push({ code: 'INVALID_VALUE', target: 'provider', message: 'provider is immutable and cannot be changed.' });
  } else if (SID_IMMUTABLE.includes(String(b.provider)) && b.sid !== existing.body.sid) {
    immutable.push({ code: 'INVALID_VALUE', target: 'sid', message: 'sid is immutable and cannot be changed.' });
  }
  if (immutable.length > 0) return fromError(invalidData(immutable));
  const rejected = rejectedFields(ctx, 'update', body);
  if (rejected.length > 0) return fromError(invalidData(rejected));
  const merged = mergeSelection(fillDefaults(b), existing.createdAt, existing.body);
  if (merged.details.length > 0) return fromError(invalidData(merged.details));
  existing.body = merged.body;
  existing.updatedAt = ctx.store.stamp();
  return { status: 200, body: present(existing, ctx.apiBase) };
}

export function deleteSettings(ctx: OpContext, envId: string, id: string): OpResult {
  const env = ctx.store.environments.get(envId);
  if (!env?.resources.delete(id)) return fromError(notFound(`Unable to find phone delivery settings with id ${id}.`));
  return { status: 204 };
}

function presentNotificationSettings(ctx: OpContext, envId: string): Json {
  const s = ctx.store.environments.get(envId)?.notificationSettings ?? {};
  return {
    _links: { self: { href: `${ctx.apiBase}/environments/${envId}/notificationsSettings` } },
    environment: { id: envId },
    ...s,
  };
}

export function readNotificationSettings(ctx: OpContext, envId: string): OpResult {
  return { status: 200, body: presentNotificationSettings(ctx, envId) };
}

export function updateNotificationSettings(ctx: OpContext, envId: string, body: unknown): OpResult {
  const env = ctx.store.environments.get(envId);
  if (!env) return fromError(notFound());
  if (!isObject(body)) return fromError(invalidData([{ code: 'INVALID_VALUE', message: 'The request body must be a JSON object.' }]));
  const details: ErrorDetail[] = [];
  const chain = body.smsProvidersFallbackChain;
  if (chain !== undefined) {
    if (!Array.isArray(chain)) {
      details.push({ code: 'INVALID_VALUE', target: 'smsProvidersFallbackChain', message: 'smsProvidersFallbackChain must be an array.' });
    } else {
      // GUESS (codes/wording): entries must be PINGONE_TWILIO or an existing phone delivery settings id (SDK
      // `pingone-management.yml`, `smsProvidersFallbackChain`).
      chain.forEach((entry, i) => {
        if (entry !== 'PINGONE_TWILIO' && !(typeof entry === 'string' && env.resources.has(entry))) {
          details.push({
            code: 'INVALID_VALUE',
            target: `smsProvidersFallbackChain[${i}]`,
            message: 'Each entry must be PINGONE_TWILIO or the id of a phone delivery settings resource of this environment.',
          });
        }
      });
    }
  }
  const rejected = details.length === 0 ? rejectedFields(ctx, 'updateNotificationSettings', body) : [];
  if (details.length > 0 || rejected.length > 0) return fromError(invalidData([...details, ...rejected]));
  const next: Json = { ...body };
  for (const k of ['_links', 'environment', 'updatedAt', 'createdAt']) delete next[k];
  next.updatedAt = ctx.store.stamp();
  env.notificationSettings = next;
  return { status: 200, body: presentNotificationSettings(ctx, envId) };
}
