/**
 * Credentials written literally in the file: the write-only fields, and gateway headers and
 * url/body parameters whose name looks like a credential (PingOne stores and echoes those back).
 */
import type { Node } from 'jsonc-parser';
import { CREDENTIAL_NAME } from '../../model/phoneDeliverySettings';
import type { StringField } from '../../model/types';
import { hasPlaceholder, placeholderName } from '../../model/placeholders';
import { stringParameters } from '../../model/secretPlacement';
import { stringOffsets } from '../ranges';
import type { Context } from './context';
import { propertyNodes } from './context';

const isLiteral = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '' && !hasPlaceholder(v) && !/^\$\{[^}]*\}$/.test(v);

export function checkLiteralSecret(node: Node, value: unknown, key: string, field: StringField, ctx: Context): void {
  if (!isLiteral(value)) return;
  const name = placeholderName(key, field);
  ctx.reporter.report(
    'literal-secret',
    node,
    `"${key}" holds a literal secret. Keep it out of the file: write "{{${name}}}" and set the value as a secret variable.`,
    { fix: 'use-placeholder', path: ctx.path, placeholder: name },
  );
}

export function checkCredentialHeaders(headers: Node, ctx: Context): void {
  for (const [name, prop] of propertyNodes(headers)) {
    const valueNode = prop.children?.[1];
    if (!valueNode || !CREDENTIAL_NAME.test(name) || !isLiteral(valueNode.value)) continue;
    const placeholder = placeholderName(name);
    ctx.reporter.report(
      'literal-secret',
      valueNode,
      `The header "${name}" looks like a credential written literally: PingOne stores it and returns it to anyone who can read the settings. Write "{{${placeholder}}}" and set it as a secret variable.`,
      { fix: 'use-placeholder', path: [...ctx.path, name], placeholder },
    );
  }
}

export function checkCredentialParams(node: Node, value: string, where: 'url' | 'body', ctx: Context): void {
  const offsetOf = stringOffsets(ctx.text, node);
  for (const p of stringParameters(value, where)) {
    const v = value.slice(p.start, p.end);
    if (!CREDENTIAL_NAME.test(p.name) || !isLiteral(v)) continue;
    const start = offsetOf(p.start);
    const end = offsetOf(p.end);
    const placeholder = placeholderName(p.name);
    ctx.reporter.report(
      'literal-secret',
      { offset: start, length: end - start },
      `The ${where} parameter "${p.name}" looks like a credential written literally: PingOne stores it and returns it on read. Write "{{${placeholder}}}" and set it as a secret variable.`,
      { fix: 'use-placeholder', path: ctx.path, placeholder, span: [p.start, p.end] },
    );
  }
}
