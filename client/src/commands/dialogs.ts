/**
 * The confirmations of writes that remove or replace something. VS Code makes the first button of
 * a modal dialog its primary one and focuses it (Enter presses it), and always adds its own Cancel
 * (Escape, the close button) after the others: a Cancel cannot be the primary button. So the
 * safe answer, "Keep", goes first, and the destructive action is never what Enter does.
 */
import * as vscode from 'vscode';
import type { ResolvedEnvironment } from '../../../server/src/workflow/environments';
import { config } from '../config';

export const KEEP = 'Keep';

/** True only when the person pressed `action`; "Keep", Cancel, Escape and closing the dialog keep everything. */
export async function confirmDestructive(message: string, detail: string, action: string): Promise<boolean> {
  return (await vscode.window.showWarningMessage(message, { modal: true, detail }, KEEP, action)) === action;
}

/**
 * The send path's rule: an environment marked `production` (or every one, with
 * `pingone.confirmEverySend`) asks before each write, naming the environment, its id and API.
 * `what` starts the question: `Change the fallback chain of`, `Delete a provider from`.
 */
export function confirmProductionChange(env: ResolvedEnvironment, what: string, action: string): Promise<boolean> {
  if (!env.production && !config.confirmEverySend()) return Promise.resolve(true);
  return confirmDestructive(
    `${what} ${env.production ? 'the PRODUCTION environment' : 'the environment'} "${env.name}"?`,
    `Environment ${env.environmentId}\nAPI ${env.apiBase}`,
    action,
  );
}
