/**
 * What the integration tests share: the test registry (see index.ts for the runner), the workbench
 * driver, the extension's API, the fixture workspace, and waiting on events (never fixed sleeps).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../client/src/extension';

export type Driver = typeof import('../vscode-host/driver-client');
/** The launcher passes the client's absolute path; the fallback is the same file relative to out/test/integration. */
export const driver: Driver = require(process.env.CODE_TEST_DRIVER_CLIENT ?? '../../../test/vscode-host/driver-client');

export const EXT_ID = 'pingone-tools.pingone-phone-delivery';
export const LANGUAGE_ID = 'pingone-phone-delivery';
export const SOURCE = 'pingone';

// --- Registry ---------------------------------------------------------------------------------------

export interface TestCase {
  name: string;
  fn: () => Promise<void>;
  /** Part of the SMOKE subset (run against the installed .vsix too). */
  smoke: boolean;
  timeoutMs: number;
}

export const tests: TestCase[] = [];

/** Clean-ups run once after every test (stop the stand-in...). */
export const afterAll: (() => Promise<void>)[] = [];

export function after(fn: () => Promise<void>): void {
  afterAll.push(fn);
}

export function test(name: string, fn: () => Promise<void>, opts: { smoke?: boolean; timeoutMs?: number } = {}): void {
  tests.push({ name, fn, smoke: !!opts.smoke, timeoutMs: opts.timeoutMs ?? 60_000 });
}

// --- Extension and fixtures ---------------------------------------------------------------------------

export function extension(): vscode.Extension<ExtensionApi> {
  const ext = vscode.extensions.getExtension<ExtensionApi>(EXT_ID);
  assert.ok(ext, `extension ${EXT_ID} is not installed`);
  return ext;
}

export async function api(): Promise<ExtensionApi> {
  return extension().activate();
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open (run.js --workspace)');
  return folder.uri;
}

export function fixtureUri(name: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), name);
}

/** The open document for `uri` as the extension host sees it now (its language may have changed). */
export function documentFor(uri: vscode.Uri): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
}

/** Opens a file of the fixture workspace in an editor, as a person would; waits for the expected language. */
export async function openFixture(name: string, language?: string): Promise<vscode.TextEditor> {
  const uri = fixtureUri(name);
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
  if (language) await waitForLanguage(uri, language);
  const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
  assert.ok(editor, `no editor shows ${name}`);
  return editor;
}

export async function waitForLanguage(uri: vscode.Uri, language: string, timeoutMs = 15_000): Promise<vscode.TextDocument> {
  return waitFor(
    `${uri.path} in language mode ${language} (now ${documentFor(uri)?.languageId})`,
    () => {
      const d = documentFor(uri);
      return d && d.languageId === language ? d : undefined;
    },
    { timeoutMs, events: [vscode.workspace.onDidOpenTextDocument] },
  );
}

// --- Waiting ------------------------------------------------------------------------------------------

/**
 * Resolves with the first truthy value of `check`, re-checked on each of `events` and every 100 ms
 * (polling with a timeout); rejects after `timeoutMs` naming `what`.
 */
