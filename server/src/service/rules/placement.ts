/**
 * Secret placement while typing (issue "A secret goes only where its owner meant it to go"): a
 * `{{name}}` that looks like a secret (a name the model suggests for a write-only field, or one that
 * reads like a credential) outside a credential position is an error, as the send refuses to fill a
 * secret there; a `\{{name}}` is literal text (as pulled from PingOne), never filled.
 */
import type { Node } from 'jsonc-parser';
import { CREDENTIAL_NAME } from '../../model/phoneDeliverySettings';
import { findEscapedPlaceholders } from '../../model/placeholders';
import { isObject } from '../../model/json';
import { secretPlacements, suggestedSecretNames, type PlacedPlaceholder } from '../../model/secretPlacement';
import { findValueNode, stringOffsets } from '../ranges';
import type { Reporter } from './context';

/** Whether a placeholder name reads like a secret's: the service cannot know which values are secret. */
export function looksSecret(name: string): boolean {
  // `authUrl`, `tokenHost`: the name of a place, not of a credential.
  return suggestedSecretNames().has(name) || (CREDENTIAL_NAME.test(name) && !/(url|uri|host|path|endpoint|domain)$/i.test(name));
}

/** Sorted offsets of every `needle` in `text` (one linear pass). */
function offsetsOf(text: string, needle: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) out.push(i);
  return out;
}

/** Whether a sorted list holds an offset in [start, end). */
function holdsOneIn(sorted: readonly number[], start: number, end: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < start) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo] < end;
}

/**
 * `secretPlacements(value)` of a parsed document, in the same order, without walking the values
 * whose text cannot hold a placeholder: a string's value has a `{{` only if its text has one or a
 * backslash (an escape such as `\u007b`; in a text with syntax errors, an invalid escape that the
 * recovering parser drops, as in `{\x{`). Each top-level value is decoded from the text of its node
 * (the last of a repeated key, as `findValueNode` finds it), and each item of a top-level array
 * from the text of its item node. A 2 MB body is ten thousand items with nearly no placeholder:
 * walking their values on every keystroke cost more than every other rule together.
 */
export function documentPlacements(root: Node, value: unknown, text: string): PlacedPlaceholder[] {
  if (root.type !== 'object' || !isObject(value)) return secretPlacements(value);
  const braces = offsetsOf(text, '{{');
  const escapes = offsetsOf(text, '\\');
  const mayHold = (node: Node): boolean => {
    const end = node.offset + node.length;
    return holdsOneIn(braces, node.offset, end) || holdsOneIn(escapes, node.offset, end);
  };
  const out: PlacedPlaceholder[] = [];
  for (const key of Object.keys(value)) {
    const v = value[key];
    const node = findValueNode(root, [key]);
    if (node && !mayHold(node)) continue;
    if (node?.type === 'array' && Array.isArray(v) && node.children?.length === v.length) {
      const items = node.children;
      v.forEach((item, i) => {
        if (mayHold(items[i])) for (const p of secretPlacements(item, [key, i])) out.push(p);
      });
    } else {
      for (const p of secretPlacements(v, [key])) out.push(p);
    }
  }
  return out;
}

export function checkSecretPlacement(root: Node, value: unknown, reporter: Reporter, text: string): void {
  // One offset mapper per string (`stringOffsets`): the findings of one long string cost one pass.
  let mapped: { node: Node; offsetOf: (index: number) => number } | undefined;
  for (const p of documentPlacements(root, value, text)) {
    if (p.credential || !looksSecret(p.name)) continue;
    const node = findValueNode(root, p.path);
    if (!node || node.type !== 'string') continue;
    if (mapped?.node !== node) mapped = { node, offsetOf: stringOffsets(text, node) };
    const start = mapped.offsetOf(p.start);
    const end = mapped.offsetOf(p.end);
    reporter.report(
      'secret-placeholder-misplaced',
      { offset: start, length: end - start },
      `"{{${p.name}}}" looks like a secret, and a secret is only filled into a field that holds a credential: ${p.reason}. ` +
        `A send refuses to fill a secret value here (a plain --var value is filled).`,
    );
  }
  const walk = (n: Node): void => {
    if (n.type === 'string' && typeof n.value === 'string') {
      const offsetOf = stringOffsets(text, n);
      for (const e of findEscapedPlaceholders(n.value)) {
        const start = offsetOf(e.start);
        const end = offsetOf(e.end);
        reporter.report(
          'literal-placeholder',
          { offset: start, length: end - start },
          `"\\{{${e.name}}}" is literal text, sent as "{{${e.name}}}" and never filled in (PingOne stored it so; a pull writes it escaped).`,
        );
      }
    }
    n.children?.forEach(walk);
  };
  if (text.includes('\\\\{{')) walk(root);
}
