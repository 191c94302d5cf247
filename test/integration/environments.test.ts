/**
 * "This file against each environment", the way a person meets it, against three PingOne stand-ins
 * over loopback ("dev", "test", "prod"; each with its own worker app, its own plain `gatewayHost` and
 * its own secret `{{gatewayPassword}}`) and a fourth environment ("stage") with no client secret:
 *  - the CodeLens at the top of the document ("Check environments", then one status per environment),
 *    clicked in the workbench; typing recomputes it without a request;
 *  - clicking "differs" opens that environment's Compare diff; the usage hover on "name";
 *  - "Send to Environment…" (from the "not created" lens, and from the palette with its quick pick):
 *    the summary and the diff before writing, the environment's own placeholders, binding and
 *    production confirmation; the active environment stays; the document keeps its placeholders.
 * Every request is counted at the stand-ins; every test ends with a search of every output (lens
 * titles, hovers and the Compare sides included) for the secrets. The tests build on each other.
 */
import * as assert from 'assert';
import { randomBytes, randomUUID } from 'crypto';
import * as vscode from 'vscode';
import { startPingOneLocal, type PingOneLocal } from '../pingone-local/server';
import type { SendOutcome } from '../../server/src/workflow/send';
import {
  after,
  api,
  assertNoSecretsAnywhere,
  clearNotifications,
  closeAllEditors,
  driver,
  type KnownSecret,
  LANGUAGE_ID,
  openFixture,
  secretsIn,
  setSetting,
  test,
  waitFor,
  waitForAsync,
} from './harness';
import { tokenProxy, type TokenProxy } from './tokenProxy';

const FIXTURE = 'promote.phone-delivery.json';
const NAME = 'Promoted gateway';
const LENSES = '.codelens-decoration';
const POLICY = 'Europe first';

interface Stand {
  name: 'dev' | 'test' | 'prod';
  l: PingOneLocal;
  proxy: TokenProxy;
  host: string;
  password: string;
}

interface Setup {
  stands: Stand[];
  /** The environment without a client secret: any request of it would reach dev's stand-in under this id. */
  stageEnvironmentId: string;
  stageClientId: string;
  devId: string;
  testId: string;
  policyId: string;
}

let setup: Promise<Setup> | undefined;
after(async () => {
  const s = await setup?.catch(() => undefined);
  for (const x of s?.stands ?? []) {
    await x.proxy.close();
    await x.l.close();
  }
  setup = undefined;
});

const stand = (s: Setup, name: Stand['name']): Stand => s.stands.find((x) => x.name === name)!;

/** The fixture with this environment's values filled in, as a colleague would have created it in the console. */
function body(x: Stand, path = '/send'): Record<string, unknown> {
  return {
    name: NAME,
    provider: 'CUSTOM_PROVIDER',
    authentication: { method: 'BASIC', username: 'promote-user', password: x.password },
    requests: [
      {
        deliveryMethod: 'SMS',
        url: `https://${x.host}${path}?to=\${to}&from=\${from}&message=\${message}`,
        method: 'GET',
        phoneNumberFormat: 'FULL',
      },
    ],
  };
}

