/**
 * `parseStrictJson` (server/src/service/fastParse.ts), the one-pass parser of strict JSON, against
 * the jsonc-parser path it stands in for: wherever it gives a result, the tree must be deep-equal to
 * jsonc-parser's `parseTree` (every node's own properties, children in order, parent pointers), the
 * value to `getNodeValue` of that tree, and the duplicate keys to parse.ts's `findDuplicateKeys`, in
 * the same order; and it must give a result exactly when the text is strict JSON (what `JSON.parse`
 * accepts) no deeper than the limit.
 *
 * Inputs: every JSON file under test/fixtures, the benchmark documents (1 KB to 2 MB), hand-written
 * edge cases and rejections, and fast-check: generated strict JSON (odd keys, duplicates, escapes,
 * numbers, whitespace, deep nesting) and mutations of it, token soup and random code units. The seed
 * is logged: `FUZZ_SEED=<seed>` replays a run (`FUZZ_PROPERTY` + `FUZZ_PATH`, one case);
 * `FUZZ_RUNS_SCALE` runs more or fewer cases.
 *
 * No timing assertions: the 2 MB test prints the two paths' times.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { createScanner, getNodeValue, parseTree, SyntaxKind, type Node, type ParseError } from 'jsonc-parser';
import { parseStrictJson, type FastParse } from '../../../server/src/service/fastParse';
import { findDuplicateKeys, parseDocument } from '../../../server/src/service/parse';
import { FIXTURES } from '../../support/fixtures';
import {
  documentTextArb,
  keyArb,
  mutate,
  mutateText,
  mutatedFixtureArb,
  renderMutatedFixture,
  mutationArb,
  ROOT,
  serialize,
  styleArb,
  textMutationArb,
  tokenSoupArb,
  toTree,
  valueArb,
  VALID,
  type JNode,
} from '../fuzz/arbitraries';
import { ONLY_PROPERTY, REPLAY_PATH, RUNS_SCALE, SEED } from '../fuzz/harness';

const MAX_DEPTH = 512;
const JSONC_OPTIONS = { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true };

// ---------------------------------------------------------------------------------------------
// The reference: the jsonc-parser path of parse.ts

/** parse.ts's `scanExtensions`, the part that costs time (for the timings only). */
function scanLikeParseTs(text: string): number {
  const scanner = createScanner(text, false);
  let depth = 0;
  let lastComma = -1;
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (
      kind === SyntaxKind.Trivia ||
      kind === SyntaxKind.LineBreakTrivia ||
      kind === SyntaxKind.LineCommentTrivia ||
      kind === SyntaxKind.BlockCommentTrivia
    )
      continue;
    if (kind === SyntaxKind.OpenBraceToken || kind === SyntaxKind.OpenBracketToken) {
      if (++depth > MAX_DEPTH) return -1;
    } else if (kind === SyntaxKind.CloseBraceToken || kind === SyntaxKind.CloseBracketToken) depth--;
    lastComma = kind === SyntaxKind.CommaToken ? scanner.getTokenOffset() : -1;
  }
  return lastComma;
}

function jsoncPath(text: string): { root: Node | undefined; value: unknown; duplicateKeys: Node[] } {
  scanLikeParseTs(text);
  const root = parseTree(text, [], JSONC_OPTIONS);
  const value = root ? getNodeValue(root) : undefined;
  const duplicateKeys: Node[] = [];
  if (root) findDuplicateKeys(root, duplicateKeys);
  return { root, value, duplicateKeys };
}

/**
 * Nesting depth of JSON text (objects and arrays; an empty one counts), as parse.ts counts it: in the
 * text, not in the value (a duplicate key's first value is not in the value).
 */
function depthOf(text: string): number {
  let max = 0;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '{' || c === '[') max = Math.max(max, ++depth);
    else if (c === '}' || c === ']') depth--;
  }
  return max;
}

/** The oracle: strict JSON (RFC 8259, as `JSON.parse` reads it) no deeper than the limit. */
function isStrictJson(text: string, maxDepth = MAX_DEPTH): boolean {
  try {
    JSON.parse(text);
  } catch {
    return false;
  }
  return depthOf(text) <= maxDepth;
}

// ---------------------------------------------------------------------------------------------
// The comparison

const where = (k: Node): string => `${k.offset}:${JSON.stringify(k.value)}`;

/**
 * The two trees node by node, without recursion: same prototype, same own properties (a property
 * set to undefined is not a missing one), same values (`Object.is`: -0 is not 0), children in the
 * same order, and every parent pointer pointing at the node's own parent (identity, not an equal
 * copy); the root has no `parent` property at all. Returns the number of nodes.
 */
