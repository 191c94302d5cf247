#!/usr/bin/env node
// The cost of the server's open documents (server/src/service/textDocument.ts) against
// vscode-languageserver-textdocument's own TextDocument, per open and per keystroke, on the
// benchmark's documents (documents.mjs). In-process, no LSP: only what the document itself costs.
// `node test/bench/textDocument.mjs --help` for the options; build first (`npm run build`).
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { makeDocument, sizeKey, SIZES } from './documents.mjs';
import { compare, fmt } from './micro.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
const require = createRequire(import.meta.url);
const { TextDocument } = require('vscode-languageserver-textdocument');

const HELP = `Usage: node test/bench/textDocument.mjs [options]

Times, for each implementation and document size (medians over rounds, in microseconds per operation):
  open       create the document, then its first positionAt (middle of the text) and lineCount
  type       a one-character insertion in the middle (the benchmark's edit spot), then positionAt
             there; the next round deletes it again, so the text keeps its size
  replace    a one-character replacement there (a digit of a phone number), then positionAt
Implementations: "library" (TextDocument.create / TextDocument.update of
vscode-languageserver-textdocument, no change reporting) and "server" (createTextDocument /
updateTextDocument of out/server/src/service/textDocument.js, each change reported as offsets, as
the server does for the incremental parse). Their samples are interleaved.

Options:
  --sizes LIST     of 1k,20k,200k,2m (default all)
  --rounds N       timed rounds per metric and implementation (default 41)
  --batch-ms N     each round repeats the operation for about this long (default 5)
  --clock C        cpu (default: process CPU time, steadier on a busy machine) or wall
  --crlf           the documents with "\\r\\n" line breaks
  --module L=PATH  also time a CommonJS module exporting createTextDocument and updateTextDocument
                   (e.g. an older compiled textDocument.js), labelled L; may be repeated
  -h, --help       this help
`;

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: Object.keys(SIZES).join(',') },
    rounds: { type: 'string', default: '41' },
    'batch-ms': { type: 'string', default: '5' },
    clock: { type: 'string', default: 'cpu' },
    crlf: { type: 'boolean', default: false },
    module: { type: 'string', multiple: true, default: [] },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  process.stdout.write(HELP);
  process.exit(0);
}
const options = { rounds: Number(args.rounds), batchMs: Number(args['batch-ms']), clock: args.clock };

/** Each implementation as (create, update): update reports changes to a listener where it can. */
const implementations = [
  { label: 'library', create: TextDocument.create, update: (d, changes, version) => TextDocument.update(d, changes, version) },
];
const addModule = (label, path) => {
  const m = require(resolve(ROOT, path));
  const sink = () => undefined;
  implementations.push({
    label,
    create: m.createTextDocument,
    update: (d, changes, version) => m.updateTextDocument(d, changes, version, sink),
  });
};
addModule('server', 'out/server/src/service/textDocument.js');
for (const spec of args.module) {
  const eq = spec.indexOf('=');
  if (eq < 1) throw new Error(`--module ${spec}: expected LABEL=PATH`);
  addModule(spec.slice(0, eq), spec.slice(eq + 1));
}

/** The benchmark document of a size, and the offset of its edit spot (the last digit of a phone number). */
function documentOf(size) {
  const { valid } = makeDocument(size);
  let text = valid.text;
  const lf = TextDocument.create('file:///lf.json', 'json', 1, text);
  let offset = lf.offsetAt(valid.spots.edit.range.start);
  if (args.crlf) {
    offset += lf.positionAt(offset).line; // one "\r" more before each line above
    text = text.replace(/\n/g, '\r\n');
  }
  return { text, offset, lines: lf.lineCount };
}

/** For each implementation, an operation to time (setup done once, outside the timing). */
const METRICS = {
  open: (impl, { text, offset }) => {
    let sink = 0;
    return (i) => {
      const d = impl.create('file:///bench.json', 'json', i, text);
      sink += d.positionAt(offset).line + d.lineCount;
      return sink;
    };
  },
  type: (impl, { text, offset }) => {
    const d = impl.create('file:///bench.json', 'json', 1, text);
    void d.lineCount;
    let version = 1;
    let inserted = false;
    return () => {
      const at = d.positionAt(offset);
      const range = inserted ? { start: at, end: d.positionAt(offset + 1) } : { start: at, end: at };
      impl.update(d, [{ range, text: inserted ? '' : '7' }], ++version);
      inserted = !inserted;
      return d.positionAt(offset).character;
    };
  },
  replace: (impl, { text, offset }) => {
    const d = impl.create('file:///bench.json', 'json', 1, text);
    void d.lineCount;
    let version = 1;
    const digits = [text[offset] === '7' ? '8' : '7', text[offset]];
    return () => {
      const range = { start: d.positionAt(offset), end: d.positionAt(offset + 1) };
      impl.update(d, [{ range, text: digits[version & 1] }], ++version);
      return d.positionAt(offset).character;
    };
  },
};

for (const size of args.sizes.split(',').map(sizeKey)) {
  const doc = documentOf(size);
  for (const [metric, make] of Object.entries(METRICS)) {
    const results = compare(
      implementations.map((impl) => make(impl, doc)),
      options,
    );
    const row = { size, bytes: doc.text.length, lines: doc.lines, metric };
    implementations.forEach((impl, j) => {
      row[impl.label] = results[j].median;
      row[`${impl.label} p90`] = results[j].p90;
    });
    const cells = implementations.map((impl) => `${impl.label} ${fmt(row[impl.label])} (p90 ${fmt(row[`${impl.label} p90`])})`);
    const base = row.library;
    const deltas = implementations
      .slice(1)
      .map((impl) => `${impl.label} − library ${row[impl.label] - base >= 0 ? '+' : '−'}${fmt(Math.abs(row[impl.label] - base))}`);
    console.log(
      `${size.padEnd(4)} ${String(doc.text.length).padStart(8)} chars ${String(doc.lines).padStart(6)} lines  ${metric.padEnd(7)}  µs/op: ${cells.join('  ')}  ${deltas.join('  ')}`,
    );
  }
}
console.log(
  `\n${options.rounds} rounds of ~${options.batchMs} ms (${options.clock} time) per cell; medians, µs per operation${args.crlf ? '; "\\r\\n" line breaks' : ''}.`,
);