/** The stand-in's HTTP API, called by the test itself (a colleague), with a token of its own. */
async function standInApi(l: PingOneLocal, method: string, rel: string, payload?: unknown): Promise<Record<string, unknown>> {
  const basic = Buffer.from(`${encodeURIComponent(l.clientId)}:${encodeURIComponent(l.clientSecret)}`).toString('base64');
  const t = await fetch(`${l.authBase}/${l.environmentId}/as/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` },
    body: 'grant_type=client_credentials',
  });
  assert.strictEqual(t.status, 200);
  const token = ((await t.json()) as { access_token: string }).access_token;
  const r = await fetch(`${l.apiBase}/environments/${l.environmentId}${rel}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: payload === undefined ? undefined : JSON.stringify(payload),
  });
  const text = await r.text();
  assert.ok(r.ok, `${method} ${rel}: ${r.status} ${text}`);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

function entry(x: Stand): Record<string, unknown> {
  return {
    name: x.name,
    apiUrl: x.l.apiBase,
    authUrl: x.proxy.origin,
    environmentId: x.l.environmentId,
    clientId: x.l.clientId,
    variables: { gatewayHost: x.host },
    ...(x.name === 'prod' ? { production: true } : {}),
  };
}

/**
 * Three stand-ins, each behind a token-recording proxy; in dev the provider exactly as the document
 * says (first in the fallback chain, and in a policy), in test one whose url differs, none in prod.
 */
async function ready(): Promise<Setup> {
  setup ??= (async () => {
    const stands: Stand[] = [];
    for (const name of ['dev', 'test', 'prod'] as const) {
      const l = await startPingOneLocal();
      stands.push({
        name,
        l,
        proxy: await tokenProxy(l.origin),
        host: `${name}.gateway.example.com`,
        password: `${name}-gw-pass-${randomBytes(9).toString('hex')}`,
      });
    }
    const [dev, tst] = stands;
    const devId = String((await standInApi(dev.l, 'POST', '/notificationsSettings/phoneDeliverySettings', body(dev))).id);
    const testId = String((await standInApi(tst.l, 'POST', '/notificationsSettings/phoneDeliverySettings', body(tst, '/v1/send'))).id);
    await standInApi(dev.l, 'PUT', '/notificationsSettings', { smsProvidersFallbackChain: [devId, 'PINGONE_TWILIO'] });
    const policy = await standInApi(dev.l, 'POST', '/notificationsPolicies', {
      name: POLICY,
      quotas: [],
      countryLimit: { type: 'NONE' },
      providerConfiguration: {
        conditions: [
          { deliveryMethods: ['SMS'], countries: ['DE', 'FR'], fallbackChain: [{ id: devId }] },
          { deliveryMethods: ['SMS', 'VOICE'], fallbackChain: [{ id: devId }] },
        ],
      },
    });
    return { stands, stageEnvironmentId: randomUUID(), stageClientId: randomUUID(), devId, testId, policyId: String(policy.id) };
  })();
  const s = await setup;
  const dev = stand(s, 'dev');
  const entries = [
    ...s.stands.map(entry),
    // No client secret is ever set for it: pointed at dev's stand-in, so that a request of it would be seen there.
    { name: 'stage', apiUrl: dev.l.apiBase, authUrl: dev.proxy.origin, environmentId: s.stageEnvironmentId, clientId: s.stageClientId },
  ];
  const current = vscode.workspace.getConfiguration('pingone').inspect('environments')?.globalValue;
  if (JSON.stringify(current) !== JSON.stringify(entries)) await setSetting('environments', entries);
  if (vscode.workspace.getConfiguration('pingone').get('activeEnvironment') !== 'dev') await setSetting('activeEnvironment', 'dev');
  if (vscode.workspace.getConfiguration('pingone').inspect('confirmEverySend')?.globalValue !== undefined)
    await setSetting('confirmEverySend', undefined);
  const a = await api();
  for (const x of s.stands) {
    const env = a.pingone.session.environments().choices.find((c) => c.env.name === x.name)!.env;
    if ((await a.pingone.session.clientSecret(env)) !== x.l.clientSecret) await a.pingone.session.setClientSecret(env, x.l.clientSecret);
    if ((await a.pingone.session.secretVariable(env, 'gatewayPassword')) !== x.password)
      await a.pingone.session.setSecretVariable(env, 'gatewayPassword', x.password);
  }
  return s;
}

function knownSecrets(s: Setup): KnownSecret[] {
  return s.stands.flatMap((x) => [
    { label: `${x.name} worker client secret`, value: x.l.clientSecret },
    { label: `${x.name} gateway password ({{gatewayPassword}})`, value: x.password },
    ...x.proxy.tokens.map((t, i) => ({ label: `${x.name} access token #${i + 1}`, value: t })),
  ]);
}

/** Requests each stand-in received so far (its own API calls from the set-up included). */
function counts(s: Setup): Record<string, number> {
  return Object.fromEntries(s.stands.map((x) => [x.name, x.l.state.requests.length]));
}

async function lenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  return (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
}

