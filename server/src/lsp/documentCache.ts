/**
 * One parse per document version, shared by every feature (diagnostics, completion, hover, …).
 * Entries are keyed by URI and hold the parse of one version: a new version replaces the old one,
 * and closing the document evicts it.
 */

/** The part of a text document the cache needs. */
export interface VersionedDocument {
  readonly uri: string;
  readonly version: number;
  readonly languageId: string;
}

export interface DocumentCache<D extends VersionedDocument, T> {
  /** The parse of this version of the document, computed on first use. */
  get(document: D): T;
  /** Forget the document (on close). */
  delete(uri: string): void;
  clear(): void;
  readonly size: number;
}

interface Entry<T> {
  version: number;
  languageId: string;
  value: T;
}

/**
 * @param parse computes the value for one document version; it gets the entry of an earlier version
 *   of the same document, if there is one, to build on (and then own: the entry is replaced).
 * @param maxEntries documents beyond this are evicted least recently used first: a safety net for
 *   clients that do not send `didClose`.
 */
export function createDocumentCache<D extends VersionedDocument, T>(
  parse: (document: D, previous?: { version: number; value: T }) => T,
  maxEntries = 50,
): DocumentCache<D, T> {
  // A Map iterates in insertion order; re-inserting on use makes the first key the least recent.
  const entries = new Map<string, Entry<T>>();
  return {
    get(document: D): T {
      const entry = entries.get(document.uri);
      if (entry && entry.version === document.version && entry.languageId === document.languageId) {
        entries.delete(document.uri);
        entries.set(document.uri, entry);
        return entry.value;
      }
      const earlier = entry && entry.version < document.version && entry.languageId === document.languageId ? entry : undefined;
      entries.delete(document.uri);
      const value = parse(document, earlier && { version: earlier.version, value: earlier.value });
      entries.set(document.uri, { version: document.version, languageId: document.languageId, value });
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
      return value;
    },
    delete(uri: string): void {
      entries.delete(uri);
    },
    clear(): void {
      entries.clear();
    },
    get size(): number {
      return entries.size;
    },
  };
}