function assertSameTree(got: Node, want: Node): number {
  assert.equal(Object.prototype.hasOwnProperty.call(got, 'parent'), false, 'the root has no parent property');
  const stack: [Node, Node, Node | undefined][] = [[got, want, undefined]];
  let count = 0;
  while (stack.length) {
    const [g, w, parent] = stack.pop()!;
    count++;
    const at = `${w.type} node at ${w.offset}`;
    assert.equal(Object.getPrototypeOf(g), Object.getPrototypeOf(w), `${at}: prototype`);
    assert.deepEqual(Object.keys(g).sort(), Object.keys(w).sort(), `${at}: own properties`);
    for (const k of ['type', 'offset', 'length', 'colonOffset', 'value'] as const)
      assert.ok(Object.is(g[k], w[k]), `${at}: ${k} ${String(g[k])} ≠ ${String(w[k])}`);
    assert.equal(g.parent, parent, `${at}: parent pointer`);
    if (w.children) {
      assert.ok(Array.isArray(g.children) && g.children.length === w.children.length, `${at}: children`);
      for (let i = w.children.length - 1; i >= 0; i--) stack.push([g.children[i], w.children[i], g]);
    }
  }
  return count;
}

/** `got` is jsonc-parser's result for `text`, which jsonc-parser reads without an error. */
function assertSameAsJsonc(text: string, got: FastParse | undefined, options: { deepStrict?: boolean } = {}): void {
  assert.ok(got, 'parseStrictJson gave undefined for strict JSON');
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, JSONC_OPTIONS);
  assert.deepEqual(errors, [], 'jsonc-parser reads the text without an error');
  assert.ok(root);
  assertSameTree(got.root, root);
  // And assert's own deep equality too, the contract as stated (it follows the parent cycles, but
  // recursively: not on the deepest and largest documents).
  if (options.deepStrict ?? (text.length < 300_000 && depthOf(text) <= 200)) assert.deepStrictEqual(got.root, root);
  assert.deepStrictEqual(got.value, getNodeValue(root));
  const duplicates: Node[] = [];
  findDuplicateKeys(root, duplicates);
  assert.deepEqual(got.duplicateKeys.map(where), duplicates.map(where), 'duplicate keys, in findDuplicateKeys order');
  for (const k of got.duplicateKeys) {
    // The key nodes of got's own tree.
    assert.equal(k.parent?.children?.[0], k);
    let n: Node = k;
    while (n.parent) n = n.parent;
    assert.equal(n, got.root);
  }
}

/** The contract on any text: a result exactly for strict JSON, and then jsonc-parser's. */
function assertContract(text: string, maxDepth = MAX_DEPTH): void {
  const got = parseStrictJson(text, maxDepth);
  const strict = isStrictJson(text, maxDepth);
  if (!strict) {
    assert.equal(got, undefined, 'a result for text that is not strict JSON (or too deep)');
    return;
  }
  assertSameAsJsonc(text, got);
}

// ---------------------------------------------------------------------------------------------
// fast-check

function check<T>(name: string, property: fc.IProperty<T>, numRuns: number): void {
  if (ONLY_PROPERTY !== undefined && ONLY_PROPERTY !== name) return;
  const details = fc.check(property, {
    seed: SEED,
    path: ONLY_PROPERTY === name ? REPLAY_PATH : undefined,
    numRuns: Math.max(1, Math.round(numRuns * RUNS_SCALE)),
  });
  console.log(`[fuzz] ${name}: ${details.numRuns} cases`);
  if (details.failed) {
    const cause =
      details.errorInstance instanceof Error
        ? (details.errorInstance.stack ?? details.errorInstance.message)
        : String(details.errorInstance);
    throw new Error(
      `${fc.defaultReportMessage(details) ?? 'failed'}\n\nError: ${cause}\n\n` +
        `Replay this failure: FUZZ_SEED=${details.seed} FUZZ_PROPERTY="${name}" FUZZ_PATH="${details.counterexamplePath ?? ''}" node --test out/test/unit/service/fastParse.test.js`,
    );
  }
}

/** JSON text as a tree of already-written leaves and keys, to be laid out with any whitespace. */
type JText = { k: 'leaf'; text: string } | { k: 'arr'; items: JText[] } | { k: 'obj'; props: [string, JText][] };

const WHITESPACE = ['', '', '', ' ', '  ', '\n', '\r\n', '\r', '\t', '\n\t\t', ' \r\n  '];