async function waitForLenses(uri: vscode.Uri, titles: string[], timeoutMs = 20_000): Promise<vscode.CodeLens[]> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const ls = await lenses(uri);
    const now = ls.map((l) => l.command?.title ?? '');
    if (JSON.stringify(now) === JSON.stringify(titles)) return ls;
    if (Date.now() > end)
      throw new Error(`timed out after ${timeoutMs} ms waiting for the lenses ${JSON.stringify(titles)}; now ${JSON.stringify(now)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Clicks a lens in the workbench, as a person would, once the lens line has settled: VS Code renders
 * it again (new elements) for a moment after an editor is shown, and a click on an element being
 * replaced is lost. `started` is the command's first effect (a request, a tab), awaited.
 */
async function clickLens(title: string, started: () => boolean): Promise<void> {
  let last = '';
  for (let same = 0, end = Date.now() + 10_000; same < 3 && Date.now() < end;) {
    const html = String((await driver.drive({ action: 'html', selector: LENSES })).html);
    same = html === last ? same + 1 : 0;
    last = html;
    await new Promise((r) => setTimeout(r, 200));
  }
  await driver.click(title, { selector: LENSES });
  await waitFor(`the effect of clicking the lens "${title}"`, started, { timeoutMs: 10_000 });
}

async function hoverTexts(uri: vscode.Uri, position: vscode.Position): Promise<string[]> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
  return hovers.map((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n'));
}

/** Lens titles and tooltips, and the hovers on "name": outputs the secret search of the harness does not see. */
async function assertNoSecretsInLensesAndHovers(s: Setup, doc: vscode.TextDocument, what: string): Promise<void> {
  const values = knownSecrets(s).map((k) => k.value);
  const lensText = (await lenses(doc.uri)).map((l) => `${l.command?.title}\n${l.command?.tooltip ?? ''}`).join('\n');
  const rendered = String((await driver.drive({ action: 'html', selector: '.monaco-workbench' })).html);
  const hovers = (await hoverTexts(doc.uri, namePosition(doc))).join('\n');
  for (const [where, text] of [
    ['lens titles and tooltips', lensText],
    ['the rendered workbench', rendered],
    ['the hovers on "name"', hovers],
  ])
    assert.deepStrictEqual(
      knownSecrets(s)
        .filter((k) => secretsIn(text, values).includes(k.value))
        .map((k) => k.label),
      [],
      `${what}: a secret in ${where}`,
    );
  // A progress notification ("Sending to PingOne (dev)…") stays a moment after its task: the search reads every row once it is gone.
  await waitForAsync(
    'the progress notifications gone',
    async () => !(await driver.notifications()).toasts.some((t) => t.endsWith('…')),
    10_000,
  );
  await assertNoSecretsAnywhere(knownSecrets(s), what);
}

function lineOf(doc: vscode.TextDocument, pattern: RegExp): number {
  const i = [...Array(doc.lineCount).keys()].find((n) => pattern.test(doc.lineAt(n).text));
  assert.ok(i !== undefined, `no line matches ${pattern}`);
  return i;
}

/** Inside the value of "name". */
function namePosition(doc: vscode.TextDocument): vscode.Position {
  const line = lineOf(doc, /^\s*"name":/);
  return new vscode.Position(line, doc.lineAt(line).text.indexOf(NAME) + 3);
}

async function showFixture(): Promise<vscode.TextEditor> {
  const editor = await openFixture(FIXTURE, LANGUAGE_ID);
  await vscode.window.showTextDocument(editor.document, { preview: false, preserveFocus: false });
  return vscode.window.activeTextEditor!;
}

const ALL_CHECKED = ['dev: in sync', 'test: differs', 'prod: not created', 'stage: unknown (no client secret)', 'Refresh'];

async function diffTab(label: RegExp): Promise<{ left: vscode.TextDocument; right: vscode.TextDocument }> {
  const tab = await waitFor(
    `a Compare diff tab labelled ${label}`,
    () => {
      const t = vscode.window.tabGroups.activeTabGroup.activeTab;
      return t?.input instanceof vscode.TabInputTextDiff && t.input.original.scheme === 'pingone-compare' && label.test(t.label)
        ? t
        : undefined;
    },
    { events: [vscode.window.tabGroups.onDidChangeTabs] },
  );
  const input = tab.input as vscode.TabInputTextDiff;
  return { left: await vscode.workspace.openTextDocument(input.original), right: await vscode.workspace.openTextDocument(input.modified) };
}

test(
  'environment lens: "Check environments" until clicked (no request before); then dev in sync, test differs, prod not created, stage unknown (no client secret)',
  async () => {
    await closeAllEditors();
    await clearNotifications();
    const s = await ready();
    const before = counts(s);
    const editor = await showFixture();
    const uri = editor.document.uri;
    await waitForLenses(uri, ['Check environments']);
    await driver.waitForText('Check environments', { selector: LENSES });
    await new Promise((r) => setTimeout(r, 1000));
    assert.deepStrictEqual(counts(s), before, 'opening the document sent a request');

    await clickLens('Check environments', () => s.stands.every((x) => x.l.state.requests.length > before[x.name]));
    await waitForLenses(uri, ALL_CHECKED);
    for (const t of ALL_CHECKED) await driver.waitForText(t, { selector: LENSES, exact: true });
    // Per environment: a token, the list, the notification settings, the policies; one of each.
    for (const x of s.stands) {
      const ops = x.l.state.requests.slice(before[x.name]).map((r) => r.op);
      assert.deepStrictEqual(
        ops,
        ['token', 'list', 'readNotificationSettings', 'listNotificationPolicies'],
        `${x.name}: ${JSON.stringify(ops)}`,
      );
    }
    const stage = stand(s, 'dev').l.state.requests.filter(
      (r) => r.environmentId === s.stageEnvironmentId || r.path.includes(s.stageEnvironmentId),
    );
    assert.deepStrictEqual(stage, [], 'a request for "stage", which has no client secret');
    const ls = await lenses(uri);
    assert.deepStrictEqual(
      ls.map((l) => l.command?.command),
      ['pingone.showEnvironmentDiff', 'pingone.showEnvironmentDiff', 'pingone.sendToEnvironment', '', 'pingone.checkEnvironments'],
    );
    assert.ok(ls.every((l) => l.range.start.line === 0));
    assert.match(
      ls[1].command?.tooltip ?? '',
      new RegExp(`would update ${s.testId} in "test": 1 field differs \\(requests\\[0\\]\\.url\\)`),
    );
    await assertNoSecretsInLensesAndHovers(s, editor.document, 'lenses');
  },
  { timeoutMs: 90_000 },
);

test(
  'environment lens: typing recomputes the statuses from the cache (dev differs, then in sync again), with no request',
  async () => {
    const s = await ready();
    const editor = await showFixture();
    const doc = editor.document;
    const before = counts(s);
    const line = lineOf(doc, /"url":/);
    const at = doc.lineAt(line).text.indexOf('/send?') + '/send'.length;
    try {
      for (const [i, ch] of [...'-v2'].entries())
        assert.ok(await editor.edit((b) => b.insert(new vscode.Position(line, at + i), ch)), `typing ${ch}`);
      await waitForLenses(doc.uri, ['dev: differs', 'test: differs', 'prod: not created', 'stage: unknown (no client secret)', 'Refresh']);
      await driver.waitForText('dev: differs', { selector: LENSES, exact: true });
      for (let i = 0; i < 3; i++) await vscode.commands.executeCommand('undo');
      assert.ok(!doc.getText().includes('/send-v2'), doc.getText());
    } finally {
      if (doc.isDirty) await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await waitForLenses(doc.uri, ALL_CHECKED);
    await new Promise((r) => setTimeout(r, 1500));
    assert.deepStrictEqual(counts(s), before, 'an edit sent a request');
  },
  { timeoutMs: 60_000 },
);

test(
  'environment lens: clicking "test: differs" opens the Compare diff of test from the cached list (no request), differing exactly at the url',
  async () => {
    const s = await ready();
    await clearNotifications();
    const editor = await showFixture();
    const before = counts(s);
    await clickLens('test: differs', () => {
      const t = vscode.window.tabGroups.activeTabGroup.activeTab;
      return t?.input instanceof vscode.TabInputTextDiff && /PingOne test/.test(t.label);
    });
    const { left, right } = await diffTab(/↔ PingOne test \(Promoted gateway\)/);
    const ll = left.getText().split('\n');
    const rl = right.getText().split('\n');
    assert.strictEqual(ll.length, rl.length, `${left.getText()}\n---\n${right.getText()}`);
    const differ = ll.map((l, i) => (l === rl[i] ? undefined : [l.trim(), rl[i].trim()])).filter(Boolean);
    assert.deepStrictEqual(differ, [
      [
        '"url": "https://test.gateway.example.com/send?to=${to}&from=${from}&message=${message}"',
        '"url": "https://test.gateway.example.com/v1/send?to=${to}&from=${from}&message=${message}"',
      ],
    ]);
    assert.ok(left.getText().includes('"password"') === false, 'the write-only password is not compared');
    assert.deepStrictEqual(counts(s), before, 'the diff sent a request');
    await assertNoSecretsInLensesAndHovers(s, editor.document, 'differs diff');
  },
  { timeoutMs: 60_000 },
);

test(
  'usage hover on "name": the fallback chain position and the policy conditions that use it in dev, nothing in test, from the cache (no request)',
  async () => {
    const s = await ready();
    const editor = await showFixture();
    const doc = editor.document;
    const before = counts(s);
    const texts = await hoverTexts(doc.uri, namePosition(doc));
    const usage = texts.find((t) => t.includes('Where this provider is used'));
    assert.ok(usage, JSON.stringify(texts));
    assert.ok(texts.length >= 2, `the language server's hover on "name" is there too: ${JSON.stringify(texts)}`);
    for (const part of [
      `**dev** (\`${s.devId}\`):`,
      'position 1 of the SMS/voice fallback chain (notification settings)',
      `position 1 of condition 1 (SMS, DE, FR) of notification policy "${POLICY}" (${s.policyId})`,
      `position 1 of condition 2 (SMS+VOICE, other countries) of notification policy "${POLICY}" (${s.policyId})`,
      `**test** (\`${s.testId}\`): in no fallback chain and no notification policy`,
      '**prod**: not created',
      '**stage**: unknown (no client secret)',
    ])
      assert.ok(usage.includes(part), `"${part}" not in:\n${usage}`);
    // Only on the document's name or id: not on another value.
    const providerLine = lineOf(doc, /"provider":/);
    const elsewhere = await hoverTexts(doc.uri, new vscode.Position(providerLine, doc.lineAt(providerLine).text.indexOf('CUSTOM_') + 3));
    assert.ok(!elsewhere.some((t) => t.includes('Where this provider is used')), JSON.stringify(elsewhere));
    assert.deepStrictEqual(counts(s), before, 'a hover sent a request');
    await assertNoSecretsInLensesAndHovers(s, doc, 'usage hover');
  },
  { timeoutMs: 60_000 },
);

