#!/usr/bin/env node
// The .vsix holds what the extension needs and nothing else, in at most 500 KB (`npm run test:package`, CI).
//
//   node test/package/vsix.mjs [--no-build] [--vsix FILE]
//
// Builds it with `npm run package` (unless --no-build), reads the archive itself (yauzl) and fails when:
//   - the file is larger than 500,000 bytes;
//   - it lacks a file the manifest or the README refers to (main bundle, language server, grammar, language
//     configuration, snippets, walkthrough pages, icons, README images);
//   - it holds anything else (the CLI bundle, source maps, sources, tests, node_modules, ...);
//   - a bundle has a source map comment (not the production build), or a README image is wider than
//     1280 px or larger than 64 KB.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import yauzl from 'yauzl';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const MAX_BYTES = 500_000;
const MAX_IMAGE_BYTES = 64 * 1024;
const MAX_IMAGE_WIDTH = 1280;

const args = process.argv.slice(2);
const vsixArg = args.indexOf('--vsix');
const VSIX = vsixArg >= 0 ? resolve(args[vsixArg + 1]) : join(ROOT, 'pingone-phone-delivery.vsix');

if (!args.includes('--no-build')) {
  const built = spawnSync('npm', ['run', '--silent', 'package'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (built.status !== 0) {
    process.stdout.write(built.stdout);
    console.error(`vsix: npm run package failed (exit ${built.status})`);
    process.exit(1);
  }
}

/** name → { size (uncompressed), compressed, data } of every entry. */
function readZip(file) {
  return new Promise((done, fail) => {
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error) return fail(error);
      const entries = new Map();
      zip.on('error', fail);
      zip.on('end', () => done(entries));
      zip.on('entry', (entry) => {
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e) return fail(e);
          const chunks = [];
          stream.on('data', (c) => chunks.push(c));
          stream.on('end', () => {
            entries.set(entry.fileName, { size: entry.uncompressedSize, compressed: entry.compressedSize, data: Buffer.concat(chunks) });
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const rel = (p) => p.replace(/^\.\//, '');

// What the extension needs: from the manifest, the client's own files and the README's images.
const required = new Set([
  'extension.vsixmanifest',
  '[Content_Types].xml',
  'package.json',
  'readme.md',
  'changelog.md',
  'LICENSE.txt',
  rel(manifest.main),
  'dist/server.js', // started by client/src/languageClient.ts
  rel(manifest.icon),
  ...manifest.contributes.languages.filter((l) => l.configuration).map((l) => rel(l.configuration)),
  ...manifest.contributes.grammars.map((g) => rel(g.path)),
  ...manifest.contributes.snippets.map((s) => rel(s.path)),
  // The activity bar container's icon (and the views'), shown by the PingOne explorer.
  ...Object.values(manifest.contributes.viewsContainers ?? {})
    .flat()
    .map((v) => rel(v.icon)),
  ...Object.values(manifest.contributes.views ?? {})
    .flat()
    .filter((v) => v.icon)
    .map((v) => rel(v.icon)),
  ...manifest.contributes.walkthroughs.flatMap((w) => w.steps.map((s) => rel(s.media.markdown ?? s.media.image))),
  ...[...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => rel(m[1])).filter((p) => !/^[a-z]+:/.test(p)),
]);
const inArchive = (p) => (p === 'extension.vsixmanifest' || p === '[Content_Types].xml' ? p : `extension/${p}`);

const problems = [];
const size = statSync(VSIX).size;
const entries = await readZip(VSIX);
const expected = new Set([...required].map(inArchive));

for (const name of expected) if (!entries.has(name)) problems.push(`missing: ${name}`);
for (const name of entries.keys()) if (!expected.has(name)) problems.push(`not needed by the extension: ${name}`);
if (size > MAX_BYTES) problems.push(`${size} bytes, more than ${MAX_BYTES}`);
for (const [name, e] of entries) {
  if (name.endsWith('.js') && /\/[/*][#@] sourceMappingURL=/.test(e.data.toString('utf8')))
    problems.push(`${name} has a source map comment: not the production bundle`);
  if (name.endsWith('.png') && name.includes('/docs/')) {
    const width = e.data.readUInt32BE(16);
    if (width > MAX_IMAGE_WIDTH) problems.push(`${name} is ${width} px wide (at most ${MAX_IMAGE_WIDTH} for a README)`);
    if (e.size > MAX_IMAGE_BYTES) problems.push(`${name} has ${e.size} bytes (at most ${MAX_IMAGE_BYTES})`);
  }
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`${VSIX.slice(ROOT.length + 1)}: ${size} bytes (${kb(size)}), ${entries.size} files`);
for (const [name, e] of [...entries].sort((a, b) => b[1].compressed - a[1].compressed)) {
  console.log(`  ${kb(e.compressed).padStart(9)} ${kb(e.size).padStart(9)}  ${name}`);
}
console.log('  (compressed, uncompressed)');
if (problems.length > 0) {
  for (const p of problems) console.error(`vsix: ${p}`);
  console.error(`vsix: FAILED (${problems.length} problem${problems.length === 1 ? '' : 's'})`);
  process.exit(1);
}
console.log(`vsix: OK (at most ${MAX_BYTES} bytes, only what the extension needs)`);