/** Lays the tree out with the whitespace strings, in turn, between every two tokens (no recursion). */
function layOut(root: JText, ws: string[]): string {
  let i = 0;
  const sp = (): string => ws[i++ % ws.length];
  const out: string[] = [];
  const work: (string | JText)[] = [root];
  while (work.length) {
    const w = work.pop()!;
    if (typeof w === 'string') {
      out.push(w, sp());
      continue;
    }
    out.push(sp());
    if (w.k === 'leaf') {
      out.push(w.text, sp());
      continue;
    }
    const parts: (string | JText)[] = [w.k === 'obj' ? '{' : '['];
    const n = w.k === 'obj' ? w.props.length : w.items.length;
    for (let j = 0; j < n; j++) {
      if (j) parts.push(',');
      if (w.k === 'obj') parts.push(w.props[j][0], ':', w.props[j][1]);
      else parts.push(w.items[j]);
    }
    parts.push(w.k === 'obj' ? '}' : ']');
    for (let j = parts.length - 1; j >= 0; j--) work.push(parts[j]);
  }
  return out.join('');
}

/**
 * A JSON string literal of `s`, each code unit written by its mode: as is (what must be escaped,
 * escaped), `\u` lower or upper case, or the short escape where there is one (`\/` for a slash).
 */
function writeString(s: string, modes: number[]): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const c = s.charCodeAt(i);
    const mode = modes.length ? modes[i % modes.length] : 0;
    const short = (
      { '"': '\\"', '\\': '\\\\', '/': '\\/', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' } as Record<string, string>
    )[ch];
    if (mode === 1) out += '\\u' + c.toString(16).padStart(4, '0');
    else if (mode === 2) out += '\\u' + c.toString(16).toUpperCase().padStart(4, '0');
    else if (mode === 3 && short) out += short;
    else if (ch === '"' || ch === '\\') out += short;
    else if (c < 0x20) out += short ?? '\\u' + c.toString(16).padStart(4, '0');
    else out += ch; // lone surrogates too: strict JSON is a sequence of code units here
  }
  return out + '"';
}

const codeUnitArb = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const rawStringArb = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: codeUnitArb, maxLength: 6 }) },
  { weight: 1, arbitrary: fc.constantFrom('\ud800', '\udfff', '\ud83d\ude00', '\u2028\u2029', '\u007f', '\u0000', '/', '"\\', 'é', '') },
);
const modesArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant<number[]>([]) },
  { weight: 2, arbitrary: fc.array(fc.nat({ max: 4 }), { minLength: 1, maxLength: 6 }) },
);
const stringTextArb = fc.tuple(rawStringArb, modesArb).map(([s, m]) => writeString(s, m));
const keyTextArb = fc
  .tuple(
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom('a', 'b', 'a', '__proto__') },
      { weight: 3, arbitrary: keyArb },
      { weight: 1, arbitrary: rawStringArb },
    ),
    modesArb,
  )
  .map(([s, m]) => writeString(s, m));

const digitsArb = (minLength: number, maxLength: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength, maxLength });
/** JSON's number grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?, short and long. */
const numberTextArb = fc
  .tuple(
    fc.boolean(),
    fc.oneof(
      fc.constant('0'),
      fc.tuple(fc.constantFrom(...'123456789'), digitsArb(0, 3)).map(([a, b]) => a + b),
      fc.tuple(fc.constantFrom(...'123456789'), digitsArb(10, 25)).map(([a, b]) => a + b),
    ),
    fc.option(digitsArb(1, 20), { freq: 3 }),
    fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), digitsArb(1, 4)), { freq: 3 }),
  )
  .map(([neg, int, frac, exp]) => (neg ? '-' : '') + int + (frac === null ? '' : '.' + frac) + (exp === null ? '' : exp.join('')));

const leafArb: fc.Arbitrary<JText> = fc
  .oneof(
    { weight: 3, arbitrary: stringTextArb },
    { weight: 3, arbitrary: numberTextArb },
    { weight: 1, arbitrary: fc.constantFrom('true', 'false', 'null', '0', '-0', '1e400', '-1e400', '5e-324', '9007199254740993') },
  )
  .map((text): JText => ({ k: 'leaf', text }));

const jtextArb: fc.Arbitrary<JText> = fc.letrec<{ node: JText }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leafArb,
    fc.array(tie('node'), { maxLength: 5 }).map((items): JText => ({ k: 'arr', items })),
    fc.array(fc.tuple(keyTextArb, tie('node')), { maxLength: 5 }).map((props): JText => ({ k: 'obj', props })),
  ),
})).node;

/** Now and then wrapped in objects and arrays, up to and past the depth limit. */
const deepJtextArb: fc.Arbitrary<JText> = fc
  .tuple(
    jtextArb,
    fc.oneof(
      { weight: 8, arbitrary: fc.constant(0) },
      { weight: 2, arbitrary: fc.integer({ min: 1, max: 40 }) },
      { weight: 1, arbitrary: fc.integer({ min: 505, max: 515 }) },
    ),
    fc.nat(),
  )
  .map(([node, depth, bits]) => {
    let n = node;
    for (let i = 0; i < depth; i++) n = (bits >>> (i % 31)) & 1 ? { k: 'arr', items: [n] } : { k: 'obj', props: [['"k"', n]] };
    return n;
  });