test(
  'clicking "prod: not created": Send to Environment… says it would create, shows the diff, asks for production, creates in prod only with prod\'s own values; placeholders stay, the active environment stays dev',
  async () => {
    const s = await ready();
    const a = await api();
    await clearNotifications();
    const editor = await showFixture();
    const doc = editor.document;
    const text = doc.getText();
    const [dev, tst, prod] = s.stands;
    const devResources = dev.l.state.resources().length;
    const testResources = tst.l.state.resources().length;
    const writes = (x: Stand) => x.l.state.requests.filter((r) => r.op === 'create' || r.op === 'update' || r.op === 'delete').length;
    const [devWrites, testWrites] = [writes(dev), writes(tst)];
    const prodBefore = prod.l.state.requests.length;

    await clickLens('prod: not created', () => prod.l.state.requests.some((r, i) => i >= prodBefore && r.op === 'list'));
    const summary = await driver.clickDialogButton('Show Diff');
    assert.strictEqual(summary.message, `Send to "prod": would create a new CUSTOM_PROVIDER provider "${NAME}".`);
    assert.match(summary.detail, /"prod" is a PRODUCTION environment/);
    assert.deepStrictEqual(summary.buttons.filter((b) => b !== 'Cancel').sort(), ['Create', 'Show Diff']);
    const { left, right } = await diffTab(/↔ PingOne prod \(not created\)/);
    assert.ok(left.getText().includes('"url": "https://prod.gateway.example.com/send?'), left.getText());
    assert.strictEqual(right.getText(), '');
    assert.deepStrictEqual(prod.l.state.resources(), [], 'written before the summary was answered');
    const again = await driver.clickDialogButton('Create');
    assert.strictEqual(again.message, summary.message);
    const production = await driver.clickDialogButton('Send');
    assert.match(production.message, /Create a provider in the PRODUCTION environment "prod"\?/);
    assert.match(production.detail, new RegExp(`Environment ${prod.l.environmentId}`));

    const created = await waitFor('the provider created in prod', () => prod.l.state.resources()[0], { timeoutMs: 30_000 });
    const stored = prod.l.state.storedBody(prod.l.environmentId, String(created.id)) as ReturnType<typeof body> & {
      authentication: { password: string };
      requests: { url: string }[];
    };
    assert.strictEqual(stored.authentication.password, prod.password, "prod's own {{gatewayPassword}}");
    assert.strictEqual(stored.requests[0].url, (body(prod).requests as { url: string }[])[0].url, "prod's own {{gatewayHost}}");
    assert.strictEqual(dev.l.state.resources().length, devResources);
    assert.strictEqual(tst.l.state.resources().length, testResources);
    assert.deepStrictEqual([writes(dev), writes(tst)], [devWrites, testWrites], 'a write to dev or test');
    // The active environment did not change; the document keeps its placeholders; prod's binding is recorded.
    assert.strictEqual(vscode.workspace.getConfiguration('pingone').get('activeEnvironment'), 'dev');
    assert.strictEqual(doc.getText(), text);
    assert.ok(doc.getText().includes('{{gatewayPassword}}') && doc.getText().includes('{{gatewayHost}}'));
    const prodEnv = a.pingone.session.environments().choices.find((c) => c.env.name === 'prod')!.env;
    const devEnv = a.pingone.session.environments().choices.find((c) => c.env.name === 'dev')!.env;
    await waitFor('the binding in prod', () => a.pingone.bindings.get(doc.uri.toString(), prodEnv.targetKey)?.id === created.id);
    assert.strictEqual(a.pingone.bindings.get(doc.uri.toString(), devEnv.targetKey), undefined, 'no binding written for dev');
    // Read again after the write: prod is in sync now.
    await waitForLenses(
      doc.uri,
      ['dev: in sync', 'test: differs', 'prod: in sync', 'stage: unknown (no client secret)', 'Refresh'],
      30_000,
    );
    await assertNoSecretsInLensesAndHovers(s, doc, 'send to prod');
  },
  { timeoutMs: 120_000 },
);

