/**
 * Issue 14, "as a user meets it": what a first try in the real workbench showed, each done the way
 * the person did it (the command palette, the walkthrough, pickers, dialogs, notifications, tabs),
 * against a PingOne stand-in of its own. The tests build on each other, in order; each ends with the
 * search of every output for the known secrets.
 */
import * as assert from 'assert';
import { randomBytes } from 'crypto';
import * as vscode from 'vscode';
import { startPingOneLocal, type PingOneLocal } from '../pingone-local/server';
import type { SendOutcome } from '../../server/src/workflow/send';
import {
  after,
  answerNotification,
  api,
  assertNoSecretsAnywhere,
  clearNotifications,
  closeAllEditors,
  driver,
  type KnownSecret,
  LANGUAGE_ID,
  notificationOutputs,
  pingoneLogText,
  responseEditors,
  setSetting,
  test,
  waitFor,
  waitForDiagnostics,
  waitForNotification,
  workspaceRoot,
} from './harness';

const ENV = 'ft-local';
const ENV2 = 'ft-other';
const GATEWAY_PASSWORD = `ft-gw-pass-${randomBytes(9).toString('hex')}`;
const WALKTHROUGH = 'pingone-tools.pingone-phone-delivery#pingone.gettingStarted';

/** A body PingOne (the stand-in) accepts; `{{gatewayPassword}}` is filled from secret storage. */
const VALID = `{
  "name": "First try gateway",
  "provider": "CUSTOM_PROVIDER",
  "authentication": {
    "method": "BASIC",
    "username": "pingone-gateway",
    "password": "{{gatewayPassword}}"
  },
  "requests": [
    {
      "deliveryMethod": "SMS",
      "url": "https://gateway.example.com/send?to=\${to}&from=\${from}&message=\${message}",
      "method": "GET",
      "phoneNumberFormat": "FULL"
    }
  ],
  "numbers": [
    { "type": "PHONE_NUMBER", "number": "+61412345678", "capabilities": ["SMS"], "selected": true, "available": true }
  ]
}
`;
const URL_LINE = 11; // 0-based line of "url" in VALID

let local: PingOneLocal | undefined;
after(async () => {
  await local?.close();
  local = undefined;
});

function entry(l: PingOneLocal, name: string): Record<string, unknown> {
  return { name, apiUrl: l.apiBase, authUrl: l.authBase, environmentId: l.environmentId, clientId: l.clientId };
}

/** The stand-in; the user settings hold `envs` (ft-local first), ft-local active, its client secret set through the input box. */
async function ready(envs: string[] = [ENV]): Promise<PingOneLocal> {
  local ??= await startPingOneLocal();
  const l = local;
  const want = envs.map((n) => entry(l, n));
  const cfg = () => vscode.workspace.getConfiguration('pingone');
  if (JSON.stringify(cfg().inspect('environments')?.globalValue) !== JSON.stringify(want)) await setSetting('environments', want);
  if (cfg().inspect('activeEnvironment')?.globalValue !== ENV) await setSetting('activeEnvironment', ENV);
  const a = await api();
  const env = a.pingone.session.environments().choices.find((c) => c.env.name === ENV)!.env;
  if ((await a.pingone.session.clientSecret(env)) !== l.clientSecret) {
    const done = vscode.commands.executeCommand('pingone.setClientSecret');
    assert.match((await driver.typeInput(l.clientSecret)).title, /Client secret for "ft-local"/);
    await done;
  }
  return l;
}

/** The worker client secret, the gateway password, and every access token the extension's client for ft-local was given. */
async function secrets(l: PingOneLocal): Promise<KnownSecret[]> {
  const a = await api();
  const env = a.pingone.session.environments().choices.find((c) => c.env.name === ENV)!.env;
  const client = await a.pingone.session.client(env);
  const tokens = (client?.knownSecrets() ?? []).filter((v) => v !== l.clientSecret);
  return [
    { label: 'worker client secret', value: l.clientSecret },
    { label: 'gateway password', value: GATEWAY_PASSWORD },
    ...tokens.map((t, i) => ({ label: `access token #${i + 1}`, value: t })),
  ];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The quick input as the workbench shows it now: visible? its title. */
async function quickInput(): Promise<{ shown: boolean; title: string; html: string }> {
  const html = String((await driver.drive({ action: 'html', selector: '.quick-input-widget' })).html);
  const style = /^<div[^>]*style="([^"]*)"/.exec(html)?.[1] ?? '';
  const title = (/class="quick-input-title"[^>]*>([^<]*)</.exec(html)?.[1] ?? '').replace(/&nbsp;/g, ' ').trim();
  return { shown: !/display:\s*none/.test(style), title, html };
}

