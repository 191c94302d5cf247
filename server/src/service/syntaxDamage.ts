/**
 * One syntax error must not bring a cascade. jsonc-parser recovers from an error by guessing (a key
 * after a missing `]` becomes an item of the array, an unclosed string swallows the rest of its
 * line), and the schema and the rules, run over that guess, report things that are not in the text:
 * `"number" is not a valid item of "capabilities"`, a missing `provider` that is on the next line.
 *
 * So, as VS Code's own JSON support does, the findings are kept only where the tree is intact:
 * - nothing at or after the first syntax error (`damageStart`);
 * - nothing about an object or array that encloses it (it may have lost properties: a missing
 *   property, a property "not allowed" for a provider that sits after the error, a cross-field rule);
 * - a finding about one value (a wrong enum value, a literal secret) stays when that value was read
 *   whole before the error; any other finding stays when the object it depends on closed before it.
 * The syntax problems themselves are reported once per place, and the cascade of a missing `]` (every
 * following `"key": value` read as items of the array) as that one missing bracket.
 */
import type { Node } from 'jsonc-parser';
import type { RuleCode } from '../model/rules';
import type { SyntaxProblem } from './parse';
import { childBefore, findNode } from './ranges';
import { isTerminatedString } from './completeContext';
import type { FixData } from './types';

/** The syntax rules: reported from the text, never filtered. */
const SYNTAX: ReadonlySet<RuleCode> = new Set<RuleCode>(['invalid-json', 'comment-not-allowed', 'trailing-comma']);

/** Findings about one value (or one key) alone: right whenever that value was read whole. */
const ABOUT_ONE_VALUE: ReadonlySet<RuleCode> = new Set<RuleCode>([
  'invalid-type',
  'invalid-value',
  'country-code-invalid',
  'url-format',
  'id-format',
  'url-not-https',
  'literal-secret',
  'template-variable-unknown',
  'literal-placeholder',
  'read-only-ignored',
  'message-type-quirk',
  'duplicate-key',
]);

export interface Damage {
  /** Offset from which the text is jsonc-parser's guess. */
  start: number;
  /** Whether a finding (not a syntax one) describes the text as written. */
  keeps(code: RuleCode, at: { offset: number; length: number }, data?: FixData): boolean;
}

/** `undefined` when the text has no syntax error (comments and trailing commas are no damage). */
export function syntaxDamage(root: Node | undefined, problems: readonly SyntaxProblem[], text: string): Damage | undefined {
  const first = problems.find((p) => p.code === 'invalid-json');
  if (!first || !root) return undefined;
  const start = damageStart(root, first.offset, text);
  const intact = (n: Node): boolean => {
    const end = n.offset + n.length;
    if (end < start) return true;
    // Ending right at the error: only when it is visibly closed (an unclosed one runs to the error).
    if (end > start || start >= text.length) return false;
    if (n.type === 'object') return text[end - 1] === '}';
    if (n.type === 'array') return text[end - 1] === ']';
    if (n.type === 'string') return isTerminatedString(text, n.offset, n.length);
    return true;
  };
  return {
    start,
    keeps(code, at, data) {
      if (SYNTAX.has(code)) return true;
      if (at.offset + at.length > start) return false;
      // The node the finding is about: the object a missing property belongs to, the value itself,
      // or the object whose other properties the rule looks at.
      if (data?.fix === 'add-properties') {
        const object = findNode(root, data.path);
        return object !== undefined && intact(object);
      }
      if (ABOUT_ONE_VALUE.has(code)) return true;
      const owner = enclosingObject(root, at.offset);
      return owner !== undefined && intact(owner);
    },
  };
}

/**
 * The first offset that is a guess. An error at a colon inside an array (`["SMS" , "number": …`)
 * means the string before it is a key read as an item: the damage starts at that string.
 */
function damageStart(root: Node, errorOffset: number, text: string): number {
  if (text[errorOffset] !== ':') return errorOffset;
  const container = innermostContainer(root, errorOffset);
  if (container?.type !== 'array') return errorOffset;
  const item = childBefore(container.children ?? [], errorOffset, false);
  return item && item.type === 'string' && item.offset + item.length <= errorOffset ? item.offset : errorOffset;
}

/** The deepest object or array whose extent holds `offset`. */
function innermostContainer(root: Node, offset: number): Node | undefined {
  let found: Node | undefined;
  for (let n: Node | undefined = root; n && n.offset <= offset && offset < n.offset + n.length;) {
    if (n.type === 'object' || n.type === 'array') found = n;
    n = childBefore(n.children ?? [], offset, true);
  }
  return found;
}

