#!/usr/bin/env node
// "VS Code executable" for @vscode/test-electron's runTests({ vscodeExecutablePath }): runs the extension
// tests inside a REAL VS Code 1.100.3, namely the VS Code server build shipped in the npm package
// code-server@4.100.3 (lib/vscode/out/server-main.js: a Node extension host, as in desktop VS Code) with its
// web workbench opened in Debian's headless Chromium, driven by playwright-core. See README.md.
//
// Accepts the flags runTests passes (--extensionDevelopmentPath=, --extensionTestsPath=, a folder to open;
// --user-data-dir/--extensions-dir and Electron-only flags are ignored: every run gets fresh profile
// folders in a temporary directory) plus:
//   --install-extension <file.vsix>   (repeatable; or env CODE_TEST_INSTALL_VSIX, several joined by ':')
//       installs the .vsix into the fresh extensions folder first and runs WITHOUT the extension under test
//       as a development extension, so that what ships is what is tested. VS Code refuses to load a test
//       runner without an extensionDevelopmentPath ("Cannot load test runner"), so the development path
//       becomes driver/ (an empty "test driver" extension) instead; extensionTestsPath is kept.
// Exit code: the tests' exit code (0 = passed); 124 = timeout; 70 = the host itself failed; 130 = interrupted.
//
// Workbench driver: a small HTTP server on 127.0.0.1 (random port) whose URL reaches the extension host
// (and so the tests) as env CODE_TEST_DRIVER_URL (the server is started with it in its environment, and the
// extension host inherits it; CODE_TEST_DRIVER_CLIENT is the absolute path of driver-client.js).
// POST a JSON action, get {ok:true,...} or {ok:false,error}; driver-client.js is the client. Actions (each waits up to `timeout` ms, default 15000, for its element):
//   {action:'clickDialogButton', label}        modal dialog: click the button with that label;
//                                               answers {message, detail, buttons}
//   {action:'pickQuickItem', label}             quick pick: click the row with that label (types the label into
//                                               the filter first if the row is not shown); answers {items, title,
//                                               placeholder}. {labels:[...]} for canPickMany: ticks them, accepts
//   {action:'typeInput', text, enter=true}      quick input box (showInputBox, or a quick pick's filter):
//                                               fill in text and press Enter; answers {prompt, title, placeholder}
//                                               plus {stillOpen, validation, severity} when the value was refused
//   {action:'clickNotificationButton', label}   notification toast: click its button with that label
//   {action:'notifications'}                    answers {toasts: [text of each visible toast]}
//   {action:'waitForText', text, selector?, exact?}  wait until the text is visible (in selector, default the page)
//   {action:'screenshot', path, selector?}      PNG of the whole workbench (or of one element) into path
//   {action:'pressKey', key}                    page.keyboard.press(key), e.g. 'Escape'
//   {action:'html', selector}                   outerHTML of the first match (to write new selectors)
// Actions run one at a time, in the order received.
//
// Env: CODE_TEST_VERBOSE=1 (all workbench/server logs), CODE_TEST_TIMEOUT_MS (whole run, default 300000),
//      CODE_TEST_VIEWPORT (default 1280x800), CODE_TEST_FAILURE_SCREENSHOT (PNG path written when the run fails),
//      CODE_TEST_KEEP_TMP=1 (keep the temp folder), CODE_TEST_WORKSPACE_TRUST=1 (workspace trust ENABLED: the
//      server runs without --disable-workspace-trust, the user settings enable security.workspace.trust, and
//      nothing is pre-trusted, so the folder opens in restricted mode and VS Code asks whether to trust it), CODE_TEST_USER_SETTINGS (JSON merged into the fresh
//      profile's user settings), CODE_TEST_ALLOW_DIALOGS=0 (keep VS Code's "refused to show dialog in tests"),
//      CHROMIUM (default /usr/bin/chromium),
//      VSCODE_SERVER_MAIN / VSCODE_NODE (another VS Code server build and the Node to run it with).
'use strict';
const { spawn, spawnSync } = require('child_process');
const path = require('path');
const fs = require('fs');
const os = require('os');
const net = require('net');
const http = require('http');
const util = require('util');

