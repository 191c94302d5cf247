/**
 * The PingOne explorer (issue 15) the way a person meets it, against one local PingOne stand-in
 * with two environments over loopback, configured as four `pingone.environments` entries: "ex-dev"
 * and "ex-prod" (production) load, "ex-broken" names an environment the stand-in does not have (its
 * node shows the error while the others load), "ex-second" uses a worker app whose secret is not
 * set yet (its node offers Set Client Secret). Every question (password boxes, quick picks, modal
 * dialogs, notifications) is answered through the real workbench by the driver; the tree is read
 * through the extension's own TreeDataProvider and in the workbench's sidebar.
 *
 * Each test ends with a search for the known secrets (the two worker apps' client secrets, every
 * access token the extension was given, the gateway password and API key) in every tree item's
 * label, description and tooltip, the sidebar's HTML, and every output `assertNoSecretsAnywhere`
 * searches (logs, documents, notifications, files, state, settings).
 *
 * The tests build on each other, in order.
 */
import * as assert from 'assert';
import { randomBytes, randomUUID } from 'crypto';
import * as vscode from 'vscode';
import { startPingOneLocal, type PingOneLocal } from '../pingone-local/server';
import type { ExplorerNode, ProviderNode, EnvironmentNode, ChainEntryNode } from '../../client/src/explorer/nodes';
import type { ReplaceOutcome } from '../../server/src/workflow/replace';
import type { DeleteFlowOutcome } from '../../client/src/commands/deleteFlow';
import {
  after,
  answerNotification,
  api,
  assertNoSecretsAnywhere,
  clearNotifications,
  closeAllEditors,
  dialogWithPrimary,
  driver,
  type KnownSecret,
  LANGUAGE_ID,
  secretsIn,
  setSetting,
  test,
  waitFor,
  waitForNotification,
} from './harness';
import { tokenProxy, type TokenProxy } from './tokenProxy';

const GATEWAY_PASSWORD = `gw-pass-${randomBytes(9).toString('hex')}`;
const API_KEY = `gw-api-key-${randomBytes(9).toString('hex')}`;
const DEV = randomUUID();
const PROD = randomUUID();
const MISSING = randomUUID();
const SECOND = { clientId: `explorer-second-${randomBytes(4).toString('hex')}`, clientSecret: randomBytes(24).toString('base64url') };
const SIDEBAR = '.part.sidebar';

interface Setup {
  l: PingOneLocal;
  proxy: TokenProxy;
  a: string;
  b: string;
  c: string;
  p: string;
}

let setup: Promise<Setup> | undefined;
after(async () => {
  const s = await setup?.catch(() => undefined);
  await s?.proxy.close();
  await s?.l.close();
  setup = undefined;
});

type Json = Record<string, unknown>;

let testToken: string | undefined;
/** The stand-in's API as an administrator would call it (a token of the test's own, not the extension's). */
async function admin(l: PingOneLocal, envId: string, method: string, rel: string, body?: unknown): Promise<Json> {
  if (!testToken) {
    const basic = Buffer.from(`${encodeURIComponent(l.clientId)}:${encodeURIComponent(l.clientSecret)}`).toString('base64');
    const t = await fetch(`${l.authBase}/${DEV}/as/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` },
      body: 'grant_type=client_credentials',
    });
    assert.strictEqual(t.status, 200);
    testToken = ((await t.json()) as { access_token: string }).access_token;
  }
  const r = await fetch(`${l.apiBase}/environments/${envId}${rel}`, {
    method,
    headers: { authorization: `Bearer ${testToken}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  assert.ok(r.ok, `${method} ${rel}: ${r.status} ${text}`);
  return text ? (JSON.parse(text) as Json) : {};
}

/** A custom provider with a write-only password and an API key header (which PingOne stores and echoes back). */
function gateway(name: string, methods: string[]): Json {
  return {
    name,
    provider: 'CUSTOM_PROVIDER',
    authentication: { method: 'BASIC', username: 'pingone-gateway', password: GATEWAY_PASSWORD },
    requests: methods.map((m) => ({
      deliveryMethod: m,
      url: `https://gateway.example.com/${m.toLowerCase()}?to=\${to}&message=\${message}`,
      method: 'GET',
      headers: { 'X-Api-Key': API_KEY },
    })),
    numbers: [{ type: 'PHONE_NUMBER', number: '+61412345678', capabilities: methods, selected: true, available: true }],
  };
}

/** A notification policy whose provider order is `chains` (one condition each; the last without countries). */
function policy(name: string, chains: string[][], countries: string[][]): Json {
  return {
    name,
    quotas: [{ type: 'USER', deliveryMethods: ['SMS', 'Voice'], total: 30 }],
    countryLimit: { type: 'NONE' },
    providerConfiguration: {
      conditions: chains.map((ids, i) => ({
        deliveryMethods: ['SMS', 'VOICE'],
        ...(i < chains.length - 1 ? { countries: countries[i] } : {}),
        fallbackChain: ids.map((id) => ({ id })),
      })),
    },
  };
}

