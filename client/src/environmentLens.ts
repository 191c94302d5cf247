/**
 * "This file against each environment": a line of CodeLenses at the top of a phone delivery settings
 * document, one per configured environment ("dev: in sync", "test: differs", "prod: not created"),
 * from the cache only. Clicking "differs" opens that environment's Compare diff, "not created" Send
 * to Environment…, "Check environments" / "Refresh" reads the environments (the only lens that sends
 * anything).
 */
import * as vscode from 'vscode';
import { environmentLenses, type LensAction } from '../../server/src/workflow/environmentTexts';
import { config } from './config';
import type { EnvironmentCache } from './environmentCache';
import type { EnvironmentStatuses } from './environmentStatuses';
import { LANGUAGE_ID } from './recognize';

function commandOf(action: LensAction, title: string, tooltip: string, uri: vscode.Uri): vscode.Command {
  switch (action.kind) {
    case 'check':
      return { title, tooltip, command: 'pingone.checkEnvironments' };
    case 'diff':
      return { title, tooltip, command: 'pingone.showEnvironmentDiff', arguments: [uri.toString(), action.env] };
    case 'send':
      return { title, tooltip, command: 'pingone.sendToEnvironment', arguments: [uri.toString(), action.env] };
    case 'trust':
      return { title, tooltip, command: 'workbench.trust.manage' };
    case 'none':
      // An empty command id: shown as text, not clickable.
      return { title, tooltip, command: '' };
  }
}

export class EnvironmentLensProvider implements vscode.CodeLensProvider {
  readonly onDidChangeCodeLenses: vscode.Event<void>;

  constructor(
    private readonly cache: EnvironmentCache,
    private readonly statuses: EnvironmentStatuses,
  ) {
    this.onDidChangeCodeLenses = cache.onDidChange;
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const enabled = config.environmentStatusEnabled();
    if (!enabled) return [];
    const trusted = vscode.workspace.isTrusted;
    // In an untrusted workspace nothing is read and no status is computed: one lens says why.
    const statuses = trusted ? this.statuses.of(doc) : [];
    const environments = statuses.map((s) => ({
      name: s.choice.env.name,
      production: s.choice.env.production,
      status: s.status,
      at: s.reading.kind === 'read' || s.reading.kind === 'failed' ? s.reading.at : undefined,
    }));
    if (trusted) this.cache.refreshIfDue(statuses.map((s) => s.choice));
    const top = new vscode.Range(0, 0, 0, 0);
    return environmentLenses({ enabled, trusted, environments }).map(
      (spec) => new vscode.CodeLens(top, commandOf(spec.action, spec.title, spec.tooltip, doc.uri)),
    );
  }
}

export function registerEnvironmentLens(context: vscode.ExtensionContext, provider: EnvironmentLensProvider): void {
  context.subscriptions.push(vscode.languages.registerCodeLensProvider({ language: LANGUAGE_ID }, provider));
}
