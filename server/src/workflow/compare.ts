/**
 * Both sides of "Compare with PingOne", normalised so that an unchanged document shows no
 * difference: PingOne's defaults filled on both sides, read-only and binding fields dropped,
 * never-returned secrets ignored, keys sorted.
 */
import { PHONE_DELIVERY_SETTINGS, WRITE_ONLY_FIELDS } from '../model/phoneDeliverySettings';
import { effectiveShape } from '../model/modelNav';
import type { ObjectShape } from '../model/types';
import { redactJson } from '../pingone/redact';
import { STRIPPED_FIELDS } from './prepare';
import { isObject } from '../model/json';
import { literal } from './pull';

/** Applies the model's defaults and drops write-only fields, recursively along the model. */
function normalizeObject(value: Record<string, unknown>, shape: ObjectShape): Record<string, unknown> {
  const eff = effectiveShape(shape, value).shape;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if ((WRITE_ONLY_FIELDS as readonly string[]).includes(k)) continue;
    const f = eff.properties[k];
    if (f?.type === 'object' && isObject(v)) out[k] = normalizeObject(v, f.shape);
    else if (f?.type === 'array' && Array.isArray(v) && f.items.type === 'object') {
      const itemShape = f.items.shape;
      out[k] = v.map((i) => (isObject(i) ? normalizeObject(i, itemShape) : i));
    } else out[k] = v;
  }
  for (const [k, f] of Object.entries(eff.properties))
    if (out[k] === undefined && f.default !== undefined && !f.readOnly) out[k] = f.default;
  return out;
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (!isObject(v)) return v;
  return Object.fromEntries(
    Object.keys(v)
      .sort()
      .map((k) => [k, sortKeys(v[k])]),
  );
}

export function normalizeForCompare(body: Record<string, unknown>): string {
  const top: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) if (!STRIPPED_FIELDS.includes(k)) top[k] = v;
  return JSON.stringify(sortKeys(normalizeObject(top, PHONE_DELIVERY_SETTINGS)), null, 2) + '\n';
}

/**
 * Where the document holds a whole `{{placeholder}}` for a value PingOne echoes (a gateway credential
 * in a header, say), the live side shows the same placeholder: the secret is not displayed, and an
 * unchanged document compares equal. Other `{{…}}` text from PingOne is shown escaped, as a pull writes it.
 */
export function maskLiveWithPlaceholders(doc: unknown, live: unknown): unknown {
  if (typeof doc === 'string' && /^\{\{[^}]+\}\}$/.test(doc) && typeof live === 'string') return doc;
  if (Array.isArray(doc) && Array.isArray(live)) return live.map((l, i) => maskLiveWithPlaceholders(doc[i], l));
  if (isObject(doc) && isObject(live))
    return Object.fromEntries(
      Object.entries(live).map(([k, v]) => [k, maskLiveWithPlaceholders(Object.hasOwn(doc, k) ? doc[k] : undefined, v)]),
    );
  // Placeholder text PingOne stores is literal text, shown as a pull writes it (`\{{name}}`).
  return literal(live);
}

/**
 * The PingOne side of a comparison: the live resource, masked with the document's placeholders, then
 * redacted by field and by every secret value the caller knows (the client secret, access tokens, the
 * environment's secret variables), wherever PingOne echoes one.
 */
export function liveSideForCompare(doc: unknown, live: unknown, secretValues: readonly string[]): Record<string, unknown> {
  return redactJson(maskLiveWithPlaceholders(doc, live), { secretValues }) as Record<string, unknown>;
}