function entries(s: Setup): Json[] {
  const base = { apiUrl: s.l.apiBase, authUrl: s.proxy.origin, clientId: s.l.clientId, tokenEnvironmentId: DEV };
  return [
    { name: 'ex-dev', ...base, environmentId: DEV },
    { name: 'ex-prod', ...base, environmentId: PROD, production: true },
    { name: 'ex-broken', ...base, environmentId: MISSING },
    { name: 'ex-second', ...base, environmentId: DEV, clientId: SECOND.clientId },
  ];
}

/** The stand-in with its providers, chain and policy; the four entries in user settings; ex-dev active, its client secret set. */
async function ready(): Promise<Setup> {
  setup ??= (async () => {
    const first = { clientId: randomUUID(), clientSecret: randomBytes(24).toString('base64url'), environmentId: DEV };
    const l = await startPingOneLocal({ environmentIds: [DEV, PROD], clients: [first, { ...SECOND, environmentId: DEV }] });
    const proxy = await tokenProxy(l.origin);
    const create = async (envId: string, body: Json) =>
      String((await admin(l, envId, 'POST', '/notificationsSettings/phoneDeliverySettings', body)).id);
    const a = await create(DEV, gateway('Gateway A', ['SMS', 'VOICE']));
    const b = await create(DEV, gateway('Gateway B', ['SMS']));
    const c = await create(DEV, gateway('Unused C', ['SMS']));
    await admin(l, DEV, 'PUT', '/notificationsSettings', { smsProvidersFallbackChain: [a, 'PINGONE_TWILIO', b] });
    await admin(l, DEV, 'POST', '/notificationsPolicies', policy('Europe first', [[b, a], [a]], [['FR', 'DE']]));
    const p = await create(PROD, gateway('Prod gateway', ['SMS']));
    await admin(l, PROD, 'PUT', '/notificationsSettings', { smsProvidersFallbackChain: [p, 'PINGONE_TWILIO'] });
    return { l, proxy, a, b, c, p };
  })();
  const s = await setup;
  const now = vscode.workspace.getConfiguration('pingone').inspect('environments')?.globalValue;
  if (JSON.stringify(now) !== JSON.stringify(entries(s))) await setSetting('environments', entries(s));
  if (vscode.workspace.getConfiguration('pingone').get('activeEnvironment') !== 'ex-dev') await setSetting('activeEnvironment', 'ex-dev');
  const a = await api();
  const dev = a.pingone.session.environments().choices.find((c) => c.env.name === 'ex-dev')!.env;
  if ((await a.pingone.session.clientSecret(dev)) !== s.l.clientSecret) {
    const done = vscode.commands.executeCommand('pingone.setClientSecret');
    assert.match((await driver.typeInput(s.l.clientSecret)).title, /Client secret for "ex-dev"/);
    await done;
  }
  return s;
}

function secrets(s: Setup): KnownSecret[] {
  return [
    { label: 'worker client secret', value: s.l.clientSecret },
    { label: 'second worker client secret', value: SECOND.clientSecret },
    { label: 'gateway password (write-only authentication.password)', value: GATEWAY_PASSWORD },
    { label: 'gateway API key (echoed X-Api-Key header)', value: API_KEY },
    ...s.proxy.tokens.map((t, i) => ({ label: `access token #${i + 1}`, value: t })),
  ];
}

// --- The tree ------------------------------------------------------------------------------------------

async function tree() {
  return (await api()).explorer.tree;
}

/** Shows the node in the sidebar, expanded, as a click on its twistie does. */
async function reveal(node: ExplorerNode, options: { expand?: boolean; select?: boolean; focus?: boolean } = {}): Promise<void> {
  await (await api()).explorer.view.reveal(node, { expand: true, select: false, focus: false, ...options });
}

function textOf(v: string | vscode.TreeItemLabel | vscode.MarkdownString | boolean | undefined): string {
  if (v === undefined || typeof v === 'boolean') return '';
  if (typeof v === 'string') return v;
  return 'label' in v ? v.label : v.value;
}

/** The tree item as a line: `label — description`. */
async function line(node: ExplorerNode): Promise<string> {
  const item = (await tree()).getTreeItem(node);
  const d = textOf(item.description);
  return d ? `${textOf(item.label)} — ${d}` : textOf(item.label);
}

async function lines(nodes: ExplorerNode[]): Promise<string[]> {
  return Promise.all(nodes.map(line));
}

async function envNode(name: string): Promise<EnvironmentNode> {
  const n = (await tree()).environmentNode(name);
  assert.ok(n, `no environment node "${name}"`);
  return n;
}

/** The environment's children once loaded (the read starts here when VS Code has not started it). */
async function loaded(name: string): Promise<ExplorerNode[]> {
  const t = await tree();
  const node = await envNode(name);
  await t.whenLoaded(node);
  return t.getChildren(node);
}

