/** The language status item: this file is validated as phone delivery settings, and against which environment it would be sent. */
import * as vscode from 'vscode';
import type { Ctx } from './ctx';
import { config } from './config';
import { LANGUAGE_ID } from './recognize';

export function createLanguageStatus(ctx: Ctx): vscode.LanguageStatusItem {
  const item = vscode.languages.createLanguageStatusItem('pingone.status', { language: LANGUAGE_ID });
  item.name = 'PingOne Phone Delivery Settings';
  const update = () => {
    item.text = ctx.serverRunning ? '$(check) Phone delivery settings' : '$(loading~spin) Phone delivery settings';
    const env = config.activeEnvironment();
    item.detail = `validated by the PingOne language server · environment: ${env ?? 'none selected'}`;
    item.command = { title: 'Select Environment', command: 'pingone.selectEnvironment' };
  };
  update();
  ctx.extension.subscriptions.push(
    item,
    ctx.onDidChangeServer(update),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('pingone') && update()),
  );
  return item;
}
