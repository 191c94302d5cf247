/**
 * The extension's side of talking to PingOne: which environment is active, where its entry comes
 * from (and whether the person approved its URLs), its secrets in SecretStorage, and one HTTP
 * client (with its own token cache) per environment entry, over VS Code's `fetch`.
 */
import * as vscode from 'vscode';
import { PingOneClient } from '../../server/src/pingone/api';
import { TokenCache } from '../../server/src/pingone/tokens';
import { formatRequestLogEntry } from '../../server/src/pingone/log';
import { byLoopbackAddress, withDirectLoopback } from '../../server/src/pingone/loopback';
import { isLoopbackHost } from '../../server/src/pingone/endpoints';
import { loopbackProxy } from './loopbackProxy';
import type { FetchFunction } from '../../server/src/pingone/http';
import {
  approvalDetail,
  approvalKey,
  approvalKeyName,
  environmentChoices,
  secretLookingVariables,
  secretVariableKey,
  type EnvironmentChoice,
  type ResolvedEnvironment,
} from '../../server/src/workflow/environments';
import type { KnownSecrets } from '../../server/src/workflow/pull';
import { config, SECTION, SettingIds } from './config';
import { pickOne } from './quickPick';
import { markWalkthrough } from './walkthrough';
import type { Ctx } from './ctx';

const APPROVALS = 'pingone.approvedEnvironments';
/** Names (never values) of the secret variables stored per target: SecretStorage cannot list its keys. */
const SECRET_VARIABLE_NAMES = 'pingone.secretVariableNames';
/** Access tokens remembered for redaction (memory only), the newest ones. */
const MAX_TOKENS_SEEN = 32;

export type { EnvironmentChoice };

export class PingOneSession {
  private readonly clients = new Map<string, PingOneClient>();
  /** Access tokens the token endpoints handed out in this session, by token URL: redacted like the secrets. */
  private readonly tokensSeen = new Map<string, string[]>();

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

  /**
   * Every entry, resolved, with the scope it comes from; problems are reported, not thrown. The user's
   * entries win: a workspace entry of the same name is ignored (with a warning). In an untrusted
   * workspace, workspace entries are ignored (the setting is restricted, and the extension does not
   * rely on VS Code alone for that).
   */
  environments(): { choices: EnvironmentChoice[]; problems: string[]; warnings: string[] } {
    const inspected = config.section().inspect<unknown[]>(SettingIds.environments);
    const { choices, problems, warnings } = environmentChoices(
      { user: inspected?.globalValue, workspace: inspected?.workspaceValue, workspaceFolder: inspected?.workspaceFolderValue },
      { trusted: vscode.workspace.isTrusted },
    );
    for (const c of choices) {
      const suspicious = secretLookingVariables(c.env);
      if (suspicious.length) {
        const w = `Environment "${c.env.name}": the variables ${suspicious.join(', ')} look like secrets. Settings are plain text: use "PingOne: Set Secret Variable" instead.`;
        problems.push(w);
        warnings.push(w);
      }
    }
    return { choices, problems, warnings };
  }

  /** The active environment, asking to pick one when none is set; undefined when the person cancels. */
  private warned = new Set<string>();

  async activeEnvironment(): Promise<EnvironmentChoice | undefined> {
    const { choices, problems, warnings } = this.environments();
    for (const p of problems) this.ctx.log.warn(p);
    // Shown once per session: a secret in settings is plain text on disk (and maybe in a repository); an
    // ignored workspace entry would otherwise look like a setting that does nothing.
    for (const w of warnings) {
      if (this.warned.has(w)) continue;
      this.warned.add(w);
      void vscode.window.showWarningMessage(w);
    }
    if (!choices.length) {
      await this.noEnvironment(problems);
      return undefined;
    }
    const name = config.activeEnvironment();
    const found = choices.find((c) => c.env.name === name);
    if (found) return found;
    // Only one to choose from: it is the one (and the status bar says so).
    if (choices.length === 1) return (await this.setActive(choices[0].env.name)) ? choices[0] : undefined;
    return this.pickEnvironment(choices);
  }

