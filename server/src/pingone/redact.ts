// Redaction of secrets from JSON values and strings before anything is shown, logged or written.
// The one redaction every output uses (response view, compare, pull, logs, messages, CLI, cURL).
// Two complementary rules (issue 3, "What counts as a secret"):
//  - by field: the write-only body fields, and gateway credentials PingOne stores and echoes back
//    (`requests[].headers` values, `url`/`body` parameters whose name looks like a credential);
//  - by value: every secret the caller knows (client secret, access token, values from secret
//    storage), replaced wherever it occurs, because a value can leak through fields we do not know.
//
// By value, a secret is found in the forms a server, a proxy or our own formatting can give it:
//  - raw, and inside JSON text (`\"`, `\/`, `\uXXXX` escapes) or URL/form encoding (`%XX`, `+`):
//    the text is decoded into views whose characters map back to the text, and matched there;
//  - with its white space collapsed (an excerpt collapses runs of white space, a line break may be
//    printed as a space): every view and every secret is compared with runs of white space as one;
//  - as base64 (a Basic header `id:secret`), at any of the three byte alignments;
//  - as UTF-16 read as single bytes (a NUL between characters);
//  - partially: a cut excerpt that holds PARTIAL_LENGTH characters in a row of a secret of at least
//    PARTIAL_MIN_SECRET characters (prefix, suffix or infix) has them redacted.
// Everything runs in time linear in the text (no backtracking regex, no rescan per secret form
// beyond `indexOf`, which is linear).

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

/** A secret this long or longer is also redacted where only PARTIAL_LENGTH of its characters appear. */
export const PARTIAL_MIN_SECRET = 12;
export const PARTIAL_LENGTH = 8;

export interface RedactOptions {
  /** Known secret values, replaced wherever they occur (in any of the forms above). */
  secretValues?: readonly string[];
  /** Replacement text, default `***REDACTED***`. */
  replacement?: string;
}

/**
 * What replaces a credential found by field: a fixed text, or one chosen from the parameter's name
 * (`undefined` for the password of a URL's user info). `pull` uses the latter to write placeholders.
 */
export type Replacement = string | ((name: string | undefined) => string);

const replaceWith = (r: Replacement, name: string | undefined): string => (typeof r === 'string' ? r : r(name));

/**
 * Values that are only placeholders are not secrets and are kept, so that a redacted document still
 * says what goes where: `{{name}}` (our placeholders) and `${to}` (PingOne template variables).
 */
export function isPlaceholderOnly(value: string): boolean {
  return /^\s*(\{\{\s*[\w.-]+\s*\}\}|\$\{[\w.]+\})\s*$/.test(value);
}

// ---------------------------------------------------------------------------------------------
// By value.

/** A decoded text whose character i came from `[from[i], to[i])` of the original text (no maps: the text itself). */
interface View {
  text: string;
  from?: Int32Array;
  to?: Int32Array;
}

const fromOf = (v: View, i: number): number => (v.from ? v.from[i] : i);
const toOf = (v: View, i: number): number => (v.to ? v.to[i] : i + 1);

/** Builds a view of `base` from pieces `[start, end)` of `base.text`; every decoding here only shortens the text. */
class ViewBuilder {
  private readonly codes: Uint16Array;
  private readonly from: Int32Array;
  private readonly to: Int32Array;
  private n = 0;
  constructor(private readonly base: View) {
    this.codes = new Uint16Array(base.text.length);
    this.from = new Int32Array(base.text.length);
    this.to = new Int32Array(base.text.length);
  }
  push(decoded: string, start: number, end: number): void {
    const f = fromOf(this.base, start);
    const t = toOf(this.base, end - 1);
    for (let i = 0; i < decoded.length; i++) {
      this.codes[this.n] = decoded.charCodeAt(i);
      this.from[this.n] = f;
      this.to[this.n++] = t;
    }
  }
  /** One character kept as it is. */
  keep(i: number): void {
    this.codes[this.n] = this.base.text.charCodeAt(i);
    this.from[this.n] = fromOf(this.base, i);
    this.to[this.n++] = toOf(this.base, i);
  }
  done(): View {
    let text = '';
    for (let i = 0; i < this.n; i += 8192) text += String.fromCharCode(...this.codes.subarray(i, Math.min(this.n, i + 8192)));
    return { text, from: this.from.subarray(0, this.n), to: this.to.subarray(0, this.n) };
  }
}

