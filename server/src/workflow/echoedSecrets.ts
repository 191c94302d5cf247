/**
 * A pulled document must not hold a secret either. `pulledDocument` turns the write-only fields
 * (which PingOne never returns) into `{{placeholders}}`, but PingOne stores and echoes gateway
 * credentials: a `requests[].headers` value, or a `url`/`body` parameter, whose name looks like a
 * credential (issue 3, "What counts as a secret"). Those become placeholders here too: named after
 * the secret variable that holds the same value when one is known (`--var-file`, `PINGONE_VAR_*`),
 * else after the header or parameter.
 */
import { isPlaceholderOnly as placeholderOnly, redactBodyParameters, redactUrlParameters, SECRET_NAME_PATTERN } from '../pingone/redact';
import { findPlaceholders } from '../model/placeholders';
// One naming rule for the quick fix that moves a literal secret and for pulled credentials: the same {{name}}.
import { placeholderName } from '../model/placeholders';
import { isObject } from '../model/json';

export interface EchoedSecret {
  name: string;
  /** Where it was, e.g. `requests[0].headers.X-Api-Key`. */
  where: string;
}

/** Shorter known values are only replaced where they are a whole string (a short value is found everywhere). */
const MIN_SUBSTRING_LENGTH = 8;

/** Rewrites the pulled document's text; returns it with the placeholders it introduced. */
export function placeholdersForEchoedSecrets(text: string, known: ReadonlyMap<string, string>): { text: string; added: EchoedSecret[] } {
  const doc = JSON.parse(text) as unknown;
  const added: EchoedSecret[] = [];
  const taken = new Set<string>();
  const collect = (v: unknown): void => {
    if (typeof v === 'string') findPlaceholders(v).forEach((p) => taken.add(p.name));
    else if (Array.isArray(v)) v.forEach(collect);
    else if (isObject(v)) Object.values(v).forEach(collect);
  };
  collect(doc);
  const byName = new Map<string, string | undefined>(); // introduced name → value (undefined: not known)
  const nameFor = (base: string, value: string | undefined): string => {
    for (let i = 1; ; i++) {
      const candidate = i === 1 ? base : `${base}${i}`;
      if (byName.has(candidate) && (value === undefined || byName.get(candidate) === value)) return candidate;
      if (!taken.has(candidate) && !byName.has(candidate)) {
        byName.set(candidate, value);
        return candidate;
      }
    }
  };
  const note = (name: string, where: string): void => {
    if (!added.some((a) => a.name === name && a.where === where)) added.push({ name, where });
  };

  // 1. Values the person gave as secret variables: back to their own placeholder, wherever they are.
  const knownEntries = [...known.entries()].filter(([, v]) => v !== '').sort((a, b) => b[1].length - a[1].length);
  const restoreKnown = (v: unknown, where: string): unknown => {
    if (typeof v === 'string') {
      let s = v;
      for (const [name, value] of knownEntries) {
        if (s === value || (value.length >= MIN_SUBSTRING_LENGTH && s.includes(value))) {
          s = s === value ? `{{${name}}}` : s.split(value).join(`{{${name}}}`);
          note(name, where);
        }
      }
      return s;
    }
    if (Array.isArray(v)) return v.map((c, i) => restoreKnown(c, `${where}[${i}]`));
    if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, c]) => [k, restoreKnown(c, where ? `${where}.${k}` : k)]));
    return v;
  };
  const restored = restoreKnown(doc, '') as Record<string, unknown>;

  // 2. Credential-looking headers and url/body parameters that are still literal values.
  const requests = Array.isArray(restored.requests) ? restored.requests : [];
  requests.forEach((entry, i) => {
    if (!isObject(entry)) return;
    const at = `requests[${i}]`;
    if (isObject(entry.headers)) {
      for (const [header, value] of Object.entries(entry.headers)) {
        if (!SECRET_NAME_PATTERN.test(header) || typeof value !== 'string' || value === '' || placeholderOnly(value)) continue;
        const name = nameFor(placeholderName(header, undefined, 'gatewaySecret'), value);
        entry.headers[header] = `{{${name}}}`;
        note(name, `${at}.headers.${header}`);
      }
    }
    for (const field of ['url', 'body'] as const) {
      const value = entry[field];
      if (typeof value !== 'string') continue;
      // The field rules of the one redaction, each credential replaced by a placeholder named after it.
      const placeholder = (param: string | undefined): string => {
        const name = nameFor(param === undefined ? 'gatewayPassword' : placeholderName(param, undefined, 'gatewaySecret'), undefined);
        note(name, `${at}.${field}`);
        return `{{${name}}}`;
      };
      const named = field === 'url' ? redactUrlParameters(value, placeholder) : redactBodyParameters(value, placeholder);
      if (named !== value) entry[field] = named;
    }
  });
  return { text: JSON.stringify(restored, null, 2) + '\n', added };
}