export function waitFor<T>(
  what: string | (() => string),
  check: () => T | undefined | null | false | '' | 0,
  opts: { timeoutMs?: number; events?: vscode.Event<unknown>[] } = {},
): Promise<T> {
  const timeoutMs = opts.timeoutMs ?? 15_000;
  return new Promise<T>((resolve, reject) => {
    const subs: vscode.Disposable[] = [];
    let done = false;
    const finish = (f: () => void) => {
      if (done) return;
      done = true;
      clearInterval(poll);
      clearTimeout(timer);
      subs.forEach((s) => s.dispose());
      f();
    };
    const tryNow = () => {
      try {
        const v = check();
        if (v) finish(() => resolve(v));
      } catch (e) {
        finish(() => reject(e));
      }
    };
    const poll = setInterval(tryNow, 100);
    const timer = setTimeout(
      () => finish(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'function' ? what() : what}`))),
      timeoutMs,
    );
    for (const ev of opts.events ?? []) subs.push(ev(tryNow));
    tryNow();
  });
}

/** Like `waitFor`, for a check that is itself asynchronous (polled every 100 ms, one at a time). */
export async function waitForAsync<T>(what: string, check: () => Promise<T | undefined | null | false>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function describeDiagnostics(ds: readonly vscode.Diagnostic[]): string {
  return JSON.stringify(
    ds.map((d) => ({
      source: d.source,
      code: codeOf(d),
      severity: d.severity,
      at: `${d.range.start.line}:${d.range.start.character}`,
      message: d.message,
    })),
  );
}

export function codeOf(d: vscode.Diagnostic): string | number | undefined {
  return typeof d.code === 'object' ? d.code.value : d.code;
}

/** Waits until the diagnostics of `uri` satisfy `ok` (re-checked on every diagnostics change). */
export function waitForDiagnostics(
  uri: vscode.Uri,
  what: string,
  ok: (ds: vscode.Diagnostic[]) => boolean,
  timeoutMs = 20_000,
): Promise<vscode.Diagnostic[]> {
  return waitFor(
    () => `${what} on ${uri.path}; now ${describeDiagnostics(vscode.languages.getDiagnostics(uri))}`,
    () => {
      const ds = vscode.languages.getDiagnostics(uri);
      return ok(ds) ? ds : undefined;
    },
    { timeoutMs, events: [vscode.languages.onDidChangeDiagnostics] },
  );
}

/** The next diagnostics change event that concerns `uri` (subscribe BEFORE the change that causes it). */
export function nextDiagnosticsChange(uri: vscode.Uri, timeoutMs = 20_000): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for a diagnostics change of ${uri.path}`));
    }, timeoutMs);
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(vscode.languages.getDiagnostics(uri));
    });
  });
}

export function ours(ds: readonly vscode.Diagnostic[], source = SOURCE): vscode.Diagnostic[] {
  return ds.filter((d) => d.source === source);
}

/** Editors of the response view (a read-only document beside the source). */
export function responseEditors(): vscode.TextEditor[] {
  return vscode.window.visibleTextEditors.filter((e) => e.document.uri.scheme === 'pingone-response');
}

/** Reverts the editors that are dirty (files reverted, untitled documents reverted and closed) and closes every editor, so the next test starts clean. */
export async function closeAllEditors(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments) {
    if (!doc.isDirty) continue;
    if (doc.uri.scheme === 'untitled') {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      continue;
    }
    if (doc.uri.scheme !== 'file' && doc.uri.scheme !== 'vscode-remote') continue;
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

/** Runs `p` with a time limit, so that a test waiting on UI that never comes fails instead of hanging the run. */
export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no result within ${ms} ms`)), ms);
    }),
  ]);
}

/** Polls the workbench's HTML of `selector` (through the driver) until `ok`. */
async function waitForHtml(selector: string, ok: (html: string) => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  let html = '';
  for (;;) {
    html = String((await driver.drive({ action: 'html', selector, timeout: timeoutMs })).html);
    if (ok(html)) return;
    if (Date.now() > end)
      throw new Error(
        `timed out waiting for ${what}: ${html
          .replace(/<style[\s\S]*?<\/style>/g, '')
          .replace(/<[^>]+>/g, ' ')
          .replace(/\s+/g, ' ')
          .slice(0, 500)}`,
      );
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Answers the newest notification with its (first) button, the way a person does from the notification
 * center: opens the center (the bell), checks that its newest entry is `message` with the button
 * `label` first, then focuses it and presses Ctrl+Shift+A ("Accept Notification Primary Action") and closes the center.
 * Not the toast: the workbench toasts at most 3 notifications per 800 ms (spam protection), the others
 * go to the center only, and a send shows several in a row; the center always has them.
 */
export async function answerNotification(message: string, label: string): Promise<string> {
  await vscode.commands.executeCommand('notifications.showList');
  try {
    await driver.waitForText(message, { selector: '.notifications-center' });
    const row = await driver.drive({ action: 'html', selector: '.notifications-center .monaco-list-row[data-index="0"]' });
    const html = String(row.html);
    const text = (sel: string) =>
      [...html.matchAll(new RegExp(`class="[^"]*${sel}[^"]*"[^>]*>([\\s\\S]*?)</`, 'g'))].map((m) => m[1].replace(/<[^>]+>/g, '').trim());
    const shown = html
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    assert.ok(shown.includes(message), `the newest notification is not "${message}": ${shown}`);
    const buttons = text('monaco-button');
    assert.strictEqual(
      buttons[0],
      label,
      `the newest notification's first button is not "${label}": ${JSON.stringify(buttons)} in ${shown}`,
    );
    // The center focuses its last (oldest) entry: Home moves to the newest, Ctrl+Shift+A presses its first button.
    await driver.pressKey('Home');
    await waitForHtml(
      '.notifications-center .monaco-list-row[data-index="0"]',
      (h) => /class="[^"]*\bfocused\b/.test(h.slice(0, h.indexOf('>'))),
      'the newest notification focused',
    );
    await driver.pressKey('Control+Shift+A');
    await waitForHtml('.notifications-center', (h) => !h.includes(label), `the notification "${message}" answered`);
    return shown;
  } finally {
    await vscode.commands.executeCommand('notifications.hideList');
  }
}