const JSON_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const isHex = (c: string | undefined): boolean => c !== undefined && /^[0-9a-fA-F]$/.test(c);

/** JSON string escapes decoded (`\"`, `\/`, `\n`, `\uXXXX`…); anything else is kept as it is. */
function jsonDecoded(v: View): View {
  const s = v.text;
  const b = new ViewBuilder(v);
  for (let i = 0; i < s.length;) {
    if (s[i] === '\\' && i + 1 < s.length) {
      const e = s[i + 1];
      if (e === 'u' && isHex(s[i + 2]) && isHex(s[i + 3]) && isHex(s[i + 4]) && isHex(s[i + 5])) {
        b.push(String.fromCharCode(parseInt(s.slice(i + 2, i + 6), 16)), i, i + 6);
        i += 6;
        continue;
      }
      if (JSON_ESCAPES[e] !== undefined) {
        b.push(JSON_ESCAPES[e], i, i + 2);
        i += 2;
        continue;
      }
    }
    b.keep(i);
    i++;
  }
  return b.done();
}

/** `%XX` (UTF-8 sequences too) and `+` decoded, as in a query string or a form body. */
function urlDecoded(v: View): View {
  const s = v.text;
  const b = new ViewBuilder(v);
  for (let i = 0; i < s.length;) {
    if (s[i] === '%' && isHex(s[i + 1]) && isHex(s[i + 2])) {
      // A run of escapes is one UTF-8 byte sequence; its characters map to the whole run.
      const start = i;
      const bytes: number[] = [];
      while (s[i] === '%' && isHex(s[i + 1]) && isHex(s[i + 2])) {
        bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
        i += 3;
      }
      b.push(new TextDecoder('utf-8').decode(Uint8Array.from(bytes)), start, i);
      continue;
    }
    if (s[i] === '+') b.push(' ', i, i + 1);
    else b.keep(i);
    i++;
  }
  return b.done();
}

