/**
 * The PingOne explorer's tree: every configured environment; expanded, its phone delivery
 * settings, the notification settings' fallback chain and where each provider is used. An
 * environment is read when it is first expanded, with three requests (workflow
 * `readExplorerData`: the list, the notification settings, the policies), and kept until it is
 * refreshed. Each environment loads on its own: one that fails shows its error, the others load.
 */
import * as vscode from 'vscode';
import { redactString } from '../../../server/src/pingone/redact';
import type { PhoneDeliverySettings } from '../../../server/src/pingone/types';
import { explorerModel, readExplorerData, type ExplorerModel } from '../../../server/src/workflow/explorer';
import type { EnvironmentUsage } from '../../../server/src/workflow/usage';
import { SECTION, SettingIds, config } from '../config';
import type { PingOneDeps } from '../commands/pingoneDeps';
import { secretValuesFor } from '../commands/secretValues';
import type { EnvironmentChoice } from '../session';
import { parentOf, treeItemOf, type EnvironmentNode, type ExplorerNode } from './nodes';

export type EnvironmentState =
  | { kind: 'loading' }
  | { kind: 'notApproved' }
  | { kind: 'noSecret' }
  | { kind: 'error'; message: string }
  | {
      kind: 'loaded';
      list: PhoneDeliverySettings[];
      /** Undefined when where the providers are used could not be read (`model.usageError`). */
      usage?: EnvironmentUsage;
      model: ExplorerModel;
    };

interface Entry {
  state: EnvironmentState;
  /** Settles when the state is no longer `loading`. */
  done: Promise<EnvironmentState>;
  /** The environment's child nodes for this state, built once. */
  children?: ExplorerNode[];
}

export class PhoneDeliveryExplorer implements vscode.TreeDataProvider<ExplorerNode> {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** By environment name; cleared by a refresh. */
  private readonly entries = new Map<string, Entry>();
  /** The environment nodes handed to VS Code: the same objects until the environments change. */
  private envNodes: EnvironmentNode[] | undefined;
  /**
   * The children of every node below an environment, built once per read: VS Code (reveal, the
   * arguments of the menus) tells nodes apart by object, so a node is the same object until refreshed.
   */
  private readonly kids = new WeakMap<ExplorerNode, ExplorerNode[]>();

  constructor(private readonly deps: PingOneDeps) {}