/** The project's trees (duplicates, odd keys, the fixtures) without their broken tokens. */
function withoutRaw(n: JNode): JNode {
  if (n.k === 'raw') return { k: 'lit', v: null };
  if (n.k === 'arr') return { k: 'arr', items: n.items.map(withoutRaw) };
  if (n.k === 'obj') return { k: 'obj', props: n.props.map(([k, v]) => [k, withoutRaw(v)]) };
  return n;
}
const cleanStyleArb = styleArb.map((s) => ({ ...s, trailingCommas: 0, comments: 0 }));
const projectTreeArb: fc.Arbitrary<JNode> = fc.oneof(
  fc.dictionary(keyArb, valueArb, { maxKeys: 6 }).map((o): JNode => ({ k: 'obj', props: Object.entries(o) })),
  fc.tuple(fc.nat({ max: VALID.length - 1 }), fc.array(mutationArb, { maxLength: 4 })).map(([i, m]) => mutate(toTree(VALID[i].value), m)),
);

/** Strict JSON (or, past the depth limit now and then, too deep). */
const strictTextArb: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .tuple(deepJtextArb, fc.array(fc.constantFrom(...WHITESPACE), { minLength: 1, maxLength: 7 }))
      .map(([t, ws]) => layOut(t, ws)),
  },
  { weight: 2, arbitrary: fc.tuple(projectTreeArb, cleanStyleArb).map(([t, style]) => serialize(withoutRaw(t), style)) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom(undefined, 0, 1, 2, '\t', '\r\n'))
      .map(([v, indent]) => JSON.stringify(v, null, indent) ?? 'null'),
  },
);

/** Characters that make or break JSON, and whitespace JSON does not allow. */
const EDIT_CHARS = [
  ...'{}[]:,"\\/* \t\n\r0123456789-+.eEtrufalsnx',
  '\u0000',
  '\u001f',
  '\u007f',
  '\u00a0',
  '\ufeff',
  '\u2028',
  '\u2029',
  '\u000b',
  '\u000c',
  '\u0085',
  '\u3000',
  '\ud800',
  '\udc00',
];
const editCharArb = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...EDIT_CHARS) }, { weight: 1, arbitrary: codeUnitArb });
/** One character inserted, deleted or replaced. */
const oneCharEditArb = fc
  .tuple(strictTextArb, fc.nat(), fc.constantFrom('insert', 'delete', 'replace'), editCharArb)
  .map(([text, at, op, ch]) => {
    const i = at % (text.length + 1);
    if (op === 'insert') return text.slice(0, i) + ch + text.slice(i);
    if (op === 'delete') return text.slice(0, i) + text.slice(i + 1);
    return text.slice(0, i) + ch + text.slice(i + 1);
  });

const anyTextArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: oneCharEditArb },
  {
    weight: 2,
    arbitrary: fc.tuple(strictTextArb, fc.array(textMutationArb, { minLength: 1, maxLength: 3 })).map(([t, m]) => mutateText(t, m)),
  },
  { weight: 2, arbitrary: documentTextArb },
  { weight: 1, arbitrary: mutatedFixtureArb.map(renderMutatedFixture) },
  { weight: 1, arbitrary: tokenSoupArb },
  { weight: 1, arbitrary: fc.string({ unit: codeUnitArb, maxLength: 40 }) },
);

// ---------------------------------------------------------------------------------------------
// Documents

/** Every .json file under test/fixtures. */
function fixtureJsonFiles(dir = FIXTURES): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...fixtureJsonFiles(path));
    else if (entry.endsWith('.json')) out.push({ name: path.slice(FIXTURES.length + 1), text: readFileSync(path, 'utf8') });
  }
  return out;
}

interface BenchDocuments {
  makeDocument(size: string): { valid: { text: string }; invalid: { text: string } };
}
// A native import (tsc would turn `import()` into `require()`, and documents.mjs is an ES module).
const importModule = new Function('url', 'return import(url)') as (url: string) => Promise<BenchDocuments>;
const benchDocuments = (): Promise<BenchDocuments> => importModule(pathToFileURL(join(ROOT, 'test/bench/documents.mjs')).href);

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1];

function timeMs(f: () => unknown, runs: number): number {
  for (let i = 0; i < 3; i++) f();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  }
  return median(times);
}

