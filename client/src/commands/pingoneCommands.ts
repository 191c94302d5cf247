/** The PingOne command table: environments, secrets, and the operations on resources. */
import * as vscode from 'vscode';
import type { CommandTable } from './index';
import type { PingOneDeps } from './pingoneDeps';
import { sendCommand, activeSettingsDocument, refuseBrokenJson, refuseUntrusted } from './send';
import { compareCommand } from './compare';
import { copyAsCurlCommand, deleteCommand, pullCommand } from './resource';
import { placeholderNames } from './variables';
import { askText, pickOne } from '../quickPick';

export function pingoneCommands(deps: PingOneDeps): CommandTable {
  return {
    'pingone.send': { run: () => sendCommand(deps) },
    'pingone.selectEnvironment': { run: async () => (await deps.session.selectEnvironment())?.env.name },
    'pingone.setClientSecret': {
      run: async () => {
        if (refuseUntrusted()) return;
        const choice = await deps.session.activeEnvironment();
        if (!choice || !(await deps.session.ensureApproved(choice))) return;
        const { env } = choice;
        const secret = await askText({
          title: `Client secret for "${env.name}"`,
          prompt: `The secret of worker app ${env.clientId}. Kept in VS Code's secret storage for ${env.tokenUrl} only.`,
          password: true,
          ignoreFocusOut: true,
        });
        if (secret === undefined) return;
        await deps.session.setClientSecret(env, secret || undefined);
        void vscode.window.showInformationMessage(
          secret ? `Client secret stored for "${env.name}".` : `Client secret cleared for "${env.name}".`,
        );
      },
    },
    'pingone.setSecretVariable': {
      run: async (_deps, preset?: unknown) => {
        if (refuseUntrusted()) return;
        const choice = await deps.session.activeEnvironment();
        if (!choice || !(await deps.session.ensureApproved(choice))) return;
        const { env } = choice;
        let name = typeof preset === 'string' ? preset : undefined;
        if (!name) {
          const text = vscode.window.activeTextEditor?.document.getText() ?? '';
          const candidates = placeholderNames(text).filter((n) => !(n in env.variables));
          const another = '$(edit) Another name…';
          const pick = candidates.length
            ? (
                await pickOne(
                  [...candidates, another].map((label) => ({ label })),
                  { title: `Secret variable for "${env.name}"` },
                )
              )?.label
            : another;
          if (!pick) return;
          name =
            pick === another
              ? await askText({
                  title: 'Variable name',
                  prompt: 'The name inside {{…}}',
                  validateInput: (v) => (/^[A-Za-z_][\w.-]*$/.test(v) ? undefined : 'Letters, digits, _ . -'),
                })
              : pick;
          if (!name) return;
        }
        const value = await askText({
          title: `{{${name}}} for "${env.name}"`,
          prompt: "Kept in VS Code's secret storage; empty to clear.",
          password: true,
          ignoreFocusOut: true,
        });
        if (value === undefined) return;
        await deps.session.setSecretVariable(env, name, value || undefined);
        void vscode.window.showInformationMessage(
          value ? `{{${name}}} stored for "${env.name}".` : `{{${name}}} cleared for "${env.name}".`,
        );
      },
    },
    'pingone.signOut': {
      run: () => {
        deps.session.signOut();
        void vscode.window.showInformationMessage('PingOne tokens forgotten. The next request gets a new one.');
      },
    },
    'pingone.pull': { run: () => pullCommand(deps) },
    'pingone.compare': {
      run: async () => {
        if (refuseUntrusted()) return;
        const doc = activeSettingsDocument();
        if (doc && !refuseBrokenJson(doc, 'Nothing was compared')) await compareCommand(deps, doc);
      },
    },
    'pingone.delete': { run: () => deleteCommand(deps) },
    'pingone.copyAsCurl': { run: () => copyAsCurlCommand(deps) },
  };
}
