#!/usr/bin/env node
// Cold start in the real VS Code (1.100.3, test/vscode-host): the time from opening a file to its
// first diagnostic, with nothing of the language running before.
//
//   npm run bench:cold-start [-- --runs 7] [--vsix FILE]
//
// Each sample is a fresh VS Code (fresh profile, extensions and server data; see test/vscode-host),
// whose tests module (cold-start-probe.cjs) opens one file and waits for its first diagnostic:
//   ours  the installed .vsix (what ships; built by `npm run package` unless --vsix), a phone delivery
//         settings file with one mistake: activation of the extension, start of the language server,
//         initialize, the first diagnostics;
//   json  VS Code's built-in JSON support alone (our extension not installed), the same body with a
//         "$schema" pointing to our schema file beside it: activation of json-language-features, its
//         server, loading the schema, the first diagnostics.
// The two kinds alternate (ours, json, json, ours, …). Prints the median, min and max of each, and the
// median of the part after the editor is shown (the workbench's own work before it is the same for both,
// and is most of the noise on a loaded machine), with the load average; writes every sample to
// bench-results/cold-start-<time>.json. Nothing is asserted about the times.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './stats.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const RUNS = Number(option('--runs', '7'));
let vsix = option('--vsix');
const say = (...a) => console.log('[cold-start]', ...a);

function run(cmd, argv, what) {
  const r = spawnSync(cmd, argv, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) {
    process.stderr.write(`${r.stdout}${r.stderr}`);
    throw new Error(`${what} failed (exit ${r.status ?? r.signal})`);
  }
  return r;
}

run('bash', ['test/vscode-host/install.sh'], 'test host install');
if (!vsix) {
  say('npm run package');
  run('npm', ['run', '--silent', 'package'], 'npm run package');
  vsix = join(ROOT, 'pingone-phone-delivery.vsix');
}
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const OUR_ID = `${manifest.publisher}.${manifest.name}`;

const tmp = mkdtempSync(join(tmpdir(), 'pingone-cold-start-'));
const workspace = join(tmp, 'workspace');
mkdirSync(workspace);
// One mistake in each: "Voice" is not a valid deliveryMethod (the same body, the same schema).
const body = readFileSync(join(ROOT, 'test/fixtures/invalid/invalid-value.json'), 'utf8');
writeFileSync(join(workspace, 'settings.phone-delivery.json'), body);
writeFileSync(join(workspace, 'plain.json'), body.replace(/^\{/, '{\n  "$schema": "./phone-delivery-settings.schema.json",'));
copyFileSync(join(ROOT, 'schemas/phone-delivery-settings.schema.json'), join(workspace, 'phone-delivery-settings.schema.json'));

const KINDS = {
  ours: {
    label: 'phone delivery settings file, this extension (.vsix)',
    file: 'settings.phone-delivery.json',
    extension: OUR_ID,
    host: ['--vsix', vsix],
    check: (r) => r.languageId === 'pingone-phone-delivery' && r.diagnostics.some((d) => d.includes(':invalid-value:')),
  },
  json: {
    label: 'plain JSON file with "$schema", VS Code\'s JSON support',
    file: 'plain.json',
    extension: 'vscode.json-language-features',
    host: ['--extension', join(ROOT, 'test/vscode-host/driver')],
    check: (r) => r.languageId === 'json' && r.diagnostics.some((d) => d.includes('SMS, VOICE')),
  },
};

function sample(kind) {
  const k = KINDS[kind];
  const out = join(tmp, `${kind}-${Date.now()}.json`);
  run(
    process.execPath,
    [
      'test/vscode-host/run.js',
      ...k.host,
      '--workspace',
      workspace,
      '--tests',
      join(ROOT, 'test/bench/cold-start-probe.cjs'),
      '--timeout',
      '180000',
      '--env',
      `COLD_START_FILE=${k.file}`,
      '--env',
      `COLD_START_EXTENSION=${k.extension}`,
      '--env',
      `COLD_START_OUT=${out}`,
    ],
    `${kind} cold start`,
  );
  const r = JSON.parse(readFileSync(out, 'utf8'));
  if (!k.check(r)) throw new Error(`${kind}: unexpected result ${JSON.stringify(r)}`);
  say(`${kind}: ${r.ms.toFixed(0)} ms to the first diagnostic (editor shown after ${r.editorShownMs.toFixed(0)} ms)`);
  return r;
}

const samples = { ours: [], json: [] };
const loadBefore = loadavg();
try {
  for (let i = 0; i < RUNS; i++) for (const kind of i % 2 === 0 ? ['ours', 'json'] : ['json', 'ours']) samples[kind].push(sample(kind));
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

const summary = Object.fromEntries(
  Object.entries(samples).map(([kind, list]) => {
    const ms = list.map((r) => r.ms);
    const afterShown = list.map((r) => r.ms - r.editorShownMs);
    return [
      kind,
      {
        label: KINDS[kind].label,
        n: ms.length,
        median: median(ms),
        min: Math.min(...ms),
        max: Math.max(...ms),
        medianAfterShown: median(afterShown),
        samples: ms,
      },
    ];
  }),
);
console.log('');
console.log(`Cold start, open → first diagnostic, VS Code ${'1.100.3'}, ${RUNS} fresh windows each (${cpus().length} cores):`);
for (const s of Object.values(summary)) {
  console.log(
    `  ${s.label}: median ${s.median.toFixed(0)} ms (min ${s.min.toFixed(0)}, max ${s.max.toFixed(0)}); after the editor is shown: ${s.medianAfterShown.toFixed(0)} ms`,
  );
}
console.log(`  ratio of medians ours / json: ${(summary.ours.median / summary.json.median).toFixed(2)}`);
const load = [loadBefore, loadavg()].map((l) => l[0].toFixed(1));
console.log(`  load average (1 min) before and after: ${load.join(', ')}`);
const resultsDir = join(ROOT, 'bench-results');
mkdirSync(resultsDir, { recursive: true });
const file = join(resultsDir, `cold-start-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(
  file,
  JSON.stringify({ machine: { cores: cpus().length, cpu: cpus()[0]?.model, node: process.version, load }, summary, samples }, null, 2) +
    '\n',
);
say(`every sample: ${file.slice(ROOT.length + 1)}`);
