/**
 * Replacing a provider whose immutable fields change (`provider`, a Twilio `sid`): create the new one
 * from the document, rewire every reference (the fallback chain, each notification policy) from the
 * old id to the new one, then delete the old one. Each step is reported; when one fails the rest are
 * not run, and the outcome says exactly what exists and what references what, and how to finish
 * (`resumeWith`: run again with the new provider's id, which skips the create).
 */
import type { PingOneClient } from '../pingone/api';
import { errorText } from '../pingone/errors';
import type { CallOptions, PhoneDeliverySettings } from '../pingone/types';
import { usageOf } from './delete';
import {
  applyReferenceEdits,
  describeEdit,
  describeReference,
  referenceEdits,
  referencesTo,
  type EnvironmentUsage,
  type ProviderReference,
} from './usage';

export interface ReplaceRequest {
  client: PingOneClient;
  /** The provider being replaced. */
  oldId: string;
  /** The body of the new provider (prepared: placeholders filled, binding fields stripped). */
  body: Record<string, unknown>;
  /** Resume an earlier replace: this provider already exists, so no create. */
  newId?: string;
  usage?: EnvironmentUsage;
  options?: CallOptions;
}

export interface ReplaceStep {
  step: 'create' | 'rewire' | 'delete';
  /** What the step is about: `create the new provider`, `the SMS/voice fallback chain…`, `delete <old id>`. */
  what: string;
  outcome: 'done' | 'failed' | 'not-run' | 'skipped';
  message?: string;
}

export type ReplaceOutcome =
  | { kind: 'replaced'; newId: string; created?: PhoneDeliverySettings; steps: ReplaceStep[]; usage: EnvironmentUsage }
  | {
      kind: 'incomplete';
      steps: ReplaceStep[];
      /** The new provider, when it exists (or may exist: `newMayExist`). */
      newId?: string;
      newMayExist?: boolean;
      oldExists: boolean;
      /** References to the new provider now, and those still to the old one. */
      referencingNew: ProviderReference[];
      referencingOld: ProviderReference[];
      usage?: EnvironmentUsage;
      /** The sentence for the person: what was done, what exists, what remains, how to finish. */
      message: string;
    };

const list = (refs: ProviderReference[]): string => (refs.length ? refs.map(describeReference).join('; ') : 'nothing');

export async function replaceProvider(req: ReplaceRequest): Promise<ReplaceOutcome> {
  const { client, oldId } = req;
  const options = req.options ?? {};
  const steps: ReplaceStep[] = [];
  const read = await usageOf(client, req.usage, options);
  if ('message' in read) {
    return {
      kind: 'incomplete',
      steps,
      oldExists: true,
      referencingNew: [],
      referencingOld: [],
      message: `Nothing was changed: where ${oldId} is used could not be read: ${read.message}`,
    };
  }
  let usage = read.usage;

  let newId = req.newId;
  let created: PhoneDeliverySettings | undefined;
  if (newId === undefined) {
    const r = await client.create(req.body, options);
    if (r.kind !== 'ok') {
      const unknown = r.kind === 'unknown-outcome';
      steps.push({
        step: 'create',
        what: 'create the new provider',
        outcome: 'failed',
        message: errorText(r),
      });
      return {
        kind: 'incomplete',
        steps,
        newMayExist: unknown,
        oldExists: true,
        referencingNew: [],
        referencingOld: referencesTo(usage, oldId),
        usage,
        message: unknown
          ? `The create's answer was lost: a new provider may or may not exist; look in PingOne. Nothing was rewired and ${oldId} was not deleted (still referenced by ${list(referencesTo(usage, oldId))}). If a new provider was created, finish with its id (resume); otherwise run the replace again.`
          : `Nothing was changed: the new provider could not be created (${steps[0].message}). ${oldId} is untouched.`,
      };
    }
    created = r.value;
    newId = r.value.id;
    steps.push({ step: 'create', what: `create the new provider (${newId})`, outcome: 'done' });
  } else {
    steps.push({ step: 'create', what: `use the existing new provider ${newId}`, outcome: 'skipped' });
  }

  const edits = referenceEdits(usage, oldId, newId);
  const report = await applyReferenceEdits(client, usage, edits, options);
  usage = report.usage;
  for (const s of report.steps) steps.push({ step: 'rewire', what: describeEdit(s.edit), outcome: s.outcome, message: s.message });
  if (!report.ok) {
    const failed = report.steps.find((s) => s.outcome === 'failed')!;
    steps.push({ step: 'delete', what: `delete ${oldId}`, outcome: 'not-run' });
    return incomplete(
      steps,
      newId,
      usage,
      oldId,
      `rewiring ${describeEdit(failed.edit)} failed (${failed.message}${failed.maybeApplied ? '; that change may or may not have been applied' : ''})`,
    );
  }

  const d = await client.delete(oldId, options);
  const gone = d.kind === 'error' && d.error.status === 404; // an earlier run (or someone) deleted it already
  if (d.kind !== 'ok' && !gone) {
    const message = d.kind === 'error' ? d.error.message : d.message;
    const maybe = d.kind === 'unknown-outcome' || d.error.maybeProcessed === true;
    steps.push({ step: 'delete', what: `delete ${oldId}`, outcome: 'failed', message });
    return incomplete(
      steps,
      newId,
      usage,
      oldId,
      `deleting ${oldId} failed (${message}${maybe ? '; it may or may not have been deleted' : ''})`,
    );
  }
  steps.push({ step: 'delete', what: `delete ${oldId}`, outcome: 'done', ...(gone ? { message: 'it was already deleted' } : {}) });
  return { kind: 'replaced', newId, created, steps, usage };
}

function incomplete(steps: ReplaceStep[], newId: string, usage: EnvironmentUsage, oldId: string, why: string): ReplaceOutcome {
  const referencingNew = referencesTo(usage, newId);
  const referencingOld = referencesTo(usage, oldId);
  return {
    kind: 'incomplete',
    steps,
    newId,
    oldExists: true,
    referencingNew,
    referencingOld,
    usage,
    message:
      `The replace stopped: ${why}. The new provider ${newId} exists and is referenced by ${list(referencingNew)}; ` +
      `the old provider ${oldId} still exists and is referenced by ${list(referencingOld)}. ` +
      `To finish, run the replace again with the new provider's id (it skips the create, rewires what is left and deletes ${oldId}).`,
  };
}
