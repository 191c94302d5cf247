/**
 * "Replace…" on a provider of the explorer: a new provider is created from a document (checked and
 * filled in as by Send), every reference is rewired from the old id to the new one, then the old
 * provider is deleted (workflow `replaceProvider`). Every step's outcome is reported; when one
 * fails, the message says what exists and what references what, and "Resume Replace" finishes the
 * job as the CLI's `replace --resume NEW_ID` does (no second create).
 */
import * as vscode from 'vscode';
import type { PingOneClient } from '../../../server/src/pingone/api';
import { redactString } from '../../../server/src/pingone/redact';
import { usageOf } from '../../../server/src/workflow/delete';
import type { ResolvedEnvironment } from '../../../server/src/workflow/environments';
import { prepareBody } from '../../../server/src/workflow/prepare';
import { replaceProvider, type ReplaceOutcome, type ReplaceStep } from '../../../server/src/workflow/replace';
import { describeReference, referencesTo, type EnvironmentUsage, type ProviderReference } from '../../../server/src/workflow/usage';
import { COMPARE_SCHEME } from '../compareView';
import { confirmDestructive, confirmProductionChange } from '../commands/dialogs';
import type { PingOneDeps } from '../commands/pingoneDeps';
import { gatherVariables } from '../commands/variables';
import { LANGUAGE_ID } from '../recognize';
import { RESPONSE_SCHEME } from '../responseView';
import { connect } from './actions';
import type { ProviderNode } from './nodes';
import type { PhoneDeliveryExplorer } from './tree';

export const REPLACE = 'Replace';
export const RESUME = 'Resume Replace';

const WORD: Record<ReplaceStep['outcome'], string> = { done: 'done', failed: 'FAILED', 'not-run': 'not run', skipped: 'skipped' };

/** A reference in a few words: `the fallback chain (position 1)`, `policy "Europe first" (condition 2)`. */
function shortReference(ref: ProviderReference): string {
  return ref.kind === 'chain'
    ? `the fallback chain (position ${ref.position + 1})`
    : `policy "${ref.policyName}" (condition ${ref.condition + 1})`;
}

function documentLabel(doc: vscode.TextDocument): string {
  return doc.isUntitled ? doc.uri.path : vscode.workspace.asRelativePath(doc.uri);
}

/** A phone delivery settings document: ours, or JSON; never the response view or a comparison (PingOne's answer, redacted). */
function isSettingsDocument(doc: vscode.TextDocument): boolean {
  return (
    doc.uri.scheme !== RESPONSE_SCHEME && doc.uri.scheme !== COMPARE_SCHEME && (doc.languageId === LANGUAGE_ID || doc.languageId === 'json')
  );
}

/** The document to create from: the active one, another open one, or a file. */
async function pickSource(env: ResolvedEnvironment, what: string): Promise<vscode.TextDocument | undefined> {
  const active = vscode.window.activeTextEditor?.document;
  type Item = vscode.QuickPickItem & { doc?: vscode.TextDocument };
  const items: Item[] = [];
  if (active && isSettingsDocument(active)) items.push({ label: documentLabel(active), description: 'the active document', doc: active });
  for (const doc of vscode.workspace.textDocuments)
    if (doc !== active && doc.languageId === LANGUAGE_ID && isSettingsDocument(doc))
      items.push({ label: documentLabel(doc), description: 'open', doc });
  items.push({ label: '$(folder-opened) Choose a File…' });
  const pick = await vscode.window.showQuickPick(items, {
    title: `Replace ${what} in "${env.name}" with a new provider from…`,
    placeHolder: 'The document to create the new provider from',
  });
  if (!pick) return undefined;
  if (pick.doc) return pick.doc;
  const files = await vscode.window.showOpenDialog({
    title: 'Phone delivery settings to create the new provider from',
    canSelectMany: false,
    filters: { 'Phone delivery settings': ['json'] },
  });
  return files?.[0] && vscode.workspace.openTextDocument(files[0]);
}

interface ReplaceJob {
  env: ResolvedEnvironment;
  client: PingOneClient;
  oldId: string;
  what: string;
  body: Record<string, unknown>;
  doc: vscode.TextDocument;
  secretValues: string[];
  usage?: EnvironmentUsage;
}