  register(context: vscode.ExtensionContext): void {
    context.subscriptions.push(
      this.changed,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if ([SettingIds.environments, SettingIds.activeEnvironment].some((s) => e.affectsConfiguration(`${SECTION}.${s}`))) this.refresh();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.refresh()),
      // A client secret set from the palette: the environments that lacked one can load now.
      context.secrets.onDidChange(() => {
        for (const [name, entry] of this.entries) if (entry.state.kind === 'noSecret') this.refreshEnvironment(name);
      }),
    );
  }

  /** Forgets every environment's data and reads the environments from the settings again. */
  refresh(): void {
    this.entries.clear();
    this.envNodes = undefined;
    this.changed.fire(undefined);
  }

  /** Forgets one environment's data: it is read again (three requests) when VS Code asks for its children. */
  refreshEnvironment(name: string): void {
    this.entries.delete(name);
    const node = this.envNodes?.find((n) => n.choice.env.name === name);
    this.changed.fire(node);
  }

  environmentNodes(): EnvironmentNode[] {
    if (!this.envNodes) {
      const active = config.activeEnvironment();
      this.envNodes = this.deps.session
        .environments()
        .choices.map((choice) => ({ kind: 'environment' as const, choice, active: choice.env.name === active }));
    }
    return this.envNodes;
  }

  environmentNode(name: string): EnvironmentNode | undefined {
    return this.environmentNodes().find((n) => n.choice.env.name === name);
  }

  /** The environment's state now (undefined: not read since the last refresh). */
  stateOf(name: string): EnvironmentState | undefined {
    return this.entries.get(name)?.state;
  }

  /** The environment's state once read (starting the read if it has not started). */
  whenLoaded(node: EnvironmentNode): Promise<EnvironmentState> {
    return this.entry(node).done;
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    return treeItemOf(node);
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    return parentOf(node);
  }

  getChildren(node?: ExplorerNode): ExplorerNode[] {
    if (!node) return this.topLevel();
    if (node.kind === 'environment') {
      const entry = this.entry(node);
      entry.children ??= this.environmentChildren(node, entry.state);
      return entry.children;
    }
    let children = this.kids.get(node);
    if (!children) {
      children = this.childrenOf(node);
      this.kids.set(node, children);
    }
    return children;
  }

  private childrenOf(node: ExplorerNode): ExplorerNode[] {
    switch (node.kind) {
      case 'chain':
        return node.entries.map((entry) => ({ kind: 'chainEntry', parent: node, entry }));
      case 'provider':
        return [{ kind: 'usedBy', parent: node }];
      case 'usedBy': {
        const { usedBy } = node.parent.provider;
        if (usedBy === undefined) {
          const state = this.stateOf(node.parent.parent.choice.env.name);
          const message = (state?.kind === 'loaded' && state.model.usageError) || 'where it is used could not be read';
          return [{ kind: 'usageUnknown', parent: node, message }];
        }
        return usedBy.length
          ? usedBy.map((item, index) => ({ kind: 'reference', parent: node, item, index }))
          : [{ kind: 'unused', parent: node }];
      }
      default:
        return [];
    }
  }

  private topLevel(): ExplorerNode[] {
    if (!vscode.workspace.isTrusted)
      return [
        {
          kind: 'notice',
          key: 'untrusted',
          label: 'PingOne is disabled until you trust this workspace',
          tooltip: 'In an untrusted workspace nothing is sent to PingOne. Trust the workspace to see its environments.',
          icon: 'workspace-untrusted',
          command: { title: 'Manage Workspace Trust', command: 'workbench.trust.manage' },
        },
      ];
    const nodes: ExplorerNode[] = [...this.environmentNodes()];
    const { problems } = this.deps.session.environments();
    problems.forEach((p, i) =>
      nodes.push({ kind: 'notice', key: `problem ${i}`, label: 'An environment entry is ignored', tooltip: p, icon: 'warning' }),
    );
    if (!this.environmentNodes().length)
      nodes.unshift({
        kind: 'notice',
        key: 'none',
        label: 'No PingOne environment is configured',
        tooltip: 'Add one to the "pingone.environments" setting.',
        icon: 'gear',
        command: { title: 'Open Settings', command: 'workbench.action.openSettings', arguments: ['pingone.environments'] },
      });
    return nodes;
  }

  private environmentChildren(node: EnvironmentNode, state: EnvironmentState): ExplorerNode[] {
    switch (state.kind) {
      case 'loading':
        return [{ kind: 'loading', parent: node }];
      case 'notApproved':
        return [{ kind: 'notApproved', parent: node }];
      case 'noSecret':
        return [{ kind: 'noSecret', parent: node }];
      case 'error':
        return [{ kind: 'envError', parent: node, message: state.message }];
      case 'loaded': {
        const { model } = state;
        const chain: ExplorerNode = model.chain
          ? { kind: 'chain', parent: node, entries: model.chain }
          : { kind: 'chainError', parent: node, message: model.usageError ?? 'not read' };
        const providers: ExplorerNode[] = model.providers.map((provider) => ({ kind: 'provider', parent: node, provider }));
        return [chain, ...(providers.length ? providers : [{ kind: 'empty' as const, parent: node }])];
      }
    }
  }

  private entry(node: EnvironmentNode): Entry {
    const name = node.choice.env.name;
    const existing = this.entries.get(name);
    if (existing) return existing;
    const entry: Entry = { state: { kind: 'loading' }, done: Promise.resolve({ kind: 'loading' }) };
    entry.done = this.load(node.choice).then((state) => {
      // A refresh while this read was under way replaced the entry: this answer is dropped.
      if (this.entries.get(name) === entry) {
        entry.state = state;
        entry.children = undefined;
        this.changed.fire(this.envNodes?.find((n) => n.choice.env.name === name));
      }
      return state;
    });
    this.entries.set(name, entry);
    return entry;
  }

  private async load(choice: EnvironmentChoice): Promise<EnvironmentState> {
    const { session } = this.deps;
    const env = choice.env;
    // Nothing is asked when a node is expanded: an entry to allow or a missing secret is a node of its own.
    if (!session.isApproved(choice)) return { kind: 'notApproved' };
    let secretValues: string[] = [];
    try {
      if (!(await session.clientSecret(env))) return { kind: 'noSecret' };
      const client = await session.client(env);
      if (!client) return { kind: 'error', message: `Nothing was requested from "${env.name}" (see the message).` };
      secretValues = await secretValuesFor(session, env, client);
      const data = await readExplorerData(client, { secretValues });
      // The read may have fetched a token: it is one of the secrets now.
      secretValues = await secretValuesFor(session, env, client);
      if (data.kind === 'error') return { kind: 'error', message: redactString(data.message, secretValues) };
      const usage = data.kind === 'ok' ? data.usage : undefined;
      const model = explorerModel(data.list, usage, secretValues, data.kind === 'usage-unreadable' ? data.message : undefined);
      return { kind: 'loaded', list: data.list, ...(usage ? { usage } : {}), model };
    } catch (e) {
      // The tree's one guard (as the command table's): a failure shows on this environment's node only.
      const message = e instanceof Error ? e.message : String(e);
      this.deps.ctx.log.error(redactString(`explorer: loading "${env.name}": ${message}`, secretValues));
      return { kind: 'error', message: redactString(message, secretValues) };
    }
  }
}
