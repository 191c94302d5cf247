/**
 * The commands behind the per-environment CodeLens: "Check Environments" (read every environment),
 * the diff of one environment (from the cache), and "Send to Environment…": pick an environment, see
 * what a send would do there (from a fresh list) and its diff, then send with that environment's own
 * binding, placeholder values and confirmations. The active environment does not change.
 */
import * as vscode from 'vscode';
import { parse } from 'jsonc-parser';
import { errorText } from '../../../server/src/pingone/errors';
import { isObject } from '../../../server/src/model/json';
import { documentStatus, type DocumentStatus } from '../../../server/src/workflow/environmentStatus';
import { pickDescription, sendSummary } from '../../../server/src/workflow/environmentTexts';
import type { EnvironmentChoice } from '../../../server/src/workflow/environments';
import type { SendOutcome } from '../../../server/src/workflow/send';
import { config } from '../config';
import { COMPARE_SCHEME } from '../compareView';
import { LANGUAGE_ID } from '../recognize';
import { RESPONSE_SCHEME } from '../responseView';
import { showCompare } from './compare';
import type { PingOneDeps } from './pingoneDeps';
import { activeSettingsDocument, refuseUntrusted, sendDocumentTo } from './send';

/** "Check Environments" / "Refresh": every configured environment read again (asks about workspace entries not allowed yet). */
export async function checkEnvironmentsCommand(deps: PingOneDeps): Promise<void> {
  if (refuseUntrusted()) return;
  const { choices } = deps.session.environments();
  if (!choices.length) {
    void vscode.window.showInformationMessage('No PingOne environment is configured. Add one to the "pingone.environments" setting.');
    return;
  }
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Checking PingOne environments…' }, () =>
    deps.environments.refresh(choices, { ask: true }),
  );
}

/** The document a lens was clicked on (by URI), or the active one; never a response or a comparison. */
async function documentFor(uri: unknown): Promise<vscode.TextDocument | undefined> {
  if (typeof uri !== 'string') return activeSettingsDocument();
  const parsed = vscode.Uri.parse(uri, true);
  if (parsed.scheme === RESPONSE_SCHEME || parsed.scheme === COMPARE_SCHEME) return undefined;
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri) ?? (await vscode.workspace.openTextDocument(parsed));
  return doc.languageId === LANGUAGE_ID || doc.languageId === 'json' ? doc : undefined;
}

function choiceNamed(deps: PingOneDeps, name: unknown): EnvironmentChoice | undefined {
  const found = typeof name === 'string' ? deps.session.environments().choices.find((c) => c.env.name === name) : undefined;
  if (!found && typeof name === 'string') void vscode.window.showErrorMessage(`No PingOne environment is named "${name}" any more.`);
  return found;
}

/** The Compare diff of a document and its resource in one environment, from the cached list (no request). */
export async function showEnvironmentDiffCommand(deps: PingOneDeps, uri?: unknown, envName?: unknown): Promise<void> {
  if (refuseUntrusted()) return;
  const doc = await documentFor(uri);
  const choice = doc && choiceNamed(deps, envName);
  if (!doc || !choice) return;
  const status = deps.statuses.of(doc).find((s) => s.choice.env.name === choice.env.name)?.status;
  if (status?.kind !== 'in-sync' && status?.kind !== 'differs') {
    void vscode.window.showInformationMessage(
      `No provider of "${choice.env.name}" is known for this document: run Check environments, or Send to Environment….`,
    );
    return;
  }
  await showCompare(deps, doc, choice.env, status.resource, deps.environments.secretValues(choice.env));
}

