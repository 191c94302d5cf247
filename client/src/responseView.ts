/**
 * The response view: PingOne's latest answer in one read-only JSON editor beside the source, updated
 * on every outcome (a success, a refusal, a delete, no answer at all), so that it never shows an older
 * answer than the last request (issue 14). Its tab says what the answer is: `PUT 400 — dev` (the HTTP
 * method and status, or what happened instead of a status). It does not take the focus. Secrets are
 * redacted by field and by value before anything reaches it.
 */
import * as vscode from 'vscode';
import { redactJson } from '../../server/src/pingone/redact';

export const RESPONSE_SCHEME = 'pingone-response';

/** One answer: what was asked (the method), what came back (a status, or `no response`...), where, and the body shown. */
export interface ResponseEntry {
  method: string;
  status: number | string;
  envName: string;
  body: unknown;
}

/** `PUT 400 — dev`: the tab title (no file extension: the view is not a file). */
export function responseTitle(e: Pick<ResponseEntry, 'method' | 'status' | 'envName'>): string {
  return `${e.method} ${e.status} — ${e.envName}`;
}

export class ResponseView implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();
  private current: vscode.Uri | undefined;
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  register(context: vscode.ExtensionContext): void {
    context.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(RESPONSE_SCHEME, this), this.changed);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  /** Shows `entry` (its body redacted) beside the active editor, in place of the previous answer; returns the document shown. */
  async show(entry: ResponseEntry, secretValues: readonly string[]): Promise<vscode.TextDocument> {
    const text = JSON.stringify(redactJson(entry.body ?? null, { secretValues }), null, 2) + '\n';
    // The title is the path: a tab is named after its document. Slashes would make folders of an environment's name.
    const uri = vscode.Uri.from({ scheme: RESPONSE_SCHEME, path: `/${responseTitle(entry).replace(/[/\\]/g, '-')}` });
    const previous = this.current;
    this.contents.set(uri.toString(), text);
    this.current = uri;
    if (previous && previous.toString() !== uri.toString()) {
      for (const group of vscode.window.tabGroups.all) {
        for (const tab of group.tabs) {
          if (tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === previous.toString())
            await vscode.window.tabGroups.close(tab, true);
        }
      }
      this.contents.delete(previous.toString());
    } else {
      this.changed.fire(uri);
    }
    const doc = await vscode.workspace.openTextDocument(uri);
    if (doc.languageId !== 'json') await vscode.languages.setTextDocumentLanguage(doc, 'json');
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: true });
    return doc;
  }

  get lastUri(): vscode.Uri | undefined {
    return this.current;
  }
}
