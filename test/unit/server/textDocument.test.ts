/**
 * The server's open documents (`server/src/service/textDocument.ts`: vscode-languageserver-textdocument
 * 1.0.12 with its line count fixed): after any sequence of ranged and whole-text changes (ranges
 * reversed, out of bounds, joining a "\r" and a "\n"), the text is the one the library's `update`
 * gives from the same text, and every position answer (`positionAt` for each offset and a few beyond,
 * `offsetAt` around every line, `lineCount`, `getText(range)`) is the one a freshly created library
 * document of that text gives. The library's own incremental document is kept alongside to count how
 * often it gets lines wrong, so that a property that never reaches its bug cannot pass unnoticed; and
 * the library's miscounts are asserted, so that a release that fixes them says the fix can go.
 *
 * `FUZZ_SEED`, `FUZZ_PROPERTY`, `FUZZ_PATH` and `FUZZ_RUNS_SCALE` replay and scale the properties as
 * in test/unit/fuzz (`runProperty`).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { TextDocumentsConfiguration } from 'vscode-languageserver';
import { TextDocument, type Position, type Range, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { createTextDocument, updateTextDocument, type TextDocumentChange } from '../../../server/src/service/textDocument';
import { REPLAY_PATH, runProperty } from '../fuzz/harness';

const URI = 'file:///t.phone-delivery.json';
const LANGUAGE = 'pingone-phone-delivery';

// Type check: a drop-in for TextDocuments' configuration.
const configuration: TextDocumentsConfiguration<TextDocument> = { create: createTextDocument, update: updateTextDocument };
void configuration;

const fresh = (text: string, version = 1) => TextDocument.create(URI, LANGUAGE, version, text);

/** The positions checked around every line: characters -1 to 2 past its length, and lines -1 to 2 past the last. */
function probePositions(reference: TextDocument): Position[] {
  const positions: Position[] = [];
  for (let line = -2; line <= reference.lineCount + 1; line++) {
    const lineLength = reference.offsetAt({ line: line + 1, character: 0 }) - reference.offsetAt({ line, character: 0 });
    for (let character = -1; character <= Math.max(0, lineLength) + 2; character++) positions.push({ line, character });
  }
  return positions;
}

const show = (p: Position) => `${p.line}:${p.character}`;

/** Every answer of `document` is that of a freshly created library document of `text`. */
function assertLikeFresh(document: TextDocument, text: string): void {
  const reference = fresh(text, document.version);
  assert.equal(document.getText(), text, 'getText()');
  assert.equal(document.lineCount, reference.lineCount, 'lineCount');
  for (let offset = -2; offset <= text.length + 2; offset++) {
    const a = document.positionAt(offset);
    const b = reference.positionAt(offset);
    if (a.line !== b.line || a.character !== b.character)
      assert.fail(`positionAt(${offset}) = ${show(a)}, a fresh document says ${show(b)} in ${JSON.stringify(text)}`);
  }
  const positions = probePositions(reference);
  for (const p of positions) {
    const a = document.offsetAt(p);
    const b = reference.offsetAt(p);
    if (a !== b) assert.fail(`offsetAt(${show(p)}) = ${a}, a fresh document says ${b} in ${JSON.stringify(text)}`);
  }
  // Ranges between positions spread over the document, both ways round.
  const step = Math.max(1, Math.floor(positions.length / 9));
  for (let i = 0; i < positions.length; i += step) {
    for (let j = step >> 1; j < positions.length; j += step) {
      const range: Range = { start: positions[i], end: positions[j] };
      const a = document.getText(range);
      const b = reference.getText(range);
      if (a !== b)
        assert.fail(`getText(${show(range.start)}-${show(range.end)}) = ${JSON.stringify(a)}, a fresh document says ${JSON.stringify(b)}`);
    }
  }
}

/** Whether the library's incrementally updated document has the lines of a fresh one (its bug: it does not). */
function sameLines(document: TextDocument, reference: TextDocument): boolean {
  if (document.lineCount !== reference.lineCount) return false;
  for (let line = 0; line < reference.lineCount; line++) {
    if (document.offsetAt({ line, character: 0 }) !== reference.offsetAt({ line, character: 0 })) return false;
  }
  return true;
}