test(
  'Send to Environment… from the palette: a quick pick of every environment with its status, the summary (1 field), test updated only, the active environment stays dev',
  async () => {
    const s = await ready();
    await clearNotifications();
    const editor = await showFixture();
    const doc = editor.document;
    const [dev, tst, prod] = s.stands;
    const updates = (x: Stand) => x.l.state.requests.filter((r) => r.op === 'update' || r.op === 'create').length;
    const [devWrites, prodWrites] = [updates(dev), updates(prod)];

    const sending = vscode.commands.executeCommand<SendOutcome | undefined>('pingone.sendToEnvironment');
    await driver.waitForText('differs (1 field)', { selector: '.quick-input-widget' });
    await driver.waitForText('in sync · active', { selector: '.quick-input-widget' });
    const pick = await driver.pickQuickItem('test');
    // The rows' labels (the driver also reads their detail lines: id, production, API, scope).
    assert.deepStrictEqual(
      pick.items.filter((i) => !i.includes(' · ')),
      ['dev', 'test', 'prod', 'stage'],
    );
    assert.ok(
      pick.items.some((i) => i.startsWith(`${prod.l.environmentId} · production · `)),
      JSON.stringify(pick.items),
    );
    assert.strictEqual(pick.title, 'Send to Environment');
    assert.match(pick.placeholder, /the active environment stays "dev"/);
    const summary = await driver.clickDialogButton('Send');
    assert.strictEqual(summary.message, `Send to "test": would update ${s.testId}: 1 field.`);
    assert.strictEqual(summary.detail, 'Fields that differ: requests[0].url.');
    const outcome = await sending;
    assert.strictEqual(outcome?.kind, 'updated', JSON.stringify(outcome));
    const stored = tst.l.state.storedBody(tst.l.environmentId, s.testId) as {
      authentication: { password: string };
      requests: { url: string }[];
    };
    assert.strictEqual(stored.requests[0].url, (body(tst).requests as { url: string }[])[0].url);
    assert.strictEqual(stored.authentication.password, tst.password);
    assert.strictEqual(tst.l.state.resources().length, 1, 'updated, not created');
    assert.deepStrictEqual([updates(dev), updates(prod)], [devWrites, prodWrites], 'a write to dev or prod');
    assert.strictEqual(vscode.workspace.getConfiguration('pingone').get('activeEnvironment'), 'dev');
    assert.ok(doc.getText().includes('{{gatewayPassword}}'));
    await waitForLenses(
      doc.uri,
      ['dev: in sync', 'test: in sync', 'prod: in sync', 'stage: unknown (no client secret)', 'Refresh'],
      30_000,
    );
    await assertNoSecretsInLensesAndHovers(s, doc, 'send to test');
  },
  { timeoutMs: 90_000 },
);

