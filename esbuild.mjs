// Bundles every entry point into dist/ (one file each, CommonJS, for Node 20 and the VS Code extension host).
// `node esbuild.mjs` for a development build with source maps, `--production` to minify without maps.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const production = process.argv.includes('--production');
const entries = [
  { in: 'server/src/node/main.ts', out: 'server' },
  { in: 'server/src/cli/main.ts', out: 'cli', banner: '#!/usr/bin/env node' },
  { in: 'client/src/extension.ts', out: 'client' },
].filter((e) => existsSync(e.in));

await Promise.all(
  entries.map((e) =>
    esbuild.build({
      entryPoints: [e.in],
      outfile: `dist/${e.out}.js`,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      external: ['vscode'],
      // jsonc-parser's UMD build requires its modules at run time; the ESM build bundles cleanly.
      mainFields: ['module', 'main'],
      minify: production,
      sourcemap: !production,
      banner: e.banner ? { js: e.banner } : undefined,
      logLevel: 'warning',
    }),
  ),
);
