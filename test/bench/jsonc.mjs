#!/usr/bin/env node
// The hand-written parts of the language service that stand in for jsonc-parser, against the
// jsonc-parser code they replace, on the benchmark's documents (documents.mjs), in-process:
// - fastParse.ts (parseStrictJson), the one-pass parse of strict JSON, against parse.ts's
//   jsonc-parser path (a scan for comments and trailing commas, parseTree, getNodeValue, a walk for
//   duplicate keys), per open and per keystroke;
// - completeContext.ts's locationAt, which scans only the object or array around the cursor,
//   against jsonc-parser's getLocation, which scans the text from its start to the cursor.
// `node test/bench/jsonc.mjs --help` for the options; build first (`npm run build`).
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { makeDocument, sizeKey, SIZES } from './documents.mjs';
import { compare, fmt } from './micro.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
const require = createRequire(import.meta.url);
const jsonc = require('jsonc-parser');
const { TextDocument } = require('vscode-languageserver-textdocument');
const { parseDocument } = require(resolve(ROOT, 'out/server/src/service/parse.js'));
const { parseStrictJson } = require(resolve(ROOT, 'out/server/src/service/fastParse.js'));
const { cursorContext } = require(resolve(ROOT, 'out/server/src/service/completeContext.js'));
const { createPhoneDeliveryService } = require(resolve(ROOT, 'out/server/src/service/index.js'));

const HELP = `Usage: node test/bench/jsonc.mjs [options]

Times, per document size (medians over interleaved rounds, microseconds per operation), the
server's code ("ours") against the jsonc-parser code it replaces ("jsonc"):

  parse.open          parseDocument of the valid document. jsonc: the same text after a "/**/",
                      which sends parse.ts down its jsonc-parser path at the first character
  parse.typed-space   a space typed after a comma in the middle (and deleted again next run), then
                      the server's reparse: the patch declines (not inside a value), a full parse
  parse.typed-letter  a letter there instead (an "x" after the comma, replaced by a "y" next run,
                      and back): the text is not JSON, so the fast pass gives up where it meets
                      the letter and the jsonc-parser path runs after it (ours) or alone (jsonc)
  parse.typed-digit   a digit of a phone number replaced: the patch applies, no parse (both)
  fast-pass.wasted    ours only: parseStrictJson of that text with the letter, which gives up at it
                      (what the fast path adds to the parse of a text that is not JSON)
  context.<spot>      cursorContext at a completion spot, with the parse tree (ours: locationAt,
                      the object around the cursor) and without (jsonc: getLocation from the start);
                      spots: property (a key of a number 2/5 into the document), enum (a "type"
                      value there), last (a key of the last number)

Options:
  --sizes LIST     of 1k,20k,200k,2m (default all)
  --rounds N       timed rounds per metric and side (default 41)
  --batch-ms N     each round repeats the operation for about this long (default 5)
  --clock C        cpu (default: process CPU time, steadier on a busy machine) or wall
  -h, --help       this help
`;

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: Object.keys(SIZES).join(',') },
    rounds: { type: 'string', default: '41' },
    'batch-ms': { type: 'string', default: '5' },
    clock: { type: 'string', default: 'cpu' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  process.stdout.write(HELP);
  process.exit(0);
}
const options = { rounds: Number(args.rounds), batchMs: Number(args['batch-ms']), clock: args.clock };

/** Makes the jsonc side's text: parse.ts takes its jsonc-parser path for it at once. */
const JSONC_PREFIX = '/**/';
const service = createPhoneDeliveryService();

/** Checks that both sides parse to the same value: the comparison is of like with like. */
function checkSame(text) {
  const ours = parseDocument(text);
  const theirs = parseDocument(JSONC_PREFIX + text);
  if (JSON.stringify(ours.value) !== JSON.stringify(theirs.value)) throw new Error('the two parses differ');
  if (theirs.problems.length !== 1 || theirs.problems[0].code !== 'comment-not-allowed')
    throw new Error('the jsonc side was not the jsonc path');
}

/** A typing loop on one document: `texts[0]`, `texts[1]` alternately, each reparsed from the previous parse. */
function typing(prefix, text, at, typed) {
  const base = prefix + text;
  const offset = at + prefix.length;
  const document = TextDocument.create('file:///bench.json', 'json', 1, base);
  let parsed = service.parse(document);
  let version = 1;
  let inserted = false;
  return () => {
    const change = inserted ? { offset, removed: typed.length, text: '' } : { offset, removed: 0, text: typed };
    const range = { start: document.positionAt(offset), end: document.positionAt(offset + change.removed) };
    TextDocument.update(document, [{ range, text: change.text }], ++version);
    inserted = !inserted;
    parsed = service.reparse(parsed, [change], document);
    return parsed;
  };
}