/** Types `text` key by key (the keyboard, not a fill of the input element: it goes wherever the focus is). */
async function typeKeys(text: string): Promise<void> {
  for (const ch of text) await driver.pressKey(ch === ' ' ? 'Space' : ch);
}

/** F1, the command's title, Enter: as a person runs a command. */
async function runFromPalette(title: string): Promise<void> {
  await driver.pressKey('F1');
  await driver.typeInput(`>${title}`);
}

async function untitled(
  content: string,
  name = `first-try-${randomBytes(3).toString('hex')}.phone-delivery.json`,
): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.joinPath(workspaceRoot(), name).with({ scheme: 'untitled' });
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  await editor.edit((b) => b.insert(new vscode.Position(0, 0), content));
  await waitFor('the language mode', () => doc.languageId === LANGUAGE_ID);
  return editor;
}

function send(): Thenable<SendOutcome | undefined> {
  return vscode.commands.executeCommand<SendOutcome | undefined>('pingone.send');
}

/** The one response view and its tab label. */
async function responseTab(label: string): Promise<vscode.TextEditor> {
  const editor = await waitFor(
    () => `the response view "${label}" (open: ${JSON.stringify(responseEditors().map((e) => e.document.uri.path))})`,
    () => responseEditors().find((e) => e.document.uri.path === `/${label}`),
    { events: [vscode.window.onDidChangeVisibleTextEditors, vscode.window.tabGroups.onDidChangeTabs], timeoutMs: 20_000 },
  );
  const tabs = vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.scheme === 'pingone-response');
  assert.deepStrictEqual(
    tabs.map((t) => t.label),
    [label],
    'exactly one response tab, titled "<METHOD> <status> — <env>"',
  );
  return editor;
}

const ops = (l: PingOneLocal, op: string) => l.state.requests.filter((r) => r.op === op).length;

// --- Select Environment ---------------------------------------------------------------------------

test('first try: "Select Environment" with one environment still shows the pick, the active one marked; then "Active environment: ft-local" and the status bar', async () => {
  const l = await ready([ENV]);
  await closeAllEditors();
  await clearNotifications();
  await untitled(VALID);
  await driver.waitForText(`PingOne: ${ENV}`, { selector: '.statusbar' });
  const chosen = vscode.commands.executeCommand<string | undefined>('pingone.selectEnvironment');
  await driver.waitForText('active', { selector: '.quick-input-list' });
  const pick = await driver.pickQuickItem(ENV);
  assert.strictEqual(pick.title, 'PingOne environment');
  assert.deepStrictEqual(
    pick.items.filter((i) => !i.includes(' · ')),
    [ENV],
  );
  assert.match(pick.placeholder, /Active: ft-local/);
  assert.strictEqual(await chosen, ENV);
  await waitForNotification(`Active environment: ${ENV}.`);
  await driver.waitForText(`PingOne: ${ENV}`, { selector: '.statusbar' });
  await assertNoSecretsAnywhere(await secrets(l), 'select environment (one)');
});