/** `\s` of a JavaScript regex, by character code (a regex per character is slow, and this runs on every character). */
export function isSpaceCode(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Every run of white space as one space. */
function collapsed(v: View): View {
  const s = v.text;
  let needed = false;
  for (let i = 0; i < s.length && !needed; i++) {
    const c = s.charCodeAt(i);
    needed = isSpaceCode(c) && (c !== 32 || isSpaceCode(s.charCodeAt(i + 1)));
  }
  if (!needed) return v;
  const b = new ViewBuilder(v);
  for (let i = 0; i < s.length;) {
    if (isSpaceCode(s.charCodeAt(i))) {
      const start = i;
      while (i < s.length && isSpaceCode(s.charCodeAt(i))) i++;
      b.push(' ', start, i);
      continue;
    }
    b.keep(i);
    i++;
  }
  return b.done();
}

const collapseText = (s: string): string => collapsed({ text: s }).text;

/** RFC 6749 §2.3.1 form encoding (what the Basic header of the token request carries). */
const formEncoded = (s: string): string => encodeURIComponent(s).replace(/%20/g, '+');

/** The base64 characters that depend on `value` alone when it starts at byte offset 0, 1 or 2 of a longer text. */
function base64Forms(value: string): string[] {
  const bytes = Buffer.from(value, 'utf8');
  const out: string[] = [Buffer.from(bytes).toString('base64')];
  for (const k of [0, 1, 2]) {
    const b64 = Buffer.concat([Buffer.alloc(k), bytes]).toString('base64');
    const first = Math.ceil((k * 8) / 6);
    const last = Math.floor(((k + bytes.length) * 8) / 6);
    out.push(b64.slice(first, last));
  }
  return out.filter((f) => f.length >= PARTIAL_LENGTH);
}

/** The forms of a secret that are not decodings of the text (those are views): each compared collapsed. */
function secretForms(secret: string): string[] {
  const forms = new Set<string>([secret]);
  for (const f of base64Forms(secret)) forms.add(f);
  if (formEncoded(secret) !== secret) for (const f of base64Forms(formEncoded(secret))) forms.add(f);
  if (secret.length >= 2) forms.add([...secret].join('\u0000'));
  return [...forms].map(collapseText).filter((f) => f !== '' && f !== ' ');
}

/** The compiled secrets: whole forms found with `indexOf`, and the PARTIAL_LENGTH-grams of long ones. */
const HASH_BASE = 31;
const HASH_MASK = (1 << 16) - 1;

function windowHash(w: string): number {
  let h = 0;
  for (let i = 0; i < w.length; i++) h = (Math.imul(h, HASH_BASE) + w.charCodeAt(i)) | 0;
  return h;
}

class SecretMatcher {
  readonly whole: string[] = [];
  readonly grams = new Set<string>();
  readonly hashes = new Uint8Array(HASH_MASK + 1);
  /** HASH_BASE ** PARTIAL_LENGTH (mod 2^32): removes the character that leaves the window. */
  readonly dropFactor: number;

  constructor(secretValues: readonly string[]) {
    let f = 1;
    for (let i = 0; i < PARTIAL_LENGTH; i++) f = Math.imul(f, HASH_BASE);
    this.dropFactor = f;
    for (const secret of new Set(secretValues)) {
      if (typeof secret !== 'string' || secret === '') continue;
      const partial = secret.length >= PARTIAL_MIN_SECRET;
      for (const form of secretForms(secret)) {
        if (partial && form.length >= PARTIAL_LENGTH) {
          for (let i = 0; i + PARTIAL_LENGTH <= form.length; i++) {
            const gram = form.slice(i, i + PARTIAL_LENGTH);
            this.grams.add(gram);
            this.hashes[windowHash(gram) & HASH_MASK] = 1;
          }
        } else {
          this.whole.push(form);
        }
      }
    }
  }

  get empty(): boolean {
    return this.whole.length === 0 && this.grams.size === 0;
  }

  /** Spans `[start, end)` of the original text where a secret shows in this view. */
  spans(view: View, out: [number, number][]): void {
    const s = view.text;
    const add = (i: number, j: number): void => void out.push([fromOf(view, i), toOf(view, j - 1)]);
    for (const form of this.whole) {
      for (let i = s.indexOf(form); i >= 0; i = s.indexOf(form, i + 1)) add(i, i + form.length);
    }
    if (this.grams.size === 0) return;
    // A rolling hash of the last PARTIAL_LENGTH characters picks the windows worth a look-up.
    let runStart = -1;
    let runEnd = -1;
    let h = 0;
    for (let i = 0; i < s.length; i++) {
      h = (Math.imul(h, HASH_BASE) + s.charCodeAt(i)) | 0;
      if (i >= PARTIAL_LENGTH) h = (h - Math.imul(s.charCodeAt(i - PARTIAL_LENGTH), this.dropFactor)) | 0;
      const w = i - PARTIAL_LENGTH + 1;
      if (w < 0 || !this.hashes[h & HASH_MASK] || !this.grams.has(s.slice(w, w + PARTIAL_LENGTH))) continue;
      if (w > runEnd) {
        if (runStart >= 0) add(runStart, runEnd);
        runStart = w;
      }
      runEnd = w + PARTIAL_LENGTH;
    }
    if (runStart >= 0) add(runStart, runEnd);
  }
}

/** The views of a text in which secrets are looked for (only those that differ from the raw text). */
function viewsOf(text: string): View[] {
  const raw: View = { text };
  const views = [collapsed(raw)];
  const json = text.includes('\\') ? jsonDecoded(raw) : undefined;
  if (json) views.push(collapsed(json));
  if (/[%+]/.test(text)) {
    views.push(collapsed(urlDecoded(raw)));
    if (json) views.push(collapsed(urlDecoded(json)));
  }
  return views;
}

function replaceSpans(text: string, spans: [number, number][], replacement: string): string {
  if (!spans.length) return text;
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  let out = '';
  let pos = 0;
  let cur: [number, number] | undefined;
  const flush = (): void => {
    if (!cur) return;
    out += text.slice(pos, cur[0]) + replacement;
    pos = cur[1];
  };
  for (const span of spans) {
    if (cur && span[0] <= cur[1]) cur[1] = Math.max(cur[1], span[1]);
    else {
      flush();
      cur = [span[0], span[1]];
    }
  }
  flush();
  return out + text.slice(pos);
}

/** Secrets compiled once, for redacting many strings (a JSON value string by string, an output stream). */
export class Redactor {
  private readonly matcher: SecretMatcher;
  constructor(
    secretValues: readonly string[] = [],
    readonly replacement = REDACTED,
  ) {
    this.matcher = new SecretMatcher(secretValues);
  }

  /** The text with every form of every known secret replaced. */
  text(text: string): string {
    if (this.matcher.empty || text === '') return text;
    const spans: [number, number][] = [];
    for (const view of viewsOf(text)) this.matcher.spans(view, spans);
    return replaceSpans(text, spans, this.replacement);
  }

  /** A redacted deep copy of a JSON value: the field rules anywhere in the tree, then `text` on every string. */
  json<T>(value: T): T {
    return redactTree(value, this.replacement, (s) => this.text(s)) as T;
  }
}

/** Replaces each known secret value, in any of its forms (see the top of this file). */
export function redactString(text: string, secretValues: readonly string[] = [], replacement = REDACTED): string {
  return new Redactor(secretValues, replacement).text(text);
}

// ---------------------------------------------------------------------------------------------
// By field.

/** A form-encoded (`+` for space) URI component decoded; the text itself when it does not decode. */
export function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

const code = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));
const [EQ, AMP, QUESTION, SEMI, QUOTE, OPEN, CLOSE, HASH] = code('=&?;"{}#');
const isFormLead = (c: number): boolean => c === QUESTION || c === AMP || c === SEMI || isSpaceCode(c);
const endsFormName = (c: number): boolean =>
  c === EQ || c === AMP || c === QUESTION || c === SEMI || c === QUOTE || c === OPEN || c === CLOSE || isSpaceCode(c);
