/**
 * Deleting a provider from an environment, for "PingOne: Delete from PingOne" and the explorer's
 * Delete: where it is used is read first (the notification settings' fallback chain, every
 * notification policy); a referenced provider is deleted only after the person chose to take it
 * out of each place first, each place one reported PUT, the DELETE last (workflow `deleteProvider`).
 */
import * as vscode from 'vscode';
import type { PingOneClient } from '../../../server/src/pingone/api';
import { redactString } from '../../../server/src/pingone/redact';
import type { PhoneDeliverySettings } from '../../../server/src/pingone/types';
import { deleteProvider, usageOf, type DeleteProviderOutcome } from '../../../server/src/workflow/delete';
import type { ResolvedEnvironment } from '../../../server/src/workflow/environments';
import { providerName } from '../../../server/src/workflow/explorer';
import { describeEdit, describeReference, referencesTo } from '../../../server/src/workflow/usage';
import { confirmDestructive, confirmProductionChange } from './dialogs';
import type { PingOneDeps } from './pingoneDeps';
import { secretValuesFor } from './secretValues';

export const REMOVE_AND_DELETE = 'Remove References and Delete';

export type DeleteFlowOutcome = DeleteProviderOutcome | { kind: 'cancelled' };

export async function deleteWithReferences(
  deps: PingOneDeps,
  env: ResolvedEnvironment,
  client: PingOneClient,
  resource: PhoneDeliverySettings,
): Promise<DeleteFlowOutcome> {
  const secretValues = await secretValuesFor(deps.session, env, client);
  const redact = (s: string): string => redactString(s, secretValues);
  const options = { secretValues };
  const what = redact(`${resource.provider} "${providerName(resource)}"`);
  const read = await usageOf(client, undefined, options);
  if ('message' in read) {
    const message = redact(`${what} was not deleted: where it is used in "${env.name}" could not be read: ${read.message}`);
    void vscode.window.showErrorMessage(message);
    return { kind: 'usage-unreadable', message };
  }
  const references = referencesTo(read.usage, resource.id);
  const production = env.production ? '\nThis is a PRODUCTION environment.' : '';
  const confirmed = references.length
    ? await confirmDestructive(
        `${what} is used in "${env.name}". Remove it from ${references.length === 1 ? 'that place' : `those ${references.length} places`}, then delete it?`,
        redact(
          `${resource.id}${production}\n\nUsed at:\n${references.map((r) => `• ${describeReference(r)}`).join('\n')}\n\n` +
            'Deleted while these still name it, PingOne would be left with references to a provider that no longer exists. ' +
            'Each place is changed with its own request, and the provider is deleted only when every one succeeded.',
        ),
        REMOVE_AND_DELETE,
      )
    : await confirmDestructive(
        `Delete ${what} from "${env.name}"?`,
        `${resource.id}${production}\n\nIt is not in the SMS/voice fallback chain or any notification policy.`,
        'Delete',
      );
  if (!confirmed || !(await confirmProductionChange(env, 'Delete a provider from', 'Delete'))) return { kind: 'cancelled' };

  const r = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Deleting ${what} from "${env.name}"…` },
    () => deleteProvider({ client, id: resource.id, removeReferences: references.length > 0, usage: read.usage, options }),
  );
  const steps = r.kind === 'refused' || r.kind === 'usage-unreadable' ? [] : r.steps;
  for (const s of steps)
    deps.ctx.log.info(
      redact(
        `delete ${resource.id} in "${env.name}": remove from ${describeEdit(s.edit)}: ${s.outcome}${s.message ? ` (${s.message})` : ''}`,
      ),
    );
  if (r.kind === 'deleted' || r.kind === 'delete-failed') {
    // The response view follows every DELETE, so that it never shows an older answer than this one (issue 14).
    const deleted = { id: resource.id, provider: resource.provider, name: resource.name };
    await deps.responses.show(
      r.kind === 'deleted'
        ? {
            method: 'DELETE',
            status: r.alreadyDeleted ? 404 : 204,
            envName: env.name,
            body: r.alreadyDeleted ? { alreadyDeleted: deleted } : { deleted },
          }
        : { method: 'DELETE', status: r.error?.status ?? 'no answer', envName: env.name, body: r.error?.envelope ?? { error: r.message } },
      secretValues,
    );
  }
  const removed = steps.filter((s) => s.outcome === 'done').map((s) => describeEdit(s.edit));
  const removedText = removed.length ? ` It was removed from: ${removed.join('; ')}.` : '';
  switch (r.kind) {
    case 'deleted':
      for (const key of deps.bindings.boundDocuments(env.targetKey, resource.id)) await deps.bindings.delete(key, env.targetKey);
      void vscode.window.showInformationMessage(
        redact(
          r.alreadyDeleted
            ? `${what} was already deleted from "${env.name}".${removedText}`
            : `Deleted ${what} from "${env.name}".${removed.length ? ` First it was removed from: ${removed.join('; ')}.` : ''}`,
        ),
      );
      break;
    case 'delete-failed':
      void vscode.window.showErrorMessage(
        redact(
          r.maybeDeleted
            ? `${what} may or may not have been deleted from "${env.name}": ${r.message} Refresh to find out.${removedText}`
            : `${what} was not deleted from "${env.name}": ${r.message}${removedText}`,
        ),
      );
      break;
    case 'references-not-removed':
    case 'usage-unreadable':
      void vscode.window.showErrorMessage(redact(r.message));
      break;
    case 'refused':
      void vscode.window.showErrorMessage(
        redact(`${what} was not deleted: it is still referenced at ${r.references.map(describeReference).join('; ')}.`),
      );
  }
  return r;
}
