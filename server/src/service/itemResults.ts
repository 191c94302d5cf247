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

export interface ItemResult {
  /** The index and provider the findings were made with (both appear in messages and fix paths). */
  index: number;
  provider: VariantCase;
  findings: Finding[];
}

export type ItemResults = Map<Node, ItemResult>;

export function itemResult(results: ItemResults, node: Node, index: number, provider: VariantCase): Finding[] | undefined {
  const r = results.get(node);
  return r && r.index === index && r.provider === provider ? r.findings : undefined;
}

/** A patched leaf changes what its item (and every container above it) would find. */
export function forgetItemResults(results: ItemResults, leaf: Node): void {
  for (let n: Node | undefined = leaf; n; n = n.parent) results.delete(n);
}
