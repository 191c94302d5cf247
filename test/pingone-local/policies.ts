// Notification policies (`/environments/{envId}/notificationsPolicies`): list, read, create, update,
// delete, as pure functions of the store. The shape follows the NotificationsPolicy schema of
// PingOne's management OpenAPI (as published in the Go SDK, management/generate/pingone-management.yml)
// and Terraform's `pingone_notification_policy`: `name`, `default`, `quotas[]`, `countryLimit`,
// `cooldownConfiguration`, and `providerConfiguration.conditions[]` of
// `{ deliveryMethods[], countries[], fallbackChain[{ id }] }`. Everything marked GUESS is ours.

import { randomUUID } from 'node:crypto';
import { ErrorDetail, HttpError, invalidData, notFound } from './envelope';
import type { OpContext, OpResult } from './operations';
import type { StoredPolicy } from './store';

type Json = Record<string, unknown>;

const READ_ONLY = ['_links', 'id', 'environment', 'createdAt', 'updatedAt'];
const CONDITION_DELIVERY_METHODS = ['SMS', 'VOICE'];
const QUOTA_TYPES = ['USER', 'ENVIRONMENT'];
const QUOTA_DELIVERY_METHODS = ['SMS', 'Voice', 'Email'];
const COUNTRY_LIMIT_TYPES = ['NONE', 'ALLOWED', 'DENIED'];
const COUNTRY = /^[A-Z]{2}$/;

