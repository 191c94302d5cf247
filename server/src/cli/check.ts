/** Runs the language service's checks on one text, as the editor would, plus the CLI's own rule. */
import { createTextDocument } from '../service/textDocument';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { createPhoneDeliveryService, DIAGNOSTIC_SOURCE, type Diagnostic, type PhoneDeliveryService } from '../service';

/** The service as the CLI uses it: checks only, so the editor-facing options do not matter. */
export function cliService(): PhoneDeliveryService {
  return createPhoneDeliveryService({ templateCompletions: false, snippetSupport: false, markdown: false });
}

/**
 * Diagnostics of one body, in document order. An empty text is fine while typing in an editor
 * (completion offers whole templates) but is an error for a file given to the CLI.
 */
export function checkText(service: PhoneDeliveryService, text: string, uri: string): Diagnostic[] {
  const document = createTextDocument(uri, 'json', 1, text);
  const diagnostics = service.validate(document, service.parse(document));
  if (text.trim() === '' && !diagnostics.some((d) => d.code === 'invalid-json')) {
    diagnostics.unshift({
      range: { start: { line: 0, character: 0 }, end: document.positionAt(text.length) },
      severity: DiagnosticSeverity.Error,
      source: DIAGNOSTIC_SOURCE,
      code: 'invalid-json',
      message: 'The document is empty; a phone delivery settings body is a JSON object.',
    });
  }
  return diagnostics
    .map((d, i) => ({ d, i }))
    .sort((a, b) => compare(a.d, b.d) || a.i - b.i)
    .map(({ d }) => d);
}

function compare(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

/** An error fails the check; warnings and information do not. No severity counts as an error, as in LSP clients. */
export function isError(d: Diagnostic): boolean {
  return d.severity === undefined || d.severity === DiagnosticSeverity.Error;
}
