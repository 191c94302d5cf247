/** Rules of one custom provider request, and of the set of requests (SDK and TF field descriptions, TF validators). */
import type { Node } from 'jsonc-parser';
import { findTemplateVariables, templateVariable } from '../../model/variables';
import { hasPlaceholder } from '../../model/placeholders';
import { stringOffsets } from '../ranges';
import type { Context } from './context';
import { findProperty, propertyNodes } from './context';
import { checkCredentialHeaders, checkCredentialParams } from './secrets';
import { isObject } from '../../model/json';

const valueOf = (prop: Node | undefined): Node | undefined => prop?.children?.[1];
const keyOf = (prop: Node | undefined): Node | undefined => prop?.children?.[0];

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

export function checkRequest(node: Node, request: unknown, ctx: Context): void {
  if (node.type !== 'object' || !isObject(request)) return;
  const r = ctx.reporter;
  const method = request.method;
  const url = request.url;
  const body = request.body;

  // messageType: the quirk of the docs' create examples (`DOCS.createCustomBasic`).
  const mt = findProperty(node, 'messageType');
  if (mt)
    r.report(
      'message-type-quirk',
      keyOf(mt)!,
      `"messageType" is how the PingOne docs' examples write the first form parameter of the body; the real field is "body" (a string such as "messageType=ARN&message=\${message}&phoneNumber=\${to}"). Rename it to "body".`,
      { fix: 'rename-message-type', path: [...ctx.path, 'messageType'] },
    );

  // beforeTag / afterTag only on VOICE.
  if (request.deliveryMethod === 'SMS') {
    for (const tag of ['beforeTag', 'afterTag']) {
      const p = findProperty(node, tag);
      if (p)
        r.report(
          'tag-on-sms',
          keyOf(p)!,
          `"${tag}" only applies to VOICE requests (it wraps the digits of a spoken passcode); this request's deliveryMethod is SMS. Remove it, or set deliveryMethod to VOICE.`,
          { fix: 'remove-property', path: [...ctx.path, tag] },
        );
    }
  }

  // https gateway URLs.
  const urlNode = valueOf(findProperty(node, 'url'));
  if (typeof url === 'string' && urlNode && /^http:\/\//i.test(url) && !hasPlaceholder(url)) {
    r.report(
      'url-not-https',
      urlNode,
      'The gateway URL should use https:// (the Terraform provider rejects http://); PingOne would send credentials and messages in clear text.',
    );
  }

  // Mandatory ${to} and ${message}: in the url of a GET, in the body of a POST.
  const bodyNode = valueOf(findProperty(node, 'body'));
  const methodNode = valueOf(findProperty(node, 'method'));
  if (method === 'GET' && typeof url === 'string' && urlNode) requireVariables(urlNode, url, 'url of a GET request', ctx);
  if (method === 'POST') {
    if (body === undefined && !mt && methodNode) {
      r.report(
        'post-body-missing',
        methodNode,
        'A POST request without a "body": nothing carries ${to} and ${message}, e.g. "to=${to}&message=${message}". Add a body, or use GET with the variables in the url.',
        { fix: 'add-properties', path: ctx.path, properties: ['body'] },
      );
    } else if (typeof body === 'string' && bodyNode) {
      requireVariables(bodyNode, body, 'body of a POST request', ctx);
    }
  }

  // Unknown ${…} names in url and body.
  if (typeof url === 'string' && urlNode) unknownVariables(urlNode, url, ctx);
  if (typeof body === 'string' && bodyNode) unknownVariables(bodyNode, body, ctx);

  // content-type of a POST.
  const headersProp = findProperty(node, 'headers');
  const headers = isObject(request.headers) ? request.headers : undefined;
  if (method === 'POST') checkContentType(headersProp, headers, body, methodNode, ctx);

  // Credentials written literally in headers and in url/body parameters.
  if (headersProp && valueOf(headersProp)?.type === 'object')
    checkCredentialHeaders(valueOf(headersProp)!, { ...ctx, path: [...ctx.path, 'headers'] });
  if (typeof url === 'string' && urlNode) checkCredentialParams(urlNode, url, 'url', { ...ctx, path: [...ctx.path, 'url'] });
  if (typeof body === 'string' && bodyNode) checkCredentialParams(bodyNode, body, 'body', { ...ctx, path: [...ctx.path, 'body'] });
}