async function provider(envName: string, label: string): Promise<ProviderNode> {
  const t = await tree();
  const found = (await loaded(envName)).find((n): n is ProviderNode => n.kind === 'provider' && n.provider.label === label);
  assert.ok(found, `no provider "${label}" in "${envName}": ${JSON.stringify(await lines(await loaded(envName)))}`);
  assert.ok(t.getParent(found) === (await envNode(envName)));
  return found;
}

async function chainEntries(envName: string): Promise<ChainEntryNode[]> {
  const chain = (await loaded(envName)).find((n) => n.kind === 'chain');
  assert.ok(chain, `no fallback chain node in "${envName}"`);
  return (await tree()).getChildren(chain) as ChainEntryNode[];
}

async function usedBy(node: ProviderNode): Promise<string[]> {
  const t = await tree();
  const [group] = t.getChildren(node);
  assert.strictEqual(group.kind, 'usedBy');
  return lines(t.getChildren(group));
}

/** Every text of every node of the environments read so far (label, description, tooltip), without starting a read. */
async function treeTexts(): Promise<string[]> {
  const t = await tree();
  const out: string[] = [];
  const walk = (node: ExplorerNode | undefined): void => {
    const children = t.getChildren(node);
    for (const child of children) {
      const item = t.getTreeItem(child);
      out.push(textOf(item.label), textOf(item.description), textOf(item.tooltip));
      if (child.kind === 'environment' && !t.stateOf(child.choice.env.name)) continue;
      walk(child);
    }
  };
  walk(undefined);
  return out;
}

/** No secret in the tree's texts, in the sidebar as the workbench renders it, or anywhere else. */
async function assertNoSecrets(s: Setup, what: string): Promise<void> {
  const texts = (await treeTexts()).join('\n');
  const sidebar = String((await driver.drive({ action: 'html', selector: SIDEBAR })).html);
  for (const [where, text] of [
    ['tree items', texts],
    ['the sidebar', sidebar],
  ])
    assert.deepStrictEqual(
      secrets(s)
        .filter((x) => text.includes(x.value))
        .map((x) => x.label),
      [],
      `${what}: a secret in ${where}`,
    );
  await assertNoSecretsAnywhere(secrets(s), what);
}

/** Requests of the environment to the stand-in since `from` (token requests left out), by operation. */
function opsSince(l: PingOneLocal, from: number, envId: string): string[] {
  return l.state.requests
    .slice(from)
    .filter((r) => r.environmentId === envId && r.op !== 'token')
    .map((r) => r.op!)
    .sort();
}

const REFRESH_OPS = ['list', 'listNotificationPolicies', 'readNotificationSettings'];

// --- The tests ---------------------------------------------------------------------------------------------

