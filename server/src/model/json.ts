/**
 * Small helpers over JSON values and paths, shared by every layer (the model is the bottom one).
 */
import type { JSONPath } from 'jsonc-parser';

/** A JSON object: not null, not an array. */
export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The last property name of a path (`""` when it has none): the key an array item belongs to. */
export function lastKey(path: JSONPath): string {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return path[i] as string;
  return '';
}