// --- Settings -----------------------------------------------------------------------------------------

/** Writes `pingone.<key>` and waits until the extension host reads the new value back. */
export async function setSetting(key: string, value: unknown, target = vscode.ConfigurationTarget.Global): Promise<void> {
  await vscode.workspace.getConfiguration('pingone').update(key, value, target);
  const scope = target === vscode.ConfigurationTarget.Global ? 'globalValue' : 'workspaceValue';
  await waitFor(
    `setting pingone.${key} to take effect`,
    () => JSON.stringify(vscode.workspace.getConfiguration('pingone').inspect(key)?.[scope]) === JSON.stringify(value),
    {
      events: [vscode.workspace.onDidChangeConfiguration],
    },
  );
}

/** Every `pingone.*` setting the extension contributes, from its package.json. */
export function contributedSettings(): string[] {
  const c = (extension().packageJSON as { contributes?: { configuration?: unknown } }).contributes?.configuration;
  const list = (Array.isArray(c) ? c : [c]) as { properties?: Record<string, unknown> }[];
  return list.flatMap((x) => Object.keys(x?.properties ?? {}));
}

// --- Secret hygiene -----------------------------------------------------------------------------------

/** Text of the "PingOne" log output channel, read from its log file in the extension's log folder. */
export function pingoneLogText(logDir: string): string | undefined {
  const file = path.join(logDir, 'PingOne.log');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
}

export function secretsIn(text: string, secrets: string[]): string[] {
  return secrets.filter((s) => text.includes(s));
}

/** A known secret value and what it is (the label goes into failure messages, never the value). */
export interface KnownSecret {
  label: string;
  value: string;
}

/** One output that was searched: what it is, and its text. */
interface Output {
  where: string;
  text: string;
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : e.isFile() ? [path.join(dir, e.name)] : []));
}

async function workspaceFiles(dir: vscode.Uri): Promise<vscode.Uri[]> {
  const out: vscode.Uri[] = [];
  for (const [name, type] of await vscode.workspace.fs.readDirectory(dir)) {
    const child = vscode.Uri.joinPath(dir, name);
    if (type & vscode.FileType.Directory) out.push(...(await workspaceFiles(child)));
    else if (type & vscode.FileType.File) out.push(child);
  }
  return out;
}

/**
 * Everything the notification area shows now: the visible toasts, then every entry of the notification
 * center (its list is virtual: when not every row is rendered, the rows are collected while the keyboard
 * moves down the list; the count is checked against `aria-setsize`). The raw HTML is returned, so that attributes (aria-label) are searched too.
 */
