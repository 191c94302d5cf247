#!/usr/bin/env node
// `npm run screenshots`: the set-up of `npm run try` (build, .vsix, local PingOne stand-in, example
// workspace, VS Code 1.100.3's server build) in a temporary workspace, then the real workbench in headless
// Chromium driven by Playwright, the way a person uses it (keyboard, mouse, command palette, dialogs), and
// PNGs of it into docs/images/:
//   diagnostics.png  a file with mistakes: squiggles and the Problems panel
//   completion.png   Ctrl+Space inside a requests[] item
//   send.png         after "PingOne: Send to PingOne": the response beside the file
//   environments.png after "Check environments": the file's status in dev / test / prod, the usage hover on `name`
//   explorer.png     the PingOne explorer in the side bar: dev and test expanded, a provider's "Used by", the fallback chain
//
// The stand-in holds three environments, configured as the user entries dev, test and prod (production);
// one worker app (living in dev, `tokenEnvironmentId` of the others) reaches all three, so the one client
// secret set through "PingOne: Set Client Secret" serves them all. Their other providers, fallback chains
// and policies are created through the stand-in's API before the workbench opens (as an administrator
// would have set them up), and the sent provider is put into dev's fallback chain after send.png; only
// that file is sent from the workbench. The client secret and the secret variable reach the extension through
// its password boxes only; the seeded providers' credentials are made up in this process; no secret is
// written to a file.
//
//   npm run screenshots [-- --out DIR] [--viewport 1024x640] [--colors 16] [--antialias] [--verbose]
//
// Sized for a README (and for the .vsix, which inlines them into its README: test/package/vsix.mjs keeps it
// under 500 KB and each image under 64 KB): a 1024x640 window without the side bar (except for
// explorer.png), text drawn without anti-aliasing (a fontconfig setting for this browser only; --antialias
// keeps the system's), each PNG reduced to a palette of 16 colours (upng-js). Without the grey edges of
// anti-aliased glyphs a PNG is about half the size (about 15 KB instead of 27 KB), and the text stays sharp.
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
const ANTIALIAS = args.includes('--antialias');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const SEND_FILE = 'transmit-sms.phone-delivery.json'; // hover and send
const COMPLETION_FILE = 'custom-header.phone-delivery.json';
// (No 8 characters in a row shared with the response: the redaction would also hide those, e.g. in "username".)
const PLACEHOLDER_VALUE = 'tsms-7vQ2wK9x';
// Fixed ids of the test and prod environments (dev is the stand-in's own, lib.js).
const TEST_ID = '2b7d4c1e-8a3f-4b6d-9e5c-7f1a2d3c4b5e';
const PROD_ID = '9c4e2a6b-1d7f-4e3a-8b5c-3a9d8e7f6c5b';

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
      environmentIds: [TEST_ID, PROD_ID],
      environments: (local) => {
        const base = { apiUrl: local.apiBase, authUrl: local.authBase, clientId: local.clientId };
        return [
          { name: 'dev', ...base, environmentId: local.environmentId },
          { name: 'test', ...base, environmentId: TEST_ID, tokenEnvironmentId: local.environmentId },
          { name: 'prod', ...base, environmentId: PROD_ID, tokenEnvironmentId: local.environmentId, production: true },
        ];
      },
      userSettings: { 'editor.minimap.enabled': false },
    });
    const admin = administrator(session.local);
    await seed(admin, session.local.environmentId);
    const { chromium } = require(require.resolve('playwright-core', { paths: [HOST_DIR] }));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      env: ANTIALIAS ? process.env : { ...process.env, XDG_CONFIG_HOME: aliasedFonts(wsRoot) },
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
      async () => (await page.locator('.markers-panel .monaco-list-row').count()) >= 5,
      20000,
      'the Problems panel to list the problems',
    );
    await w.gotoLine(10, 26); // the cursor on "Sms" (an error with a quick fix), the editor focused
    await shot('diagnostics.png', 'squiggles and the Problems panel');
    await page.keyboard.press('Control+J'); // hide the panel
    await w.command('View: Close All Editors');

    // (No hover.png of its own: environments.png shows the hover of a key, the field's documentation above
    // the usage section, and the .vsix, whose README carries every picture inlined, stays under 500 KB.)

    // (b) Completion inside requests[]: a second request (an empty object after the first one), then Ctrl+Space.
    await w.command('View: Close All Editors');
    await w.openFile(COMPLETION_FILE);
    const closing = closingLineOfFirstRequest(path.join(session.workspace, COMPLETION_FILE));
    await w.gotoLine(closing, 1);
    await page.keyboard.press('End');
    await page.keyboard.type(',');
    await page.keyboard.press('Escape'); // (a suggestion list opened by the typing must not take the Enter)
    await page.keyboard.press('Enter');
    await page.keyboard.type('{}'); // (the "}" overtypes an auto-closed one)
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Enter'); // between the braces: "{", an indented empty line, "}"
    await page.waitForTimeout(300);
    if ((await w.cursor()) === `Ln ${closing + 2}, Col 5`) {
      // Now and then the editor puts the "}" on the next line without the empty line between: make it.
      await page.keyboard.press('Enter');
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('End');
      await page.keyboard.type('  ');
    }
    await w.waitUntil(
      async () => (await w.cursor()) === `Ln ${closing + 2}, Col 7`,
      5000,
      `the cursor inside the new requests[1] (line ${closing + 2}, column 7; it is at ${await w.cursor()})`,
    );
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

    // (e) After "Check environments": in sync in dev (just sent), differs in test, not created in prod; the
    // usage hover on "name". An administrator puts the new provider into dev's fallback chain first.
    const dev = session.local.environmentId;
    const sent = (await admin.list(dev)).find((p) => p.name === 'TransmitSMS');
    if (!sent) throw new Error('the sent provider is not in dev');
    const chain = (await admin.call(dev, 'GET', '/notificationsSettings')).smsProvidersFallbackChain || [];
    await admin.call(dev, 'PUT', '/notificationsSettings', { smsProvidersFallbackChain: [chain[0], sent.id, ...chain.slice(1)] });
    await w.command('View: Close All Editors');
    await w.command('Notifications: Clear All Notifications');
    await w.openFile(SEND_FILE);
    await w.clickLens('Check environments');
    for (const lens of ['dev: in sync', 'test: differs', 'prod: not created'])
      await w.waitUntil(async () => (await w.lenses()).includes(lens), 30000, `the lens "${lens}"`);
    await w.hoverText('"TransmitSMS"');
    await w.waitUntil(
      async () => /Where this provider is used[\s\S]*test/.test(await w.hoverContents()),
      10000,
      'the usage section of the hover',
    );
    await shot('environments.png', 'the per-environment lenses and the usage hover on "name"');
    await page.mouse.move(200, 16);
    await page.keyboard.press('Escape');

    // (f) The explorer: dev expanded (its providers, Twilio's "Used by", the fallback chain), then test.
    await w.showExplorer(580);
    await w.expandRow('dev', 'Twilio');
    await w.expandRow('Twilio', 'Used by', 'CUSTOM_TWILIO');
    await w.expandRow('test', 'TransmitSMS');
    await page
      .locator('.part.sidebar .monaco-list-row', { hasText: 'Loading' })
      .first()
      .waitFor({ state: 'detached', timeout: 15000 })
      .catch(() => {});
    await page.keyboard.press('Escape'); // (the explorer has the focus: no row selected)
    await page.keyboard.press('Control+1'); // the editor focused: no focus outline in the explorer
    await page.mouse.move(VW - 10, VH / 2); // no tooltip, no hover highlight
    await shot('explorer.png', 'the PingOne explorer with dev and test expanded');
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