/** The quick pick of every configured environment, with this document's status in each from the cache. */
async function pickEnvironment(deps: PingOneDeps, doc: vscode.TextDocument): Promise<EnvironmentChoice | undefined> {
  const { choices } = deps.session.environments();
  if (!choices.length) {
    void vscode.window.showErrorMessage('No PingOne environment is configured. Add one to the "pingone.environments" setting.');
    return undefined;
  }
  const active = config.activeEnvironment();
  const statuses = deps.statuses.of(doc);
  const pick = await vscode.window.showQuickPick(
    choices.map((choice) => {
      const status = statuses.find((s) => s.choice.env.name === choice.env.name)?.status ?? { kind: 'unknown', cause: 'not-checked' };
      return {
        label: choice.env.name,
        description: pickDescription(status, choice.env.name === active),
        detail: `${choice.env.environmentId}${choice.env.production ? ' · production' : ''} · ${choice.env.apiBase} · from ${choice.scope} settings`,
        choice,
      };
    }),
    {
      title: 'Send to Environment',
      placeHolder: `Which environment does this document go to?${active ? ` (the active environment stays "${active}")` : ''}`,
    },
  );
  return pick?.choice;
}

/**
 * "Send to Environment…": the environment picked (or given by the lens), a fresh list of it to say
 * what the send would do (a modal: would create / would update N fields / nothing would change, with
 * "Show Diff"), then the send of "Send to PingOne" to that environment. The cache is read again after.
 */
export async function sendToEnvironmentCommand(deps: PingOneDeps, uri?: unknown, envName?: unknown): Promise<SendOutcome | undefined> {
  if (refuseUntrusted()) return undefined;
  const doc = await documentFor(uri);
  if (!doc) return undefined;
  const choice = envName === undefined ? await pickEnvironment(deps, doc) : choiceNamed(deps, envName);
  if (!choice || !(await deps.session.ensureApproved(choice))) return undefined;
  const env = choice.env;
  const client = await deps.session.client(env);
  if (!client) return undefined;
  const secretValues = await deps.environments.secretsOf(env, client);
  const list = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Reading the providers of "${env.name}"…` },
    () => client.list({ secretValues }),
  );
  if (list.kind !== 'ok') {
    void vscode.window.showErrorMessage(`Nothing was sent: could not list the providers of "${env.name}": ${errorText(list)}`);
    return undefined;
  }
  deps.environments.storeList(env, list.value, secretValues);
  const status = documentStatus(
    { text: doc.getText(), documentKey: doc.uri.toString(), label: doc.uri.path.split('/').pop() || 'document' },
    env,
    deps.environments.reading(env),
    deps.bindings,
    secretValues,
  );
  if (!(await confirmSummary(deps, doc, choice, status))) {
    void vscode.window.showInformationMessage(`Nothing was sent to "${env.name}".`);
    return { kind: 'cancelled', message: 'Nothing was sent.' };
  }
  const outcome = await sendDocumentTo(deps, doc, env, { createConfirmed: status.kind === 'not-created' });
  if (outcome && outcome.kind !== 'cancelled') void deps.environments.afterWrite(env);
  return outcome;
}

/** The summary modal, as often as "Show Diff" is chosen (the diff opens behind it); true to send. */
async function confirmSummary(
  deps: PingOneDeps,
  doc: vscode.TextDocument,
  choice: EnvironmentChoice,
  status: DocumentStatus,
): Promise<boolean> {
  const parsed: unknown = parse(doc.getText(), [], { allowTrailingComma: true });
  const summary = sendSummary(choice.env.name, choice.env.production, status, isObject(parsed) ? parsed : {});
  if (!summary.action) {
    void vscode.window.showErrorMessage(`${summary.message}${summary.detail ? ` ${summary.detail}` : ''}`);
    return false;
  }
  for (;;) {
    const buttons = summary.diff ? [summary.action, 'Show Diff'] : [summary.action];
    const answer = await vscode.window.showWarningMessage(summary.message, { modal: true, detail: summary.detail }, ...buttons);
    if (answer !== 'Show Diff') return answer === summary.action;
    const live = status.kind === 'in-sync' || status.kind === 'differs' ? status.resource : undefined;
    await showCompare(deps, doc, choice.env, live, deps.environments.secretValues(choice.env));
  }
}
