/**
 * The invariants every answer of the language service must keep, whatever the document: ranges
 * inside the document (0 ≤ line < lineCount, 0 ≤ character ≤ the line's length, start ≤ end), edits
 * that apply (no overlap) and give a string, well-formed items. Each check throws an
 * `AssertionError` naming what broke.
 */
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  CodeAction,
  CompletionItem,
  CompletionList,
  Diagnostic,
  DocumentSymbol,
  FoldingRange,
  Hover,
  Position,
  Range,
  TextEdit,
} from '../../../server/src/service';

/** Length of `line` without its line break. */
export function lineLength(document: TextDocument, line: number): number {
  return document.offsetAt({ line, character: Number.MAX_SAFE_INTEGER }) - document.offsetAt({ line, character: 0 });
}

/** Like `assert.ok`, with the message built only on failure (the checks run millions of times). */
function ok(condition: unknown, message: () => string): asserts condition {
  if (!condition) assert.fail(message());
}

const isUint = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;

export function checkPosition(document: TextDocument, p: Position, where: string): void {
  ok(p && isUint(p.line) && isUint(p.character), () => `${where}: malformed position ${JSON.stringify(p)}`);
  ok(p.line < document.lineCount, () => `${where}: line ${p.line} ≥ lineCount ${document.lineCount}`);
  const len = lineLength(document, p.line);
  ok(p.character <= len, () => `${where}: character ${p.character} > length ${len} of line ${p.line}`);
}

const before = (a: Position, b: Position): boolean => a.line < b.line || (a.line === b.line && a.character <= b.character);

export function checkRange(document: TextDocument, r: Range, where: string): void {
  ok(r && typeof r === 'object', () => `${where}: no range`);
  checkPosition(document, r.start, `${where} start`);
  checkPosition(document, r.end, `${where} end`);
  ok(before(r.start, r.end), () => `${where}: start ${JSON.stringify(r.start)} after end ${JSON.stringify(r.end)}`);
}

const contains = (outer: Range, inner: Range): boolean => before(outer.start, inner.start) && before(inner.end, outer.end);

/** Checks the edits and applies them as a client does (which throws on overlapping edits). */
export function checkEdits(document: TextDocument, edits: TextEdit[], where: string): string {
  ok(Array.isArray(edits), () => `${where}: edits are not an array`);
  edits.forEach((e, i) => {
    checkRange(document, e.range, `${where} edit ${i}`);
    ok(typeof e.newText === 'string', () => `${where} edit ${i}: newText is not a string`);
  });
  return applyEdits(document, edits, where);
}

/**
 * Applies edits as VS Code's text model does: sorted by start, then end (an insertion where a
 * replacement starts goes first; insertions at one place keep their order), and no edit may start
 * before the previous one ends ("Overlapping ranges are not allowed").
 */
export function applyEdits(document: TextDocument, edits: TextEdit[], where: string): string {
  const text = document.getText();
  const spans = edits
    .map((e, i) => ({ start: document.offsetAt(e.range.start), end: document.offsetAt(e.range.end), newText: e.newText, i }))
    .sort((a, b) => a.start - b.start || a.end - b.end || a.i - b.i);
  // Concatenation, not join: V8 keeps slices and concatenations as ropes, so this copies nothing.
  let out = '';
  let last = 0;
  for (const s of spans) {
    if (s.start < last)
      assert.fail(
        `${where}: overlapping edits (one starts at ${s.start}, before the previous one ends at ${last}): ${JSON.stringify(edits)}`,
      );
    out += text.slice(last, s.start) + s.newText;
    last = s.end;
  }
  return out + text.slice(last);
}