/** The 1-based line of the "}" that closes requests[0] (read from the file: the fixture may change). */
function closingLineOfFirstRequest(file) {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const start = lines.findIndex((l) => /^\s*"requests":\s*\[\s*$/.test(l));
  const indent = start >= 0 ? lines[start + 1].match(/^\s*/)[0] : undefined;
  const end = indent === undefined ? -1 : lines.findIndex((l, i) => i > start + 1 && l === `${indent}}`);
  if (end < 0) throw new Error(`${file}: no "requests": [ { … } on lines of their own`);
  return end + 1;
}

/** The stand-in's API as an administrator calls it (a token of its own, not the extension's). */
function administrator(local) {
  let token;
  const call = async (envId, method, rel, body) => {
    if (!token) {
      const basic = Buffer.from(`${encodeURIComponent(local.clientId)}:${encodeURIComponent(local.clientSecret)}`).toString('base64');
      const t = await fetch(`${local.authBase}/${local.environmentId}/as/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` },
        body: 'grant_type=client_credentials',
      });
      if (t.status !== 200) throw new Error(`the administrator's token request answered ${t.status}`);
      token = (await t.json()).access_token;
    }
    const r = await fetch(`${local.apiBase}/environments/${envId}${rel}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${rel} in ${envId}: ${r.status} ${text.slice(0, 500)}`);
    return text ? JSON.parse(text) : {};
  };
  const list = async (envId) => (await call(envId, 'GET', '/notificationsSettings/phoneDeliverySettings'))._embedded.phoneDeliverySettings;
  const create = async (envId, body) => (await call(envId, 'POST', '/notificationsSettings/phoneDeliverySettings', body)).id;
  return { call, list, create };
}

