/** "PingOne: Send to PingOne": check, fill in, bind, create or update, show the response. */
import * as vscode from 'vscode';
import { confirmDestructive } from './dialogs';
import { applyEdits, modify } from 'jsonc-parser';
import type { PingOneClient } from '../../../server/src/pingone/api';
import type { PhoneDeliverySettings } from '../../../server/src/pingone/types';
import { describeEnvelope, type PingOneError } from '../../../server/src/pingone/errors';
import { redactString } from '../../../server/src/pingone/redact';
import { describeFilledSecrets, prepareBody, type FilledSecret } from '../../../server/src/workflow/prepare';
import { hostOf } from '../../../server/src/model/secretPlacement';
import { sendDocument, type Operation, type SendOutcome, type SendUi } from '../../../server/src/workflow/send';
import { methodOf, rejectionHeadline } from '../../../server/src/workflow/rejection';
import { firstSyntaxError, syntaxRefusal } from '../../../server/src/workflow/syntax';
import type { ResolvedEnvironment } from '../../../server/src/workflow/environments';
import { config } from '../config';
import { LANGUAGE_ID } from '../recognize';
import { gatherVariables } from './variables';
import type { PingOneDeps } from './pingoneDeps';
import { showCompare } from './compare';
import { COMPARE_SCHEME } from '../compareView';
import { RESPONSE_SCHEME } from '../responseView';
import { markWalkthrough } from '../walkthrough';

/** The document a PingOne command works on: the active editor's, in our language mode (or JSON). */
export function activeSettingsDocument(): vscode.TextDocument | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  // The response view and the comparison are JSON too, but they show PingOne's answer (secrets redacted,
  // write-only fields missing): sending one would write `***REDACTED***` back into PingOne.
  if (doc && (doc.uri.scheme === RESPONSE_SCHEME || doc.uri.scheme === COMPARE_SCHEME)) {
    void vscode.window.showErrorMessage(
      'This view shows what PingOne answered (read-only, secrets redacted). Focus your phone delivery settings document, then run the command again.',
    );
    return undefined;
  }
  if (doc && (doc.languageId === LANGUAGE_ID || doc.languageId === 'json')) return doc;
  void vscode.window.showErrorMessage('Open a phone delivery settings file first.');
  return undefined;
}

/**
 * Refuses a document that is not JSON (a lenient parse would send, compare or copy a guess), naming
 * its first syntax error and offering to go there. True when refused.
 */
export function refuseBrokenJson(doc: vscode.TextDocument, nothingWas: string): boolean {
  const problem = firstSyntaxError(doc.getText());
  if (!problem) return false;
  const go = `Go to Line ${problem.line}`;
  void vscode.window.showErrorMessage(syntaxRefusal(nothingWas, problem), go).then(async (a) => {
    if (a !== go) return;
    const at = new vscode.Position(problem.line - 1, problem.column - 1);
    await vscode.window.showTextDocument(doc, { selection: new vscode.Range(at, at) });
  });
  return true;
}

export function refuseUntrusted(): boolean {
  if (vscode.workspace.isTrusted) return false;
  void vscode.window.showErrorMessage('Sending to PingOne is disabled in an untrusted workspace. Trust the workspace to send.');
  return true;
}

async function confirmModal(message: string, detail: string, action: string): Promise<boolean> {
  return (await vscode.window.showWarningMessage(message, { modal: true, detail }, action)) === action;
}

export function confirmProduction(env: ResolvedEnvironment, operation: Operation, secrets: readonly FilledSecret[] = []): Promise<boolean> {
  if (!env.production && !config.confirmEverySend()) return Promise.resolve(true);
  const verb = operation === 'create' ? 'Create a provider in' : operation === 'update' ? 'Update a provider in' : 'Delete a provider from';
  const where = describeFilledSecrets(secrets, hostOf(env.apiBase) ?? env.apiBase);
  // A write to production: Enter keeps everything ("Keep" is the primary button).
  return confirmDestructive(
    `${verb} ${env.production ? 'the PRODUCTION environment' : 'the environment'} "${env.name}"?`,
    `Environment ${env.environmentId}\nAPI ${env.apiBase}${where.length ? `\nSecrets:\n${where.join('\n')}` : ''}`,
    operation === 'delete' ? 'Delete' : 'Send',
  );
}

