/**
 * The semantic rules' findings for one item of the long arrays (`numbers[]`, `requests[]`), kept
 * with the parse the item belongs to. A 2 MB body is ten thousand such items; after an edit inside
 * one of them (see `incremental.ts`) only that item is checked again, the others replay what they
 * found.
 *
 * Findings are stored relative to the item's start, so they stay right when an edit before the item
 * moves it. The map belongs to one parse (a full reparse starts an empty one), and is a plain Map:
 * a WeakMap of ten thousand nodes per version made V8's garbage collector the largest cost of
 * opening a 2 MB document.
 */
import type { Node } from 'jsonc-parser';
import type { RuleCode } from '../model/rules';
import type { VariantCase } from '../model/types';
import type { FixData } from './types';

export interface Finding {
  code: RuleCode;
  /** From the item node's offset. */
  offset: number;
  length: number;
  message: string;
  data?: FixData;
}

/**
 * Findings by item node, for one provider case. An item keeps its node and its index for the life
 * of a parse (a patch never moves items; anything that does is a full parse, with new nodes), so
 * the node alone is the key. A patch of `provider` changes what every item is checked against:
 * the findings of another case are dropped.
 */
export interface ItemResults {
  provider?: VariantCase;
  byNode: Map<Node, Finding[]>;
}

export function createItemResults(): ItemResults {
  return { byNode: new Map() };
}

/** The findings kept for this provider case (after dropping those of another case). */
export function itemResultsFor(results: ItemResults, provider: VariantCase): Map<Node, Finding[]> {
  if (results.provider !== provider) {
    results.provider = provider;
    results.byNode.clear();
  }
  return results.byNode;
}

/**
 * A patched leaf changes what its item (and every container above it) would find. A renamed
 * top-level array (`"requests"` selected and typed over with `numbers`) keeps its item nodes, but
 * they are now checked as the items of another array, or of none: every finding is dropped.
 */
export function forgetItemResults(results: ItemResults, leaf: Node): void {
  const property = leaf.parent;
  if (
    property?.type === 'property' &&
    property.children?.[0] === leaf &&
    !property.parent?.parent &&
    property.children[1]?.type === 'array'
  ) {
    results.byNode.clear();
    return;
  }
  for (let n: Node | undefined = leaf; n; n = n.parent) results.byNode.delete(n);
}