/** Replaces the character at `at` by another, then back, each time reparsed from the previous parse. */
function replacing(prefix, text, at, other) {
  const offset = at + prefix.length;
  const document = TextDocument.create('file:///bench.json', 'json', 1, prefix + text);
  const digits = [other, text[at]];
  let parsed = service.parse(document);
  let version = 1;
  return () => {
    const replacement = digits[version & 1];
    const range = { start: document.positionAt(offset), end: document.positionAt(offset + 1) };
    TextDocument.update(document, [{ range, text: replacement }], ++version);
    parsed = service.reparse(parsed, [{ offset, removed: 1, text: replacement }], document);
    return parsed;
  };
}

for (const size of args.sizes.split(',').map(sizeKey)) {
  const { valid } = makeDocument(size);
  const text = valid.text;
  checkSame(text);
  const document = TextDocument.create('file:///bench.json', 'json', 1, text);
  const root = jsonc.parseTree(text);
  const numbers = jsonc.findNodeAtLocation(root, ['numbers']);
  const middle = numbers.children[(numbers.children.length - 1) >> 1];
  // After the comma that ends the middle number: between two tokens.
  const betweenTokens = middle.offset + middle.length + 1;
  if (text[betweenTokens - 1] !== ',') throw new Error('no comma after the middle number');
  const broken = text.slice(0, betweenTokens) + 'x' + text.slice(betweenTokens);
  if (parseDocument(broken).problems.length === 0 || parseStrictJson(broken, 512)) throw new Error('the broken text parses');
  const editAt = document.offsetAt(valid.spots.edit.range.start);
  const digit = text[editAt] === '7' ? '8' : '7';
  const last = numbers.children[numbers.children.length - 1];
  const lastKey = jsonc.findNodeAtLocation(last, ['available']).parent.children[0];
  const spots = {
    property: document.offsetAt(valid.spots.completionProperty.position),
    enum: document.offsetAt(valid.spots.completionEnum.position),
    last: lastKey.offset + 1,
  };
  const parsedRoot = parseDocument(text).root;
  const metrics = {
    'parse.open': [() => parseDocument(text), () => parseDocument(JSONC_PREFIX + text)],
    'parse.typed-space': [typing('', text, betweenTokens, ' '), typing(JSONC_PREFIX, text, betweenTokens, ' ')],
    'parse.typed-letter': [replacing('', broken, betweenTokens, 'y'), replacing(JSONC_PREFIX, broken, betweenTokens, 'y')],
    'parse.typed-digit': [replacing('', text, editAt, digit), replacing(JSONC_PREFIX, text, editAt, digit)],
    'fast-pass.wasted': [() => parseStrictJson(broken, 512)],
  };
  for (const [spot, offset] of Object.entries(spots)) {
    const a = JSON.stringify(cursorContext(text, offset, parsedRoot));
    const b = JSON.stringify(cursorContext(text, offset, undefined));
    if (a !== b) throw new Error(`the contexts at ${spot} differ: ${a} / ${b}`);
    metrics[`context.${spot}`] = [() => cursorContext(text, offset, parsedRoot), () => cursorContext(text, offset, undefined)];
  }
  for (const [metric, ops] of Object.entries(metrics)) {
    const [ours, theirs] = compare(ops, options);
    if (!theirs) {
      console.log(
        `${size.padEnd(4)} ${String(text.length).padStart(8)} chars  ${metric.padEnd(18)}  µs/op: ours ${fmt(ours.median)} (p90 ${fmt(ours.p90)})`,
      );
      continue;
    }
    const saved = theirs.median - ours.median;
    console.log(
      `${size.padEnd(4)} ${String(text.length).padStart(8)} chars  ${metric.padEnd(18)}  µs/op: ours ${fmt(ours.median)} (p90 ${fmt(ours.p90)})  jsonc ${fmt(theirs.median)} (p90 ${fmt(theirs.p90)})  saved ${saved >= 0 ? '' : '−'}${fmt(Math.abs(saved))}`,
    );
  }
}
console.log(`\n${options.rounds} rounds of ~${options.batchMs} ms (${options.clock} time) per cell; medians, µs per operation.`);