export async function notificationOutputs(): Promise<{ toasts: string[]; center: string; rows: number; total: number }> {
  const toasts = (await driver.notifications()).toasts;
  await vscode.commands.executeCommand('notifications.showList');
  try {
    await driver.waitForText('Notifications', { selector: '.notifications-center' }).catch(() => undefined);
    const snapshot = async (): Promise<{ html: string; rows: Map<string, string>; total: number }> => {
      const html = String((await driver.drive({ action: 'html', selector: '.notifications-center' })).html);
      const rows = new Map<string, string>();
      let total = 0;
      let last: number | undefined;
      for (const m of html.matchAll(/<div class="monaco-list-row[^"]*"[^>]*data-index="(\d+)"[^>]*>/g)) {
        const start = m.index ?? 0;
        const next = html.indexOf('<div class="monaco-list-row', start + 1);
        rows.set(m[1], html.slice(start, next < 0 ? undefined : next));
        // The count: the last row says it is the last (aria-setsize of a row is only updated when it is rendered again).
        if (/data-last-element="true"/.test(m[0])) last = Number(m[1]) + 1;
        const size = /aria-setsize="(\d+)"/.exec(m[0]);
        if (size) total = Math.max(total, Number(size[1]));
      }
      return { html, rows, total: last ?? total };
    };
    // Rows come and go (a progress notification stays at least 800 ms after its task, a new one is rendered
    // a moment later): poll for a snapshot that shows every row.
    let snap = await snapshot();
    let center = snap.html;
    for (const end = Date.now() + 3000; snap.rows.size < snap.total && Date.now() < end;) {
      await new Promise((r) => setTimeout(r, 100));
      snap = await snapshot();
      center += snap.html;
    }
    const rows = snap.rows;
    let total = snap.total;
    // Still not all rendered (a long list): walk it with the keyboard (the focused row is scrolled into view).
    if (rows.size < total) {
      for (let step = 0; rows.size < total && step <= total; step++) {
        await driver.pressKey(step === 0 ? 'Home' : 'ArrowDown');
        const more = await snapshot();
        center += more.html;
        more.rows.forEach((v, k) => rows.set(k, v));
        total = more.total;
      }
    }
    return { toasts, center, rows: rows.size, total };
  } finally {
    await vscode.commands.executeCommand('notifications.hideList');
  }
}

/** Waits until the notification center holds a notification with `text` (toasts are rate-limited; the center has them all). */
export async function waitForNotification(text: string, timeout = 15_000): Promise<void> {
  await vscode.commands.executeCommand('notifications.showList');
  try {
    await driver.waitForText(text, { selector: '.notifications-center', timeout });
  } finally {
    await vscode.commands.executeCommand('notifications.hideList');
  }
}

/** Empties the notification center, so that a test searches the notifications it caused. */
export async function clearNotifications(): Promise<void> {
  await vscode.commands.executeCommand('notifications.clearAll');
}

/** Where a known secret value was found: its label and the output (never the value). */
export interface Leak {
  label: string;
  where: string;
}

/**
 * Searches every output for the known secret values: all log files of this VS Code session (the
 * "PingOne" and "PingOne Language Server" channels, the extension host's and the server's logs),
 * every text document the extension host knows (files, untitled, `pingone-response:`,
 * `pingone-compare:`), the notifications (toasts and center), the clipboard, the workspace's files on
 * disk, the extension's workspace and global state, and every `pingone.*` setting in every scope.
 */