test('first try: with two environments the pick goes to user settings, the status bar follows and the message says so; a workspace value changes nothing', async () => {
  const l = await ready([ENV, ENV2]);
  await clearNotifications();
  const settingsFile = vscode.Uri.joinPath(workspaceRoot(), '.vscode', 'settings.json');
  const original = await vscode.workspace.fs.readFile(settingsFile);
  await vscode.workspace.fs.writeFile(
    settingsFile,
    Buffer.from(JSON.stringify({ 'files.autoSave': 'off', 'pingone.activeEnvironment': ENV }, null, 2)),
  );
  try {
    await untitled(VALID);
    const chosen = vscode.commands.executeCommand<string | undefined>('pingone.selectEnvironment');
    const pick = await driver.pickQuickItem(ENV2);
    assert.deepStrictEqual(pick.items.filter((i) => !i.includes(' · ')).sort(), [ENV, ENV2].sort());
    assert.strictEqual(await chosen, ENV2);
    await waitForNotification(`Active environment: ${ENV2}.`);
    const inspected = vscode.workspace.getConfiguration('pingone').inspect('activeEnvironment');
    assert.strictEqual(inspected?.globalValue, ENV2);
    // An `application` setting: VS Code does not even pass the workspace's value on, so nothing overrides the pick.
    assert.strictEqual(inspected?.workspaceValue, undefined);
    await driver.waitForText(`PingOne: ${ENV2}`, { selector: '.statusbar' });
    assert.strictEqual((await (await api()).pingone.session.activeEnvironment())?.env.name, ENV2);
  } finally {
    await vscode.workspace.fs.writeFile(settingsFile, original);
    await setSetting('activeEnvironment', ENV);
    await closeAllEditors();
  }
  await assertNoSecretsAnywhere(await secrets(l), 'select environment (two)');
});

// --- The walkthrough --------------------------------------------------------------------------------

async function openWalkthrough(): Promise<void> {
  await closeAllEditors();
  await vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH, false);
  await driver.waitForText('Write a provider', { selector: '.gettingStartedContainer' });
  // Let the walkthrough settle (its first step takes the focus): the person reads before running a command.
  await sleep(1000);
}

test(
  'first try: with the walkthrough open, F1 "New Phone Delivery Settings File" and "Select Environment" keep their pick open, and the keyboard reaches it',
  async () => {
    const l = await ready([ENV, ENV2]);
    await clearNotifications();

    await openWalkthrough();
    await runFromPalette('PingOne: New Phone Delivery Settings File');
    await sleep(1000);
    const q = await quickInput();
    assert.ok(q.shown, 'the template pick closed within a second');
    assert.strictEqual(q.title, 'New phone delivery settings file');
    await typeKeys('Twilio account');
    await driver.pressKey('Enter');
    const editor = await waitFor(
      'the new document from the Twilio template',
      () => {
        const e = vscode.window.activeTextEditor;
        return e && e.document.uri.scheme === 'untitled' && e.document.getText().includes('CUSTOM_TWILIO') ? e : undefined;
      },
      { events: [vscode.window.onDidChangeActiveTextEditor, vscode.workspace.onDidChangeTextDocument] },
    );
    // Save As offers a name of the kind the extension recognises, not "Untitled-1".
    assert.match(editor.document.uri.path, /\/twilio(-\d+)?\.phone-delivery\.json$/);
    assert.strictEqual(editor.document.languageId, LANGUAGE_ID);

    await openWalkthrough();
    await runFromPalette('PingOne: Select Environment');
    await sleep(1000);
    const e = await quickInput();
    assert.ok(e.shown, 'the environment pick closed within a second');
    assert.strictEqual(e.title, 'PingOne environment');
    await typeKeys(ENV2);
    await driver.pressKey('Enter');
    await waitFor(`${ENV2} active`, () => vscode.workspace.getConfiguration('pingone').inspect('activeEnvironment')?.globalValue === ENV2, {
      events: [vscode.workspace.onDidChangeConfiguration],
    });
    await waitForNotification(`Active environment: ${ENV2}.`);
    await setSetting('activeEnvironment', ENV);
    await closeAllEditors();
    await assertNoSecretsAnywhere(await secrets(l), 'walkthrough');
  },
  { timeoutMs: 90_000 },
);

// --- A document that is not JSON ----------------------------------------------------------------------