test(
  'explorer: a node per environment; each loads on its own when expanded (Loading…, then its phone delivery settings, fallback chain and Used by; an unknown environment shows its error, a missing client secret offers Set Client Secret); three requests per environment, none again until refreshed',
  async () => {
    const s = await ready();
    const { l } = s;
    const t = await tree();
    await closeAllEditors();
    await clearNotifications();
    t.refresh();
    // The view in its own activity bar container.
    await vscode.commands.executeCommand('workbench.view.extension.pingone');
    await driver.waitForText('ex-broken', { selector: SIDEBAR });
    assert.deepStrictEqual(await lines(t.getChildren()), [
      `ex-dev — active · ${DEV.slice(0, 8)}`,
      `ex-prod — production · ${PROD.slice(0, 8)}`,
      `ex-broken — ${MISSING.slice(0, 8)}`,
      `ex-second — ${DEV.slice(0, 8)}`,
    ]);
    const from = l.state.requests.length;
    assert.deepStrictEqual(opsSince(l, from, DEV), [], 'nothing is read before an environment is expanded');

    // Expanded, as a person does in the sidebar: "Loading…" while the list is slow to answer.
    l.control({ latencyMs: { list: 2500 } });
    const dev = await envNode('ex-dev');
    await reveal(dev);
    assert.deepStrictEqual(await lines(t.getChildren(dev)), ['Loading…']);
    await driver.waitForText('Loading…', { selector: SIDEBAR });
    for (const name of ['ex-prod', 'ex-broken', 'ex-second']) await reveal(await envNode(name));
    l.control({ latencyMs: null });

    // ex-dev: the chain first, then each provider (name; provider · delivery methods).
    const children = await loaded('ex-dev');
    assert.deepStrictEqual(await lines(children), [
      'Fallback chain — 3 entries',
      'Gateway A — CUSTOM_PROVIDER · SMS, VOICE',
      'Gateway B — CUSTOM_PROVIDER · SMS',
      'Unused C — CUSTOM_PROVIDER · SMS',
    ]);
    assert.deepStrictEqual(await lines(await chainEntries('ex-dev')), [
      `Gateway A — #1 · ${s.a.slice(0, 8)}`,
      "PingOne's own Twilio account — #2 · PINGONE_TWILIO",
      `Gateway B — #3 · ${s.b.slice(0, 8)}`,
    ]);
    const a = await provider('ex-dev', 'Gateway A');
    assert.deepStrictEqual(await usedBy(a), [
      'Fallback chain — position 1 of 3',
      'Policy "Europe first" — condition 1 · SMS+VOICE · FR, DE · position 2',
      'Policy "Europe first" — condition 2 · SMS+VOICE · other countries · position 1',
    ]);
    assert.deepStrictEqual(await usedBy(await provider('ex-dev', 'Gateway B')), [
      'Fallback chain — position 3 of 3',
      'Policy "Europe first" — condition 1 · SMS+VOICE · FR, DE · position 1',
    ]);
    assert.deepStrictEqual(await usedBy(await provider('ex-dev', 'Unused C')), ['Not in the fallback chain or any policy']);
    const aItem = t.getTreeItem(a);
    const tooltip = textOf(aItem.tooltip);
    for (const part of [
      `Id: ${s.a}`,
      'Provider: CUSTOM_PROVIDER',
      'Delivery: SMS, VOICE',
      'Used by: position 1 of the SMS/voice fallback chain',
    ])
      assert.ok(tooltip.includes(part), `"${part}" not in the tooltip:\n${tooltip}`);
    // A click runs nothing: the actions are inline and in the context menu.
    assert.strictEqual(aItem.command, undefined);
    assert.strictEqual(aItem.contextValue, 'pingone.provider');
    for (const e of await chainEntries('ex-dev')) assert.strictEqual(t.getTreeItem(e).command, undefined);
    assert.deepStrictEqual(
      (await chainEntries('ex-dev')).map((e) => t.getTreeItem(e).contextValue),
      ['pingone.chainEntry canMoveDown', 'pingone.chainEntry canMoveUp canMoveDown', 'pingone.chainEntry canMoveUp'],
    );

    // ex-prod loads too; ex-broken shows its error; ex-second asks for its secret: nothing was requested for it.
    assert.deepStrictEqual(await lines(await loaded('ex-prod')), ['Fallback chain — 2 entries', 'Prod gateway — CUSTOM_PROVIDER · SMS']);
    const broken = await loaded('ex-broken');
    assert.strictEqual(broken.length, 1);
    assert.strictEqual(broken[0].kind, 'envError');
    assert.match(await line(broken[0]), new RegExp(`^Could not load — .*Unable to find environment ${MISSING}`));
    const second = await loaded('ex-second');
    assert.deepStrictEqual(await lines(second), ['No client secret set — Set Client Secret…']);
    assert.strictEqual(t.getTreeItem(second[0]).command?.command, 'pingone.explorer.setClientSecret');
    for (const text of ['Gateway A', 'Fallback chain', 'Prod gateway', 'Could not load', 'No client secret set'])
      await driver.waitForText(text, { selector: SIDEBAR });

    // One list, one read of the notification settings, one list of the policies per environment.
    assert.deepStrictEqual(opsSince(l, from, DEV), REFRESH_OPS);
    assert.deepStrictEqual(opsSince(l, from, PROD), REFRESH_OPS);
    assert.deepStrictEqual(opsSince(l, from, MISSING), REFRESH_OPS);
    // Cached: asking again, collapsing and expanding, costs nothing.
    const cached = l.state.requests.length;
    await loaded('ex-dev');
    await reveal(dev);
    assert.deepStrictEqual(opsSince(l, cached, DEV), []);

    // Refresh one environment: only that one is read again (VS Code asks for its children at once).
    const one = l.state.requests.length;
    await vscode.commands.executeCommand('pingone.explorer.refreshEnvironment', dev);
    await loaded('ex-dev');
    await waitFor('ex-dev read again', () => opsSince(l, one, DEV).length === 3);
    assert.deepStrictEqual(opsSince(l, one, DEV), REFRESH_OPS);
    assert.deepStrictEqual(opsSince(l, one, PROD), []);

    // The view's Refresh: every expanded environment is read again, once.
    const all = l.state.requests.length;
    await vscode.commands.executeCommand('pingone.explorer.refresh');
    for (const name of ['ex-dev', 'ex-prod']) await reveal(await envNode(name));
    await loaded('ex-dev');
    await loaded('ex-prod');
    await waitFor('ex-dev and ex-prod read again', () => opsSince(l, all, DEV).length >= 3 && opsSince(l, all, PROD).length >= 3);
    assert.deepStrictEqual(opsSince(l, all, DEV), REFRESH_OPS);
    assert.deepStrictEqual(opsSince(l, all, PROD), REFRESH_OPS);

    // The node's action: the password box for ex-second's own worker app; then it loads.
    await reveal(await envNode('ex-second'));
    const [ask] = await loaded('ex-second');
    const setting = vscode.commands.executeCommand('pingone.explorer.setClientSecret', ask);
    assert.match((await driver.typeInput(SECOND.clientSecret)).title, /Client secret for "ex-second"/);
    await setting;
    assert.deepStrictEqual((await lines(await loaded('ex-second'))).slice(0, 2), [
      'Fallback chain — 3 entries',
      'Gateway A — CUSTOM_PROVIDER · SMS, VOICE',
    ]);
    await assertNoSecrets(s, 'explorer nodes');
  },
  { timeoutMs: 90_000 },
);