const DRIVER_EXTENSION = path.join(__dirname, 'driver');
const argv = process.argv.slice(2);
let devPaths = [];
const positional = [],
  vsixes = [];
let testsPath;
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  const m = /^--([^=]+)(?:=(.*))?$/.exec(a);
  if (!m) {
    positional.push(a);
    continue;
  }
  const val = () => (m[2] !== undefined ? m[2] : argv[++i]);
  switch (m[1]) {
    case 'extensionDevelopmentPath': {
      const v = val();
      if (v && v !== 'undefined') devPaths.push(path.resolve(v));
      break;
    }
    case 'extensionTestsPath':
      testsPath = path.resolve(val());
      break;
    case 'install-extension':
      vsixes.push(path.resolve(val()));
      break;
    case 'user-data-dir':
    case 'extensions-dir':
      val();
      break; // replaced by fresh folders per run
    default:
      break; // --no-sandbox, --disable-gpu-sandbox, --disable-updates, --skip-welcome, ...: Electron-only
  }
}
for (const v of (process.env.CODE_TEST_INSTALL_VSIX || '').split(path.delimiter)) if (v) vsixes.push(path.resolve(v));
if (vsixes.length) {
  // What ships is what is tested: the installed .vsix replaces any development copy.
  const dropped = devPaths.filter((p) => p !== DRIVER_EXTENSION);
  if (dropped.length) console.log(`[code-test-host] .vsix mode: not loading ${dropped.join(', ')} as development extension(s)`);
  devPaths = [DRIVER_EXTENSION];
}
if (!testsPath || devPaths.length === 0) {
  console.error('usage: code-test-host --extensionDevelopmentPath=DIR --extensionTestsPath=FILE [--install-extension X.vsix] [folder]');
  process.exit(64);
}
const verbose = !!process.env.CODE_TEST_VERBOSE;
const SERVER_MAIN =
  process.env.VSCODE_SERVER_MAIN ||
  path.join(path.dirname(require.resolve('code-server/package.json')), 'lib', 'vscode', 'out', 'server-main.js');
const NODE = process.env.VSCODE_NODE || process.execPath;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const TIMEOUT_MS = Number(process.env.CODE_TEST_TIMEOUT_MS || process.env.TEST_TIMEOUT_MS || 300000);
const [VW, VH] = (process.env.CODE_TEST_VIEWPORT || '1280x800').split('x').map(Number);
const folder = positional.length ? path.resolve(positional[positional.length - 1]) : undefined;
const t0 = Date.now();
const since = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
const info = (...a) => {
  if (verbose) console.error(`[code-test-host +${since()}]`, ...a);
};

function freePort() {
  return new Promise((res, rej) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => res(p));
    });
    s.on('error', rej);
  });
}

