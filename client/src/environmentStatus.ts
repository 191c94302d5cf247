/** The status bar item that shows the active environment and switches it. */
import * as vscode from 'vscode';
import { config, SECTION } from './config';
import type { Ctx } from './ctx';
import { LANGUAGE_ID } from './recognize';

export function createEnvironmentStatus(ctx: Ctx): vscode.StatusBarItem {
  const item = vscode.window.createStatusBarItem('pingone.environment', vscode.StatusBarAlignment.Left, 50);
  item.name = 'PingOne Environment';
  item.command = 'pingone.selectEnvironment';
  const update = () => {
    const env = config.activeEnvironment();
    item.text = `$(cloud-upload) PingOne: ${env ?? 'no environment'}`;
    item.tooltip = env ? `Send to PingOne goes to "${env}". Click to switch.` : 'Select the PingOne environment to send to.';
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
