#!/usr/bin/env node
// The performance benchmark of issue 5 (`npm run bench`): our language server against VS Code's own
// JSON language server (the anchor) validating the same payloads against the same schema, over real
// LSP on stdio, with interleaved samples and bootstrap intervals of the ratios of medians.
// `node test/bench/run.mjs --help` for the options. Not part of `npm test` (no timing assertions
// there); `test/unit/bench/smoke.test.ts` runs it with `--quick`.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { cliDocument, makeDocument, sizeKey, SIZES } from './documents.mjs';
import { completionItems, hoverText, LspServer, plainLabel } from './lsp-client.mjs';
import { bootstrapGrowth, bootstrapRatio, summarize } from './stats.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
const SCHEMA = join(ROOT, 'schemas/phone-delivery-settings.schema.json');
const OUR_SERVER = join(ROOT, 'dist/server.js');
const FLOOR_SERVER = join(HERE, 'floor-server.cjs');
const OUR_CLI = join(ROOT, 'dist/cli.js');
const ANCHOR_SERVER = join(ROOT, 'node_modules/vscode-langservers-extracted/bin/vscode-json-language-server');
const AJV_CLI = join(ROOT, 'node_modules/ajv-cli/dist/index.js');

const HELP = `Usage: node test/bench/run.mjs [options]   (npm run bench -- [options])

Benchmarks our language server (node dist/server.js --stdio) against VS Code's JSON language server
(vscode-json-language-server --stdio, configured with our schema), and our CLI against ajv-cli.
Build first: npm run build.

Options:
  --samples N      timed samples per metric and server (default 30; --quick: 5)
  --warmup N       untimed samples before them (default 3; --quick: 1)
  --sizes LIST     document sizes, of 1k,20k,200k,2m (default all; --quick: 1k,20k)
  --cli-docs N     one-kilobyte documents for the CLI throughput (default 1000; --quick: 200)
  --cli-reps N     timed invocations of each CLI, interleaved (default 7; --quick: 2)
  --no-cli         skip the CLI throughput
  --floor          also measure a server that answers at once without work (same LSP stack as
                   ours), interleaved with the two; its ratios to the anchor are the floor column
  --cpu-prof DIR   write a V8 CPU profile of each of our server processes into DIR (node
                   --cpu-prof; slows ours down a little: for finding where the time goes, not
                   for ratios)
  --bootstrap N    bootstrap resamples (default 2000; --quick: 500)
  --seed N         seed of the documents and of the bootstrap (default 1)
  --quick          a smoke run with the smaller defaults above
  --work DIR       generated documents (default test/bench/out)
  --out FILE       results JSON (default test/bench/results/bench-<time>.json)
  -h, --help       this help

Exit status: 0 when every sanity check passed (targets are reported, not enforced), 1 otherwise.
`;

// --- Targets (issue 5): ratio of medians ours/anchor; holds when the interval's upper end is within.

const ALL = 'all';
const TARGETS = {
  'open.diagnostics': { '1k': 1.0, '20k': 0.5, '200k': 0.5, '2m': 0.5 },
  'edit.diagnostics.pull': { '1k': 0.8, '20k': 0.25, '200k': 0.25, '2m': 0.2 },
  'completion.property.afterEdit': { '1k': 1.0, '20k': 0.5, '200k': 0.25, '2m': 0.25 },
  'completion.enum.afterEdit': { '1k': 1.0, '20k': 0.5, '200k': 0.25, '2m': 0.25 },
  'completion.property.parsed': { '1k': 1.0, '20k': 1.0, '200k': 1.0, '2m': 0.5 },
  'completion.enum.parsed': { '1k': 1.0, '20k': 1.0, '200k': 1.0, '2m': 0.5 },
  'hover.parsed': { '1k': 1.0, '20k': 1.0, '200k': 1.0, '2m': 0.5 },
  initialize: { [ALL]: 0.8 },
  'memory.rss': { '2m': 0.5 },
  'cli.validate': { [ALL]: 1.0 },
};
/** The floor of the issue (a server that answers at once without work), for information. */
const FLOORS = {
  'edit.diagnostics.pull': { '1k': '0.6', '20k': '0.1', '200k': '0.02-0.05', '2m': '0.02-0.05' },
  'open.diagnostics': { '1k': '0.6', '20k': '0.1', '200k': '0.02-0.05', '2m': '0.02-0.05' },
  'completion.property.afterEdit': { '20k': '0.4' },
  'completion.enum.afterEdit': { '20k': '0.4' },
  'completion.property.parsed': { '1k': '0.5-1', '20k': '0.5-1', '200k': '0.5-1' },
  'completion.enum.parsed': { '1k': '0.5-1', '20k': '0.5-1', '200k': '0.5-1' },
  'hover.parsed': { '1k': '0.5-1', '20k': '0.5-1', '200k': '0.5-1' },
};
const GROWTH_TARGET = 2;
const GROWTH_METRICS = [
  'open.diagnostics',
  'edit.diagnostics.pull',
  'edit.diagnostics.push',
  'completion.property.afterEdit',
  'completion.enum.afterEdit',
];