// Workbench chatter (not from the extension under test), hidden unless CODE_TEST_VERBOSE=1.
// Offline noise: the extension gallery (open-vsx.org) and other hosts of the workbench itself, never the
// tests' own network errors.
const NOISE =
  /ENOTFOUND (open-vsx\.org|[\w.-]*(visualstudio|vsassets|vscode-cdn|vscode-unpkg|microsoft)\.[\w.]+)|can escape its sandboxing|web worker extension host is started|Overwriting extension|No search provider registered|Failed to load resource|bad HTTP response code|service worker|Could not identify extension for 'vscode' require call|^\[(AgentHost|AgentHost:remote|ChatModelSelection|AccountPolicyGate|reconnection-grace-time)\]|^(INFO\s+)?(Resolving|Resolved|Creating a socket|Updating additional|\[Service Worker\]|ChatSessionStore|Started local extension host|Loading development extension|Extension host \()/i;

// ---------------------------------------------------------------------------------------------------------
// Workbench driver (Playwright actions on the real workbench, requested by the tests over HTTP).
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const exactText = (label) => new RegExp(`^\\s*${escapeRe(label)}\\s*$`);
const settle = (p) =>
  p.then(
    () => true,
    () => false,
  );

function makeActions(page) {
  // Text of the elements of a locator that are rendered (display != none).
  const visibleTexts = (loc) => loc.evaluateAll((els) => els.filter((e) => e.getClientRects().length).map((e) => e.innerText.trim()));
  const quick = page.locator('.quick-input-widget');
  // Quick input state in one round trip: shown? busy? rendered rows' labels, input value, validation.
  const quickState = () =>
    quick
      .evaluate((w) => {
        const shown = !!w.getClientRects().length && getComputedStyle(w).display !== 'none';
        const box = w.querySelector('.quick-input-box .monaco-inputbox');
        const msg = w.querySelector('.quick-input-message');
        const progress = w.querySelector('.quick-input-progress');
        return {
          shown,
          busy: !!progress && !progress.classList.contains('done'),
          labels: [...w.querySelectorAll('.quick-input-list .monaco-list-row .label-name')]
            .filter((e) => e.getClientRects().length)
            .map((e) => e.innerText.trim()),
          value: w.querySelector('.quick-input-box input')?.value ?? '',
          severity: box ? ['error', 'warning', 'info'].find((c) => box.classList.contains(c)) || '' : '',
          message: msg && msg.getClientRects().length ? msg.innerText.trim() : '',
          title: (w.querySelector('.quick-input-title')?.innerText || '').trim(),
          placeholder: w.querySelector('.quick-input-box input')?.placeholder || '',
        };
      })
      .catch(() => ({ shown: false, labels: [] }));
  const waitUntil = async (cond, ms, step = 50) => {
    const end = Date.now() + ms;
    for (;;) {
      const v = await cond();
      if (v || Date.now() >= end) return v;
      await new Promise((r) => setTimeout(r, step));
    }
  };
  const stripIcons = (s) => s.replace(/\$\([\w~-]+\)/g, '').trim(); // "$(gear) Settings" is shown as "Settings"

  return {
    async clickDialogButton({ label, timeout }) {
      if (!label) throw new Error('label is required');
      const dialog = page.locator('.monaco-dialog-box').last();
      await dialog.waitFor({ state: 'visible', timeout });
      const buttons = dialog.locator('.dialog-buttons .monaco-button');
      const button = buttons.filter({ hasText: exactText(label) }).first();
      const found = await settle(button.waitFor({ state: 'visible', timeout: Math.min(timeout, 3000) }));
      const labels = await visibleTexts(buttons);
      if (!found) throw new Error(`no dialog button labelled ${JSON.stringify(label)}; buttons: ${JSON.stringify(labels)}`);
      // With a detail, the message is in .dialog-message-text and the detail in .dialog-message-detail;
      // without one, VS Code puts the message in .dialog-message-detail.
      const { message, detail } = await dialog.evaluate((d) => {
        const text = (sel) => (d.querySelector(sel)?.innerText || '').trim();
        const m = text('.dialog-message-text'),
          dt = text('.dialog-message-detail');
        return m ? { message: m, detail: dt } : { message: dt, detail: '' };
      });
      await button.click({ timeout });
      await settle(dialog.waitFor({ state: 'detached', timeout: 5000 }));
      return { message, detail, buttons: labels };
    },

    async pickQuickItem({ label, labels, timeout }) {
      const wanted = (labels || [label]).filter(Boolean).map((l) => stripIcons(String(l)));
      if (!wanted.length) throw new Error('label (or labels, for a multi-select quick pick) is required');
      await quick.waitFor({ state: 'visible', timeout });
      const deadline = Date.now() + timeout;
      const rowFor = (l) =>
        quick
          .locator('.quick-input-list .monaco-list-row')
          .filter({ has: page.locator('.label-name', { hasText: exactText(l) }) })
          .first();
      const multi = await quick
        .locator('.quick-input-header .monaco-checkbox')
        .first()
        .isVisible()
        .catch(() => false);
      let items = [],
        title = '',
        placeholder = '';
      for (const l of wanted) {
        let filtered = false,
          st;
        // Rows are rendered lazily (virtualized list) and may still be loading (busy): when the row is not
        // rendered once the list has settled, type the label into the filter box and look again.
        for (;;) {
          st = await quickState();
          if (!items.length) {
            items = st.labels;
            title = st.title;
            placeholder = st.placeholder;
          }
          if (st.labels.includes(l)) break;
          if (Date.now() > deadline)
            throw new Error(`no quick pick item labelled ${JSON.stringify(l)}; shown: ${JSON.stringify(st.labels)}`);
          if (!filtered && st.shown && !st.busy && (st.labels.length || Date.now() > deadline - timeout + 500)) {
            await quick.locator('.quick-input-box input').fill(l);
            filtered = true;
          }
          await new Promise((r) => setTimeout(r, 50));
        }
        await rowFor(l).click({ timeout: Math.max(1000, deadline - Date.now()) });
      }
      if (multi) {
        if (await settle(quick.locator('.quick-input-box input').fill(''))) await quick.locator('.quick-input-box input').press('Enter');
      } else {
        // The widget hides, or (multi-step) shows other rows: wait for that before answering.
        const first = items;
        await waitUntil(async () => {
          const s = await quickState();
          return !s.shown || s.labels.join('\n') !== first.join('\n');
        }, 3000);
      }
      return { items, title, placeholder, multi };
    },

    async typeInput({ text, enter = true, timeout }) {
      if (typeof text !== 'string') throw new Error('text (a string) is required');
      const input = quick.locator('.quick-input-box input');
      await input.waitFor({ state: 'visible', timeout });
      const before = await quickState();
      await input.fill(text);
      if (!enter) return { prompt: before.message, title: before.title, placeholder: before.placeholder };
      await input.press('Enter');
      // Accepted: the widget hides (or the next step clears the value). Refused: a validation message shows.
      const after =
        (await waitUntil(async () => {
          const s = await quickState();
          return !s.shown || s.value !== text || (s.severity === 'error' && s.message) ? s : null;
        }, 3000)) || (await quickState());
      const res = { prompt: before.message, title: before.title, placeholder: before.placeholder };
      if (after.shown && after.value === text) Object.assign(res, { stillOpen: true, validation: after.message, severity: after.severity });
      return res;
    },

    async clickNotificationButton({ label, timeout }) {
      if (!label) throw new Error('label is required');
      const button = page
        .locator('.notifications-toasts .notification-toast .monaco-button')
        .filter({ hasText: exactText(label) })
        .first();
      await button.waitFor({ state: 'visible', timeout });
      const message = await button.evaluate((b) =>
        (b.closest('.notification-list-item')?.querySelector('.notification-list-item-message')?.innerText || '').trim(),
      );
      await button.click({ timeout });
      return { message };
    },

    async notifications() {
      return { toasts: await visibleTexts(page.locator('.notifications-toasts .notification-toast .notification-list-item-message')) };
    },

    async waitForText({ text, selector, exact = false, timeout }) {
      if (!text) throw new Error('text is required');
      const scope = selector ? page.locator(selector) : page.locator('body');
      await scope.getByText(text, { exact }).first().waitFor({ state: 'visible', timeout });
      return {};
    },

    async screenshot({ path: file, selector, timeout }) {
      if (!file) throw new Error('path is required');
      file = path.resolve(file);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      if (selector) await page.locator(selector).first().screenshot({ path: file, timeout });
      else await page.screenshot({ path: file, timeout });
      return { path: file, bytes: fs.statSync(file).size };
    },

    async click({ text, selector, exact = true, timeout }) {
      if (!text) throw new Error('text is required');
      const scope = selector ? page.locator(selector) : page.locator('body');
      const target = scope.getByText(text, { exact }).first();
      await target.waitFor({ state: 'visible', timeout });
      await target.click({ timeout });
      return {};
    },

    async pressKey({ key }) {
      if (!key) throw new Error('key is required');
      await page.keyboard.press(key);
      return {};
    },

    async html({ selector, timeout }) {
      const loc = page.locator(selector || 'body').first();
      await loc.waitFor({ state: 'attached', timeout });
      return { html: await loc.evaluate((e) => e.outerHTML) };
    },
  };
}

function startDriverServer(getActions) {
  let queue = Promise.resolve();
  const server = http.createServer((req, res) => {
    const answer = (status, obj) => {
      const body = JSON.stringify(obj);
      res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), Connection: 'close' });
      res.end(body);
    };
    if (req.method === 'GET') return answer(200, { ok: true, ready: !!getActions() });
    if (req.method !== 'POST') return answer(405, { ok: false, error: 'POST a JSON action' });
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (d) => {
      raw += d;
    });
    req.on('end', () => {
      let request;
      try {
        request = JSON.parse(raw);
      } catch (e) {
        return answer(400, { ok: false, error: 'bad JSON: ' + e.message });
      }
      const run = async () => {
        const actions = getActions();
        if (!actions) throw new Error('the workbench is not open yet');
        const fn = Object.prototype.hasOwnProperty.call(actions, request.action) && actions[request.action];
        if (!fn) throw new Error(`unknown action ${JSON.stringify(request.action)}; known: ${Object.keys(actions).join(', ')}`);
        const timeout = Number(request.timeout) > 0 ? Number(request.timeout) : 15000;
        return fn({ ...request, timeout });
      };
      const started = Date.now();
      queue = queue.then(run).then(
        (r) => {
          info(`driver ${request.action} ok (${Date.now() - started} ms)`);
          answer(200, { ok: true, ...r });
        },
        (e) => {
          // Playwright errors carry a call log ("waiting for locator(...)", "element is not visible"...): keep it short.
          const error = String((e && e.message) || e)
            .split('\n')
            .filter((l) => l.trim() && !/^=+/.test(l.trim()))
            .slice(0, 12)
            .join('\n');
          info(`driver ${request.action} failed: ${error}`);
          answer(200, { ok: false, error });
        },
      );
    });
  });
  return new Promise((res, rej) => {
    server.on('error', rej);
    server.listen(0, '127.0.0.1', () => res(server));
  });
}

