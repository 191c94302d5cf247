/**
 * Generators of documents for the fuzz suite: random JSON, token soup, and structured mutations of
 * the valid fixtures (keys dropped, duplicated, renamed, values of the wrong type, random characters
 * and tokens, truncation, comments, trailing commas, other whitespace and line breaks), and random
 * edits and cursor positions. Mutations are plain data applied deterministically, so that fast-check
 * can shrink them and a seed replays them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import type { Position } from '../../../server/src/service';

export const ROOT = resolve(__dirname, '../../../..');

function readJsonDir(dir: string): { name: string; text: string }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ name: f, text: readFileSync(join(dir, f), 'utf8') }));
}

/** The valid fixtures: the seeds of the structured mutations. */
export const VALID = readJsonDir(join(ROOT, 'test/fixtures/valid')).map((f) => ({ ...f, value: JSON.parse(f.text) as unknown }));
/** The invalid fixtures, as text (some are not JSON). */
export const INVALID = readJsonDir(join(ROOT, 'test/fixtures/invalid'));

// ---------------------------------------------------------------------------------------------
// Vocabulary: the model's property names and enum values, so that mutations stay close to real files.

function schemaVocabulary(): { keys: string[]; values: string[] } {
  const schema = JSON.parse(readFileSync(join(ROOT, 'schemas/phone-delivery-settings.schema.json'), 'utf8'));
  const keys = new Set<string>();
  const values = new Set<string>();
  const stack: unknown[] = [schema];
  while (stack.length) {
    const n = stack.pop();
    if (Array.isArray(n)) stack.push(...n);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (o.properties && typeof o.properties === 'object') for (const k of Object.keys(o.properties)) keys.add(k);
      if (Array.isArray(o.enum)) for (const v of o.enum) if (typeof v === 'string') values.add(v);
      if (typeof o.const === 'string') values.add(o.const);
      stack.push(...Object.values(o));
    }
  }
  return { keys: [...keys].sort(), values: [...values].sort() };
}

const VOCAB = schemaVocabulary();

/** Keys that meet `Object.prototype`, empty and odd keys. */
const ODD_KEYS = [
  '',
  ' ',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'length',
  '0',
  '\u0000',
  'provider ',
  'Provider',
  'é',
  '😀',
  '\\',
  '"',
  '$ref',
];

export const keyArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...VOCAB.keys) },
  { weight: 2, arbitrary: fc.constantFrom(...ODD_KEYS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
);

const STRING_VALUES = [
  ...VOCAB.values,
  '',
  ' ',
  '{{secret}}',
  '{{ twilioAuthToken }}',
  '{{',
  '}}',
  '{{a}}{{b}}',
  '\\{{x}}',
  '${to}',
  '${message}',
  '${',
  '${}',
  '${user.user.name}',
  '${unknown}',
  'https://g.example.com/send?to=${to}&m=${message}',
  'http://g.example.com/send?to=${to}',
  'https://',
  'to=${to}&message=${message}',
  '{"to":"${to}","message":"${message}"}',
  'application/json',
  'application/x-www-form-urlencoded',
  'Content-Type',
  '+14155552671',
  '14155552671',
  '+1 (415) 555-2671',
  '12345',
  'US',
  'uk',
  'AC1234567890abcdef1234567890abcdef',
  '10520e48-3d04-49bf-bcf7-2e0300f81abb',
  'messageType=text',
  '\u0000',
  '\u2028',
  '😀',
  '\ud800',
];

/** Raw tokens: broken values, comments, and everything else a JSON scanner meets. */
export const TOKENS = [
  '{',
  '}',
  '[',
  ']',
  ':',
  ',',
  '"',
  '\\',
  '/',
  '*',
  '//',
  '/*',
  '*/',
  '// c\n',
  '/* c */',
  '\n',
  '\r\n',
  '\r',
  '\t',
  ' ',
  'true',
  'false',
  'null',
  'tru',
  'nul',
  'NaN',
  'Infinity',
  '-',
  '0',
  '01',
  '1e',
  '1e999',
  '-0',
  '0.5',
  '.5',
  '1.',
  '0x10',
  '"a"',
  '"provider"',
  '"provider":',
  '"CUSTOM_PROVIDER"',
  '"requests":[',
  '"authentication":{',
  '"method":"POST"',
  '"body":"',
  '"\\u00"',
  '"\\x"',
  '"\\',
  '"\u0001"',
  '${',
  '}}',
  '{{',
  '\u00a0',
  '\ufeff',
  '\u2028',
  '😀',
  '\ud83d',
  '\udc00',
];

/** A JSON tree that may hold duplicate keys and raw (broken) tokens as values. */
export type JNode =
  | { k: 'obj'; props: [string, JNode][] }
  | { k: 'arr'; items: JNode[] }
  | { k: 'lit'; v: string | number | boolean | null }
  | { k: 'raw'; text: string };

export function toTree(v: unknown): JNode {
  if (Array.isArray(v)) return { k: 'arr', items: v.map(toTree) };
  if (v !== null && typeof v === 'object')
    return { k: 'obj', props: Object.entries(v as Record<string, unknown>).map(([key, x]) => [key, toTree(x)]) };
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null) return { k: 'lit', v };
  return { k: 'lit', v: null };
}

