/** The PingOne explorer: its view in the activity bar's "PingOne" container, and its drag and drop. */
import * as vscode from 'vscode';
import type { PingOneDeps } from '../commands/pingoneDeps';
import type { ExplorerNode } from './nodes';
import { ChainDragAndDrop } from './reorder';
import { PhoneDeliveryExplorer } from './tree';

export { explorerCommands } from './commands';

export const EXPLORER_VIEW = 'pingone.explorer';

export interface Explorer {
  tree: PhoneDeliveryExplorer;
  view: vscode.TreeView<ExplorerNode>;
  dragAndDrop: ChainDragAndDrop;
}

export function createExplorer(context: vscode.ExtensionContext, deps: PingOneDeps): Explorer {
  const tree = new PhoneDeliveryExplorer(deps);
  tree.register(context);
  const dragAndDrop = new ChainDragAndDrop(deps, tree);
  const view = vscode.window.createTreeView(EXPLORER_VIEW, {
    treeDataProvider: tree,
    dragAndDropController: dragAndDrop,
    showCollapseAll: true,
  });
  context.subscriptions.push(view);
  return { tree, view, dragAndDrop };
}