function nest(depth: number, kinds: 'arrays' | 'mixed', inner = '1'): string {
  let open = '';
  let close = '';
  for (let i = 0; i < depth; i++) {
    const array = kinds === 'arrays' || i % 2 === 1;
    open += array ? '[' : '{"k":';
    close = (array ? ']' : '}') + close;
  }
  return open + inner + close;
}

// ---------------------------------------------------------------------------------------------

describe('parseStrictJson: the jsonc-parser tree, value and duplicate keys of strict JSON in one pass', () => {
  describe('the fixtures and the benchmark documents', () => {
    const files = fixtureJsonFiles();
    it('finds the fixtures', () => assert.ok(files.filter((f) => f.name.startsWith('valid')).length >= 5));
    for (const f of files) {
      it(`${f.name}: ${isStrictJson(f.text) ? 'the same as jsonc-parser' : 'not strict JSON: undefined'}`, () => {
        if (f.name.startsWith('valid')) assert.ok(isStrictJson(f.text), 'a valid fixture is strict JSON');
        assertContract(f.text);
      });
    }

    for (const size of ['1k', '20k', '200k']) {
      it(`the ${size} benchmark documents (valid and invalid variants)`, async () => {
        const { makeDocument } = await benchDocuments();
        const d = makeDocument(size);
        for (const text of [d.valid.text, d.invalid.text]) {
          assert.ok(isStrictJson(text));
          assertSameAsJsonc(text, parseStrictJson(text, MAX_DEPTH));
        }
      });
    }

    it('the 2 MB benchmark document (and the times of both paths)', async () => {
      const { makeDocument } = await benchDocuments();
      const text = makeDocument('2m').invalid.text;
      const got = parseStrictJson(text, MAX_DEPTH);
      assertSameAsJsonc(text, got, { deepStrict: false });
      const jsonc = timeMs(() => jsoncPath(text), 5);
      const fast = timeMs(() => parseStrictJson(text, MAX_DEPTH), 5);
      const native = timeMs(() => JSON.parse(text), 5);
      console.log(
        `[fastParse] 2 MB: jsonc-parser path (scan + parseTree + getNodeValue + findDuplicateKeys) ${jsonc.toFixed(1)} ms, ` +
          `parseStrictJson ${fast.toFixed(1)} ms (${(jsonc / fast).toFixed(1)}×), JSON.parse ${native.toFixed(1)} ms; median of 5`,
      );
    });
  });

  describe('edge cases, compared with jsonc-parser', () => {
    const CASES: [string, string][] = [
      ['empty object', '{}'],
      ['empty array', '[]'],
      ['an empty object with whitespace inside', '{ \n}'],
      ['empty array with whitespace', '[\r\n\t ]'],
      ['nested empties', '[{}, [], {"a": []}, [[]], {"b": {}}]'],
      ['whitespace around the value', ' \t\r\n{"a" \n:\r\n1 ,\t"b"\r:[ 1 , 2 ] }\n\r\t '],
      ['CR line ends only', '{\r"a":\r1\r}\r'],
      ['a top-level string', '"top"'],
      ['a top-level number', ' 42 '],
      ['top-level true', 'true'],
      ['top-level false', 'false'],
      ['top-level null', 'null'],
      ['numbers', '[0, -0, 1, -1, 10, 1.5, -1.5, 0.000001, 1e2, 1E2, 1e+2, 1E+2, 1e-2, 1E-2, 0e0, -0.0, 0.1, 123.456e-7]'],
      ['big and tiny numbers', '[1e400, -1e400, 5e-324, 2e-324, 1.7976931348623157e308, 1.7976931348623159e308]'],
      [
        'integers around 2^53 and long ones',
        '[123456789012345, 1234567890123456, 9007199254740991, 9007199254740992, 9007199254740993, -9007199254740993, 12345678901234567890, 100000000000000000000000]',
      ],
      ['long fractions', '[0.1000000000000000055511151231257827, 3.141592653589793238462643383279, 1.00000000000000011102230246251565]'],
      ['the short escapes', '"\\"\\\\\\/\\b\\f\\n\\r\\t"'],
      ['unicode escapes, both cases', '"\\u0041\\u00e9\\u00E9\\u20AC\\u20ac\\u0000\\u001F\\uFFFF"'],
      ['a surrogate pair escaped', '"\\uD83D\\uDE00"'],
      ['a lone high surrogate escaped', '"\\uD800"'],
      ['a lone low surrogate escaped', '"x\\uDC00y"'],
      ['surrogates reversed', '"\\uDC00\\uD800"'],
      ['raw surrogates and a lone one', '"😀 \ud800 \udc00"'],
      ['DEL, line and paragraph separators raw in a string', '"\u007f\u2028\u2029\u00a0\ufeff"'],
      ['escapes at the start, middle and end', '["\\nabc", "ab\\tc", "abc\\\\", "\\u0061"]'],
      ['a slash, plain and escaped', '["a/b", "a\\/b"]'],
      ['a long string', JSON.stringify('x'.repeat(100_000) + '\\"' + 'y'.repeat(1000))],
      [
        'keys meeting Object.prototype',
        '{"__proto__": {"a": 1}, "constructor": 1, "toString": 2, "hasOwnProperty": 3, "valueOf": {}, "b": 4}',
      ],
      ['a __proto__ key holding null, and an array', '[{"__proto__": null}, {"__proto__": []}]'],
      ['duplicate __proto__ keys', '{"__proto__": 1, "__proto__": {"x": 2}}'],
      ['empty and odd keys', '{"": 1, " ": 2, "\\u0000": 3, "é": 4, "😀": 5, "\\"": 6, "\\\\": 7}'],
      ['index-like keys', '{"b": 1, "1": 2, "0": 3, "a": 4, "10": 5, "-1": 6, "01": 7, "4294967295": 8, "1.5": 9}'],
      ['a duplicate written two ways', '{"a": 1, "\\u0061": 2, "\\u0061": 3}'],
      [
        'duplicates at several levels',
        '{"a":1,"a":2,"b":{"x":1,"x":2,"x":3,"y":{"q":0,"q":[{"r":1,"r":2}]}},"c":[{"y":1,"y":2},{"z":{"q":1,"q":2}}],"a":3,"d":{"e":{"f":1,"f":2}}}',
      ],
      ['a duplicate whose first value is an object', '{"a": {"b": 1}, "a": [1], "a": "s"}'],
      ['duplicates in sibling objects and in arrays', '[{"a":1,"a":2},{"b":1,"b":2},[{"c":1,"c":2}],{"d":{"e":1,"e":2},"d":1}]'],
      ['many properties', '{' + Array.from({ length: 300 }, (_, i) => `"k${i}": ${i}`).join(',') + ',"k7": "again"}'],
      ['many items', '[' + Array.from({ length: 5000 }, (_, i) => (i % 3 ? String(i) : `{"i":${i}}`)).join(',') + ']'],
      ['depth 512 of arrays (the limit)', nest(MAX_DEPTH, 'arrays')],
      ['depth 512 of objects and arrays', nest(MAX_DEPTH, 'mixed')],
      ['depth 512 with an empty array innermost', nest(MAX_DEPTH - 1, 'mixed', '[]')],
    ];
    for (const [name, text] of CASES) {
      it(name, () => {
        assert.ok(isStrictJson(text), 'the case is strict JSON');
        assertSameAsJsonc(text, parseStrictJson(text, MAX_DEPTH));
      });
    }

    it('-0 stays -0, 1e400 is Infinity, long integers round as Number() does', () => {
      const got = parseStrictJson('[-0, 1e400, 9007199254740993, -0.0]', MAX_DEPTH)!;
      assert.ok(Object.is((got.value as number[])[0], -0));
      assert.equal((got.value as number[])[1], Infinity);
      assert.equal((got.value as number[])[2], 9007199254740992);
      assert.ok(Object.is((got.value as number[])[3], -0));
    });

    it('objects are null-prototype, with __proto__ an own key; the last duplicate wins', () => {
      const text = '{"__proto__": {"polluted": true}, "a": 1, "a": 2}';
      const got = parseStrictJson(text, MAX_DEPTH)!;
      const value = got.value as Record<string, unknown>;
      assert.equal(Object.getPrototypeOf(value), null);
      assert.deepEqual(Object.keys(value), ['__proto__', 'a']);
      assert.equal(value.a, 2);
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
      assert.equal(Object.getPrototypeOf(value['__proto__']), null);
      assert.deepEqual(
        got.duplicateKeys.map((k) => k.offset),
        [text.lastIndexOf('"a"')],
      );
    });

    it('nodes: the root has no parent property; properties cover key to value end, with colonOffset', () => {
      const got = parseStrictJson(' {"ab" : [1, {"c":true}] } ', MAX_DEPTH)!;
      assert.equal('parent' in got.root, false);
      assert.deepEqual([got.root.type, got.root.offset, got.root.length], ['object', 1, 25]);
      const prop = got.root.children![0];
      assert.deepEqual([prop.type, prop.offset, prop.length, prop.colonOffset], ['property', 2, 22, 7]);
      const [key, value] = prop.children!;
      assert.deepEqual([key.type, key.offset, key.length, key.value, 'children' in key], ['string', 2, 4, 'ab', false]);
      assert.deepEqual([value.type, value.offset, value.length, 'value' in value], ['array', 9, 15, false]);
    });

    it('a depth of 512 within the limit of 512; 513 is too deep; other limits count alike', () => {
      assert.ok(parseStrictJson(nest(512, 'arrays'), 512));
      assert.equal(parseStrictJson(nest(513, 'arrays'), 512), undefined);
      assert.equal(parseStrictJson(nest(513, 'mixed'), 512), undefined);
      assert.equal(parseStrictJson(nest(512, 'arrays', '[]'), 512), undefined, 'an empty array counts as a level');
      assert.equal(parseStrictJson(nest(512, 'arrays', '{}'), 512), undefined, 'an empty object counts as a level');
      assert.ok(parseStrictJson('[]', 1));
      assert.ok(parseStrictJson('{"a": 1, "b": 2}', 1));
      assert.equal(parseStrictJson('[[]]', 1), undefined);
      assert.equal(parseStrictJson('{"a": {}}', 1), undefined);
      assert.ok(parseStrictJson('[[], {}, [1]]', 2));
      assert.ok(parseStrictJson('1', 0), 'a leaf has no depth');
      assert.equal(parseStrictJson('[]', 0), undefined);
      for (const [depth, kinds] of [
        [1, 'arrays'],
        [2, 'mixed'],
        [37, 'mixed'],
        [100, 'arrays'],
      ] as const) {
        assert.ok(parseStrictJson(nest(depth, kinds), depth));
        assert.equal(parseStrictJson(nest(depth + 1, kinds), depth), undefined);
      }
    });

    it('no recursion: 100,000 levels give undefined under the limit, and parse with no limit', () => {
      const deep = nest(100_000, 'mixed');
      assert.equal(parseStrictJson(deep, MAX_DEPTH), undefined);
      assert.equal(parseStrictJson('['.repeat(100_000), MAX_DEPTH), undefined);
      const got = parseStrictJson(deep, Infinity);
      assert.ok(got);
      let n: Node = got.root;
      let levels = 0;
      while (n.type === 'object' || n.type === 'array') {
        levels++;
        n = n.type === 'object' ? n.children![0].children![1] : n.children![0];
      }
      assert.equal(levels, 100_000);
      assert.deepEqual([n.type, n.value, n.offset], ['number', 1, deep.indexOf('1')]);
    });
  });

  describe('rejections: undefined for anything but strict JSON', () => {
    const REJECT: [string, string[]][] = [
      ['empty or whitespace only', ['', ' ', '\n', ' \t\r\n ']],
      [
        'comments',
        ['// c\n{}', '{} // c', '/* c */ {}', '{"a": /* c */ 1}', '{"a": 1 /**/}', '[1, // c\n 2]', '{"a": 1}\n/* unterminated', '/'],
      ],
      ['trailing commas', ['[1,]', '{"a": 1,}', '[1, 2, ]', '[[],]', '{"a": {},\n}', '[,]', '{,}']],
      [
        'syntax errors',
        [
          '{',
          '}',
          '[',
          ']',
          '{"a"}',
          '{"a":}',
          '{"a" 1}',
          '{"a"::1}',
          '{a: 1}',
          "{'a': 1}",
          '[1 2]',
          '{"a": 1 "b": 2}',
          '[,1]',
          '[1,,2]',
          ':',
          ',',
          '{"a": 1]',
          '[1}',
          '{1: 2}',
          '{null: 1}',
          '{"a": 1,, "b": 2}',
          '["a": 1]',
        ],
      ],
      ['unterminated strings', ['"abc', '"', '["abc]', '{"a: 1}', '"abc\\"', '"abc\\']],
      ['literals', ['tru', 'nul', 'fals', 'True', 'NULL', 'undefined', 'truex', '[true1]', 'nulll', 'falsey', '[nan]', 'nu ll']],
      ['control characters in strings', ['"\u0000"', '"a\tb"', '"a\nb"', '"a\rb"', '"\u001f"', '{"a\u0001": 1}', '["\u0008"]']],
      [
        'invalid escapes',
        [
          '"\\x41"',
          '"\\u12"',
          '"\\u12G4"',
          '"\\U0041"',
          '"\\a"',
          '"\\\'"',
          '"\\0"',
          '"\\u{41}"',
          '"\\u 041"',
          '"\\ "',
          '{"\\q": 1}',
          '"\\u00"',
          '"\\',
        ],
      ],
      [
        'invalid numbers',
        [
          '01',
          '-01',
          '00',
          '1.',
          '.5',
          '-',
          '+1',
          '0x1F',
          'NaN',
          'Infinity',
          '-Infinity',
          '1e',
          '1e+',
          '1E-',
          '1.e5',
          '-.5',
          '1_000',
          '١',
          '- 1',
          '--1',
          '1e5.5',
          '0.5.5',
          '1ee5',
          '1e5e5',
          '[01]',
          '[1.]',
          '{"a": -}',
          '0.',
          '-0.',
          '1.5e',
          '2.e-3',
          '٣',
        ],
      ],
      ['text after the value', ['{} {}', '[] x', '1 2', '"a" "b"', 'null,', '{}]', '[]]', '{}}', '{} \u0000', 'true false', '1/', '{}//']],
      [
        'whitespace that is not JSON',
        [
          '\ufeff{}',
          '{}\ufeff',
          '\u00a0{}',
          '\u2028{}',
          '\u2029[]',
          '\u000b{}',
          '\u000c{}',
          '{\u00a0}',
          '[1,\u3000 2]',
          '\u0085[]',
          '{"a":\u00a01}',
          '[1\u000c]',
        ],
      ],
      ['too deep', [nest(513, 'arrays'), nest(513, 'mixed'), nest(600, 'mixed', '[]'), '['.repeat(513) + ']'.repeat(513)]],
    ];
    for (const [name, texts] of REJECT) {
      it(name, () => {
        for (const text of texts) {
          assert.equal(parseStrictJson(text, MAX_DEPTH), undefined, JSON.stringify(text));
          if (name === 'too deep') continue;
          assert.throws(() => JSON.parse(text), JSON.stringify(text) + ' is not JSON');
          // And the jsonc-parser path reports it: an error, a comment or a trailing comma.
          const errors: ParseError[] = [];
          parseTree(text, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false });
          assert.ok(errors.length > 0, `jsonc-parser (strict options) finds no error in ${JSON.stringify(text)}`);
        }
      });
    }

    it('never throws, on any input type', () => {
      for (const x of [undefined, null, 1, {}, [], Symbol('s')])
        assert.equal(parseStrictJson(x as unknown as string, MAX_DEPTH), undefined);
      assert.equal(parseStrictJson('{}', NaN)?.root.type, 'object', 'no depth limit when NaN, as in parse.ts');
    });
  });

  describe('findDuplicateKeys', () => {
    it('the fast parser orders duplicates as the jsonc-parser path does (on a text it reads with jsonc-parser: it has a comment)', () => {
      const text =
        '// c\n{"a":1,"a":2,"b":{"x":1,"x":2,"y":{"q":0,"q":1}},"c":[{"y":1,"y":2},{"z":{"q":1,"q":2}}],"a":3,"d":{"e":{"f":1,"f":2}}}';
      const parsed = parseDocument(text);
      const want: Node[] = [];
      findDuplicateKeys(parsed.root!, want);
      assert.deepEqual(parsed.duplicateKeys.map(where), want.map(where));
      assert.deepEqual(
        parseStrictJson(text.slice(5), MAX_DEPTH)!.duplicateKeys.map((k) => k.offset + 5),
        want.map((k) => k.offset),
      );
    });
  });

  describe('fast-check', () => {
    it('strict JSON: the same as jsonc-parser (or, past the depth limit, undefined)', () => {
      console.log(`[fuzz] seed ${SEED}: replay with FUZZ_SEED=${SEED} (FUZZ_RUNS_SCALE=${RUNS_SCALE})`);
      let results = 0;
      let tooDeep = 0;
      let withDuplicates = 0;
      let duplicatesInTwoObjects = 0;
      check(
        'fastParse strict JSON',
        fc.property(strictTextArb, (text) => {
          assert.doesNotThrow(() => JSON.parse(text), 'the generator writes strict JSON');
          assertContract(text);
          const got = parseStrictJson(text, MAX_DEPTH);
          if (!got) {
            tooDeep++;
            return;
          }
          results++;
          if (got.duplicateKeys.length) withDuplicates++;
          if (new Set(got.duplicateKeys.map((k) => k.parent!.parent)).size > 1) duplicatesInTwoObjects++;
        }),
        2000,
      );
      console.log(
        `[fuzz] fastParse strict JSON: ${results} parsed (${withDuplicates} with duplicate keys, ${duplicatesInTwoObjects} in two objects or more), ${tooDeep} too deep`,
      );
      if (ONLY_PROPERTY === undefined) assert.ok(results > 0 && withDuplicates > 0 && duplicatesInTwoObjects > 0);
    });

    it('any text (mutated JSON, token soup, random code units): undefined, or exactly jsonc-parser’s result', () => {
      let results = 0;
      let total = 0;
      check(
        'fastParse any text',
        fc.property(anyTextArb, (text) => {
          total++;
          assertContract(text);
          if (parseStrictJson(text, MAX_DEPTH)) results++;
        }),
        2500,
      );
      console.log(`[fuzz] fastParse any text: ${results} of ${total} texts were strict JSON`);
    });
  });
});