function deepArray(depth: number, inner: JNode): JNode {
  let n = inner;
  for (let i = 0; i < depth; i++) n = i % 2 ? { k: 'arr', items: [n] } : { k: 'obj', props: [['a', n]] };
  return n;
}

export const valueArb: fc.Arbitrary<JNode> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...STRING_VALUES).map((v): JNode => ({ k: 'lit', v })) },
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 2 }).map(toTree) },
  { weight: 1, arbitrary: fc.constantFrom(...TOKENS).map((text): JNode => ({ k: 'raw', text })) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<JNode>(
      { k: 'obj', props: [] },
      { k: 'arr', items: [] },
      { k: 'lit', v: 0 },
      { k: 'lit', v: -1.5e300 },
      { k: 'lit', v: true },
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom(...VALID).map((f) => toTree(f.value)) },
  // Deep nesting: around 100 levels (200 columns of indentation when formatted with tabSize 2), and
  // past the default depth limit (512) now and then.
  {
    weight: 1,
    arbitrary: fc
      .oneof(
        { weight: 6, arbitrary: fc.integer({ min: 1, max: 30 }) },
        { weight: 2, arbitrary: fc.integer({ min: 95, max: 105 }) },
        { weight: 1, arbitrary: fc.integer({ min: 505, max: 520 }) },
      )
      .map((d) => deepArray(d, { k: 'lit', v: 1 })),
  },
);

export type Mutation =
  | { op: 'drop'; sel: number }
  | { op: 'dup'; sel: number; value: JNode | null }
  | { op: 'rename'; sel: number; key: string }
  | { op: 'retype'; sel: number; value: JNode }
  | { op: 'add'; sel: number; key: string; value: JNode }
  | { op: 'wrap'; sel: number; inArray: boolean }
  | { op: 'swap'; sel: number };

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('drop' as const), sel: fc.nat() }),
  fc.record({ op: fc.constant('dup' as const), sel: fc.nat(), value: fc.option(valueArb, { freq: 2 }) }),
  fc.record({ op: fc.constant('rename' as const), sel: fc.nat(), key: keyArb }),
  fc.record({ op: fc.constant('retype' as const), sel: fc.nat(), value: valueArb }),
  fc.record({ op: fc.constant('add' as const), sel: fc.nat(), key: keyArb, value: valueArb }),
  fc.record({ op: fc.constant('wrap' as const), sel: fc.nat(), inArray: fc.boolean() }),
  fc.record({ op: fc.constant('swap' as const), sel: fc.nat() }),
);

