/**
 * What was last read of each configured environment (its providers, and where they are used), shared
 * by every open document: the CodeLens statuses, the usage hover and the quick pick of Send to
 * Environment… are computed from it without a request. It is read only on demand: "Check
 * environments" / "Refresh", a send, pull or delete through the extension (once something was
 * checked), and, when the setting asks for it, at most every `refreshIntervalMinutes`. Per environment
 * the requests go one after the other; environments are read in parallel.
 */
import * as vscode from 'vscode';
import type { PhoneDeliverySettings } from '../../server/src/pingone/types';
import type { PingOneClient } from '../../server/src/pingone/api';
import type { EnvironmentChoice, ResolvedEnvironment } from '../../server/src/workflow/environments';
import { readEnvironmentSnapshot, refreshDue, type EnvironmentReading } from '../../server/src/workflow/environmentStatus';
import { config, SECTION, SettingIds } from './config';
import type { PingOneSession } from './session';

interface Entry {
  reading: EnvironmentReading;
  /** Known secret values of the environment, redacted from what is shown (memory only). */
  secretValues: string[];
}

interface Job {
  done: Promise<void>;
  /** Asked again while running (a write happened meanwhile): read once more when done. */
  again: boolean;
}

/** An entry is the same environment while its name and target are: a changed entry is read afresh. */
function keyOf(env: ResolvedEnvironment): string {
  return JSON.stringify([env.name, env.targetKey, env.clientSecretKey]);
}

export class EnvironmentCache {
  private readonly entries = new Map<string, Entry>();
  private readonly jobs = new Map<string, Job>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a reading changes (or the settings that the statuses depend on do). */
  readonly onDidChange = this.changed.event;
  /** Bumped on every change, so that a caller can cache what it computed from the readings. */
  generation = 0;

  constructor(
    context: vscode.ExtensionContext,
    private readonly session: PingOneSession,
  ) {
    context.subscriptions.push(
      this.changed,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SECTION}.${SettingIds.environments}`)) this.forgetRemoved();
        if (e.affectsConfiguration(SECTION)) this.fire();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.fire()),
    );
  }

  private fire(): void {
    this.generation++;
    this.changed.fire();
  }

  reading(env: ResolvedEnvironment): EnvironmentReading {
    return this.entries.get(keyOf(env))?.reading ?? { kind: 'not-checked' };
  }

  secretValues(env: ResolvedEnvironment): string[] {
    return this.entries.get(keyOf(env))?.secretValues ?? [];
  }

  /** Whether anything was read (or tried) in this session: until then, nothing is read on its own. */
  get checked(): boolean {
    return [...this.entries.values()].some((e) => e.reading.kind !== 'not-checked');
  }

  /**
   * Reads every environment of `choices` again. `ask`: the person asked for it (a click), so workspace
   * entries not allowed yet are asked about, one after the other, before any request; otherwise they
   * are left alone. Nothing is read in an untrusted workspace.
   */
  async refresh(choices: readonly EnvironmentChoice[], opts: { ask: boolean }): Promise<void> {
    if (!vscode.workspace.isTrusted) return;
    const allowed: EnvironmentChoice[] = [];
    for (const choice of choices) {
      if (opts.ask ? await this.session.ensureApproved(choice) : this.session.isApproved(choice)) allowed.push(choice);
      else this.set(choice.env, { reading: { kind: 'not-allowed' }, secretValues: [] });
    }
    await Promise.all(allowed.map((c) => this.refreshOne(c.env)));
  }

  /** After a write through the extension to `env`: read it again, if the statuses are in use. */
  async afterWrite(env: ResolvedEnvironment | undefined): Promise<void> {
    if (!env || !this.checked || !config.environmentStatusEnabled() || !vscode.workspace.isTrusted) return;
    await this.refreshOne(env);
  }

  /** The automatic refresh (`refreshIntervalMinutes`), when due: started, not awaited. */
  refreshIfDue(choices: readonly EnvironmentChoice[]): void {
    if (!this.checked || !vscode.workspace.isTrusted) return;
    const minutes = config.environmentStatusRefreshMinutes();
    const due = choices.filter((c) => {
      const r = this.reading(c.env);
      const at = r.kind === 'read' || r.kind === 'failed' ? r.at : undefined;
      return !this.jobs.has(keyOf(c.env)) && refreshDue(at, Date.now(), minutes);
    });
    if (due.length) void this.refresh(due, { ask: false });
  }

  /** A list read elsewhere (Send to Environment's check before writing) replaces the cached one; the usage is kept. */
  storeList(env: ResolvedEnvironment, list: PhoneDeliverySettings[], secretValues: string[]): void {
    const r = this.reading(env);
    const usage = r.kind === 'read' ? r.usage : { kind: 'not-read' as const };
    this.set(env, { reading: { kind: 'read', list, usage, at: Date.now() }, secretValues });
  }

  /** One environment, its requests in order; a second call while it runs reads once more afterwards. */
  private refreshOne(env: ResolvedEnvironment): Promise<void> {
    const key = keyOf(env);
    const running = this.jobs.get(key);
    if (running) {
      running.again = true;
      return running.done;
    }
    const job: Job = { again: false, done: Promise.resolve() };
    job.done = (async () => {
      try {
        do {
          job.again = false;
          await this.read(env);
        } while (job.again);
      } finally {
        this.jobs.delete(key);
      }
    })();
    this.jobs.set(key, job);
    return job.done;
  }

  private async read(env: ResolvedEnvironment): Promise<void> {
    if (!(await this.session.clientSecret(env))) {
      this.set(env, { reading: { kind: 'no-secret' }, secretValues: [] });
      return;
    }
    if (this.reading(env).kind === 'not-checked') this.set(env, { reading: { kind: 'checking' }, secretValues: [] });
    const client = await this.session.client(env);
    if (!client) {
      this.set(env, {
        reading: { kind: 'failed', message: 'no connection could be set up (see the notification)', at: Date.now() },
        secretValues: [],
      });
      return;
    }
    const secretValues = await this.secretsOf(env, client);
    const snapshot = await readEnvironmentSnapshot(client, { secretValues });
    this.set(env, { reading: { ...snapshot, at: Date.now() }, secretValues });
  }

  /** Every secret known for `env`: its secret variables, its client secret, the tokens of this session. */
  async secretsOf(env: ResolvedEnvironment, client: PingOneClient): Promise<string[]> {
    const known = await this.session.knownSecrets(env);
    return [...known.values, ...known.byName.values(), ...client.knownSecrets()];
  }

  private set(env: ResolvedEnvironment, entry: Entry): void {
    this.entries.set(keyOf(env), entry);
    this.fire();
  }

  /** Entries of environments no longer configured are dropped (with their secret values). */
  private forgetRemoved(): void {
    const keys = new Set(this.session.environments().choices.map((c) => keyOf(c.env)));
    for (const k of this.entries.keys()) if (!keys.has(k)) this.entries.delete(k);
  }
}
