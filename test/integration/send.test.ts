/**
 * "Send to PingOne" against the local PingOne stand-in, started here inside the extension host. The
 * environments go to USER settings (no workspace approval), except in the test of that approval.
 * Every question (input boxes, modal dialogs, notifications) is answered through the real workbench
 * by the driver; nothing in `vscode.window` is replaced.
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
  closeAllEditors,
  driver,
  LANGUAGE_ID,
  openFixture,
  ours,
  pingoneLogText,
  responseEditors,
  secretsIn,
  setSetting,
  test,
  waitFor,
  waitForDiagnostics,
  waitForNotification,
  workspaceRoot,
  dialogWithPrimary,
} from './harness';

/** A write-only gateway credential, filled into {{gatewayPassword}} from secret storage. */
const GATEWAY_PASSWORD = `gw-pass-${randomBytes(9).toString('hex')}`;
const VALID = 'valid.phone-delivery.json';
const URL_LINE = 11; // "url" of requests[0] in valid.phone-delivery.json (0-based)
const NAME_LINE = 1;

let local: PingOneLocal | undefined;
after(async () => {
  await local?.close();
  local = undefined;
});

async function standIn(): Promise<PingOneLocal> {
  local ??= await startPingOneLocal();
  return local;
}

function entry(l: PingOneLocal, name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { name, apiUrl: l.apiBase, authUrl: l.authBase, environmentId: l.environmentId, clientId: l.clientId, ...extra };
}

function sendCommand(): Thenable<SendOutcome | undefined> {
  return vscode.commands.executeCommand<SendOutcome | undefined>('pingone.send');
}

/** The source document, in the active editor (Send works on the active editor). */
async function showSource(): Promise<vscode.TextEditor> {
  const editor = await openFixture(VALID, LANGUAGE_ID);
  await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, preserveFocus: false });
  assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), editor.document.uri.toString());
  return editor;
}

test('"Set Client Secret" keeps the secret in secret storage (entered in the input box), never in settings', async () => {
  const a = await api();
  const l = await standIn();
  await setSetting('environments', [entry(l, 'local')]);
  await setSetting('activeEnvironment', 'local');
  const done = vscode.commands.executeCommand('pingone.setClientSecret');
  const box = await driver.typeInput(l.clientSecret);
  assert.match(box.title, /Client secret for "local"/);
  assert.ok(!box.stillOpen);
  await done;
  const choice = a.pingone.session.environments().choices.find((c) => c.env.name === 'local');
  assert.ok(choice);
  assert.strictEqual(await a.pingone.session.clientSecret(choice.env), l.clientSecret);
  // Not in any pingone.* setting, not in the workspace's settings file.
  const cfg = vscode.workspace.getConfiguration('pingone');
  const all = ['environments', 'activeEnvironment', 'files.patterns', 'confirmEverySend']
    .map((k) => JSON.stringify(cfg.inspect(k)))
    .join('\n');
  assert.deepStrictEqual(secretsIn(all, [l.clientSecret]), []);
  const wsSettings = (await vscode.workspace.fs.readFile(vscode.Uri.joinPath(workspaceRoot(), '.vscode', 'settings.json'))).toString();
  assert.deepStrictEqual(secretsIn(wsSettings, [l.clientSecret]), []);
});