function sendUi(
  deps: PingOneDeps,
  doc: vscode.TextDocument,
  env: ResolvedEnvironment,
  client: PingOneClient,
  secrets: readonly FilledSecret[],
): SendUi {
  return {
    confirmCreate: (_env, body) =>
      confirmModal(
        `Create a new ${String(body.provider)} provider${typeof body.name === 'string' ? ` "${body.name}"` : ''} in "${env.name}"?`,
        'No resource in this environment is bound to this document or matches its provider and name.',
        'Create',
      ),
    choose: async (candidates) => {
      const pick = await vscode.window.showQuickPick(
        [
          ...candidates.map((c) => ({
            label: String(c.name ?? c.id),
            description: c.id,
            detail: `${c.provider} · updated ${c.updatedAt ?? '?'}`,
            value: c as PhoneDeliverySettings | 'new',
          })),
          { label: '$(add) Create a new one', description: '', detail: undefined, value: 'new' as const },
        ],
        { title: `Several providers in "${env.name}" match this document`, placeHolder: 'Which one does this document update?' },
      );
      return pick?.value;
    },
    confirmOverwrite: async (live) => {
      await showCompare(deps, doc, env, live, client.knownSecrets());
      return confirmDestructive(
        `"${String(live.name ?? live.id)}" changed in PingOne since this document last saw it (updated ${live.updatedAt}).`,
        'The comparison is open. Overwrite the changes made in PingOne?',
        'Overwrite',
      );
    },
    confirmProduction: (_env, op) => confirmProduction(env, op, secrets),
    confirmRecreate: (live, field) =>
      confirmDestructive(
        `PingOne cannot change "${field}" of an existing provider.`,
        `Delete "${String(live.name ?? live.id)}" (${live.id}) in "${env.name}" and create a new one from this document? Its id changes, and the notification settings' fallback chain may still name the old one.`,
        'Delete and Create',
      ),
  };
}

export async function sendCommand(deps: PingOneDeps): Promise<SendOutcome | undefined> {
  if (refuseUntrusted()) return undefined;
  const doc = activeSettingsDocument();
  if (!doc || refuseBrokenJson(doc, 'Nothing was sent')) return undefined;
  const errors = vscode.languages
    .getDiagnostics(doc.uri)
    .filter((d) => d.severity === vscode.DiagnosticSeverity.Error && d.source !== 'PingOne');
  if (errors.length) {
    const answer = await vscode.window.showWarningMessage(
      `This document has ${errors.length} error${errors.length > 1 ? 's' : ''}; PingOne will most likely reject it.`,
      {
        modal: true,
        detail: errors
          .slice(0, 5)
          .map((e) => `line ${e.range.start.line + 1}: ${e.message}`)
          .join('\n'),
      },
      // The first button is the dialog's default (Enter): the safe one.
      'Show Problems',
      'Send Anyway',
    );
    if (answer === 'Show Problems') await vscode.commands.executeCommand('workbench.actions.view.problems');
    if (answer !== 'Send Anyway') return undefined;
  }
  const choice = await deps.session.activeEnvironment();
  if (!choice || !(await deps.session.ensureApproved(choice))) return undefined;
  return sendDocumentTo(deps, doc, choice.env);
}

/**
 * The send itself, to `env` (the active environment, or the one "Send to Environment…" picked): that
 * environment's placeholder values, binding and confirmations; the response or the failure reported.
 * `createConfirmed`: the person already confirmed creating this document there (Send to Environment's summary).
 */
