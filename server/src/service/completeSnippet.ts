/**
 * Completion text for the client: the model's inserts (`model/snippet.ts`) as a snippet, or as plain
 * text laid out for the document, for clients without snippet support.
 */
import { plainText, snippetText, type Part } from '../model/snippet';

/**
 * Text for the client: a snippet, or plain text with the tab stops replaced by their defaults.
 * Multi-line plain text is laid out here (leading tabs → the document's indentation unit, later
 * lines indented like the cursor line), because such clients insert it as it is.
 */
export function finalizeInsert(
  insert: readonly Part[],
  snippetSupport: boolean,
  lineIndent: string,
  unit: string,
): { text: string; multiline: boolean } {
  let text = plainText(insert);
  const multiline = text.includes('\n');
  if (snippetSupport) return { text: snippetText(insert), multiline };
  if (multiline) {
    text = text
      .split('\n')
      .map((line, i) => {
        const body = line.replace(/^\t+/, (tabs) => unit.repeat(tabs.length));
        return i === 0 ? body : lineIndent + body;
      })
      .join('\n');
  }
  return { text, multiline };
}

/** The indentation unit of a document: a tab, or the smallest run of leading spaces; 2 spaces if none. */
export function detectIndentUnit(text: string): string {
  let smallest = 0;
  let lines = 0;
  const re = /\n([ \t]+)\S/g;
  for (let m = re.exec(text); m && lines < 200; m = re.exec(text), lines++) {
    if (m[1][0] === '\t') return '\t';
    if (smallest === 0 || m[1].length < smallest) smallest = m[1].length;
  }
  return smallest > 0 ? ' '.repeat(Math.min(smallest, 8)) : '  ';
}
