// Shared by try.js (`npm run try`) and screenshots.js (`npm run screenshots`): builds the extension and its
// .vsix, starts the local PingOne stand-in, writes a workspace of example files whose .vscode/settings.json
// points at the stand-in, and serves VS Code 1.100.3 (the server build in code-server@4.100.3, installed by
// test/vscode-host/install.sh) with the .vsix installed, on a loopback port. See README.md here.
'use strict';
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const HOST_DIR = path.join(ROOT, 'test', 'vscode-host');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'valid');
const ENV_NAME = 'local stand-in';
// Fixed ids, so that the workspace settings (and the "Allow" given to them) stay the same from run to run.
const ENVIRONMENT_ID = '6f1c2a7e-3b5d-4e8f-9a0b-1c2d3e4f5a6b';
const CLIENT_ID = '0d9e8f7a-6b5c-4d3e-8f1a-2b3c4d5e6f70';

const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
const say = (...a) => console.log(`[try +${elapsed()}]`, ...a);

/** Runs a command with inherited output; throws when it fails. `quiet` keeps its output unless it fails. */
function run(cmd, args, { quiet = false, label = `${cmd} ${args.join(' ')}` } = {}) {
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: quiet ? 'pipe' : 'inherit', encoding: 'utf8', env: process.env });
  if (r.status !== 0) {
    if (quiet) process.stderr.write(`${r.stdout || ''}${r.stderr || ''}`);
    throw new Error(`${label} failed (exit ${r.status ?? r.signal})`);
  }
  say(`${label}: done in ${((Date.now() - started) / 1000).toFixed(1)}s`);
}

/** `preferred` when it is free on 127.0.0.1, otherwise any free port (0 = any). */
function port(preferred) {
  const tryListen = (p) =>
    new Promise((res) => {
      const s = net.createServer();
      s.once('error', () => res(undefined));
      s.listen(p, '127.0.0.1', () => {
        const got = s.address().port;
        s.close(() => res(got));
      });
    });
  return (async () => (preferred ? await tryListen(preferred) : undefined) ?? (await tryListen(0)))();
}

/** 1. Test host (Chromium, code-server), 2. `npm run build`, 3. a fresh .vsix in `outDir`. */
function build(outDir, { quiet = false } = {}) {
  say('installing the VS Code test host (bash test/vscode-host/install.sh)');
  run('bash', [path.join(HOST_DIR, 'install.sh')], { quiet, label: 'test host install' });
  say('building the extension (npm run build)');
  run('npm', ['run', '--silent', 'build'], { quiet, label: 'npm run build' });
  // The project's `npm run package`, but into our own folder (the repository's .vsix may be in use by a
  // test run). vsce runs `vscode:prepublish` (generate + production bundle) first.
  const vsix = path.join(outDir, 'pingone-phone-delivery.vsix');
  const vsce = path.join(path.dirname(require.resolve('@vscode/vsce/package.json', { paths: [ROOT] })), 'vsce');
  say('packaging the .vsix (vsce package)');
  run(
    process.execPath,
    [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', vsix],
    { quiet: true, label: 'vsce package' },
  );
  return vsix;
}

/** The example files: some valid fixtures, renamed, and one with mistakes. Existing files are kept unless `reset`. */
const EXAMPLES = {
  'twilio.phone-delivery.json': { fixture: 'twilio-create.json' },
  'syniverse.phone-delivery.json': { fixture: 'syniverse.json' },
  'transmit-sms.phone-delivery.json': { fixture: 'custom-basic-get.json' },
  'custom-oauth2.phone-delivery.json': { fixture: 'custom-oauth2.json' },
  'custom-header.phone-delivery.json': { fixture: 'custom-header.json' },
  'with-mistakes.phone-delivery.json': {
    text: `{
  "name": "My SMS gateway",
  "provider": "CUSTOM_PROVIDER",
  "authentication": {
    "method": "BASIC",
    "username": "pingone-gateway"
  },
  "requests": [
    {
      "deliveryMethod": "Sms",
      "url": "http://sms.example.com/send?to=\${to}",
      "method": "GET",
      "phoneNumberFormat": "NUMBER_ONLY"
    }
  ],
  "numbers": [
    { "type": "PHONE_NUMBER", "number": "+1 (415) 555-2671", "capabilities": ["SMS"], "selected": true }
  ]
}
`,
  },
};

/** The environment entry of the stand-in, as `pingone.environments` takes it. */
function environmentEntry(local) {
  return { name: ENV_NAME, apiUrl: local.apiBase, authUrl: local.authBase, environmentId: local.environmentId, clientId: local.clientId };
}

/**
 * Writes the example files (missing ones, or all with `reset`) and points .vscode/settings.json at the stand-in
 * (unless `workspaceEntry` is false: then the entry of the stand-in is taken out of it, if there).
 */
function prepareWorkspace(dir, local, { reset = false, workspaceEntry = true } = {}) {
  fs.mkdirSync(path.join(dir, '.vscode'), { recursive: true });
  for (const [name, src] of Object.entries(EXAMPLES)) {
    const file = path.join(dir, name);
    if (!reset && fs.existsSync(file)) continue;
    fs.writeFileSync(file, src.text ?? fs.readFileSync(path.join(FIXTURES, src.fixture), 'utf8'));
  }
  // Only our key is set; anything else in an existing settings.json (comments included) stays. The active
  // environment goes to the user settings (startVSCode): a workspace's pingone.activeEnvironment is ignored.
  const { modify, applyEdits, parse } = require(require.resolve('jsonc-parser', { paths: [ROOT] }));
  const settingsFile = path.join(dir, '.vscode', 'settings.json');
  let text = fs.existsSync(settingsFile) ? fs.readFileSync(settingsFile, 'utf8') : '{}\n';
  if (!text.trim()) text = '{}\n';
  const fmt = { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } };
  try {
    let envs = [];
    const cur = parse(text)?.['pingone.environments'];
    if (Array.isArray(cur)) envs = cur;
    envs = [...envs.filter((e) => e && e.name !== ENV_NAME), ...(workspaceEntry ? [environmentEntry(local)] : [])];
    text = applyEdits(text, modify(text, ['pingone.environments'], envs.length ? envs : undefined, fmt));
  } catch {
    text = JSON.stringify(workspaceEntry ? { 'pingone.environments': [environmentEntry(local)] } : {}, null, 2) + '\n';
  }
  fs.writeFileSync(settingsFile, text);
  return Object.keys(EXAMPLES);
}