/**
 * What the administrators set up before: dev has Twilio and an EU gateway, its fallback chain and a policy;
 * test an older TransmitSMS (another URL: "differs"), Twilio, its chain and a policy; prod only Twilio.
 * The write-only credentials are made up here and never leave this process and the stand-in.
 */
async function seed(admin, dev) {
  const { randomBytes } = require('crypto');
  const secret = () => randomBytes(18).toString('base64url');
  const twilio = () => ({ name: 'Twilio', provider: 'CUSTOM_TWILIO', sid: 'AC1234567890abcdef1234567890abcdef', authToken: secret() });
  const gateway = {
    name: 'Gateway EU',
    provider: 'CUSTOM_PROVIDER',
    authentication: { method: 'BASIC', username: 'pingone-eu', password: secret() },
    requests: ['SMS', 'VOICE'].map((m) => ({
      deliveryMethod: m,
      url: `https://gateway-eu.example.com/${m.toLowerCase()}?to=\${to}&message=\${message}`,
      method: 'GET',
    })),
    numbers: [{ type: 'PHONE_NUMBER', number: '+33612345678', capabilities: ['SMS', 'VOICE'], selected: true, available: true }],
  };
  const transmitSms = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'valid', 'custom-basic-get.json'), 'utf8'));
  transmitSms.authentication.password = secret();
  transmitSms.requests[0].url = 'https://api.transmitsms.com/send-sms.json?to=${to}&message=${message}'; // (no sender yet)
  const policy = (name, countries, first, rest) => ({
    name,
    quotas: [{ type: 'USER', deliveryMethods: ['SMS', 'Voice'], total: 30 }],
    countryLimit: { type: 'NONE' },
    providerConfiguration: {
      conditions: [
        { deliveryMethods: ['SMS', 'VOICE'], countries, fallbackChain: first.map((id) => ({ id })) },
        { deliveryMethods: ['SMS', 'VOICE'], fallbackChain: rest.map((id) => ({ id })) },
      ],
    },
  });
  const devTwilio = await admin.create(dev, twilio());
  const devGateway = await admin.create(dev, gateway);
  await admin.call(dev, 'PUT', '/notificationsSettings', { smsProvidersFallbackChain: [devTwilio, 'PINGONE_TWILIO'] });
  await admin.call(dev, 'POST', '/notificationsPolicies', policy('Europe first', ['FR', 'DE'], [devGateway, devTwilio], [devTwilio]));
  const testTransmit = await admin.create(TEST_ID, transmitSms);
  const testTwilio = await admin.create(TEST_ID, twilio());
  await admin.call(TEST_ID, 'PUT', '/notificationsSettings', { smsProvidersFallbackChain: [testTransmit, testTwilio] });
  await admin.call(TEST_ID, 'POST', '/notificationsPolicies', policy('Australia first', ['AU'], [testTransmit, testTwilio], [testTwilio]));
  const prodTwilio = await admin.create(PROD_ID, twilio());
  await admin.call(PROD_ID, 'PUT', '/notificationsSettings', { smsProvidersFallbackChain: [prodTwilio, 'PINGONE_TWILIO'] });
  say("seeded dev, test and prod through the stand-in's API");
}

