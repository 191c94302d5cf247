// Being written: hover (see index.ts for the contract).
import type { ParsedDocument } from './parse';
import type { Hover, Position, ServiceOptions, TextDocument } from './types';
export function hover(_document: TextDocument, _position: Position, _parsed: ParsedDocument, _options: ServiceOptions): Hover | null {
  return null;
}
