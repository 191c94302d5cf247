/**
 * What every semantic rule is handed (a leaf file: the rules and the walk in semantics.ts both import it,
 * neither imports the other's callers).
 */
import type { Node } from 'jsonc-parser';
import type { RuleCode } from '../../model/rules';
import type { ItemArray } from '../../model/validatorSource';
import type { VariantCase } from '../../model/types';
import type { ItemResults } from '../itemResults';
import type { FixData } from '../types';

export interface Reporter {
  report(code: RuleCode, node: Node | { offset: number; length: number }, message: string, data?: FixData): void;
}

/** Reports the schema errors of one item of a long array (validate.ts, from the split schema). */
export type ItemSchemaCheck = (array: ItemArray, index: number, item: unknown, reporter: Reporter) => void;

export interface Context {
  reporter: Reporter;
  itemSchema?: ItemSchemaCheck;
  itemResults: ItemResults;
  text: string;
  provider: VariantCase;
  /** Path of the node being visited, for quick-fix data. */
  path: (string | number)[];
}

export function propertyNodes(obj: Node): Map<string, Node> {
  const out = new Map<string, Node>();
  for (const p of obj.children ?? []) if (p.children?.[0]) out.set(p.children[0].value, p);
  return out;
}

/**
 * The property of `obj` named `key` (the last one, when the key repeats: the one that counts).
 * A scan of the few properties of an item costs less than building a Map of them, which adds up
 * over the ten thousand items of a long document.
 */
export function findProperty(obj: Node, key: string): Node | undefined {
  const children = obj.children;
  if (!children) return undefined;
  for (let i = children.length - 1; i >= 0; i--) if (children[i].children?.[0]?.value === key) return children[i];
  return undefined;
}
