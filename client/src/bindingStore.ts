/** Bindings (document → resource id per environment) in the workspace state: ids and timestamps, never secrets. */
import type * as vscode from 'vscode';
import { documentsBoundTo, type BindingRecord, type BindingStore } from '../../server/src/workflow/binding';

const BINDINGS = 'pingone.bindings';
const SEEN = 'pingone.lastSeen';

export class WorkspaceBindingStore implements BindingStore {
  constructor(private readonly state: vscode.Memento) {}

  private all(): Record<string, BindingRecord> {
    return this.state.get<Record<string, BindingRecord>>(BINDINGS) ?? {};
  }

  get(documentKey: string, targetKey: string): BindingRecord | undefined {
    return this.all()[JSON.stringify([documentKey, targetKey])];
  }

  async set(documentKey: string, targetKey: string, record: BindingRecord): Promise<void> {
    await this.state.update(BINDINGS, { ...this.all(), [JSON.stringify([documentKey, targetKey])]: record });
    if (record.updatedAt) {
      const seen = this.state.get<Record<string, string>>(SEEN) ?? {};
      await this.state.update(SEEN, { ...seen, [JSON.stringify([targetKey, record.id])]: record.updatedAt });
    }
  }

  async delete(documentKey: string, targetKey: string): Promise<void> {
    const all = this.all();
    delete all[JSON.stringify([documentKey, targetKey])];
    await this.state.update(BINDINGS, all);
  }

  boundDocuments(targetKey: string, id: string): string[] {
    return documentsBoundTo(Object.entries(this.all()), targetKey, id);
  }

  lastSeen(targetKey: string, id: string): string | undefined {
    return (this.state.get<Record<string, string>>(SEEN) ?? {})[JSON.stringify([targetKey, id])];
  }
}
