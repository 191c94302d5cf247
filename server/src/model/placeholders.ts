/**
 * `{{name}}` placeholders: the Postman-style variables of the PingOne docs
 * (e.g. `{{customProviderClientSecret}}`), filled in from settings and secret storage before a send.
 * `\{{` stands for a literal `{{`.
 */
import type { StringField } from './types';

const PLACEHOLDER = /(\\?)\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}/g;

export interface PlaceholderMatch {
  name: string;
  start: number;
  end: number;
}

export function findPlaceholders(value: string): PlaceholderMatch[] {
  const out: PlaceholderMatch[] = [];
  if (!value.includes('{{')) return out;
  PLACEHOLDER.lastIndex = 0;
  for (let m = PLACEHOLDER.exec(value); m; m = PLACEHOLDER.exec(value)) {
    if (m[1]) continue; // escaped: a literal {{
    out.push({ name: m[2], start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** `\{{name}}`: written escaped, a literal `{{name}}` that is never filled (offsets of the whole `\\{{…}}`). */
export function findEscapedPlaceholders(value: string): PlaceholderMatch[] {
  const out: PlaceholderMatch[] = [];
  if (!value.includes('\\{{')) return out;
  PLACEHOLDER.lastIndex = 0;
  for (let m = PLACEHOLDER.exec(value); m; m = PLACEHOLDER.exec(value))
    if (m[1]) out.push({ name: m[2], start: m.index, end: m.index + m[0].length });
  return out;
}

/**
 * Text that must stay literal (a string PingOne returned): every `{{name}}` becomes `\{{name}}`, so
 * `fillPlaceholders` gives back exactly the text and fills nothing.
 */
export function escapePlaceholders(value: string): string {
  return value.replace(/\{\{(?=\s*[A-Za-z_][\w.-]*\s*\}\})/g, '\\{{');
}

export function hasPlaceholder(value: string): boolean {
  return findPlaceholders(value).length > 0;
}

/** The whole string is one placeholder: it may stand for any value, even an enum member. */
export function isWholePlaceholder(value: string): boolean {
  const p = findPlaceholders(value);
  return p.length === 1 && p[0].start === 0 && p[0].end === value.length;
}

/**
 * Replaces every placeholder by `lookup(name)`; names the lookup does not know are returned in
 * `missing` (and left as they were). `\{{` becomes `{{`.
 */
export function fillPlaceholders(
  value: string,
  lookup: (name: string) => string | undefined,
): { value: string; missing: string[]; used: string[] } {
  const missing: string[] = [];
  const used: string[] = [];
  PLACEHOLDER.lastIndex = 0;
  const filled = value.replace(PLACEHOLDER, (whole, escape: string, name: string) => {
    if (escape) return whole.slice(1);
    const v = lookup(name);
    if (v === undefined) {
      missing.push(name);
      return whole;
    }
    used.push(name);
    return v;
  });
  return { value: filled, missing, used };
}

/** The placeholder name the model suggests for a field (its `insertValue`, a `{{name}}`), else one from the key. */
export function placeholderName(key: string, field?: StringField, fallback = 'secret'): string {
  const insert = field?.insertValue;
  if (typeof insert === 'string' && isWholePlaceholder(insert)) return findPlaceholders(insert)[0].name;
  const words = key.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const camel = words
    .map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()))
    .join('');
  if (!camel) return fallback;
  // A placeholder name starts with a letter or `_`.
  return /^[A-Za-z_]/.test(camel) ? camel : `_${camel}`;
}
