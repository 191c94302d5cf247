// Being written: completion (see index.ts for the contract).
import type { ParsedDocument } from './parse';
import type { CompletionList, Position, ServiceOptions, TextDocument } from './types';
export function complete(_document: TextDocument, _position: Position, _parsed: ParsedDocument, _options: ServiceOptions): CompletionList {
  return { isIncomplete: false, items: [] };
}
