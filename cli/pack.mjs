#!/usr/bin/env node
// `npm run pack:cli [-- --out DIR]`: the command-line tool as an npm package of its own,
// pingone-phone-delivery-<version>.tgz (in the repository root, or DIR), ready for
// `npm install -g ./pingone-phone-delivery-<version>.tgz` or `npx ./pingone-phone-delivery-<version>.tgz`.
//
// The package is cli/package.json (name, bin, files) with the version, licence and Node engines of the
// extension's package.json, cli/README.md, LICENSE, and one file of code: cli.js, the production bundle
// of server/src/cli (everything it uses is inside, undici included). It has no dependencies, so it
// installs without a registry. It is staged in out/cli-package/ and packed there with `npm pack`.
// The last line printed is the path of the .tgz.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const STAGE = join(ROOT, 'out', 'cli-package');
const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const OUT = outIndex >= 0 ? resolve(args[outIndex + 1]) : ROOT;

const extension = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const template = JSON.parse(readFileSync(join(ROOT, 'cli', 'package.json'), 'utf8'));

rmSync(STAGE, { recursive: true, force: true });
mkdirSync(STAGE, { recursive: true });
mkdirSync(OUT, { recursive: true });
execFileSync(process.execPath, ['esbuild.mjs', '--production', '--only', 'cli', '--outdir', STAGE], { cwd: ROOT, stdio: 'inherit' });
chmodSync(join(STAGE, 'cli.js'), 0o755);

const manifest = {
  name: template.name,
  version: extension.version,
  description: template.description,
  keywords: template.keywords,
  license: extension.license,
  bin: template.bin,
  files: template.files,
  engines: { node: extension.engines.node },
};
writeFileSync(join(STAGE, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
copyFileSync(join(ROOT, 'cli', 'README.md'), join(STAGE, 'README.md'));
copyFileSync(join(ROOT, 'LICENSE'), join(STAGE, 'LICENSE'));

const packed = JSON.parse(
  execFileSync('npm', ['pack', '--json', '--pack-destination', OUT], {
    cwd: STAGE,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }),
)[0];
const tgz = join(OUT, packed.filename);
console.log(
  `${packed.name}@${packed.version}: ${packed.files.map((f) => f.path).join(', ')} (${(packed.size / 1024).toFixed(0)} KB packed)`,
);
console.log(tgz);
