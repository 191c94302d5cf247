/** The status bar item that shows the active environment and switches it. */
import * as vscode from 'vscode';
import { config, SECTION } from './config';
import type { Ctx } from './ctx';
import { LANGUAGE_ID } from './recognize';
import type { PingOneSession } from './session';
import { markWalkthrough } from './walkthrough';

export function createEnvironmentStatus(ctx: Ctx, session: PingOneSession): vscode.StatusBarItem {
  const item = vscode.window.createStatusBarItem('pingone.environment', vscode.StatusBarAlignment.Left, 50);
  item.name = 'PingOne Environment';
  item.command = 'pingone.selectEnvironment';
  const update = () => {
    const name = config.activeEnvironment();
    // What a send would use: a name with no entry behind it (renamed, removed) is not an environment.
    const known = !!name && session.environments().choices.some((c) => c.env.name === name);
    item.text = name
      ? `${known ? '$(cloud-upload)' : '$(warning)'} PingOne: ${name}${known ? '' : ' (not configured)'}`
      : '$(cloud-upload) PingOne: no environment';
    item.tooltip = !name
      ? 'Select the PingOne environment to send to.'
      : known
        ? `Send to PingOne goes to "${name}". Click to switch.`
        : `No entry of "pingone.environments" is named "${name}". Click to select another.`;
    markWalkthrough('pingone.activeEnvironmentSet', known);
    if (vscode.window.activeTextEditor?.document.languageId === LANGUAGE_ID) item.show();
    else item.hide();
  };
  update();
  ctx.extension.subscriptions.push(
    item,
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(SECTION) && update()),
  );
  return item;
}
