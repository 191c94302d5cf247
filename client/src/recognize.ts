/**
 * Which JSON files are phone delivery settings: by file name (patterns), by `$schema`, or by
 * content (a top-level `provider` with a known value beside this resource's own fields). Pure:
 * no `vscode` here, so it is unit-tested directly.
 */
import { parse } from 'jsonc-parser';
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

/** Minimal glob for file-name patterns (`*`, `?`, `**`), matched against the path's end. */
export function matchesPattern(path: string, pattern: string): boolean {
  const normalized = path.replace(/\\/g, '/');
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*\*\//g, '(?:.*/)?')
    .replace(/\*\*/g, '.*')
    .replace(/\*/g, '[^/]*')
    .replace(/\?/g, '[^/]');
  return new RegExp(pattern.includes('/') ? `(^|/)${re}$` : `(^|/)${re}$`).test(normalized);
}
