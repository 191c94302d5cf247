#!/usr/bin/env node
// `npm run screenshots`: the set-up of `npm run try` (build, .vsix, local PingOne stand-in, example
// workspace, VS Code 1.100.3's server build) in a temporary workspace, then the real workbench in headless
// Chromium driven by Playwright, the way a person uses it (keyboard, mouse, command palette, dialogs), and
// PNGs of it into docs/images/:
//   diagnostics.png  a file with mistakes: squiggles and the Problems panel
//   completion.png   Ctrl+Space inside a requests[] item
//   hover.png        the hover of a key
//   send.png         after "PingOne: Send to PingOne": the response beside the file
//
//   npm run screenshots [-- --out DIR] [--viewport 1024x640] [--colors 16] [--verbose]
//
// Sized for a README (and for the .vsix, which ships them: test/package/vsix.mjs keeps it under 500 KB): a
// 1024x640 window without the side bar, each PNG reduced to a palette of 16 colours (upng-js), which keeps
// the text sharp at about a sixth of the size of the full-colour screenshot.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const UPNG = require('upng-js');
const { ROOT, HOST_DIR, startTry, say } = require('./lib');

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : def;
};
const OUT = path.resolve(opt('--out', path.join(ROOT, 'docs', 'images')));
const [VW, VH] = opt('--viewport', '1024x640').split('x').map(Number);
const COLORS = Number(opt('--colors', '16'));
const VERBOSE = args.includes('--verbose');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const SEND_FILE = 'transmit-sms.phone-delivery.json'; // hover and send
const COMPLETION_FILE = 'custom-header.phone-delivery.json';
const PLACEHOLDER_VALUE = 'example-gateway-password';

