/**
 * Which JSON files are phone delivery settings: by file name (patterns), by `$schema`, or by
 * content (a top-level `provider` with a known value beside this resource's own fields). Pure:
 * no `vscode` here, so it is unit-tested directly.
 */
import { parse } from 'jsonc-parser';
import { Minimatch } from 'minimatch';
import { PROVIDERS } from '../../server/src/model/phoneDeliverySettings';
import { SCHEMA_ID } from '../../server/src/model/schemaId';
import { isObject } from '../../server/src/model/json';

export const LANGUAGE_ID = 'pingone-phone-delivery';

const PROVIDER_VALUES = new Set(PROVIDERS.map((p) => p.value));
/** Fields of this resource that other JSON files with a `provider` key are unlikely to have together. */
const RESOURCE_FIELDS = ['authentication', 'requests', 'numbers', 'sid', 'authToken', 'verifyServiceId', 'channels', 'name', 'id'];
/** Content recognition reads at most this much: a settings body is small. */
const MAX_SNIFF = 512 * 1024;

export function isRecognisedContent(text: string): boolean {
  if (!text || text.length > MAX_SNIFF || (!text.includes('"provider"') && !text.includes(SCHEMA_ID))) return false;
  let value: unknown;
  try {
    value = parse(text, [], { allowTrailingComma: true });
  } catch {
    return false;
  }
  if (!isObject(value)) return false;
  const obj = value;
  if (obj.$schema === SCHEMA_ID) return true;
  return typeof obj.provider === 'string' && PROVIDER_VALUES.has(obj.provider) && RESOURCE_FIELDS.some((f) => f in obj);
}

/**
 * The file-name patterns' glob syntax: `*`, `?`, `**` and `[...]` (braces, extglobs, `!` negation and
 * `#` comments are plain characters). minimatch matches each path segment without backtracking (linear
 * in the path's length, whatever the pattern), and `nobrace` keeps a pattern from expanding into
 * thousands of patterns.
 */
const GLOB_OPTIONS = { dot: true, nobrace: true, noext: true, nonegate: true, nocomment: true } as const;
const MAX_COMPILED = 64;
const compiled = new Map<string, Minimatch | null>();

function matcher(pattern: string): Minimatch | null {
  let m = compiled.get(pattern);
  if (m !== undefined) return m;
  // A pattern without `/` is matched against the file name; with one, against the path's last segments.
  const whole = pattern.startsWith('/') || pattern.startsWith('**/');
  try {
    m = new Minimatch(whole || !pattern.includes('/') ? pattern : `**/${pattern}`, { ...GLOB_OPTIONS, matchBase: !pattern.includes('/') });
  } catch {
    m = null; // too long, or not a pattern: matches nothing
  }
  if (compiled.size >= MAX_COMPILED) compiled.clear();
  compiled.set(pattern, m);
  return m;
}

/** Whether `path` (a URI path or a file path) matches a file-name pattern of `pingone.files.patterns`, at its end. */
export function matchesPattern(path: string, pattern: string): boolean {
  if (typeof pattern !== 'string' || !pattern) return false;
  return matcher(pattern)?.match(path.replace(/\\/g, '/')) ?? false;
}
