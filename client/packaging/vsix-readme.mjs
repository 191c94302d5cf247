#!/usr/bin/env node
// Writes the README that goes into the .vsix (out/vsix/README.md; `npm run package` passes it to vsce
// with --readme-path). Why a second file: VS Code's extension details page renders the installed README
// under a Content-Security-Policy of `img-src https: data:`, so an image given by a relative path is a
// broken image there, and this project has no public https host to point at. Here every README image
// becomes a `data:image/png;base64,…` URI, and every link to a file of this repository (which the .vsix
// does not carry) becomes plain text. The repository's README.md stays as it is.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const VSIX_README = join(ROOT, 'out', 'vsix', 'README.md');

const isRelative = (target) => !/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith('#');

/** The README text with images inlined and repository-relative links unlinked. */
export function vsixReadme(text, readFile = (p) => readFileSync(join(ROOT, p))) {
  return text
    .replace(/!\[([^\]]*)\]\(([^)\s]+)\)/g, (whole, alt, target) => {
      if (!isRelative(target)) return whole;
      if (!/\.png$/i.test(target)) throw new Error(`README image ${target}: only PNG images are inlined`);
      return `![${alt}](data:image/png;base64,${readFile(target).toString('base64')})`;
    })
    .replace(/(?<!!)\[([^\]]+)\]\(([^)\s]+)\)/g, (whole, label, target) => (isRelative(target) ? label : whole));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  mkdirSync(dirname(VSIX_README), { recursive: true });
  writeFileSync(VSIX_README, vsixReadme(readFileSync(join(ROOT, 'README.md'), 'utf8')));
}