/** The stand-in, in this process, from the compiled out/test/pingone-local (made by `npm run build`). */
async function startStandIn(preferredPort, moreEnvironmentIds = []) {
  const { startPingOneLocal } = require(path.join(ROOT, 'out', 'test', 'pingone-local', 'server.js'));
  const { randomBytes } = require('crypto');
  return startPingOneLocal({
    port: await port(preferredPort),
    environmentIds: [ENVIRONMENT_ID, ...moreEnvironmentIds],
    clients: [{ clientId: CLIENT_ID, clientSecret: randomBytes(18).toString('base64url'), environmentId: ENVIRONMENT_ID }],
  });
}

/** Prints each request the stand-in answers (no secrets: method, path, status). Returns a stop function. */
function logStandInRequests(local, write = (line) => console.log(line)) {
  let seen = 0;
  const timer = setInterval(() => {
    const all = local.state.requests;
    for (; seen < all.length; seen++) {
      const r = all[seen];
      write(`[pingone-local] ${r.method} ${r.path} → ${r.outcome === 'reset' ? 'connection reset' : r.status}`);
    }
  }, 300);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Installs the .vsix (when given) into a fresh extensions folder and starts VS Code's server build on
 * 127.0.0.1:port, with a connection token of its own: a request without it (another local user, a web
 * page in the browser guessing the port) is refused with 403. Resolves once it listens, with
 * { url(folder) (holds the token), port, token, child, logFile, stop() }.
 */
async function startVSCode({ vsix, dataDir, preferredPort, userSettings = {}, verbose = false }) {
  const serverMain =
    process.env.VSCODE_SERVER_MAIN ||
    path.join(path.dirname(require.resolve('code-server/package.json', { paths: [HOST_DIR] })), 'lib', 'vscode', 'out', 'server-main.js');
  const userDataDir = path.join(dataDir, 'user-data'),
    extensionsDir = path.join(dataDir, 'extensions'),
    serverDataDir = path.join(dataDir, 'server-data');
  for (const d of [userDataDir, extensionsDir, serverDataDir]) fs.mkdirSync(d, { recursive: true });
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  // A quiet, offline-friendly profile: no welcome page, tips, update checks, telemetry or workspace-trust prompt
  // (the workspace is generated by this script), no git (the workspace lies inside this repository).
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'extensions.ignoreRecommendations': true,
        'update.mode': 'none',
        'telemetry.telemetryLevel': 'off',
        'security.workspace.trust.enabled': false,
        'git.enabled': false,
        'chat.commandCenter.enabled': false,
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        ...userSettings,
      },
      null,
      2,
    ),
  );
  const common = [
    '--accept-server-license-terms',
    '--disable-telemetry',
    '--server-data-dir',
    serverDataDir,
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
  ];
  if (vsix) {
    const started = Date.now();
    const inst = spawnSync(process.execPath, [serverMain, '--install-extension', vsix, '--force', ...common], { encoding: 'utf8' });
    if (inst.status !== 0) throw new Error(`installing ${vsix} failed (exit ${inst.status}):\n${inst.stdout}${inst.stderr}`);
    say(`installed the .vsix into ${extensionsDir} in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  }
  // The token is in a file only this user can read (not on the command line, where `ps` shows it to everyone).
  const token = require('crypto').randomBytes(24).toString('base64url');
  const tokenFile = path.join(dataDir, 'connection-token');
  fs.writeFileSync(tokenFile, token, { mode: 0o600 });

  const p = await port(preferredPort);
  const logFile = path.join(dataDir, 'vscode-server.log');
  const log = fs.openSync(logFile, 'a');
  const child = spawn(
    process.execPath,
    [serverMain, '--host', '127.0.0.1', '--port', String(p), '--connection-token-file', tokenFile, '--disable-workspace-trust', ...common],
    { stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: process.env },
  );
  let text = '';
  const exited = new Promise((res) => child.once('exit', (code, signal) => res(signal || code)));
  await new Promise((res, rej) => {
    const on = (d) => {
      fs.writeSync(log, d);
      if (verbose) process.stderr.write('[vscode-server] ' + d);
      if (text.length < 200000) text += d;
      if (/Extension host agent listening on/.test(text)) res();
    };
    child.stdout.on('data', on);
    child.stderr.on('data', on);
    exited.then((c) => rej(new Error(`the VS Code server exited early (${c}); log:\n${text}`)));
    setTimeout(() => rej(new Error(`the VS Code server did not start within 90 s; log:\n${text}`)), 90000).unref();
  });
  say(`VS Code server listening on 127.0.0.1:${p} (log: ${logFile})`);
  let stopping;
  const stop = () =>
    stopping ||
    (stopping = (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {}
        const gone = await Promise.race([exited.then(() => true), new Promise((res) => setTimeout(res, 5000, false))]);
        if (!gone) {
          try {
            process.kill(-child.pid, 'SIGKILL');
          } catch {}
        }
      }
      try {
        fs.closeSync(log);
      } catch {}
    })());
  // Never leave the detached server group behind, whatever way this process ends.
  process.on('exit', () => {
    try {
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid, 'SIGKILL');
    } catch {}
  });
  return {
    port: p,
    token,
    child,
    exited,
    logFile,
    stop,
    url: (folder) => `http://127.0.0.1:${p}/?tkn=${token}${folder ? `&folder=${encodeURI(folder)}` : ''}`,
  };
}

