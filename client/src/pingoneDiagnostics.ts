/**
 * PingOne's own rejections on the sent document: each `details[].target` becomes a diagnostic
 * (source `PingOne`) on the matching range, cleared by the next edit of that document.
 */
import * as vscode from 'vscode';
import type { PingOneError } from '../../server/src/pingone/errors';
import { redactString } from '../../server/src/pingone/redact';
import { targetLocator } from '../../server/src/workflow/targets';

export class PingOneDiagnostics {
  private readonly collection = vscode.languages.createDiagnosticCollection('PingOne');

  register(context: vscode.ExtensionContext): void {
    context.subscriptions.push(
      this.collection,
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length && this.collection.has(e.document.uri)) this.collection.delete(e.document.uri);
      }),
    );
  }

  show(doc: vscode.TextDocument, error: PingOneError, secretValues: readonly string[]): vscode.Diagnostic[] {
    const text = doc.getText();
    const details = error.details.length ? error.details : [{ code: error.code, message: error.message, target: undefined }];
    const locate = targetLocator(text); // parsed once for all the details
    const diagnostics = details.map((d) => {
      const r = locate(d.target);
      const range = new vscode.Range(doc.positionAt(r.offset), doc.positionAt(r.offset + r.length));
      const what = redactString(d.message ?? error.message, secretValues);
      const message = r.matched || !d.target ? what : `${what} (target: ${d.target})`;
      const diag = new vscode.Diagnostic(range, message, vscode.DiagnosticSeverity.Error);
      diag.source = 'PingOne';
      if (d.code) diag.code = d.code;
      return diag;
    });
    this.collection.set(doc.uri, diagnostics);
    return diagnostics;
  }

  clear(uri: vscode.Uri): void {
    this.collection.delete(uri);
  }
}
