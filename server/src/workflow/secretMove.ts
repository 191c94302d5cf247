/**
 * The quick fix "Move the secret into secret storage" (the language service's `SecretMove`): what it
 * asks the extension to do, checked, and the value it points at. The value itself never travels in
 * the request (the extension reads it from its own copy of the document), so it is in no protocol
 * message and no trace; the placeholder text that replaces it is made here, not taken from outside.
 */
import type { SecretMove } from '../service/types';

/** A placeholder name, as `{{…}}` takes it. */
const NAME = /^[A-Za-z_][\w.-]{0,99}$/;
/** A whole JSON string token / the characters between its quotes. */
const STRING_TOKEN = /^"(?:[^"\\\u0000-\u001f]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*"$/;
const STRING_CONTENT = /^(?:[^"\\\u0000-\u001f]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*$/;

export interface SecretMoveRequest {
  name: string;
  uri: string;
  version: number;
  range: SecretMove['range'];
  literal: SecretMove['literal'];
  /** What replaces the literal once the value is stored: `"{{name}}"`, or `{{name}}` inside a string. */
  replacement: string;
}

const isIndex = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isPosition = (v: unknown): v is { line: number; character: number } =>
  typeof v === 'object' && v !== null && isIndex((v as { line: unknown }).line) && isIndex((v as { character: unknown }).character);

/** The command's arguments (placeholder name, `SecretMove`) when they have that shape; undefined otherwise. */
export function secretMoveRequest(name: unknown, move: unknown): SecretMoveRequest | undefined {
  if (typeof name !== 'string' || !NAME.test(name) || typeof move !== 'object' || move === null) return undefined;
  const m = move as Partial<Record<keyof SecretMove, unknown>>;
  const range = m.range as { start?: unknown; end?: unknown } | undefined;
  if (typeof m.uri !== 'string' || !Number.isSafeInteger(m.version) || !range || !isPosition(range.start) || !isPosition(range.end))
    return undefined;
  if (m.literal !== 'json-string' && m.literal !== 'json-string-content') return undefined;
  const placeholder = `{{${name}}}`;
  return {
    name,
    uri: m.uri,
    version: m.version as number,
    range: { start: range.start, end: range.end },
    literal: m.literal,
    replacement: m.literal === 'json-string' ? JSON.stringify(placeholder) : placeholder,
  };
}

/**
 * The secret as the document holds it at the move's range: the decoded JSON string (or the decoded
 * characters inside one). Undefined when the text there is not that, or is empty.
 */
export function literalSecretValue(raw: string, literal: SecretMove['literal']): string | undefined {
  const token = literal === 'json-string' ? raw : `"${raw}"`;
  if (!(literal === 'json-string' ? STRING_TOKEN : STRING_CONTENT).test(raw)) return undefined;
  const value = JSON.parse(token) as string;
  return value.trim() === '' ? undefined : value;
}
