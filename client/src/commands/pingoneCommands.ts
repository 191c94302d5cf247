/** The PingOne command table: environments, secrets, and the operations on resources. */
import * as vscode from 'vscode';
import type { CommandTable } from './index';
import type { PingOneDeps } from './pingoneDeps';
import { sendCommand, activeSettingsDocument, refuseBrokenJson, refuseUntrusted } from './send';
import { compareCommand } from './compare';
import { copyAsCurlCommand, deleteCommand, pullCommand } from './resource';
import { placeholderNames } from './variables';
import { moveLiteralSecret } from './moveSecret';
import { askText, pickOne } from '../quickPick';
import { promptClientSecret, promptSecretVariable } from './secretPrompts';
import { checkEnvironmentsCommand, sendToEnvironmentCommand, showEnvironmentDiffCommand } from './environments';
import { config } from '../config';

/** After a write through the extension to the active environment, the per-environment statuses are read again for it. */
function refreshActive(deps: PingOneDeps): void {
  const name = config.activeEnvironment();
  void deps.environments.afterWrite(deps.session.environments().choices.find((c) => c.env.name === name)?.env);
}

export function pingoneCommands(deps: PingOneDeps): CommandTable {
  return {
    'pingone.send': {
      run: async () => {
        const outcome = await sendCommand(deps);
        if (outcome && outcome.kind !== 'cancelled') refreshActive(deps);
        return outcome;
      },
    },
    'pingone.selectEnvironment': { run: async () => (await deps.session.selectEnvironment())?.env.name },
    'pingone.setClientSecret': {
      run: async () => {
        if (refuseUntrusted()) return;
        const choice = await deps.session.activeEnvironment();
        if (!choice || !(await deps.session.ensureApproved(choice))) return;
        await promptClientSecret(deps.session, choice.env);
      },
    },
    'pingone.setSecretVariable': {
      run: async (_deps, preset?: unknown, literal?: unknown) => {
        // From the quick fix of a literal secret: the value is in the file, at `literal`.
        if (literal !== undefined) return moveLiteralSecret(deps, preset, literal);
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
        const done = await promptSecretVariable(deps.session, env, name);
        if (done) void vscode.window.showInformationMessage(`{{${name}}} ${done} for "${env.name}".`);
      },
    },
    'pingone.signOut': {
      run: () => {
        deps.session.signOut();
        void vscode.window.showInformationMessage('PingOne tokens forgotten. The next request gets a new one.');
      },
    },
    'pingone.pull': {
      run: async () => {
        const doc = await pullCommand(deps);
        if (doc) refreshActive(deps);
        return doc;
      },
    },
    'pingone.compare': {
      run: async () => {
        if (refuseUntrusted()) return;
        const doc = activeSettingsDocument();
        if (doc && !refuseBrokenJson(doc, 'Nothing was compared')) await compareCommand(deps, doc);
      },
    },
    'pingone.delete': {
      run: async () => {
        const deleted = await deleteCommand(deps);
        if (deleted) refreshActive(deps);
        return deleted;
      },
    },
    'pingone.copyAsCurl': { run: () => copyAsCurlCommand(deps) },
    'pingone.sendToEnvironment': { run: (_deps, uri?: unknown, env?: unknown) => sendToEnvironmentCommand(deps, uri, env) },
    'pingone.checkEnvironments': { run: () => checkEnvironmentsCommand(deps) },
    'pingone.showEnvironmentDiff': { run: (_deps, uri?: unknown, env?: unknown) => showEnvironmentDiffCommand(deps, uri, env) },
  };
}