test(
  'explorer: "Open as Document" is the Pull path (untitled, bound, secrets as {{placeholders}}); "Compare with Bound File" diffs that document, and says when none is bound',
  async () => {
    const s = await ready();
    const a = await api();
    await clearNotifications();
    const node = await provider('ex-dev', 'Gateway A');
    const opening = vscode.commands.executeCommand<vscode.TextDocument | undefined>('pingone.explorer.openAsDocument', node);
    await waitForNotification('PingOne never returns secrets');
    await clearNotifications(); // dismisses the offer to set the secret variables: the command ends
    const doc = await opening;
    assert.ok(doc && doc.isUntitled && doc.languageId === LANGUAGE_ID);
    const body = JSON.parse(doc.getText()) as Json & { environment: Json; authentication: Json; requests: { headers: Json }[] };
    assert.strictEqual(body.id, s.a);
    assert.deepStrictEqual(body.environment, { id: DEV });
    assert.strictEqual(body.authentication.password, '{{gatewayPassword}}');
    assert.match(String(body.requests[0].headers['X-Api-Key']), /^\{\{\w+\}\}$/);
    assert.deepStrictEqual(secretsIn(doc.getText(), [GATEWAY_PASSWORD, API_KEY, s.l.clientSecret]), [], 'a secret in the document');
    const env = a.pingone.session.environments().choices.find((c) => c.env.name === 'ex-dev')!.env;
    assert.strictEqual(a.pingone.bindings.get(doc.uri.toString(), env.targetKey)?.id, s.a);

    // Bound now: Compare opens the diff of that document and the live provider.
    assert.strictEqual(
      await vscode.commands.executeCommand('pingone.explorer.compareWithBound', await provider('ex-dev', 'Gateway A')),
      true,
    );
    const tab = await waitFor(
      'the diff editor',
      () => {
        const t = vscode.window.tabGroups.activeTabGroup.activeTab;
        return t?.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === 'pingone-compare' ? t : undefined;
      },
      { events: [vscode.window.tabGroups.onDidChangeTabs] },
    );
    assert.match(tab.label, /PingOne ex-dev \(Gateway A\)/);
    const right = await vscode.workspace.openTextDocument((tab.input as vscode.TabInputTextDiff).modified);
    assert.deepStrictEqual(secretsIn(right.getText(), [GATEWAY_PASSWORD, API_KEY]), [], 'a secret on the PingOne side');

    // Nothing is bound to "Unused C": said, with the offer to open it.
    const none = vscode.commands.executeCommand('pingone.explorer.compareWithBound', await provider('ex-dev', 'Unused C'));
    await waitForNotification('No document is bound to "Unused C" in "ex-dev"');
    await clearNotifications();
    assert.strictEqual(await none, false);
    await assertNoSecrets(s, 'open as document and compare');
  },
  { timeoutMs: 60_000 },
);

/**
 * A notification that comes after a progress notification: the notification center hides itself when
 * its last entry (the progress) closes, so the center is opened again until the text is there.
 */
async function waitForLateNotification(text: string, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      await waitForNotification(text, 1500);
      return;
    } catch (e) {
      if (Date.now() > end) throw e;
    }
  }
}

const flat = (text: string): string => text.replace(/\s+/g, ' ').trim();