function requireVariables(node: Node, value: string, where: string, ctx: Context): void {
  if (hasPlaceholder(value)) return;
  const names = new Set(findTemplateVariables(value).map((v) => v.name));
  const missing = ['to', 'message'].filter((n) => !names.has(n));
  if (!missing.length) return;
  const list = missing.map((n) => '${' + n + '}').join(' and ');
  ctx.reporter.report(
    'template-variable-missing',
    node,
    `The ${where} must contain ${list}: PingOne puts the recipient's number in \${to} and the text in \${message}. Add ${missing.length > 1 ? 'them' : 'it'}.`,
  );
}

function unknownVariables(node: Node, value: string, ctx: Context): void {
  const offsetOf = stringOffsets(ctx.text, node);
  for (const v of findTemplateVariables(value)) {
    if (templateVariable(v.name)) continue;
    const start = offsetOf(v.start);
    const end = offsetOf(v.end);
    const hint = v.name === 'user.user.name' ? ' Did you mean ${user.username}?' : '';
    ctx.reporter.report(
      'template-variable-unknown',
      { offset: start, length: end - start },
      `\${${v.name}} is not one of the gateway variables (\${to}, \${message}, \${from}, \${otp}, \${voice}, \${locale}, \${user.username}, \${user.name.given}, \${user.name.family}); fine if it is a dynamic variable of your notification template.${hint}`,
    );
  }
}

function looksLikeJson(body: string): boolean {
  const t = body.trim();
  return t.startsWith('{') || t.startsWith('[');
}

function checkContentType(
  headersProp: Node | undefined,
  headers: Record<string, unknown> | undefined,
  body: unknown,
  methodNode: Node | undefined,
  ctx: Context,
): void {
  const r = ctx.reporter;
  const headersNode = valueOf(headersProp);
  const entries = headersNode?.type === 'object' ? [...propertyNodes(headersNode)].filter(([k]) => k.toLowerCase() === 'content-type') : [];
  if (!entries.length) {
    const at = keyOf(headersProp) ?? methodNode;
    const suggested = typeof body === 'string' && looksLikeJson(body) ? JSON_TYPE : FORM;
    const other = suggested === FORM ? JSON_TYPE : FORM;
    if (at)
      r.report(
        'content-type-missing',
        at,
        `A POST request should carry one "content-type" header: "${suggested}" for this body (or "${other}").`,
        { fix: 'add-header', path: ctx.path, header: 'Content-Type', values: [suggested, other] },
      );
    return;
  }
  if (entries.length > 1) {
    for (const [, p] of entries.slice(1))
      r.report('content-type-mismatch', keyOf(p)!, 'More than one "content-type" header: keep exactly one.');
  }
  const [, prop] = entries[0];
  const v = headers?.[prop.children![0].value];
  const vNode = valueOf(prop);
  if (typeof v !== 'string' || !vNode || hasPlaceholder(v)) return;
  const type = v.split(';')[0].trim().toLowerCase();
  if (type !== FORM && type !== JSON_TYPE) {
    r.report('content-type-mismatch', vNode, `PingOne sends the body as "${FORM}" or "${JSON_TYPE}"; "${v}" is neither.`);
    return;
  }
  if (typeof body !== 'string' || hasPlaceholder(body)) return;
  if (type === JSON_TYPE && !looksLikeJson(body))
    r.report(
      'content-type-mismatch',
      vNode,
      `The content-type says JSON, but the body is not JSON (it looks like a form: a=b&c=d). Use "${FORM}", or write the body as JSON.`,
    );
  if (type === FORM && looksLikeJson(body))
    r.report('content-type-mismatch', vNode, `The content-type says form, but the body is JSON. Use "${JSON_TYPE}".`);
}

/**
 * The set of requests. Several may share a delivery method: the Terraform provider's acceptance
 * test creates two SMS and two VOICE requests against PingOne. An empty set is this extension's advice.
 */
export function checkRequestSet(node: Node, requests: unknown[], ctx: Context): void {
  if (requests.length === 0)
    ctx.reporter.report(
      'requests-empty',
      node,
      'No request: this custom provider cannot send anything. Add an SMS or VOICE request (this is advice; PingOne sets no minimum).',
    );
}
