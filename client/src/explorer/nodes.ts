/**
 * The nodes of the PingOne explorer and how each one looks. Every text comes from the workflow's
 * `explorerModel` (redacted there) or names the environment; no node has a click command that
 * writes or opens anything: the actions are inline buttons and the context menu.
 */
import * as vscode from 'vscode';
import type { ChainEntry, ExplorerProvider, UsedByItem } from '../../../server/src/workflow/explorer';
import { shortId } from '../../../server/src/workflow/explorer';
import type { EnvironmentChoice } from '../session';

export interface EnvironmentNode {
  kind: 'environment';
  choice: EnvironmentChoice;
  active: boolean;
}
export interface ChainNode {
  kind: 'chain';
  parent: EnvironmentNode;
  entries: ChainEntry[];
}
export interface ChainEntryNode {
  kind: 'chainEntry';
  parent: ChainNode;
  entry: ChainEntry;
}
export interface ProviderNode {
  kind: 'provider';
  parent: EnvironmentNode;
  provider: ExplorerProvider;
}
export interface UsedByNode {
  kind: 'usedBy';
  parent: ProviderNode;
}

export type ExplorerNode =
  /** A node of its own at the top: untrusted workspace, no environment, an unusable entry. */
  | { kind: 'notice'; key: string; label: string; tooltip?: string; icon: string; command?: vscode.Command }
  | EnvironmentNode
  | { kind: 'loading'; parent: EnvironmentNode }
  | { kind: 'envError'; parent: EnvironmentNode; message: string }
  | { kind: 'noSecret'; parent: EnvironmentNode }
  | { kind: 'notApproved'; parent: EnvironmentNode }
  | { kind: 'empty'; parent: EnvironmentNode }
  | ChainNode
  | { kind: 'chainError'; parent: EnvironmentNode; message: string }
  | ChainEntryNode
  | ProviderNode
  | UsedByNode
  | { kind: 'reference'; parent: UsedByNode; item: UsedByItem; index: number }
  | { kind: 'unused'; parent: UsedByNode }
  | { kind: 'usageUnknown'; parent: UsedByNode; message: string };

/** The environment a node belongs to (undefined for the top notices). */
export function environmentOf(node: ExplorerNode): EnvironmentNode | undefined {
  let n: ExplorerNode | undefined = node;
  while (n && n.kind !== 'environment') n = 'parent' in n ? (n.parent as ExplorerNode) : undefined;
  return n;
}

export function parentOf(node: ExplorerNode): ExplorerNode | undefined {
  return 'parent' in node ? (node.parent as ExplorerNode) : undefined;
}

/** A stable id per node (expansion and selection survive a refresh); names may hold any character. */
function idOf(node: ExplorerNode): string {
  const env = environmentOf(node)?.choice.env.name;
  switch (node.kind) {
    case 'notice':
      return JSON.stringify(['notice', node.key]);
    case 'chainEntry':
      return JSON.stringify([env, 'chain', node.entry.position]);
    case 'provider':
      return JSON.stringify([env, 'provider', node.provider.id]);
    case 'usedBy':
    case 'unused':
    case 'usageUnknown':
      return JSON.stringify([env, 'provider', (node.kind === 'usedBy' ? node : node.parent).parent.provider.id, node.kind]);
    case 'reference':
      return JSON.stringify([env, 'provider', node.parent.parent.provider.id, 'reference', node.index]);
    default:
      return JSON.stringify([env, node.kind]);
  }
}

const icon = (id: string, color?: string): vscode.ThemeIcon => new vscode.ThemeIcon(id, color ? new vscode.ThemeColor(color) : undefined);

function item(label: string, collapsible: vscode.TreeItemCollapsibleState, fields: Partial<vscode.TreeItem>): vscode.TreeItem {
  return Object.assign(new vscode.TreeItem(label, collapsible), fields);
}