test(
  'a change in PingOne shows only after "Refresh" (dev differs); "Send to PingOne" to the active environment reads it again (dev in sync)',
  async () => {
    const s = await ready();
    await clearNotifications();
    const editor = await showFixture();
    const doc = editor.document;
    const dev = stand(s, 'dev');
    // A colleague changes dev's provider: the cache does not know until it is read again.
    await standInApi(dev.l, 'PUT', `/notificationsSettings/phoneDeliverySettings/${s.devId}`, { ...body(dev, '/changed'), id: s.devId });
    const synced = ['dev: in sync', 'test: in sync', 'prod: in sync', 'stage: unknown (no client secret)', 'Refresh'];
    await waitForLenses(doc.uri, synced);
    const before = dev.l.state.requests.length;
    await clickLens('Refresh', () => dev.l.state.requests.length > before);
    await waitForLenses(doc.uri, ['dev: differs', ...synced.slice(1)]);
    // Only the refresh reads the policies (the send lists and reads the provider itself).
    const lists = () => dev.l.state.requests.filter((r) => r.op === 'listNotificationPolicies').length;
    const listsBefore = lists();
    const outcome = await vscode.commands.executeCommand<SendOutcome | undefined>('pingone.send');
    assert.strictEqual(outcome?.kind, 'updated', JSON.stringify(outcome));
    await waitForLenses(doc.uri, synced, 30_000);
    assert.ok(lists() > listsBefore, 'dev was not read again after the send');
    await assertNoSecretsInLensesAndHovers(s, doc, 'refresh and send');
  },
  { timeoutMs: 90_000 },
);

test('pingone.environmentStatus.enabled: false removes the lenses and the usage hover; true brings them back, without a request', async () => {
  const s = await ready();
  const editor = await showFixture();
  const doc = editor.document;
  const before = counts(s);
  await setSetting('environmentStatus.enabled', false);
  try {
    await waitForLenses(doc.uri, []);
    assert.ok(!(await hoverTexts(doc.uri, namePosition(doc))).some((t) => t.includes('Where this provider is used')));
  } finally {
    await setSetting('environmentStatus.enabled', undefined);
  }
  await waitForLenses(doc.uri, ['dev: in sync', 'test: in sync', 'prod: in sync', 'stage: unknown (no client secret)', 'Refresh']);
  assert.deepStrictEqual(counts(s), before);
  await closeAllEditors();
});
