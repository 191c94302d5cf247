// What the stand-in stores and answers for each provider: defaults filled (the 201 response on the docs'
// `create_phone_delivery_settings_oauth.html`), write-only fields dropped from answers (that response omits
// `clientSecret`; TF `resource_phone_delivery_settings.go` keeps secrets from the plan), and the "vendor
// account" of two-step providers (docs data model page; TF `resource_phone_delivery_settings.go` Create).

import { createHash } from 'node:crypto';
import { ErrorDetail } from './envelope';

type Json = Record<string, unknown>;

export const WRITE_ONLY_FIELDS = ['password', 'authToken', 'clientSecret', 'headerValue', 'assertion'];

/** Providers whose create answers with the account's numbers (or channels) to select from with a PUT. */
export const TWO_STEP_PROVIDERS = ['CUSTOM_TWILIO', 'CUSTOM_SYNIVERSE', 'CUSTOM_TWILIO_MESSAGING_SERVICE', 'CUSTOM_SYNIVERSE_CHANNELS'];

export interface AccountNumber {
  type: 'PHONE_NUMBER' | 'TOLL_FREE' | 'SHORT_CODE';
  number: string;
  capabilities: string[];
  supportedCountries?: string[];
}

/** A stored resource: the body as last written (secrets included: PingOne keeps them too) + server fields. */
export interface StoredResource {
  id: string;
  environmentId: string;
  createdAt: string;
  updatedAt: string;
  body: Json;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/**
 * A made-up but stable account per credential: the same sid/token always lists the same numbers.
 * GUESS (shape): fields as in SDK `model_notifications_settings_phone_delivery_settings_custom_numbers.go` / the
 * 2022 Postman PUT example (`patrickcping/pingone-go`, `api/openapi.yaml`); CUSTOM_TWILIO_MESSAGING_SERVICE
 * answering with `numbers[]` (its sender pool) is our assumption, no source says.
 */
export function accountNumbers(seed: string): AccountNumber[] {
  const digits = BigInt(`0x${createHash('sha256').update(seed).digest('hex').slice(0, 12)}`)
    .toString()
    .padStart(14, '0');
  return [
    { type: 'PHONE_NUMBER', number: `+1555${digits.slice(0, 7)}`, capabilities: ['SMS', 'VOICE'] },
    { type: 'PHONE_NUMBER', number: `+1555${digits.slice(7, 14)}`, capabilities: ['SMS'] },
    { type: 'TOLL_FREE', number: `+1800${digits.slice(2, 9)}`, capabilities: ['SMS', 'VOICE'], supportedCountries: ['US', 'CA'] },
    { type: 'SHORT_CODE', number: digits.slice(8, 14), capabilities: ['SMS'], supportedCountries: ['US'] },
  ];
}

/** GUESS (shape): Syniverse channels as in the docs' `update-phone-delivery-settings-syniverse-channels.html` example; the values are ours. */
export function accountChannels(seed: string, createdAt: string): Json[] {
  const h = createHash('sha256').update(seed).digest('hex');
  return [
    {
      id: `${h.slice(0, 8)}-sms`,
      name: 'SMS channel',
      capabilities: ['SMS'],
      priority: 'NORMAL',
      available: true,
      selected: false,
      createdAt,
    },
    {
      id: `${h.slice(8, 16)}-voice`,
      name: 'Voice channel',
      capabilities: ['VOICE'],
      priority: 'NORMAL',
      available: true,
      selected: false,
      createdAt,
    },
  ];
}

function accountSeed(body: Json): string {
  return `${String(body.provider)}|${String(body.sid ?? '')}|${String(body.authToken ?? '')}`;
}

/**
 * For two-step providers, the stored list is always the account's list; a request may only choose
 * `selected` on entries of it. Unknown numbers/channels → details (GUESS: code INVALID_VALUE).
 */
export function mergeSelection(body: Json, createdAt: string, previous?: Json): { body: Json; details: ErrorDetail[] } {
  const out = clone(body);
  const details: ErrorDetail[] = [];
  const provider = String(body.provider);
  if (!TWO_STEP_PROVIDERS.includes(provider)) return { body: out, details };

  const wanted = (list: unknown, key: string): Map<string, boolean> => {
    const m = new Map<string, boolean>();
    if (Array.isArray(list))
      for (const e of list) if (isObject(e) && typeof e[key] === 'string') m.set(e[key] as string, e.selected === true);
    return m;
  };

  if (provider === 'CUSTOM_SYNIVERSE_CHANNELS') {
    const account =
      previous && Array.isArray(previous.channels) ? (clone(previous.channels) as Json[]) : accountChannels(accountSeed(body), createdAt);
    const sel = wanted(body.channels, 'id');
    const known = new Set(account.map((c) => c.id as string));
    [...sel.keys()].forEach((id, i) => {
      if (!known.has(id))
        details.push({ code: 'INVALID_VALUE', target: `channels[${i}].id`, message: `Channel ${id} is not in the provider account.` });
    });
    out.channels = account.map((c) => ({ ...c, selected: sel.get(c.id as string) ?? false }));
    if (out.deliveryConfigurationsExist === undefined) out.deliveryConfigurationsExist = false;
    return { body: out, details };
  }

  const account = accountNumbers(accountSeed(body));
  const sel = wanted(body.numbers, 'number');
  const known = new Set(account.map((n) => n.number));
  const given = Array.isArray(body.numbers) ? body.numbers : [];
  given.forEach((n, i) => {
    if (isObject(n) && typeof n.number === 'string' && !known.has(n.number)) {
      details.push({
        code: 'INVALID_VALUE',
        target: `numbers[${i}].number`,
        message: `Number ${n.number} is not in the provider account.`,
      });
    }
  });
  out.numbers = account.map((n) => ({ ...n, available: true, selected: sel.get(n.number) ?? false }));
  return { body: out, details };
}

/**
 * Server-side defaults echoed on create/update (the 201 response on the docs' `create_phone_delivery_settings_oauth.html`:
 * phoneNumberFormat FULL; OAUTH2 grant + client auth).
 */
export function fillDefaults(body: Json): Json {
  const out = clone(body);
  if (Array.isArray(out.requests)) {
    for (const r of out.requests) if (isObject(r) && r.phoneNumberFormat === undefined) r.phoneNumberFormat = 'FULL';
  }
  const auth = out.authentication;
  if (isObject(auth) && auth.method === 'OAUTH2') {
    if (auth.grantType === undefined) auth.grantType = 'CLIENT_CREDENTIALS';
    if (auth.grantType === 'CLIENT_CREDENTIALS' && auth.clientAuthenticationMethod === undefined)
      auth.clientAuthenticationMethod = 'BASIC_AUTH_HEADER';
  }
  // Read-only fields of the request body are ignored (the Postman PUT examples in `patrickcping/pingone-go` `api/openapi.yaml` send them back).
  for (const k of ['id', 'environment', 'createdAt', 'updatedAt', '_links']) delete out[k];
  return out;
}

function withoutWriteOnly(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutWriteOnly);
  if (!isObject(v)) return v;
  const out: Json = {};
  for (const [k, child] of Object.entries(v)) if (!WRITE_ONLY_FIELDS.includes(k)) out[k] = withoutWriteOnly(child);
  return out;
}

/** The resource as the API answers it. */
export function present(r: StoredResource, apiBase: string): Json {
  const self = `${apiBase}/environments/${r.environmentId}/notificationsSettings/phoneDeliverySettings/${r.id}`;
  return {
    _links: { self: { href: self }, environment: { href: `${apiBase}/environments/${r.environmentId}` } },
    id: r.id,
    environment: { id: r.environmentId },
    ...(withoutWriteOnly(r.body) as Json),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}
