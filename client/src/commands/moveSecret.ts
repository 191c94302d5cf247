/**
 * "Move the secret into secret storage", the quick fix of a literal secret (`literal-secret`): the
 * value goes into secret storage for the active environment, and only then does the file get the
 * `{{placeholder}}` in its place. Whatever stops it on the way leaves the file as it was, and says so.
 * The value is read from the document here (the language server sends only where it is) and shown
 * nowhere.
 */
import * as vscode from 'vscode';
import { literalSecretValue, secretMoveRequest } from '../../../server/src/workflow/secretMove';
import type { PingOneDeps } from './pingoneDeps';

const UNCHANGED = 'Nothing was stored, and the file is unchanged';

export async function moveLiteralSecret(deps: PingOneDeps, name: unknown, move: unknown): Promise<void> {
  const request = secretMoveRequest(name, move);
  if (!request) throw new Error('The quick fix did not say which literal secret to move.');
  const placeholder = `{{${request.name}}}`;
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showErrorMessage(`${UNCHANGED}: secret storage is not used in an untrusted workspace.`);
    return;
  }
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === request.uri);
  const { start, end } = request.range;
  const range = new vscode.Range(start.line, start.character, end.line, end.character);
  const current = (): string | undefined =>
    doc && doc.version === request.version ? literalSecretValue(doc.getText(range), request.literal) : undefined;
  const changed = `${UNCHANGED}: the file changed since the quick fix was offered. Run it again.`;
  const value = current();
  if (!doc || value === undefined) {
    void vscode.window.showWarningMessage(changed);
    return;
  }
  const choice = await deps.session.activeEnvironment();
  if (!choice || !(await deps.session.ensureApproved(choice))) {
    void vscode.window.showInformationMessage(`${UNCHANGED}: a secret is kept for a PingOne environment, and none was chosen.`);
    return;
  }
  const { env } = choice;
  if (Object.hasOwn(env.variables, request.name)) {
    void vscode.window.showWarningMessage(
      `${UNCHANGED}: ${placeholder} is a plain variable of "${env.name}" in the settings, and a send fills that in. Choose another placeholder name.`,
    );
    return;
  }
  const stored = await deps.session.secretVariable(env, request.name);
  if (stored !== undefined && stored !== value) {
    const replace = await vscode.window.showWarningMessage(
      `${placeholder} already holds another value for "${env.name}". Replace it with the one in the file?`,
      { modal: true, detail: 'The value in secret storage is overwritten; the file then holds the placeholder.' },
      'Replace',
    );
    if (replace !== 'Replace') {
      void vscode.window.showInformationMessage(`${UNCHANGED}.`);
      return;
    }
  }
  // The person may have edited the file while a question was open.
  if (current() !== value) {
    void vscode.window.showWarningMessage(changed);
    return;
  }
  await deps.session.setSecretVariable(env, request.name, value);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, range, request.replacement);
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showWarningMessage(
      `${placeholder} is stored in secret storage for "${env.name}", but the file could not be changed: replace the literal with ${placeholder} yourself.`,
    );
    return;
  }
  void vscode.window.showInformationMessage(
    `${placeholder} is stored in secret storage for "${env.name}", and the file holds ${placeholder} in place of the value. Save the file to keep the change.`,
  );
}