/** Containers in document order (the root first). */
function containers(root: JNode): Extract<JNode, { k: 'obj' | 'arr' }>[] {
  const out: Extract<JNode, { k: 'obj' | 'arr' }>[] = [];
  const stack: JNode[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.k === 'obj') {
      out.push(n);
      for (let i = n.props.length - 1; i >= 0; i--) stack.push(n.props[i][1]);
    } else if (n.k === 'arr') {
      out.push(n);
      for (let i = n.items.length - 1; i >= 0; i--) stack.push(n.items[i]);
    }
  }
  return out;
}

const clone = (n: JNode): JNode => structuredClone(n);

/** Applies the mutations to a copy of the tree. Selectors wrap around, so every mutation applies somewhere. */
export function mutate(tree: JNode, mutations: Mutation[]): JNode {
  let root = clone(tree);
  for (const m of mutations) {
    const all = containers(root);
    if (!all.length) {
      if (m.op === 'retype' || m.op === 'add') root = m.op === 'retype' ? clone(m.value) : { k: 'obj', props: [[m.key, clone(m.value)]] };
      continue;
    }
    const c = all[m.sel % all.length];
    const size = c.k === 'obj' ? c.props.length : c.items.length;
    const i = size ? Math.floor(m.sel / all.length) % size : 0;
    switch (m.op) {
      case 'drop':
        if (c.k === 'obj') c.props.splice(i, 1);
        else c.items.splice(i, 1);
        break;
      case 'dup':
        if (!size) break;
        if (c.k === 'obj') c.props.splice(i + 1, 0, [c.props[i][0], clone(m.value ?? c.props[i][1])]);
        else c.items.splice(i + 1, 0, clone(m.value ?? c.items[i]));
        break;
      case 'rename':
        if (c.k === 'obj' && size) c.props[i][0] = m.key;
        break;
      case 'retype':
        if (!size) break;
        if (c.k === 'obj') c.props[i][1] = clone(m.value);
        else c.items[i] = clone(m.value);
        break;
      case 'add':
        if (c.k === 'obj') c.props.splice(i, 0, [m.key, clone(m.value)]);
        else c.items.splice(i, 0, clone(m.value));
        break;
      case 'wrap': {
        if (!size) break;
        const wrap = (n: JNode): JNode => (m.inArray ? { k: 'arr', items: [n] } : { k: 'obj', props: [['value', n]] });
        if (c.k === 'obj') c.props[i][1] = wrap(c.props[i][1]);
        else c.items[i] = wrap(c.items[i]);
        break;
      }
      case 'swap':
        if (size < 2) break;
        if (c.k === 'obj') [c.props[i], c.props[(i + 1) % size]] = [c.props[(i + 1) % size], c.props[i]];
        else [c.items[i], c.items[(i + 1) % size]] = [c.items[(i + 1) % size], c.items[i]];
        break;
    }
  }
  return root;
}

export interface Style {
  indent: '' | ' ' | '  ' | '    ' | '\t';
  eol: '\n' | '\r\n' | '\r';
  colonSpace: boolean;
  /** Bit i: container i (document order) gets a trailing comma. */
  trailingCommas: number;
  /** Bit i: a comment before member i (document order). */
  comments: number;
  comment: string;
  finalEol: boolean;
}

export const styleArb: fc.Arbitrary<Style> = fc.record({
  indent: fc.constantFrom('' as const, ' ' as const, '  ' as const, '    ' as const, '\t' as const),
  eol: fc.constantFrom('\n' as const, '\n' as const, '\n' as const, '\r\n' as const, '\r' as const),
  colonSpace: fc.boolean(),
  trailingCommas: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat() }),
  comments: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat() }),
  comment: fc.constantFrom('// note', '/* note */', '/* multi\nline */', '//', '/**/', '/* unterminated'),
  finalEol: fc.boolean(),
});

