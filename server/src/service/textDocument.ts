/**
 * The server's open documents: vscode-languageserver-textdocument's own `TextDocument`, with two
 * things added to its `update` (pass `createTextDocument` / `updateTextDocument` to `TextDocuments`):
 *
 * - Each ranged change is reported to `onChange` in offsets of the text before it, for the
 *   incremental parse (`service/incremental.ts`); a whole-text change is reported as `undefined`.
 * - A fix for the library's line count (1.0.12). Its `update` keeps the line starts before and after
 *   a change and counts the changed text's line breaks on their own, from the range's line numbers.
 *   So it counts one line too many when a change joins a "\r" and a "\n" into one "\r\n" (a "\n"
 *   typed right after a "\r", a "\r" right before a "\n", or what was between them deleted), and
 *   leaves holes in its line array when a range starts past the last line and spans as many lines
 *   as its text has line breaks ("ab" with lines 5 to 6 replaced by "\n" then has 7 lines). After
 *   that every position it gives below the change is wrong. Here each ranged change goes to the
 *   library with its range rebuilt from the offsets it resolves to (so the line numbers are real),
 *   and a change that joins a "\r" and a "\n" is given as the whole new text (the line starts are
 *   then found afresh, on the next position asked for).
 *
 * `npm run build && node --test out/test/unit/server/textDocument.test.js` shows both: the library's
 * own document miscounting (a test fails once a release of the library no longer does, and this fix
 * can go), and this module giving, after any sequence of changes, the answers of a freshly created
 * library document of the same text.
 *
 * A hand-written document (line starts found by native scans and kept up to date edit by edit) was
 * replaced by this, as it stayed under 1 ms per open or keystroke at 200 KB: on the 200 KB benchmark
 * document it opened about 0.4 ms sooner than the library (0.12-0.15 ms against 0.55 ms of CPU time,
 * create + first positionAt + lineCount), and a keystroke (one character typed or replaced, then
 * positionAt) cost the same, 0.14-0.16 ms, most of it the copy of the new text; at 2 MB it saved
 * 7.5 ms per open. `npm run build && node test/bench/textDocument.mjs` times the library against
 * this module (its `--module LABEL=PATH` adds another compiled implementation, such as the old one).
 */
import { TextDocument, type Range, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { TextChange as TextDocumentChange } from './incremental';

/** One ranged change, in the offsets of the text before it: what the parse cache replays (`service/incremental.ts`). */
export type { TextChange as TextDocumentChange } from './incremental';

const LF = 10;
const CR = 13;

/** As the library orders a range's ends (`getWellformedRange`). */
function wellFormed(range: Range): Range {
  const { start, end } = range;
  if (start.line > end.line || (start.line === end.line && start.character > end.character)) return { start: end, end: start };
  return range;
}

/** `TextDocument.create` of vscode-languageserver-textdocument. */
export const createTextDocument: (uri: string, languageId: string, version: number, content: string) => TextDocument = TextDocument.create;

/**
 * `TextDocument.update`, change by change, with its line count fixed (see above): returns the same
 * document, updated in place. `onChange` gets each ranged change in offsets of the text before it
 * (a reversed range is taken from its lesser end; one past the end is clamped), or `undefined` for
 * a whole-text change.
 */
export function updateTextDocument(
  document: TextDocument,
  changes: TextDocumentContentChangeEvent[],
  version: number,
  onChange?: (change: TextDocumentChange | undefined) => void,
): TextDocument {
  if (changes.length === 0) return TextDocument.update(document, changes, version);
  // The version changes with the last change, as when the library applies them all at once.
  changes.forEach((change, i) => {
    const v = i === changes.length - 1 ? version : document.version;
    const { range, rangeLength } = (change ?? {}) as { range?: Range; rangeLength?: unknown };
    if (range === undefined || typeof change.text !== 'string' || (rangeLength !== undefined && typeof rangeLength !== 'number')) {
      TextDocument.update(document, [change], v); // a whole-text change, or the library's error
      onChange?.(undefined);
      return;
    }
    const { start: from, end: to } = wellFormed(range);
    const start = document.offsetAt(from);
    const end = document.offsetAt(to);
    if (!(Number.isInteger(start) && Number.isInteger(end) && start <= end)) {
      // Only from positions that are not integers (LSP's are): the library's text, with its line
      // starts found afresh, reported as a whole-text change.
      TextDocument.update(document, [change], v);
      TextDocument.update(document, [{ text: document.getText() }], v);
      onChange?.(undefined);
      return;
    }
    const old = document.getText();
    const inserted = change.text;
    const after = inserted.length > 0 ? inserted.charCodeAt(0) : old.charCodeAt(end);
    const joins =
      (start > 0 && old.charCodeAt(start - 1) === CR && after === LF) ||
      (inserted.charCodeAt(inserted.length - 1) === CR && old.charCodeAt(end) === LF);
    if (joins) {
      TextDocument.update(document, [{ text: old.substring(0, start) + inserted + old.substring(end) }], v);
    } else {
      const exact = { start: document.positionAt(start), end: document.positionAt(end) };
      TextDocument.update(document, [{ ...change, range: exact }], v);
    }
    onChange?.({ offset: start, removed: end - start, text: inserted });
  });
  return document;
}
