// Modest, self-contained validation of phone delivery settings bodies (after the SDK's OpenAPI
// `pingone-management.yml`, the TF validators and the request models of the docs' create pages).
// Deliberately NOT shared with server/src: the stand-in plays "the other side", and a shared
// validator would make "the editor shows no error, PingOne answers 400" impossible to test.
//
// GUESS: the `target` syntax. No source shows a live phone-delivery 400 body; we use
// dotted paths with bracket indexes (`requests[0].url`, `authentication.password`).

import { ErrorDetail } from './envelope';

type Json = Record<string, unknown>;

export const PROVIDERS = [
  'CUSTOM_PROVIDER',
  'CUSTOM_TWILIO',
  'CUSTOM_SYNIVERSE',
  'CUSTOM_TWILIO_VERIFY',
  'CUSTOM_TWILIO_MESSAGING_SERVICE',
  'CUSTOM_SYNIVERSE_CHANNELS',
] as const;
export type Provider = (typeof PROVIDERS)[number];

const AUTH_METHODS = ['BASIC', 'BEARER', 'OAUTH2', 'CUSTOM_HEADER'];
const DELIVERY_METHODS = ['SMS', 'VOICE'];
const HTTP_METHODS = ['GET', 'POST'];
const PHONE_NUMBER_FORMATS = ['FULL', 'NUMBER_ONLY'];
const NUMBER_TYPES = ['PHONE_NUMBER', 'TOLL_FREE', 'SHORT_CODE'];
const CAPABILITIES = ['SMS', 'VOICE'];

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

class Checker {
  readonly details: ErrorDetail[] = [];

  required(obj: Json, key: string, path: string): boolean {
    const v = obj[key];
    if (v === undefined || v === null || v === '') {
      this.details.push({ code: 'REQUIRED_VALUE', target: path, message: `${key} is required.` });
      return false;
    }
    return true;
  }

  string(obj: Json, key: string, path: string, required: boolean): string | undefined {
    if (required && !this.required(obj, key, path)) return undefined;
    const v = obj[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') {
      this.details.push({ code: 'INVALID_VALUE', target: path, message: `${key} must be a string.` });
      return undefined;
    }
    return v;
  }

  enumValue(obj: Json, key: string, path: string, allowed: readonly string[], required: boolean): string | undefined {
    const v = this.string(obj, key, path, required);
    if (v !== undefined && !allowed.includes(v)) {
      this.details.push({
        code: 'INVALID_VALUE',
        target: path,
        message: `${key} must be one of ${allowed.join(', ')}.`,
        innerError: { allowedValues: [...allowed] },
      });
      return undefined;
    }
    return v;
  }

  invalid(path: string, message: string): void {
    this.details.push({ code: 'INVALID_VALUE', target: path, message });
  }
}

/** Validates a create/update body; returns the details of a 400 `INVALID_DATA` (empty when valid). */
export function validatePhoneDeliverySettings(body: unknown): ErrorDetail[] {
  const c = new Checker();
  if (!isObject(body)) {
    c.invalid('', 'The request body must be a JSON object.');
    return c.details;
  }
  if (body.provider === 'PINGONE_TWILIO') {
    // SDK `pingone-management.yml` (`smsProvidersFallbackChain`): a fallback-chain entry, not something one creates.
    c.invalid('provider', 'PINGONE_TWILIO cannot be created; it is only used in smsProvidersFallbackChain.');
    return c.details;
  }
  const provider = c.enumValue(body, 'provider', 'provider', PROVIDERS, true) as Provider | undefined;
  if (provider === undefined) return c.details;

  switch (provider) {
    case 'CUSTOM_PROVIDER':
      checkCustomProvider(c, body);
      break;
    case 'CUSTOM_TWILIO':
      c.string(body, 'sid', 'sid', true);
      c.string(body, 'authToken', 'authToken', true);
      break;
    case 'CUSTOM_SYNIVERSE':
    case 'CUSTOM_SYNIVERSE_CHANNELS':
      c.string(body, 'authToken', 'authToken', true);
      break;
    case 'CUSTOM_TWILIO_VERIFY':
      c.string(body, 'sid', 'sid', true);
      c.string(body, 'authToken', 'authToken', true);
      c.string(body, 'verifyServiceId', 'verifyServiceId', true);
      break;
    case 'CUSTOM_TWILIO_MESSAGING_SERVICE':
      c.string(body, 'name', 'name', true);
      c.string(body, 'sid', 'sid', true);
      c.string(body, 'authToken', 'authToken', true);
      // The docs' update page: only one messaging service may be selected.
      if (Array.isArray(body.messagingServices) && body.messagingServices.filter((m) => isObject(m) && m.selected === true).length > 1)
        c.invalid('messagingServices', 'Only one messaging service can be selected.');
      break;
  }
  if (provider !== 'CUSTOM_PROVIDER' && body.name !== undefined) c.string(body, 'name', 'name', false);
  if (body.numbers !== undefined) checkNumbers(c, body.numbers, provider === 'CUSTOM_PROVIDER');
  return c.details;
}

