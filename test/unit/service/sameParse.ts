/**
 * Equality of two parses of the same text: a patched one (`incremental.ts`) against a fresh one.
 * Trees are compared node by node (type, offsets, lengths, values, children, parent links), without
 * recursion, so a long document compares quickly and a deep one does not exhaust the stack.
 */
import assert from 'node:assert/strict';
import type { Node } from 'jsonc-parser';
import type { ParsedDocument } from '../../../server/src/service';

function describe(n: Node): string {
  return `${n.type}@${n.offset}+${n.length}${n.colonOffset !== undefined ? ':' + n.colonOffset : ''}${n.value !== undefined ? '=' + JSON.stringify(n.value) : ''}`;
}

export function assertSameTree(
  actual: Node | undefined,
  expected: Node | undefined,
  message = 'the patched tree differs from a fresh parse',
): void {
  if (!actual || !expected) return assert.equal(actual, expected, message);
  const stack: [Node, Node][] = [[actual, expected]];
  while (stack.length) {
    const [a, e] = stack.pop()!;
    assert.equal(describe(a), describe(e), message);
    assert.equal(a.children?.length, e.children?.length, `${message}: children of ${describe(e)}`);
    for (let i = 0; i < (a.children?.length ?? 0); i++) {
      assert.equal(a.children![i].parent, a, `${message}: parent link under ${describe(e)}`);
      stack.push([a.children![i], e.children![i]]);
    }
  }
}

export function assertSameParse(actual: ParsedDocument, expected: ParsedDocument): void {
  assert.equal(actual.length, expected.length, 'length');
  assert.equal(actual.skipped, expected.skipped, 'skipped');
  assertSameTree(actual.root, expected.root);
  assert.deepEqual(actual.value, expected.value, 'the patched value differs from a fresh parse');
  assert.deepEqual(actual.problems, expected.problems, 'the patched problems differ from a fresh parse');
  assert.deepEqual(actual.duplicateKeys.map(describe), expected.duplicateKeys.map(describe), 'duplicate keys');
}