test(
  'explorer: reorder the fallback chain with Move Down / Move Up and drag and drop: a modal with the old and the new order, then the notification settings are written (the stand-in has the new order); Cancel writes nothing; a chain changed in PingOne meanwhile is not overwritten; production asks again',
  async () => {
    const s = await ready();
    const { l } = s;
    await clearNotifications();
    const chainOf = (envId: string) => l.state.notificationSettings(envId).smsProvidersFallbackChain;
    const puts = () => l.state.requests.filter((r) => r.op === 'updateNotificationSettings').length;
    assert.deepStrictEqual(chainOf(DEV), [s.a, 'PINGONE_TWILIO', s.b]);

    // Move Down on the first entry.
    const [first] = await chainEntries('ex-dev');
    const moving = vscode.commands.executeCommand('pingone.explorer.moveDown', first);
    const d = await driver.clickDialogButton('Reorder');
    assert.strictEqual(d.message, 'Reorder the SMS/voice fallback chain of "ex-dev"?');
    // The dialog's text as the workbench renders it (innerText: runs of white space may be collapsed).
    assert.ok(
      flat(d.detail).startsWith(
        flat(
          [
            'Now:',
            `  1. Gateway A (${s.a.slice(0, 8)})`,
            "  2. PingOne's own Twilio account (PINGONE_TWILIO)",
            `  3. Gateway B (${s.b.slice(0, 8)})`,
            '',
            'New:',
            "  1. PingOne's own Twilio account (PINGONE_TWILIO)",
            `  2. Gateway A (${s.a.slice(0, 8)})`,
            `  3. Gateway B (${s.b.slice(0, 8)})`,
          ].join('\n'),
        ),
      ),
      d.detail,
    );
    assert.strictEqual(await moving, 'reordered');
    assert.deepStrictEqual(chainOf(DEV), ['PINGONE_TWILIO', s.a, s.b]);
    await waitForNotification('The SMS/voice fallback chain of "ex-dev" is now: PingOne');
    // The explorer shows the new order (read again).
    assert.deepStrictEqual(
      (await chainEntries('ex-dev')).map((e) => e.entry.id),
      ['PINGONE_TWILIO', s.a, s.b],
    );

    // Move Up, cancelled: nothing written.
    const before = puts();
    const up = vscode.commands.executeCommand('pingone.explorer.moveUp', (await chainEntries('ex-dev'))[2]);
    await driver.clickDialogButton('Cancel');
    assert.strictEqual(await up, 'cancelled');
    assert.strictEqual(puts(), before);
    assert.deepStrictEqual(chainOf(DEV), ['PINGONE_TWILIO', s.a, s.b]);

    // Drag and drop (the view's controller): Gateway B onto the first entry takes its place.
    const entries = await chainEntries('ex-dev');
    const transfer = new vscode.DataTransfer();
    const token = new vscode.CancellationTokenSource().token;
    const dnd = (await api()).explorer.dragAndDrop;
    await dnd.handleDrag?.([entries[2]], transfer, token);
    const dropping = dnd.handleDrop?.(entries[0], transfer, token);
    const dd = await driver.clickDialogButton('Reorder');
    assert.ok(
      flat(dd.detail).includes(`New: 1. Gateway B (${s.b.slice(0, 8)}) 2. PingOne's own Twilio account (PINGONE_TWILIO) 3. Gateway A`),
      dd.detail,
    );
    await dropping;
    assert.strictEqual(await dnd.lastDrop, 'reordered');
    assert.deepStrictEqual(chainOf(DEV), [s.b, 'PINGONE_TWILIO', s.a]);

    // Someone changes the chain in PingOne: the explorer's (stale) order is not written over it.
    const stale = await chainEntries('ex-dev');
    await admin(l, DEV, 'PUT', '/notificationsSettings', { smsProvidersFallbackChain: [s.a, s.b, 'PINGONE_TWILIO'] });
    const putsStale = puts();
    const refused = vscode.commands.executeCommand('pingone.explorer.moveDown', stale[0]);
    assert.strictEqual(await refused, 'changed-in-pingone');
    await waitForNotification('The fallback chain of "ex-dev" changed in PingOne since the explorer read it, so it was not changed.');
    assert.strictEqual(puts(), putsStale);
    assert.deepStrictEqual(
      (await chainEntries('ex-dev')).map((e) => e.entry.id),
      [s.a, s.b, 'PINGONE_TWILIO'],
      'the explorer shows the chain as PingOne has it',
    );

    // Production: the order, then the environment, like a send; "Keep" (the primary button) writes nothing.
    await reveal(await envNode('ex-prod'));
    for (const answer of ['Keep', 'Reorder']) {
      const [p] = await chainEntries('ex-prod');
      const prodMove = vscode.commands.executeCommand('pingone.explorer.moveDown', p);
      await driver.clickDialogButton('Reorder');
      const message = 'Change the SMS/voice fallback chain of the PRODUCTION environment "ex-prod"?';
      assert.strictEqual(await dialogWithPrimary(message), 'Keep');
      const pd = await driver.clickDialogButton(answer);
      assert.strictEqual(pd.message, message);
      assert.ok(pd.detail.includes(`Environment ${PROD}`), pd.detail);
      assert.strictEqual(await prodMove, answer === 'Keep' ? 'cancelled' : 'reordered');
      assert.deepStrictEqual(chainOf(PROD), answer === 'Keep' ? [s.p, 'PINGONE_TWILIO'] : ['PINGONE_TWILIO', s.p]);
    }
    assert.deepStrictEqual(chainOf(DEV), [s.a, s.b, 'PINGONE_TWILIO'], 'a reorder in ex-prod touched ex-dev');
    await assertNoSecrets(s, 'reorder');
  },
  { timeoutMs: 90_000 },
);