/** Every metric, with its unit and which servers have it. */
const METRICS = {
  initialize: { unit: 'ms', servers: ['ours', 'anchor'], perSize: false, what: 'spawn → initialize result' },
  'open.diagnostics': { unit: 'ms', servers: ['ours', 'anchor'], perSize: true, what: 'didOpen → textDocument/diagnostic result' },
  'edit.diagnostics.pull': {
    unit: 'ms',
    servers: ['ours', 'anchor'],
    perSize: true,
    what: 'one-character didChange → textDocument/diagnostic result',
  },
  'edit.diagnostics.push': {
    unit: 'ms',
    servers: ['ours'],
    perSize: true,
    what: 'one-character didChange → publishDiagnostics of that version (client without pull)',
  },
  'completion.property.parsed': { unit: 'ms', servers: ['ours', 'anchor'], perSize: true, what: 'completion in a key, document parsed' },
  'completion.enum.parsed': {
    unit: 'ms',
    servers: ['ours', 'anchor'],
    perSize: true,
    what: 'completion in an enum value, document parsed',
  },
  'hover.parsed': { unit: 'ms', servers: ['ours', 'anchor'], perSize: true, what: 'hover on a key, document parsed' },
  'completion.property.afterEdit': { unit: 'ms', servers: ['ours', 'anchor'], perSize: true, what: 'didChange → completion in a key' },
  'completion.enum.afterEdit': { unit: 'ms', servers: ['ours', 'anchor'], perSize: true, what: 'didChange → completion in an enum value' },
  'memory.rss': {
    unit: 'MB',
    servers: ['ours', 'anchor'],
    perSize: true,
    what: 'VmRSS of the server with the document open (after its diagnostics)',
  },
  'cli.validate': {
    unit: 'ms',
    servers: ['ours', 'anchor'],
    perSize: false,
    what: 'one invocation validating the one-kilobyte documents (anchor: ajv-cli)',
  },
};

// --- Options ---------------------------------------------------------------------------------

function parseOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      samples: { type: 'string' },
      warmup: { type: 'string' },
      sizes: { type: 'string' },
      'cli-docs': { type: 'string' },
      'cli-reps': { type: 'string' },
      'no-cli': { type: 'boolean' },
      floor: { type: 'boolean' },
      'cpu-prof': { type: 'string' },
      bootstrap: { type: 'string' },
      seed: { type: 'string' },
      quick: { type: 'boolean' },
      work: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    process.exit(0);
  }
  const quick = values.quick === true;
  const int = (name, fallback, min) => {
    if (values[name] === undefined) return fallback;
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer >= ${min}`);
    return n;
  };
  const sizes = (values.sizes ?? (quick ? '1k,20k' : Object.keys(SIZES).join(','))).split(',').filter(Boolean).map(sizeKey);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return {
    quick,
    samples: int('samples', quick ? 5 : 30, 1),
    warmup: int('warmup', quick ? 1 : 3, 0),
    sizes: Object.keys(SIZES).filter((s) => sizes.includes(s)),
    cliDocs: int('cli-docs', quick ? 200 : 1000, 10),
    cliReps: int('cli-reps', quick ? 2 : 7, 1),
    cli: values['no-cli'] !== true,
    floor: values.floor === true,
    cpuProf: values['cpu-prof'] === undefined ? undefined : resolve(values['cpu-prof']),
    bootstrap: int('bootstrap', quick ? 500 : 2000, 100),
    seed: int('seed', 1, 0),
    work: resolve(values.work ?? join(HERE, 'out')),
    out: resolve(values.out ?? join(HERE, 'results', `bench-${stamp}.json`)),
  };
}

// --- Progress and checks ---------------------------------------------------------------------

const began = performance.now();
function progress(message) {
  process.stderr.write(`[bench ${((performance.now() - began) / 1000).toFixed(1).padStart(6)}s] ${message}\n`);
}

class Sanity {
  constructor() {
    this.failures = []; // break the run
    this.notes = []; // the anchor's differences, for information
    this.mismatches = {}; // `${server} ${metric} ${size}` → samples whose result differed from the reference
  }
  fail(message) {
    this.failures.push(message);
    progress(`SANITY FAILURE: ${message}`);
  }
  note(message) {
    this.notes.push(message);
  }
  /** A timed sample's result differs from what the server answered in the sanity check. */
  mismatch(server, metric, size, detail) {
    const key = `${server} ${metric} ${size}`;
    const first = !(key in this.mismatches);
    this.mismatches[key] = (this.mismatches[key] ?? 0) + 1;
    if (server.startsWith('ours')) {
      if (first) this.fail(`${key}: ${detail}`);
    } else if (first) this.note(`${key}: ${detail}`);
  }
  get passed() {
    return this.failures.length === 0;
  }
}

const SEVERITY = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };
function bySeverity(items) {
  const out = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const d of items) out[SEVERITY[d.severity ?? 1]]++;
  return out;
}
const sameStart = (a, b) => a.start.line === b.start.line && a.start.character === b.start.character;
const sameRange = (a, b) => sameStart(a, b) && a.end.line === b.end.line && a.end.character === b.end.character;
const diagnosticKey = (d) =>
  `${d.code}|${d.severity ?? 1}|${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;

// --- Servers ---------------------------------------------------------------------------------

const schemaUrl = pathToFileURL(SCHEMA).href;
const ANCHOR_SETTINGS = {
  json: { schemas: [{ url: schemaUrl, fileMatch: ['*.phone-delivery.json'] }], validate: { enable: true }, format: { enable: false } },
  http: { proxy: '', proxyStrictSSL: true },
};
// As the VS Code client starts ours: no whole-document templates (they are snippets), its default limits.
const OUR_INIT = { templateCompletions: false, limits: { maxSize: 10 * 1024 * 1024, maxDepth: 512 } };

/** `--cpu-prof DIR`: node's own profiler in each of our server processes (written when it exits). */
let cpuProfileDir;

function startOurs(pull) {
  const profile = cpuProfileDir ? ['--cpu-prof', '--cpu-prof-dir', cpuProfileDir] : [];
  return LspServer.start({
    name: pull ? 'ours' : 'ours-push',
    command: process.execPath,
    args: [...profile, OUR_SERVER, '--stdio'],
    cwd: ROOT,
    pull,
    languageId: 'pingone-phone-delivery',
    initializationOptions: OUR_INIT,
    rootUri: pathToFileURL(ROOT).href,
  });
}

function startFloor(pull = true) {
  return LspServer.start({
    name: 'floor',
    command: process.execPath,
    args: [FLOOR_SERVER, '--stdio'],
    cwd: ROOT,
    pull,
    languageId: 'pingone-phone-delivery',
    rootUri: pathToFileURL(ROOT).href,
  });
}

function startAnchor() {
  return LspServer.start({
    name: 'anchor',
    command: process.execPath,
    args: [ANCHOR_SERVER, '--stdio'],
    cwd: ROOT,
    pull: true,
    languageId: 'json',
    initializationOptions: { provideFormatter: false },
    settings: ANCHOR_SETTINGS,
    rootUri: pathToFileURL(ROOT).href,
  });
}

// --- Samples ---------------------------------------------------------------------------------

/** samples[metric][size][server] = { samples: number[], warmup: number[] } */
const samples = {};
function record(metric, size, server, value, warm) {
  const bySize = (samples[metric] ??= {});
  const entry = ((bySize[size] ??= {})[server] ??= { samples: [], warmup: [] });
  (warm ? entry.warmup : entry.samples).push(value);
}

const elapsed = (t0) => performance.now() - t0;

// --- Phases ----------------------------------------------------------------------------------

async function benchInitialize(opts) {
  progress(`start → initialize: ${opts.warmup} + ${opts.samples} interleaved spawns of each server`);
  for (let i = -opts.warmup; i < opts.samples; i++) {
    for (const [name, start] of [
      ['ours', () => startOurs(true)],
      ['anchor', startAnchor],
      ...(opts.floor ? [['floor', startFloor]] : []),
    ]) {
      const server = await start();
      record('initialize', ALL, name, server.startMs, i < 0);
      await server.stop();
    }
  }
}

/** The diagnostics of one text from each server: opened, diagnosed, closed. */
async function diagnoseOnce(servers, uri, text) {
  const out = {};
  for (const s of [servers.ours, servers.anchor]) {
    s.open(uri, text);
    out[s.name] = await s.pullDiagnostics(uri);
    s.close(uri);
  }
  servers.push.open(uri, text);
  out['ours-push'] = (await servers.push.waitForPublish(uri, 1)).params.diagnostics;
  servers.push.close(uri);
  return out;
}

function checkDiagnostics(size, doc, results, sanity, report) {
  for (const variant of ['valid', 'invalid']) {
    const got = results[variant];
    const row = { size, variant, bytes: doc[variant].bytes, servers: {} };
    for (const [name, items] of Object.entries(got))
      row.servers[name] = { total: items.length, ...bySeverity(items), codes: countCodes(items) };
    const ours = got.ours;
    if (variant === 'valid') {
      // Nothing at all, not even a hint: findings on every item would make the valid documents
      // measure the reporting of thousands of diagnostics instead of the checking.
      if (ours.length)
        sanity.fail(
          `ours reports ${ours.length} diagnostic(s) on the valid ${size} document: ${ours
            .slice(0, 3)
            .map((d) => d.code + ' ' + d.message)
            .join('; ')}`,
        );
      const anchorErrors = got.anchor.length;
      if (anchorErrors)
        sanity.note(
          `anchor reports ${anchorErrors} diagnostic(s) on the valid ${size} document: ${got.anchor
            .slice(0, 3)
            .map((d) => d.message)
            .join('; ')}`,
        );
    } else {
      const injected = doc.invalid.injected;
      row.injected = injected.length;
      row.found = {};
      for (const [name, items] of Object.entries(got)) {
        // Ours must say what (code) and where (range); the anchor only where (its codes are numbers or none).
        const found = injected.filter((e) =>
          items.some((d) => (name === 'anchor' ? sameStart(d.range, e.range) : d.code === e.code && sameRange(d.range, e.range))),
        );
        row.found[name] = found.length;
        if (name === 'anchor') {
          for (const e of injected)
            if (!found.includes(e)) sanity.note(`anchor misses ${e.code} (${e.what}) in the invalid ${size} document`);
        } else {
          for (const e of injected)
            if (!found.includes(e)) sanity.fail(`${name} misses ${e.code} (${e.what}) in the invalid ${size} document`);
          const extra = items.filter((d) => !injected.some((e) => d.code === e.code && sameRange(d.range, e.range)));
          if (extra.length)
            sanity.fail(
              `${name} reports ${extra.length} diagnostic(s) beyond the injected ones in the invalid ${size} document: ${extra
                .slice(0, 3)
                .map((d) => d.code)
                .join(', ')}`,
            );
        }
      }
      if (got.anchor.length !== injected.length)
        sanity.note(`anchor reports ${got.anchor.length} diagnostic(s) on the invalid ${size} document (${injected.length} injected)`);
    }
    if (got.ours.map(diagnosticKey).sort().join() !== got['ours-push'].map(diagnosticKey).sort().join()) {
      sanity.fail(
        `ours: pull and push diagnostics differ on the ${variant} ${size} document (${got.ours.length} vs ${got['ours-push'].length})`,
      );
    }
    report.push(row);
  }
}

function countCodes(items) {
  const out = {};
  for (const d of items) {
    const k = d.code === undefined ? '(none)' : String(d.code);
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

async function benchSize(size, doc, opts, sanity, report, lspDiagnostics) {
  progress(`${size}: starting servers (${doc.invalid.bytes} bytes, ${doc.counts.requests} requests, ${doc.counts.numbers} numbers)`);
  const [ours, anchor, push] = [await startOurs(true), await startAnchor(), await startOurs(false)];
  const floor = opts.floor ? await startFloor() : undefined;
  const servers = { ours, anchor, push };
  // Interleaved: ours, anchor (and the floor), ours, anchor …
  const pair = floor ? [ours, anchor, floor] : [ours, anchor];
  const check = (server, metric, ok, detail) => {
    if (!ok && server !== floor) sanity.mismatch(server.name, metric, size, detail);
  };
  try {
    // Sanity: every server's diagnostics of the valid and of the invalid variant.
    const base = pathToFileURL(join(opts.work, 'docs')).href;
    const results = {};
    for (const variant of ['valid', 'invalid'])
      results[variant] = await diagnoseOnce(servers, `${base}/${size}-${variant}.phone-delivery.json`, doc[variant].text);
    checkDiagnostics(size, doc, results, sanity, report);
    lspDiagnostics[size] = { valid: results.valid.ours, invalid: results.invalid.ours };
    const expectedCount = Object.fromEntries(Object.entries(results.invalid).map(([k, v]) => [k, v.length]));

    const { text, spots } = doc.invalid;
    const n = opts.samples;

    // Open → diagnostics, and the resident memory with the document open.
    progress(`${size}: open → diagnostics, memory (${opts.warmup} + ${n} each)`);
    for (let i = -opts.warmup; i < n; i++) {
      for (const s of pair) {
        const uri = `${base}/open-${size}-${s.name}-${i + opts.warmup}.phone-delivery.json`;
        const t0 = performance.now();
        s.open(uri, text);
        const items = await s.pullDiagnostics(uri);
        record('open.diagnostics', size, s.name, elapsed(t0), i < 0);
        record('memory.rss', size, s.name, s.rss() / (1024 * 1024), i < 0);
        check(
          s,
          'open.diagnostics',
          items.length === expectedCount[s.name],
          `${items.length} diagnostics instead of ${expectedCount[s.name]}`,
        );
        s.close(uri);
      }
    }

    // The document the remaining metrics work on, open in all three.
    const uri = `${base}/${size}-timed.phone-delivery.json`;
    for (const s of pair) {
      s.open(uri, text);
      await s.pullDiagnostics(uri);
    }
    push.open(uri, text);
    await push.waitForPublish(uri, 1);
    const toggles = new Map();
    const edit = (s) => {
      const k = toggles.get(s) ?? 0;
      toggles.set(s, k + 1);
      return s.change(uri, spots.edit.range, spots.edit.texts[k % 2]);
    };

    progress(`${size}: one-character edit → diagnostics (pull: ours, anchor; push: ours)`);
    for (let i = -opts.warmup; i < n; i++) {
      for (const s of [ours, anchor, push, ...(floor ? [floor] : [])]) {
        const t0 = performance.now();
        const version = edit(s);
        const items = s === push ? (await s.waitForPublish(uri, version)).params.diagnostics : await s.pullDiagnostics(uri);
        const metric = s === push ? 'edit.diagnostics.push' : 'edit.diagnostics.pull';
        record(metric, size, s === push ? 'ours' : s.name, elapsed(t0), i < 0);
        check(s, metric, items.length === expectedCount[s.name], `${items.length} diagnostics instead of ${expectedCount[s.name]}`);
      }
    }

    // Completion and hover on the parsed document (its version was diagnosed above).
    for (const s of pair) await s.pullDiagnostics(uri);
    const features = {
      'completion.property': (s) => s.completion(uri, spots.completionProperty.position),
      'completion.enum': (s) => s.completion(uri, spots.completionEnum.position),
      hover: (s) => s.hover(uri, spots.hover.position),
    };
    const valid = {
      'completion.property': (r) => completionItems(r).some((it) => plainLabel(it) === 'available'),
      'completion.enum': (r) => completionItems(r).some((it) => plainLabel(it) === spots.completionEnum.expect),
      hover: (r) => hoverText(r).length > 0,
    };
    progress(`${size}: completion and hover on the parsed document`);
    for (let i = -opts.warmup; i < n; i++) {
      for (const [feature, run] of Object.entries(features)) {
        for (const s of pair) {
          const t0 = performance.now();
          const r = await run(s);
          record(`${feature}.parsed`, size, s.name, elapsed(t0), i < 0);
          check(s, `${feature}.parsed`, valid[feature](r), `unexpected result ${JSON.stringify(r)?.slice(0, 200)}`);
        }
      }
    }

    progress(`${size}: edit → completion`);
    for (const feature of ['completion.property', 'completion.enum']) {
      for (let i = -opts.warmup; i < n; i++) {
        for (const s of pair) {
          const t0 = performance.now();
          edit(s);
          const r = await features[feature](s);
          record(`${feature}.afterEdit`, size, s.name, elapsed(t0), i < 0);
          check(s, `${feature}.afterEdit`, valid[feature](r), `unexpected result ${JSON.stringify(r)?.slice(0, 200)}`);
        }
      }
    }
    for (const s of [ours, anchor, push, ...(floor ? [floor] : [])]) s.close(uri);
  } finally {
    for (const s of [ours, anchor, push, ...(floor ? [floor] : [])]) {
      const requests = Object.fromEntries(s.serverRequests);
      if (Object.keys(requests).length) progress(`${size}: ${s.name} sent ${JSON.stringify(requests)}`);
      await s.stop();
    }
  }
}

function run(command, args, cwd) {
  return new Promise((resolvePromise, reject) => {
    const t0 = performance.now();
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr, ms: elapsed(t0) }));
  });
}

const ourCliArgs = (files, format = 'text') => [OUR_CLI, 'validate', '--format', format, ...files];
const AJV_ARGS = ['validate', '-s', SCHEMA, '-d', '*.json', '--spec=draft7', '--all-errors', '--strict=false', '--errors=text'];

/** Our CLI must find no error in the valid documents, and report what the language server reports. */
async function checkCliAgainstServer(opts, docs, lspDiagnostics, sanity) {
  const dir = join(opts.work, 'docs');
  const files = [];
  for (const size of opts.sizes) for (const variant of ['valid', 'invalid']) files.push(`${size}-${variant}.phone-delivery.json`);
  const r = await run(process.execPath, ourCliArgs(files, 'json'), dir);
  let parsed;
  try {
    parsed = JSON.parse(r.stdout);
  } catch {
    sanity.fail(`our CLI printed no JSON (exit ${r.code}): ${r.stderr.slice(0, 300)}`);
    return {};
  }
  const out = {};
  for (const { file, diagnostics } of parsed) {
    const [size, variant] = file.replace('.phone-delivery.json', '').split('-');
    const errors = diagnostics.filter((d) => (d.severity ?? 1) === 1).length;
    if (variant === 'valid' && errors) sanity.fail(`our CLI reports ${errors} error(s) on the valid ${size} document`);
    const lsp = lspDiagnostics[size]?.[variant];
    const same = lsp !== undefined && lsp.map(diagnosticKey).sort().join() === diagnostics.map(diagnosticKey).sort().join();
    if (lsp !== undefined && !same)
      sanity.fail(
        `our CLI and our language server report different diagnostics on the ${variant} ${size} document (${diagnostics.length} vs ${lsp.length})`,
      );
    out[file] = { total: diagnostics.length, errors, sameAsServer: same };
  }
  return out;
}

async function benchCli(opts, sanity) {
  const dir = join(opts.work, 'cli');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files = [];
  const invalid = new Set();
  let bytes = 0;
  for (let i = 0; i < opts.cliDocs; i++) {
    const { text, invalid: bad } = cliDocument(i, opts.seed);
    const name = `d${String(i).padStart(4, '0')}.json`;
    writeFileSync(join(dir, name), text);
    files.push(name);
    bytes += text.length;
    if (bad) invalid.add(name);
  }
  progress(
    `CLI: ${files.length} documents (${Math.round(bytes / files.length)} bytes on average, ${invalid.size} invalid), ours vs ajv-cli, ${opts.cliReps} interleaved invocations each after one warm-up`,
  );

  // What each reports: the same files flagged, and ours finds every injected error.
  const ours = await run(process.execPath, ourCliArgs(files), dir);
  const ajv = await run(process.execPath, [AJV_CLI, ...AJV_ARGS], dir);
  const oursFlagged = new Set(
    ours.stdout
      .split('\n')
      .filter((l) => / error /.test(l))
      .map((l) => l.split(':')[0]),
  );
  const ajvFlagged = new Set(
    (ajv.stdout + '\n' + ajv.stderr)
      .split('\n')
      .filter((l) => / invalid$/.test(l))
      .map((l) => l.replace(/ invalid$/, '')),
  );
  const ajvValid = (ajv.stdout + '\n' + ajv.stderr).split('\n').filter((l) => / valid$/.test(l)).length;
  const oursErrors = ours.stdout.split('\n').filter((l) => / error /.test(l)).length;
  const sameSet = (a, b) => a.size === b.size && [...a].every((x) => b.has(x));
  if (ours.code !== (invalid.size ? 1 : 0)) sanity.fail(`our CLI exited ${ours.code}: ${ours.stderr.slice(0, 300)}`);
  if (!sameSet(oursFlagged, invalid)) sanity.fail(`our CLI flags ${oursFlagged.size} files, ${invalid.size} are invalid`);
  if (oursErrors !== invalid.size * 4) sanity.fail(`our CLI reports ${oursErrors} errors, ${invalid.size * 4} were injected`);
  if (!sameSet(ajvFlagged, invalid) || ajvValid !== files.length - invalid.size)
    sanity.note(
      `ajv-cli flags ${ajvFlagged.size} files invalid and ${ajvValid} valid (${invalid.size} invalid injected); exit ${ajv.code}`,
    );
  const check = {
    documents: files.length,
    invalid: invalid.size,
    ours: { flagged: oursFlagged.size, errors: oursErrors, exit: ours.code },
    ajv: { flagged: ajvFlagged.size, valid: ajvValid, exit: ajv.code, stderrSample: ajv.stderr.slice(0, 400) },
  };

  for (let i = -1; i < opts.cliReps; i++) {
    const a = await run(process.execPath, ourCliArgs(files), dir);
    record('cli.validate', ALL, 'ours', a.ms, i < 0);
    const b = await run(process.execPath, [AJV_CLI, ...AJV_ARGS], dir);
    record('cli.validate', ALL, 'anchor', b.ms, i < 0);
  }
  return {
    ...check,
    bytes,
    command: {
      ours: `node ${relative(ROOT, OUR_CLI)} validate FILE…(${files.length})`,
      anchor: `node ${relative(ROOT, AJV_CLI)} ${AJV_ARGS.join(' ')}`,
    },
  };
}

// --- Results ---------------------------------------------------------------------------------

function analyse(opts, docs) {
  const metrics = {};
  const ratios = [];
  for (const [metric, info] of Object.entries(METRICS)) {
    for (const [size, byServer] of Object.entries(samples[metric] ?? {})) {
      const entry = {};
      for (const [server, { samples: s, warmup }] of Object.entries(byServer))
        entry[server] = { ...summarize(s), samples: s.map(round), warmup: warmup.map(round) };
      (metrics[metric] ??= {})[size] = entry;
      if (!byServer.ours || !byServer.anchor) continue;
      const r = bootstrapRatio(byServer.ours.samples, byServer.anchor.samples, {
        iterations: opts.bootstrap,
        seed: opts.seed,
        paired: true,
      });
      const target = TARGETS[metric]?.[size];
      const f = byServer.floor
        ? bootstrapRatio(byServer.floor.samples, byServer.anchor.samples, { iterations: opts.bootstrap, seed: opts.seed, paired: true })
        : undefined;
      ratios.push({
        metric,
        size,
        unit: info.unit,
        ours: entry.ours.median,
        anchor: entry.anchor.median,
        ratio: r.ratio,
        low: r.low,
        high: r.high,
        target: target ?? null,
        holds: target === undefined ? null : r.high <= target,
        floor: FLOORS[metric]?.[size] ?? null,
        // Measured in this run (--floor): the do-nothing server against the anchor.
        floorMeasured: f ? { ratio: f.ratio, low: f.low, high: f.high, median: entry.floor.median } : null,
      });
    }
  }
  // Linear growth: per-KB cost at 2 MB (and 200 KB) against 20 KB.
  const growth = [];
  const kb = (size) => docs[size].invalid.bytes / 1024;
  for (const metric of GROWTH_METRICS) {
    for (const server of ['ours', 'anchor']) {
      const small = samples[metric]?.['20k']?.[server]?.samples;
      if (!small) continue;
      for (const big of ['200k', '2m']) {
        const s = samples[metric]?.[big]?.[server]?.samples;
        if (!s) continue;
        const g = bootstrapGrowth(small, kb('20k'), s, kb(big), { iterations: opts.bootstrap, seed: opts.seed });
        const target = server === 'ours' && big === '2m' && metric !== 'edit.diagnostics.push' ? GROWTH_TARGET : null;
        growth.push({
          metric,
          server,
          from: '20k',
          to: big,
          ratio: g.ratio,
          low: g.low,
          high: g.high,
          target,
          holds: target === null ? null : g.high <= target,
        });
      }
    }
  }
  return { metrics, ratios, growth };
}

const round = (x) => Math.round(x * 1000) / 1000;

function fmt(x, unit) {
  if (x === undefined || x === null || Number.isNaN(x)) return '-';
  if (unit === 'MB') return x.toFixed(1);
  if (x >= 100) return x.toFixed(0);
  if (x >= 10) return x.toFixed(1);
  return x.toFixed(2);
}

function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => '| ' + cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ') + ' |';
  return [line(headers), '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|', ...rows.map(line)].join('\n');
}