test('first try: Send, Compare and Copy as cURL refuse a document that does not parse, naming its line; no "Send Anyway"', async () => {
  const l = await ready();
  await closeAllEditors();
  await clearNotifications();
  const broken = VALID.replace('"provider": "CUSTOM_PROVIDER",', '"provider": "CUSTOM_PROVIDER"');
  const editor = await untitled(broken);
  await waitForDiagnostics(editor.document.uri, 'the syntax error', (ds) => ds.some((d) => d.severity === vscode.DiagnosticSeverity.Error));
  const requests = l.state.requests.length;
  await vscode.env.clipboard.writeText('untouched');

  assert.strictEqual(await send(), undefined);
  await waitForNotification('Nothing was sent: line 4 is not valid JSON (A comma is expected between items). Fix it, then try again.');
  const dialog = await driver.drive({ action: 'html', selector: 'body' });
  assert.ok(!String(dialog.html).includes('monaco-dialog-box'), 'a dialog is open (Send Anyway?)');
  await vscode.commands.executeCommand('pingone.compare');
  await waitForNotification('Nothing was compared: line 4 is not valid JSON');
  assert.ok(
    !vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputTextDiff)),
    'a comparison opened',
  );
  await clearNotifications(); // "Go to Line 4" of the last one only
  assert.strictEqual(await vscode.commands.executeCommand('pingone.copyAsCurl'), undefined);
  assert.strictEqual(await vscode.env.clipboard.readText(), 'untouched');
  assert.strictEqual(l.state.requests.length, requests, 'a request reached PingOne');

  // "Go to Line 4" puts the cursor on the error.
  await vscode.window.showTextDocument(editor.document, { selection: new vscode.Range(0, 0, 0, 0) });
  await answerNotification('Nothing was copied: line 4 is not valid JSON', 'Go to Line 4');
  await waitFor('the cursor on line 4', () => vscode.window.activeTextEditor?.selection.active.line === 3, {
    events: [vscode.window.onDidChangeTextEditorSelection],
  });
  await closeAllEditors();
  await assertNoSecretsAnywhere(await secrets(l), 'broken JSON');
});

// --- The safe default, the response view, the refusal ---------------------------------------------------

/** The dialog's buttons and which one is primary (the default of Enter). */
async function dialogButtons(): Promise<{ labels: string[]; primary: string }> {
  await driver.waitForText('', { selector: '.monaco-dialog-box' }).catch(() => undefined);
  const html = String((await driver.drive({ action: 'html', selector: '.monaco-dialog-box .dialog-buttons' })).html);
  const buttons = [...html.matchAll(/<a class="([^"]*monaco-button[^"]*)"[^>]*>([\s\S]*?)<\/a>/g)].map((m) => ({
    secondary: /\bsecondary\b/.test(m[1]),
    label: m[2].replace(/<[^>]+>/g, '').trim(),
  }));
  return { labels: buttons.map((b) => b.label), primary: buttons.find((b) => !b.secondary)?.label ?? '' };
}

test(
  'first try: a document with errors: the dialog\'s default is "Show Problems" (Enter sends nothing); "Send Anyway" marks each cause once',
  async () => {
    const l = await ready();
    await closeAllEditors();
    await clearNotifications();
    // Two mistakes the checker finds, and PingOne too: a delivery method and an HTTP method it does not know.
    const wrong = VALID.replace('"deliveryMethod": "SMS"', '"deliveryMethod": "Sms"').replace('"method": "GET"', '"method": "GOT"');
    const editor = await untitled(wrong);
    const uri = editor.document.uri;
    const local = await waitForDiagnostics(
      uri,
      "the checker's errors",
      (ds) => ds.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length >= 2,
    );
    const creates = ops(l, 'create');

    const first = send();
    await driver.waitForText('PingOne will most likely reject it', { selector: '.monaco-dialog-box' });
    const b = await dialogButtons();
    assert.strictEqual(b.primary, 'Show Problems', JSON.stringify(b));
    assert.ok(b.labels.includes('Send Anyway'), JSON.stringify(b));
    await driver.pressKey('Enter');
    assert.strictEqual(await first, undefined);
    assert.strictEqual(ops(l, 'create'), creates, 'Enter sent the document');
    await driver.waitForText('Problems', { selector: '.part.panel' });

    // Send Anyway: PingOne refuses; each cause is one problem, and what the checker already marks is not marked again.
    await vscode.window.showTextDocument(editor.document);
    const second = send();
    await driver.clickDialogButton('Send Anyway');
    await driver.clickDialogButton('Enter Values');
    await driver.typeInput(GATEWAY_PASSWORD);
    await driver.clickDialogButton('Create');
    const outcome = await second;
    assert.strictEqual(outcome?.kind, 'rejected', JSON.stringify(outcome));
    await responseTab(`POST 400 — ${ENV}`);
    const all = await waitForDiagnostics(uri, 'the PingOne problems', (ds) => ds.some((d) => d.source === 'PingOne') || true);
    const key = (d: vscode.Diagnostic) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;
    const errors = all.filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    const byRange = new Map<string, string[]>();
    for (const d of errors) byRange.set(key(d), [...(byRange.get(key(d)) ?? []), `${d.source}: ${d.message}`]);
    const repeated = [...byRange.entries()].filter(([, m]) => m.length > 1);
    const envelope = JSON.parse(responseEditors()[0].document.getText()) as { details?: unknown[] };
    console.log(`       PingOne named ${envelope.details?.length ?? 0} causes; the problems: ${JSON.stringify([...byRange.entries()])}`);
    assert.deepStrictEqual(repeated, [], `one cause, several problems (checker: ${local.length} diagnostics)`);
    await closeAllEditors();
    await assertNoSecretsAnywhere(await secrets(l), 'send anyway');
  },
  { timeoutMs: 90_000 },
);

