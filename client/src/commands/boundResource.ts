/** The resource the active document stands for in the active environment: the binding, then the live read. */
import * as vscode from 'vscode';
import { parse } from 'jsonc-parser';
import type { PingOneClient } from '../../../server/src/pingone/api';
import { errorText } from '../../../server/src/pingone/errors';
import type { PhoneDeliverySettings } from '../../../server/src/pingone/types';
import { bindingFromList, bindingWithoutList, documentBinding, type BindingInput } from '../../../server/src/workflow/binding';
import { isObject } from '../../../server/src/model/json';
import type { ResolvedEnvironment } from '../../../server/src/workflow/environments';
import type { PingOneDeps } from './pingoneDeps';

/** What binding needs from a document: its key, its body, and its own `id` / `environment.id`. */
export function bindingInput(doc: vscode.TextDocument, env: ResolvedEnvironment): BindingInput {
  const parsed: unknown = parse(doc.getText(), [], { allowTrailingComma: true });
  const body = isObject(parsed) ? parsed : {};
  return {
    documentKey: doc.uri.toString(),
    targetKey: env.targetKey,
    environmentId: env.environmentId,
    body,
    ...documentBinding(body),
  };
}

/** The resource the active document is bound to in the active environment, read live. */
export async function boundResource(
  deps: PingOneDeps,
  doc: vscode.TextDocument,
): Promise<{ env: ResolvedEnvironment; client: PingOneClient; live: PhoneDeliverySettings } | undefined> {
  const choice = await deps.session.activeEnvironment();
  if (!choice || !(await deps.session.ensureApproved(choice))) return undefined;
  const env = choice.env;
  const client = await deps.session.client(env);
  if (!client) return undefined;
  const input = bindingInput(doc, env);
  let binding = bindingWithoutList(deps.bindings, input);
  if (!binding) {
    const list = await client.list();
    if (list.kind !== 'ok') {
      void vscode.window.showErrorMessage(`Could not list the providers of "${env.name}": ${errorText(list)}`);
      return undefined;
    }
    binding = bindingFromList(list.value, input.body);
  }
  if (binding.kind !== 'bound') {
    void vscode.window.showInformationMessage(
      binding.kind === 'ambiguous'
        ? `Several providers in "${env.name}" match this document; send it once to bind it.`
        : `No provider in "${env.name}" is bound to this document yet.`,
    );
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