const endsFormValue = (c: number): boolean => c === AMP || c === HASH || c === SEMI || c === QUOTE || isSpaceCode(c);

/**
 * `name=value` pairs (query strings, form bodies) whose name looks like a credential: a pair starts
 * the text or follows `?`, `&`, `;` or white space. A scan in linear time.
 */
function redactFormParameters(text: string, replacement: Replacement): string {
  let out = '';
  let pos = 0;
  for (let i = 0; i < text.length;) {
    // At a pair's start?
    const lead = i === 0 || isFormLead(text.charCodeAt(i - 1));
    if (!lead) {
      i++;
      continue;
    }
    let eq = i;
    while (eq < text.length && !endsFormName(text.charCodeAt(eq))) eq++;
    if (eq === i || text.charCodeAt(eq) !== EQ) {
      i = Math.max(eq, i + 1);
      continue;
    }
    let end = eq + 1;
    while (end < text.length && !endsFormValue(text.charCodeAt(end))) end++;
    const name = text.slice(i, eq);
    const value = text.slice(eq + 1, end);
    if (SECRET_NAME_PATTERN.test(safeDecode(name)) && value !== '' && !isPlaceholderOnly(safeDecode(value))) {
      out += text.slice(pos, eq + 1) + replaceWith(replacement, safeDecode(name));
      pos = end;
    }
    i = end;
  }
  return out + text.slice(pos);
}

