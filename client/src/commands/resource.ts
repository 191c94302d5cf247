/** Pull, Delete and Copy as cURL. */
import * as vscode from 'vscode';
import { safePulledDocument } from '../../../server/src/workflow/pull';
import { bindingWithoutList } from '../../../server/src/workflow/binding';
import { boundResource, bindingInput } from './boundResource';
import { curlCommand } from '../../../server/src/workflow/curl';
import { STRIPPED_FIELDS } from '../../../server/src/workflow/prepare';
import type { PingOneDeps } from './pingoneDeps';
import { activeSettingsDocument, refuseBrokenJson, refuseUntrusted } from './send';
import { errorText } from '../../../server/src/pingone/errors';
import { timeAgo } from '../../../server/src/workflow/relativeTime';
import { pickOne } from '../quickPick';
import { namedUntitledDocument } from './newFile';

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
  const pick = await pickOne(
    list.value.map((r) => ({
      label: String(r.name ?? r.sid ?? r.id),
      description: r.provider,
      detail: `updated ${timeAgo(r.updatedAt)}${r.updatedAt ? ` (${new Date(r.updatedAt).toLocaleString()})` : ''} · ${r.id}`,
      r,
    })),
    { title: `Pull from PingOne (${env.name})`, placeholder: 'Which phone delivery settings?' },
  );
  if (!pick) return undefined;
  // PingOne echoes the gateway credentials it stores: a value equal to one of this environment's secret
  // variables becomes its {{placeholder}}, any other known secret is redacted (the CLI's pull path), the
  // client's own secret and tokens included: no secret this client knows is written into the new document.
  const known = await deps.session.knownSecrets(env);
  const pulled = safePulledDocument(pick.r, env.environmentId, { ...known, values: [...known.values, ...client.knownSecrets()] });
  // Save As suggests `<name>.phone-delivery.json`, not "Untitled-1".
  const doc = await namedUntitledDocument(pick.label, pick.r.provider);
  const edit = new vscode.WorkspaceEdit();
  edit.insert(doc.uri, new vscode.Position(0, 0), pulled.text);
  await vscode.workspace.applyEdit(edit);
  await vscode.window.showTextDocument(doc);
  await deps.bindings.set(doc.uri.toString(), env.targetKey, { id: pick.r.id, updatedAt: pick.r.updatedAt });
  // Only the variables with no value in secret storage yet: asking for a stored one again is noise.
  const unset: string[] = [];
  for (const n of pulled.secretVariables) if (!(await deps.session.secretVariable(env, n))) unset.push(n);
  if (unset.length) {
    const list = unset.map((n) => `{{${n}}}`).join(', ');
    const act = await vscode.window.showInformationMessage(
      `Pulled "${pick.label}". PingOne never returns secrets: set ${list} before sending it back.`,
      'Set Secret Variable',
    );
    if (act) await vscode.commands.executeCommand('pingone.setSecretVariable', unset[0]);
  } else {
    void vscode.window.showInformationMessage(
      pulled.secretVariables.length
        ? `Pulled "${pick.label}". Its secrets (${pulled.secretVariables.map((n) => `{{${n}}}`).join(', ')}) are already in secret storage for "${env.name}".`
        : `Pulled "${pick.label}" from "${env.name}".`,
    );
  }
  return doc;
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
    // The first button is the default (Enter): the safe one. The API cannot make its own Cancel the default.
    'Keep',
    'Delete',
  );
  if (answer !== 'Delete') return false;
  const r = await client.delete(live.id);
  // The response view follows every request, so that it never shows the answer before this one.
  const deleted = { id: live.id, provider: live.provider, name: live.name };
  await deps.responses.show(
    r.kind === 'ok'
      ? { method: 'DELETE', status: r.status, envName: env.name, body: r.value.alreadyDeleted ? { alreadyDeleted: deleted } : { deleted } }
      : r.kind === 'error'
        ? {
            method: 'DELETE',
            status: r.error.status ?? 'no answer',
            envName: env.name,
            body: r.error.envelope ?? { error: r.error.message },
          }
        : { method: 'DELETE', status: 'no answer', envName: env.name, body: { error: r.message } },
    client.knownSecrets(),
  );
  if (r.kind !== 'ok') {
    void vscode.window.showErrorMessage(`Not deleted: ${errorText(r)}`);
    return false;
  }
  await deps.bindings.delete(doc.uri.toString(), env.targetKey);
  void vscode.window.showInformationMessage(
    r.value.alreadyDeleted
      ? `"${String(live.name ?? live.id)}" was already deleted.`
      : `Deleted "${String(live.name ?? live.id)}" from "${env.name}".`,
  );
  return true;
}

export async function copyAsCurlCommand(deps: PingOneDeps): Promise<string | undefined> {
  const doc = activeSettingsDocument();
  if (!doc || refuseBrokenJson(doc, 'Nothing was copied')) return undefined;
  const choice = await deps.session.activeEnvironment();
  if (!choice) return undefined;
  const env = choice.env;
  const input = bindingInput(doc, env);
  const binding = bindingWithoutList(deps.bindings, input);
  const body = Object.fromEntries(Object.entries(input.body).filter(([k]) => !STRIPPED_FIELDS.includes(k)));
  // Secrets stay {{placeholders}}: the command is for a clipboard, which is not secret storage.
  const text = curlCommand(env, body, binding?.kind === 'bound' ? binding.id : undefined);
  await vscode.env.clipboard.writeText(text);
  void vscode.window.showInformationMessage(
    `Copied the ${binding?.kind === 'bound' ? 'PUT' : 'POST'} request as cURL; {{placeholders}} and {{accessToken}} are left for you to fill in.`,
  );
  return text;
}
