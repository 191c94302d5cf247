/**
 * Where a secret may go (issue "A secret goes only where its owner meant it to go"). A value from
 * secret storage (or `PINGONE_VAR_*`, a var file) fills only a field that holds a credential: a
 * write-only field's value, the value of a gateway header whose name looks like a credential, the
 * value part of a credential-named `url` query or `body` parameter. Anywhere else — a url's scheme,
 * host or path above all — it would be stored by PingOne in the clear or sent to whoever that url
 * names, so the send refuses it and the language service flags it.
 */
import type { JSONPath } from 'jsonc-parser';
import { CREDENTIAL_NAME, PHONE_DELIVERY_SETTINGS, WRITE_ONLY_FIELDS } from './phoneDeliverySettings';
import { findPlaceholders } from './placeholders';
import { isObject } from './json';
import { formParameters } from './parameters';

export interface Placement {
  /** The placeholder's name. */
  name: string;
  /** Offsets of `{{name}}` in the string. */
  start: number;
  end: number;
  /** Whether a secret may fill it. */
  credential: boolean;
  /** Why not (for messages), when it may not. */
  reason?: string;
}

/** `name=value` parameters of a query string or form body, or `"name": "value"` pairs of a JSON body, with the value's offsets. */
export function stringParameters(value: string, where: 'url' | 'body'): { name: string; start: number; end: number }[] {
  const out: { name: string; start: number; end: number }[] = [];
  const t = value.trim();
  if (where === 'body' && t.startsWith('{') && !t.startsWith('{{')) {
    const re = /"([^"\\]+)"\s*:\s*"((?:[^"\\]|\\.)*)"/g;
    for (let m = re.exec(value); m; m = re.exec(value)) {
      const start = m.index + m[0].length - 1 - m[2].length;
      out.push({ name: m[1], start, end: start + m[2].length });
    }
    return out;
  }
  const q = value.indexOf('?');
  // In a url only the query holds parameters: the scheme, host and path never do.
  const from = where === 'url' ? (q < 0 ? value.length : q + 1) : 0;
  for (const p of formParameters(value, from)) out.push({ name: p.name, start: p.valueStart, end: p.valueEnd });
  return out;
}

const WRITE_ONLY: readonly string[] = WRITE_ONLY_FIELDS;

/** A readable form of a path: `requests[0].headers.X-Api-Key`. */
export function pathText(path: JSONPath): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/**
 * For each `{{name}}` of the string at `path` (a path into the document), whether it sits in a
 * credential position. Pure: the same answer for the language service and the send.
 */
export function placementsOf(path: JSONPath, value: string): Placement[] {
  const found = findPlaceholders(value);
  if (!found.length) return [];
  const key = path[path.length - 1];
  const parent = path[path.length - 2];
  const inRequest = path.length >= 3 && path[path.length - 3] === 'requests';
  const at = pathText(path);
  const all = (credential: boolean, reason?: string): Placement[] => found.map((p) => ({ ...p, credential, reason }));
  if (typeof key === 'string' && parent === 'headers' && path[path.length - 4] === 'requests') {
    return CREDENTIAL_NAME.test(key)
      ? all(true)
      : all(false, `"${at}" is the header "${key}", whose name does not say it holds a credential`);
  }
  if (typeof key === 'string' && WRITE_ONLY.includes(key)) return all(true);
  if (inRequest && (key === 'url' || key === 'body')) {
    const params = stringParameters(value, key);
    const q = value.indexOf('?');
    return found.map((p) => {
      const param = params.find((x) => p.start >= x.start && p.end <= x.end);
      if (param && CREDENTIAL_NAME.test(param.name)) return { ...p, credential: true };
      const reason =
        key === 'url' && (q < 0 || p.start < q)
          ? `it is in the scheme, host or path of "${at}", where it would go to whatever server that url names`
          : param
            ? `it is in the ${key} parameter "${param.name}" of "${at}", whose name does not say it holds a credential`
            : `it is in "${at}" outside the value of a credential parameter`;
      return { ...p, credential: false, reason };
    });
  }
  return all(false, `"${at}" does not hold a credential`);
}

export interface PlacedPlaceholder extends Placement {
  path: JSONPath;
}

/**
 * Every placeholder of a document value, with its placement. One path is kept up to date during the
 * walk and copied only for a string that holds a placeholder: a 2 MB body has about a hundred
 * thousand values, and a new path for each made this walk cost more than all the other rules.
 */
export function secretPlacements(value: unknown, at: JSONPath = []): PlacedPlaceholder[] {
  const out: PlacedPlaceholder[] = [];
  const path: JSONPath = [...at];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      if (!v.includes('{{')) return; // no placeholder (findPlaceholders' own first test)
      const here = [...path];
      for (const p of placementsOf(here, v)) out.push({ ...p, path: here });
    } else if (Array.isArray(v)) {
      v.forEach((c, i) => {
        path.push(i);
        walk(c);
        path.pop();
      });
    } else if (isObject(v)) {
      for (const k of Object.keys(v)) {
        path.push(k);
        walk(v[k]);
        path.pop();
      }
    }
  };
  walk(value);
  return out;
}

/** The placeholders a secret may not fill. */
export function secretPlacementProblems(value: unknown): PlacedPlaceholder[] {
  return secretPlacements(value).filter((p) => !p.credential);
}

/** The host of a url, or undefined when it has none yet (a placeholder, not absolute). */
export function hostOf(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  try {
    return new URL(url).host || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Where a secret filled in at `path` of the (filled) body will be used: the gateway host of its
 * request, or of the token endpoint / every request for an authentication credential, or the
 * provider's vendor. PingOne (its API host) stores it first; the caller says so.
 */
export function secretDestinations(body: Record<string, unknown>, path: JSONPath): string[] {
  const requests = Array.isArray(body.requests) ? body.requests : [];
  if (path[0] === 'requests' && typeof path[1] === 'number') {
    const r = requests[path[1]];
    const h = isObject(r) ? hostOf(r.url) : undefined;
    return [h ?? 'the host of its request url'];
  }
  const auth = body.authentication;
  if (path[0] === 'authentication' && isObject(auth)) {
    const h = hostOf(auth.authUrl);
    if (h) return [h];
  }
  const hosts = [...new Set(requests.map((r) => (isObject(r) ? hostOf(r.url) : undefined)).filter((h): h is string => !!h))];
  if (hosts.length) return hosts;
  const provider = typeof body.provider === 'string' ? body.provider : '';
  if (/TWILIO/.test(provider)) return ['Twilio (api.twilio.com)'];
  if (/SYNIVERSE/.test(provider)) return ['Syniverse'];
  return ['the provider’s gateway'];
}

let suggested: Set<string> | undefined;

/** The placeholder names the model suggests for its write-only fields (`{{twilioAuthToken}}`, …). */
export function suggestedSecretNames(): ReadonlySet<string> {
  if (suggested) return suggested;
  const names = new Set<string>();
  const seen = new Set<object>();
  const walk = (v: unknown): void => {
    if (!v || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    const o = v as Record<string, unknown>;
    if (o.secret === true && typeof o.insertValue === 'string') findPlaceholders(o.insertValue).forEach((p) => names.add(p.name));
    Object.values(o).forEach(walk);
  };
  walk(PHONE_DELIVERY_SETTINGS);
  return (suggested = names);
}