  /** Asks which environment is active (the current one marked and in focus); the pick is written to user settings. */
  async pickEnvironment(
    choices = this.environments().choices,
    current = config.activeEnvironment(),
  ): Promise<EnvironmentChoice | undefined> {
    const items = choices.map((c) => ({
      label: c.env.name,
      description: [c.env.name === current ? 'active' : undefined, c.env.environmentId, c.env.production ? 'production' : undefined]
        .filter(Boolean)
        .join(' · '),
      detail: `${c.env.apiBase} · from ${c.scope} settings`,
      choice: c,
    }));
    const pick = await pickOne(items, {
      title: 'PingOne environment',
      placeholder: current
        ? `Active: ${current}. Which environment do PingOne commands use?`
        : 'Which environment do PingOne commands use?',
      active: items.find((i) => i.label === current),
    });
    if (!pick) return undefined;
    return (await this.setActive(pick.choice.env.name)) ? pick.choice : undefined;
  }

  /**
   * "PingOne: Select Environment": always a pick (one environment too: it shows which one is active),
   * then the choice said out loud. It is written where it takes effect: user settings, the only scope
   * VS Code reads this `application` setting from (a workspace's value is not even passed on).
   */
  async selectEnvironment(): Promise<EnvironmentChoice | undefined> {
    const { choices, problems } = this.environments();
    if (!choices.length) {
      await this.noEnvironment(problems);
      return undefined;
    }
    const chosen = await this.pickEnvironment(choices);
    if (!chosen) return undefined;
    void vscode.window.showInformationMessage(`Active environment: ${chosen.env.name}.`);
    return chosen;
  }

  private async noEnvironment(problems: string[]): Promise<void> {
    const action = await vscode.window.showErrorMessage(
      problems.length
        ? `No usable PingOne environment: ${problems[0]}`
        : 'No PingOne environment is configured. Add one to the "pingone.environments" setting.',
      'Open Settings',
    );
    if (action) await vscode.commands.executeCommand('workbench.action.openSettings', 'pingone.environments');
  }

  /** Writes the user setting (the only scope it is read from); says so when it cannot. True when `name` is now active. */
  private async setActive(name: string): Promise<boolean> {
    if (config.activeEnvironment() === name) return true;
    const before = config.activeEnvironment();
    let failure: string | undefined;
    try {
      await config.section().update(SettingIds.activeEnvironment, name, vscode.ConfigurationTarget.Global);
    } catch (e) {
      failure = e instanceof Error ? e.message : String(e);
    }
    if (!failure && config.activeEnvironment() === name) return true;
    const open = 'Open User Settings (JSON)';
    const action = await vscode.window.showErrorMessage(
      `The active environment is still ${before ? `"${before}"` : 'unset'}: "pingone.activeEnvironment" could not be written to your user settings${failure ? ` (${failure})` : ''}.`,
      open,
    );
    if (action === open) await vscode.commands.executeCommand('workbench.action.openSettingsJson');
    return false;
  }

  /**
   * Whether `choice` may be used without asking (`ensureApproved` would pass): a user entry, or a workspace
   * entry approved as it is now. The explorer and the environment status ask only when the person acts.
   */
  isApproved(choice: EnvironmentChoice): boolean {
    if (choice.scope === 'user') return true;
    return (this.ctx.extension.globalState.get<string[]>(APPROVALS) ?? []).includes(approvalKey(choice.env));
  }

  /**
   * A workspace entry is used only after the person approved it: every field that says where the
   * secrets and the writes go (`approvalKey`). A changed entry is asked about again.
   */
  async ensureApproved(choice: EnvironmentChoice): Promise<boolean> {
    if (choice.scope === 'user') return true;
    const key = approvalKey(choice.env);
    const approved = this.ctx.extension.globalState.get<string[]>(APPROVALS) ?? [];
    if (approved.includes(key)) return true;
    const changed = approved.some((k) => approvalKeyName(k) === choice.env.name);
    const answer = await vscode.window.showWarningMessage(
      changed
        ? `The workspace settings' PingOne environment "${choice.env.name}" changed since you allowed it. Allow it as it is now?`
        : `The workspace settings define the PingOne environment "${choice.env.name}". Allow it?`,
      { modal: true, detail: approvalDetail(choice.env) },
      'Allow',
    );
    if (answer !== 'Allow') return false;
    // The approval of this entry as it is now replaces those of its earlier versions (and of the older form, which covered less).
    const kept = approved.filter((k) => {
      const name = approvalKeyName(k);
      return name !== undefined && name !== choice.env.name;
    });
    await this.ctx.extension.globalState.update(APPROVALS, [...kept, key]);
    return true;
  }

