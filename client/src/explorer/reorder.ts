/**
 * Reordering the notification settings' SMS/voice fallback chain from the explorer (Move Up, Move
 * Down, drag and drop): the chain is read again first (a change made in PingOne since the explorer
 * read it is never overwritten), the old and new order are confirmed in a modal dialog (and the
 * environment, when it is production), then one PUT of the notification settings.
 */
import * as vscode from 'vscode';
import { errorText } from '../../../server/src/pingone/errors';
import { redactString } from '../../../server/src/pingone/redact';
import { chainInOneLine, describeReorder, droppedInChain, movedInChain } from '../../../server/src/workflow/explorer';
import { applyReferenceEdits, chainEdit } from '../../../server/src/workflow/usage';
import { confirmProductionChange } from '../commands/dialogs';
import type { PingOneDeps } from '../commands/pingoneDeps';
import { connect } from './actions';
import type { ChainEntryNode, ChainNode, EnvironmentNode, ExplorerNode } from './nodes';
import type { PhoneDeliveryExplorer } from './tree';

export type ReorderOutcome = 'reordered' | 'cancelled' | 'changed-in-pingone' | 'failed';

export const REORDER = 'Reorder';

/** Writes `after` as the chain of the node's environment, if the chain still is `before` and the person confirms. */
export async function reorderChain(
  deps: PingOneDeps,
  explorer: PhoneDeliveryExplorer,
  node: EnvironmentNode,
  before: readonly string[],
  after: string[],
): Promise<ReorderOutcome | undefined> {
  const c = await connect(deps, node);
  if (!c) return undefined;
  const { env, client } = c;
  const secrets = (): string[] => [...c.secretValues, ...client.knownSecrets()];
  const fresh = await client.getNotificationSettings({ secretValues: secrets() });
  if (fresh.kind !== 'ok') {
    void vscode.window.showErrorMessage(
      redactString(`The fallback chain of "${env.name}" was not changed: it could not be read again: ${errorText(fresh)}`, secrets()),
    );
    return 'failed';
  }
  const current = fresh.value.smsProvidersFallbackChain ?? [];
  if (JSON.stringify(current) !== JSON.stringify(before)) {
    explorer.refreshEnvironment(env.name);
    void vscode.window.showWarningMessage(
      `The fallback chain of "${env.name}" changed in PingOne since the explorer read it, so it was not changed. The explorer now shows it as it is: reorder it again.`,
    );
    return 'changed-in-pingone';
  }
  const state = explorer.stateOf(env.name);
  const list = state?.kind === 'loaded' ? state.list : [];
  const answer = await vscode.window.showWarningMessage(
    `Reorder the SMS/voice fallback chain of "${env.name}"?`,
    {
      modal: true,
      detail: `${describeReorder(before, after, list, secrets())}\n\nPingOne tries these providers in this order for SMS and voice messages.`,
    },
    REORDER,
  );
  if (answer !== REORDER || !(await confirmProductionChange(env, 'Change the SMS/voice fallback chain of', REORDER))) return 'cancelled';

  const usage = { settings: fresh.value, policies: [] };
  const report = await applyReferenceEdits(client, usage, [chainEdit(usage, after)], { secretValues: secrets() });
  explorer.refreshEnvironment(env.name);
  void deps.environments.afterWrite(env); // the per-file status and the usage hover read it again
  if (!report.ok) {
    const step = report.steps[0];
    void vscode.window.showErrorMessage(
      redactString(
        step.maybeApplied
          ? `The fallback chain of "${env.name}" may or may not have been changed (${step.message}). The explorer now shows it as PingOne has it.`
          : `The fallback chain of "${env.name}" was not changed: ${step.message}`,
        secrets(),
      ),
    );
    return 'failed';
  }
  void vscode.window.showInformationMessage(
    `The SMS/voice fallback chain of "${env.name}" is now: ${chainInOneLine(after, list, secrets())}.`,
  );
  return 'reordered';
}

/** Move Up (`delta` -1) / Move Down (+1) of a chain entry. */
export function moveEntry(
  deps: PingOneDeps,
  explorer: PhoneDeliveryExplorer,
  node: ChainEntryNode,
  delta: -1 | 1,
): Promise<ReorderOutcome | undefined> {
  const chain = node.parent.entries.map((e) => e.id);
  const after = movedInChain(chain, node.entry.position, node.entry.position + delta);
  if (!after) return Promise.resolve(undefined);
  return reorderChain(deps, explorer, node.parent.parent, chain, after);
}

/** Drag and drop of a chain entry within its chain: onto another entry (it takes that place) or onto the chain (last). */
export class ChainDragAndDrop implements vscode.TreeDragAndDropController<ExplorerNode> {
  static readonly MIME = 'application/vnd.code.tree.pingone.explorer';
  readonly dragMimeTypes = [ChainDragAndDrop.MIME];
  readonly dropMimeTypes = [ChainDragAndDrop.MIME];
  /** The last drop's outcome (for the integration test: VS Code does not hand back what handleDrop returns). */
  lastDrop: Promise<ReorderOutcome | undefined> | undefined;

  constructor(
    private readonly deps: PingOneDeps,
    private readonly explorer: PhoneDeliveryExplorer,
  ) {}

  handleDrag(source: readonly ExplorerNode[], dataTransfer: vscode.DataTransfer, _token?: vscode.CancellationToken): void {
    // One entry at a time: the confirmation shows the one move.
    const entries = source.filter((n): n is ChainEntryNode => n.kind === 'chainEntry');
    if (entries.length === 1 && source.length === 1) dataTransfer.set(ChainDragAndDrop.MIME, new vscode.DataTransferItem(entries[0]));
  }

  async handleDrop(target: ExplorerNode | undefined, dataTransfer: vscode.DataTransfer, _token?: vscode.CancellationToken): Promise<void> {
    const dragged = dataTransfer.get(ChainDragAndDrop.MIME)?.value as ChainEntryNode | undefined;
    if (!dragged || dragged.kind !== 'chainEntry' || !target) return;
    const chainNode: ChainNode | undefined = target.kind === 'chainEntry' ? target.parent : target.kind === 'chain' ? target : undefined;
    if (!chainNode) return;
    if (chainNode.parent.choice.env.name !== dragged.parent.parent.choice.env.name) {
      void vscode.window.showInformationMessage("A fallback chain entry moves only within its own environment's chain.");
      return;
    }
    const chain = dragged.parent.entries.map((e) => e.id);
    const after = droppedInChain(chain, dragged.entry.position, target.kind === 'chainEntry' ? target.entry.position : undefined);
    if (!after) return;
    this.lastDrop = reorderChain(this.deps, this.explorer, dragged.parent.parent, chain, after);
    try {
      await this.lastDrop;
    } catch (e) {
      // The drop is wiring of its own (no command table around it): its one guard.
      const message = e instanceof Error ? e.message : String(e);
      this.deps.ctx.log.error(`explorer: drop: ${message}`);
      void vscode.window.showErrorMessage(`PingOne: ${message}`);
    }
  }
}
