/**
 * A document's status in every configured environment, from the cache (no request), remembered per
 * document version and cache generation: the CodeLens, the hover and the quick pick ask as often as
 * they like, and an edit costs one local recomputation (VS Code asks for lenses debounced after edits).
 */
import * as vscode from 'vscode';
import type { EnvironmentChoice } from '../../server/src/workflow/environments';
import { documentStatus, type DocumentStatus, type EnvironmentReading } from '../../server/src/workflow/environmentStatus';
import type { BindingStore } from '../../server/src/workflow/binding';
import type { EnvironmentCache } from './environmentCache';
import type { PingOneSession } from './session';

export interface EnvironmentStatus {
  choice: EnvironmentChoice;
  reading: EnvironmentReading;
  status: DocumentStatus;
}

interface Memo {
  version: number;
  generation: number;
  statuses: EnvironmentStatus[];
}

export class EnvironmentStatuses {
  private readonly memo = new Map<string, Memo>();

  constructor(
    context: vscode.ExtensionContext,
    private readonly session: PingOneSession,
    private readonly cache: EnvironmentCache,
    private readonly bindings: BindingStore,
  ) {
    context.subscriptions.push(vscode.workspace.onDidCloseTextDocument((d) => this.memo.delete(d.uri.toString())));
  }

  of(doc: vscode.TextDocument): EnvironmentStatus[] {
    const key = doc.uri.toString();
    const m = this.memo.get(key);
    if (m && m.version === doc.version && m.generation === this.cache.generation) return m.statuses;
    const input = { text: doc.getText(), documentKey: key, label: doc.uri.path.split('/').pop() || 'document' };
    const statuses = this.session.environments().choices.map((choice) => {
      const reading = this.cache.reading(choice.env);
      return {
        choice,
        reading,
        status: documentStatus(input, choice.env, reading, this.bindings, this.cache.secretValues(choice.env)),
      };
    });
    this.memo.set(key, { version: doc.version, generation: this.cache.generation, statuses });
    return statuses;
  }

  /** Forget what was computed (a binding changed outside the cache's knowledge). */
  clear(): void {
    this.memo.clear();
  }
}
