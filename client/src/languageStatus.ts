/**
 * The language status item: this file is checked as phone delivery settings, and the environment it
 * would be sent to. Short texts: the hover shows text and detail on one line before the command's
 * link, and a long detail pushed the link out of sight (issue 14).
 */
import * as vscode from 'vscode';
import type { Ctx } from './ctx';
import { config } from './config';
import { LANGUAGE_ID } from './recognize';

export function createLanguageStatus(ctx: Ctx): vscode.LanguageStatusItem {
  const item = vscode.languages.createLanguageStatusItem('pingone.status', { language: LANGUAGE_ID });
  item.name = 'PingOne Phone Delivery Settings';
  item.command = { title: 'Switch', command: 'pingone.selectEnvironment', tooltip: 'PingOne: Select Environment' };
  const update = () => {
    item.text = ctx.serverRunning ? '$(check) PingOne' : '$(loading~spin) PingOne';
    item.detail = `to ${config.activeEnvironment() ?? 'no environment'}`;
    item.accessibilityInformation = {
      label: `Checked by the PingOne language server${ctx.serverRunning ? '' : ' (starting)'}; sends go to ${config.activeEnvironment() ?? 'no environment yet'}`,
    };
  };
  update();
  ctx.extension.subscriptions.push(
    item,
    ctx.onDidChangeServer(update),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('pingone') && update()),
  );
  return item;
}
