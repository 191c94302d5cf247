/**
 * Hover: for a key, the field's description, type, whether the document's provider / method
 * requires it, its default and the docs link; for an enum value, the value's description (for
 * `provider` and `method`, what that case requires); for a `${…}` variable in a request `url` or
 * `body`, what PingOne puts there; for a country code, the country's name. All from the model.
 */
import { getNodePath, type Node } from 'jsonc-parser';
import { findTemplateVariables, templateVariable } from '../model/variables';
import type { ParsedDocument } from './parse';
import type { Hover, Position, ServiceOptions, TextDocument } from './types';
import { locate } from '../model/modelNav';
import { lastKey } from '../model/json';
import { rangeOf, nodeRange } from './ranges';
import { isTerminatedString } from './completeContext';
import {
  countryMarkdown,
  discriminatorCases,
  docsFor,
  enumValueMarkdown,
  fieldMarkdown,
  markup,
  rawShapeAt,
  requirement,
  unknownVariableMarkdown,
  variableMarkdown,
} from './hoverText';

export function hover(document: TextDocument, position: Position, parsed: ParsedDocument, options: ServiceOptions): Hover | null {
  const root = parsed.root;
  if (!root || parsed.skipped) return null;
  const text = document.getText();
  const offset = document.offsetAt(position);
  const node = nodeAt(root, offset, text.length);
  if (!node) return null;
  const ctx: HoverEnv = { document, text, offset, value: parsed.value, markdown: options.markdown !== false };
  if (node.type === 'string' && node.parent?.type === 'property' && node.parent.children?.[0] === node) return keyHover(ctx, node);
  if (node.type === 'string' || node.type === 'number' || node.type === 'boolean' || node.type === 'null') return valueHover(ctx, node);
  return null;
}

interface HoverEnv {
  document: TextDocument;
  text: string;
  offset: number;
  value: unknown;
  markdown: boolean;
}

/** The innermost node at `offset`; nodes of an unfinished document (length -1) run to its end. */
function nodeAt(root: Node, offset: number, docLength: number): Node | undefined {
  const end = (n: Node): number => (n.length < 0 ? docLength : n.offset + n.length);
  if (offset < root.offset || offset >= end(root)) return undefined;
  let node = root;
  for (;;) {
    const child = node.children?.find((c) => offset >= c.offset && offset < end(c));
    if (!child) return node;
    node = child;
  }
}

function result(env: HoverEnv, markdown: string, start: number, length: number): Hover {
  return { contents: markup(markdown, env.markdown), range: rangeOf(env.document, start, length) };
}

function keyHover(env: HoverEnv, keyNode: Node): Hover | null {
  const path = getNodePath(keyNode);
  const key = String(keyNode.value);
  const ownerPath = path.slice(0, -1);
  const container = ownerPath.length ? locate(ownerPath, env.value)?.field : undefined;
  if (container?.type === 'map') {
    // A free key (a request header): what the map is for.
    const md = fieldMarkdown({ key: lastKey(ownerPath), field: container, docs: docsFor(ownerPath, env.value) });
    return {
      contents: markup(`**\`${key}\`** · entry of \`${lastKey(ownerPath)}\`\n\n${md}`, env.markdown),
      range: nodeRange(env.document, keyNode),
    };
  }
  const loc = locate(path, env.value);
  if (!loc?.field) return null;
  const raw = rawShapeAt(ownerPath, env.value);
  const md = fieldMarkdown({
    key,
    field: loc.field,
    requirement: requirement(key, loc.owner, raw),
    cases: discriminatorCases(raw, key),
    docs: docsFor(path, env.value),
  });
  return { contents: markup(md, env.markdown), range: nodeRange(env.document, keyNode) };
}

function valueHover(env: HoverEnv, node: Node): Hover | null {
  const path = getNodePath(node);
  const field = locate(path, env.value)?.field;
  if (!field) return null;
  const last = path[path.length - 1];
  const key = lastKey(path);
  const docs = docsFor(path, env.value);

  if (field.type === 'string' && field.template && node.type === 'string') {
    const contentStart = node.offset + 1;
    const contentEnd = isTerminatedString(env.text, node.offset, node.length) ? node.offset + node.length - 1 : node.offset + node.length;
    const rel = env.offset - contentStart;
    const v = findTemplateVariables(env.text.slice(contentStart, contentEnd)).find((m) => rel >= m.start && rel < m.end);
    if (v) {
      const known = templateVariable(v.name);
      return result(env, known ? variableMarkdown(known) : unknownVariableMarkdown(v.name), contentStart + v.start, v.end - v.start);
    }
  }

  if (field.type === 'string' && field.enum && typeof node.value === 'string') {
    const ev = field.enum.find((e) => e.value === node.value);
    if (ev) {
      if (field.country) return result(env, countryMarkdown(ev, docs), node.offset, node.length);
      const cases = typeof last === 'string' ? discriminatorCases(rawShapeAt(path.slice(0, -1), env.value), last) : undefined;
      return result(env, enumValueMarkdown(key, ev, cases, docs), node.offset, node.length);
    }
  }

  // Any other value: what its field is.
  const loc = locate(path, env.value);
  const raw = typeof last === 'string' ? rawShapeAt(path.slice(0, -1), env.value) : undefined;
  const md = fieldMarkdown({
    key,
    field,
    requirement: typeof last === 'string' ? requirement(last, loc?.owner, raw) : undefined,
    cases: typeof last === 'string' ? discriminatorCases(raw, last) : undefined,
    docs,
  });
  return result(env, md, node.offset, node.length);
}
