// Bundles every entry point into dist/ (one file each, CommonJS, for Node 20 and the VS Code extension host).
// `node esbuild.mjs` for a development build with source maps, `--production` to minify without maps;
// `--only cli,server` builds only those bundles, `--outdir DIR` writes them elsewhere than dist/ (cli/pack.mjs).
import * as esbuild from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const production = process.argv.includes('--production');
const option = (name) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const only = option('--only')?.split(',');
const outdir = option('--outdir') ?? 'dist';
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const entries = [
  { in: 'server/src/lsp/main.ts', out: 'server' },
  { in: 'server/src/cli/main.ts', out: 'cli', banner: '#!/usr/bin/env node' },
  // The client validates only what it sends (rarely): it compiles the schema then, instead of carrying the precompiled code.
  { in: 'client/src/extension.ts', out: 'client', precompiled: false },
].filter((e) => existsSync(e.in) && (!only || only.includes(e.out)));

// The schema's validators, precompiled (ajv standalone code) from the model: see
// server/src/model/validatorSource.ts. The bundles import them as 'pingone-precompiled-validators'.
let validatorsSource;
async function precompiledValidators() {
  if (!validatorsSource) {
    const generator = await esbuild.build({
      entryPoints: ['server/src/model/validatorSource.ts'],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      write: false,
      mainFields: ['module', 'main'],
      logLevel: 'warning',
    });
    const module = { exports: {} };
    new Function('module', 'exports', 'require', generator.outputFiles[0].text)(module, module.exports, createRequire(import.meta.url));
    validatorsSource = module.exports.validatorsModuleSource();
  }
  return validatorsSource;
}
const precompiledPlugin = {
  name: 'precompiled-validators',
  setup(build) {
    build.onResolve({ filter: /^pingone-precompiled-validators$/ }, () => ({ path: 'validators', namespace: 'precompiled' }));
    build.onLoad({ filter: /.*/, namespace: 'precompiled' }, async () => ({
      contents: await precompiledValidators(),
      loader: 'js',
      resolveDir: process.cwd(),
    }));
  },
};

// With the validators precompiled, the bundle never compiles a schema: ajv's compiler (and the
// standalone code generator) is replaced by a stub that fails loudly if it is ever called. The
// precompiled code needs only ajv's small runtime modules (ajv/dist/runtime/*), which stay.
const noCompilerPlugin = {
  name: 'no-ajv-compiler',
  setup(build) {
    build.onResolve({ filter: /^ajv(\/dist\/standalone)?$/ }, () => ({ path: 'ajv-compiler-stub', namespace: 'no-ajv-compiler' }));
    build.onLoad({ filter: /.*/, namespace: 'no-ajv-compiler' }, () => ({
      contents:
        'class Ajv { constructor() { throw new Error("this bundle carries precompiled validators only: ajv\'s compiler is not bundled"); } }\n' +
        'module.exports = Ajv; module.exports.default = Ajv;',
      loader: 'js',
    }));
  },
};

await Promise.all(
  entries.map((e) =>
    esbuild.build({
      entryPoints: [e.in],
      outfile: `${outdir}/${e.out}.js`,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      external: e.precompiled === false ? ['vscode', 'pingone-precompiled-validators'] : ['vscode'],
      // jsonc-parser's UMD build requires its modules at run time; the ESM build bundles cleanly.
      mainFields: ['module', 'main'],
      minify: production,
      sourcemap: !production,
      banner: e.banner ? { js: e.banner } : undefined,
      define: { PINGONE_PHONE_DELIVERY_VERSION: JSON.stringify(version) },
      logLevel: 'warning',
      plugins: e.precompiled === false ? [] : [precompiledPlugin, noCompilerPlugin],
    }),
  ),
);
