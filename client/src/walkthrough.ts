/**
 * The walkthrough's steps are checked off by context keys the extension sets when a step is really
 * done (package.json `completionEvents`), not when its command merely starts: a Send that PingOne
 * refused did not send anything.
 */
import * as vscode from 'vscode';

export type WalkthroughStep = 'pingone.activeEnvironmentSet' | 'pingone.clientSecretSet' | 'pingone.sentToPingOne';

export function markWalkthrough(step: WalkthroughStep, done = true): void {
  void vscode.commands.executeCommand('setContext', step, done);
}
