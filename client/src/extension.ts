/** Entry point: build the context, recognise files, start the server lazily, register the commands. */
import * as vscode from 'vscode';
import { Ctx } from './ctx';
import { FileRecognition } from './fileRecognition';
import { LANGUAGE_COMMANDS, registerCommands } from './commands';
import { createLanguageStatus } from './languageStatus';
import { SERVER_SETTINGS, SECTION } from './config';
import { PingOneSession } from './session';
import { ResponseView } from './responseView';
import { PingOneDiagnostics } from './pingoneDiagnostics';
import { WorkspaceBindingStore } from './bindingStore';
import { CompareView } from './compareView';
import { pingoneCommands } from './commands/pingoneCommands';
import { createEnvironmentStatus } from './environmentStatus';
import type { PingOneDeps } from './commands/pingoneDeps';

export interface ExtensionApi {
  ctx: Ctx;
  pingone: PingOneDeps;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const ctx = new Ctx(context);
  const files = new FileRecognition(context);
  const pingone: PingOneDeps = {
    ctx,
    session: new PingOneSession(ctx),
    responses: new ResponseView(),
    diagnostics: new PingOneDiagnostics(),
    bindings: new WorkspaceBindingStore(context.workspaceState),
    compare: new CompareView(),
  };
  pingone.responses.register(context);
  pingone.diagnostics.register(context);
  pingone.compare.register(context);
  registerCommands({ ctx, files }, LANGUAGE_COMMANDS, pingoneCommands(pingone));
  createLanguageStatus(ctx);
  createEnvironmentStatus(ctx, pingone.session);
  files.start();
  ctx.watchDocuments();
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (ctx.serverRunning && SERVER_SETTINGS.some((s) => e.affectsConfiguration(`${SECTION}.${s}`))) void ctx.restartServer();
    }),
  );
  return { ctx, pingone };
}

export function deactivate(): Promise<void> | undefined {
  return undefined;
}