function checkCustomProvider(c: Checker, body: Json): void {
  c.string(body, 'name', 'name', true);

  if (c.required(body, 'authentication', 'authentication')) {
    const auth = body.authentication;
    if (!isObject(auth)) {
      c.invalid('authentication', 'authentication must be an object.');
    } else {
      const method = c.enumValue(auth, 'method', 'authentication.method', AUTH_METHODS, true);
      const need = (key: string): void => void c.string(auth, key, `authentication.${key}`, true);
      if (method === 'BASIC') ['username', 'password'].forEach(need);
      if (method === 'BEARER') need('authToken');
      if (method === 'CUSTOM_HEADER') ['headerName', 'headerValue'].forEach(need);
      if (method === 'OAUTH2') {
        // The SDK's grant type enum: JWT_BEARER, CLIENT_CREDENTIALS (default).
        const grant = c.enumValue(auth, 'grantType', 'authentication.grantType', ['JWT_BEARER', 'CLIENT_CREDENTIALS'], false);
        if (grant === 'JWT_BEARER') ['authUrl', 'assertion'].forEach(need);
        else ['authUrl', 'clientId', 'clientSecret'].forEach(need);
        // Read-only in the SDK; GUESS: a pasted value is checked against its enum, not refused.
        c.enumValue(auth, 'clientAuthenticationMethod', 'authentication.clientAuthenticationMethod', ['BASIC_AUTH_HEADER', 'BODY'], false);
      }
    }
  }

  if (c.required(body, 'requests', 'requests')) {
    const requests = body.requests;
    // GUESS: an empty list is accepted (neither the OpenAPI nor Terraform sets a minimum).
    if (!Array.isArray(requests)) {
      c.invalid('requests', 'requests must be an array.');
      return;
    }
    requests.forEach((r, i) => checkRequest(c, r, `requests[${i}]`));
  }
}

function checkRequest(c: Checker, r: unknown, path: string): void {
  if (!isObject(r)) {
    c.invalid(path, 'Each request must be an object.');
    return;
  }
  c.enumValue(r, 'deliveryMethod', `${path}.deliveryMethod`, DELIVERY_METHODS, true);
  const method = c.enumValue(r, 'method', `${path}.method`, HTTP_METHODS, true);
  const url = c.string(r, 'url', `${path}.url`, true);
  c.enumValue(r, 'phoneNumberFormat', `${path}.phoneNumberFormat`, PHONE_NUMBER_FORMATS, false);
  const hasBoth = (s: string): boolean => s.includes('${to}') && s.includes('${message}');
  if (method === 'GET' && url !== undefined && !hasBoth(url)) {
    c.invalid(`${path}.url`, 'A GET request url must contain ${to} and ${message}.');
  }
  if (method === 'POST') {
    // GUESS: body is optional for POST (Terraform: "Optional when the method is POST").
    const body = c.string(r, 'body', `${path}.body`, false);
    if (body !== undefined && !hasBoth(body)) c.invalid(`${path}.body`, 'A POST request body must contain ${to} and ${message}.');
  }
  if (r.headers !== undefined) {
    if (!isObject(r.headers)) c.invalid(`${path}.headers`, 'headers must be an object of strings.');
    else
      for (const [k, v] of Object.entries(r.headers))
        if (typeof v !== 'string') c.invalid(`${path}.headers.${k}`, 'Header values must be strings.');
  }
  for (const tag of ['beforeTag', 'afterTag']) if (r[tag] !== undefined) c.string(r, tag, `${path}.${tag}`, false);
}

function checkNumbers(c: Checker, numbers: unknown, custom: boolean): void {
  if (!Array.isArray(numbers)) {
    c.invalid('numbers', 'numbers must be an array.');
    return;
  }
  numbers.forEach((n, i) => {
    const path = `numbers[${i}]`;
    if (!isObject(n)) {
      c.invalid(path, 'Each number must be an object.');
      return;
    }
    c.string(n, 'number', `${path}.number`, true);
    const type = c.enumValue(n, 'type', `${path}.type`, NUMBER_TYPES, true);
    if (n.capabilities !== undefined) {
      if (!Array.isArray(n.capabilities) || n.capabilities.some((x) => typeof x !== 'string' || !CAPABILITIES.includes(x))) {
        c.invalid(`${path}.capabilities`, `capabilities must be an array of ${CAPABILITIES.join(', ')}.`);
      }
    }
    for (const flag of ['selected', 'available']) {
      if (n[flag] !== undefined && typeof n[flag] !== 'boolean') c.invalid(`${path}.${flag}`, `${flag} must be a boolean.`);
    }
    // supportedCountries rules (SDK description, TF validators).
    const countries = n.supportedCountries;
    const target = `${path}.supportedCountries`;
    if (countries !== undefined && (!Array.isArray(countries) || countries.some((x) => typeof x !== 'string' || !/^[A-Z]{2}$/.test(x)))) {
      c.invalid(target, 'supportedCountries must be an array of two-letter country codes.');
    } else if (type === 'PHONE_NUMBER' && countries !== undefined) {
      c.invalid(target, 'supportedCountries must not be specified for PHONE_NUMBER.');
    } else if (type === 'SHORT_CODE' && (countries !== undefined || custom) && (countries as unknown[] | undefined)?.length !== 1) {
      c.invalid(target, 'A SHORT_CODE needs exactly one supported country.');
    } else if (type === 'TOLL_FREE' && (countries !== undefined || custom) && ((countries as unknown[] | undefined)?.length ?? 0) < 1) {
      c.invalid(target, 'A TOLL_FREE number needs at least one supported country.');
    }
  });
}

/** Reads a value at a target path like `requests[0].url` (used by the rejectFields option). */
export function valueAtPath(body: unknown, path: string): unknown {
  const parts = path.match(/[^.[\]]+/g) ?? [];
  let cur: unknown = body;
  for (const p of parts) {
    if (Array.isArray(cur) && /^\d+$/.test(p)) cur = cur[Number(p)];
    else if (isObject(cur)) cur = cur[p];
    else return undefined;
  }
  return cur;
}
