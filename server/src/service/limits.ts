/** How large and how deep a document the service checks in full (a leaf: parse.ts and types.ts both use it). */
export interface ParseLimits {
  /** Characters; larger documents get only a message. */
  maxSize: number;
  /** Nesting depth of objects and arrays. */
  maxDepth: number;
}

export const DEFAULT_LIMITS: ParseLimits = { maxSize: 10 * 1024 * 1024, maxDepth: 512 };
