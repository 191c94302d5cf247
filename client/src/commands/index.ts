/**
 * Every command, registered from one table. A command that needs the language server says so when
 * the server is not running, instead of failing silently.
 */
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { FileRecognition } from '../fileRecognition';
import { newPhoneDeliveryFile } from './newFile';

export interface CommandDeps {
  ctx: Ctx;
  files: FileRecognition;
}

export interface CommandSpec {
  /** Needs the language server running (it is started on demand when it is not). */
  needsServer?: boolean;
  run(deps: CommandDeps, ...args: unknown[]): unknown;
}

export type CommandTable = Record<string, CommandSpec>;

export const LANGUAGE_COMMANDS: CommandTable = {
  'pingone.newFile': { run: () => newPhoneDeliveryFile() },
  'pingone.treatAsPhoneDelivery': {
    run: async ({ files }) => {
      const doc = vscode.window.activeTextEditor?.document;
      if (!doc) {
        void vscode.window.showInformationMessage('Open a JSON file first, then run "Treat This File as Phone Delivery Settings".');
        return;
      }
      await files.treatAsPhoneDelivery(doc);
    },
  },
  'pingone.restartServer': {
    run: async ({ ctx }) => {
      await ctx.restartServer();
      void vscode.window.showInformationMessage('The PingOne language server restarted.');
    },
  },
  'pingone.showLog': { run: ({ ctx }) => ctx.log.show(true) },
};

export function registerCommands(deps: CommandDeps, ...tables: CommandTable[]): void {
  for (const table of tables) {
    for (const [id, spec] of Object.entries(table)) {
      deps.ctx.extension.subscriptions.push(
        vscode.commands.registerCommand(id, async (...args: unknown[]) => {
          try {
            if (spec.needsServer && !deps.ctx.serverRunning) {
              try {
                await deps.ctx.ensureServer();
              } catch {
                void vscode.window.showErrorMessage(
                  'The PingOne language server is not running. Run "PingOne: Restart Language Server" or see its output.',
                );
                return undefined;
              }
            }
            return await spec.run(deps, ...args);
          } catch (e) {
            const message = e instanceof Error ? e.message : String(e);
            deps.ctx.log.error(`${id}: ${message}`);
            void vscode.window.showErrorMessage(`PingOne: ${message}`, 'Show Log').then((a) => a && deps.ctx.log.show(true));
            return undefined;
          }
        }),
      );
    }
  }
}
