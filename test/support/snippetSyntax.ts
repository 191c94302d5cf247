/**
 * For the tests: reads LSP snippet text the way VS Code's snippet parser does, to check what the
 * server sends (the server itself never parses snippets: it renders them from structure).
 *   - `\$`, `\}` and `\\` are escapes in text and in placeholder defaults; any other `\` is literal;
 *   - `$1`, `${1}`, `${1:default}`, `${1|a,b|}` are tab stops; in a choice only `\,`, `\|` and `\\` are escapes,
 *     and an empty option makes the whole `${…}` literal text;
 *   - `$name`, `${name}`, `${name:default}` are variables;
 *   - a `}` outside a placeholder, and a `$` that starts nothing, are literal.
 */

export type SnippetNode =
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
    if (sep === '|' && num && Number(num[0]) > 0) {
      const options: string[] = [];
      let cur = '';
      let j = after + 1;
      while (j < this.s.length) {
        const c = this.s[j];
        if (c === '\\' && j + 1 < this.s.length && ',|\\'.includes(this.s[j + 1])) {
          cur += this.s[j + 1];
          j += 2;
        } else if (c === ',') {
          if (cur === '') return undefined;
          options.push(cur);
          cur = '';
          j++;
        } else if (c === '|') {
          // `|` ends the options, and must be followed by `}`.
          if (cur === '' || this.s[j + 1] !== '}') return undefined;
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

export function parseSnippet(snippet: string): SnippetNode[] {
  return new Parser(snippet).parse();
}

function toPlain(nodes: SnippetNode[]): string {
  let out = '';
  for (const n of nodes) {
    if (n.kind === 'text') out += n.value;
    else if (n.kind === 'choice') out += n.options[0] ?? '';
    // An unknown variable is inserted as its name.
    else if (n.kind === 'variable' && n.children.length === 0) out += n.name;
    else out += toPlain(n.children);
  }
  return out;
}

/** The text a snippet inserts when its tab stops keep their defaults (first choice). */
export function snippetToPlain(snippet: string): string {
  return toPlain(parseSnippet(snippet));
}

/** The tab stops of a snippet in the order they appear (nested ones after their parent). */
export function tabStops(snippet: string): { index: number; plain: string }[] {
  const out: { index: number; plain: string }[] = [];
  const walk = (nodes: SnippetNode[]): void => {
    for (const n of nodes) {
      if (n.kind === 'tabstop') {
        out.push({ index: n.index, plain: toPlain(n.children) });
        walk(n.children);
      } else if (n.kind === 'choice') out.push({ index: n.index, plain: n.options[0] ?? '' });
      else if (n.kind === 'variable') {
        out.push({ index: -1, plain: n.name });
        walk(n.children);
      }
    }
  };
  walk(parseSnippet(snippet));
  return out;
}
