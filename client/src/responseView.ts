/**
 * PingOne's responses in a read-only JSON editor beside the source: one reused tab that does not
 * take focus, titled with operation, status, environment and time. Secrets are redacted by field
 * and by value before anything reaches it.
 */
import * as vscode from 'vscode';
import { redactJson } from '../../server/src/pingone/redact';

export const RESPONSE_SCHEME = 'pingone-response';

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

  /** Shows `value` (redacted) beside the active editor; returns the document shown. */
  async show(title: string, value: unknown, secretValues: readonly string[]): Promise<vscode.TextDocument> {
    const text = JSON.stringify(redactJson(value ?? null, { secretValues }), null, 2) + '\n';
    const uri = vscode.Uri.from({ scheme: RESPONSE_SCHEME, path: `/${title.replace(/[/\\]/g, '-')}.json` });
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
    await vscode.languages.setTextDocumentLanguage(doc, 'json');
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: true });
    return doc;
  }

  get lastUri(): vscode.Uri | undefined {
    return this.current;
  }
}