export async function sendDocumentTo(
  deps: PingOneDeps,
  doc: vscode.TextDocument,
  env: ResolvedEnvironment,
  opts: { createConfirmed?: boolean } = {},
): Promise<SendOutcome | undefined> {
  const text = doc.getText();
  const values = await gatherVariables(deps.session, env, text, true);
  if (!values) return undefined;
  const prepared = prepareBody(text, (name) => values.get(name));
  if (!prepared.body) {
    void vscode.window.showErrorMessage('The document is not a JSON object; nothing was sent.');
    return undefined;
  }
  // No override here: the CLI's --allow-secret-in is the only allowance.
  if (prepared.refused.length) {
    void vscode.window.showErrorMessage(`Nothing was sent: ${prepared.refused[0]}`);
    return undefined;
  }
  if (prepared.filledErrors.length) {
    void vscode.window.showErrorMessage(`Nothing was sent. ${prepared.filledErrors[0]}`);
    return undefined;
  }
  const client = await deps.session.client(env);
  if (!client) return undefined;
  const secretValues = prepared.secretValues;
  const ui = sendUi(deps, doc, env, client, prepared.filledSecrets);
  if (opts.createConfirmed) ui.confirmCreate = () => Promise.resolve(true);
  deps.diagnostics.clear(doc.uri);
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Sending to PingOne (${env.name})…`, cancellable: true },
    (_progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return sendDocument({
        client,
        env,
        store: deps.bindings,
        documentKey: doc.uri.toString(),
        body: prepared.body!,
        documentId: prepared.documentId,
        documentEnvironmentId: prepared.documentEnvironmentId,
        ui,
        signal: abort.signal,
        secretValues,
      });
    },
  );
  // The client's own secret and the tokens it was given are redacted by value in everything shown.
  await reportOutcome(deps, doc, env, client, outcome, [...secretValues, ...client.knownSecrets()]);
  return outcome;
}

async function reportOutcome(
  deps: PingOneDeps,
  doc: vscode.TextDocument,
  env: ResolvedEnvironment,
  client: PingOneClient,
  outcome: SendOutcome,
  secretValues: string[],
): Promise<void> {
  const redact = (s: string) => redactString(s, secretValues);
  switch (outcome.kind) {
    case 'created':
    case 'updated': {
      const r = outcome.resource;
      const method = outcome.kind === 'created' ? 'POST' : 'PUT';
      await deps.responses.show({ method, status: outcome.status, envName: env.name, body: r }, secretValues);
      markWalkthrough('pingone.sentToPingOne');
      // Follow-ups are offered without holding the command: it is done once the response shows.
      if (outcome.kind === 'created') void announceCreated(deps, doc, env, client, r, secretValues);
      else void vscode.window.showInformationMessage(`Updated ${describe(r)} in "${env.name}".`);
      return;
    }
    case 'rejected':
      await reportRejection(deps, doc, env, outcome.operation, outcome.error, secretValues);
      return;
    case 'unknown':
      await deps.responses.show(
        {
          method: methodOf(outcome.operation ?? 'create'),
          status: 'no answer',
          envName: env.name,
          body: { error: redact(outcome.message) },
        },
        secretValues,
      );
      void (outcome.determined
        ? vscode.window.showWarningMessage(redact(outcome.message))
        : vscode.window.showErrorMessage(redact(outcome.message)));
      return;
    case 'cancelled':
      void vscode.window.showInformationMessage(outcome.message);
  }
}

/**
 * A refusal: each cause marked once in the document, the first one revealed there, PingOne's whole
 * answer in the response view, and a one-line notification.
 */
async function reportRejection(
  deps: PingOneDeps,
  doc: vscode.TextDocument,
  env: ResolvedEnvironment,
  step: Extract<SendOutcome, { kind: 'rejected' }>['operation'],
  e: PingOneError,
  secretValues: string[],
): Promise<void> {
  const redact = (s: string) => redactString(s, secretValues);
  const report = deps.diagnostics.show(doc, e, secretValues);
  deps.ctx.log.error(redact(`${step} rejected: ${e.envelope ? describeEnvelope(e.envelope) : e.message}`));
  await deps.responses.show(
    {
      method: methodOf(step),
      status: e.status ?? (e.kind === 'timeout' ? 'timeout' : 'no answer'),
      envName: env.name,
      body: e.envelope ?? { error: redact(e.message) },
    },
    secretValues,
  );
  const first = report.problems[0] ?? report.alreadyMarked[0];
  const editor = vscode.window.visibleTextEditors.find((x) => x.document === doc);
  if (first && e.details.length && editor) {
    const at = doc.positionAt(first.offset);
    editor.selection = new vscode.Selection(at, at);
    editor.revealRange(
      new vscode.Range(at, doc.positionAt(first.offset + first.length)),
      vscode.TextEditorRevealType.InCenterIfOutsideViewport,
    );
  }
  const fallback = e.envelope?.message ? `${e.envelope.code}: ${e.envelope.message}` : e.message;
  const headline = redact(rejectionHeadline(step, env.name, e.details.length ? report.causes : [], fallback));
  const actions = report.problems.length || report.alreadyMarked.length ? ['Show Problems'] : [];
  void vscode.window
    .showErrorMessage(headline, ...actions)
    .then((a) => a && vscode.commands.executeCommand('workbench.actions.view.problems'));
}

function describe(r: PhoneDeliverySettings): string {
  return `${r.provider}${r.name ? ` "${r.name}"` : ''} (${r.id})`;
}

/**
 * One message after a create: what was created, whether the notification settings' SMS/voice
 * fallback chain uses it (PingOne sends only through providers in that chain), and the follow-ups:
 * add it to the chain, select the account's numbers (two-step providers).
 */
async function announceCreated(
  deps: PingOneDeps,
  doc: vscode.TextDocument,
  env: ResolvedEnvironment,
  client: PingOneClient,
  created: PhoneDeliverySettings,
  secretValues: string[],
): Promise<void> {
  const settings = await client.getNotificationSettings({ secretValues });
  const chain = settings.kind === 'ok' ? (settings.value.smsProvidersFallbackChain ?? []) : undefined;
  const numbers = Array.isArray(created.numbers) ? (created.numbers as Record<string, unknown>[]) : [];
  const toSelect = numbers.length > 0 && !numbers.some((n) => n.selected === true);
  const chainText =
    chain === undefined
      ? 'Its place in the fallback chain could not be read.'
      : chain.includes(created.id)
        ? `It is in the SMS/voice fallback chain of "${env.name}".`
        : `It is not in the SMS/voice fallback chain of "${env.name}", so PingOne does not use it yet.`;
  const numbersText = toSelect
    ? ` PingOne found ${numbers.length} number${numbers.length > 1 ? 's' : ''} in the account: select the ones to send from.`
    : '';
  const actions = [...(chain && !chain.includes(created.id) ? ['Add to Fallback Chain'] : []), ...(toSelect ? ['Select Numbers…'] : [])];
  const action = await vscode.window.showInformationMessage(
    `Created ${describe(created)} in "${env.name}". ${chainText}${numbersText}`,
    ...actions,
  );
  if (action === 'Select Numbers…') await selectNumbers(deps, doc, env, client, created, numbers, secretValues);
  if (action === 'Add to Fallback Chain' && settings.kind === 'ok') {
    if (
      !(await confirmModal(
        `Put the new provider first in the fallback chain of "${env.name}"?`,
        `Chain now: ${chain!.join(', ') || '(empty)'}`,
        'Add',
      ))
    )
      return;
    const updated = await client.updateNotificationSettings(
      { ...settings.value, smsProvidersFallbackChain: [created.id, ...chain!] },
      { secretValues },
    );
    if (updated.kind === 'ok') void vscode.window.showInformationMessage('Added to the fallback chain.');
    else
      void vscode.window.showErrorMessage(
        `The fallback chain was not changed: ${updated.kind === 'error' ? updated.error.message : updated.message}`,
      );
  }
}

async function selectNumbers(
  deps: PingOneDeps,
  doc: vscode.TextDocument,
  env: ResolvedEnvironment,
  client: PingOneClient,
  created: PhoneDeliverySettings,
  numbers: Record<string, unknown>[],
  secretValues: string[],
): Promise<void> {
  const picks = await vscode.window.showQuickPick(
    numbers.map((n) => ({
      label: String(n.number),
      description: String(n.type),
      detail: Array.isArray(n.capabilities) ? n.capabilities.join(', ') : undefined,
      n,
    })),
    { canPickMany: true, title: 'Numbers to send from' },
  );
  if (!picks?.length) return;
  const chosen = new Set(picks.map((p) => p.n));
  const body = { ...created, numbers: numbers.map((n) => ({ ...n, selected: chosen.has(n) })) };
  for (const k of ['id', 'environment', 'createdAt', 'updatedAt', '_links']) delete (body as Record<string, unknown>)[k];
  // The write-only credential is not echoed back: send the document's (filled) value again.
  const values = await gatherVariables(deps.session, env, doc.getText(), false);
  if (!values) return;
  const prepared = prepareBody(doc.getText(), (name) => values.get(name));
  if (prepared.refused.length) {
    void vscode.window.showErrorMessage(`The numbers were not selected: ${prepared.refused[0]}`);
    return;
  }
  const r = await client.update(created.id, { ...prepared.body, numbers: body.numbers }, { secretValues });
  if (r.kind !== 'ok') {
    const message = redactString(r.kind === 'error' ? r.error.message : r.message, secretValues);
    await deps.responses.show(
      {
        method: 'PUT',
        status: (r.kind === 'error' && r.error.status) || 'no answer',
        envName: env.name,
        body: (r.kind === 'error' && r.error.envelope) || { error: message },
      },
      secretValues,
    );
    void vscode.window.showErrorMessage(`The numbers were not selected: ${message}`);
    return;
  }
  await deps.bindings.set(doc.uri.toString(), env.targetKey, { id: r.value.id, updatedAt: r.value.updatedAt });
  const edit = new vscode.WorkspaceEdit();
  const updatedText = insertNumbers(doc.getText(), body.numbers);
  if (updatedText !== undefined) {
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), updatedText);
    await vscode.workspace.applyEdit(edit);
  }
  await deps.responses.show({ method: 'PUT', status: r.status, envName: env.name, body: r.value }, secretValues);
}

/** The document with its `numbers` replaced by the selection (the rest of the text untouched). */
function insertNumbers(text: string, numbers: unknown[]): string | undefined {
  try {
    return applyEdits(text, modify(text, ['numbers'], numbers, { formattingOptions: { insertSpaces: true, tabSize: 2 } }));
  } catch {
    return undefined;
  }
}
