/**
 * Deleting a provider without breaking a reference: the usage (notification settings' fallback
 * chain, notification policies) is checked first; a referenced provider is only deleted when the
 * caller chose to take it out of each place first (`removeReferences`), and then each PUT is a
 * reported step, the DELETE last. Nothing is deleted when a step fails.
 */
import type { PingOneClient } from '../pingone/api';
import { errorText, type PingOneError } from '../pingone/errors';
import type { CallOptions } from '../pingone/types';
import {
  applyReferenceEdits,
  describeEdit,
  describeReference,
  readUsage,
  referenceEdits,
  referencesTo,
  type EditStep,
  type EnvironmentUsage,
  type ProviderReference,
} from './usage';

export interface DeleteProviderRequest {
  client: PingOneClient;
  id: string;
  /** Take the id out of every chain and policy (PUTs) before the DELETE. */
  removeReferences: boolean;
  /** The environment's usage if the caller has it cached (else two requests read it). */
  usage?: EnvironmentUsage;
  options?: CallOptions;
}

export type DeleteProviderOutcome =
  /** Referenced and `removeReferences` not chosen: nothing was changed. */
  | { kind: 'refused'; references: ProviderReference[]; usage: EnvironmentUsage }
  /** The usage could not be read, so the delete was not attempted. */
  | { kind: 'usage-unreadable'; message: string }
  /** A reference could not be removed: the provider was not deleted; `steps` says which were. */
  | { kind: 'references-not-removed'; steps: EditStep[]; usage: EnvironmentUsage; message: string }
  /** The DELETE failed (`maybeDeleted`: an attempt got no answer). The references listed in `steps` were removed. */
  | { kind: 'delete-failed'; steps: EditStep[]; usage: EnvironmentUsage; maybeDeleted: boolean; message: string; error?: PingOneError }
  | { kind: 'deleted'; alreadyDeleted: boolean; steps: EditStep[]; usage: EnvironmentUsage };

/** The usage, from the cache or read (two requests). */
export async function usageOf(
  client: PingOneClient,
  cached: EnvironmentUsage | undefined,
  options: CallOptions = {},
): Promise<{ usage: EnvironmentUsage } | { message: string }> {
  if (cached) return { usage: cached };
  const r = await readUsage(client, options);
  if (r.kind === 'ok') return { usage: r.value };
  return { message: errorText(r) };
}

export async function deleteProvider(req: DeleteProviderRequest): Promise<DeleteProviderOutcome> {
  const { client, id } = req;
  const options = req.options ?? {};
  const read = await usageOf(client, req.usage, options);
  if ('message' in read)
    return { kind: 'usage-unreadable', message: `Could not check where ${id} is used, so it was not deleted: ${read.message}` };
  let usage = read.usage;
  const references = referencesTo(usage, id);
  if (references.length && !req.removeReferences) return { kind: 'refused', references, usage };

  const report = await applyReferenceEdits(client, usage, referenceEdits(usage, id), options);
  usage = report.usage;
  if (!report.ok) {
    const failed = report.steps.find((s) => s.outcome === 'failed')!;
    const done = report.steps.filter((s) => s.outcome === 'done').map((s) => describeEdit(s.edit));
    const left = referencesTo(usage, id).map(describeReference);
    return {
      kind: 'references-not-removed',
      steps: report.steps,
      usage,
      message:
        `${id} was not deleted: removing it from ${describeEdit(failed.edit)} failed: ${failed.message}` +
        (failed.maybeApplied ? ' (that change may or may not have been applied)' : '') +
        `. ${done.length ? `Already removed from: ${done.join('; ')}. ` : ''}Still referenced at: ${left.join('; ') || 'nowhere (check again)'}.`,
    };
  }
  const r = await client.delete(id, options);
  if (r.kind !== 'ok') {
    const maybeDeleted = r.kind === 'unknown-outcome' || r.error.maybeProcessed === true;
    return r.kind === 'error'
      ? { kind: 'delete-failed', steps: report.steps, usage, maybeDeleted, message: r.error.message, error: r.error }
      : { kind: 'delete-failed', steps: report.steps, usage, maybeDeleted, message: r.message };
  }
  return { kind: 'deleted', alreadyDeleted: r.value.alreadyDeleted, steps: report.steps, usage };
}
