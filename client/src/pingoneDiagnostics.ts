/**
 * PingOne's own refusals on the sent document: each cause (`details[]`, located by its `target`)
 * becomes one diagnostic (source `PingOne`) on the matching range, cleared by the next edit of that
 * document. A cause the local checker already marks there with the same meaning is not marked twice
 * (`rejectionReport` in server/src/workflow/rejection.ts says how that is decided).
 */
import * as vscode from 'vscode';
import type { PingOneError } from '../../server/src/pingone/errors';
import { rejectionReport, type LocalProblem, type RejectionReport } from '../../server/src/workflow/rejection';

export const PINGONE_SOURCE = 'PingOne';

export class PingOneDiagnostics {
  private readonly collection = vscode.languages.createDiagnosticCollection(PINGONE_SOURCE);

  register(context: vscode.ExtensionContext): void {
    context.subscriptions.push(
      this.collection,
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length && this.collection.has(e.document.uri)) this.collection.delete(e.document.uri);
      }),
    );
  }

  /** Marks the causes of `error` in `doc`; returns the report (what is marked, what the checker already marks). */
  show(
    doc: vscode.TextDocument,
    error: PingOneError,
    secretValues: readonly string[],
  ): RejectionReport & { diagnostics: vscode.Diagnostic[] } {
    const local: LocalProblem[] = vscode.languages
      .getDiagnostics(doc.uri)
      .filter((d) => d.source !== PINGONE_SOURCE)
      .map((d) => {
        const offset = doc.offsetAt(d.range.start);
        return {
          offset,
          length: doc.offsetAt(d.range.end) - offset,
          code: typeof d.code === 'object' ? String(d.code.value) : d.code === undefined ? undefined : String(d.code),
          error: d.severity === vscode.DiagnosticSeverity.Error,
        };
      });
    const report = rejectionReport(doc.getText(), error, local, secretValues);
    const diagnostics = report.problems.map((p) => {
      const range = new vscode.Range(doc.positionAt(p.offset), doc.positionAt(p.offset + p.length));
      const diag = new vscode.Diagnostic(range, p.message, vscode.DiagnosticSeverity.Error);
      diag.source = PINGONE_SOURCE;
      if (p.code) diag.code = p.code;
      return diag;
    });
    this.collection.set(doc.uri, diagnostics);
    return { ...report, diagnostics };
  }

  clear(uri: vscode.Uri): void {
    this.collection.delete(uri);
  }
}
