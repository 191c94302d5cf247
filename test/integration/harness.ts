/**
 * What the integration tests share: the test registry (see index.ts for the runner), the workbench
 * driver, the extension's API, the fixture workspace, and waiting on events (never fixed sleeps).
 */
import * as assert from 'assert';
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
  return waitFor(`${uri.path} in language mode ${language} (now ${documentFor(uri)?.languageId})`, () => {
    const d = documentFor(uri);
    return d && d.languageId === language ? d : undefined;
  }, { timeoutMs, events: [vscode.workspace.onDidOpenTextDocument] });
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
    const timer = setTimeout(() => finish(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'function' ? what() : what}`))), timeoutMs);
    for (const ev of opts.events ?? []) subs.push(ev(tryNow));
    tryNow();
  });
}

export function describeDiagnostics(ds: readonly vscode.Diagnostic[]): string {
  return JSON.stringify(ds.map((d) => ({ source: d.source, code: codeOf(d), severity: d.severity, at: `${d.range.start.line}:${d.range.start.character}`, message: d.message })));
}

export function codeOf(d: vscode.Diagnostic): string | number | undefined {
  return typeof d.code === 'object' ? d.code.value : d.code;
}

/** Waits until the diagnostics of `uri` satisfy `ok` (re-checked on every diagnostics change). */
export function waitForDiagnostics(uri: vscode.Uri, what: string, ok: (ds: vscode.Diagnostic[]) => boolean, timeoutMs = 20_000): Promise<vscode.Diagnostic[]> {
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

/** Reverts the active editor when it is dirty and closes every editor, so the next test starts clean. */
export async function closeAllEditors(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments) {
    if (!doc.isDirty || doc.uri.scheme !== 'file' && doc.uri.scheme !== 'vscode-remote') continue;
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
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${html.replace(/<style[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(0, 500)}`);
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
    const text = (sel: string) => [...html.matchAll(new RegExp(`class="[^"]*${sel}[^"]*"[^>]*>([\\s\\S]*?)</`, 'g'))].map((m) => m[1].replace(/<[^>]+>/g, '').trim());
    const shown = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
    assert.ok(shown.includes(message), `the newest notification is not "${message}": ${shown}`);
    const buttons = text('monaco-button');
    assert.strictEqual(buttons[0], label, `the newest notification's first button is not "${label}": ${JSON.stringify(buttons)} in ${shown}`);
    // The center focuses its last (oldest) entry: Home moves to the newest, Ctrl+Shift+A presses its first button.
    await driver.pressKey('Home');
    await waitForHtml('.notifications-center .monaco-list-row[data-index="0"]', (h) => /class="[^"]*\bfocused\b/.test(h.slice(0, h.indexOf('>'))), 'the newest notification focused');
    await driver.pressKey('Control+Shift+A');
    await waitForHtml('.notifications-center', (h) => !h.includes(label), `the notification "${message}" answered`);
    return shown;
  } finally {
    await vscode.commands.executeCommand('notifications.hideList');
  }
}
