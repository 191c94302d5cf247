// Redaction of secrets from JSON values and strings before anything is shown, logged or written.
// Two complementary rules (issue 3, "What counts as a secret"):
//  - by field: the write-only body fields, and gateway credentials PingOne stores and echoes back
//    (`requests[].headers` values, `url`/`body` parameters whose name looks like a credential);
//  - by value: every secret the caller knows (client secret, access token, values from secret
//    storage), replaced wherever it occurs, because a value can leak through fields we do not know.

export const REDACTED = '***REDACTED***';

import { CREDENTIAL_NAME, WRITE_ONLY_FIELDS as MODEL_WRITE_ONLY } from '../model/phoneDeliverySettings';
import { isObject } from '../model/json';

/**
 * Write-only fields of phone delivery settings, from the model: never returned by PingOne (TF
 * `resource_phone_delivery_settings.go` keeps them from the plan), always secret.
 */
export const WRITE_ONLY_FIELDS: readonly string[] = MODEL_WRITE_ONLY;

/** A header or url/body parameter with such a name is treated as a credential (the model's rule). */
export const SECRET_NAME_PATTERN = CREDENTIAL_NAME;

export interface RedactOptions {
  /** Known secret values, replaced wherever they occur as substrings (also JSON- and URL-encoded forms). */
  secretValues?: readonly string[];
  /** Replacement text, default `***REDACTED***`. */
  replacement?: string;
}

/**
 * Values that are only placeholders are not secrets and are kept, so that a redacted document still
 * says what goes where: `{{name}}` (our placeholders) and `${to}` (PingOne template variables).
 */
function isPlaceholderOnly(value: string): boolean {
  return /^\s*(\{\{\s*[\w.-]+\s*\}\}|\$\{[\w.]+\})\s*$/.test(value);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The forms in which a secret can appear in text we produce: raw, inside a JSON string, URL-encoded. */
function encodedForms(secret: string): string[] {
  const forms = new Set<string>([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)]);
  return [...forms].filter((f) => f.length > 0);
}

/** Replaces each known secret value (longest first, so a secret containing another is replaced whole). */
export function redactString(text: string, secretValues: readonly string[] = [], replacement = REDACTED): string {
  const forms = secretValues
    .filter((s) => typeof s === 'string' && s.length > 0)
    .flatMap(encodedForms)
    .sort((a, b) => b.length - a.length);
  if (forms.length === 0) return text;
  return text.replace(new RegExp(forms.map(escapeRegExp).join('|'), 'g'), replacement);
}

/** `name=value` pairs (query strings, form bodies) whose name looks like a credential. */
function redactFormParameters(text: string, replacement: string): string {
  return text.replace(/(^|[?&;\s])([^=&?;\s"{}]+)=([^&#;\s"]*)/g, (whole, lead: string, name: string, value: string) => {
    if (!SECRET_NAME_PATTERN.test(safeDecode(name)) || value === '' || isPlaceholderOnly(safeDecode(value))) return whole;
    return `${lead}${name}=${replacement}`;
  });
}

/** `"name": "value"` pairs in a JSON-looking body template, without reformatting the template. */
function redactJsonishParameters(text: string, replacement: string): string {
  return text.replace(/("((?:[^"\\]|\\.)*)"\s*:\s*)"((?:[^"\\]|\\.)*)"/g, (whole, lead: string, name: string, value: string) => {
    if (!SECRET_NAME_PATTERN.test(name) || value === '' || isPlaceholderOnly(value)) return whole;
    return `${lead}"${replacement}"`;
  });
}

/** A form-encoded (`+` for space) URI component decoded; the text itself when it does not decode. */
export function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** Redacts credential-looking query parameters and the password part of user info in a URL template. */
export function redactUrlParameters(url: string, replacement = REDACTED): string {
  // User info: https://user:secret@host → https://user:***@host (a regex, because templates are not valid URLs).
  const withoutUserInfo = url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/@:\s]*):([^/@\s]*)@/i, (_w, lead: string) => `${lead}:${replacement}@`);
  const q = withoutUserInfo.indexOf('?');
  if (q < 0) return withoutUserInfo;
  return withoutUserInfo.slice(0, q) + redactFormParameters(withoutUserInfo.slice(q), replacement);
}

/** Redacts credential-looking parameters in a `requests[].body` template (form-encoded or JSON text). */
export function redactBodyParameters(body: string, replacement = REDACTED): string {
  return redactJsonishParameters(redactFormParameters(body, replacement), replacement);
}

/** `requests[]` entries: header values by header name, url and body parameters by parameter name. */
function redactRequestEntry(entry: Record<string, unknown>, replacement: string): void {
  if (isObject(entry.headers)) {
    for (const [name, value] of Object.entries(entry.headers)) {
      if (SECRET_NAME_PATTERN.test(name) && typeof value === 'string' && value !== '' && !isPlaceholderOnly(value)) {
        entry.headers[name] = replacement;
      }
    }
  }
  if (typeof entry.url === 'string') entry.url = redactUrlParameters(entry.url, replacement);
  if (typeof entry.body === 'string') entry.body = redactBodyParameters(entry.body, replacement);
}

/**
 * Returns a redacted deep copy of a JSON value (the input is not modified).
 * Applies the field rules anywhere in the tree (a single resource, a list response, a request body)
 * and then the value rule to every remaining string.
 */
export function redactJson<T>(value: T, options: RedactOptions = {}): T {
  const replacement = options.replacement ?? REDACTED;
  const secrets = options.secretValues ?? [];
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redactString(v, secrets, replacement);
    if (Array.isArray(v)) return v.map(walk);
    if (!isObject(v)) return v;
    const out: Record<string, unknown> = {};
    for (const [k, child] of Object.entries(v)) {
      if (WRITE_ONLY_FIELDS.includes(k) && typeof child === 'string' && child !== '' && !isPlaceholderOnly(child)) {
        out[k] = replacement;
      } else {
        out[k] = walk(child);
      }
    }
    if (Array.isArray(out.requests)) {
      for (const entry of out.requests) if (isObject(entry)) redactRequestEntry(entry, replacement);
    }
    return out;
  };
  return walk(value) as T;
}