export async function scanForSecrets(
  secrets: KnownSecret[],
): Promise<{ leaks: Leak[]; summary: string; notifications: { rows: number; total: number; center: string } }> {
  const a = await api();
  const outputs: Output[] = [];
  const logDir = a.ctx.extension.logUri.fsPath;
  // <session logs>/exthost1/<extension id>: search the whole session's log folder.
  const sessionLogs = path.dirname(path.dirname(logDir));
  const logFiles = filesUnder(sessionLogs);
  for (const f of logFiles) outputs.push({ where: `log ${path.relative(sessionLogs, f)}`, text: fs.readFileSync(f, 'utf8') });
  const docs = vscode.workspace.textDocuments;
  for (const d of docs) outputs.push({ where: `document ${d.uri.toString()}`, text: d.getText() });
  const n = await notificationOutputs();
  outputs.push({ where: 'notification toasts', text: n.toasts.join('\n') }, { where: 'notification center', text: n.center });
  const clipboard = await vscode.env.clipboard.readText();
  outputs.push({ where: 'clipboard', text: clipboard });
  const files = await workspaceFiles(workspaceRoot());
  for (const f of files)
    outputs.push({
      where: `file ${vscode.workspace.asRelativePath(f)}`,
      text: Buffer.from(await vscode.workspace.fs.readFile(f)).toString('utf8'),
    });
  for (const [name, state] of [
    ['workspaceState', a.ctx.extension.workspaceState],
    ['globalState', a.ctx.extension.globalState],
  ] as const) {
    outputs.push({ where: `extension ${name}`, text: JSON.stringify(Object.fromEntries(state.keys().map((k) => [k, state.get(k)]))) });
  }
  const settings = contributedSettings().map((k) => JSON.stringify(vscode.workspace.getConfiguration().inspect(k)));
  outputs.push({ where: 'pingone.* settings (all scopes)', text: settings.join('\n') });

  const leaks: Leak[] = [];
  for (const o of outputs) for (const x of secrets) if (x.value && o.text.includes(x.value)) leaks.push({ label: x.label, where: o.where });
  const kinds = (p: string) => docs.filter((d) => d.uri.scheme === p).length;
  const summary =
    `${logFiles.length} log files, ${docs.length} documents (${kinds('untitled')} untitled, ${kinds('pingone-response')} pingone-response, ${kinds('pingone-compare')} pingone-compare), ` +
    `${n.toasts.length} toasts + ${n.rows}/${n.total} notifications, clipboard (${clipboard.length} chars), ${files.length} workspace files, extension state, ${settings.length} settings`;
  return { leaks, summary, notifications: n };
}

/** `scanForSecrets`, failing on any leak (naming the secret's label and the output) or on notifications it could not read. */
export async function assertNoSecretsAnywhere(secrets: KnownSecret[], what: string): Promise<string> {
  const logDir = (await api()).ctx.extension.logUri.fsPath;
  assert.ok(pingoneLogText(logDir) !== undefined, `no PingOne log file in ${logDir}`);
  const { leaks, summary, notifications: n } = await scanForSecrets(secrets);
  assert.deepStrictEqual(
    leaks.map((l) => `${l.label} in ${l.where}`),
    [],
    `${what}: a secret reached an output`,
  );
  console.log(
    `       ${what}: ${secrets.length} secret values (${[...new Set(secrets.map((x) => x.label))].join(', ')}) in none of ${summary}`,
  );
  assert.strictEqual(
    n.rows,
    n.total,
    `${what}: only ${n.rows} of ${n.total} notifications could be read: ${n.center
      .replace(/<style[\s\S]*?<\/style>/g, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .slice(0, 3000)}`,
  );
  return summary;
}

/** The dialog now showing, with its primary (focused) button: VS Code styles the others as secondary. */
export async function dialogWithPrimary(message: string): Promise<string> {
  await driver.waitForText(message, { selector: '.monaco-dialog-box' });
  const html = String((await driver.drive({ action: 'html', selector: '.monaco-dialog-box .dialog-buttons' })).html);
  const buttons = html
    .split(/(?=<[a-z]+[^>]*class="[^"]*\bmonaco-button\b)/)
    .filter((part) => /^<[a-z]+[^>]*class="[^"]*\bmonaco-button\b/.test(part))
    .map((part) => ({
      secondary: /\bsecondary\b/.test(/class="([^"]*)"/.exec(part)![1]),
      label: part
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    }));
  const primary = buttons.filter((b) => !b.secondary);
  assert.strictEqual(primary.length, 1, `one primary button: ${JSON.stringify(buttons)}`);
  return primary[0].label;
}
