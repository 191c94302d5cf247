/** Pull, Delete and Copy as cURL. */
import * as vscode from 'vscode';
import { parse } from 'jsonc-parser';
import type { PhoneDeliverySettings } from '../pingone/types';
import { pulledDocument } from '../workflow/pull';
import { bindingFromList, bindingWithoutList } from '../workflow/binding';
import { curlCommand } from '../workflow/curl';
import { STRIPPED_FIELDS } from '../workflow/prepare';
import { LANGUAGE_ID } from '../recognize';
import type { PingOneDeps } from './pingoneDeps';
import { activeSettingsDocument, refuseUntrusted } from './send';

function errorText(r: { kind: 'error'; error: { message: string } } | { kind: 'unknown-outcome'; message: string }): string {
  return r.kind === 'error' ? r.error.message : r.message;
}

export async function pullCommand(deps: PingOneDeps): Promise<vscode.TextDocument | undefined> {
  if (refuseUntrusted()) return undefined;
  const choice = await deps.session.activeEnvironment();
  if (!choice || !(await deps.session.ensureApproved(choice))) return undefined;
  const env = choice.env;
  const client = await deps.session.client(env);
  if (!client) return undefined;
  const list = await client.list();
  if (list.kind !== 'ok') {
    void vscode.window.showErrorMessage(`Could not list the phone delivery settings of "${env.name}": ${errorText(list)}`);
    return undefined;
  }
  if (!list.value.length) {
    void vscode.window.showInformationMessage(`"${env.name}" has no phone delivery settings yet.`);
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    list.value.map((r) => ({ label: String(r.name ?? r.sid ?? r.id), description: r.provider, detail: `${r.id} · updated ${r.updatedAt ?? '?'}`, r })),
    { title: `Pull from PingOne (${env.name})`, placeHolder: 'Which phone delivery settings?' },
  );
  if (!pick) return undefined;
  const pulled = pulledDocument(pick.r, env.environmentId);
  const doc = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content: pulled.text });
  await vscode.window.showTextDocument(doc);
  await deps.bindings.set(doc.uri.toString(), env.targetKey, { id: pick.r.id, updatedAt: pick.r.updatedAt });
  if (pulled.secretVariables.length) {
    const list = pulled.secretVariables.map((n) => `{{${n}}}`).join(', ');
    const act = await vscode.window.showInformationMessage(`Pulled "${pick.label}". PingOne never returns secrets: set ${list} before sending it back.`, 'Set Secret Variable');
    if (act) await vscode.commands.executeCommand('pingone.setSecretVariable', pulled.secretVariables[0]);
  }
  return doc;
}

/** The resource the active document is bound to in the active environment, read live. */
async function boundResource(deps: PingOneDeps, doc: vscode.TextDocument) {
  const choice = await deps.session.activeEnvironment();
  if (!choice || !(await deps.session.ensureApproved(choice))) return undefined;
  const env = choice.env;
  const client = await deps.session.client(env);
  if (!client) return undefined;
  const body = (parse(doc.getText(), [], { allowTrailingComma: true }) ?? {}) as Record<string, unknown>;
  let binding = bindingWithoutList(deps.bindings, {
    documentKey: doc.uri.toString(),
    targetKey: env.targetKey,
    environmentId: env.environmentId,
    body,
    documentId: typeof body.id === 'string' ? body.id : undefined,
    documentEnvironmentId: (body.environment as { id?: string } | undefined)?.id,
  });
  if (!binding) {
    const list = await client.list();
    if (list.kind !== 'ok') {
      void vscode.window.showErrorMessage(`Could not list the providers of "${env.name}": ${errorText(list)}`);
      return undefined;
    }
    binding = bindingFromList(list.value, body);
  }
  if (binding.kind !== 'bound') {
    void vscode.window.showInformationMessage(binding.kind === 'ambiguous' ? `Several providers in "${env.name}" match this document.` : `No provider in "${env.name}" is bound to this document.`);
    return undefined;
  }
  const live = await client.read(binding.id);
  if (live.kind !== 'ok') {
    if (live.kind === 'error' && live.error.status === 404) {
      await deps.bindings.delete(doc.uri.toString(), env.targetKey);
      void vscode.window.showInformationMessage(`${binding.id} no longer exists in "${env.name}".`);
    } else void vscode.window.showErrorMessage(`Could not read ${binding.id} in "${env.name}": ${errorText(live)}`);
    return undefined;
  }
  return { env, client, live: live.value as PhoneDeliverySettings };
}

export async function deleteCommand(deps: PingOneDeps): Promise<boolean> {
  if (refuseUntrusted()) return false;
  const doc = activeSettingsDocument();
  if (!doc) return false;
  const found = await boundResource(deps, doc);
  if (!found) return false;
  const { env, client, live } = found;
  const settings = await client.getNotificationSettings();
  const inChain = settings.kind === 'ok' && (settings.value.smsProvidersFallbackChain ?? []).includes(live.id);
  const answer = await vscode.window.showWarningMessage(
    `Delete ${live.provider} "${String(live.name ?? live.id)}" from "${env.name}"?`,
    {
      modal: true,
      detail: `${live.id}${env.production ? '\nThis is a PRODUCTION environment.' : ''}${inChain ? '\n\nWARNING: it is in the SMS/voice fallback chain of the notification settings: SMS and voice messages may stop until the chain is changed.' : ''}`,
    },
    'Delete',
  );
  if (answer !== 'Delete') return false;
  const r = await client.delete(live.id);
  if (r.kind !== 'ok') {
    void vscode.window.showErrorMessage(`Not deleted: ${errorText(r)}`);
    return false;
  }
  await deps.bindings.delete(doc.uri.toString(), env.targetKey);
  void vscode.window.showInformationMessage(r.value.alreadyDeleted ? `"${String(live.name ?? live.id)}" was already deleted.` : `Deleted "${String(live.name ?? live.id)}" from "${env.name}".`);
  return true;
}

export async function copyAsCurlCommand(deps: PingOneDeps): Promise<string | undefined> {
  const doc = activeSettingsDocument();
  if (!doc) return undefined;
  const choice = await deps.session.activeEnvironment();
  if (!choice) return undefined;
  const env = choice.env;
  const value = (parse(doc.getText(), [], { allowTrailingComma: true }) ?? {}) as Record<string, unknown>;
  const binding = bindingWithoutList(deps.bindings, {
    documentKey: doc.uri.toString(),
    targetKey: env.targetKey,
    environmentId: env.environmentId,
    body: value,
    documentId: typeof value.id === 'string' ? value.id : undefined,
    documentEnvironmentId: (value.environment as { id?: string } | undefined)?.id,
  });
  const body = Object.fromEntries(Object.entries(value).filter(([k]) => !STRIPPED_FIELDS.includes(k)));
  // Secrets stay {{placeholders}}: the command is for a clipboard, which is not secret storage.
  const text = curlCommand(env, body, binding?.kind === 'bound' ? binding.id : undefined);
  await vscode.env.clipboard.writeText(text);
  void vscode.window.showInformationMessage(`Copied the ${binding?.kind === 'bound' ? 'PUT' : 'POST'} request as cURL; {{placeholders}} and {{accessToken}} are left for you to fill in.`);
  return text;
}
