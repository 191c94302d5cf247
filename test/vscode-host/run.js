#!/usr/bin/env node
// Runs an extension's tests inside VS Code 1.100.3 (see README.md) through @vscode/test-electron's
// runTests(), with vscodeExecutablePath = code-test-host.js. Exit code = the tests' exit code.
//
//   node test/vscode-host/run.js --extension <dir> --tests <file> [--workspace <dir>] [--vsix <file>]
//        [--env K=V ...] [--timeout <ms>] [--verbose]
//
//   --extension  the extension's folder (its package.json), loaded as the development extension
//   --tests      the test runner module (CommonJS, exports run(): Promise), loaded in the extension host
//   --workspace  folder to open (default: none, an empty window)
//   --vsix       install this .vsix and test it instead of --extension's folder (what ships is what is
//                tested); --extension is then optional. Repeatable. Env CODE_TEST_INSTALL_VSIX does the same.
//   --env K=V    extra environment for the extension host (and the tests). Repeatable.
// The tests find the workbench driver's URL in process.env.CODE_TEST_DRIVER_URL (see driver-client.js).
'use strict';
const path = require('path');
const fs = require('fs');

function usage(msg) {
  if (msg) console.error('run.js: ' + msg);
  console.error(
    'usage: node run.js --extension <dir> --tests <file> [--workspace <dir>] [--vsix <file>] [--env K=V ...] [--timeout <ms>] [--verbose]',
  );
  process.exit(64);
}

const opts = { env: {}, vsix: [] };
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const m = /^--([^=]+)(?:=(.*))?$/.exec(args[i]);
  if (!m) usage(`unexpected argument ${args[i]}`);
  const val = () => {
    const v = m[2] !== undefined ? m[2] : args[++i];
    if (v === undefined) usage(`--${m[1]} needs a value`);
    return v;
  };
  switch (m[1]) {
    case 'extension':
      opts.extension = path.resolve(val());
      break;
    case 'tests':
      opts.tests = path.resolve(val());
      break;
    case 'workspace':
      opts.workspace = path.resolve(val());
      break;
    case 'vsix':
      opts.vsix.push(path.resolve(val()));
      break;
    case 'timeout':
      opts.env.CODE_TEST_TIMEOUT_MS = String(Number(val()));
      break;
    case 'verbose':
      opts.env.CODE_TEST_VERBOSE = '1';
      break;
    case 'env': {
      const kv = val();
      const eq = kv.indexOf('=');
      if (eq <= 0) usage(`--env expects K=V, got ${kv}`);
      opts.env[kv.slice(0, eq)] = kv.slice(eq + 1);
      break;
    }
    case 'help':
      usage();
    default:
      usage(`unknown option --${m[1]}`);
  }
}
// CODE_TEST_INSTALL_VSIX in the environment means the same as --vsix (several joined by ':').
for (const v of (process.env.CODE_TEST_INSTALL_VSIX || '').split(path.delimiter)) if (v) opts.vsix.push(path.resolve(v));
if (!opts.tests) usage('--tests is required');
if (!opts.extension && !opts.vsix.length) usage('--extension (or --vsix) is required');
for (const [what, p] of [
  ['--tests', opts.tests],
  ['--extension', opts.extension],
  ['--workspace', opts.workspace],
  ...opts.vsix.map((v) => ['--vsix', v]),
])
  if (p && !fs.existsSync(p)) usage(`${what}: no such file or folder: ${p}`);

const { runTests } = require('@vscode/test-electron');
(async () => {
  const env = { ...opts.env };
  env.CODE_TEST_INSTALL_VSIX = [...new Set(opts.vsix)].join(path.delimiter);
  if (opts.vsix.length)
    console.log(`run.js: testing the installed ${opts.vsix.map((v) => path.basename(v)).join(', ')} (not a development folder)`);
  try {
    await runTests({
      vscodeExecutablePath: path.join(__dirname, 'code-test-host.js'),
      // In .vsix mode the launcher loads driver/ (an empty extension) as the development extension instead.
      extensionDevelopmentPath: opts.vsix.length ? path.join(__dirname, 'driver') : opts.extension,
      extensionTestsPath: opts.tests,
      launchArgs: opts.workspace ? [opts.workspace] : [],
      extensionTestsEnv: env,
    });
    process.exit(0);
  } catch (e) {
    console.error('run.js: ' + ((e && e.message) || e));
    process.exit(typeof e.code === 'number' && e.code !== 0 ? e.code : 1);
  }
})();