/**
 * Everything: build, stand-in, workspace, VS Code. Returns { url, workspace, local, vscode, files, stop() }.
 * opts: workspace (folder), reset, vscodePort, pingonePort, verbose, quietBuild, userSettings, keepData, and
 * environments: `(local) => entries` to configure these `pingone.environments` entries in the user settings
 * (the first one active) instead of the workspace's one entry; `environmentIds`: more environments of the
 * stand-in for them (its worker app lives in `local.environmentId`, their `tokenEnvironmentId`).
 */
async function startTry(opts = {}) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pingone-try-'));
  let local, vscode, stopLog;
  const stop = async () => {
    stopLog?.();
    await vscode?.stop();
    await local?.close().catch(() => {});
    if (!opts.keepData) fs.rmSync(tmp, { recursive: true, force: true });
  };
  try {
    const vsix = build(tmp, { quiet: opts.quietBuild });
    local = await startStandIn(opts.pingonePort, opts.environmentIds);
    say(`PingOne stand-in on ${local.origin}`);
    const workspace = path.resolve(opts.workspace);
    const userEntries = opts.environments?.(local);
    const files = prepareWorkspace(workspace, local, { reset: opts.reset, workspaceEntry: !userEntries });
    say(`workspace ${workspace} (${files.length} example files${userEntries ? '' : ', .vscode/settings.json → the stand-in'})`);
    const envSettings = userEntries
      ? { 'pingone.environments': userEntries, 'pingone.activeEnvironment': userEntries[0].name }
      : { 'pingone.activeEnvironment': ENV_NAME };
    vscode = await startVSCode({
      vsix,
      dataDir: tmp,
      preferredPort: opts.vscodePort,
      userSettings: { ...envSettings, ...opts.userSettings },
      verbose: opts.verbose,
    });
    if (opts.logRequests !== false) stopLog = logStandInRequests(local);
    return { url: vscode.url(workspace), workspace, local, vscode, files, tmp, stop, envName: userEntries?.[0].name ?? ENV_NAME };
  } catch (e) {
    await stop();
    throw e;
  }
}

module.exports = { ROOT, HOST_DIR, ENV_NAME, startTry, startVSCode, elapsed, say };
