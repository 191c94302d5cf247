/**
 * Property-based tests of the pure language service under hostile documents (issue 6, "The
 * language server under hostile input"): random JSON, structured mutations of the valid fixtures,
 * token soup and random code units, random edit sequences applied incrementally, random cursors for
 * completion and hover, the document's own (and stale, and forged) diagnostics for code actions, and
 * formatting, folding and the outline.
 *
 * Properties: every call returns without throwing (the service has no catch-all of its own, the one
 * guard is the server's, `server/src/lsp/runner.ts`: a bug throws here); every range lies inside the
 * document (and a completion edit is on the cursor's line, around the cursor); the edits of
 * completion items, code actions and formatting apply (no overlap) and give a string; formatting
 * keeps the JSON value; an incrementally edited document answers as a fresh one of the same text;
 * the same input gives the same output (everything is computed twice, by a second service instance
 * from a fresh document and parse, and compared).
 *
 * Runs: each property logs how many cases it ran; the last test checks that they add up to at least
 * 100,000. The seed is logged first: `FUZZ_SEED=<seed>` replays a run; a failure prints the line
 * that replays just its case (`FUZZ_SEED`, `FUZZ_PROPERTY` and `FUZZ_PATH`). `FUZZ_RUNS_SCALE=10`
 * runs ten times as many cases (and scales the time limits with them).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createParseCache } from '../../../server/src/lsp/parseCache';
import { assertSameParse } from '../service/sameParse';
import { createTextDocument, updateTextDocument } from '../../../server/src/service/textDocument';
import { cursorContext } from '../../../server/src/service/completeContext';
import {
  createPhoneDeliveryService,
  type Diagnostic,
  type FormattingOptions,
  type ParsedDocument,
  type PhoneDeliveryService,
  type Position,
  type Range,
  type TextChange,
} from '../../../server/src/service';
import {
  cursorArb,
  cursorPosition,
  documentTextArb,
  editArb,
  INVALID,
  keyArb,
  mutatedFixtureArb,
  randomJsonTextArb,
  renderMutatedFixture,
  tokenSoupArb,
  valueArb,
  serialize,
  styleArb,
  type CursorSpec,
  type EditSpec,
} from './arbitraries';
import {
  checkCodeActions,
  checkCompletion,
  checkDiagnostics,
  checkEdits,
  checkFolding,
  checkHover,
  checkSymbols,
  sameJson,
} from './checks';
import { ONLY_PROPERTY, REPLAY_PATH, REPLAY_SEED, RUNS, RUNS_SCALE, runProperty, SEED } from './harness';

const URI = 'file:///fuzz/settings.phone-delivery.json';
const LANGUAGE = 'pingone-phone-delivery';

/** Clients as the server meets them: VS Code, a plain client, and tight limits (the skipped paths). */
const SERVICES: { name: string; create: () => PhoneDeliveryService }[] = [
  {
    name: 'snippets+markdown',
    create: () => createPhoneDeliveryService({ snippetSupport: true, markdown: true, templateCompletions: true }),
  },
  { name: 'plain', create: () => createPhoneDeliveryService({ snippetSupport: false, markdown: false, templateCompletions: false }) },
  { name: 'tight limits', create: () => createPhoneDeliveryService({ limits: { maxSize: 600, maxDepth: 4 } }) },
];
/** One instance per client (as in the server), and a second one to show that nothing depends on a service's history. */
const FIRST = SERVICES.map((s) => s.create());
const SECOND = SERVICES.map((s) => s.create());

/** Completion and hover at `position`, checked. */
function completeAndHover(
  service: PhoneDeliveryService,
  document: TextDocument,
  position: Position,
  parsed: ParsedDocument,
): { completion: unknown; hover: unknown } {
  const completion = service.complete(document, position, parsed);
  const hover = service.hover(document, position, parsed);
  checkCompletion(document, position, completion);
  checkHover(document, hover);
  return { completion, hover };
}

const serviceArb = fc.oneof(
  { weight: 4, arbitrary: fc.constant(0) },
  { weight: 3, arbitrary: fc.constant(1) },
  { weight: 1, arbitrary: fc.constant(2) },
);