test(
  '"Send to PingOne" creates the provider: placeholder filled from a password box, "Create" confirmed, response beside, no secret shown',
  async () => {
    const a = await api();
    const l = await standIn();
    const editor = await showSource();
    const sourceColumn = editor.viewColumn;
    const sent = sendCommand();
    const ask = await driver.clickDialogButton('Enter Values');
    assert.match(ask.message, /No value for \{\{gatewayPassword\}\} in "local"/);
    const box = await driver.typeInput(GATEWAY_PASSWORD);
    assert.match(box.title, /gatewayPassword/);
    const create = await driver.clickDialogButton('Create');
    assert.match(create.message, /Create a new CUSTOM_PROVIDER provider "Integration gateway" in "local"\?/);
    // The response opens beside the source, without taking focus.
    const response = await waitFor('the response editor', () => responseEditors()[0], {
      events: [vscode.window.onDidChangeVisibleTextEditors],
      timeoutMs: 30_000,
    });
    assert.notStrictEqual(response.viewColumn, sourceColumn, 'the response should open beside the source');
    assert.strictEqual(
      vscode.window.activeTextEditor?.document.uri.toString(),
      editor.document.uri.toString(),
      'the source keeps the focus',
    );
    // The new provider is not in the fallback chain yet: the person adds it.
    await answerNotification('is not in the SMS/voice fallback chain of "local"', 'Add to Fallback Chain');
    const confirm = await driver.clickDialogButton('Add');
    assert.match(confirm.message, /Put the new provider first in the fallback chain of "local"\?/);
    const outcome = await sent;
    assert.strictEqual(outcome?.kind, 'created', JSON.stringify(outcome));

    // What PingOne (the stand-in) holds: exactly one resource, with the secret filled in.
    const resources = l.state.resources();
    assert.strictEqual(resources.length, 1, JSON.stringify(resources));
    const id = String(resources[0].id);
    assert.strictEqual(outcome.resource.id, id);
    const stored = l.state.storedBody(l.environmentId, id) as { authentication: { password: string }; name: string };
    assert.strictEqual(stored.authentication.password, GATEWAY_PASSWORD);
    assert.strictEqual(stored.name, 'Integration gateway');
    await waitFor('the fallback chain update', () => (l.state.notificationSettings().smsProvidersFallbackChain as string[])[0] === id);
    assert.deepStrictEqual(l.state.notificationSettings().smsProvidersFallbackChain, [id, 'PINGONE_TWILIO']);

    // The response names what was created; no secret in any visible editor.
    const responseText = response.document.getText();
    assert.ok(responseText.includes(id), responseText);
    assert.strictEqual(response.document.uri.path, '/POST 201 — local');
    const secrets = [GATEWAY_PASSWORD, l.clientSecret];
    for (const e of vscode.window.visibleTextEditors)
      assert.deepStrictEqual(secretsIn(e.document.getText(), secrets), [], `secret shown in ${e.document.uri.toString()}`);
    // The stored secret variable is in secret storage.
    const env = a.pingone.session.environments().choices.find((c) => c.env.name === 'local')!.env;
    assert.strictEqual(await a.pingone.session.secretVariable(env, 'gatewayPassword'), GATEWAY_PASSWORD);

    // The "PingOne" output channel logged the requests (method, URL, status), and no secret.
    const logDir = a.ctx.extension.logUri.fsPath;
    const log = await waitFor(
      `the POST in the PingOne log (${logDir})`,
      () => {
        const t = pingoneLogText(logDir);
        return t && /POST http:\/\/127\.0\.0\.1:\d+\/v1\/environments\/[^ ]+\/phoneDeliverySettings → 201/.test(t) ? t : undefined;
      },
      { timeoutMs: 20_000 },
    );
    assert.match(log, /POST http:\/\/127\.0\.0\.1:\d+\/[^ ]+\/as\/token → 200/);
    assert.deepStrictEqual(secretsIn(log, secrets), [], 'a secret reached the PingOne log');
  },
  { timeoutMs: 90_000 },
);

test(
  'a body PingOne rejects puts a "PingOne" diagnostic on the line of requests[0].url, cleared by the next edit',
  async () => {
    const l = await standIn();
    assert.strictEqual(l.state.resources().length, 1, 'needs the resource created by the previous test');
    const before = l.state.resources()[0];
    l.control({ rejectFields: ['requests[0].url'] });
    try {
      const editor = await showSource();
      const uri = editor.document.uri;
      const sent = sendCommand();
      const ds = await waitForDiagnostics(uri, 'a PingOne diagnostic', (d) => ours(d, 'PingOne').length > 0, 30_000);
      const [diag] = ours(ds, 'PingOne');
      assert.strictEqual(diag.range.start.line, URL_LINE, `on line ${diag.range.start.line + 1}: ${diag.message}`);
      assert.strictEqual(
        editor.document.getText(diag.range),
        '"https://gateway.example.com/send?to=${to}&from=${from}&message=${message}"',
      );
      assert.strictEqual(diag.severity, vscode.DiagnosticSeverity.Error);
      assert.match(diag.message, /requests\[0\]\.url/);
      // The error notification is one line; PingOne's answer (the envelope) is in the response view already.
      const outcome = await sent;
      assert.strictEqual(outcome?.kind, 'rejected');
      await waitForNotification('PingOne refused the update in "local": The value of requests[0].url is not valid');
      const response = await waitFor(
        'the error envelope in the response view',
        () => responseEditors().find((e) => e.document.uri.path === '/PUT 400 — local' && e.document.getText().includes('INVALID_DATA')),
        {
          events: [vscode.window.onDidChangeVisibleTextEditors, vscode.workspace.onDidChangeTextDocument],
        },
      );
      assert.deepStrictEqual(secretsIn(response.document.getText(), [GATEWAY_PASSWORD, l.clientSecret]), []);
      // Nothing changed in PingOne.
      assert.deepStrictEqual(l.state.resources(), [before]);
      // The next edit clears the PingOne diagnostic (the server's own diagnostics stay empty: still valid).
      const nameRange = editor.document.lineAt(NAME_LINE).range;
      assert.ok(await editor.edit((b) => b.replace(nameRange, '  "name": "Integration gateway (edited)",')));
      await waitForDiagnostics(uri, 'the PingOne diagnostic cleared', (d) => ours(d, 'PingOne').length === 0);
    } finally {
      l.control({ rejectFields: null });
    }
  },
  { timeoutMs: 90_000 },
);