/** Serializes like `JSON.stringify(v, null, indent)`, with duplicates, raw tokens, comments and trailing commas. */
export function serialize(root: JNode, style: Style): string {
  const out: string[] = [];
  let container = 0;
  let member = 0;
  // Indentation stops growing at 12 levels, so that a deep document stays small.
  const nl = (depth: number): string => (style.indent ? style.eol + style.indent.repeat(Math.min(depth, 12)) : '');
  const bit = (mask: number, i: number): boolean => ((mask >>> (i % 31)) & 1) === 1;
  // Iterative (a mutation may nest 600 levels deep): a work list of strings and nodes to write.
  type Work = string | { node: JNode; depth: number };
  const work: Work[] = [{ node: root, depth: 0 }];
  while (work.length) {
    const w = work.pop()!;
    if (typeof w === 'string') {
      out.push(w);
      continue;
    }
    const { node, depth } = w;
    if (node.k === 'lit') out.push(JSON.stringify(node.v));
    else if (node.k === 'raw') out.push(node.text);
    else {
      const members: Work[] = [];
      const n = node.k === 'obj' ? node.props.length : node.items.length;
      const trailing = n > 0 && bit(style.trailingCommas, container++);
      for (let i = 0; i < n; i++) {
        const comment = bit(style.comments, member++) ? style.comment + (style.comment.startsWith('//') ? style.eol : ' ') : '';
        members.push(nl(depth + 1) + comment);
        if (node.k === 'obj') {
          const [key, value] = node.props[i];
          members.push(JSON.stringify(key) + (style.colonSpace || style.indent ? ': ' : ':'));
          members.push({ node: value, depth: depth + 1 });
        } else {
          members.push({ node: node.items[i], depth: depth + 1 });
        }
        if (i < n - 1 || trailing) members.push(',');
      }
      const [open, close] = node.k === 'obj' ? ['{', '}'] : ['[', ']'];
      out.push(open);
      work.push((n ? nl(depth) : '') + close);
      for (let i = members.length - 1; i >= 0; i--) work.push(members[i]);
    }
  }
  return out.join('') + (style.finalEol ? style.eol : '');
}

export type TextMutation =
  | { op: 'insert'; at: number; text: string }
  | { op: 'delete'; at: number; length: number }
  | { op: 'truncate'; at: number }
  | { op: 'dupLine'; at: number };

export const insertTextArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...TOKENS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 4 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...TOKENS), { maxLength: 6 }).map((t) => t.join('')) },
);

export const textMutationArb: fc.Arbitrary<TextMutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: insertTextArb }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 8 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('dupLine' as const), at: fc.nat() }) },
);

export function mutateText(text: string, mutations: TextMutation[]): string {
  let t = text;
  for (const m of mutations) {
    const at = m.at % (t.length + 1);
    switch (m.op) {
      case 'insert':
        t = t.slice(0, at) + m.text + t.slice(at);
        break;
      case 'delete':
        t = t.slice(0, at) + t.slice(at + m.length);
        break;
      case 'truncate':
        t = t.slice(0, at);
        break;
      case 'dupLine': {
        const start = t.lastIndexOf('\n', at - 1) + 1;
        let end = t.indexOf('\n', at);
        end = end < 0 ? t.length : end + 1;
        t = t.slice(0, end) + t.slice(start, end) + t.slice(end);
        break;
      }
    }
  }
  return t;
}

/** A fixture, mutated in structure, written in some style, then mutated as text. */
export interface MutatedFixture {
  fixture: number;
  mutations: Mutation[];
  style: Style;
  text: TextMutation[];
}

export const mutatedFixtureArb: fc.Arbitrary<MutatedFixture> = fc.record({
  fixture: fc.nat({ max: VALID.length - 1 }),
  mutations: fc.array(mutationArb, { maxLength: 4 }),
  style: styleArb,
  text: fc.oneof(
    { weight: 1, arbitrary: fc.constant<TextMutation[]>([]) },
    { weight: 1, arbitrary: fc.array(textMutationArb, { minLength: 1, maxLength: 3 }) },
  ),
});

