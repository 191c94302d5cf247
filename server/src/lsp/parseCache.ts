/**
 * The parse of each open document's current version, shared by every feature, and built on the
 * previous version's parse when the changes between them allow it (`service.reparse`, which
 * patches the tree for an edit inside one value token). The server tells it every change as
 * `TextDocuments` applies it.
 */
import { createDocumentCache } from './documentCache';
import type { ParsedDocument, PhoneDeliveryService, TextChange, TextDocument } from '../service';

/**
 * The changes since the version the last parse was made from. `null` changes: a whole-text
 * replacement, or too many to be worth replaying.
 */
interface EditLog {
  from: number;
  to: number;
  changes: TextChange[] | null;
}

const MAX_LOGGED_CHANGES = 64;

export interface ParseCache {
  /** The parse of this version of the document. */
  get(document: TextDocument): ParsedDocument;
  /** Version `from` of the document became `to` by `changes` (undefined among them: a whole-text replacement). */
  changed(uri: string, from: number, to: number, changes: readonly (TextChange | undefined)[]): void;
  delete(uri: string): void;
  clear(): void;
}

/** `dropped`: a parse of a document of that length was replaced by a full parse (its tree is garbage). */
export function createParseCache(service: () => PhoneDeliveryService, dropped?: (length: number) => void): ParseCache {
  const logs = new Map<string, EditLog>();
  const parses = createDocumentCache((document: TextDocument, previous?: { version: number; value: ParsedDocument }): ParsedDocument => {
    const log = logs.get(document.uri);
    // From now on, changes are logged from this version.
    logs.set(document.uri, { from: document.version, to: document.version, changes: [] });
    if (previous && log?.changes && log.from === previous.version && log.to === document.version) {
      const parsed = service().reparse(previous.value, log.changes, document);
      if (parsed !== previous.value) dropped?.(previous.value.length);
      return parsed;
    }
    if (previous) dropped?.(previous.value.length);
    return service().parse(document);
  });
  return {
    get: (document) => parses.get(document),
    changed(uri, from, to, changes) {
      let log = logs.get(uri);
      if (!log || log.to !== from) {
        log = { from, to, changes: [] };
        logs.set(uri, log);
      }
      log.to = to;
      for (const change of changes) {
        if (!change || !log.changes || log.changes.length >= MAX_LOGGED_CHANGES) log.changes = null;
        else log.changes.push(change);
      }
    },
    delete(uri) {
      parses.delete(uri);
      logs.delete(uri);
    },
    clear() {
      parses.clear();
      logs.clear();
    },
  };
}