test(
  'production environment: the modal names it; "Cancel" sends nothing, "Send" updates',
  async () => {
    const l = await standIn();
    assert.strictEqual(l.state.resources().length, 1, 'needs the resource created before');
    await setSetting('environments', [entry(l, 'local'), entry(l, 'local-prod', { production: true })]);
    await setSetting('activeEnvironment', 'local-prod');
    const editor = await showSource();
    assert.match(editor.document.lineAt(NAME_LINE).text, /Integration gateway \(edited\)/, 'needs the edit of the previous test');
    const puts = () => l.state.requests.filter((r) => r.op === 'update').length;
    const before = l.state.resources()[0];
    const putsBefore = puts();

    const cancelled = sendCommand();
    // Enter keeps everything: the safe answer is the primary button of a write to production (issue 14).
    assert.strictEqual(await dialogWithPrimary('PRODUCTION environment "local-prod"'), 'Keep');
    const d = await driver.clickDialogButton('Cancel');
    assert.match(d.message, /Update a provider in the PRODUCTION environment "local-prod"\?/);
    assert.ok(d.buttons.includes('Send'), JSON.stringify(d.buttons));
    assert.ok(d.detail.includes(l.apiBase), d.detail);
    const c = await cancelled;
    assert.strictEqual(c?.kind, 'cancelled', JSON.stringify(c));
    assert.strictEqual(puts(), putsBefore, 'a PUT was sent after Cancel');
    assert.deepStrictEqual(l.state.resources(), [before]);

    const sent = sendCommand();
    const d2 = await driver.clickDialogButton('Send');
    assert.match(d2.message, /"local-prod"/);
    const outcome = await sent;
    assert.strictEqual(outcome?.kind, 'updated', JSON.stringify(outcome));
    assert.strictEqual(puts(), putsBefore + 1);
    const [after] = l.state.resources();
    assert.strictEqual(after.id, before.id);
    assert.strictEqual(after.name, 'Integration gateway (edited)');
    assert.notStrictEqual(after.updatedAt, before.updatedAt);
    assert.strictEqual(
      (l.state.storedBody(l.environmentId, String(after.id)) as { authentication: { password: string } }).authentication.password,
      GATEWAY_PASSWORD,
    );
    await waitFor(
      'the PUT response in the response view',
      () => responseEditors().find((e) => e.document.uri.path === '/PUT 200 — local-prod'),
      {
        events: [vscode.window.onDidChangeVisibleTextEditors],
      },
    );
    await setSetting('environments', [entry(l, 'local')]);
    await setSetting('activeEnvironment', 'local');
    await closeAllEditors();
  },
  { timeoutMs: 90_000 },
);

test('an environment from workspace settings needs an approval that shows where secrets and writes go; a changed entry asks again', async () => {
  const l = await standIn();
  const ws = entry(l, 'local-ws', { variables: { gatewayHost: 'gateway.example.com' } });
  await setSetting('environments', [ws], vscode.ConfigurationTarget.Workspace);
  await setSetting('activeEnvironment', 'local-ws');
  try {
    // Refused: nothing is asked after the dialog.
    const refused = vscode.commands.executeCommand('pingone.setClientSecret');
    const d = await driver.clickDialogButton('Cancel');
    assert.match(d.message, /The workspace settings define the PingOne environment "local-ws"\. Allow it\?/);
    for (const part of [
      `Token endpoint: ${l.authBase}/${l.environmentId}/as/token`,
      `API: ${l.apiBase}`,
      `Environment id: ${l.environmentId}`,
      `Client id: ${l.clientId}`,
      'Production: no',
      'Variables: gatewayHost = gateway.example.com',
    ])
      assert.ok(d.detail.includes(part), `${part} not in ${d.detail}`);
    assert.ok(d.buttons.includes('Allow'), JSON.stringify(d.buttons));
    await refused;
    // Allowed once: the input box follows.
    const allowed = vscode.commands.executeCommand('pingone.setClientSecret');
    await driver.clickDialogButton('Allow');
    const box = await driver.typeInput(l.clientSecret);
    assert.match(box.title, /"local-ws"/);
    await allowed;
    // Remembered: straight to the input box (a dialog would keep the input box from showing).
    const again = vscode.commands.executeCommand('pingone.setClientSecret');
    const box2 = await driver.typeInput(l.clientSecret);
    assert.match(box2.title, /"local-ws"/);
    await again;
    // The workspace changes a variable (where a filled-in secret would go): asked again, showing the new value.
    await setSetting(
      'environments',
      [{ ...ws, variables: { gatewayHost: 'elsewhere.example.net' } }],
      vscode.ConfigurationTarget.Workspace,
    );
    const changed = vscode.commands.executeCommand('pingone.setClientSecret');
    const d2 = await driver.clickDialogButton('Allow');
    assert.match(d2.message, /"local-ws" changed since you allowed it/);
    assert.ok(d2.detail.includes('Variables: gatewayHost = elsewhere.example.net'), d2.detail);
    const box3 = await driver.typeInput(l.clientSecret);
    assert.match(box3.title, /"local-ws"/);
    await changed;
  } finally {
    await setSetting('environments', undefined, vscode.ConfigurationTarget.Workspace);
    await setSetting('activeEnvironment', 'local');
  }
});

