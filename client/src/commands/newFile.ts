/** "PingOne: New Phone Delivery Settings File": the provider templates in a quick pick. */
import * as vscode from 'vscode';
import { toSnippet } from '../../../server/src/model/snippet';
import { TEMPLATES } from '../../../server/src/model/templates';
import { LANGUAGE_ID } from '../recognize';

export async function newPhoneDeliveryFile(): Promise<vscode.TextEditor | undefined> {
  const pick = await vscode.window.showQuickPick(
    TEMPLATES.map((t) => ({ label: t.label, description: t.prefix, detail: t.description, template: t })),
    { title: 'New phone delivery settings file', placeHolder: 'Choose a provider template' },
  );
  if (!pick) return undefined;
  const doc = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content: '' });
  const editor = await vscode.window.showTextDocument(doc);
  await editor.insertSnippet(new vscode.SnippetString(toSnippet(pick.template.body)));
  return editor;
}
