/** "PingOne: Compare with PingOne": a diff editor between the document and the live resource, both normalised. */
import * as vscode from 'vscode';
import { parse } from 'jsonc-parser';
import { fillPlaceholders } from '../../../server/src/service/placeholders';
import { redactJson } from '../pingone/redact';
import type { PhoneDeliverySettings } from '../pingone/types';
import { maskLiveWithPlaceholders, normalizeForCompare } from '../workflow/compare';
import { bindingFromList, bindingWithoutList } from '../workflow/binding';
import type { ResolvedEnvironment } from '../workflow/environments';
import type { PingOneDeps } from './pingoneDeps';

export const COMPARE_SCHEME = 'pingone-compare';

export class CompareView implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  register(context: vscode.ExtensionContext): void {
    context.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(COMPARE_SCHEME, this), this.changed);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  set(name: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: COMPARE_SCHEME, path: `/${name}` });
    this.contents.set(uri.toString(), text);
    this.changed.fire(uri);
    return uri;
  }
}

/** Opens the diff; only plain (non-secret) variables are filled in on the document's side. */
export async function showCompare(deps: PingOneDeps, doc: vscode.TextDocument, env: ResolvedEnvironment, live: PhoneDeliverySettings): Promise<void> {
  const docValue = parse(doc.getText(), [], { allowTrailingComma: true }) as Record<string, unknown>;
  const fill = (v: unknown): unknown =>
    typeof v === 'string' ? fillPlaceholders(v, (n) => env.variables[n]).value : Array.isArray(v) ? v.map(fill) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, c]) => [k, fill(c)])) : v;
  const left = normalizeForCompare(fill(docValue) as Record<string, unknown>);
  const liveMasked = redactJson(maskLiveWithPlaceholders(docValue, live), {}) as Record<string, unknown>;
  const right = normalizeForCompare(liveMasked);
  const base = doc.uri.path.split('/').pop() ?? 'document';
  const l = deps.compare.set(`${env.name}/${base} (document).json`, left);
  const r = deps.compare.set(`${env.name}/${live.id} (PingOne).json`, right);
  await vscode.commands.executeCommand('vscode.diff', l, r, `${base} ↔ PingOne ${env.name} (${String(live.name ?? live.id)})`, { preview: true });
}

export async function compareCommand(deps: PingOneDeps, doc: vscode.TextDocument): Promise<void> {
  const choice = await deps.session.activeEnvironment();
  if (!choice || !(await deps.session.ensureApproved(choice))) return;
  const env = choice.env;
  const client = await deps.session.client(env);
  if (!client) return;
  const value = parse(doc.getText(), [], { allowTrailingComma: true });
  if (!value || typeof value !== 'object') {
    void vscode.window.showErrorMessage('The document is not a JSON object.');
    return;
  }
  const body = value as Record<string, unknown>;
  let binding = bindingWithoutList(deps.bindings, {
    documentKey: doc.uri.toString(),
    targetKey: env.targetKey,
    environmentId: env.environmentId,
    body,
    documentId: typeof body.id === 'string' ? body.id : undefined,
    documentEnvironmentId: (body.environment as { id?: string } | undefined)?.id,
  });
  if (!binding) {
    const list = await client.list();
    if (list.kind !== 'ok') {
      void vscode.window.showErrorMessage(`Could not list the providers of "${env.name}": ${list.kind === 'error' ? list.error.message : list.message}`);
      return;
    }
    binding = bindingFromList(list.value, body);
  }
  if (binding.kind !== 'bound') {
    void vscode.window.showInformationMessage(binding.kind === 'ambiguous' ? `Several providers in "${env.name}" match this document; send it once to bind it.` : `No provider in "${env.name}" is bound to this document yet: there is nothing to compare with.`);
    return;
  }
  const live = await client.read(binding.id);
  if (live.kind !== 'ok') {
    void vscode.window.showErrorMessage(`Could not read ${binding.id} in "${env.name}": ${live.kind === 'error' ? live.error.message : live.message}`);
    return;
  }
  await showCompare(deps, doc, env, live.value);
}
