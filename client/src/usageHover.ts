/**
 * The hover on the document's top-level `name` or `id` value: where the provider it is in each
 * environment is used (fallback chain positions, notification policies), from the cache only. The
 * language server's hover on the same value still gives the field's documentation; VS Code shows both.
 */
import * as vscode from 'vscode';
import { getLocation } from 'jsonc-parser';
import { usageHover } from '../../server/src/workflow/environmentTexts';
import { config } from './config';
import type { EnvironmentStatuses } from './environmentStatuses';
import { LANGUAGE_ID } from './recognize';

export class UsageHoverProvider implements vscode.HoverProvider {
  constructor(private readonly statuses: EnvironmentStatuses) {}

  provideHover(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (!config.environmentStatusEnabled() || !vscode.workspace.isTrusted) return undefined;
    const loc = getLocation(doc.getText(), doc.offsetAt(position));
    const node = loc.previousNode;
    const field = loc.path.length === 1 ? loc.path[0] : undefined;
    if ((field !== 'name' && field !== 'id') || loc.isAtPropertyKey || node?.type !== 'string') return undefined;
    const environments = this.statuses.of(doc).map((s) => ({
      name: s.choice.env.name,
      status: s.status,
      usage: s.reading.kind === 'read' ? s.reading.usage : undefined,
    }));
    if (!environments.length) return undefined;
    // Not trusted: the text is plain markdown (names and messages escaped), and no command link runs from it.
    const md = new vscode.MarkdownString(usageHover(environments));
    return new vscode.Hover(md, new vscode.Range(doc.positionAt(node.offset), doc.positionAt(node.offset + node.length)));
  }
}

export function registerUsageHover(context: vscode.ExtensionContext, provider: UsageHoverProvider): void {
  context.subscriptions.push(vscode.languages.registerHoverProvider({ language: LANGUAGE_ID }, provider));
}