test(
  "workspace settings cannot weaken the user's: an entry named like a user entry is ignored (warning), activeEnvironment is not taken from them, confirmEverySend cannot be turned off",
  async () => {
    const a = await api();
    const l = await standIn();
    assert.strictEqual(l.state.resources().length, 1, 'needs the resource created before');
    await setSetting('environments', [entry(l, 'local')]);
    await setSetting('activeEnvironment', 'local');
    await setSetting('confirmEverySend', true);
    // A cloned repository's .vscode/settings.json: the user's entry name with another environment and production
    // off, an entry of its own as the active environment, and the confirmation turned off.
    const settingsFile = vscode.Uri.joinPath(workspaceRoot(), '.vscode', 'settings.json');
    const original = await vscode.workspace.fs.readFile(settingsFile);
    const shadow = entry(l, 'local', { environmentId: '11111111-2222-4333-8444-555555555555', production: false });
    const own = entry(l, 'local-ws2');
    const hostile = {
      'files.autoSave': 'off',
      'pingone.environments': [shadow, own],
      'pingone.activeEnvironment': 'local-ws2',
      'pingone.confirmEverySend': false,
    };
    await vscode.workspace.fs.writeFile(settingsFile, Buffer.from(JSON.stringify(hostile, null, 2)));
    try {
      await waitFor(
        'the workspace settings read',
        () =>
          JSON.stringify(vscode.workspace.getConfiguration('pingone').inspect('environments')?.workspaceValue) ===
            JSON.stringify([shadow, own]) &&
          vscode.workspace.getConfiguration('pingone').inspect('confirmEverySend')?.workspaceValue === false,
        { events: [vscode.workspace.onDidChangeConfiguration] },
      );
      // The user's "local" (its environment id), not the workspace's; the workspace's other entry is offered.
      const { choices, warnings } = a.pingone.session.environments();
      assert.deepStrictEqual(
        choices.map((c) => [c.env.name, c.scope, c.env.environmentId]),
        [
          ['local', 'user', l.environmentId],
          ['local-ws2', 'workspace', l.environmentId],
        ],
      );
      assert.ok(
        warnings.some((w) => w.includes('"local" of the workspace settings is ignored')),
        JSON.stringify(warnings),
      );
      // The active environment stays the user's choice.
      const active = await a.pingone.session.activeEnvironment();
      assert.strictEqual(active?.env.name, 'local');
      assert.strictEqual(active?.scope, 'user');
      await waitForNotification('"local" of the workspace settings is ignored');

      // confirmEverySend stays on: the update of the bound resource in "local" (not production) asks; Cancel sends nothing.
      const puts = () => l.state.requests.filter((r) => r.op === 'update').length;
      const before = puts();
      await showSource();
      const sent = sendCommand();
      const d = await driver.clickDialogButton('Cancel');
      assert.match(d.message, /Update a provider in the environment "local"\?/);
      assert.ok(d.detail.includes(l.environmentId), d.detail);
      const outcome = await sent;
      assert.strictEqual(outcome?.kind, 'cancelled', JSON.stringify(outcome));
      assert.strictEqual(puts(), before, 'a PUT was sent after Cancel');
    } finally {
      await vscode.workspace.fs.writeFile(settingsFile, original);
      await waitFor(
        'the workspace settings restored',
        () => vscode.workspace.getConfiguration('pingone').inspect('environments')?.workspaceValue === undefined,
        { events: [vscode.workspace.onDidChangeConfiguration] },
      );
      await setSetting('confirmEverySend', undefined);
      await closeAllEditors();
    }
  },
  { timeoutMs: 60_000 },
);