function serverTable(server, analysis, sizes) {
  const cols = [...sizes, ALL];
  const rows = [];
  for (const [metric, info] of Object.entries(METRICS)) {
    const bySize = analysis.metrics[metric];
    if (!bySize || !(info.servers.includes(server) || (server === 'floor' && info.servers.includes('anchor')))) continue;
    if (!Object.values(bySize).some((e) => e[server])) continue;
    rows.push([
      `${metric} (${info.unit})`,
      ...cols.map((size) => {
        const e = bySize[size]?.[server];
        return e ? `${fmt(e.median, info.unit)} / ${fmt(e.p95, info.unit)}` : '';
      }),
    ]);
  }
  const used = cols.filter((c) => rows.some((r) => r[cols.indexOf(c) + 1] !== ''));
  const idx = used.map((c) => cols.indexOf(c) + 1);
  return table(
    ['metric (median / p95)', ...used],
    rows.map((r) => [r[0], ...idx.map((i) => r[i])]),
  );
}

function ratioTable(analysis) {
  return table(
    ['metric', 'size', 'ours', 'anchor', 'ratio', '95% interval', 'target', 'holds', 'floor (info)'],
    analysis.ratios.map((r) => [
      r.metric,
      r.size,
      fmt(r.ours, r.unit),
      fmt(r.anchor, r.unit),
      r.ratio.toFixed(3),
      `[${r.low.toFixed(3)}, ${r.high.toFixed(3)}]`,
      r.target === null ? '' : `<= ${r.target}`,
      r.holds === null ? '' : r.holds ? 'yes' : 'NO',
      r.floorMeasured ? `${r.floorMeasured.ratio.toFixed(3)} measured` : r.floor ? `${r.floor} (issue)` : '',
    ]),
  );
}