test(
  'explorer: "Delete…" of a referenced provider lists every reference; Keep (primary) and Cancel change nothing; "Remove References and Delete" takes it out of the chain and the policy, then deletes it',
  async () => {
    const s = await ready();
    const { l } = s;
    await clearNotifications();
    const writes = () =>
      l.state.requests.filter((r) => ['update', 'delete', 'updateNotificationSettings', 'updateNotificationPolicy'].includes(r.op ?? ''))
        .length;
    const before = writes();
    const message = 'CUSTOM_PROVIDER "Gateway B" is used in "ex-dev". Remove it from those 2 places, then delete it?';
    for (const answer of ['Keep', 'Cancel']) {
      const deleting = vscode.commands.executeCommand<DeleteFlowOutcome>('pingone.explorer.delete', await provider('ex-dev', 'Gateway B'));
      assert.strictEqual(await dialogWithPrimary(message), 'Keep', 'the destructive button is not the primary one');
      const d = await driver.clickDialogButton(answer);
      assert.strictEqual(d.message, message);
      assert.ok(d.detail.includes('• position 2 of the SMS/voice fallback chain (notification settings)'), d.detail);
      assert.ok(d.detail.includes('• position 1 of condition 1 (SMS+VOICE, FR, DE) of notification policy "Europe first"'), d.detail);
      assert.deepStrictEqual([...d.buttons].sort(), ['Cancel', 'Keep', 'Remove References and Delete']);
      assert.strictEqual((await deleting)?.kind, 'cancelled');
    }
    assert.strictEqual(writes(), before, 'Keep or Cancel wrote something');
    assert.ok(l.state.resources(DEV).some((r) => r.id === s.b));

    const deleting = vscode.commands.executeCommand<DeleteFlowOutcome>('pingone.explorer.delete', await provider('ex-dev', 'Gateway B'));
    await driver.clickDialogButton('Remove References and Delete');
    assert.strictEqual((await deleting)?.kind, 'deleted');
    assert.ok(!l.state.resources(DEV).some((r) => r.id === s.b), 'not deleted');
    assert.deepStrictEqual(l.state.notificationSettings(DEV).smsProvidersFallbackChain, [s.a, 'PINGONE_TWILIO']);
    const europe = l.state.notificationPolicies(DEV).find((p) => p.name === 'Europe first') as {
      providerConfiguration: { conditions: { fallbackChain: { id: string }[] }[] };
    };
    assert.deepStrictEqual(
      europe.providerConfiguration.conditions.map((c) => c.fallbackChain.map((e) => e.id)),
      [[s.a], [s.a]],
    );
    await waitForLateNotification(
      'Deleted CUSTOM_PROVIDER "Gateway B" from "ex-dev". First it was removed from: the SMS/voice fallback chain',
    );
    assert.deepStrictEqual(
      (await lines(await loaded('ex-dev'))).filter((x) => x.startsWith('Gateway')),
      ['Gateway A — CUSTOM_PROVIDER · SMS, VOICE'],
      'the explorer shows the environment without it',
    );

    // Not referenced: a plain Delete.
    const plain = vscode.commands.executeCommand<DeleteFlowOutcome>('pingone.explorer.delete', await provider('ex-dev', 'Unused C'));
    const d = await driver.clickDialogButton('Delete');
    assert.strictEqual(d.message, 'Delete CUSTOM_PROVIDER "Unused C" from "ex-dev"?');
    assert.match(d.detail, /It is not in the SMS\/voice fallback chain or any notification policy\./);
    assert.strictEqual((await plain)?.kind, 'deleted');
    assert.ok(!l.state.resources(DEV).some((r) => r.id === s.c));
    await assertNoSecrets(s, 'delete');
  },
  { timeoutMs: 60_000 },
);