const fromError = (e: HttpError): OpResult => ({ status: e.status, body: e.body, headers: e.headers });

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function presentPolicy(p: StoredPolicy, apiBase: string): Json {
  return {
    _links: { self: { href: `${apiBase}/environments/${p.environmentId}/notificationsPolicies/${p.id}` } },
    id: p.id,
    environment: { id: p.environmentId },
    ...(JSON.parse(JSON.stringify(p.body)) as Json),
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

function validatePolicy(body: unknown, providerIds: ReadonlySet<string>): ErrorDetail[] {
  const d: ErrorDetail[] = [];
  if (!isObject(body)) return [{ code: 'INVALID_VALUE', message: 'The request body must be a JSON object.' }];
  if (typeof body.name !== 'string' || body.name.trim() === '')
    d.push({ code: 'REQUIRED_VALUE', target: 'name', message: 'name is required.' });
  if (body.default !== undefined && typeof body.default !== 'boolean')
    d.push({ code: 'INVALID_VALUE', target: 'default', message: 'default must be a boolean.' });
  // The OpenAPI marks `quotas` required; GUESS: an empty array (no quota) is accepted.
  if (!Array.isArray(body.quotas)) d.push({ code: 'REQUIRED_VALUE', target: 'quotas', message: 'quotas is required (an array).' });
  else
    body.quotas.forEach((q, i) => {
      if (!isObject(q) || !QUOTA_TYPES.includes(String(q.type)))
        d.push({ code: 'INVALID_VALUE', target: `quotas[${i}].type`, message: `type must be one of ${QUOTA_TYPES.join(', ')}.` });
      else if (!Array.isArray(q.deliveryMethods) || !q.deliveryMethods.every((m) => QUOTA_DELIVERY_METHODS.includes(String(m))))
        d.push({ code: 'INVALID_VALUE', target: `quotas[${i}].deliveryMethods`, message: 'deliveryMethods must be SMS, Voice or Email.' });
    });
  if (body.countryLimit !== undefined) {
    const c = body.countryLimit;
    if (!isObject(c) || !COUNTRY_LIMIT_TYPES.includes(String(c.type)))
      d.push({ code: 'INVALID_VALUE', target: 'countryLimit.type', message: `type must be one of ${COUNTRY_LIMIT_TYPES.join(', ')}.` });
  }
  const pc = body.providerConfiguration;
  if (pc !== undefined) {
    const conditions = isObject(pc) ? pc.conditions : undefined;
    if (!Array.isArray(conditions)) {
      d.push({ code: 'INVALID_VALUE', target: 'providerConfiguration.conditions', message: 'conditions must be an array.' });
      return d;
    }
    conditions.forEach((c, i) => {
      const at = `providerConfiguration.conditions[${i}]`;
      if (!isObject(c)) {
        d.push({ code: 'INVALID_VALUE', target: at, message: 'A condition must be an object.' });
        return;
      }
      if (
        c.deliveryMethods !== undefined &&
        (!Array.isArray(c.deliveryMethods) || !c.deliveryMethods.every((m) => CONDITION_DELIVERY_METHODS.includes(String(m))))
      )
        d.push({ code: 'INVALID_VALUE', target: `${at}.deliveryMethods`, message: 'deliveryMethods must be SMS and/or VOICE.' });
      if (c.countries !== undefined && (!Array.isArray(c.countries) || !c.countries.every((x) => typeof x === 'string' && COUNTRY.test(x))))
        d.push({ code: 'INVALID_VALUE', target: `${at}.countries`, message: 'countries must be ISO 3166-1 alpha-2 codes.' });
      // Documented by Terraform: the last condition has no countries (the fallback order for every other country).
      if (i === conditions.length - 1 && c.countries !== undefined)
        d.push({ code: 'INVALID_VALUE', target: `${at}.countries`, message: 'The last condition must not have countries.' });
      if (!Array.isArray(c.fallbackChain)) {
        d.push({ code: 'REQUIRED_VALUE', target: `${at}.fallbackChain`, message: 'fallbackChain is required (an array).' });
        return;
      }
      // GUESS (codes/wording): each entry names a phone delivery settings id of the environment.
      c.fallbackChain.forEach((e, j) => {
        if (!isObject(e) || typeof e.id !== 'string' || !providerIds.has(e.id))
          d.push({
            code: 'INVALID_VALUE',
            target: `${at}.fallbackChain[${j}].id`,
            message: 'Each entry must be { "id": } of a phone delivery settings resource of this environment.',
          });
      });
    });
  }
  return d;
}

function writable(body: Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(body)) if (!READ_ONLY.includes(k)) out[k] = v;
  return out;
}

function providerIdsOf(ctx: OpContext, envId: string): Set<string> {
  return new Set(ctx.store.environments.get(envId)?.resources.keys() ?? []);
}

export function listPolicies(ctx: OpContext, envId: string): OpResult {
  const all = [...(ctx.store.environments.get(envId)?.policies.values() ?? [])].map((p) => presentPolicy(p, ctx.apiBase));
  return {
    status: 200,
    body: {
      _links: { self: { href: `${ctx.apiBase}/environments/${envId}/notificationsPolicies` } },
      _embedded: { notificationsPolicies: all },
      count: all.length,
      size: all.length,
    },
  };
}

export function readPolicy(ctx: OpContext, envId: string, id: string): OpResult {
  const p = ctx.store.environments.get(envId)?.policies.get(id);
  return p
    ? { status: 200, body: presentPolicy(p, ctx.apiBase) }
    : fromError(notFound(`Unable to find notification policy with id ${id}.`));
}

function nameTaken(ctx: OpContext, envId: string, name: unknown, except?: string): boolean {
  return [...(ctx.store.environments.get(envId)?.policies.values() ?? [])].some((p) => p.id !== except && p.body.name === name);
}

export function createPolicy(ctx: OpContext, envId: string, body: unknown): OpResult {
  const env = ctx.store.environments.get(envId);
  if (!env) return fromError(notFound());
  const invalid = validatePolicy(body, providerIdsOf(ctx, envId));
  if (invalid.length) return fromError(invalidData(invalid));
  const b = writable(body as Json);
  // GUESS (code): the name is unique in the environment (documented); the error shape is ours.
  if (nameTaken(ctx, envId, b.name))
    return fromError(
      invalidData([{ code: 'UNIQUENESS_VIOLATION', target: 'name', message: 'A notification policy with this name already exists.' }]),
    );
  // GUESS: a created policy is not the default unless it says so; making it the default unsets the old one.
  if (b.default === true) for (const p of env.policies.values()) p.body.default = false;
  const now = ctx.store.stamp();
  const stored: StoredPolicy = { id: randomUUID(), environmentId: envId, createdAt: now, updatedAt: now, body: { default: false, ...b } };
  env.policies.set(stored.id, stored);
  return { status: 201, body: presentPolicy(stored, ctx.apiBase) };
}

export function updatePolicy(ctx: OpContext, envId: string, id: string, body: unknown): OpResult {
  const env = ctx.store.environments.get(envId);
  const existing = env?.policies.get(id);
  if (!env || !existing) return fromError(notFound(`Unable to find notification policy with id ${id}.`));
  const invalid = validatePolicy(body, providerIdsOf(ctx, envId));
  if (invalid.length) return fromError(invalidData(invalid));
  const b = writable(body as Json);
  if (nameTaken(ctx, envId, b.name, id))
    return fromError(
      invalidData([{ code: 'UNIQUENESS_VIOLATION', target: 'name', message: 'A notification policy with this name already exists.' }]),
    );
  // GUESS: PUT is a full replacement; `default` left out keeps the policy's current value.
  if (b.default === true) for (const p of env.policies.values()) if (p.id !== id) p.body.default = false;
  existing.body = { ...b, default: b.default ?? existing.body.default ?? false };
  existing.updatedAt = ctx.store.stamp();
  return { status: 200, body: presentPolicy(existing, ctx.apiBase) };
}

export function deletePolicy(ctx: OpContext, envId: string, id: string): OpResult {
  const env = ctx.store.environments.get(envId);
  const existing = env?.policies.get(id);
  if (!env || !existing) return fromError(notFound(`Unable to find notification policy with id ${id}.`));
  // GUESS (code/wording): the default policy cannot be deleted.
  if (existing.body.default === true)
    return fromError(
      invalidData([{ code: 'INVALID_VALUE', target: 'default', message: 'The default notification policy cannot be deleted.' }]),
    );
  env.policies.delete(id);
  return { status: 204 };
}
