/**
 * The PingOne commands other than Send, the way a person meets them, against a local PingOne
 * stand-in of their own (started here, inside the extension host): Pull, Compare, Copy as cURL,
 * Select Environment, Sign Out, Delete, and a killed language server. Every question (quick picks,
 * input boxes, modal dialogs, notifications) is answered through the real workbench by the driver.
 *
 * Each command test ends with a search of every output for the known secret values (harness
 * `assertNoSecretsAnywhere`): the worker client secret, every access token the extension was given
 * (recorded by a pass-through proxy in front of the stand-in's token endpoint: the stand-in itself
 * does not expose the tokens it issues), the gateway password filled into the write-only
 * `authentication.password`, and a gateway API key sent in the header `"X-Api-Key": "{{apiKey}}"`,
 * which PingOne stores and echoes back.
 *
 * The tests build on each other, in order (like send.test.ts).
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { startPingOneLocal, type PingOneLocal } from '../pingone-local/server';
import { tokenProxy, type TokenProxy } from './tokenProxy';
import type { SendOutcome } from '../../server/src/workflow/send';
import {
  after,
  answerNotification,
  api,
  assertNoSecretsAnywhere,
  scanForSecrets,
  clearNotifications,
  closeAllEditors,
  contributedSettings,
  driver,
  extension,
  fixtureUri,
  type KnownSecret,
  LANGUAGE_ID,
  notificationOutputs,
  openFixture,
  ours,
  responseEditors,
  secretsIn,
  setSetting,
  test,
  waitFor,
  waitForDiagnostics,
  waitForAsync,
  waitForNotification,
  workspaceRoot,
} from './harness';

const GATEWAY_PASSWORD = `gw-pass-${randomBytes(9).toString('hex')}`;
const API_KEY = `gw-api-key-${randomBytes(9).toString('hex')}`;
/** A gateway credential under a header name that does not look like one, stored as the secret variable {{tenantCode}}. */
const TENANT_CODE = `tenant-${randomBytes(9).toString('hex')}`;
/** Holds `"password": "{{gatewayPassword}}"` and `"X-Api-Key": "{{apiKey}}"`. */
const FIXTURE = 'api-key-gateway.phone-delivery.json';
const FIXTURE_NAME = 'Gateway with API key';
const PULLED_NAME = 'Gateway with API key (pulled)';
const ENV = 'cmd-local';
const ENV2 = 'cmd-staging';

// --- The stand-in, and a proxy that records the access tokens it hands out (tokenProxy.ts) -----------------

interface Setup {
  l: PingOneLocal;
  proxy: TokenProxy;
}

let setup: Promise<Setup> | undefined;
after(async () => {
  const s = await setup?.catch(() => undefined);
  await s?.proxy.close();
  await s?.l.close();
  setup = undefined;
});

function entry(s: Setup, name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { name, apiUrl: s.l.apiBase, authUrl: s.proxy.origin, environmentId: s.l.environmentId, clientId: s.l.clientId, ...extra };
}

/** The stand-in and the proxy, the environment "cmd-local" active in user settings, its client secret set (through the input box). */
async function ready(): Promise<Setup> {
  setup ??= (async () => {
    const l = await startPingOneLocal();
    return { l, proxy: await tokenProxy(l.origin) };
  })();
  const s = await setup;
  const envs = vscode.workspace.getConfiguration('pingone').inspect<{ name: string }[]>('environments')?.globalValue ?? [];
  if (!envs.some((e) => e.name === ENV && JSON.stringify(e) === JSON.stringify(entry(s, ENV))))
    await setSetting('environments', [entry(s, ENV)]);
  if (vscode.workspace.getConfiguration('pingone').get('activeEnvironment') !== ENV) await setSetting('activeEnvironment', ENV);
  const a = await api();
  const env = a.pingone.session.environments().choices.find((c) => c.env.name === ENV)!.env;
  if ((await a.pingone.session.clientSecret(env)) !== s.l.clientSecret) {
    const done = vscode.commands.executeCommand('pingone.setClientSecret');
    const box = await driver.typeInput(s.l.clientSecret);
    assert.match(box.title, /Client secret for "cmd-local"/);
    await done;
  }
  return s;
}

/** The known secret values: client secret, gateway password, gateway API key, and every access token handed to the extension. */
function knownSecrets(s: Setup): KnownSecret[] {
  return [
    { label: 'worker client secret', value: s.l.clientSecret },
    { label: 'gateway password (write-only authentication.password)', value: GATEWAY_PASSWORD },
    { label: 'gateway API key (echoed X-Api-Key header)', value: API_KEY },
    ...s.proxy.tokens.map((t, i) => ({ label: `access token #${i + 1}`, value: t })),
  ];
}

let testToken: string | undefined;

