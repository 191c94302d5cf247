/** Pull (and opening any live resource as a document), Delete and Copy as cURL. */
import * as vscode from 'vscode';
import { safePulledDocument } from '../../../server/src/workflow/pull';
import { bindingWithoutList } from '../../../server/src/workflow/binding';
import { boundResource, bindingInput } from './boundResource';
import { curlCommand } from '../../../server/src/workflow/curl';
import { STRIPPED_FIELDS } from '../../../server/src/workflow/prepare';
import type { PingOneDeps } from './pingoneDeps';
import { activeSettingsDocument, refuseBrokenJson, refuseUntrusted } from './send';
import { errorText } from '../../../server/src/pingone/errors';
import type { PingOneClient } from '../../../server/src/pingone/api';
import type { PhoneDeliverySettings } from '../../../server/src/pingone/types';
import type { ResolvedEnvironment } from '../../../server/src/workflow/environments';
import { config } from '../config';
import { deleteWithReferences } from './deleteFlow';
import { timeAgo } from '../../../server/src/workflow/relativeTime';
import { pickOne } from '../quickPick';
import { namedUntitledDocument } from './newFile';
import { promptSecretVariable } from './secretPrompts';

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
  return openPulled(deps, env, client, pick.r);
}

/**
 * A live resource as a new untitled document bound to it (the Pull path, also the explorer's "Open
 * as Document"): `{{placeholders}}` for the secrets PingOne never returns, echoed credentials
 * placeholders or redacted, and an offer to set the secret variables.
 */
export async function openPulled(
  deps: PingOneDeps,
  env: ResolvedEnvironment,
  client: PingOneClient,
  resource: PhoneDeliverySettings,
): Promise<vscode.TextDocument> {
  // PingOne echoes the gateway credentials it stores: a value equal to one of this environment's secret
  // variables becomes its {{placeholder}}, any other known secret is redacted (the CLI's pull path), the
  // client's own secret and tokens included: no secret this client knows is written into the new document.
  const known = await deps.session.knownSecrets(env);
  const pulled = safePulledDocument(resource, env.environmentId, { ...known, values: [...known.values, ...client.knownSecrets()] });
  const label = String(resource.name ?? resource.sid ?? resource.id);
  // Save As suggests `<name>.phone-delivery.json`, not "Untitled-1".
  const doc = await namedUntitledDocument(label, resource.provider);
  const edit = new vscode.WorkspaceEdit();
  edit.insert(doc.uri, new vscode.Position(0, 0), pulled.text);
  await vscode.workspace.applyEdit(edit);
  await vscode.window.showTextDocument(doc);
  await deps.bindings.set(doc.uri.toString(), env.targetKey, { id: resource.id, updatedAt: resource.updatedAt });
  const active = config.activeEnvironment() === env.name;
  // Send goes to the active environment: a document opened from another one says so.
  const where = active
    ? ''
    : ` It is bound to "${env.name}"; Send uses the active environment, so select "${env.name}" first to send it back.`;
  // Only the variables with no value in secret storage yet: asking for a stored one again is noise.
  const unset: string[] = [];
  for (const n of pulled.secretVariables) if (!(await deps.session.secretVariable(env, n))) unset.push(n);
  if (unset.length) {
    const list = unset.map((n) => `{{${n}}}`).join(', ');
    const act = await vscode.window.showInformationMessage(
      `Pulled "${label}"${active ? '' : ` from "${env.name}"`}. PingOne never returns secrets: set ${list} before sending it back.${where}`,
      'Set Secret Variable',
    );
    if (act && active) await vscode.commands.executeCommand('pingone.setSecretVariable', unset[0]);
    else if (act) await askSecretVariables(deps, env, unset);
  } else {
    void vscode.window.showInformationMessage(
      pulled.secretVariables.length
        ? `Pulled "${label}"${active ? '' : ` from "${env.name}"`}. Its secrets (${pulled.secretVariables.map((n) => `{{${n}}}`).join(', ')}) are already in secret storage for "${env.name}".${where}`
        : `Pulled "${label}" from "${env.name}".${where}`,
    );
  }
  return doc;
}

/** Password boxes for `names` in `env` (not the active environment: the palette's command asks for that one). */
async function askSecretVariables(deps: PingOneDeps, env: ResolvedEnvironment, names: string[]): Promise<void> {
  for (const name of names) if (!(await promptSecretVariable(deps.session, env, name))) return;
}

export async function deleteCommand(deps: PingOneDeps): Promise<boolean> {
  if (refuseUntrusted()) return false;
  const doc = activeSettingsDocument();
  if (!doc) return false;
  const found = await boundResource(deps, doc);
  if (!found) return false;
  const { env, client, live } = found;
  const r = await deleteWithReferences(deps, env, client, live);
  if (r.kind !== 'deleted') return false;
  await deps.bindings.delete(doc.uri.toString(), env.targetKey);
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