/** The deepest object that holds `offset` strictly inside it (a key or value of one of its properties). */
function enclosingObject(root: Node, offset: number): Node | undefined {
  let found: Node | undefined;
  for (let n: Node | undefined = root; n && n.offset <= offset && offset < n.offset + n.length;) {
    if (n.type === 'object' && n.offset < offset) found = n;
    n = childBefore(n.children ?? [], offset, true);
  }
  return found;
}

/**
 * The syntax problems to report: the cause, not its echoes. jsonc-parser reports "comma expected" and
 * "value expected" for one token, an error at every token of a line it lost its way in, the token
 * after an unclosed string (its comma was swallowed), and, after a missing `]` or `}`, an error at
 * every `"key":` it then read as an item, and a bracket missing at the end of the file.
 */
export function reportedSyntaxProblems(root: Node | undefined, problems: readonly SyntaxProblem[], text: string): SyntaxProblem[] {
  const out: SyntaxProblem[] = [];
  let lineEnd = -1; // the end of the line of the last syntax error reported (-1: none yet)
  let echoAt = -1; // the token after the one the last error was at (read in the wrong place, it upsets the next)
  let swallowedUntil = -1; // the end of an array that read the keys after its missing `]` as items
  let bracketMissing = false; // then every closing bracket after it, and the end of the text, is off by one
  for (const p of problems) {
    if (p.code !== 'invalid-json') {
      out.push(p);
      continue;
    }
    if (p.offset < swallowedUntil) continue;
    if (lineEnd >= 0 && p.offset < lineEnd) continue; // one per line
    if (p.offset === echoAt) continue;
    if (bracketMissing && (p.offset >= text.length || text[p.offset] === '}' || text[p.offset] === ']')) continue;
    const eol = text.indexOf('\n', p.offset);
    lineEnd = eol < 0 ? text.length + 1 : eol;
    echoAt = nextToken(text, tokenEnd(text, p.offset));
    const missing = root && (missingBracket(root, p.offset, text) ?? wrongCloser(root, p.offset, text));
    if (missing) {
      bracketMissing = true;
      if (missing.swallowedUntil !== undefined) swallowedUntil = missing.swallowedUntil;
      out.push({ ...p, offset: missing.offset, length: missing.length, message: missing.message });
      continue;
    }
    out.push(p);
  }
  return out;
}

interface MissingBracket {
  offset: number;
  length: number;
  message: string;
  swallowedUntil?: number;
}

/** An error at a colon inside an array: the array lacks its `]` before the key in front of the colon. */
function missingBracket(root: Node, offset: number, text: string): MissingBracket | undefined {
  if (text[offset] !== ':') return undefined;
  const array = innermostContainer(root, offset);
  if (array?.type !== 'array') return undefined;
  const key = childBefore(array.children ?? [], offset, false);
  if (!key || key.type !== 'string' || key.offset + key.length > offset) return undefined;
  return {
    offset: key.offset,
    length: key.length,
    message: `A closing bracket \`]\` is expected before ${JSON.stringify(key.value)}: the array above it is not closed.`,
    swallowedUntil: array.offset + array.length,
  };
}

/** A `]` where an object expects `,` or `}` (or a `}` in an array): the inner one is not closed. */
function wrongCloser(root: Node, offset: number, text: string): MissingBracket | undefined {
  const c = text[offset];
  if (c !== ']' && c !== '}') return undefined;
  const container = innermostContainer(root, offset);
  if (c === ']' && container?.type === 'object')
    return { offset, length: 1, message: 'A closing brace `}` is expected before this `]`: the object above it is not closed.' };
  if (c === '}' && container?.type === 'array')
    return { offset, length: 1, message: 'A closing bracket `]` is expected before this `}`: the array above it is not closed.' };
  return undefined;
}

/** The end of the token at `at`: a string (to its closing quote, or the end of its line when unclosed), a word, or one character. */
function tokenEnd(text: string, at: number): number {
  let i = at;
  if (text[i] === '"') {
    for (i++; i < text.length && text[i] !== '"' && text[i] !== '\n'; i++) if (text[i] === '\\') i++;
    return Math.min(i + 1, text.length);
  }
  while (i < text.length && /[\w.+-]/.test(text[i])) i++;
  return i === at ? at + 1 : i;
}

function nextToken(text: string, from: number): number {
  let i = from;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  return i;
}
