#!/usr/bin/env node
// The .vsix holds what the extension needs and nothing else, in at most 500 KB (`npm run test:package`, CI).
//
//   node test/package/vsix.mjs [--no-build] [--vsix FILE]
//
// Builds it with `npm run package` (unless --no-build), reads the archive itself (yauzl) and fails when:
//   - the file is larger than 500,000 bytes;
//   - it lacks a file the manifest or the README refers to (main bundle, language server, grammar, language
//     configuration, snippets, walkthrough pages, icons);
//   - it holds anything else (the CLI bundle, source maps, sources, tests, node_modules, ...);
//   - a bundle has a source map comment (not the production build);
//   - the packaged README has an image that is not an inlined PNG (the details page shows only https: and
//     data: images), an image wider than 1280 px or larger than 64 KB, or a link to a repository file.
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
const rel = (p) => p.replace(/^\.\//, '');

// What the extension needs: from the manifest and the client's own files.
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
}
// The details page shows only https: and data: images (its Content-Security-Policy), and the .vsix carries no
// other file of the repository: every image must be inlined and no link may point at a repository file.
const packagedReadme = entries.get('extension/readme.md')?.data.toString('utf8') ?? '';
const images = [...packagedReadme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);
if (images.length === 0) problems.push('readme.md: no image (the details page would show no picture)');
for (const src of images) {
  const png = /^data:image\/png;base64,([A-Za-z0-9+/=]+)$/.exec(src);
  if (!png) {
    problems.push(`readme.md: image ${src.slice(0, 60)} is not a data: PNG (a broken image on the details page)`);
    continue;
  }
  const data = Buffer.from(png[1], 'base64');
  if (data.subarray(0, 8).toString('hex') !== '89504e470d0a1a0a') problems.push('readme.md: an inlined image is not a PNG');
  const width = data.readUInt32BE(16);
  if (width > MAX_IMAGE_WIDTH) problems.push(`readme.md: an image is ${width} px wide (at most ${MAX_IMAGE_WIDTH})`);
  if (data.length > MAX_IMAGE_BYTES) problems.push(`readme.md: an image has ${data.length} bytes (at most ${MAX_IMAGE_BYTES})`);
}
for (const m of packagedReadme.matchAll(/(?<!!)\[[^\]]+\]\(([^)\s]+)\)/g)) {
  if (!/^(https?:|mailto:|#)/.test(m[1])) problems.push(`readme.md: link to ${m[1]}, which the details page cannot open`);
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