export async function replaceFromExplorer(
  deps: PingOneDeps,
  explorer: PhoneDeliveryExplorer,
  node: ProviderNode,
): Promise<ReplaceOutcome | undefined> {
  const c = await connect(deps, node.parent);
  if (!c) return undefined;
  const { env, client } = c;
  const resource = node.provider.resource;
  const what = `${resource.provider} "${node.provider.label}"`;
  const doc = await pickSource(env, what);
  if (!doc) return undefined;
  const label = documentLabel(doc);
  const text = doc.getText();
  const values = await gatherVariables(deps.session, env, text, true);
  if (!values) return undefined;
  const prepared = prepareBody(text, (name) => values.get(name));
  const refuse = (message: string): undefined => {
    void vscode.window.showErrorMessage(`Nothing was changed: ${message}`);
    return undefined;
  };
  if (!prepared.body) return refuse(`${label} is not a JSON object.`);
  if (prepared.refused.length) return refuse(prepared.refused[0]);
  if (prepared.errors.length) {
    const first = prepared.errors[0];
    return refuse(
      `${label} has ${prepared.errors.length} error${prepared.errors.length > 1 ? 's' : ''} (line ${first.range.start.line + 1}: ${first.message}).`,
    );
  }
  if (prepared.filledErrors.length) return refuse(prepared.filledErrors[0]);
  const secretValues = [...c.secretValues, ...prepared.secretValues];
  const redact = (s: string): string => redactString(s, [...secretValues, ...client.knownSecrets()]);

  const read = await usageOf(client, undefined, { secretValues });
  if ('message' in read) return refuse(redact(`where ${what} is used in "${env.name}" could not be read: ${read.message}`));
  const refs = referencesTo(read.usage, resource.id);
  const plan = [
    `1. create a new ${String(prepared.body.provider)} provider from ${label}`,
    refs.length
      ? `2. rewire ${refs.length} reference${refs.length > 1 ? 's' : ''} from the old provider to the new one:\n${refs.map((r) => `   • ${describeReference(r)}`).join('\n')}`
      : '2. rewire nothing (nothing references the old provider)',
    `3. delete ${what} (${resource.id})`,
  ];
  const confirmed = await confirmDestructive(
    `Replace ${what} in "${env.name}" with a new provider from ${label}?`,
    redact(
      `${plan.join('\n')}${env.production ? '\n\nThis is a PRODUCTION environment.' : ''}\n\nIf a step fails, the later ones are not run and you are told what exists.`,
    ),
    REPLACE,
  );
  if (!confirmed || !(await confirmProductionChange(env, 'Replace a provider in', REPLACE))) return undefined;
  return runReplace(deps, explorer, { env, client, oldId: resource.id, what, body: prepared.body, doc, secretValues, usage: read.usage });
}

/** One run of the workflow (`newId`: resume, no create), reported; an incomplete run offers to resume. */
async function runReplace(deps: PingOneDeps, explorer: PhoneDeliveryExplorer, job: ReplaceJob, newId?: string): Promise<ReplaceOutcome> {
  const { env, client, oldId, what } = job;
  const redact = (s: string): string => redactString(s, [...job.secretValues, ...client.knownSecrets()]);
  const r = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: `${newId ? 'Resuming the replace of' : 'Replacing'} ${what} in "${env.name}"…`,
    },
    () =>
      replaceProvider({
        client,
        oldId,
        body: job.body,
        newId,
        // A resume reads where things are used again: the first run changed them.
        usage: newId ? undefined : job.usage,
        options: { secretValues: job.secretValues },
      }),
  );
  explorer.refreshEnvironment(env.name);
  void deps.environments.afterWrite(env); // the per-file status and the usage hover read it again
  const said = (x: ReplaceStep): string =>
    `${x.step === 'rewire' ? 'rewire ' : ''}${x.what}: ${WORD[x.outcome]}${x.message ? ` (${x.message})` : ''}`;
  const steps = r.steps.map(said);
  for (const s of steps) deps.ctx.log.info(redact(`replace ${oldId} in "${env.name}": ${s}`));
  if (r.kind === 'replaced') {
    for (const key of deps.bindings.boundDocuments(env.targetKey, oldId)) await deps.bindings.delete(key, env.targetKey);
    await deps.bindings.set(job.doc.uri.toString(), env.targetKey, { id: r.newId, updatedAt: r.created?.updatedAt });
    void vscode.window.showInformationMessage(redact(`Replaced ${what} by ${r.newId} in "${env.name}". Steps: ${steps.join('; ')}.`));
    return r;
  }
  deps.ctx.log.error(redact(`replace ${oldId} in "${env.name}": ${r.message}`));
  if (r.newId) {
    // The new provider exists: the document now stands for it.
    await deps.bindings.set(job.doc.uri.toString(), env.targetKey, { id: r.newId });
    deps.ctx.log.info(
      `replace: to finish from the command line: pingone-phone-delivery replace <file> --id ${oldId} --resume ${r.newId} --yes`,
    );
  }
  // Short enough for a notification (VS Code cuts a long one): what was done, what was not, what exists; the whole message is in the log.
  const done = r.steps.filter((x) => x.outcome === 'done' || x.outcome === 'skipped').map(said);
  const notDone = r.steps.filter((x) => x.outcome === 'failed' || x.outcome === 'not-run').map(said);
  const refs = (list: ProviderReference[]): string => (list.length ? `, referenced by ${list.map(shortReference).join('; ')}` : '');
  const deleteFailed = r.steps.some((x) => x.step === 'delete' && x.outcome === 'failed');
  const message = r.newId
    ? `The replace of ${what} in "${env.name}" stopped. Done: ${done.join('; ') || 'nothing'}. Not done: ${notDone.join('; ')}. ` +
      `The new provider ${r.newId} exists${refs(r.referencingNew)}; the old one ${oldId} ${deleteFailed ? 'was not deleted' : 'still exists'}${refs(r.referencingOld)}. ` +
      `"${RESUME}" rewires what is left and deletes the old one (no second create).`
    : r.message;
  const action = await vscode.window.showErrorMessage(redact(message), ...(r.newId ? [RESUME] : []), 'Show Log');
  if (action === RESUME && r.newId) return runReplace(deps, explorer, job, r.newId);
  if (action === 'Show Log') deps.ctx.log.show(true);
  return r;
}