/**
 * Deep equality of two JSON-like values (LSP answers), key order included, without building
 * strings: the determinism checks compare every answer twice.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    if (ka[i] !== kb[i]) return false;
    if (!sameJson((a as Record<string, unknown>)[ka[i]], (b as Record<string, unknown>)[kb[i]])) return false;
  }
  return true;
}

export function checkDiagnostics(document: TextDocument, diagnostics: Diagnostic[]): void {
  assert.ok(Array.isArray(diagnostics), 'diagnostics are not an array');
  diagnostics.forEach((d, i) => {
    const where = `diagnostic ${i} (${String(d.code)})`;
    checkRange(document, d.range, where);
    ok(d.severity !== undefined && d.severity >= 1 && d.severity <= 4, () => `${where}: severity ${d.severity}`);
    ok(typeof d.message === 'string' && d.message.length > 0, () => `${where}: empty message`);
    ok(d.source === 'pingone', () => `${where}: source`);
    ok(typeof d.code === 'string', () => `${where}: code`);
  });
}

/** The edits of one completion item: its main edit and its additional edits, applied together. */
export function checkCompletionItem(document: TextDocument, position: Position, item: CompletionItem, where: string): string | undefined {
  ok(typeof item.label === 'string' && item.label.length > 0, () => `${where}: empty label`);
  const extra = item.additionalTextEdits ?? [];
  const te = item.textEdit;
  if (!te) {
    if (extra.length) checkEdits(document, extra, `${where} additionalTextEdits`);
    return undefined;
  }
  // A TextEdit, or an InsertReplaceEdit (both ranges must hold).
  const ranges: Range[] = 'range' in te ? [te.range] : [te.insert, te.replace];
  // LSP: "The range of the edit must be a single line range and it must contain the position at
  // which completion has been requested" (the position as the document clamps it).
  const cursor = document.positionAt(document.offsetAt(position));
  for (const r of ranges) {
    checkRange(document, r, `${where} textEdit`);
    ok(r.start.line === r.end.line, () => `${where}: textEdit range spans lines ${JSON.stringify(r)}`);
    ok(
      contains(r, { start: cursor, end: cursor }),
      () => `${where}: textEdit range ${JSON.stringify(r)} does not contain the cursor ${JSON.stringify(cursor)}`,
    );
  }
  return checkEdits(document, [{ range: ranges[ranges.length - 1], newText: te.newText }, ...extra], where);
}

export function checkCompletion(document: TextDocument, position: Position, list: CompletionList | null): void {
  if (list === null) return;
  assert.ok(Array.isArray(list.items), 'completion items are not an array');
  list.items.forEach((item, i) => checkCompletionItem(document, position, item, `completion item ${i} "${item.label}"`));
}

export function checkHover(document: TextDocument, h: Hover | null): void {
  if (h === null) return;
  if (h.range) checkRange(document, h.range, 'hover');
  const contents = h.contents as { value?: unknown };
  assert.ok(typeof contents === 'string' || Array.isArray(contents) || typeof contents.value === 'string', 'hover contents');
}

export function checkCodeActions(document: TextDocument, actions: CodeAction[]): string[] {
  assert.ok(Array.isArray(actions), 'code actions are not an array');
  const results: string[] = [];
  actions.forEach((a, i) => {
    const where = `code action ${i} "${a.title}"`;
    ok(typeof a.title === 'string' && a.title.length > 0, () => `${where}: empty title`);
    const changes = a.edit?.changes ?? {};
    for (const [uri, edits] of Object.entries(changes)) {
      ok(uri === document.uri, () => `${where}: edits another document`);
      results.push(checkEdits(document, edits, where));
    }
    ok(a.edit?.documentChanges === undefined, () => `${where}: documentChanges`);
  });
  return results;
}

export function checkFolding(document: TextDocument, ranges: FoldingRange[]): void {
  assert.ok(Array.isArray(ranges), 'folding ranges are not an array');
  for (const r of ranges) {
    ok(isUint(r.startLine) && isUint(r.endLine), () => `folding range ${JSON.stringify(r)}`);
    ok(
      r.startLine <= r.endLine && r.endLine < document.lineCount,
      () => `folding range ${JSON.stringify(r)} outside 0..${document.lineCount - 1}`,
    );
  }
}

export function checkSymbols(document: TextDocument, symbols: DocumentSymbol[]): void {
  assert.ok(Array.isArray(symbols), 'symbols are not an array');
  const stack = [...symbols];
  while (stack.length) {
    const s = stack.pop()!;
    const where = `symbol "${s.name}"`;
    ok(typeof s.name === 'string' && s.name.trim().length > 0, () => `${where}: blank name`);
    checkRange(document, s.range, where);
    checkRange(document, s.selectionRange, `${where} selectionRange`);
    // VS Code rejects a symbol whose selectionRange is not inside its range.
    ok(
      contains(s.range, s.selectionRange),
      () => `${where}: selectionRange ${JSON.stringify(s.selectionRange)} outside range ${JSON.stringify(s.range)}`,
    );
    if (s.children) stack.push(...s.children);
  }
}
