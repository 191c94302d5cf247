/**
 * The rules JSON Schema cannot express (reference §1.4, §1.7, §1.8, §6), run after the schema
 * branch: one walk over the document with the model beside it.
 */
import type { Node } from 'jsonc-parser';
import { PHONE_DELIVERY_SETTINGS, READ_ONLY_FIELDS } from '../../model/phoneDeliverySettings';
import type { Field, VariantCase } from '../../model/types';
import { effectiveShape } from '../modelNav';
import type { Reporter } from '../validate';
import { checkRequest, checkRequestSet } from './requests';
import { checkNumber } from './numbers';
import { checkLiteralSecret } from './secrets';
import { itemResult, keepItemResult, type Finding } from '../itemResults';
import type { ItemArray } from '../../model/validatorSource';

/** Reports the schema errors of one item of a long array (validate.ts, from the split schema). */
export type ItemSchemaCheck = (array: ItemArray, index: number, item: unknown, reporter: Reporter) => void;

export interface Context {
  reporter: Reporter;
  itemSchema?: ItemSchemaCheck;
  text: string;
  provider: VariantCase;
  /** Path of the node being visited, for quick-fix data. */
  path: (string | number)[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function propertyNodes(obj: Node): Map<string, Node> {
  const out = new Map<string, Node>();
  for (const p of obj.children ?? []) if (p.children?.[0]) out.set(p.children[0].value, p);
  return out;
}

export function checkSemantics(root: Node, value: unknown, provider: VariantCase, reporter: Reporter, text: string, itemSchema?: ItemSchemaCheck): void {
  const ctx: Context = { reporter, itemSchema, text, provider, path: [] };
  const props = propertyNodes(root);
  for (const ro of READ_ONLY_FIELDS) {
    const p = props.get(ro);
    if (p) reporter.report('read-only-ignored', p.children![0], `"${ro}" is set by PingOne and ignored in a request body; it is removed before sending.`, { fix: 'remove-property', path: [ro] });
  }
  visitObject(root, value, { type: 'object', description: '', shape: PHONE_DELIVERY_SETTINGS }, ctx);
}

/** Walks objects and arrays that the model describes. */
function visitObject(node: Node, value: unknown, field: Field & { type: 'object' }, ctx: Context): void {
  if (node.type !== 'object' || !isObject(value)) return;
  const { shape } = effectiveShape(field.shape, value);
  const props = propertyNodes(node);
  for (const [key, prop] of props) {
    const keyNode = prop.children![0];
    const valueNode = prop.children?.[1];
    const child = Object.hasOwn(shape.properties, key) ? shape.properties[key] : undefined;
    const path = [...ctx.path, key];
    if (!child) {
      if (shape.additional === 'warning') {
        ctx.reporter.report('property-not-documented', keyNode, `"${key}" is not documented for ${shape.title}; PingOne may reject or ignore it. Check the spelling or remove it.`, { fix: 'remove-property', path });
      }
      continue;
    }
    if (!valueNode) continue;
    const sub: Context = { ...ctx, path };
    if (child.type === 'string' && child.secret) checkLiteralSecret(valueNode, value[key], key, child, sub);
    if (child.type === 'object') visitObject(valueNode, value[key], child, sub);
    else if (child.type === 'array' && valueNode.type === 'array' && Array.isArray(value[key])) visitArray(key, valueNode, value[key] as unknown[], child, sub);
  }
}

function visitArray(key: string, node: Node, items: unknown[], field: Field & { type: 'array' }, ctx: Context): void {
  const itemField = field.items;
  const topLevel = ctx.path.length === 1 && (key === 'requests' || key === 'numbers');
  const children = node.children ?? [];
  for (let i = 0; i < children.length; i++) {
    const itemNode = children[i];
    const item = items[i];
    if (!topLevel) {
      if (itemField.type === 'object') visitObject(itemNode, item, itemField, { ...ctx, path: [...ctx.path, i] });
      continue;
    }
    // The long arrays: each item's findings are kept with its node (see itemResults.ts).
    let findings = itemResult(itemNode, i, ctx.provider);
    if (!findings) {
      const found: Finding[] = [];
      const base = itemNode.offset;
      const recorder: Reporter = { report: (code, at, message, data) => void found.push({ code, offset: at.offset - base, length: at.length, message, data }) };
      const sub: Context = { ...ctx, reporter: recorder, path: [...ctx.path, i] };
      ctx.itemSchema?.(key, i, item, recorder);
      if (key === 'requests') checkRequest(itemNode, item, sub);
      else checkNumber(itemNode, item, sub);
      if (itemField.type === 'object') visitObject(itemNode, item, itemField, sub);
      keepItemResult(itemNode, { index: i, provider: ctx.provider, findings: found });
      findings = found;
    }
    for (const f of findings) ctx.reporter.report(f.code, { offset: itemNode.offset + f.offset, length: f.length }, f.message, f.data);
  }
  if (key === 'requests' && ctx.path.length === 1) checkRequestSet(node, items, ctx);
}