const exact = (s) => new RegExp(`^\\s*${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);

async function main() {
  const started = Date.now();
  const wsRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'pingone-shots-'));
  const workspace = path.join(wsRoot, 'workspace');
  let session,
    browser,
    page,
    ok = false;
  const cleanup = async () => {
    try {
      await browser?.close();
    } catch {}
    await session?.stop();
    fs.rmSync(wsRoot, { recursive: true, force: true });
  };
  for (const sig of ['SIGINT', 'SIGTERM'])
    process.on(sig, async () => {
      await cleanup();
      process.exit(130);
    });
  try {
    session = await startTry({
      workspace,
      reset: true,
      vscodePort: 0,
      pingonePort: 0,
      quietBuild: true,
      verbose: VERBOSE,
      logRequests: VERBOSE,
      userSettings: { 'editor.minimap.enabled': false },
    });
    const { chromium } = require(require.resolve('playwright-core', { paths: [HOST_DIR] }));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
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
    if (VERBOSE) page.on('console', (m) => console.log('[workbench]', m.text()));
    const w = workbench(page);
    await page.goto(session.url);
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 90000 });
    say('workbench open');
    await page.keyboard.press('Control+B'); // no side bar: the editor and the panels are the point
    fs.mkdirSync(OUT, { recursive: true });
    const shot = async (name, what) => {
      await page.waitForTimeout(400); // let animations (hover fade-in, list scrolling) end
      const file = path.join(OUT, name);
      fs.writeFileSync(file, paletted(await page.screenshot(), COLORS));
      say(`${path.relative(process.cwd(), file)} (${Math.round(fs.statSync(file).size / 1024)} KB): ${what}`);
    };

    // (a) Squiggles and the Problems panel.
    await w.openFile('with-mistakes.phone-delivery.json');
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 60000 });
    await page.keyboard.press('Control+Shift+M');
    await w.waitUntil(
      async () => (await page.locator('.markers-panel .monaco-list-row').count()) >= 6,
      20000,
      'the Problems panel to list the problems',
    );
    await w.gotoLine(10, 26); // the cursor on "Sms" (an error with a quick fix), the editor focused
    await shot('diagnostics.png', 'squiggles and the Problems panel');
    await page.keyboard.press('Control+J'); // hide the panel
    await w.command('View: Close All Editors');

    // (c) Hover on a key.
    await w.openFile(SEND_FILE);
    await w.hoverText('"phoneNumberFormat"');
    await shot('hover.png', 'hover on "phoneNumberFormat"');
    await page.mouse.move(200, 16); // an empty spot of the title bar: no tooltip
    await page.keyboard.press('Escape');

    // (b) Completion inside requests[]: a second request (an empty object after the first one), then Ctrl+Space.
    await w.command('View: Close All Editors');
    await w.openFile(COMPLETION_FILE);
    await w.gotoLine(16, 1); // the closing "}" of requests[0]
    await page.keyboard.press('End');
    await page.keyboard.type(',');
    await page.keyboard.press('Enter');
    await page.keyboard.type('{}'); // (the "}" overtypes an auto-closed one)
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Enter');
    await w.suggest();
    await shot('completion.png', 'completion inside a new requests[] item');
    await page.keyboard.press('Escape');
    await w.command('View: Close All Editors'); // (files.autoSave may have saved the edit: it is a temporary workspace)

    // (d) Set the client secret, send, answer the dialogs, the response beside the file.
    await w.openFile(SEND_FILE);
    await w.command('PingOne: Set Client Secret');
    await w.answer({
      dialogs: ['Allow'],
      inputs: [[/client secret/i, session.local.clientSecret]],
      until: () => w.toast(/Client secret stored/),
      what: 'the client secret to be stored',
    });
    await w.command('Notifications: Clear All Notifications'); // only the send's own messages in the picture
    await w.command('PingOne: Send to PingOne');
    await w.answer({
      dialogs: ['Allow', 'Enter Values', 'Create'],
      inputs: [[/transmitSmsPassword/, PLACEHOLDER_VALUE]],
      until: async () => (await page.locator('.tabs-container .tab', { hasText: 'POST 201' }).count()) > 0,
      what: 'the response of the create',
    });
    await w.waitUntil(() => w.toast(/^Created /), 15000, 'the "Created" notification');
    await page.waitForTimeout(800);
    await shot('send.png', 'the response beside the file after "Send to PingOne"');
    ok = true;
  } catch (e) {
    console.error(`npm run screenshots: ${(e && e.stack) || e}`);
    if (page) {
      const file = path.join(os.tmpdir(), 'pingone-screenshots-failure.png');
      try {
        await page.screenshot({ path: file });
        console.error(`workbench at the failure: ${file}`);
      } catch {}
    }
  }
  await cleanup();
  say(`${ok ? 'done' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  process.exit(ok ? 0 : 1);
}

/** The PNG re-encoded with a palette of at most `colors` colours. */
function paletted(png, colors) {
  const image = UPNG.decode(png);
  return Buffer.from(UPNG.encode(UPNG.toRGBA8(image), image.width, image.height, colors));
}

/** Keyboard and mouse on the real workbench (VS Code 1.100.3 web selectors, see test/vscode-host/README.md). */
function workbench(page) {
  const quick = page.locator('.quick-input-widget');
  const quickInput = quick.locator('.quick-input-box input');
  const waitUntil = async (cond, ms, what) => {
    const end = Date.now() + ms;
    for (;;) {
      if (await cond()) return;
      if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
      await page.waitForTimeout(100);
    }
  };
  // Enter only once the list has been filtered and the focused row is the one wanted.
  const acceptRow = async (label) => {
    const focused = quick.locator('.quick-input-list .monaco-list-row.focused .label-name');
    await waitUntil(
      async () =>
        exact(label).test(
          await focused
            .first()
            .innerText({ timeout: 500 })
            .catch(() => ''),
        ),
      15000,
      `the quick pick row "${label}"`,
    );
    await page.keyboard.press('Enter');
  };
  const self = {
    waitUntil,
    /** Quick Open (Ctrl+P), the file's name, Enter. */
    async openFile(name) {
      await page.keyboard.press('Control+P');
      await quickInput.waitFor({ state: 'visible' });
      await page.keyboard.type(name);
      await acceptRow(name);
      await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: 15000 });
      await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor();
    },
    /** The command palette (F1), the command's title, Enter. */
    async command(title) {
      await page.keyboard.press('F1');
      await quickInput.waitFor({ state: 'visible' });
      await page.keyboard.type(title);
      await acceptRow(title);
      await quick.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {}); // (a command may show its own quick input)
    },
    /** Go to Line (Ctrl+G) `line:column`. */
    async gotoLine(line, column) {
      await page.keyboard.press('Control+G');
      await quickInput.waitFor({ state: 'visible' });
      await page.keyboard.type(`${line}:${column}`);
      await page.keyboard.press('Enter');
      await quick.waitFor({ state: 'hidden' });
    },
    /** Mouse over the first token with this text until the hover shows (the language server may still be starting). */
    async hoverText(text) {
      const token = page.locator('.editor-instance .view-lines span span', { hasText: exact(text) }).first();
      await token.waitFor({ state: 'visible', timeout: 15000 });
      const hover = page.locator('.monaco-editor .monaco-hover:not(.hidden) .hover-contents').first();
      for (let i = 0; ; i++) {
        await page.mouse.move(200, 16);
        await token.hover();
        if (
          await hover.waitFor({ state: 'visible', timeout: 4000 }).then(
            () => true,
            () => false,
          )
        ) {
          await waitUntil(async () => (await hover.innerText()).trim().length > 20, 5000, 'the hover text');
          return;
        }
        if (i === 5) throw new Error(`no hover over ${text}`);
      }
    },
    /** Ctrl+Space until the suggest widget shows items, and its details side panel. */
    async suggest() {
      const widget = page.locator('.editor-widget.suggest-widget.visible');
      for (let i = 0; ; i++) {
        await page.keyboard.press('Control+Space');
        if (
          await widget
            .locator('.monaco-list-row')
            .first()
            .waitFor({ state: 'visible', timeout: 4000 })
            .then(
              () => true,
              () => false,
            )
        )
          break;
        await page.keyboard.press('Escape');
        if (i === 5) throw new Error('no completion list');
      }
      // The details of the focused item: Ctrl+Space again toggles them when they are not shown yet.
      const details = page.locator('.suggest-details-container .suggest-details');
      if (!(await details.isVisible().catch(() => false))) await page.keyboard.press('Control+Space');
      await details.waitFor({ state: 'visible', timeout: 5000 }).catch(() => {});
    },
    /** Whether a notification toast with this text is shown. */
    async toast(re) {
      const texts = await page
        .locator('.notifications-toasts .notification-toast .notification-list-item-message')
        .allInnerTexts()
        .catch(() => []);
      return texts.some((t) => re.test(t.trim()));
    },
    /**
     * Answers whatever the command shows until `until()`: modal dialogs by clicking the first of `dialogs`
     * among their buttons, input boxes whose title/prompt matches by typing the value and Enter.
     */
    async answer({ dialogs = [], inputs = [], until, what, timeout = 60000 }) {
      const end = Date.now() + timeout;
      while (!(await until())) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
        const dialog = page.locator('.monaco-dialog-box').last();
        if (await dialog.isVisible().catch(() => false)) {
          const buttons = (await dialog.locator('.dialog-buttons .monaco-button').allInnerTexts()).map((t) => t.trim());
          const label = dialogs.find((d) => buttons.includes(d));
          const text = (
            await dialog
              .locator('.dialog-message-container')
              .innerText()
              .catch(() => '')
          ).split('\n')[0];
          if (!label) throw new Error(`unexpected dialog "${text}" with buttons ${JSON.stringify(buttons)}`);
          say(`dialog "${text}": ${label}`);
          await dialog
            .locator('.dialog-buttons .monaco-button')
            .filter({ hasText: exact(label) })
            .first()
            .click();
          await dialog.waitFor({ state: 'detached', timeout: 5000 }).catch(() => {});
          continue;
        }
        if (await quickInput.isVisible().catch(() => false)) {
          const head = await quick.evaluate(
            (q) =>
              `${q.querySelector('.quick-input-title')?.innerText || ''} ${q.querySelector('.quick-input-message')?.innerText || ''} ${q.querySelector('.quick-input-box input')?.placeholder || ''}`,
          );
          const hit = inputs.find(([re]) => re.test(head));
          if (hit) {
            say(`input "${head.trim().split('\n')[0]}": typed`);
            await quickInput.fill(hit[1]);
            await quickInput.press('Enter');
            await quick.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
            continue;
          }
        }
        await page.waitForTimeout(100);
      }
    },
  };
  return self;
}

if (require.main === module) main();
module.exports = { workbench };
