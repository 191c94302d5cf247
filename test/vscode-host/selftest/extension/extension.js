'use strict';
const vscode = require('vscode');

function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand('selftest.ask', async () => {
      const answer = await vscode.window.showWarningMessage('Proceed?', { modal: true, detail: 'Self-test dialog' }, 'Yes', 'No');
      const pick = await vscode.window.showQuickPick(['alpha', 'beta'], { placeHolder: 'Pick one' });
      const input = await vscode.window.showInputBox({ prompt: 'Say something' });
      return { answer, pick, input };
    }),
  );
  return { extensionMode: context.extensionMode, extensionPath: context.extensionPath };
}
function deactivate() {}
module.exports = { activate, deactivate };