/** Replays reported changes on the text before them. */
function replay(
  before: string,
  changes: readonly TextDocumentContentChangeEvent[],
  reported: readonly (TextDocumentChange | undefined)[],
): string {
  assert.equal(reported.length, changes.length, 'one report per change');
  let text = before;
  reported.forEach((change, i) => {
    const event = changes[i];
    if (change === undefined) {
      assert.ok(!('range' in event), `change ${i} is ranged but was reported as a whole-text change`);
      text = event.text;
      return;
    }
    assert.ok('range' in event, `change ${i} replaces the whole text but was reported as ranged`);
    assert.equal(change.text, event.text);
    assert.ok(Number.isInteger(change.offset) && Number.isInteger(change.removed), 'integer offsets');
    assert.ok(
      change.offset >= 0 && change.removed >= 0 && change.offset + change.removed <= text.length,
      `change ${i} out of the text: ${JSON.stringify(change)} in ${text.length}`,
    );
    text = text.slice(0, change.offset) + change.text + text.slice(change.offset + change.removed);
  });
  return text;
}

// Texts and inserted texts rich in line breaks of every kind, next to each other, plus surrogates (a pair and a lone half).
const pieceArb = fc.constantFrom('\r', '\n', '\r\n', '\n\r', '\r\r', 'a', 'b', ' ', 'xyz', '😀', '\uD83D', '{"k": 1}');
const textArb = fc.array(pieceArb, { maxLength: 16 }).map((pieces) => pieces.join(''));
const insertArb = fc.oneof(
  { weight: 3, arbitrary: fc.array(pieceArb, { maxLength: 3 }).map((p) => p.join('')) },
  { weight: 1, arbitrary: textArb },
);
const positionArb = fc.record({ line: fc.integer({ min: -2, max: 10 }), character: fc.integer({ min: -2, max: 12 }) });

type ChangeSpec =
  | { kind: 'full'; text: string }
  /** A range of raw positions: anywhere, reversed, out of bounds. */
  | { kind: 'positions'; start: Position; end: Position; rangeLength: number | undefined; text: string }
  /** A range between two offsets of the current text (either order), shown as the library shows them. */
  | { kind: 'offsets'; a: number; b: number; text: string };

const changeSpecArb: fc.Arbitrary<ChangeSpec> = fc.oneof(
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('full' as const), text: textArb }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('positions' as const),
      start: positionArb,
      end: positionArb,
      rangeLength: fc.option(fc.nat(5), { nil: undefined }),
      text: insertArb,
    }),
  },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('offsets' as const), a: fc.nat(), b: fc.nat(), text: insertArb }) },
);

function toEvent(spec: ChangeSpec, text: string): TextDocumentContentChangeEvent {
  switch (spec.kind) {
    case 'full':
      return { text: spec.text };
    case 'positions':
      return spec.rangeLength === undefined
        ? { range: { start: spec.start, end: spec.end }, text: spec.text }
        : { range: { start: spec.start, end: spec.end }, rangeLength: spec.rangeLength, text: spec.text };
    case 'offsets': {
      const reference = fresh(text);
      const a = spec.a % (text.length + 1);
      const b = spec.b % 4 === 0 ? a : spec.b % (text.length + 1); // often an insertion
      return { range: { start: reference.positionAt(a), end: reference.positionAt(b) }, text: spec.text };
    }
  }
}

