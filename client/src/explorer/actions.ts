/**
 * The explorer's actions on a provider and on an environment: Open as Document, Compare with Bound
 * File, Delete, Set Client Secret, Allow. Each acts on the node's environment (not the active one)
 * and refreshes that environment when it changed something.
 */
import * as vscode from 'vscode';
import type { PingOneClient } from '../../../server/src/pingone/api';
import { errorText } from '../../../server/src/pingone/errors';
import { redactString } from '../../../server/src/pingone/redact';
import type { PhoneDeliverySettings } from '../../../server/src/pingone/types';
import { bindingFromList, bindingWithoutList } from '../../../server/src/workflow/binding';
import type { ResolvedEnvironment } from '../../../server/src/workflow/environments';
import { bindingInput } from '../commands/boundResource';
import { showCompare } from '../commands/compare';
import { deleteWithReferences, type DeleteFlowOutcome } from '../commands/deleteFlow';
import type { PingOneDeps } from '../commands/pingoneDeps';
import { openPulled } from '../commands/resource';
import { promptClientSecret } from '../commands/secretPrompts';
import { secretValuesFor } from '../commands/secretValues';
import { refuseUntrusted } from '../commands/send';
import { LANGUAGE_ID } from '../recognize';
import type { EnvironmentNode, ProviderNode } from './nodes';
import type { PhoneDeliveryExplorer } from './tree';

/** The node's environment, allowed (asked for a workspace entry), and its client; undefined when the person stops. */
export async function connect(
  deps: PingOneDeps,
  node: EnvironmentNode,
): Promise<{ env: ResolvedEnvironment; client: PingOneClient; secretValues: string[] } | undefined> {
  if (refuseUntrusted()) return undefined;
  if (!(await deps.session.ensureApproved(node.choice))) return undefined;
  const env = node.choice.env;
  const client = await deps.session.client(env);
  if (!client) return undefined;
  return { env, client, secretValues: await secretValuesFor(deps.session, env, client) };
}

/** The provider as PingOne has it now (one read); undefined (and said) when it cannot be read. */
async function readLive(
  explorer: PhoneDeliveryExplorer,
  node: ProviderNode,
  env: ResolvedEnvironment,
  client: PingOneClient,
  secretValues: string[],
): Promise<PhoneDeliverySettings | undefined> {
  const live = await client.read(node.provider.id, { secretValues });
  if (live.kind === 'ok') return live.value;
  if (live.kind === 'error' && live.error.status === 404) {
    void vscode.window.showInformationMessage(
      `"${node.provider.label}" no longer exists in "${env.name}". The explorer now shows the environment as it is.`,
    );
    explorer.refreshEnvironment(env.name);
  } else
    void vscode.window.showErrorMessage(
      redactString(`Could not read "${node.provider.label}" in "${env.name}": ${errorText(live)}`, [
        ...secretValues,
        ...client.knownSecrets(),
      ]),
    );
  return undefined;
}

/** The Pull path for this provider: an untitled document bound to it, secrets as `{{placeholders}}`. */
export async function openAsDocument(
  deps: PingOneDeps,
  explorer: PhoneDeliveryExplorer,
  node: ProviderNode,
): Promise<vscode.TextDocument | undefined> {
  const c = await connect(deps, node.parent);
  if (!c) return undefined;
  const live = await readLive(explorer, node, c.env, c.client, c.secretValues);
  return live && openPulled(deps, c.env, c.client, live);
}

/**
 * The documents bound to the provider in its environment: those with a recorded binding (a send or
 * pull) that still exist, and the open documents that a send would bind to it (their own `id`, or
 * provider + name in the explorer's list).
 */
async function boundDocuments(deps: PingOneDeps, explorer: PhoneDeliveryExplorer, node: ProviderNode): Promise<vscode.Uri[]> {
  const env = node.parent.choice.env;
  const id = node.provider.id;
  const state = explorer.stateOf(env.name);
  const list = state?.kind === 'loaded' ? state.list : [];
  const keys = new Set(deps.bindings.boundDocuments(env.targetKey, id));
  for (const doc of vscode.workspace.textDocuments) {
    if (doc.languageId !== LANGUAGE_ID || keys.has(doc.uri.toString())) continue;
    const input = bindingInput(doc, env);
    const binding = bindingWithoutList(deps.bindings, input) ?? bindingFromList(list, input.body);
    if (binding.kind === 'bound' && binding.id === id) keys.add(doc.uri.toString());
  }
  const out: vscode.Uri[] = [];
  for (const key of keys) {
    const uri = vscode.Uri.parse(key);
    const open = vscode.workspace.textDocuments.some((d) => d.uri.toString() === key);
    if (open) out.push(uri);
    else if (uri.scheme !== 'untitled')
      await vscode.workspace.fs.stat(uri).then(
        () => out.push(uri),
        () => undefined, // deleted or moved since it was bound
      );
  }
  return out;
}

export async function compareWithBound(deps: PingOneDeps, explorer: PhoneDeliveryExplorer, node: ProviderNode): Promise<boolean> {
  const env = node.parent.choice.env;
  const label = node.provider.label;
  const uris = await boundDocuments(deps, explorer, node);
  if (!uris.length) {
    const open = await vscode.window.showInformationMessage(
      `No document is bound to "${label}" in "${env.name}" (none was sent or pulled from it, and no open document names its id).`,
      'Open as Document',
    );
    if (open) await openAsDocument(deps, explorer, node);
    return false;
  }
  let uri = uris[0];
  if (uris.length > 1) {
    const pick = await vscode.window.showQuickPick(
      uris.map((u) => ({ label: u.scheme === 'untitled' ? u.path : vscode.workspace.asRelativePath(u), uri: u })),
      { title: `Documents bound to "${label}" in "${env.name}"`, placeHolder: 'Which one to compare?' },
    );
    if (!pick) return false;
    uri = pick.uri;
  }
  const c = await connect(deps, node.parent);
  if (!c) return false;
  const live = await readLive(explorer, node, c.env, c.client, c.secretValues);
  if (!live) return false;
  const doc = await vscode.workspace.openTextDocument(uri);
  await showCompare(deps, doc, c.env, live, [...c.secretValues, ...c.client.knownSecrets()]);
  return true;
}

export async function deleteFromExplorer(
  deps: PingOneDeps,
  explorer: PhoneDeliveryExplorer,
  node: ProviderNode,
): Promise<DeleteFlowOutcome | undefined> {
  const c = await connect(deps, node.parent);
  if (!c) return undefined;
  const r = await deleteWithReferences(deps, c.env, c.client, node.provider.resource);
  if (r.kind !== 'cancelled') {
    explorer.refreshEnvironment(c.env.name);
    void deps.environments.afterWrite(c.env); // the per-file status and the usage hover read it again
  }
  return r;
}

/** The password box of "Set Client Secret", for this node's environment (which need not be the active one). */
export async function setClientSecret(deps: PingOneDeps, explorer: PhoneDeliveryExplorer, node: EnvironmentNode): Promise<void> {
  if (refuseUntrusted() || !(await deps.session.ensureApproved(node.choice))) return;
  if (await promptClientSecret(deps.session, node.choice.env)) explorer.refreshEnvironment(node.choice.env.name);
}

export async function allowEnvironment(deps: PingOneDeps, explorer: PhoneDeliveryExplorer, node: EnvironmentNode): Promise<void> {
  if (refuseUntrusted()) return;
  if (await deps.session.ensureApproved(node.choice)) explorer.refreshEnvironment(node.choice.env.name);
}