  clientSecret(env: ResolvedEnvironment): Thenable<string | undefined> {
    return this.secrets.get(env.clientSecretKey);
  }

  async setClientSecret(env: ResolvedEnvironment, secret: string | undefined): Promise<void> {
    if (secret) await this.secrets.store(env.clientSecretKey, secret);
    else await this.secrets.delete(env.clientSecretKey);
    if (secret) markWalkthrough('pingone.clientSecretSet');
    this.clients.delete(env.clientSecretKey + env.targetKey);
  }

  secretVariable(env: ResolvedEnvironment, name: string): Thenable<string | undefined> {
    return this.secrets.get(secretVariableKey(env, name));
  }

  async setSecretVariable(env: ResolvedEnvironment, name: string, value: string | undefined): Promise<void> {
    if (value) await this.secrets.store(secretVariableKey(env, name), value);
    else await this.secrets.delete(secretVariableKey(env, name));
    const index = this.ctx.extension.globalState.get<Record<string, string[]>>(SECRET_VARIABLE_NAMES) ?? {};
    const names = new Set(index[env.targetKey] ?? []);
    if (value) names.add(name);
    else names.delete(name);
    await this.ctx.extension.globalState.update(SECRET_VARIABLE_NAMES, { ...index, [env.targetKey]: [...names].sort() });
  }

  /**
   * Every secret known for `env`: its secret variables (those set through the extension, and those
   * named by `names`), its client secret, and the access tokens of this session. What the CLI knows
   * from its var files, `PINGONE_CLIENT_SECRET` and its token answers; for Pull and Compare.
   */
  async knownSecrets(env: ResolvedEnvironment, names: Iterable<string> = []): Promise<KnownSecrets> {
    const index = this.ctx.extension.globalState.get<Record<string, string[]>>(SECRET_VARIABLE_NAMES) ?? {};
    const byName = new Map<string, string>();
    for (const name of new Set([...(index[env.targetKey] ?? []), ...names])) {
      if (name in env.variables) continue;
      const value = await this.secretVariable(env, name);
      if (value) byName.set(name, value);
    }
    const clientSecret = await this.clientSecret(env);
    return { byName, values: [...(clientSecret ? [clientSecret] : []), ...(this.tokensSeen.get(env.tokenUrl) ?? [])] };
  }

  /** `base` (VS Code's fetch, loopback direct), remembering the access tokens that `env`'s token endpoint hands out. */
  private fetchFor(env: ResolvedEnvironment, base: FetchFunction): FetchFunction {
    return async (input, init) => {
      const response = await base(input, init);
      const url = input instanceof Request ? input.url : String(input);
      if (url === env.tokenUrl && response.ok) {
        try {
          const token = ((await response.clone().json()) as { access_token?: unknown }).access_token;
          if (typeof token === 'string' && token) {
            const seen = (this.tokensSeen.get(env.tokenUrl) ?? []).filter((t) => t !== token);
            this.tokensSeen.set(env.tokenUrl, [...seen, token].slice(-MAX_TOKENS_SEEN));
          }
        } catch {
          // Not JSON: the token cache reports it.
        }
      }
      return response;
    };
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
    const proxy = [env.apiBase, env.authBase].some((u) => isLoopbackHost(new URL(u).hostname)) ? loopbackProxy() : undefined;
    if (proxy) {
      void vscode.window.showErrorMessage(
        `Nothing was sent: "${env.name}" is on this machine (plain http), and ${proxy} would carry its requests through a proxy. Set "http.proxySupport" to "off" to use a local PingOne stand-in.`,
      );
      return undefined;
    }
    if (!client) {
      const logger = { request: (e: Parameters<typeof formatRequestLogEntry>[0]) => this.ctx.log.info(formatRequestLogEntry(e)) };
      // VS Code's global fetch follows the person's proxy and certificate settings; loopback (the local
      // stand-in) goes direct: never through a proxy, and `localhost` names never reach DNS.
      const vscodeFetch = (): FetchFunction => globalThis.fetch.bind(globalThis) as FetchFunction;
      const fetch = withDirectLoopback(vscodeFetch, () => byLoopbackAddress(vscodeFetch()));
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
          fetch: this.fetchFor(env, fetch),
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