test(
  'first try: every outcome updates the one response view ("POST 201", "PUT 400", "PUT no answer" — env); a refusal says one short line and reveals the first marked line',
  async () => {
    const l = await ready();
    await closeAllEditors();
    await clearNotifications();
    const editor = await untitled(VALID, 'first-try-gateway.phone-delivery.json');
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, 'no errors', (ds) => !ds.some((d) => d.severity === vscode.DiagnosticSeverity.Error));

    // Created (the gateway password is in secret storage since the previous test).
    const created = send();
    await driver.clickDialogButton('Create');
    assert.strictEqual((await created)?.kind, 'created');
    const r1 = await responseTab(`POST 201 — ${ENV}`);
    assert.ok(r1.document.getText().includes('"First try gateway"'));
    assert.notStrictEqual(r1.viewColumn, editor.viewColumn, 'the response view is beside the editor');
    await waitForNotification('Created CUSTOM_PROVIDER "First try gateway"');
    await clearNotifications();

    // Refused: PingOne names the url twice and the name once.
    l.control({ rejectFields: ['requests[0].url', 'requests[0].url', 'name'] });
    try {
      await vscode.window.showTextDocument(editor.document, { selection: new vscode.Range(0, 0, 0, 0) });
      const refused = await send();
      assert.strictEqual(refused?.kind, 'rejected', JSON.stringify(refused));
      const r2 = await responseTab(`PUT 400 — ${ENV}`);
      assert.ok(r2.document.getText().includes('INVALID_DATA'), r2.document.getText());
      const ds = await waitForDiagnostics(uri, 'the PingOne problems', (d) => d.some((x) => x.source === 'PingOne'));
      const pingone = ds.filter((d) => d.source === 'PingOne');
      assert.strictEqual(
        pingone.length,
        2,
        `one problem per cause: ${JSON.stringify(pingone.map((d) => [d.range.start.line, d.message]))}`,
      );
      // The first cause's line is revealed, the cursor on it.
      await waitFor('the cursor on the url line', () => vscode.window.activeTextEditor?.selection.active.line === URL_LINE, {
        events: [vscode.window.onDidChangeTextEditorSelection],
      });
      const shown = (await notificationOutputs()).center;
      const headline =
        'PingOne refused the update in &quot;ft-local&quot;: The value of requests[0].url is not valid (rejected by pingone-local rejectFields) (and 1 more).';
      assert.ok(
        shown.includes(headline) || shown.includes(headline.replace(/&quot;/g, '"')),
        shown.replace(/<[^>]+>/g, ' ').slice(0, 2000),
      );
      for (const noise of ['400', '.;', theResource(l).id])
        assert.ok(!textOf(shown).includes(noise), `"${noise}" in the notification: ${textOf(shown)}`);
    } finally {
      l.control({ rejectFields: null });
    }

    // No answer at all: the view says so, not the last answer.
    await clearNotifications();
    l.control({ faults: [{ type: 'reset-before', op: 'update', count: 5 }] });
    try {
      await vscode.window.showTextDocument(editor.document);
      const lost = await send();
      assert.strictEqual(lost?.kind, 'unknown', JSON.stringify(lost));
      const r3 = await responseTab(`PUT no answer — ${ENV}`);
      assert.match(r3.document.getText(), /"error":/);
    } finally {
      l.control({ clearFaults: true });
    }
    await assertNoSecretsAnywhere(await secrets(l), 'response view');
  },
  { timeoutMs: 120_000 },
);