export function treeItemOf(node: ExplorerNode): vscode.TreeItem {
  const { Collapsed, Expanded, None } = vscode.TreeItemCollapsibleState;
  const id = idOf(node);
  switch (node.kind) {
    case 'notice':
      return item(node.label, None, { id, tooltip: node.tooltip ?? node.label, iconPath: icon(node.icon), command: node.command });
    case 'environment': {
      const { env, scope } = node.choice;
      return item(env.name, Collapsed, {
        id,
        contextValue: 'pingone.environment',
        description: [env.production ? 'production' : undefined, node.active ? 'active' : undefined, shortId(env.environmentId)]
          .filter(Boolean)
          .join(' · '),
        tooltip: [
          `Environment ${env.name}${node.active ? ' (the active environment)' : ''}`,
          `Id: ${env.environmentId}`,
          `API: ${env.apiBase}`,
          `From: ${scope} settings`,
          `Production: ${env.production ? 'yes (every change is confirmed)' : 'no'}`,
        ].join('\n'),
        iconPath: icon(env.production ? 'server-environment' : 'cloud', env.production ? 'charts.orange' : undefined),
      });
    }
    case 'loading':
      return item('Loading…', None, { id, iconPath: icon('loading~spin') });
    case 'envError':
      return item('Could not load', None, {
        id,
        contextValue: 'pingone.envError',
        description: node.message,
        tooltip: node.message,
        iconPath: icon('error', 'errorForeground'),
      });
    case 'noSecret': {
      const { env } = node.parent.choice;
      return item('No client secret set', None, {
        id,
        contextValue: 'pingone.noSecret',
        description: 'Set Client Secret…',
        tooltip: `No client secret is set for "${env.name}" (worker app ${env.clientId}): nothing was requested. Set it to load this environment.`,
        iconPath: icon('key', 'list.warningForeground'),
        // The node is the question: clicking it only opens the password box.
        command: { title: 'Set Client Secret…', command: 'pingone.explorer.setClientSecret', arguments: [node] },
      });
    }
    case 'notApproved': {
      const { env } = node.parent.choice;
      return item('Workspace environment not allowed yet', None, {
        id,
        contextValue: 'pingone.notApproved',
        description: 'Allow…',
        tooltip: `"${env.name}" comes from the workspace settings: nothing is sent to it until you allow it (the dialog shows where secrets and writes would go).`,
        iconPath: icon('shield', 'list.warningForeground'),
        command: { title: 'Allow…', command: 'pingone.explorer.allowEnvironment', arguments: [node] },
      });
    }
    case 'empty':
      return item('No phone delivery settings', None, {
        id,
        tooltip: `"${node.parent.choice.env.name}" has no phone delivery settings.`,
        iconPath: icon('info'),
      });
    case 'chain':
      return item('Fallback chain', node.entries.length ? Expanded : None, {
        id,
        contextValue: 'pingone.chain',
        description: node.entries.length ? `${node.entries.length} ${node.entries.length === 1 ? 'entry' : 'entries'}` : 'empty',
        tooltip:
          "The notification settings' SMS/voice fallback chain: PingOne tries these providers in this order. Move an entry with its arrows or by dragging it.",
        iconPath: icon('list-ordered'),
      });
    case 'chainError':
      return item('Fallback chain and policies not read', None, {
        id,
        description: node.message,
        tooltip: node.message,
        iconPath: icon('warning', 'list.warningForeground'),
      });
    case 'chainEntry': {
      const { entry } = node;
      const count = node.parent.entries.length;
      return item(entry.label, None, {
        id,
        contextValue: ['pingone.chainEntry', entry.position > 0 ? 'canMoveUp' : '', entry.position < count - 1 ? 'canMoveDown' : '']
          .filter(Boolean)
          .join(' '),
        description: entry.description,
        tooltip: entry.tooltip,
        iconPath: icon(entry.known ? 'arrow-small-right' : 'circle-small'),
      });
    }
    case 'provider':
      return item(node.provider.label, Collapsed, {
        id,
        contextValue: 'pingone.provider',
        description: node.provider.description,
        tooltip: node.provider.tooltip,
        iconPath: icon('radio-tower'),
      });
    case 'usedBy': {
      const used = node.parent.provider.usedBy;
      return item('Used by', Expanded, {
        id,
        description: used === undefined ? 'unknown' : used.length ? `${used.length}` : 'nothing',
        iconPath: icon('references'),
      });
    }
    case 'reference':
      return item(node.item.label, None, {
        id,
        description: node.item.description,
        tooltip: node.item.tooltip,
        iconPath: icon(node.item.reference.kind === 'chain' ? 'list-ordered' : 'law'),
      });
    case 'unused':
      return item('Not in the fallback chain or any policy', None, {
        id,
        tooltip: 'PingOne does not send through this provider until the fallback chain or a notification policy names it.',
        iconPath: icon('circle-slash'),
      });
    case 'usageUnknown':
      return item('Unknown', None, { id, description: node.message, tooltip: node.message, iconPath: icon('warning') });
  }
}
