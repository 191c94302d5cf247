/**
 * Snippet text for completion: a small parser of the LSP snippet grammar (tab stops `$1`,
 * `${1:default}`, choices `${1|a,b|}`, variables, escapes `\$ \} \\`), so that snippets from the
 * model can be renumbered when several are combined, and turned into plain text for clients
 * without snippet support.
 */

type SnippetNode =
  | { kind: 'text'; value: string }
  | { kind: 'tabstop'; index: number; children: SnippetNode[] }
  | { kind: 'choice'; index: number; options: string[] }
  | { kind: 'variable'; name: string; children: SnippetNode[] };

const DIGITS = /^\d+/;
const NAME = /^[_a-zA-Z][_a-zA-Z0-9]*/;

class Parser {
  constructor(private readonly s: string) {}
  private i = 0;

  parse(): SnippetNode[] {
    return this.sequence(false);
  }

  /** A run of nodes; in a placeholder it stops before the `}` that closes it. */
  private sequence(inPlaceholder: boolean): SnippetNode[] {
    const out: SnippetNode[] = [];
    const text = (t: string): void => {
      const last = out[out.length - 1];
      if (last?.kind === 'text') last.value += t;
      else out.push({ kind: 'text', value: t });
    };
    while (this.i < this.s.length) {
      const c = this.s[this.i];
      if (c === '\\' && this.i + 1 < this.s.length && '$}\\'.includes(this.s[this.i + 1])) {
        text(this.s[this.i + 1]);
        this.i += 2;
      } else if (c === '}' && inPlaceholder) {
        return out;
      } else if (c === '$') {
        const node = this.dollar();
        if (node) out.push(node);
        else {
          text('$');
          this.i++;
        }
      } else {
        text(c);
        this.i++;
      }
    }
    return out;
  }

  /** `$…` at the current position, or undefined (then the `$` is literal text). */
  private dollar(): SnippetNode | undefined {
    const start = this.i;
    const rest = this.s.slice(start + 1);
    let m = DIGITS.exec(rest);
    if (m) {
      this.i = start + 1 + m[0].length;
      return { kind: 'tabstop', index: Number(m[0]), children: [] };
    }
    m = NAME.exec(rest);
    if (m) {
      this.i = start + 1 + m[0].length;
      return { kind: 'variable', name: m[0], children: [] };
    }
    if (rest[0] !== '{') return undefined;
    const inner = rest.slice(1);
    const num = DIGITS.exec(inner);
    const name = num ? undefined : NAME.exec(inner);
    const head = num ?? name;
    if (!head) return undefined;
    const after = start + 2 + head[0].length;
    const sep = this.s[after];
    if (sep === '}') {
      this.i = after + 1;
      return num ? { kind: 'tabstop', index: Number(num[0]), children: [] } : { kind: 'variable', name: head[0], children: [] };
    }
    if (sep === ':') {
      this.i = after + 1;
      const children = this.sequence(true);
      if (this.s[this.i] !== '}') {
        this.i = start;
        return undefined;
      }
      this.i++;
      return num ? { kind: 'tabstop', index: Number(num[0]), children } : { kind: 'variable', name: head[0], children };
    }
    if (sep === '|' && num) {
      const options: string[] = [];
      let cur = '';
      let j = after + 1;
      while (j < this.s.length) {
        const c = this.s[j];
        if (c === '\\' && j + 1 < this.s.length && ',|\\$}'.includes(this.s[j + 1])) {
          cur += this.s[j + 1];
          j += 2;
        } else if (c === ',') {
          options.push(cur);
          cur = '';
          j++;
        } else if (c === '|' && this.s[j + 1] === '}') {
          options.push(cur);
          this.i = j + 2;
          return { kind: 'choice', index: Number(num[0]), options };
        } else {
          cur += c;
          j++;
        }
      }
      return undefined;
    }
    return undefined;
  }
}

/** Literal text in a snippet: `$` always escaped, `}` inside placeholders, `\\` where it could start an escape. */
function escapeEmitted(s: string, inPlaceholder: boolean): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '$' || (c === '}' && inPlaceholder)) out += '\\' + c;
    else if (c === '\\' && (i + 1 === s.length || '$}\\'.includes(s[i + 1]))) out += '\\\\';
    else out += c;
  }
  return out;
}
const escapeChoice = (s: string): string => s.replace(/[\\,|$}]/g, (c) => '\\' + c);

function toPlain(nodes: SnippetNode[]): string {
  let out = '';
  for (const n of nodes) {
    if (n.kind === 'text') out += n.value;
    else if (n.kind === 'choice') out += n.options[0] ?? '';
    else out += toPlain(n.children);
  }
  return out;
}

function emit(nodes: SnippetNode[], shift: number, counter: { max: number }, inPlaceholder = false): string {
  let out = '';
  for (const n of nodes) {
    if (n.kind === 'text') out += escapeEmitted(n.value, inPlaceholder);
    else if (n.kind === 'variable') out += n.children.length ? `\${${n.name}:${emit(n.children, shift, counter, true)}}` : `\${${n.name}}`;
    else if (n.index === 0) {
      // A final tab stop of a fragment is dropped: the combined snippet ends where it ends.
      out += n.kind === 'choice' ? escapeEmitted(n.options[0] ?? '', inPlaceholder) : emit(n.children, shift, counter, inPlaceholder);
    } else {
      const index = n.index + shift;
      counter.max = Math.max(counter.max, index);
      if (n.kind === 'choice') out += `\${${index}|${n.options.map(escapeChoice).join(',')}|}`;
      else out += n.children.length ? `\${${index}:${emit(n.children, shift, counter, true)}}` : `\${${index}}`;
    }
  }
  return out;
}

/** The text a snippet inserts when its tab stops keep their defaults (first choice). */
export function snippetToPlain(snippet: string): string {
  return toPlain(new Parser(snippet).parse());
}

/** Literal text as snippet text outside placeholders (`$` escaped, `}` left as it is). */
export function escapeSnippetText(text: string): string {
  return escapeEmitted(text, false);
}

/** A choice tab stop `${n|a,b|}`. */
export function choiceSnippet(index: number, options: string[]): string {
  return `\${${index}|${options.map(escapeChoice).join(',')}|}`;
}

/**
 * Combines snippet fragments: the tab stops of each fragment are shifted past those of the
 * fragments before it, so that two `$1` do not become linked.
 */
export class SnippetBuilder {
  private readonly counter = { max: 0 };
  /** Adds a fragment (snippet syntax) and returns it renumbered. */
  add(fragment: string): string {
    const shift = this.counter.max;
    return emit(new Parser(fragment).parse(), shift, this.counter);
  }
  get lastIndex(): number {
    return this.counter.max;
  }
}

/** Prefixes every line after the first with `prefix` (for values nested in a multi-line insert). */
export function indentContinuation(text: string, prefix: string): string {
  return text.replace(/\n/g, '\n' + prefix);
}

/**
 * Text for the client: a snippet, or plain text with the tab stops replaced by their defaults.
 * Multi-line plain text is laid out here (leading tabs → the document's indentation unit, later
 * lines indented like the cursor line), because such clients insert it as it is.
 */
export function finalizeInsert(
  snippet: string,
  snippetSupport: boolean,
  lineIndent: string,
  unit: string,
): { text: string; multiline: boolean } {
  const multiline = snippet.includes('\n');
  if (snippetSupport) return { text: snippet, multiline };
  let text = snippetToPlain(snippet);
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
