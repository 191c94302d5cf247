/**
 * Test helpers: cursor and range markers in fixture text, and applying edits.
 *   withCursor('{"a": |}')        → { text: '{"a": }', offset: 6 }
 *   withRanges('{[[ "x" ]]: 1}')  → { text: '{ "x" : 1}', ranges: [{ offset: 1, length: 5 }] }
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range, TextEdit } from 'vscode-languageserver-types';

export function withCursor(marked: string, marker = '|'): { text: string; offset: number } {
  const offset = marked.indexOf(marker);
  if (offset < 0) throw new Error('no cursor marker in fixture');
  return { text: marked.slice(0, offset) + marked.slice(offset + marker.length), offset };
}

export function withRanges(marked: string): { text: string; ranges: { offset: number; length: number }[] } {
  const ranges: { offset: number; length: number }[] = [];
  let text = '';
  let i = 0;
  const open: number[] = [];
  while (i < marked.length) {
    if (marked.startsWith('[[', i)) {
      open.push(text.length);
      i += 2;
    } else if (marked.startsWith(']]', i) && open.length) {
      const start = open.pop()!;
      ranges.push({ offset: start, length: text.length - start });
      i += 2;
    } else {
      text += marked[i++];
    }
  }
  ranges.sort((a, b) => a.offset - b.offset);
  return { text, ranges };
}

export function doc(text: string, uri = 'file:///test/settings.phone-delivery.json'): TextDocument {
  return TextDocument.create(uri, 'pingone-phone-delivery', 1, text);
}

export function applyEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(doc(text), edits);
}

export function toRange(document: TextDocument, offset: number, length: number): Range {
  return { start: document.positionAt(offset), end: document.positionAt(offset + length) };
}