/** The stand-in's HTTP API, called by the test itself (a colleague, or the admin console), with a token of its own. */
async function standInApi(l: PingOneLocal, method: string, rel: string, body?: unknown): Promise<unknown> {
  if (!testToken) {
    const basic = Buffer.from(`${encodeURIComponent(l.clientId)}:${encodeURIComponent(l.clientSecret)}`).toString('base64');
    const t = await fetch(`${l.authBase}/${l.environmentId}/as/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` },
      body: 'grant_type=client_credentials',
    });
    assert.strictEqual(t.status, 200);
    testToken = ((await t.json()) as { access_token: string }).access_token;
  }
  const r = await fetch(`${l.apiBase}/environments/${l.environmentId}/notificationsSettings${rel}`, {
    method,
    headers: { authorization: `Bearer ${testToken}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  assert.ok(r.ok, `${method} ${rel}: ${r.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

type Json = Record<string, unknown>;
type Resource = Json & {
  id: string;
  name: string;
  requests: { headers?: Record<string, string> }[];
  authentication: { password?: string };
};

function theResource(l: PingOneLocal): Resource {
  const rs = l.state.resources();
  assert.strictEqual(rs.length, 1, `the stand-in should hold exactly one resource: ${JSON.stringify(rs.map((r) => [r.id, r.name]))}`);
  return rs[0] as Resource;
}

function stored(l: PingOneLocal, id: string): Resource {
  const b = l.state.storedBody(l.environmentId, id);
  assert.ok(b, `no stored body for ${id}`);
  return b as Resource;
}

function send(): Thenable<SendOutcome | undefined> {
  return vscode.commands.executeCommand<SendOutcome | undefined>('pingone.send');
}

/** Makes `doc` the active editor (PingOne commands work on it). */
async function activate(doc: vscode.TextDocument): Promise<vscode.TextEditor> {
  const editor = await vscode.window.showTextDocument(doc, { preview: false, preserveFocus: false });
  assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), doc.uri.toString());
  return editor;
}

const ops = (l: PingOneLocal, op: string) => l.state.requests.filter((r) => r.op === op && r.status !== undefined && r.status < 300).length;

/** The pulled (untitled) document, used by the tests after the first. */
let pulled: vscode.TextDocument | undefined;
/** The `{{name}}` the pull wrote for the echoed X-Api-Key. */
let headerVariable = 'xApiKey';

function pulledDoc(): vscode.TextDocument {
  assert.ok(pulled && !pulled.isClosed, 'needs the document pulled by the "Pull from PingOne" test of commands.test.ts');
  return pulled;
}

/** The `--data '…'` of a cURL command, parsed (single-quoted for the shell). */
function curlBody(curl: string): Json {
  const m = /--data '((?:[^']|'\\'')*)'\s*$/.exec(curl);
  assert.ok(m, `no --data in ${curl}`);
  return JSON.parse(m[1].replace(/'\\''/g, "'")) as Json;
}

// --- The tests ----------------------------------------------------------------------------------------

test('the secret search finds a value planted in each kind of output it searches (so that "not found" means something)', async () => {
  const a = await api();
  const canary = `canary-${randomBytes(9).toString('hex')}`;
  const secret: KnownSecret[] = [{ label: 'canary', value: canary }];
  assert.deepStrictEqual((await scanForSecrets(secret)).leaks, [], 'the canary is new');
  const channel = vscode.window.createOutputChannel('PingOne integration canary', { log: true });
  const file = vscode.Uri.joinPath(workspaceRoot(), 'canary.txt');
  const previousActive = vscode.workspace.getConfiguration('pingone').inspect('activeEnvironment')?.globalValue;
  const doc = await vscode.workspace.openTextDocument({ content: `{"note": "${canary}"}` });
  try {
    channel.info(`planted ${canary}`);
    await vscode.window.showTextDocument(doc);
    void vscode.window.showInformationMessage(`planted ${canary}`);
    await waitForNotification(`planted ${canary}`);
    await vscode.env.clipboard.writeText(canary);
    await vscode.workspace.fs.writeFile(file, Buffer.from(canary));
    await a.ctx.extension.workspaceState.update('integration.canary', canary);
    await setSetting('activeEnvironment', canary);
    const leaks = await waitForAsync('the canary in every kind of output', async () => {
      const r = await scanForSecrets(secret);
      return r.leaks.some((l) => l.where.startsWith('log ')) ? r.leaks : undefined;
    });
    const where = leaks.map((l) => l.where);
    console.log(`       the canary was found in: ${where.join('; ')}`);
    for (const kind of [
      'log ',
      'document untitled:',
      'notification center',
      'clipboard',
      'file canary.txt',
      'extension workspaceState',
      'pingone.* settings',
    ]) {
      assert.ok(
        where.some((w) => w.startsWith(kind)),
        `the canary was not found in "${kind}…": ${JSON.stringify(where)}`,
      );
    }
  } finally {
    channel.dispose();
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.workspace.fs.delete(file);
    await a.ctx.extension.workspaceState.update('integration.canary', undefined);
    await setSetting('activeEnvironment', previousActive);
    await vscode.env.clipboard.writeText('');
    await clearNotifications();
  }
});

test(
  '"Pull from PingOne": the picked resource opens as a new document (binding kept, read-only fields dropped, secrets as {{placeholders}}); set the secret variables, edit, Send updates it (PUT), no second resource',
  async () => {
    const s = await ready();
    const { l } = s;
    await clearNotifications();

    // The resource: created from a file whose X-Api-Key header is {{apiKey}}, both values typed into password boxes.
    const source = await openFixture(FIXTURE, LANGUAGE_ID);
    await activate(source.document);
    const created = send();
    const ask = await driver.clickDialogButton('Enter Values');
    assert.match(ask.message, /No value for \{\{apiKey\}\}, \{\{gatewayPassword\}\} in "cmd-local"/);
    assert.match((await driver.typeInput(API_KEY)).title, /\{\{apiKey\}\}/);
    assert.match((await driver.typeInput(GATEWAY_PASSWORD)).title, /\{\{gatewayPassword\}\}/);
    const create = await driver.clickDialogButton('Create');
    assert.match(create.message, /Create a new CUSTOM_PROVIDER provider "Gateway with API key" in "cmd-local"\?/);
    const outcome = await created;
    assert.strictEqual(outcome?.kind, 'created', JSON.stringify(outcome));
    const live = theResource(l);
    // PingOne stores the key and echoes it back (what the pull must not show); the password is write-only.
    assert.strictEqual(live.requests[0].headers?.['X-Api-Key'], API_KEY);
    assert.strictEqual(live.authentication.password, undefined);
    assert.strictEqual(stored(l, live.id).authentication.password, GATEWAY_PASSWORD);

    // Pull: the quick pick lists it; the notification names the secret variables and offers to set the first.
    const pulling = vscode.commands.executeCommand<vscode.TextDocument | undefined>('pingone.pull');
    const pick = await driver.pickQuickItem(FIXTURE_NAME);
    assert.strictEqual(pick.title, 'Pull from PingOne (cmd-local)');
    assert.strictEqual(pick.items[0], FIXTURE_NAME, JSON.stringify(pick.items));
    assert.strictEqual(pick.items.filter((i) => i === FIXTURE_NAME).length, 1, JSON.stringify(pick.items));
    const doc = await waitFor(
      'the pulled document',
      () => {
        const d = vscode.window.activeTextEditor?.document;
        return d && d.isUntitled && d.languageId === LANGUAGE_ID ? d : undefined;
      },
      { events: [vscode.window.onDidChangeActiveTextEditor] },
    );
    const text = doc.getText();
    const body = JSON.parse(text) as Resource & { environment: { id: string } };
    assert.strictEqual(body.id, live.id);
    assert.deepStrictEqual(body.environment, { id: l.environmentId });
    for (const k of ['createdAt', 'updatedAt', '_links']) assert.ok(!(k in body), `"${k}" in the pulled document:\n${text}`);
    assert.strictEqual(body.name, FIXTURE_NAME);
    assert.strictEqual(body.authentication.password, '{{gatewayPassword}}', 'the write-only password as a placeholder');
    const header = body.requests[0].headers?.['X-Api-Key'] ?? '';
    const m = /^\{\{([\w.-]+)\}\}$/.exec(header);
    assert.ok(m, `the echoed X-Api-Key should be a {{placeholder}}, is ${header === API_KEY ? 'the key itself' : JSON.stringify(header)}`);
    headerVariable = m[1];
    assert.deepStrictEqual(secretsIn(text, [API_KEY, GATEWAY_PASSWORD, l.clientSecret]), [], 'a secret in the pulled document');
    // Only the secrets with no value in secret storage are asked for (the two typed in at the create are stored).
    const a = await api();
    const env = a.pingone.session.environments().choices.find((c) => c.env.name === ENV)!.env;
    const unset: string[] = [];
    for (const n of ['gatewayPassword', headerVariable]) if (!(await a.pingone.session.secretVariable(env, n))) unset.push(n);
    if (unset.length) {
      const note = await answerNotification('PingOne never returns secrets', 'Set Secret Variable');
      assert.ok(note.includes(`Pulled "${FIXTURE_NAME}"`), note);
      assert.ok(note.includes(`set ${unset.map((n) => `{{${n}}}`).join(', ')} before sending it back`), note);
      // "Set Secret Variable" asks for the first one in a password box.
      const box = await driver.typeInput(unset[0] === 'gatewayPassword' ? GATEWAY_PASSWORD : API_KEY);
      assert.strictEqual(box.title, `{{${unset[0]}}} for "cmd-local"`);
    } else {
      await waitForNotification(
        `Pulled "${FIXTURE_NAME}". Its secrets ({{gatewayPassword}}, {{${headerVariable}}}) are already in secret storage for "cmd-local".`,
      );
    }
    assert.strictEqual((await pulling)?.uri.toString(), doc.uri.toString());
    pulled = doc;

    // The other one through "PingOne: Set Secret Variable": a quick pick of the document's placeholders, then a password box.
    await activate(doc);
    const setting = vscode.commands.executeCommand('pingone.setSecretVariable');
    const vars = await driver.pickQuickItem(headerVariable);
    assert.strictEqual(vars.title, 'Secret variable for "cmd-local"');
    assert.ok(vars.items.includes('gatewayPassword') && vars.items.includes(headerVariable), JSON.stringify(vars.items));
    const keyBox = await driver.typeInput(API_KEY);
    assert.strictEqual(keyBox.title, `{{${headerVariable}}} for "cmd-local"`);
    await setting;

    // Edit, send: an update of the same resource.
    const editor = await activate(doc);
    const nameLine = [...Array(doc.lineCount).keys()].find((i) => /^\s*"name":/.test(doc.lineAt(i).text));
    assert.ok(nameLine !== undefined);
    assert.ok(await editor.edit((b) => b.replace(doc.lineAt(nameLine).range, `  "name": "${PULLED_NAME}",`)));
    await waitForDiagnostics(
      doc.uri,
      'the edited document checked without errors',
      (ds) => !ds.some((d) => d.severity === vscode.DiagnosticSeverity.Error),
    );
    const creates = ops(l, 'create');
    const updates = ops(l, 'update');
    const updated = await send();
    assert.strictEqual(updated?.kind, 'updated', JSON.stringify(updated));
    assert.strictEqual(ops(l, 'create'), creates, 'a second resource was created');
    assert.strictEqual(ops(l, 'update'), updates + 1);
    const after = theResource(l);
    assert.strictEqual(after.id, live.id);
    assert.strictEqual(after.name, PULLED_NAME);
    const sent = stored(l, live.id);
    assert.strictEqual(sent.authentication.password, GATEWAY_PASSWORD, 'the password filled from secret storage');
    assert.strictEqual(sent.requests[0].headers?.['X-Api-Key'], API_KEY, 'the API key filled from secret storage');
    await waitFor('the PUT response beside', () => responseEditors().find((e) => e.document.uri.path === '/PUT 200 — cmd-local'), {
      events: [vscode.window.onDidChangeVisibleTextEditors],
    });
    assert.ok(s.proxy.tokens.length >= 1, 'no access token went through the recording proxy');
    await assertNoSecretsAnywhere(knownSecrets(s), 'pull');
  },
  { timeoutMs: 90_000 },
);

test(
  '"Compare with PingOne": a diff of pingone-compare: documents, identical for the unchanged document, differing exactly at a field changed in PingOne, no secret on either side',
  async () => {
    const s = await ready();
    const { l } = s;
    await clearNotifications();
    const doc = pulledDoc();
    const id = theResource(l).id;

    const compare = async (): Promise<{ tab: vscode.Tab; left: vscode.TextDocument; right: vscode.TextDocument }> => {
      await activate(doc);
      await vscode.commands.executeCommand('pingone.compare');
      const tab = await waitFor(
        'the diff editor',
        () => {
          const t = vscode.window.tabGroups.activeTabGroup.activeTab;
          return t?.input instanceof vscode.TabInputTextDiff &&
            t.input.original.scheme === 'pingone-compare' &&
            t.input.modified.scheme === 'pingone-compare'
            ? t
            : undefined;
        },
        { events: [vscode.window.tabGroups.onDidChangeTabs] },
      );
      const input = tab.input as vscode.TabInputTextDiff;
      return {
        tab,
        left: await vscode.workspace.openTextDocument(input.original),
        right: await vscode.workspace.openTextDocument(input.modified),
      };
    };

    const first = await compare();
    assert.match(first.tab.label, /↔ PingOne cmd-local \(Gateway with API key \(pulled\)\)/);
    assert.match(first.left.uri.path, /\(document\)\.json$/);
    assert.match(first.right.uri.path, new RegExp(`${id} \\(PingOne\\)\\.json$`));
    assert.ok(first.left.getText().includes(PULLED_NAME), first.left.getText());
    assert.strictEqual(first.right.getText(), first.left.getText(), 'the unchanged document should show no difference');
    // The echoed key shows as the document's placeholder on the PingOne side.
    assert.ok(first.right.getText().includes(`"X-Api-Key": "{{${headerVariable}}}"`), first.right.getText());

    // A change made in PingOne (by a colleague, through the API): the sides differ exactly there.
    const body = stored(l, id);
    await standInApi(l, 'PUT', `/phoneDeliverySettings/${id}`, { ...body, name: 'Changed in PingOne' });
    const second = await compare();
    const right = await waitFor(
      'the PingOne side updated',
      () => (second.right.getText().includes('Changed in PingOne') ? second.right.getText() : undefined),
      {
        events: [vscode.workspace.onDidChangeTextDocument],
      },
    );
    const left = second.left.getText();
    const ll = left.split('\n');
    const rl = right.split('\n');
    assert.strictEqual(ll.length, rl.length, `${left}\n---\n${right}`);
    const differ = ll.map((line, i) => (line === rl[i] ? undefined : [line.trim(), rl[i].trim()])).filter(Boolean);
    assert.deepStrictEqual(differ, [[`"name": "${PULLED_NAME}",`, '"name": "Changed in PingOne",']]);
    for (const side of [left, right])
      assert.deepStrictEqual(secretsIn(side, [GATEWAY_PASSWORD, API_KEY, l.clientSecret, ...s.proxy.tokens]), []);
    await assertNoSecretsAnywhere(knownSecrets(s), 'compare');
  },
  { timeoutMs: 60_000 },
);

test(
  "with the comparison or the response view focused, Send, Copy as cURL and Delete refuse: PingOne's redacted answer is never sent back",
  async () => {
    const s = await ready();
    const { l } = s;
    await clearNotifications();
    await activate(pulledDoc());
    await vscode.commands.executeCommand('pingone.compare');
    await waitFor('the diff editor', () => vscode.window.tabGroups.activeTabGroup.activeTab?.input instanceof vscode.TabInputTextDiff, {
      events: [vscode.window.tabGroups.onDidChangeTabs],
    });
    const response = responseEditors()[0];
    assert.ok(response, 'the response view of the earlier send');
    assert.ok(response.document.getText().includes('***REDACTED***'), 'the response view redacts the echoed key');
    const requests = l.state.requests.length;
    await vscode.env.clipboard.writeText('untouched');

    const refuse = async (view: string): Promise<void> => {
      assert.strictEqual(await send(), undefined, `Send from ${view}`);
      assert.strictEqual(await vscode.commands.executeCommand('pingone.copyAsCurl'), undefined, `Copy as cURL from ${view}`);
      assert.strictEqual(await vscode.commands.executeCommand('pingone.delete'), false, `Delete from ${view}`);
    };
    // The diff editor: its active side is the PingOne side (write-only fields dropped).
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.scheme, 'pingone-compare');
    await refuse('the comparison');
    // The response view: PingOne's answer with the echoed key redacted.
    await vscode.window.showTextDocument(response.document, { viewColumn: response.viewColumn, preserveFocus: false });
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.scheme, 'pingone-response');
    await refuse('the response view');

    assert.strictEqual(
      l.state.requests.length,
      requests,
      `requests were sent: ${JSON.stringify(l.state.requests.slice(requests).map((r) => `${r.method} ${r.op}`))}`,
    );
    assert.strictEqual(await vscode.env.clipboard.readText(), 'untouched');
    await waitForNotification('This view shows what PingOne answered (read-only, secrets redacted).');
    await assertNoSecretsAnywhere(knownSecrets(s), 'read-only views');
  },
  { timeoutMs: 60_000 },
);

test(
  '"Copy as cURL": PUT for a bound document, POST for an unbound one, Bearer {{accessToken}}, the body with {{placeholders}} and no secret',
  async () => {
    const s = await ready();
    const { l } = s;
    await clearNotifications();
    const id = theResource(l).id;
    const collection = `${l.apiBase}/environments/${l.environmentId}/notificationsSettings/phoneDeliverySettings`;

    const copy = async (doc: vscode.TextDocument): Promise<string> => {
      await activate(doc);
      await vscode.env.clipboard.writeText('');
      const returned = await vscode.commands.executeCommand<string>('pingone.copyAsCurl');
      const clip = await vscode.env.clipboard.readText();
      assert.strictEqual(clip, returned, 'the clipboard holds the command');
      assert.match(clip, /^curl --request (PUT|POST) '/);
      assert.ok(clip.includes(`--header 'Authorization: Bearer {{accessToken}}'`), clip);
      assert.ok(clip.includes(`--header 'Content-Type: application/json'`), clip);
      assert.deepStrictEqual(
        secretsIn(clip, [GATEWAY_PASSWORD, API_KEY, l.clientSecret, ...s.proxy.tokens]),
        [],
        'a secret in the cURL command',
      );
      return clip;
    };

    // Bound by the pull: PUT to the resource.
    const bound = await copy(pulledDoc());
    assert.ok(bound.startsWith(`curl --request PUT '${collection}/${id}'`), bound);
    const b1 = curlBody(bound) as Resource;
    assert.strictEqual(b1.name, PULLED_NAME);
    assert.strictEqual(b1.authentication.password, '{{gatewayPassword}}');
    assert.strictEqual(b1.requests[0].headers?.['X-Api-Key'], `{{${headerVariable}}}`);
    for (const k of ['$schema', 'id', 'environment', 'createdAt', 'updatedAt', '_links']) assert.ok(!(k in b1), `"${k}" in the cURL body`);

    // The file it was created from (bound by the create): PUT, its header still {{apiKey}}.
    const source = (await openFixture(FIXTURE, LANGUAGE_ID)).document;
    const fromSource = await copy(source);
    assert.ok(fromSource.startsWith(`curl --request PUT '${collection}/${id}'`), fromSource);
    assert.strictEqual((curlBody(fromSource) as Resource).requests[0].headers?.['X-Api-Key'], '{{apiKey}}');

    // Never sent to this environment: POST to the collection.
    const unbound = await copy((await openFixture('valid.phone-delivery.json', LANGUAGE_ID)).document);
    assert.ok(unbound.startsWith(`curl --request POST '${collection}' `), unbound);
    assert.strictEqual((curlBody(unbound) as Resource).authentication.password, '{{gatewayPassword}}');

    const center = (await notificationOutputs()).center;
    assert.ok(
      center.includes('Copied the PUT request as cURL; {{placeholders}} and {{accessToken}} are left for you to fill in.'),
      'the PUT copy is announced',
    );
    assert.ok(center.includes('Copied the POST request as cURL'), 'the POST copy is announced');
    await assertNoSecretsAnywhere(knownSecrets(s), 'copy as cURL');
  },
  { timeoutMs: 60_000 },
);

test(
  '"Select Environment" (the status bar item\'s command) lists both environments; the pick becomes pingone.activeEnvironment and shows in the status bar',
  async () => {
    const s = await ready();
    await clearNotifications();
    await setSetting('environments', [entry(s, ENV), entry(s, ENV2, { production: true })]);
    await activate(pulledDoc());
    await driver.waitForText(`PingOne: ${ENV}`, { selector: '.statusbar' });

    const select = async (name: string, from: string): Promise<void> => {
      const chosen = vscode.commands.executeCommand<string | undefined>('pingone.selectEnvironment');
      const pick = await driver.pickQuickItem(name);
      assert.strictEqual(pick.title, 'PingOne environment');
      assert.deepStrictEqual(
        pick.items.filter((i) => i === ENV || i === ENV2).sort(),
        [ENV, ENV2].sort(),
        `the quick pick (active: ${from}): ${JSON.stringify(pick.items)}`,
      );
      assert.strictEqual(await chosen, name);
      await waitFor(
        `pingone.activeEnvironment = ${name}`,
        () => vscode.workspace.getConfiguration('pingone').inspect('activeEnvironment')?.globalValue === name,
        {
          events: [vscode.workspace.onDidChangeConfiguration],
        },
      );
      await driver.waitForText(`PingOne: ${name}`, { selector: '.statusbar' });
    };
    await select(ENV2, ENV);
    const a = await api();
    assert.strictEqual((await a.pingone.session.activeEnvironment())?.env.name, ENV2);
    await select(ENV, ENV2);
    assert.strictEqual((await a.pingone.session.activeEnvironment())?.env.name, ENV);
    await assertNoSecretsAnywhere(knownSecrets(s), 'select environment');
  },
  { timeoutMs: 60_000 },
);

test(
  '"Sign Out": the next send requests a new token (exactly one), and sends in a row share it',
  async () => {
    const s = await ready();
    const { l, proxy } = s;
    await clearNotifications();
    const doc = pulledDoc();
    // PingOne changed since this document's last send (the Compare test): the first send asks before overwriting.
    await activate(doc);
    const first = send();
    const overwrite = await driver.clickDialogButton('Overwrite');
    assert.match(overwrite.message, /"Changed in PingOne" changed in PingOne since this document last saw it/);
    assert.strictEqual((await first)?.kind, 'updated');
    assert.strictEqual(theResource(l).name, PULLED_NAME);

    const sendN = async (n: number): Promise<void> => {
      for (let i = 0; i < n; i++) {
        await activate(doc);
        const o = await send();
        assert.strictEqual(o?.kind, 'updated', JSON.stringify(o));
      }
    };
    const signOut = async (): Promise<void> => {
      await vscode.commands.executeCommand('pingone.signOut');
      await waitForNotification('PingOne tokens forgotten. The next request gets a new one.');
    };

    // Without a sign-out, sends reuse the cached token.
    let before = l.state.tokenRequests;
    await sendN(2);
    assert.strictEqual(l.state.tokenRequests, before, 'sends without sign-out requested a token');

    // After a sign-out: 3 sends in a row cost exactly one token request, and the token is a new one.
    await signOut();
    before = l.state.tokenRequests;
    const tokensBefore = proxy.tokens.length;
    await sendN(3);
    assert.strictEqual(l.state.tokenRequests - before, 1, 'token requests for 3 sends after a sign-out');
    assert.strictEqual(proxy.tokens.length - tokensBefore, 1);
    assert.ok(!proxy.tokens.slice(0, -1).includes(proxy.tokens[proxy.tokens.length - 1]), 'the token after the sign-out is a new one');

    // And once more: the next send after a sign-out asks for one.
    await signOut();
    before = l.state.tokenRequests;
    await sendN(1);
    assert.strictEqual(l.state.tokenRequests - before, 1);
    await assertNoSecretsAnywhere(knownSecrets(s), 'sign out');
  },
  { timeoutMs: 90_000 },
);

test(
  '"Delete from PingOne" goes through the delete workflow: a provider in the fallback chain is listed with its place; Keep (the primary button) and Cancel change nothing; "Remove References and Delete" takes it out of the chain, then deletes it',
  async () => {
    const s = await ready();
    const { l } = s;
    await clearNotifications();
    const doc = pulledDoc();
    const { id, name } = theResource(l);

    // In the notification settings' SMS/voice fallback chain: the dialog names the place and offers to remove it first.
    await standInApi(l, 'PUT', '', { smsProvidersFallbackChain: [id, 'PINGONE_TWILIO'] });
    const chainPuts = () => l.state.requests.filter((r) => r.op === 'updateNotificationSettings').length;
    const putsBefore = chainPuts();
    for (const answer of ['Keep', 'Cancel']) {
      await activate(doc);
      const cancelled = vscode.commands.executeCommand<boolean>('pingone.delete');
      const d = await driver.clickDialogButton(answer);
      assert.strictEqual(d.message, `CUSTOM_PROVIDER "${name}" is used in "cmd-local". Remove it from that place, then delete it?`);
      assert.ok(d.detail.includes(id), d.detail);
      assert.match(d.detail, /• position 1 of the SMS\/voice fallback chain \(notification settings\)/);
      assert.deepStrictEqual([...d.buttons].sort(), ['Cancel', 'Keep', 'Remove References and Delete'], JSON.stringify(d.buttons));
      assert.strictEqual(await cancelled, false);
      assert.strictEqual(theResource(l).id, id, `${answer} deleted it`);
    }
    assert.strictEqual(ops(l, 'delete'), 0);
    assert.strictEqual(chainPuts(), putsBefore, 'Keep or Cancel changed the fallback chain');
    assert.deepStrictEqual(l.state.notificationSettings().smsProvidersFallbackChain, [id, 'PINGONE_TWILIO']);

    await activate(doc);
    const deleting = vscode.commands.executeCommand<boolean>('pingone.delete');
    await driver.clickDialogButton('Remove References and Delete');
    assert.strictEqual(await deleting, true);
    assert.deepStrictEqual(l.state.resources(), []);
    assert.strictEqual(ops(l, 'delete'), 1);
    assert.deepStrictEqual(l.state.notificationSettings().smsProvidersFallbackChain, ['PINGONE_TWILIO']);
    await waitForNotification(
      `Deleted CUSTOM_PROVIDER "${name}" from "cmd-local". First it was removed from: the SMS/voice fallback chain (notification settings).`,
    );
    await assertNoSecretsAnywhere(knownSecrets(s), 'delete');
  },
  { timeoutMs: 60_000 },
);

test(
  '"Pull from PingOne" and "Compare" with a stored secret variable that PingOne echoes under a header name that does not look like a credential: its {{placeholder}} in the pulled document, redacted on the PingOne side',
  async () => {
    const s = await ready();
    const { l } = s;
    await closeAllEditors();
    await clearNotifications();
    assert.deepStrictEqual(l.state.resources(), [], 'needs the stand-in emptied by the Delete test');
    const secrets = [...knownSecrets(s), { label: 'tenant code (echoed X-Tenant header)', value: TENANT_CODE }];

    // The secret variable, set through the command (a password box) for this environment.
    const setting = vscode.commands.executeCommand('pingone.setSecretVariable', 'tenantCode');
    assert.strictEqual((await driver.typeInput(TENANT_CODE)).title, '{{tenantCode}} for "cmd-local"');
    await setting;
    // A colleague's provider whose gateway takes the tenant code in a header: PingOne stores it and echoes it.
    const name = 'Gateway with a tenant header';
    const created = (await standInApi(l, 'POST', '/phoneDeliverySettings', {
      name,
      provider: 'CUSTOM_PROVIDER',
      authentication: { method: 'BASIC', username: 'pingone-gateway', password: GATEWAY_PASSWORD },
      requests: [
        {
          deliveryMethod: 'SMS',
          url: 'https://gateway.example.com/send?to=${to}&message=${message}',
          method: 'GET',
          headers: { 'X-Tenant': TENANT_CODE },
        },
      ],
      numbers: [{ type: 'PHONE_NUMBER', number: '+61412345678', capabilities: ['SMS'], selected: true, available: true }],
    })) as Resource;
    assert.strictEqual(theResource(l).requests[0].headers?.['X-Tenant'], TENANT_CODE, 'the stand-in echoes the header');

    try {
      const pulling = vscode.commands.executeCommand<vscode.TextDocument | undefined>('pingone.pull');
      await driver.pickQuickItem(name);
      const doc = await waitFor(
        'the pulled document',
        () => {
          const d = vscode.window.activeTextEditor?.document;
          return d && d.isUntitled && d.getText().includes(created.id) ? d : undefined;
        },
        { events: [vscode.window.onDidChangeActiveTextEditor] },
      );
      const text = doc.getText();
      const header = (JSON.parse(text) as Resource).requests[0].headers?.['X-Tenant'];
      assert.strictEqual(
        header,
        '{{tenantCode}}',
        `the echoed header should be the stored variable's placeholder, is ${header === TENANT_CODE ? 'the value itself' : JSON.stringify(header)}`,
      );
      assert.deepStrictEqual(secretsIn(text, [TENANT_CODE, GATEWAY_PASSWORD]), [], 'a secret in the pulled document');
      // Both of its secrets ({{gatewayPassword}}, {{tenantCode}}) are in secret storage: nothing to ask.
      await waitForNotification(`Pulled "${name}". Its secrets (`);
      await clearNotifications();
      await pulling;

      // PingOne now echoes the tenant code somewhere the document does not have it (a colleague moved it into the URL).
      const body = stored(l, created.id) as Resource & { requests: Json[] };
      await standInApi(l, 'PUT', `/phoneDeliverySettings/${created.id}`, {
        ...body,
        requests: [{ ...body.requests[0], url: `https://gateway.example.com/${TENANT_CODE}/send?to=\${to}&message=\${message}` }],
      });
      await activate(doc);
      await vscode.commands.executeCommand('pingone.compare');
      const tab = await waitFor(
        'the diff editor',
        () => {
          const t = vscode.window.tabGroups.activeTabGroup.activeTab;
          return t?.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === 'pingone-compare' ? t : undefined;
        },
        { events: [vscode.window.tabGroups.onDidChangeTabs] },
      );
      const right = await vscode.workspace.openTextDocument((tab.input as vscode.TabInputTextDiff).modified);
      const rightText = await waitFor(
        'the PingOne side with the changed URL',
        () =>
          right.getText().includes('https://gateway.example.com/') && right.getText().includes('/send?') ? right.getText() : undefined,
        { events: [vscode.workspace.onDidChangeTextDocument] },
      );
      assert.deepStrictEqual(
        secretsIn(rightText, [TENANT_CODE]),
        [],
        `the tenant code on the PingOne side:\n${rightText.replace(TENANT_CODE, '<the tenant code>')}`,
      );
      assert.ok(rightText.includes('https://gateway.example.com/***REDACTED***/send?'), rightText);
      assert.ok(rightText.includes('"X-Tenant": "{{tenantCode}}"'), rightText);
      await assertNoSecretsAnywhere(secrets, 'pull and compare of an echoed secret variable');
    } finally {
      await closeAllEditors();
      await standInApi(l, 'DELETE', `/phoneDeliverySettings/${created.id}`);
    }
  },
  { timeoutMs: 60_000 },
);

test("secret variables and the client secret are never in settings (every pingone.* setting, all scopes; .vscode/settings.json) or the extension's state", async () => {
  const s = await ready();
  const a = await api();
  const secrets = knownSecrets(s);
  assert.ok(s.proxy.tokens.length >= 3, `expected the tokens of the earlier tests, got ${s.proxy.tokens.length}`);
  // They are in secret storage.
  const env = a.pingone.session.environments().choices.find((c) => c.env.name === ENV)!.env;
  assert.strictEqual(await a.pingone.session.secretVariable(env, 'gatewayPassword'), GATEWAY_PASSWORD);
  assert.strictEqual(await a.pingone.session.secretVariable(env, 'apiKey'), API_KEY);
  assert.strictEqual(await a.pingone.session.secretVariable(env, headerVariable), API_KEY);
  assert.strictEqual(await a.pingone.session.clientSecret(env), s.l.clientSecret);

  const keys = contributedSettings();
  assert.ok(keys.includes('pingone.environments') && keys.length >= 8, JSON.stringify(keys));
  for (const key of keys) {
    const inspected = vscode.workspace.getConfiguration().inspect(key);
    assert.ok(inspected, key);
    const text = JSON.stringify(inspected);
    assert.deepStrictEqual(
      secrets.filter((x) => text.includes(x.value)).map((x) => x.label),
      [],
      `a secret in ${key}`,
    );
  }
  const wsSettings = Buffer.from(
    await vscode.workspace.fs.readFile(vscode.Uri.joinPath(workspaceRoot(), '.vscode', 'settings.json')),
  ).toString('utf8');
  assert.deepStrictEqual(
    secrets.filter((x) => wsSettings.includes(x.value)).map((x) => x.label),
    [],
  );
  for (const state of [a.ctx.extension.workspaceState, a.ctx.extension.globalState]) {
    const text = JSON.stringify(Object.fromEntries(state.keys().map((k) => [k, state.get(k)])));
    assert.deepStrictEqual(
      secrets.filter((x) => text.includes(x.value)).map((x) => x.label),
      [],
    );
  }
  await assertNoSecretsAnywhere(secrets, 'settings');
});

// --- The language server ------------------------------------------------------------------------------

/** Pids of this extension host's language servers (`dist/server.js --node-ipc --clientProcessId=<this pid>`). */
function serverPids(): number[] {
  return execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(.*)$/.exec(line))
    .filter(
      (m): m is RegExpExecArray =>
        !!m && /dist[\\/]server\.js/.test(m[2]) && m[2].includes('--node-ipc') && m[2].includes(`--clientProcessId=${process.pid}`),
    )
    .map((m) => Number(m[1]));
}

/** MAX_RESTARTS in client/src/languageClient.ts (read from the source, so that the test follows it). */
function maxRestartCount(): number {
  const file = path.join(extension().extensionPath, 'client', 'src', 'languageClient.ts');
  const m = fs.existsSync(file) ? /MAX_RESTARTS = (\d+)/.exec(fs.readFileSync(file, 'utf8')) : null;
  assert.ok(m, `no MAX_RESTARTS in ${file}`);
  return Number(m[1]);
}

test(
  'a killed language server is restarted (diagnostics for a newly opened document), at most maxRestartCount times; "Restart Language Server" brings it back',
  async () => {
    const a = await api();
    await closeAllEditors();
    await clearNotifications();
    const invalid = Buffer.from(await vscode.workspace.fs.readFile(fixtureUri('invalid.phone-delivery.json'))).toString('utf8');
    const lsLog = path.join(a.ctx.extension.logUri.fsPath, 'PingOne Language Server.log');
    const restartsLogged = () => (fs.existsSync(lsLog) ? fs.readFileSync(lsLog, 'utf8').split('Server will restart').length - 1 : 0);
    const opened = async (): Promise<vscode.Uri> => {
      const doc = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content: invalid });
      await vscode.window.showTextDocument(doc);
      await waitForDiagnostics(doc.uri, "the language server's diagnostics", (ds) => ours(ds).length > 0);
      return doc.uri;
    };
    await opened();
    let pid = await waitFor(
      () => `one language server process (${JSON.stringify(serverPids())})`,
      () => {
        const p = serverPids();
        return a.ctx.serverRunning && p.length === 1 ? p[0] : undefined;
      },
    );
    const max = maxRestartCount();
    const logged = restartsLogged();

    // Killed: the client starts a new one, which checks a newly opened document.
    process.kill(pid, 'SIGKILL');
    let next = await waitFor(
      'a new language server process',
      () => {
        const p = serverPids().filter((x) => x !== pid);
        return a.ctx.serverRunning && p.length === 1 ? p[0] : undefined;
      },
      { timeoutMs: 20_000 },
    );
    await opened();
    await waitForNotification('The PingOne language server stopped unexpectedly and was restarted.', 20_000);
    pid = next;

    // Bounded: after maxRestartCount restarts (within 3 minutes) the next crash is final.
    for (let kill = 2; kill <= max; kill++) {
      process.kill(pid, 'SIGKILL');
      next = await waitFor(
        `language server restart #${kill}`,
        () => {
          const p = serverPids().filter((x) => x !== pid);
          return a.ctx.serverRunning && p.length === 1 ? p[0] : undefined;
        },
        { timeoutMs: 20_000 },
      );
      pid = next;
    }
    process.kill(pid, 'SIGKILL');
    const message = `crashed ${max + 1} times in the last 3 minutes. The server will not be restarted.`;
    await waitForNotification(message, 20_000);
    assert.strictEqual(a.ctx.serverRunning, false);
    assert.deepStrictEqual(serverPids(), [], 'a language server was started after the last crash');
    assert.strictEqual(restartsLogged() - logged, max, 'restarts logged in the "PingOne Language Server" output');

    // The person's way back.
    await vscode.commands.executeCommand('pingone.restartServer');
    await waitFor('the language server running again', () => a.ctx.serverRunning && serverPids().length === 1);
    await opened();
    await closeAllEditors();
  },
  { timeoutMs: 90_000 },
);