const formattingArb: fc.Arbitrary<FormattingOptions> = fc.record(
  {
    tabSize: fc.oneof(fc.constantFrom(2, 4, 8), fc.integer({ min: -1, max: 100 })),
    insertSpaces: fc.boolean(),
    insertFinalNewline: fc.boolean(),
    trimFinalNewlines: fc.boolean(),
  },
  { requiredKeys: ['tabSize', 'insertSpaces'] },
);

const newDocument = (text: string, version = 1): TextDocument => TextDocument.create(URI, LANGUAGE, version, text);

function wholeRange(document: TextDocument): Range {
  return { start: { line: 0, character: 0 }, end: document.positionAt(document.getText().length) };
}

function rangeFrom(document: TextDocument, a: CursorSpec, b: CursorSpec): Range {
  return { start: cursorPosition(document, a), end: cursorPosition(document, b) };
}

/** The JSON value of a text, if `JSON.parse` takes it. */
function jsonValueOf(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

interface Analysis {
  diagnostics?: Diagnostic[];
  cursors?: unknown[];
  actions?: unknown;
  format?: unknown;
  rangeFormat?: unknown;
  folding?: unknown;
  symbols?: unknown;
}

interface AnalysisPlan {
  cursors: CursorSpec[];
  codeActions: boolean;
  format?: { options: FormattingOptions; range?: [CursorSpec, CursorSpec] };
  structure: boolean;
}

/** Every call the server makes for one document, each result checked; returns them all for comparison. */
function analyze(service: PhoneDeliveryService, text: string, plan: AnalysisPlan): Analysis {
  const document = newDocument(text);
  const parsed = service.parse(document);
  const out: Analysis = {};
  const diagnostics = service.validate(document, parsed);
  checkDiagnostics(document, diagnostics);
  out.diagnostics = diagnostics;

  out.cursors = plan.cursors.map((spec) => {
    const position = cursorPosition(document, spec);
    const answers = completeAndHover(service, document, position, parsed);
    if (!parsed.skipped) checkCursorContext(text, document.offsetAt(position));
    return answers;
  });

  if (plan.codeActions) {
    const actions = service.codeActions(document, wholeRange(document), diagnostics, parsed);
    checkCodeActions(document, actions);
    out.actions = actions;
  }

  if (plan.format) {
    const edits = service.format(document, undefined, plan.format.options);
    const formatted = checkEdits(document, edits, 'format');
    // Formatting never changes what the document means.
    const before = jsonValueOf(text);
    if (before) assert.deepEqual(jsonValueOf(formatted), before, 'formatting changed the JSON value');
    out.format = edits;
    if (plan.format.range) {
      const rangeEdits = service.format(document, rangeFrom(document, ...plan.format.range), plan.format.options);
      const rangeFormatted = checkEdits(document, rangeEdits, 'range format');
      if (before) assert.deepEqual(jsonValueOf(rangeFormatted), before, 'range formatting changed the JSON value');
      out.rangeFormat = rangeEdits;
    }
  }

  if (plan.structure) {
    const folding = service.foldingRanges(document, parsed);
    checkFolding(document, folding);
    const symbols = service.documentSymbols(document, parsed);
    checkSymbols(document, symbols);
    out.folding = folding;
    out.symbols = symbols;
  }
  return out;
}

/** Completion's own view of the cursor: the text it replaces lies around the cursor, inside the document. */
function checkCursorContext(text: string, offset: number): void {
  const ctx = cursorContext(text, offset);
  if (!ctx || ctx.kind === 'document') return;
  assert.ok(
    ctx.start >= 0 && ctx.start <= offset && offset <= ctx.end && ctx.end <= text.length,
    `cursor context [${ctx.start}, ${ctx.end}) around ${offset} in ${text.length}`,
  );
  if (ctx.leadingCommaAt !== undefined)
    assert.ok(ctx.leadingCommaAt >= 0 && ctx.leadingCommaAt <= ctx.start, `leading comma at ${ctx.leadingCommaAt}`);
}

/**
 * The same answers, key order included (as the JSON the server would send);
 * `assert.deepStrictEqual` only to show the difference.
 */
function assertSame(actual: unknown, expected: unknown, message: string): void {
  if (!sameJson(actual, expected)) {
    assert.deepStrictEqual(actual, expected, message);
    assert.fail(`${message} (in key order)`);
  }
}

/** Analyzes twice (second service instance, fresh document and parse) and requires the same answers. */
function analyzeTwice(serviceIndex: number, text: string, plan: AnalysisPlan): void {
  const first = analyze(FIRST[serviceIndex], text, plan);
  const second = analyze(SECOND[serviceIndex], text, plan);
  assertSame(second, first, 'the same input gave a different output');
}

const FULL = (cursors: CursorSpec[], options: FormattingOptions, range?: [CursorSpec, CursorSpec]): AnalysisPlan => ({
  cursors,
  codeActions: true,
  format: { options, range },
  structure: true,
});

// ---------------------------------------------------------------------------------------------
// Incremental edits, as the server sees them

interface EditRun {
  versions: { text: string; diagnostics: Diagnostic[]; completion: unknown; hover: unknown; actions: unknown }[];
}

/** The change a client sends for `spec`: positions picked in the current text (or raw, out of range). */
function changeFor(document: TextDocument, spec: EditSpec): { range: Range; text: string } | { text: string } {
  if (spec.full) return { text: spec.text };
  const start = cursorPosition(document, spec.start);
  const end =
    'raw' in spec.start
      ? { line: start.line, character: start.character + spec.length }
      : document.positionAt(document.offsetAt(start) + spec.length);
  return { range: { start, end }, text: spec.text };
}

/**
 * Opens the document, applies the changes one version at a time as the server's `TextDocuments` do
 * on didChange (`updateTextDocument`), and after each: the parse from the server's document cache,
 * validation, code actions with the diagnostics of the version before (a client's diagnostics may
 * be stale), and completion and hover where the change ended (typing triggers completion).
 */
function runEdits(service: PhoneDeliveryService, initial: string, edits: EditSpec[]): EditRun {
  // As the server: each version's parse patches the previous one where the change allows (parseCache.ts).
  const cache = createParseCache(() => service);
  // The server's own documents (textDocument.ts); `fresh` below is the library's.
  let document = createTextDocument(URI, LANGUAGE, 1, initial);
  let previous: Diagnostic[] = service.validate(document, cache.get(document));
  checkDiagnostics(document, previous);
  const run: EditRun = { versions: [] };
  for (const [i, spec] of edits.entries()) {
    const change = changeFor(document, spec);
    const before = document;
    const applied: (TextChange | undefined)[] = [];
    document = updateTextDocument(document, [change], i + 2, (c) => applied.push(c));
    cache.changed(before.uri, i + 1, i + 2, applied);
    const parsed = cache.get(document);
    assert.equal(cache.get(document), parsed, 'the cache parsed one version twice');
    const diagnostics = service.validate(document, parsed);
    checkDiagnostics(document, diagnostics);
    const stale = service.codeActions(document, wholeRange(document), previous, parsed);
    checkCodeActions(document, stale);
    const at = 'range' in change ? document.positionAt(document.offsetAt(change.range.start) + change.text.length) : document.positionAt(0);
    const { completion, hover } = completeAndHover(service, document, at, parsed);
    const text = document.getText();
    // The incremental document against a fresh one of the same text: same lines, same answers.
    const fresh = newDocument(text, i + 2);
    assert.equal(document.lineCount, fresh.lineCount, 'the incremental document counts its lines differently from a fresh one');
    const freshParse = service.parse(fresh);
    assertSameParse(parsed, freshParse);
    assertSame(service.validate(fresh, freshParse), diagnostics, 'incremental and fresh documents gave different diagnostics');
    run.versions.push({ text, diagnostics, completion, hover, actions: stale });
    previous = diagnostics;
  }
  return run;
}

// ---------------------------------------------------------------------------------------------
// Forged diagnostics: `data` comes back from the client, and a client may send anything.

const forgedDiagnosticArb = fc.record({
  a: cursorArb,
  b: cursorArb,
  source: fc.constantFrom('pingone', 'pingone', 'other', undefined),
  data: fc.oneof(
    fc.record(
      {
        fix: fc.constantFrom(
          'add-properties',
          'replace-value',
          'rename-message-type',
          'remove-property',
          'use-placeholder',
          'normalize-number',
          'unknown',
        ),
        path: fc.oneof(fc.array(fc.oneof(keyArb, fc.integer({ min: -1, max: 4 })), { maxLength: 3 }), fc.anything({ maxDepth: 1 })),
        properties: fc.oneof(fc.array(keyArb, { maxLength: 3 }), fc.anything({ maxDepth: 1 })),
        candidates: fc.oneof(fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }), fc.anything({ maxDepth: 1 })),
        placeholder: fc.oneof(fc.string({ maxLength: 8 }), fc.anything({ maxDepth: 1 })),
        span: fc.oneof(fc.tuple(fc.integer({ min: -5, max: 200 }), fc.integer({ min: -5, max: 200 })), fc.anything({ maxDepth: 1 })),
        value: fc.oneof(fc.string({ maxLength: 8 }), fc.anything({ maxDepth: 1 })),
      },
      { requiredKeys: ['fix'] },
    ),
    fc.anything({ maxDepth: 1 }),
  ),
});

