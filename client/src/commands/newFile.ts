/** "PingOne: New Phone Delivery Settings File": the provider templates in a quick pick. */
import * as vscode from 'vscode';
import { toSnippet } from '../../../server/src/model/snippet';
import { TEMPLATES } from '../../../server/src/model/templates';
import { suggestedFileName } from '../../../server/src/workflow/documentNames';
import { LANGUAGE_ID } from '../recognize';
import { pickOne } from '../quickPick';

/**
 * An empty untitled document whose Save As suggests `<name>.phone-delivery.json` (in the first
 * workspace folder, when there is one) instead of "Untitled-1".
 */
export async function namedUntitledDocument(name: string, fallback?: string): Promise<vscode.TextDocument> {
  const taken = new Set(vscode.workspace.textDocuments.map((d) => d.uri.path.split('/').pop() ?? ''));
  const file = suggestedFileName(name, taken, fallback);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const uri = folder ? vscode.Uri.joinPath(folder, file).with({ scheme: 'untitled' }) : vscode.Uri.from({ scheme: 'untitled', path: file });
  const doc = await vscode.workspace.openTextDocument(uri);
  // The file name pattern gives it the language mode; a changed `pingone.files.patterns` may not.
  return doc.languageId === LANGUAGE_ID ? doc : vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID);
}

export async function newPhoneDeliveryFile(): Promise<vscode.TextEditor | undefined> {
  const pick = await pickOne(
    TEMPLATES.map((t) => ({ label: t.label, description: t.prefix, detail: t.description, template: t })),
    { title: 'New phone delivery settings file', placeholder: 'Choose a provider template' },
  );
  if (!pick) return undefined;
  const doc = await namedUntitledDocument(pick.template.prefix.replace(/^pingone-/, ''));
  const editor = await vscode.window.showTextDocument(doc);
  await editor.insertSnippet(new vscode.SnippetString(toSnippet(pick.template.body)));
  return editor;
}
