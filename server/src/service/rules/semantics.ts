/**
 * The rules JSON Schema cannot express (each rule's source is in `model/rules.ts`), run after the schema
 * branch: one walk over the document with the model beside it.
 */
import type { Node } from 'jsonc-parser';
import { PHONE_DELIVERY_SETTINGS, READ_ONLY_FIELDS } from '../../model/phoneDeliverySettings';
import type { Field, ObjectShape, StringField, VariantCase } from '../../model/types';
import { exampleProblem } from '../../model/examples';
import { hasPlaceholder } from '../../model/placeholders';
import { effectiveShape } from '../../model/modelNav';
import { keyNodeOf } from '../ranges';
import { findProperty, propertyNodes, type Context, type ItemSchemaCheck, type Reporter } from './context';
import { checkRequest, checkRequestSet } from './requests';
import { checkNumber } from './numbers';
import { checkLiteralSecret } from './secrets';
import { itemResultsFor, type Finding, type ItemResults } from '../itemResults';
import { isObject } from '../../model/json';

const NO_FINDINGS: Finding[] = [];

/** The properties of `obj` that count (the last of a repeated key): its children when no key repeats (no copy). */
function countedProperties(obj: Node): Node[] {
  const children = obj.children ?? [];
  if (children.length > 16) return [...propertyNodes(obj).values()];
  let out: Node[] | undefined; // made only when a child is left out
  for (let i = 0; i < children.length; i++) {
    const key = children[i].children?.[0]?.value;
    let counted = key !== undefined;
    for (let j = i + 1; counted && j < children.length; j++) if (children[j].children?.[0]?.value === key) counted = false;
    if (!counted) out ??= children.slice(0, i);
    else if (out) out.push(children[i]);
  }
  return out ?? children;
}

export function checkSemantics(
  root: Node,
  value: unknown,
  provider: VariantCase,
  reporter: Reporter,
  text: string,
  itemResults: ItemResults,
  itemSchema?: ItemSchemaCheck,
): void {
  const ctx: Context = { reporter, itemSchema, itemResults, text, provider, path: [] };
  const props = propertyNodes(root);
  for (const ro of READ_ONLY_FIELDS) {
    const p = props.get(ro);
    if (p)
      reporter.report(
        'read-only-ignored',
        p.children![0],
        `"${ro}" is set by PingOne and ignored in a request body; it is removed before sending.`,
        { fix: 'remove-property', path: [ro] },
      );
  }
  if (provider.value === 'CUSTOM_TWILIO_MESSAGING_SERVICE' && isObject(value)) checkMessagingServices(root, value, ctx);
  visitObject(root, value, { type: 'object', description: '', shape: PHONE_DELIVERY_SETTINGS }, ctx);
}

/**
 * The Twilio Messaging Service update (DOCS update-phone-delivery-settings-twilio-messaging-service):
 * `messagingServices` is required, and only one of them may be `selected`. A document with an `id`
 * is an update.
 */
function checkMessagingServices(root: Node, value: Record<string, unknown>, ctx: Context): void {
  if (typeof value.id !== 'string') return;
  const prop = findProperty(root, 'messagingServices');
  if (!prop) {
    ctx.reporter.report(
      'missing-property',
      { offset: root.offset, length: 1 },
      'Missing "messagingServices": an update of a Twilio Messaging Service (this document has an "id") lists the account’s messaging services, with "selected": true on the one to use. Add it.',
      { fix: 'add-properties', path: [], properties: ['messagingServices'] },
    );
    return;
  }
  const list = value.messagingServices;
  const arrayNode = prop.children?.[1];
  if (!Array.isArray(list) || arrayNode?.type !== 'array') return;
  let seen = 0;
  list.forEach((item, i) => {
    if (!isObject(item) || item.selected !== true) return;
    if (++seen === 1) return;
    const itemNode = arrayNode.children?.[i];
    const sel = itemNode && findProperty(itemNode, 'selected')?.children?.[1];
    if (sel)
      ctx.reporter.report(
        'invalid-value',
        sel,
        'Only one messaging service can be selected: PingOne sends through one. Set "selected" to false on the others.',
      );
  });
}

/** Properties PingOne's OpenAPI requires and PingOne fills in (`openapiRequired`): a hint with a fix. */
function checkOpenapiRequired(node: Node, value: Record<string, unknown>, shape: ObjectShape, ctx: Context): void {
  const missing = (shape.openapiRequired ?? []).filter((k) => !Object.hasOwn(value, k));
  if (!missing.length) return;
  const at = keyNodeOf(node) ?? { offset: node.offset, length: 1 };
  for (const k of missing) {
    const f = shape.properties[k];
    const filled =
      f?.default !== undefined ? `PingOne fills in ${JSON.stringify(f.default)} when it is missing` : 'PingOne’s docs leave it out';
    ctx.reporter.report(
      'openapi-required',
      at,
      `PingOne’s OpenAPI lists "${k}" as required in ${shape.title}; ${filled}. Add it for tools that check against the OpenAPI.`,
      { fix: 'add-properties', path: ctx.path, properties: [k] },
    );
  }
}

