/**
 * The extension's side of talking to PingOne: which environment is active, where its entry comes
 * from (and whether the person approved its URLs), its secrets in SecretStorage, and one HTTP
 * client (with its own token cache) per environment entry, over VS Code's `fetch`.
 */
import * as vscode from 'vscode';
import { PingOneClient } from '../../server/src/pingone/api';
import { TokenCache } from '../../server/src/pingone/tokens';
import { formatRequestLogEntry } from '../../server/src/pingone/log';
import { withDirectLoopback } from '../../server/src/pingone/loopback';
import {
  resolveEnvironment,
  secretLookingVariables,
  secretVariableKey,
  type ResolvedEnvironment,
} from '../../server/src/workflow/environments';
import { config, SECTION, SettingIds } from './config';
import type { Ctx } from './ctx';

const APPROVALS = 'pingone.approvedEnvironments';

export interface EnvironmentChoice {
  env: ResolvedEnvironment;
  /** Where the entry is written: a workspace entry needs the person's approval of its URLs. */
  scope: 'user' | 'workspace';
}

export class PingOneSession {
  private readonly clients = new Map<string, PingOneClient>();

  constructor(private readonly ctx: Ctx) {
    ctx.extension.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SECTION}.${SettingIds.environments}`)) this.clients.clear();
      }),
    );
  }

  private get secrets(): vscode.SecretStorage {
    return this.ctx.extension.secrets;
  }

  /** Every entry, resolved, with the scope it comes from; problems are reported, not thrown. */
  environments(): { choices: EnvironmentChoice[]; problems: string[] } {
    const inspected = config.section().inspect<unknown[]>(SettingIds.environments);
    const problems: string[] = [];
    const choices: EnvironmentChoice[] = [];
    const add = (list: unknown[] | undefined, scope: EnvironmentChoice['scope']) => {
      for (const raw of Array.isArray(list) ? list : []) {
        const r = resolveEnvironment(raw);
        problems.push(...r.problems);
        if (r.env && !choices.some((c) => c.env.name === r.env!.name)) choices.push({ env: r.env, scope });
      }
    };
    // Workspace entries first: they are the project's own; an entry of the same name in user settings is
    // shadowed. In an untrusted workspace they are ignored (the setting is restricted; not every VS Code
    // build hides restricted values from extensions).
    if (vscode.workspace.isTrusted) {
      add(inspected?.workspaceFolderValue, 'workspace');
      add(inspected?.workspaceValue, 'workspace');
    }
    add(inspected?.globalValue, 'user');
    for (const c of choices) {
      const suspicious = secretLookingVariables(c.env);
      if (suspicious.length)
        problems.push(
          `Environment "${c.env.name}": the variables ${suspicious.join(', ')} look like secrets. Settings are plain text: use "PingOne: Set Secret Variable" instead.`,
        );
    }
    return { choices, problems };
  }

  /** The active environment, asking to pick one when none is set; undefined when the person cancels. */
  private warned = new Set<string>();

  async activeEnvironment(): Promise<EnvironmentChoice | undefined> {
    const { choices, problems } = this.environments();
    for (const p of problems) {
      this.ctx.log.warn(p);
      // Shown once per session: a secret in settings is plain text on disk (and maybe in a repository).
      if (/look like secrets/.test(p) && !this.warned.has(p)) {
        this.warned.add(p);
        void vscode.window.showWarningMessage(p);
      }
    }
    if (!choices.length) {
      const action = await vscode.window.showErrorMessage(
        problems.length
          ? `No usable PingOne environment: ${problems[0]}`
          : 'No PingOne environment is configured. Add one to the "pingone.environments" setting.',
        'Open Settings',
      );
      if (action) await vscode.commands.executeCommand('workbench.action.openSettings', 'pingone.environments');
      return undefined;
    }
    const name = config.activeEnvironment();
    const found = choices.find((c) => c.env.name === name);
    if (found) return found;
    return this.pickEnvironment(choices);
  }

  async pickEnvironment(choices = this.environments().choices): Promise<EnvironmentChoice | undefined> {
    if (choices.length === 1) {
      await this.setActive(choices[0].env.name);
      return choices[0];
    }
    const pick = await vscode.window.showQuickPick(
      choices.map((c) => ({
        label: c.env.name,
        description: `${c.env.environmentId}${c.env.production ? ' · production' : ''}`,
        detail: `${c.env.apiBase} · from ${c.scope} settings`,
        choice: c,
      })),
      { title: 'PingOne environment', placeHolder: 'Which environment do PingOne commands use?' },
    );
    if (!pick) return undefined;
    await this.setActive(pick.choice.env.name);
    return pick.choice;
  }

  private async setActive(name: string): Promise<void> {
    if (config.activeEnvironment() !== name)
      await config.section().update(SettingIds.activeEnvironment, name, vscode.ConfigurationTarget.Global);
  }

  /** A workspace entry is used only after the person approved both of its URLs (once). */
  async ensureApproved(choice: EnvironmentChoice): Promise<boolean> {
    if (choice.scope === 'user') return true;
    const key = JSON.stringify([choice.env.name, choice.env.apiBase, choice.env.tokenUrl, choice.env.clientId]);
    const approved = this.ctx.extension.globalState.get<string[]>(APPROVALS) ?? [];
    if (approved.includes(key)) return true;
    const answer = await vscode.window.showWarningMessage(
      `The workspace settings define the PingOne environment "${choice.env.name}". Allow it?`,
      {
        modal: true,
        detail: `Token endpoint: ${choice.env.tokenUrl}\nAPI: ${choice.env.apiBase}\nClient id: ${choice.env.clientId}\n\nThe client secret you set for this token endpoint and client will be sent to the token endpoint, and tokens to the API.`,
      },
      'Allow',
    );
    if (answer !== 'Allow') return false;
    await this.ctx.extension.globalState.update(APPROVALS, [...approved, key]);
    return true;
  }

  clientSecret(env: ResolvedEnvironment): Thenable<string | undefined> {
    return this.secrets.get(env.clientSecretKey);
  }

  async setClientSecret(env: ResolvedEnvironment, secret: string | undefined): Promise<void> {
    if (secret) await this.secrets.store(env.clientSecretKey, secret);
    else await this.secrets.delete(env.clientSecretKey);
    this.clients.delete(env.clientSecretKey + env.targetKey);
  }

  secretVariable(env: ResolvedEnvironment, name: string): Thenable<string | undefined> {
    return this.secrets.get(secretVariableKey(env, name));
  }

  async setSecretVariable(env: ResolvedEnvironment, name: string, value: string | undefined): Promise<void> {
    if (value) await this.secrets.store(secretVariableKey(env, name), value);
    else await this.secrets.delete(secretVariableKey(env, name));
  }

  /** Forget every cached token (they live in memory only). */
  signOut(): void {
    for (const c of this.clients.values()) c.tokens.clear();
    this.clients.clear();
  }

  /** One client per entry: its token goes only to this entry's API base. */
  async client(env: ResolvedEnvironment): Promise<PingOneClient | undefined> {
    const key = env.clientSecretKey + env.targetKey;
    const secret = await this.clientSecret(env);
    if (!secret) {
      const action = await vscode.window.showErrorMessage(
        `No client secret is set for "${env.name}" (client ${env.clientId}).`,
        'Set Client Secret',
      );
      if (action) await vscode.commands.executeCommand('pingone.setClientSecret');
      return undefined;
    }
    let client = this.clients.get(key);
    if (!client) {
      const logger = { request: (e: Parameters<typeof formatRequestLogEntry>[0]) => this.ctx.log.info(formatRequestLogEntry(e)) };
      // VS Code's global fetch follows the person's proxy and certificate settings; loopback (the local
      // stand-in) goes direct: never through a proxy, and `localhost` names never reach DNS.
      const fetch = withDirectLoopback(() => globalThis.fetch.bind(globalThis));
      client = new PingOneClient({
        fetch,
        apiBase: env.apiBase,
        environmentId: env.environmentId,
        credentials: {
          authBase: env.authBase,
          tokenEnvironmentId: env.tokenEnvironmentId,
          clientId: env.clientId,
          clientSecret: secret,
          authMethod: env.authMethod,
        },
        tokens: new TokenCache({
          fetch,
          logger,
          timeoutMs: config.timeoutMs(),
          maxRetryAfterSeconds: config.maxRetryAfterMs() / 1000,
        }),
        logger,
        timeoutMs: config.timeoutMs(),
        maxRetryAfterSeconds: config.maxRetryAfterMs() / 1000,
      });
      this.clients.set(key, client);
    }
    return client;
  }
}
