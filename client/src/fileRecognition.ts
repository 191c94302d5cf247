/**
 * Switches recognised JSON files to the phone delivery settings language mode: by the file-name
 * patterns setting, by `$schema` or content, or because the person said so (remembered per file).
 * Other JSON files are left alone.
 */
import * as vscode from 'vscode';
import { config } from './config';
import { isRecognisedContent, LANGUAGE_ID, matchesPattern } from './recognize';

const REMEMBERED = 'pingone.treatAsPhoneDelivery';

export class FileRecognition {
  constructor(private readonly context: vscode.ExtensionContext) {}

  start(): void {
    vscode.workspace.textDocuments.forEach((d) => void this.consider(d));
    this.context.subscriptions.push(vscode.workspace.onDidOpenTextDocument((d) => void this.consider(d)));
  }

  private remembered(): string[] {
    return this.context.workspaceState.get<string[]>(REMEMBERED) ?? [];
  }

  shouldSwitch(doc: vscode.TextDocument): boolean {
    if (doc.languageId !== 'json' && doc.languageId !== 'jsonc') return false;
    if (doc.uri.scheme !== 'file' && doc.uri.scheme !== 'untitled' && doc.uri.scheme !== 'vscode-remote') return false;
    if (this.remembered().includes(doc.uri.toString())) return true;
    const path = doc.uri.path;
    if (config.filePatterns().some((p) => matchesPattern(path, p))) return true;
    return config.detectByContent() && isRecognisedContent(doc.getText());
  }

  async consider(doc: vscode.TextDocument): Promise<void> {
    if (this.shouldSwitch(doc)) await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID);
  }

  /** "PingOne: Treat This File as Phone Delivery Settings": switch now and remember the file. */
  async treatAsPhoneDelivery(doc: vscode.TextDocument): Promise<void> {
    const list = this.remembered();
    const key = doc.uri.toString();
    if (!list.includes(key)) await this.context.workspaceState.update(REMEMBERED, [...list, key]);
    await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID);
  }
}