const FIXTURE_TREES = VALID.map((f) => toTree(f.value));

export function renderMutatedFixture(m: MutatedFixture): string {
  return mutateText(serialize(mutate(FIXTURE_TREES[m.fixture], m.mutations), m.style), m.text);
}

/** Random JSON text: any value, stringified with some indentation. */
export const randomJsonTextArb: fc.Arbitrary<string> = fc
  .tuple(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom(undefined, 0, 1, 2, '\t'))
  .map(([v, indent]) => JSON.stringify(v, null, indent) ?? 'null');

/** Token soup: JSON punctuation, keywords, model keys and values, comments, stray characters. */
export const tokenSoupArb: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...TOKENS) },
      { weight: 2, arbitrary: fc.constantFrom(...VOCAB.keys, ...VOCAB.values).map((s) => JSON.stringify(s)) },
      { weight: 1, arbitrary: fc.string({ maxLength: 3 }) },
    ),
    { maxLength: 40 },
  )
  .map((t) => t.join(''));

/** Any document this suite generates. */
export const documentTextArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: mutatedFixtureArb.map(renderMutatedFixture) },
  { weight: 2, arbitrary: randomJsonTextArb },
  { weight: 2, arbitrary: tokenSoupArb },
  { weight: 1, arbitrary: fc.constantFrom(...INVALID.map((f) => f.text)) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
  // Any UTF-16 code unit, lone surrogates included.
  { weight: 1, arbitrary: fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 80 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '\n',
      '{',
      '{}',
      '[]',
      '"',
      '{"',
      '{"provider"',
      '{"provider":',
      '{"provider":"',
      '\ufeff{}',
      'null',
    ),
  },
);

/**
 * A cursor: mostly an offset into the document (taken modulo its length + 1), sometimes a raw
 * position as a client may send it (past the last line, past the line's end, negative).
 */
export type CursorSpec = { offset: number } | { raw: Position };

export const cursorArb: fc.Arbitrary<CursorSpec> = fc.oneof(
  { weight: 9, arbitrary: fc.nat().map((offset) => ({ offset })) },
  {
    weight: 1,
    arbitrary: fc.record({ line: fc.integer({ min: -2, max: 200 }), character: fc.integer({ min: -2, max: 300 }) }).map((raw) => ({ raw })),
  },
);

export function cursorPosition(document: { positionAt(offset: number): Position; getText(): string }, spec: CursorSpec): Position {
  return 'raw' in spec ? spec.raw : document.positionAt(spec.offset % (document.getText().length + 1));
}

/** One incremental change, with the positions picked like cursors; rarely a whole-document change. */
export interface EditSpec {
  start: CursorSpec;
  /** Characters after the start that the change replaces (before clamping). */
  length: number;
  text: string;
  full: boolean;
}

export const editArb: fc.Arbitrary<EditSpec> = fc.record({
  start: cursorArb,
  length: fc.oneof(
    { weight: 3, arbitrary: fc.constant(0) },
    { weight: 2, arbitrary: fc.integer({ min: 1, max: 6 }) },
    { weight: 1, arbitrary: fc.nat({ max: 400 }) },
  ),
  text: fc.oneof(
    { weight: 3, arbitrary: insertTextArb },
    { weight: 1, arbitrary: fc.constant('') },
    { weight: 1, arbitrary: fc.constantFrom(...VOCAB.keys, ...VOCAB.values).map((s) => JSON.stringify(s)) },
    { weight: 1, arbitrary: fc.constantFrom('\r', '\n', '\r\n', '"', ':', ',', '{', '}', '[', ']') },
  ),
  full: fc.oneof({ weight: 30, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
});
