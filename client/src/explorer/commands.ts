/**
 * The explorer's commands, one table (registered with the others, under the same error guard).
 * They act on the node VS Code passes (an inline button or the context menu), so they are hidden
 * from the command palette; run without one, they say where to run them.
 */
import type { CommandTable } from '../commands/index';
import type { PingOneDeps } from '../commands/pingoneDeps';
import { allowEnvironment, compareWithBound, deleteFromExplorer, openAsDocument, setClientSecret } from './actions';
import { environmentOf, type ExplorerNode } from './nodes';
import { moveEntry } from './reorder';
import { replaceFromExplorer } from './replace';
import type { PhoneDeliveryExplorer } from './tree';

type Kind = ExplorerNode['kind'];

function nodeOf<K extends Kind>(arg: unknown, kind: K, command: string): Extract<ExplorerNode, { kind: K }> {
  if (arg && typeof arg === 'object' && (arg as { kind?: unknown }).kind === kind) return arg as Extract<ExplorerNode, { kind: K }>;
  throw new Error(`"${command}" acts on an item of the PingOne explorer: run it from there.`);
}

function environmentNode(arg: unknown, command: string) {
  const env = arg && typeof arg === 'object' && 'kind' in arg ? environmentOf(arg as ExplorerNode) : undefined;
  if (!env) throw new Error(`"${command}" acts on an environment of the PingOne explorer: run it from there.`);
  return env;
}

export function explorerCommands(deps: PingOneDeps, explorer: PhoneDeliveryExplorer): CommandTable {
  return {
    'pingone.explorer.refresh': { run: () => explorer.refresh() },
    'pingone.explorer.refreshEnvironment': {
      run: (_d, node) => explorer.refreshEnvironment(environmentNode(node, 'Refresh Environment').choice.env.name),
    },
    'pingone.explorer.openAsDocument': {
      run: (_d, node) => openAsDocument(deps, explorer, nodeOf(node, 'provider', 'Open as Document')),
    },
    'pingone.explorer.compareWithBound': {
      run: (_d, node) => compareWithBound(deps, explorer, nodeOf(node, 'provider', 'Compare with Bound File')),
    },
    'pingone.explorer.delete': { run: (_d, node) => deleteFromExplorer(deps, explorer, nodeOf(node, 'provider', 'Delete…')) },
    'pingone.explorer.replace': { run: (_d, node) => replaceFromExplorer(deps, explorer, nodeOf(node, 'provider', 'Replace…')) },
    'pingone.explorer.moveUp': { run: (_d, node) => moveEntry(deps, explorer, nodeOf(node, 'chainEntry', 'Move Up'), -1) },
    'pingone.explorer.moveDown': { run: (_d, node) => moveEntry(deps, explorer, nodeOf(node, 'chainEntry', 'Move Down'), 1) },
    'pingone.explorer.setClientSecret': {
      run: (_d, node) => setClientSecret(deps, explorer, environmentNode(node, 'Set Client Secret…')),
    },
    'pingone.explorer.allowEnvironment': {
      run: (_d, node) => allowEnvironment(deps, explorer, environmentNode(node, 'Allow Workspace Environment…')),
    },
  };
}