describe('text documents (server/src/service/textDocument.ts)', () => {
  it('answers as the library does, and after any change as a fresh library document of the same text', () => {
    let changes = 0;
    let libraryWrong = 0;
    runProperty(
      'text document vs library',
      fc.property(
        textArb,
        fc.array(fc.array(changeSpecArb, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 6 }),
        (initial, batches) => {
          const ours = createTextDocument(URI, LANGUAGE, 1, initial);
          let library = fresh(initial);
          assertLikeFresh(ours, initial);
          let version = 1;
          for (const batch of batches) {
            version++;
            const before = ours.getText();
            let expected = before;
            const events: TextDocumentContentChangeEvent[] = [];
            for (const spec of batch) {
              const event = toEvent(spec, expected);
              events.push(event);
              // The library's update from a document whose lines are right: the text every change must give.
              TextDocument.update(library, [event], version);
              expected = library.getText();
              changes++;
              if (!sameLines(library, fresh(expected))) {
                libraryWrong++;
                library = fresh(expected, version);
              }
            }
            const reported: (TextDocumentChange | undefined)[] = [];
            const returned = updateTextDocument(ours, events, version, (change) => reported.push(change));
            assert.equal(returned, ours, 'updated in place, as the library does');
            assert.equal(ours.version, version);
            assertLikeFresh(ours, expected);
            assert.equal(
              replay(before, events, reported),
              expected,
              'the reported changes, replayed on the text before them, give the new text',
            );
          }
        },
      ),
      { numRuns: 4000, timeLimitMs: 20_000 },
    );
    console.log(`[textDocument] ${changes} changes; the library's own document got lines wrong after ${libraryWrong} of them`);
    if (REPLAY_PATH === undefined) assert.ok(libraryWrong > 0, 'no change reached the library bug (a "\\r" and a "\\n" joined)');
  });

  it('an edit joining a "\\r" and a "\\n" gives the lines of a fresh document (the library counts one line too many)', () => {
    const cases: { name: string; text: string; range: [number, number]; insert: string; result: string }[] = [
      { name: '"\\n" inserted right after a "\\r"', text: 'a\rb\nc', range: [2, 2], insert: '\n', result: 'a\r\nb\nc' },
      { name: '"\\r" inserted right before a "\\n"', text: 'a\nb\nc', range: [1, 1], insert: '\r', result: 'a\r\nb\nc' },
      { name: 'what was between them deleted', text: 'a\rx\nb\nc', range: [2, 3], insert: '', result: 'a\r\nb\nc' },
      {
        name: 'a text ending in "\\r" inserted before a "\\n"',
        text: 'a\nb\nc',
        range: [1, 1],
        insert: ' "k": 1\r',
        result: 'a "k": 1\r\nb\nc',
      },
      {
        name: 'a text starting with "\\n" inserted after a "\\r"',
        text: 'a\rb\nc',
        range: [2, 2],
        insert: '\n"k": 1',
        result: 'a\r\n"k": 1b\nc',
      },
      {
        name: 'a "\\r\\n" replaced, joining the "\\r" before and the "\\n" after',
        text: 'a\r\r\n\nb\nc',
        range: [2, 4],
        insert: '',
        result: 'a\r\nb\nc',
      },
    ];
    for (const c of cases) {
      const reference = fresh(c.text);
      const range = { start: reference.positionAt(c.range[0]), end: reference.positionAt(c.range[1]) };
      const ours = createTextDocument(URI, LANGUAGE, 1, c.text);
      void ours.lineCount; // line offsets computed before the change, as in the server
      const reported: (TextDocumentChange | undefined)[] = [];
      updateTextDocument(ours, [{ range, text: c.insert }], 2, (change) => reported.push(change));
      assert.deepEqual(reported, [{ offset: c.range[0], removed: c.range[1] - c.range[0], text: c.insert }], c.name);
      assertLikeFresh(ours, c.result);
      assert.equal(ours.lineCount, 3, c.name);
      assert.deepEqual(ours.positionAt(c.result.length), { line: 2, character: 1 }, c.name);

      // What the fix is for (vscode-languageserver-textdocument 1.0.12).
      const library = fresh(c.text);
      void library.lineCount;
      TextDocument.update(library, [{ range, text: c.insert }], 2);
      assert.equal(library.getText(), c.result, c.name);
      assert.equal(library.lineCount, 4, `${c.name}: the library no longer miscounts; its fix in textDocument.ts may go`);
    }
  });

  it('a range starting past the last line gives the lines of a fresh document (the library leaves holes in its line array)', () => {
    const cases: { text: string; range: Range; insert: string; result: string; libraryLines: number }[] = [
      {
        text: 'ab',
        range: { start: { line: 5, character: 0 }, end: { line: 6, character: 0 } },
        insert: '\n',
        result: 'ab\n',
        libraryLines: 7,
      },
      {
        text: 'ab',
        range: { start: { line: 2, character: 0 }, end: { line: 4, character: 0 } },
        insert: '\n\n',
        result: 'ab\n\n',
        libraryLines: 5,
      },
      {
        text: 'a\r\nb',
        range: { start: { line: 3, character: 1 }, end: { line: 4, character: 9 } },
        insert: '\r\n',
        result: 'a\r\nb\r\n',
        libraryLines: 5,
      },
    ];
    for (const c of cases) {
      const name = `${JSON.stringify(c.text)}, lines ${c.range.start.line} to ${c.range.end.line} replaced by ${JSON.stringify(c.insert)}`;
      const ours = createTextDocument(URI, LANGUAGE, 1, c.text);
      void ours.lineCount;
      const reported: (TextDocumentChange | undefined)[] = [];
      updateTextDocument(ours, [{ range: c.range, text: c.insert }], 2, (change) => reported.push(change));
      assert.deepEqual(reported, [{ offset: c.text.length, removed: 0, text: c.insert }], name);
      assertLikeFresh(ours, c.result);

      const library = fresh(c.text);
      void library.lineCount;
      TextDocument.update(library, [{ range: c.range, text: c.insert }], 2);
      assert.equal(library.getText(), c.result, name);
      assert.equal(library.lineCount, c.libraryLines, `${name}: the library no longer miscounts; its fix in textDocument.ts may go`);
    }
  });

  it('an empty document', () => {
    const document = createTextDocument(URI, LANGUAGE, 7, '');
    assert.equal(document.uri, URI);
    assert.equal(document.languageId, LANGUAGE);
    assert.equal(document.version, 7);
    assert.equal(document.lineCount, 1);
    assert.deepEqual(document.positionAt(0), { line: 0, character: 0 });
    assert.deepEqual(document.positionAt(-5), { line: 0, character: 0 });
    assert.deepEqual(document.positionAt(5), { line: 0, character: 0 });
    assert.equal(document.offsetAt({ line: 0, character: 3 }), 0);
    assert.equal(document.offsetAt({ line: 3, character: 3 }), 0);
    assert.equal(document.getText({ start: { line: 0, character: 0 }, end: { line: 9, character: 9 } }), '');
    assertLikeFresh(document, '');
    updateTextDocument(document, [{ range: { start: { line: 4, character: 4 }, end: { line: 2, character: 0 } }, text: 'x\r' }], 8);
    assertLikeFresh(document, 'x\r');
    updateTextDocument(document, [{ range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, text: '' }], 9);
    assertLikeFresh(document, '');
  });

  it('line breaks at the end, inside "\\r\\n", and surrogate pairs, as the library has them', () => {
    const trailing = createTextDocument(URI, LANGUAGE, 1, 'ab\r');
    assert.equal(trailing.lineCount, 2);
    assert.deepEqual(trailing.positionAt(2), { line: 0, character: 2 });
    assert.deepEqual(trailing.positionAt(3), { line: 1, character: 0 });
    assert.equal(trailing.offsetAt({ line: 0, character: 9 }), 2, 'a character past the end of a line stops before its line break');
    assert.equal(trailing.offsetAt({ line: 1, character: 9 }), 3);
    assertLikeFresh(trailing, 'ab\r');

    const crlf = createTextDocument(URI, LANGUAGE, 1, 'ab\r\ncd\n');
    assert.equal(crlf.lineCount, 3);
    assert.deepEqual(crlf.positionAt(3), { line: 0, character: 2 }, 'an offset between "\\r" and "\\n" is before the "\\r"');
    assert.equal(crlf.offsetAt({ line: 0, character: 3 }), 2, 'a character between "\\r" and "\\n" is before the "\\r"');
    assert.deepEqual(crlf.positionAt(7), { line: 2, character: 0 });
    assert.equal(crlf.getText({ start: { line: 0, character: 1 }, end: { line: 1, character: 99 } }), 'b\r\ncd');
    assert.equal(
      crlf.getText({ start: { line: 1, character: 99 }, end: { line: 0, character: 1 } }),
      'b\r\ncd',
      'a reversed range reads the same',
    );
    assertLikeFresh(crlf, 'ab\r\ncd\n');

    const mixed = createTextDocument(URI, LANGUAGE, 1, '\n\r\r\n\r');
    assert.equal(mixed.lineCount, 5);
    assertLikeFresh(mixed, '\n\r\r\n\r');

    const emoji = createTextDocument(URI, LANGUAGE, 1, '😀\n😀');
    assert.deepEqual(emoji.positionAt(1), { line: 0, character: 1 }, 'UTF-16 code units: inside the pair');
    assert.equal(emoji.offsetAt({ line: 1, character: 1 }), 4);
    assertLikeFresh(emoji, '😀\n😀');
  });

  it('reports ranged changes in offsets of the text before each (reversed and past-the-end ranges clamped), and whole-text changes as undefined', () => {
    const document = createTextDocument(URI, LANGUAGE, 1, 'abc\ndef');
    const reported: (TextDocumentChange | undefined)[] = [];
    const changes: TextDocumentContentChangeEvent[] = [
      { range: { start: { line: 0, character: 5 }, end: { line: 0, character: 1 } }, text: 'X' }, // reversed; 5 clamps to 3
      { range: { start: { line: 1, character: 1 }, end: { line: 9, character: 0 } }, rangeLength: 2, text: 'Y\r' }, // past the end
      { text: 'whole\n' },
      { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'Z' },
    ];
    updateTextDocument(document, changes, 2, (change) => reported.push(change));
    assert.deepEqual(reported, [
      { offset: 1, removed: 2, text: 'X' },
      { offset: 4, removed: 2, text: 'Y\r' },
      undefined,
      { offset: 6, removed: 0, text: 'Z' },
    ]);
    assertLikeFresh(document, 'whole\nZ');
    assert.equal(replay('abc\ndef', changes, reported), 'whole\nZ');
  });

  it('throws as the library does for a change that is neither, and for a document it did not create', () => {
    const document = createTextDocument(URI, LANGUAGE, 1, 'abc');
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
    for (const bad of [
      [{ text: 'x', rangeLength: 1 }],
      [{ range, rangeLength: 'one', text: 'x' }],
      [{ range, text: 5 }],
      [null],
    ] as unknown as TextDocumentContentChangeEvent[][]) {
      const reported: unknown[] = [];
      assert.throws(() => updateTextDocument(document, bad, 2, (change) => reported.push(change)), /Unknown change event received/);
      assert.throws(() => TextDocument.update(fresh('abc'), bad, 2), /Unknown change event received/);
      assert.deepEqual(reported, [], 'nothing reported');
      assert.equal(document.version, 1);
      assert.equal(document.getText(), 'abc');
    }
    const notCreated = { ...fresh('abc') } as TextDocument;
    assert.throws(() => updateTextDocument(notCreated, [{ text: 'x' }], 2), /must be created by TextDocument.create/);
  });

  it('positions that are not integers give the library’s text, reported as a whole-text change', () => {
    const text = 'ab\ncd';
    const event = { range: { start: { line: 0, character: 0.5 }, end: { line: 1, character: 1.5 } }, text: 'X' };
    const library = fresh(text);
    TextDocument.update(library, [event], 2);
    const document = createTextDocument(URI, LANGUAGE, 1, text);
    const reported: (TextDocumentChange | undefined)[] = [];
    updateTextDocument(document, [event], 2, (change) => reported.push(change));
    assert.deepEqual(reported, [undefined]);
    assertLikeFresh(document, library.getText());
  });

  it('many lines added and removed, one at a time and in large pastes', () => {
    // Grows the line index from its first size, and pastes more than 10,000 lines at once (the library splices those differently).
    const document = createTextDocument(URI, LANGUAGE, 1, '[\n]');
    let text = '[\n]';
    let seed = 1;
    const random = (n: number) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
    let version = 1;
    for (let i = 0; i < 3000; i++) {
      const offset = random(text.length + 1);
      const insert = ['\n', '\r\n', '\r', '1,\n', 'x'][random(5)];
      const reference = fresh(text);
      const position = reference.positionAt(offset);
      updateTextDocument(document, [{ range: { start: position, end: position }, text: insert }], ++version);
      const at = reference.offsetAt(position);
      text = text.slice(0, at) + insert + text.slice(at);
    }
    assertLikeFresh(document, text);
    const paste = '  "n",\r\n'.repeat(12_000);
    const middle = document.positionAt(text.length >> 1);
    updateTextDocument(document, [{ range: { start: middle, end: middle }, text: paste }], ++version);
    const at = fresh(text).offsetAt(middle);
    text = text.slice(0, at) + paste + text.slice(at);
    const pasted = fresh(text);
    assert.equal(document.lineCount, pasted.lineCount);
    for (let offset = 0; offset <= text.length; offset += 97) assert.deepEqual(document.positionAt(offset), pasted.positionAt(offset));
    for (let line = 0; line < pasted.lineCount; line += 101)
      assert.equal(document.offsetAt({ line, character: 3 }), pasted.offsetAt({ line, character: 3 }));
    const end = document.positionAt(at + paste.length);
    updateTextDocument(document, [{ range: { start: middle, end }, text: '' }], ++version);
    text = text.slice(0, at) + text.slice(at + paste.length);
    assertLikeFresh(document, text);
  });
});