function textOf(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');
}

function theResource(l: PingOneLocal): { id: string; name: string } {
  const rs = l.state.resources();
  assert.strictEqual(rs.length, 1, JSON.stringify(rs.map((r) => r.id)));
  return rs[0] as { id: string; name: string };
}

test('first try: Pull shows when each resource changed (not an ISO time), names the file, and does not ask for a secret that is stored', async () => {
  const l = await ready();
  await closeAllEditors();
  await clearNotifications();
  const pulling = vscode.commands.executeCommand<vscode.TextDocument | undefined>('pingone.pull');
  await driver.waitForText('updated ', { selector: '.quick-input-list' });
  const { html } = await quickInput();
  assert.match(textOf(html), /updated (just now|\d+ minutes? ago) \(/);
  assert.ok(!/\d{4}-\d\d-\d\dT\d\d:/.test(html), 'a raw ISO time in the pick');
  await driver.pickQuickItem('First try gateway');
  const doc = await pulling;
  assert.ok(doc);
  assert.match(doc.uri.path, /\/first-try-gateway(-\d+)?\.phone-delivery\.json$/);
  await waitForNotification('Its secrets ({{gatewayPassword}}) are already in secret storage for "ft-local".');
  assert.ok(!textOf((await notificationOutputs()).center).includes('before sending it back'), 'asked to set a stored secret');
  await closeAllEditors();
  await assertNoSecretsAnywhere(await secrets(l), 'pull');
});

test('first try: Delete: Enter keeps the resource (the default is "Keep"); "Delete" deletes it and the response view says "DELETE 204"', async () => {
  const l = await ready();
  await closeAllEditors();
  await clearNotifications();
  const { id } = theResource(l);
  const editor = await untitled(VALID, 'first-try-gateway.phone-delivery.json');
  assert.ok(editor.document.getText().includes('First try gateway'));
  const kept = vscode.commands.executeCommand<boolean>('pingone.delete');
  await driver.waitForText('Delete CUSTOM_PROVIDER', { selector: '.monaco-dialog-box' });
  const b = await dialogButtons();
  assert.strictEqual(b.primary, 'Keep', JSON.stringify(b));
  await driver.pressKey('Enter');
  assert.strictEqual(await kept, false);
  assert.strictEqual(theResource(l).id, id);

  const deleting = vscode.commands.executeCommand<boolean>('pingone.delete');
  await driver.clickDialogButton('Delete');
  assert.strictEqual(await deleting, true);
  assert.deepStrictEqual(l.state.resources(), []);
  await responseTab(`DELETE 204 — ${ENV}`);
  await closeAllEditors();
  await assertNoSecretsAnywhere(await secrets(l), 'delete');
});

test('first try: the token request is in the "PingOne" output (method, URL, status, duration), without the secret or the token', async () => {
  const l = await ready();
  const a = await api();
  // Only this test's notifications in the center, so that the secret search reads each of them (it reads them one by one).
  await clearNotifications();
  await vscode.commands.executeCommand('pingone.signOut');
  const logDir = a.ctx.extension.logUri.fsPath;
  const before = (pingoneLogText(logDir) ?? '').length;
  const pulling = vscode.commands.executeCommand('pingone.pull');
  await waitForNotification(`"${ENV}" has no phone delivery settings yet.`);
  await pulling;
  const added = await waitFor('the token request in the PingOne log', () => {
    const t = (pingoneLogText(logDir) ?? '').slice(before);
    return /POST http:\/\/127\.0\.0\.1:\d+\/[^ ]+\/as\/token → 200 \(\d+ ms\)/.test(t) ? t : undefined;
  });
  assert.ok(!added.includes(l.clientSecret) && !/Basic |Bearer /.test(added), added);
  // Where the person reads it: "PingOne: Show Log".
  await vscode.commands.executeCommand('pingone.showLog');
  await driver.waitForText('/as/token', { selector: '.part.panel' });
  await vscode.commands.executeCommand('workbench.action.closePanel');
  await assertNoSecretsAnywhere(await secrets(l), 'token log');
});