// VS Code refuses modal dialogs while extension tests run: DialogService.prompt() throws "DialogService:
// refused to show dialog in tests" when extensionTestsPath is set (or with --enable-smoke-test-driver, which
// this route needs). So vscode.window.show*Message(..., {modal: true}) would reject instead of showing the
// dialog the driver is asked to answer. Serve the workbench with that one check removed from prompt() (the
// extension API's modal messages); confirm() keeps auto-confirming as VS Code does in tests, and file
// dialogs ("save changes?") keep their test behaviour. CODE_TEST_ALLOW_DIALOGS=0 keeps VS Code's behaviour.
const ALLOW_DIALOGS = process.env.CODE_TEST_ALLOW_DIALOGS !== '0';
const REFUSE_PROMPT = /(async prompt\(\w+\)\{if\()(this\.\w+\(\))(\)throw new Error\(`DialogService: refused to show dialog in tests)/;
async function allowDialogs(page) {
  await page.route(/\/vs\/code\/browser\/workbench\/workbench\.js(\?.*)?$/, async (route) => {
    const response = await route.fetch();
    const body = await response.text();
    if (!REFUSE_PROMPT.test(body)) {
      console.error(
        "[code-test-host] WARNING: could not find DialogService.prompt's test check in workbench.js: modal dialogs will be refused",
      );
      return route.fulfill({ response, body });
    }
    info('workbench.js: DialogService.prompt() allowed to show modal dialogs during tests');
    await route.fulfill({ response, body: body.replace(REFUSE_PROMPT, '$1false$3') });
  });
}

// ---------------------------------------------------------------------------------------------------------
(async () => {
  const { chromium } = require('playwright-core');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'code-test-host-'));
  const userDataDir = path.join(tmp, 'user-data'),
    extensionsDir = path.join(tmp, 'extensions'),
    serverDataDir = path.join(tmp, 'server-data');
  for (const d of [userDataDir, extensionsDir, serverDataDir]) fs.mkdirSync(d, { recursive: true });
  // User settings of the fresh profile: no welcome page/walkthrough, no tips, quiet workbench; plus
  // CODE_TEST_USER_SETTINGS (a JSON object) from the caller.
  const TRUST = process.env.CODE_TEST_WORKSPACE_TRUST === '1';
  let extraSettings = {};
  try {
    extraSettings = JSON.parse(process.env.CODE_TEST_USER_SETTINGS || '{}');
  } catch (e) {
    console.error('[code-test-host] CODE_TEST_USER_SETTINGS is not JSON:', e.message);
    process.exit(64);
  }
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'update.mode': 'none',
        'telemetry.telemetryLevel': 'off',
        'security.workspace.trust.enabled': TRUST,
        'git.enabled': false,
        ...extraSettings,
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

  let cs,
    browser,
    page,
    actions,
    driver,
    exitCode = 1,
    interrupted = false,
    cleaning;
  const cleanup = () =>
    cleaning ||
    (cleaning = (async () => {
      try {
        await browser?.close();
      } catch {}
      if (cs && cs.exitCode === null && cs.signalCode === null) {
        // the server and its extension host / language servers
        const gone = new Promise((res) => cs.once('exit', res));
        try {
          process.kill(-cs.pid, 'SIGTERM');
        } catch {}
        if ((await Promise.race([gone.then(() => true), new Promise((res) => setTimeout(res, 5000, false))])) === false) {
          try {
            process.kill(-cs.pid, 'SIGKILL');
          } catch {}
        }
      }
      try {
        driver?.close();
      } catch {}
      if (!process.env.CODE_TEST_KEEP_TMP) {
        try {
          fs.rmSync(tmp, { recursive: true, force: true });
        } catch {}
      } else console.error(`[code-test-host] kept ${tmp}`);
    })());
  // Last resort (uncaught error, process.exit elsewhere): never leave the detached server group behind.
  process.on('exit', () => {
    try {
      if (cs && cs.exitCode === null && cs.signalCode === null) process.kill(-cs.pid, 'SIGKILL');
    } catch {}
  });
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.on(sig, async () => {
      if (interrupted) return;
      interrupted = true;
      console.error(`[code-test-host] ${sig}: stopping`);
      await cleanup();
      process.exit(130);
    });
  }
  try {
    // 1. Install the .vsix files (one-shot CLI of the same server build).
    for (const vsix of vsixes) {
      if (!fs.existsSync(vsix)) throw new Error(`no such .vsix: ${vsix}`);
      const r = spawnSync(NODE, [SERVER_MAIN, '--install-extension', vsix, '--force', ...common], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`installing ${vsix} failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
      console.log(
        `[code-test-host] installed ${path.basename(vsix)}: ${(r.stdout.match(/Extension '.*' .*installed\.?/) || [r.stdout.trim()])[0]}`,
      );
    }

    // 2. Driver channel first, so that its URL is in the environment the server (and so the extension host) inherits.
    driver = await startDriverServer(() => actions);
    const driverUrl = `http://127.0.0.1:${driver.address().port}/`;
    // CODE_TEST_DRIVER_CLIENT: absolute path of driver-client.js, so that compiled tests (out/...) can
    // require() it without a relative path that differs between sources and build output.
    const env = {
      ...process.env,
      CODE_TEST_DRIVER_URL: driverUrl,
      CODE_TEST_DRIVER_CLIENT: path.join(__dirname, 'driver-client.js'),
      CODE_TEST_HOST: '1',
    };

    // 3. The VS Code server build, started directly (not through code-server's wrapper): it accepts
    //    --enable-smoke-test-driver, without which the web workbench ignores extensionTestsPath in its payload.
    const port = await freePort();
    cs = spawn(
      NODE,
      [
        SERVER_MAIN,
        '--host',
        '127.0.0.1',
        '--port',
        String(port),
        '--without-connection-token',
        '--enable-smoke-test-driver',
        ...(TRUST ? [] : ['--disable-workspace-trust']),
        '--disable-getting-started-override',
        ...common,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], env, detached: true },
    );
    let csLog = '';
    const serverExited = new Promise((res) => cs.on('exit', (c) => res(c)));
    await new Promise((res, rej) => {
      const on = (d) => {
        csLog += d;
        if (verbose) process.stderr.write('[vscode-server] ' + d);
        if (/Extension host agent listening on/.test(csLog)) res();
      };
      cs.stdout.on('data', on);
      cs.stderr.on('data', on);
      serverExited.then((c) => rej(new Error(`VS Code server exited early with ${c}\n${csLog}`)));
      setTimeout(() => rej(new Error(`VS Code server did not start within 90 s\n${csLog}`)), 90000).unref();
    });
    info(`VS Code server on port ${port}, driver at ${driverUrl}`);

    // 4. The workbench in headless Chromium.
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false, // ours: stop the server too
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    });
    page = await browser.newPage({ viewport: { width: VW, height: VH } });
    const done = new Promise((res) => page.exposeFunction('codeAutomationExit', (code) => res(code)));
    // Console output of the extension host (console.* in the extension and its tests) reaches the workbench,
    // which logs it as console.log('%c INFO', 'color: ...', msg, ...args): re-format it as Node would.
    let chain = Promise.resolve();
    page.on('console', (m) => {
      chain = chain.then(async () => {
        let args;
        try {
          args = await Promise.all(m.args().map((a) => a.jsonValue()));
        } catch {
          args = [];
        }
        if (!args.length) args = [m.text()];
        if (typeof args[0] === 'string' && /^%c/.test(args[0])) args = args.slice(2);
        const t = util.format(...args);
        if (!verbose && (NOISE.test(t) || !/^(log|info|error|warning)$/.test(m.type()))) return;
        (m.type() === 'error' ? process.stderr : process.stdout).write(t + '\n');
      });
    });
    page.on('pageerror', (e) => verbose && console.error('[pageerror]', e.message));
    const crashed = new Promise((res) => {
      page.on('crash', () => res('crash'));
      browser.on('disconnected', () => res('crash'));
    });
    const auth = `127.0.0.1:${port}`;
    const payload = [
      ...devPaths.map((p) => ['extensionDevelopmentPath', `vscode-remote://${auth}${p}`]),
      ['extensionTestsPath', `vscode-remote://${auth}${testsPath}`],
    ];
    const q = (folder ? `folder=${encodeURIComponent(folder)}&` : 'ew=true&') + `payload=${encodeURIComponent(JSON.stringify(payload))}`;
    if (ALLOW_DIALOGS) await allowDialogs(page);
    actions = makeActions(page);
    await page.goto(`http://${auth}/?${q}`);
    info('workbench opened');

    let timer;
    const r = await Promise.race([
      done,
      crashed,
      serverExited.then((c) => `server-exit:${c}`),
      new Promise((res) => {
        timer = setTimeout(() => res('timeout'), TIMEOUT_MS);
      }),
    ]);
    clearTimeout(timer);
    await chain;
    if (r === 'timeout') {
      console.error(`[code-test-host] TIMEOUT after ${TIMEOUT_MS} ms; server log:\n${csLog}`);
      exitCode = 124;
    } else if (r === 'crash') {
      console.error('[code-test-host] the browser page crashed');
      exitCode = 70;
    } else if (typeof r === 'string' && r.startsWith('server-exit:')) {
      console.error(`[code-test-host] VS Code server exited (${r.slice(12)}) during the run:\n${csLog}`);
      exitCode = 70;
    } else {
      exitCode = Number(r) || 0;
      info(`tests finished with exit code ${exitCode}`);
    }
  } catch (e) {
    console.error('[code-test-host]', (e && e.stack) || e);
    exitCode = 70;
  }
  const shot = process.env.CODE_TEST_FAILURE_SCREENSHOT;
  if (exitCode !== 0 && shot && page && !interrupted) {
    try {
      fs.mkdirSync(path.dirname(path.resolve(shot)), { recursive: true });
      await page.screenshot({ path: shot, timeout: 5000 });
      console.error(`[code-test-host] failure screenshot: ${shot}`);
    } catch {}
  }
  if (interrupted) return; // the signal handler cleans up and exits
  await cleanup();
  info(`exit ${exitCode}`);
  process.exit(exitCode);
})();