/**
 * A fontconfig user configuration (XDG_CONFIG_HOME/fontconfig/fonts.conf, read by the system's one) that
 * turns anti-aliasing off and hinting fully on: the text is crisp, one colour per glyph instead of the
 * grey ramp of its edges, and each PNG about half the size.
 */
function aliasedFonts(dir) {
  const home = path.join(dir, 'xdg-config');
  fs.mkdirSync(path.join(home, 'fontconfig'), { recursive: true });
  fs.writeFileSync(
    path.join(home, 'fontconfig', 'fonts.conf'),
    `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <match target="font">
    <edit name="antialias" mode="assign"><bool>false</bool></edit>
    <edit name="hinting" mode="assign"><bool>true</bool></edit>
    <edit name="hintstyle" mode="assign"><const>hintfull</const></edit>
  </match>
</fontconfig>
`,
  );
  return home;
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
    /** The status bar's cursor position: "Ln 12, Col 5". */
    async cursor() {
      const items = await page
        .locator('.statusbar-item')
        .allInnerTexts()
        .catch(() => []);
      return (items.find((t) => /^Ln \d+, Col \d+/.test(t.trim())) || '').trim();
    },
    /** Clicks the CodeLens with this title. */
    async clickLens(title) {
      const lens = page.locator('.editor-instance .codelens-decoration a', { hasText: exact(title) }).first();
      await lens.waitFor({ state: 'visible', timeout: 30000 });
      await lens.click();
    },
    /** The titles of the CodeLenses shown in the active editor. */
    async lenses() {
      return (
        await page
          .locator('.editor-instance .codelens-decoration a')
          .allInnerTexts()
          .catch(() => [])
      ).map((t) => t.trim());
    },
    async hoverContents() {
      return page
        .locator('.monaco-editor .monaco-hover:not(.hidden)')
        .first()
        .innerText({ timeout: 1000 })
        .catch(() => '');
    },
    /** The side bar with the PingOne view container (a click on its activity bar icon), `width` px wide (its sash dragged). */
    async showExplorer(width) {
      await page.locator('.part.activitybar .action-item .action-label[aria-label^="PingOne"]').first().click();
      await page.locator('.part.sidebar .monaco-list-row').first().waitFor({ timeout: 15000 });
      const box = await page.locator('.part.sidebar').boundingBox();
      const y = box.y + box.height / 2;
      await page.mouse.move(box.x + box.width - 1, y);
      await page.mouse.down();
      await page.mouse.move(box.x + width, y, { steps: 8 });
      await page.mouse.up();
    },
    /**
     * Expands the first explorer row labelled `label` (whose description holds `description`, when given) unless
     * it is expanded, and waits until a row labelled `child` is among its children.
     */
    async expandRow(label, child, description = '') {
      const rows = async () =>
        (
          await page.locator('.part.sidebar .monaco-list-row').evaluateAll((rs) =>
            rs.map((r) => ({
              index: Number(r.dataset.index),
              level: Number(r.getAttribute('aria-level')),
              expanded: r.getAttribute('aria-expanded') === 'true',
              name: r.querySelector('.label-name')?.textContent?.trim() || '',
              description: r.querySelector('.label-description')?.textContent?.trim() || '',
            })),
          )
        ).sort((x, y) => x.index - y.index); // (the DOM order is not the list's)
      const find = (all) => all.findIndex((r) => r.name === label && r.description.includes(description));
      let all = [];
      await waitUntil(async () => find((all = await rows())) >= 0, 15000, `the explorer row "${label}"`);
      const target = all[find(all)];
      if (!target.expanded) await page.locator(`.part.sidebar .monaco-list-row[data-index="${target.index}"]`).click();
      await waitUntil(
        async () => {
          const now = await rows();
          const at = find(now);
          if (at < 0) return false;
          const end = now.findIndex((r, i) => i > at && r.level <= now[at].level);
          return now.slice(at + 1, end < 0 ? undefined : end).some((r) => r.name === child);
        },
        30000,
        `"${child}" under "${label}"`,
      );
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
