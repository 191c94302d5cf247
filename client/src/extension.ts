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
import { createExplorer, explorerCommands, type Explorer } from './explorer';
import { EnvironmentCache } from './environmentCache';
import { EnvironmentStatuses } from './environmentStatuses';
import { EnvironmentLensProvider, registerEnvironmentLens } from './environmentLens';
import { registerUsageHover, UsageHoverProvider } from './usageHover';

export interface ExtensionApi {
  ctx: Ctx;
  pingone: PingOneDeps;
  explorer: Explorer;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const ctx = new Ctx(context);
  const files = new FileRecognition(context);
  const session = new PingOneSession(ctx);
  const bindings = new WorkspaceBindingStore(context.workspaceState);
  const environments = new EnvironmentCache(context, session);
  const pingone: PingOneDeps = {
    ctx,
    session,
    responses: new ResponseView(),
    diagnostics: new PingOneDiagnostics(),
    bindings,
    compare: new CompareView(),
    environments,
    statuses: new EnvironmentStatuses(context, session, environments, bindings),
  };
  pingone.responses.register(context);
  pingone.diagnostics.register(context);
  pingone.compare.register(context);
  const explorer = createExplorer(context, pingone);
  registerCommands({ ctx, files }, LANGUAGE_COMMANDS, pingoneCommands(pingone), explorerCommands(pingone, explorer.tree));
  createLanguageStatus(ctx);
  createEnvironmentStatus(ctx, pingone.session);
  registerEnvironmentLens(context, new EnvironmentLensProvider(environments, pingone.statuses));
  registerUsageHover(context, new UsageHoverProvider(pingone.statuses));
  files.start();
  ctx.watchDocuments();
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (ctx.serverRunning && SERVER_SETTINGS.some((s) => e.affectsConfiguration(`${SECTION}.${s}`))) void ctx.restartServer();
    }),
  );
  return { ctx, pingone, explorer };
}

export function deactivate(): Promise<void> | undefined {
  return undefined;
}
