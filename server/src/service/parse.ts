/**
 * One parse per document version, shared by every feature: the jsonc-parser tree, the plain value
 * (the last of duplicate keys wins, as in `JSON.parse`), and the syntax problems of the text.
 */
import { createScanner, getNodeValue, parseTree, printParseErrorCode, SyntaxKind, type Node, type ParseError } from 'jsonc-parser';
import type { RuleCode } from '../model/rules';
import { createItemResults, type ItemResults } from './itemResults';
import { parseStrictJson } from './fastParse';
import { DEFAULT_LIMITS, type ParseLimits } from './limits';

export interface SyntaxProblem {
  code: RuleCode;
  offset: number;
  length: number;
  message: string;
  /** jsonc-parser's name of a JSON syntax error (`CommaExpected`, …), for telling a cascade from its cause. */
  error?: string;
}

export interface ParsedDocument {
  /** `undefined` for an empty document, or one too large or too deep to parse. */
  root: Node | undefined;
  value: unknown;
  problems: SyntaxProblem[];
  /** Key nodes of properties that repeat an earlier key of the same object. */
  duplicateKeys: Node[];
  /** Why the document was not parsed in full, if it was not. */
  skipped?: 'too-large' | 'too-deep';
  length: number;
  /** The text parsed (for `incremental.ts`); absent when the document was skipped. */
  text?: string;
  /** What the semantic rules found in each item of the long arrays (`itemResults.ts`). */
  itemResults: ItemResults;
}

/** The text is not JSON: the tree is jsonc-parser's recovery, not the text's structure. */
export function hasSyntaxErrors(parsed: ParsedDocument): boolean {
  return parsed.problems.some((p) => p.code === 'invalid-json');
}

const MESSAGES: Record<string, string> = {
  InvalidSymbol: 'Unexpected character.',
  InvalidNumberFormat: 'Invalid number.',
  PropertyNameExpected: 'A property name in double quotes is expected here.',
  ValueExpected: 'A value is expected here.',
  ColonExpected: 'A colon is expected after the property name.',
  CommaExpected: 'A comma is expected between items.',
  CloseBraceExpected: 'A closing brace `}` is expected.',
  CloseBracketExpected: 'A closing bracket `]` is expected.',
  EndOfFileExpected: 'Only one JSON value is allowed; text follows it.',
  InvalidCommentToken: 'Comments are not JSON.',
  UnexpectedEndOfComment: 'The comment is not closed.',
  UnexpectedEndOfString: 'The string is not closed.',
  UnexpectedEndOfNumber: 'The number is not complete.',
  InvalidUnicode: 'Invalid unicode escape.',
  InvalidEscapeCharacter: 'Invalid escape character in a string (only \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX).',
  InvalidCharacter: 'Invalid character in a string (control characters must be escaped).',
};

/** Comments and trailing commas in one scan: jsonc-parser accepts both, JSON does not. */
function scanExtensions(text: string, problems: SyntaxProblem[], limits: ParseLimits): 'too-deep' | undefined {
  const scanner = createScanner(text, false);
  let lastComma = -1;
  let depth = 0;
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    switch (kind) {
      case SyntaxKind.LineCommentTrivia:
      case SyntaxKind.BlockCommentTrivia:
        problems.push({
          code: 'comment-not-allowed',
          offset: scanner.getTokenOffset(),
          length: scanner.getTokenLength(),
          message: 'Comments are not JSON: PingOne rejects the body. Remove the comment.',
        });
        continue;
      case SyntaxKind.Trivia:
      case SyntaxKind.LineBreakTrivia:
        continue;
      case SyntaxKind.OpenBraceToken:
      case SyntaxKind.OpenBracketToken:
        if (++depth > limits.maxDepth) return 'too-deep';
        break;
      case SyntaxKind.CloseBraceToken:
      case SyntaxKind.CloseBracketToken:
        depth--;
        if (lastComma >= 0)
          problems.push({
            code: 'trailing-comma',
            offset: lastComma,
            length: 1,
            message: 'A comma before `' + text[scanner.getTokenOffset()] + '` is not JSON. Remove it.',
          });
        break;
      default:
        break;
    }
    lastComma = kind === SyntaxKind.CommaToken ? scanner.getTokenOffset() : -1;
  }
  return undefined;
}

/** The key nodes that repeat an earlier key of their object (exported: the fast parser's tests compare its order). */
export function findDuplicateKeys(node: Node, out: Node[]): void {
  // Iterative: a deep document must not exhaust the stack.
  const stack: Node[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'object' && n.children) {
      const seen = new Set<string>();
      for (const prop of n.children) {
        const key = prop.children?.[0];
        if (!key) continue;
        if (seen.has(key.value)) out.push(key);
        seen.add(key.value);
      }
    }
    if (n.children) for (const c of n.children) stack.push(c);
  }
}

export function parseDocument(text: string, limits: ParseLimits = DEFAULT_LIMITS): ParsedDocument {
  const problems: SyntaxProblem[] = [];
  if (text.length > limits.maxSize)
    return {
      root: undefined,
      value: undefined,
      problems,
      duplicateKeys: [],
      skipped: 'too-large',
      length: text.length,
      itemResults: createItemResults(),
    };
  // Strict JSON (nearly every document) in one pass; anything else takes the jsonc-parser path,
  // which recovers from errors and reports them. Above 512 levels the jsonc path decides, as
  // before: it answers 'too-deep' where its recursion would overflow.
  const strict = parseStrictJson(text, Math.min(limits.maxDepth, DEFAULT_LIMITS.maxDepth));
  if (strict)
    return {
      root: strict.root,
      value: strict.value,
      problems,
      duplicateKeys: strict.duplicateKeys,
      length: text.length,
      text,
      itemResults: createItemResults(),
    };
  const tooDeep: ParsedDocument = {
    root: undefined,
    value: undefined,
    problems: [],
    duplicateKeys: [],
    skipped: 'too-deep',
    length: text.length,
    itemResults: createItemResults(),
  };
  if (scanExtensions(text, problems, limits) === 'too-deep') return tooDeep;
  const errors: ParseError[] = [];
  let root: Node | undefined;
  let value: unknown;
  try {
    // jsonc-parser recurses per level: with the depth limit raised, a few thousand levels exhaust the stack.
    root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
    value = root ? getNodeValue(root) : undefined;
  } catch (e) {
    if (e instanceof RangeError) return tooDeep;
    throw e;
  }
  for (const e of errors) {
    const name = printParseErrorCode(e.error);
    problems.push({ code: 'invalid-json', offset: e.offset, length: Math.max(e.length, 1), message: MESSAGES[name] ?? name, error: name });
  }
  if (!root && text.trim() === '') {
    // An empty file is not an error while typing: completion offers whole templates.
  } else if (!root) {
    problems.push({ code: 'invalid-json', offset: 0, length: Math.min(text.length, 1), message: 'The document is not JSON.' });
  }
  const duplicateKeys: Node[] = [];
  if (root) findDuplicateKeys(root, duplicateKeys);
  problems.sort((a, b) => a.offset - b.offset);
  return { root, value, problems, duplicateKeys, length: text.length, text, itemResults: createItemResults() };
}