function growthTable(analysis) {
  return table(
    ['metric', 'server', 'per-KB cost', 'growth', '95% interval', 'target', 'holds'],
    analysis.growth.map((g) => [
      g.metric,
      g.server,
      `${g.to} vs ${g.from}`,
      g.ratio.toFixed(2),
      `[${g.low.toFixed(2)}, ${g.high.toFixed(2)}]`,
      g.target === null ? '' : `<= ${g.target}`,
      g.holds === null ? '' : g.holds ? 'yes' : 'NO',
    ]),
  );
}

function diagnosticsTable(report) {
  const servers = ['ours', 'ours-push', 'anchor'];
  return table(
    ['size', 'variant', ...servers.map((s) => `${s} total (E/W/I/H)`), 'injected found (ours / anchor)'],
    report.map((r) => [
      r.size,
      r.variant,
      ...servers.map((s) => {
        const x = r.servers[s];
        return x ? `${x.total} (${x.error}/${x.warning}/${x.information}/${x.hint})` : '-';
      }),
      r.injected ? `${r.found.ours}/${r.injected} / ${r.found.anchor}/${r.injected}` : '',
    ]),
  );
}

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    loadavg: os.loadavg().map(round),
  };
}

function versionOf(pkg) {
  try {
    return JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

// --- Main ------------------------------------------------------------------------------------

async function main() {
  let opts;
  try {
    opts = parseOptions(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${e.message}\n\n${HELP}`);
    process.exit(2);
  }
  for (const [what, path] of [
    ['our server (npm run build)', OUR_SERVER],
    ['our CLI (npm run build)', OUR_CLI],
    ['vscode-langservers-extracted (npm install)', ANCHOR_SERVER],
    ['ajv-cli (npm install)', AJV_CLI],
  ]) {
    if (!existsSync(path)) {
      process.stderr.write(`bench: missing ${what}: ${path}\n`);
      process.exit(2);
    }
  }
  if (opts.cpuProf) {
    mkdirSync(opts.cpuProf, { recursive: true });
    cpuProfileDir = opts.cpuProf;
  }
  const sanity = new Sanity();
  const startedAt = new Date().toISOString();
  const load = os.loadavg();
  progress(
    `sizes ${opts.sizes.join(', ')}; ${opts.warmup} warm-up + ${opts.samples} samples per metric and server; machine ${machine().cpu} × ${os.cpus().length}, load ${load.map((l) => l.toFixed(2)).join(' ')}`,
  );

  // Documents, written where the CLI can read them (the servers get them in didOpen).
  const docs = {};
  mkdirSync(join(opts.work, 'docs'), { recursive: true });
  for (const size of opts.sizes) {
    docs[size] = makeDocument(size, opts.seed);
    for (const variant of ['valid', 'invalid'])
      writeFileSync(join(opts.work, 'docs', `${size}-${variant}.phone-delivery.json`), docs[size][variant].text);
  }

  await benchInitialize(opts);
  const report = [];
  const lspDiagnostics = {};
  for (const size of opts.sizes) await benchSize(size, docs[size], opts, sanity, report, lspDiagnostics);
  progress('our CLI on the benchmark documents, against our language server');
  const cliVsServer = await checkCliAgainstServer(opts, docs, lspDiagnostics, sanity);
  const cli = opts.cli ? await benchCli(opts, sanity) : null;

  const analysis = analyse(opts, docs);
  const results = {
    issue: 5,
    startedAt,
    finishedAt: new Date().toISOString(),
    durationSeconds: round((performance.now() - began) / 1000),
    machine: machine(),
    versions: {
      ours: JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version,
      'vscode-langservers-extracted': versionOf('vscode-langservers-extracted'),
      'vscode-json-languageservice': versionOf('vscode-json-languageservice'),
      'ajv-cli': versionOf('ajv-cli'),
    },
    options: opts,
    anchor: { command: `node ${relative(ROOT, ANCHOR_SERVER)} --stdio`, settings: ANCHOR_SETTINGS, languageId: 'json' },
    documents: Object.fromEntries(
      Object.entries(docs).map(([size, d]) => [
        size,
        {
          target: d.target,
          validBytes: d.valid.bytes,
          invalidBytes: d.invalid.bytes,
          counts: d.counts,
          injected: d.invalid.injected,
          spots: d.invalid.spots,
        },
      ]),
    ),
    metricNames: Object.keys(METRICS),
    metricDefinitions: Object.fromEntries(Object.entries(METRICS).map(([k, v]) => [k, v.what])),
    metrics: analysis.metrics,
    ratios: analysis.ratios,
    growth: analysis.growth,
    targets: { ratios: TARGETS, growth: GROWTH_TARGET },
    diagnostics: report,
    cli,
    cliVsServer,
    sanity: { passed: sanity.passed, failures: sanity.failures, anchorNotes: sanity.notes, sampleMismatches: sanity.mismatches },
  };
  mkdirSync(dirname(opts.out), { recursive: true });
  writeFileSync(opts.out, JSON.stringify(results, null, 2) + '\n');

  const out = [];
  out.push(
    `\nMachine: ${results.machine.cpu} × ${results.machine.cores}, ${results.machine.memoryGB} GB, ${results.machine.os}, Node ${process.version}; load at start ${load.map((l) => l.toFixed(2)).join(' ')}`,
  );
  out.push(`Samples: ${opts.samples} per metric and server (after ${opts.warmup} warm-up), interleaved; times in ms, memory in MB.`);
  out.push(
    `Documents: ${opts.sizes.map((s) => `${s} = ${docs[s].invalid.bytes} B (${docs[s].counts.requests} requests, ${docs[s].counts.numbers} numbers)`).join('; ')}\n`,
  );
  out.push('Ours (node dist/server.js --stdio)');
  out.push(serverTable('ours', analysis, opts.sizes));
  out.push('\nAnchor (vscode-json-language-server --stdio; cli.validate: ajv-cli)');
  out.push(serverTable('anchor', analysis, opts.sizes));
  if (opts.floor) {
    out.push('\nFloor (test/bench/floor-server.cjs: answers at once, no work, same LSP stack as ours)');
    out.push(serverTable('floor', analysis, opts.sizes));
  }
  out.push('\nRatios of medians, ours / anchor, with paired bootstrap 95% intervals (a target holds when the upper end is within it)');
  out.push(ratioTable(analysis));
  if (analysis.growth.length) {
    out.push('\nGrowth of the per-KB cost (median per KB at the larger size / at 20 KB; linear cost = 1 or below)');
    out.push(growthTable(analysis));
  }
  out.push('\nDiagnostics reported on each document (E/W/I/H = errors/warnings/information/hints)');
  out.push(diagnosticsTable(report));
  if (cli)
    out.push(
      `\nCLI: ${cli.documents} documents, ${cli.invalid} invalid. ours: ${cli.ours.errors} errors in ${cli.ours.flagged} files; ajv-cli: ${cli.ajv.flagged} files invalid, ${cli.ajv.valid} valid.`,
    );
  const targets = analysis.ratios.filter((r) => r.holds !== null).concat(analysis.growth.filter((g) => g.holds !== null));
  out.push(`\nTargets: ${targets.filter((t) => t.holds).length} of ${targets.length} hold.`);
  if (sanity.notes.length) out.push(`Anchor notes:\n  - ${sanity.notes.join('\n  - ')}`);
  out.push(sanity.passed ? 'Sanity checks: passed.' : `Sanity checks: FAILED\n  - ${sanity.failures.join('\n  - ')}`);
  if (opts.cpuProf) out.push(`CPU profiles of our server: ${opts.cpuProf} (open them in Chrome DevTools or VS Code)`);
  out.push(`Results: ${opts.out}`);
  process.stdout.write(out.join('\n') + '\n');
  process.exitCode = sanity.passed ? 0 : 1;
}

main().catch((e) => {
  process.stderr.write(`bench: ${e.stack ?? e}\n`);
  process.exit(1);
});