/** An inserted example nobody replaced (`model/examples.ts`). */
function checkExample(node: Node, value: unknown, field: StringField, ctx: Context): void {
  if (typeof value !== 'string' || hasPlaceholder(value)) return;
  const problem = exampleProblem(field, value);
  if (problem) ctx.reporter.report('example-value', node, problem);
}

/** Walks objects and arrays that the model describes. Paths and contexts are made only where used. */
function visitObject(node: Node, value: unknown, field: Field & { type: 'object' }, ctx: Context): void {
  if (node.type !== 'object' || !isObject(value)) return;
  const { shape } = effectiveShape(field.shape, value);
  if (shape.openapiRequired?.length) checkOpenapiRequired(node, value, shape, ctx);
  for (const prop of countedProperties(node)) {
    const keyNode = prop.children![0];
    const key = keyNode.value as string;
    const valueNode = prop.children?.[1];
    const child = Object.hasOwn(shape.properties, key) ? shape.properties[key] : undefined;
    if (!child) {
      if (shape.additional === 'warning') {
        ctx.reporter.report(
          'property-not-documented',
          keyNode,
          `"${key}" is not documented for ${shape.title}; PingOne may reject or ignore it. Check the spelling or remove it.`,
          { fix: 'remove-property', path: [...ctx.path, key] },
        );
      }
      continue;
    }
    if (!valueNode) continue;
    if (child.type === 'string' && child.example !== undefined) checkExample(valueNode, value[key], child, ctx);
    const secret = child.type === 'string' && child.secret;
    // An array is walked only for its objects (or for the long arrays' own rules).
    const nested =
      child.type === 'object' ||
      (child.type === 'array' &&
        valueNode.type === 'array' &&
        Array.isArray(value[key]) &&
        (child.items.type === 'object' || ctx.path.length === 0));
    if (!secret && !nested) continue;
    const sub: Context = { ...ctx, path: [...ctx.path, key] };
    if (child.type === 'string' && child.secret) checkLiteralSecret(valueNode, value[key], key, child, sub);
    if (child.type === 'object') visitObject(valueNode, value[key], child, sub);
    else if (child.type === 'array' && nested) visitArray(key, valueNode, value[key] as unknown[], child, sub);
  }
}

function visitArray(key: string, node: Node, items: unknown[], field: Field & { type: 'array' }, ctx: Context): void {
  const itemField = field.items;
  const children = node.children ?? [];
  if (!(ctx.path.length === 1 && (key === 'requests' || key === 'numbers'))) {
    if (itemField.type === 'object')
      for (let i = 0; i < children.length; i++) visitObject(children[i], items[i], itemField, { ...ctx, path: [...ctx.path, i] });
    return;
  }
  // The long arrays: each item's findings are kept with its node (see itemResults.ts). One
  // recorder and one context serve every item: ten thousand items are checked on an open.
  const kept = itemResultsFor(ctx.itemResults, ctx.provider);
  const recorder = new Recorder();
  const sub: Context = { ...ctx, reporter: recorder };
  for (let i = 0; i < children.length; i++) {
    const itemNode = children[i];
    let findings = kept.get(itemNode);
    if (!findings) {
      const item = items[i];
      recorder.start(itemNode.offset);
      sub.path = [key, i];
      ctx.itemSchema?.(key, i, item, recorder);
      if (key === 'requests') checkRequest(itemNode, item, sub);
      else checkNumber(itemNode, item, sub);
      if (itemField.type === 'object') visitObject(itemNode, item, itemField, sub);
      findings = recorder.found;
      kept.set(itemNode, findings);
    }
    for (let k = 0; k < findings.length; k++) {
      const f = findings[k];
      ctx.reporter.report(f.code, { offset: itemNode.offset + f.offset, length: f.length }, f.message, f.data);
    }
  }
  if (key === 'requests') checkRequestSet(node, items, ctx);
}

/** Collects one item's findings relative to its start; most items have none (one shared empty list). */
class Recorder implements Reporter {
  found: Finding[] = NO_FINDINGS;
  private base = 0;
  start(base: number): void {
    this.base = base;
    this.found = NO_FINDINGS;
  }
  report(code: Finding['code'], at: { offset: number; length: number }, message: string, data?: Finding['data']): void {
    if (this.found === NO_FINDINGS) this.found = [];
    this.found.push({ code, offset: at.offset - this.base, length: at.length, message, data });
  }
}