// ---------------------------------------------------------------------------------------------

/**
 * Cases per property at FUZZ_RUNS_SCALE=1, and each one's time limit (a safety net only, about
 * three times what it takes on a 2-core CI machine).
 */
const PLAN = {
  randomJson: { numRuns: 8_000, timeLimitMs: 30_000 },
  mutatedFixtures: { numRuns: 15_000, timeLimitMs: 60_000 },
  tokenSoup: { numRuns: 12_000, timeLimitMs: 30_000 },
  edits: { numRuns: 8_000, timeLimitMs: 45_000 },
  cursors: { numRuns: 30_000, timeLimitMs: 45_000 },
  actionsAndFormat: { numRuns: 15_000, timeLimitMs: 30_000 },
  forged: { numRuns: 20_000, timeLimitMs: 20_000 },
};

describe('language service under hostile documents (fuzz)', () => {
  console.log(
    `[fuzz] seed ${SEED}: replay with FUZZ_SEED=${SEED} (FUZZ_RUNS_SCALE=${RUNS_SCALE}${REPLAY_PATH ? `, FUZZ_PATH=${REPLAY_PATH}` : ''})`,
  );

  it('random JSON values: any value, and objects with the model’s keys', () => {
    const objectArb = fc
      .dictionary(keyArb, valueArb, { maxKeys: 6 })
      .chain((o) => styleArb.map((style) => serialize({ k: 'obj', props: Object.entries(o).map(([k, v]) => [k, v]) }, style)));
    runProperty(
      'random JSON',
      fc.property(
        fc.oneof(randomJsonTextArb, objectArb),
        serviceArb,
        fc.array(cursorArb, { minLength: 1, maxLength: 2 }),
        formattingArb,
        (text, s, cursors, options) => {
          analyzeTwice(s, text, FULL(cursors, options));
        },
      ),
      PLAN.randomJson,
    );
  });

  it('mutations of the valid fixtures: keys dropped, duplicated, renamed, wrong types, tokens, truncation, comments, trailing commas', () => {
    runProperty(
      'mutated fixtures',
      fc.property(
        mutatedFixtureArb,
        serviceArb,
        fc.array(cursorArb, { minLength: 1, maxLength: 2 }),
        formattingArb,
        fc.tuple(cursorArb, cursorArb),
        (m, s, cursors, options, range) => {
          analyzeTwice(s, renderMutatedFixture(m), FULL(cursors, options, range));
        },
      ),
      PLAN.mutatedFixtures,
    );
  });

  it('token soup, random code units and the invalid fixtures', () => {
    const soupArb = fc.oneof(
      { weight: 3, arbitrary: tokenSoupArb },
      { weight: 1, arbitrary: fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 120 }) },
      { weight: 1, arbitrary: fc.constantFrom(...INVALID.map((f) => f.text)) },
    );
    runProperty(
      'token soup',
      fc.property(
        soupArb,
        serviceArb,
        fc.array(cursorArb, { minLength: 1, maxLength: 2 }),
        formattingArb,
        fc.tuple(cursorArb, cursorArb),
        (text, s, cursors, options, range) => {
          analyzeTwice(s, text, FULL(cursors, options, range));
        },
      ),
      PLAN.tokenSoup,
    );
  });

  it('random edit sequences applied incrementally, with stale diagnostics for code actions', () => {
    runProperty(
      'edit sequences',
      fc.property(documentTextArb, serviceArb, fc.array(editArb, { minLength: 1, maxLength: 8 }), (initial, s, edits) => {
        const first = runEdits(FIRST[s], initial, edits);
        const second = runEdits(SECOND[s], initial, edits);
        assertSame(second, first, 'the same edits gave a different output');
      }),
      PLAN.edits,
    );
  });

  it('random cursors: completion and hover, completion edits applied', () => {
    runProperty(
      'cursors',
      fc.property(documentTextArb, serviceArb, fc.array(cursorArb, { minLength: 1, maxLength: 4 }), (text, s, cursors) => {
        analyzeTwice(s, text, { cursors, codeActions: false, structure: false });
      }),
      PLAN.cursors,
    );
  });

  it('code actions for the document’s own diagnostics, applied; formatting, folding and the outline', () => {
    runProperty(
      'code actions and structure',
      fc.property(documentTextArb, serviceArb, formattingArb, fc.tuple(cursorArb, cursorArb), (text, s, options, range) => {
        analyzeTwice(s, text, { cursors: [], codeActions: true, format: { options, range }, structure: true });
        // A quick fix leaves a document the service still handles.
        const service = FIRST[s];
        const document = newDocument(text);
        const parsed = service.parse(document);
        const fixed = checkCodeActions(
          document,
          service.codeActions(document, wholeRange(document), service.validate(document, parsed), parsed),
        );
        for (const t of fixed.slice(0, 3)) {
          const d = newDocument(t, 2);
          checkDiagnostics(d, service.validate(d, service.parse(d)));
        }
      }),
      PLAN.actionsAndFormat,
    );
  });

  it('code actions for forged diagnostics (any range, any data)', () => {
    runProperty(
      'forged diagnostics',
      fc.property(documentTextArb, serviceArb, fc.array(forgedDiagnosticArb, { minLength: 1, maxLength: 3 }), (text, s, forged) => {
        const results = [FIRST[s], SECOND[s]].map((service) => {
          const document = newDocument(text);
          const parsed = service.parse(document);
          const diagnostics = forged.map(
            (f) => ({ range: rangeFrom(document, f.a, f.b), message: 'forged', source: f.source, data: f.data }) as Diagnostic,
          );
          const actions = service.codeActions(document, wholeRange(document), diagnostics, parsed);
          checkCodeActions(document, actions);
          for (const a of actions)
            for (const d of a.diagnostics ?? []) assert.ok(diagnostics.includes(d), 'an action names a diagnostic it was not given');
          return actions;
        });
        assertSame(results[1], results[0], 'the same input gave a different output');
      }),
      PLAN.forged,
    );
  });

  it('ran at least 100,000 cases in all', () => {
    const total = RUNS.reduce((n, r) => n + r.numRuns, 0);
    console.log(
      `[fuzz] total: ${total} cases in ${(RUNS.reduce((n, r) => n + r.ms, 0) / 1000).toFixed(1)} s over ${RUNS.length} properties (seed ${SEED})`,
    );
    for (const r of RUNS)
      console.log(`[fuzz]   ${r.name.padEnd(28)} ${String(r.numRuns).padStart(7)} / ${r.planned}${r.interrupted ? '  interrupted' : ''}`);
    if (REPLAY_SEED !== undefined || REPLAY_PATH !== undefined || ONLY_PROPERTY !== undefined || RUNS_SCALE < 1) return; // a replay or a quick local run
    assert.ok(
      total >= 100_000,
      `only ${total} cases ran (a property was interrupted by its time limit): the CI run must fuzz at least 100,000`,
    );
  });
});