/** The end (after the closing quote) of the JSON string that starts at `start`, or -1. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i + 1;
  }
  return -1;
}

/** `"name": "value"` pairs in a JSON-looking body template, without reformatting the template. A scan in linear time. */
function redactJsonishParameters(text: string, replacement: Replacement): string {
  let out = '';
  let pos = 0;
  let prev: { start: number; end: number } | undefined;
  for (let i = text.indexOf('"'); i >= 0;) {
    const end = stringEnd(text, i);
    if (end < 0) break;
    if (prev) {
      const between = text.slice(prev.end, i);
      const name = text.slice(prev.start + 1, prev.end - 1);
      const value = text.slice(i + 1, end - 1);
      if (between.trim() === ':' && SECRET_NAME_PATTERN.test(name) && value !== '' && !isPlaceholderOnly(value)) {
        out += text.slice(pos, i) + `"${replaceWith(replacement, name)}"`;
        pos = end;
        prev = undefined;
        i = text.indexOf('"', end);
        continue;
      }
    }
    prev = { start: i, end };
    i = text.indexOf('"', end);
  }
  return out + text.slice(pos);
}

/** Redacts credential-looking query parameters and the password part of user info in a URL template. */
export function redactUrlParameters(url: string, replacement: Replacement = REDACTED): string {
  // User info: https://user:secret@host → https://user:***@host (a regex, because templates are not valid URLs).
  const withoutUserInfo = url.replace(
    /^([a-z][a-z0-9+.-]*:\/\/[^/@:\s]*):([^/@\s]*)@/i,
    (_w, lead: string) => `${lead}:${replaceWith(replacement, undefined)}@`,
  );
  const q = withoutUserInfo.indexOf('?');
  if (q < 0) return withoutUserInfo;
  return withoutUserInfo.slice(0, q) + redactFormParameters(withoutUserInfo.slice(q), replacement);
}

/** Redacts credential-looking parameters in a `requests[].body` template (form-encoded or JSON text). */
export function redactBodyParameters(body: string, replacement: Replacement = REDACTED): string {
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

/** Deep copy with the field rules applied, `byValue` on every other string. Iterative: nesting depth cannot overflow the stack. */
function redactTree(value: unknown, replacement: string, byValue: (s: string) => string): unknown {
  const root: { v: unknown } = { v: undefined };
  const stack: { value: unknown; set: (v: unknown) => void }[] = [{ value, set: (v) => (root.v = v) }];
  const requestLists: Record<string, unknown>[] = [];
  while (stack.length) {
    const { value: v, set } = stack.pop()!;
    if (typeof v === 'string') set(byValue(v));
    else if (Array.isArray(v)) {
      const out: unknown[] = new Array(v.length);
      set(out);
      for (let i = 0; i < v.length; i++) stack.push({ value: v[i], set: (c) => (out[i] = c) });
    } else if (isObject(v)) {
      const out: Record<string, unknown> = {};
      set(out);
      for (const [k, child] of Object.entries(v)) {
        if (WRITE_ONLY_FIELDS.includes(k) && typeof child === 'string' && child !== '' && !isPlaceholderOnly(child)) out[k] = replacement;
        else {
          out[k] = undefined;
          stack.push({ value: child, set: (c) => (out[k] = c) });
        }
      }
      if (Array.isArray(v.requests)) requestLists.push(out);
    } else set(v);
  }
  // The field rules of requests[] after the copy is complete (its strings are already redacted by value).
  for (const obj of requestLists) {
    if (Array.isArray(obj.requests)) for (const entry of obj.requests) if (isObject(entry)) redactRequestEntry(entry, replacement);
  }
  return root.v;
}

/**
 * Returns a redacted deep copy of a JSON value (the input is not modified).
 * Applies the field rules anywhere in the tree (a single resource, a list response, a request body)
 * and the value rule to every remaining string.
 */
export function redactJson<T>(value: T, options: RedactOptions = {}): T {
  return new Redactor(options.secretValues ?? [], options.replacement ?? REDACTED).json(value);
}
