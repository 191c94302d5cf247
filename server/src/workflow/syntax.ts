/**
 * Where a document stops being JSON (issue 14: Send offered "Send Anyway" for a document that did not
 * parse, and Compare showed differences made up by the lenient parser). Send, Compare and Copy as
 * cURL refuse such a document and name the first error, as the editor's diagnostics state it.
 * Comments and trailing commas are not among these: they are dropped without doubt about the rest.
 */
import { parseDocument } from '../service/parse';

export interface SyntaxProblem {
  /** 1-based, as the editor's gutter counts. */
  line: number;
  column: number;
  message: string;
}

/** The first syntax error of `text`, or undefined when it parses (an empty text does not: there is nothing to send). */
export function firstSyntaxError(text: string): SyntaxProblem | undefined {
  if (text.trim() === '') return { line: 1, column: 1, message: 'The document is empty.' };
  const first = parseDocument(text).problems.find((p) => p.code === 'invalid-json');
  if (!first) return undefined;
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < first.offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: first.offset - lineStart + 1, message: first.message };
}

/** "Nothing was sent: line 7 is not valid JSON (A comma is expected between items.)" */
export function syntaxRefusal(nothingWas: string, p: SyntaxProblem): string {
  return `${nothingWas}: line ${p.line} is not valid JSON (${p.message.replace(/\.$/, '')}). Fix it, then try again.`;
}