test(
  'explorer: "Replace…" from the active document with a failure in the middle (a policy PUT fails): the report says what was done and what remains; "Resume Replace" finishes without a second create',
  async () => {
    const s = await ready();
    const { l } = s;
    const a = await api();
    await clearNotifications();
    // The document opened from Gateway A (test 2), renamed: the new provider is created from it.
    const doc = vscode.workspace.textDocuments.find((d) => d.isUntitled && d.getText().includes(s.a));
    assert.ok(doc, 'needs the document opened by the "Open as Document" test');
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    await editor.edit((e) => {
      const at = doc.getText().indexOf('"Gateway A"');
      e.replace(new vscode.Range(doc.positionAt(at), doc.positionAt(at + '"Gateway A"'.length)), '"Gateway A2"');
    });
    const creates = () => l.state.requests.filter((r) => r.op === 'create').length;
    const createsBefore = creates();
    // More 503s than the client retries: the PUT of the policy fails; the chain's PUT (before it) passes.
    l.control({ faults: [{ type: 'server-error', op: 'updateNotificationPolicy', status: 503, count: 4 }] });

    const replacing = vscode.commands.executeCommand<ReplaceOutcome | undefined>(
      'pingone.explorer.replace',
      await provider('ex-dev', 'Gateway A'),
    );
    const pick = await driver.pickQuickItem(doc.uri.path);
    assert.strictEqual(pick.title, 'Replace CUSTOM_PROVIDER "Gateway A" in "ex-dev" with a new provider from…');
    // The placeholders the document holds: asked for in password boxes, kept in secret storage.
    const values = await driver.clickDialogButton('Enter Values');
    for (const name of [...values.message.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]))
      await driver.typeInput(/password/i.test(name) ? GATEWAY_PASSWORD : API_KEY);
    const confirm = 'Replace CUSTOM_PROVIDER "Gateway A" in "ex-dev" with a new provider from';
    assert.strictEqual(await dialogWithPrimary(confirm), 'Keep');
    const d = await driver.clickDialogButton('Replace');
    assert.ok(d.message.startsWith(confirm), d.message);
    // An untitled document is named by its path (since issue 14 a suggested `<name>.phone-delivery.json`, not Untitled-N).
    assert.ok(d.detail.includes(`1. create a new CUSTOM_PROVIDER provider from ${doc.uri.path}`), d.detail);
    assert.match(d.detail, /2\. rewire 3 references from the old provider to the new one:/);
    assert.ok(d.detail.includes('position 1 of the SMS/voice fallback chain (notification settings)'), d.detail);
    assert.ok(d.detail.includes(`3. delete CUSTOM_PROVIDER "Gateway A" (${s.a})`), d.detail);

    // Stopped in the middle: the new provider exists and the chain names it; the policy still names the old one.
    const stopped = 'The replace of CUSTOM_PROVIDER "Gateway A" in "ex-dev" stopped.';
    await waitForLateNotification(stopped);
    const created = l.state.resources(DEV).find((r) => r.name === 'Gateway A2');
    assert.ok(created, 'the new provider was not created');
    const newId = String(created.id);
    assert.strictEqual(creates() - createsBefore, 1);
    assert.deepStrictEqual(l.state.notificationSettings(DEV).smsProvidersFallbackChain, [newId, 'PINGONE_TWILIO']);
    assert.ok(
      l.state.resources(DEV).some((r) => r.id === s.a),
      'the old provider is still there',
    );
    const stored = l.state.storedBody(DEV, newId) as { authentication: { password: string } };
    assert.strictEqual(stored.authentication.password, GATEWAY_PASSWORD, 'the password was filled in from secret storage');
    const report = await answerNotification(stopped, 'Resume Replace');
    for (const part of [
      `Done: create the new provider (${newId}): done; rewire the SMS/voice fallback chain (notification settings): done.`,
      'Not done: rewire notification policy "Europe first"',
      'FAILED (Could not update notification policy',
      `; delete ${s.a}: not run.`,
      `The new provider ${newId} exists, referenced by the fallback chain (position 1); the old one ${s.a} still exists, referenced by policy "Europe first" (condition 1); policy "Europe first" (condition 2).`,
      '"Resume Replace" rewires what is left and deletes the old one (no second create).',
    ])
      assert.ok(report.includes(part), `"${part}" is not in the report: ${report}`);

    // Resumed: the policy rewired, the old provider deleted, no second create.
    const outcome = await replacing;
    assert.strictEqual(outcome?.kind, 'replaced', JSON.stringify(outcome));
    assert.strictEqual(outcome.kind === 'replaced' && outcome.newId, newId);
    assert.deepStrictEqual(
      outcome.steps.map((x) => `${x.step}:${x.outcome}`),
      ['create:skipped', 'rewire:done', 'delete:done'],
    );
    assert.strictEqual(creates() - createsBefore, 1, 'the resume created another provider');
    assert.ok(!l.state.resources(DEV).some((r) => r.id === s.a), 'the old provider was not deleted');
    const europe = l.state.notificationPolicies(DEV).find((p) => p.name === 'Europe first') as {
      providerConfiguration: { conditions: { fallbackChain: { id: string }[] }[] };
    };
    assert.deepStrictEqual(
      europe.providerConfiguration.conditions.map((c) => c.fallbackChain.map((e) => e.id)),
      [[newId], [newId]],
    );
    await waitForLateNotification(`Replaced CUSTOM_PROVIDER "Gateway A" by ${newId} in "ex-dev".`);
    const env = a.pingone.session.environments().choices.find((c) => c.env.name === 'ex-dev')!.env;
    assert.strictEqual(a.pingone.bindings.get(doc.uri.toString(), env.targetKey)?.id, newId, 'the document stands for the new provider');
    assert.deepStrictEqual(
      (await lines(await loaded('ex-dev'))).filter((x) => x.startsWith('Gateway')),
      ['Gateway A2 — CUSTOM_PROVIDER · SMS, VOICE'],
    );
    await assertNoSecrets(s, 'replace');
    await closeAllEditors();
  },
  { timeoutMs: 90_000 },
);

test('untrusted: the PingOne explorer shows one node saying PingOne is disabled until the workspace is trusted', async () => {
  const t = await tree();
  assert.strictEqual(vscode.workspace.isTrusted, false);
  const nodes = t.getChildren();
  assert.deepStrictEqual(await lines(nodes), ['PingOne is disabled until you trust this workspace']);
  await vscode.commands.executeCommand('workbench.view.extension.pingone');
  await driver.waitForText('PingOne is disabled until you trust this workspace', { selector: SIDEBAR });
});
