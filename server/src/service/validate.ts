/**
 * Diagnostics: syntax, then the schema branch the document selects (ajv), then the rules JSON
 * Schema cannot express (`rules/*.ts`). Severity always comes from the model's rule table.
 */
import type { ErrorObject } from 'ajv';
import type { JSONPath, Node } from 'jsonc-parser';
import { PHONE_DELIVERY_SETTINGS } from '../model/phoneDeliverySettings';
import { LOCAL_ONLY_RULES, RULES, type RuleCode } from '../model/rules';
import { DOCS } from '../model/docs';
import type { Field } from '../model/types';
import { selectCase, locate } from '../model/modelNav';
import { findValueNode, keyNodeOf, pointerToPath, rangeOf } from './ranges';
import { hasPlaceholder, isWholePlaceholder } from '../model/placeholders';
import { schemaErrors, splitSchema } from './schemaValidator';
import { checkSemantics } from './rules/semantics';
import { checkSecretPlacement } from './rules/placement';
import type { ItemSchemaCheck, Reporter } from './rules/context';
import { closest } from './similar';
import { DIAGNOSTIC_SOURCE, type Diagnostic, type FixData, type TextDocument } from './types';
import type { ParsedDocument } from './parse';
import { reportedSyntaxProblems, syntaxDamage } from './syntaxDamage';

/** Common non-ISO spellings of a country code. */
const COUNTRY_ALIASES: Record<string, string> = { UK: 'GB', EL: 'GR' };

/** LSP DiagnosticSeverity of each severity of the rule table. */
export const SEVERITY = { error: 1, warning: 2, information: 3, hint: 4 } as const;

/** Everything a rule needs to report a problem. */
export function makeDiagnostic(
  document: TextDocument,
  code: RuleCode,
  at: { offset: number; length: number },
  message: string,
  docs?: string,
  data?: FixData,
): Diagnostic {
  const rule = RULES[code];
  const d: Diagnostic = {
    range: rangeOf(document, at.offset, at.length),
    severity: SEVERITY[rule.severity],
    source: DIAGNOSTIC_SOURCE,
    code,
    message,
  };
  const href = 'docs' in rule && typeof rule.docs === 'string' ? rule.docs : docs;
  if (href) d.codeDescription = { href };
  if (data) d.data = data;
  return d;
}

export function validate(document: TextDocument, parsed: ParsedDocument): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  const { root, value } = parsed;
  const providerCase = selectCase(PHONE_DELIVERY_SETTINGS, value);
  const docs = providerCase?.docs ?? DOCS.dataModel;
  // After a syntax error, findings only where the tree is the text's, not the parser's guess.
  const damage = syntaxDamage(root, parsed.problems, document.getText());
  const reporter: Reporter = {
    report(code, at, message, data) {
      if (damage && !damage.keeps(code, at, data)) return;
      const d = makeDiagnostic(document, code, at, message, LOCAL_ONLY_RULES.has(code) ? undefined : docs, data);
      const key = `${code}:${at.offset}:${at.length}:${message}`;
      if (seen.has(key)) return;
      seen.add(key);
      out.push(d);
    },
  };

  if (parsed.skipped) {
    const why =
      parsed.skipped === 'too-large' ? `larger than the size limit (${parsed.length} characters)` : 'nested deeper than the depth limit';
    reporter.report(
      'document-too-large',
      { offset: 0, length: Math.min(1, parsed.length) },
      `This document is ${why}, so it was not checked. Raise the limit in the settings (pingone.limits) to check it.`,
    );
    return out;
  }
  const syntax = damage ? reportedSyntaxProblems(root, parsed.problems, document.getText()) : parsed.problems;
  for (const p of syntax) reporter.report(p.code, p, p.message);
  for (const key of parsed.duplicateKeys) {
    reporter.report('duplicate-key', key, `Duplicate key "${key.value}": only the last one counts. Remove one of them.`, {
      fix: 'remove-property',
      path: pathOfKey(key),
    });
  }
  if (!root) return out;
  if (root.type !== 'object') {
    reporter.report('invalid-type', root, 'The body must be a JSON object: { "provider": …, … }.');
    return out;
  }

  if (providerCase?.notCreatable) {
    const node = findValueNode(root, ['provider'])!;
    reporter.report('provider-not-creatable', node, providerCase.notCreatable.replace(/`/g, '"'), {
      fix: 'replace-value',
      path: ['provider'],
      candidates: ['CUSTOM_TWILIO'],
    });
    return out;
  }
  // A branch with long arrays is checked as a shell here and item by item in the semantic walk,
  // where each item's findings are kept with its node (itemResults.ts).
  const split = providerCase && splitSchema(providerCase);
  for (const e of split ? split.shellErrors(value) : schemaErrors(value, providerCase)) reportSchemaError(e, root, value, reporter);
  if (providerCase) {
    const itemSchema: ItemSchemaCheck | undefined = split
      ? (array, index, item, r) => {
          for (const e of split.itemErrors(array, item))
            reportSchemaError({ ...e, instancePath: `/${array}/${index}${e.instancePath}` }, root, value, r);
        }
      : undefined;
    checkSemantics(root, value, providerCase, reporter, document.getText(), parsed.itemResults, itemSchema);
  }
  checkSecretPlacement(root, value, reporter, document.getText());
  return out.sort(byPosition);
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

function pathOfKey(key: Node): JSONPath {
  const path: JSONPath = [];
  let n: Node | undefined = key.parent; // the property
  while (n && n.parent) {
    const parent: Node = n.parent;
    if (n.type === 'property') path.unshift(n.children![0].value);
    else if (parent.type === 'array') path.unshift(parent.children!.indexOf(n));
    n = parent;
  }
  return path;
}

const typeName = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `a ${typeof v}`;
const article = (t: string): string => (/^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`);
const q = (s: string | number): string => `"${s}"`;

/** Where a missing property is reported: the key of the object, or its opening brace. */
function objectAnchor(objNode: Node): { offset: number; length: number } {
  return keyNodeOf(objNode) ?? { offset: objNode.offset, length: 1 };
}

function describeOwner(path: JSONPath, value: unknown): string {
  const loc = locate(path, value);
  return loc?.object?.shape.title ?? 'this object';
}

function reportSchemaError(e: ErrorObject, root: Node, value: unknown, r: Reporter): void {
  const path = pointerToPath(e.instancePath, value);
  const node = findValueNode(root, path);
  if (!node) return;
  const here = locate(path, value);
  const field: Field | undefined = here?.field;
  const name = path.length ? String(path[path.length - 1]) : 'the body';
  const instance = here?.value;
  switch (e.keyword) {
    case 'if':
    case 'not':
      return; // wrappers of the branch errors reported next to them
    case 'required': {
      const prop = (e.params as { missingProperty: string }).missingProperty;
      const owner = describeOwner(path, value);
      const missingField = here?.object?.shape.properties[prop];
      const why = missingField ? ' ' + firstSentence(missingField.description) : '';
      const missingAll = (here?.object?.shape.required ?? [prop]).filter(
        (k) => !(instance && typeof instance === 'object' && k in (instance as object)),
      );
      const update = path.length === 0 && typeof (value as Record<string, unknown>)?.id === 'string';
      if (update && here?.object?.shape.updateMayOmit?.includes(prop)) {
        r.report(
          'missing-on-update',
          objectAnchor(node),
          `No ${q(prop)} in this update of ${owner}: PingOne's OpenAPI requires it, though PingOne's own update example leaves it out. Add it if PingOne refuses the update.`,
          { fix: 'add-properties', path, properties: [prop] },
        );
        return;
      }
      r.report('missing-property', objectAnchor(node), `Missing required property ${q(prop)} in ${owner}.${why} Add it.`, {
        fix: 'add-properties',
        path,
        properties: missingAll.length ? missingAll : [prop],
      });
      return;
    }
    case 'additionalProperties': {
      const prop = (e.params as { additionalProperty: string }).additionalProperty;
      if (prop === 'messageType') return; // its own rule says what to do
      const keyNode = findPropertyKey(node, prop);
      if (!keyNode) return;
      r.report('property-not-allowed', keyNode, notAllowedMessage(path, value, prop), { fix: 'remove-property', path: [...path, prop] });
      return;
    }
    case 'type': {
      const expected = String((e.params as { type: string }).type);
      r.report(
        'invalid-type',
        node,
        `${q(name)} must be ${article(expected)}, not ${typeName(instance)}.${expected === 'string' && typeof instance !== 'object' ? ` Write it in quotes: "${String(instance)}".` : ''}`,
      );
      return;
    }
    case 'enum':
    case 'const': {
      if (typeof instance === 'string' && isWholePlaceholder(instance)) return;
      const allowed =
        e.keyword === 'enum'
          ? ((e.params as { allowedValues: unknown[] }).allowedValues as string[])
          : [String((e.params as { allowedValue: unknown }).allowedValue)];
      const country = field?.type === 'string' && field.country;
      const candidates =
        typeof instance === 'string'
          ? country
            ? allowed.filter((a) => a === (COUNTRY_ALIASES[instance.toUpperCase()] ?? instance.toUpperCase()))
            : closest(instance, allowed)
          : [];
      if (country) {
        // Not String(instance): an object of the parse has no prototype, and String() throws on it.
        const shown = typeof instance === 'string' ? q(instance) : String(JSON.stringify(instance));
        r.report(
          'country-code-invalid',
          node,
          `${shown} is not an ISO 3166-1 alpha-2 country code.${candidates.length ? ` Did you mean ${q(candidates[0])}?` : ' Use two capital letters, such as "US", "CA" or "GB".'}`,
          candidates.length ? { fix: 'replace-value', path, candidates } : undefined,
        );
        return;
      }
      r.report(
        'invalid-value',
        node,
        enumMessage(path, value, name, instance, allowed),
        candidates.length ? { fix: 'replace-value', path, candidates } : undefined,
      );
      return;
    }
    case 'pattern':
    case 'format': {
      if (typeof instance === 'string' && hasPlaceholder(instance)) return;
      const hint = field?.type === 'string' && field.patternHint ? field.patternHint.replace(/`/g, '') : 'the documented form';
      const code = field?.type === 'string' && field.patternRule ? field.patternRule : 'invalid-value';
      const why =
        code === 'id-format'
          ? ' PingOne issues UUIDs, so Send cannot find a resource by this id.'
          : code === 'url-format'
            ? ' PingOne calls this address, so it needs a scheme and a host.'
            : '';
      r.report(code, node, `${q(name)} should be ${hint}.${why}`);
      return;
    }
    case 'minItems': {
      const code = field?.type === 'array' && field.minItemsRule ? field.minItemsRule : 'invalid-value';
      r.report(
        code,
        node,
        `${q(name)} needs at least ${(e.params as { limit: number }).limit} item: ${describeOwner(path.slice(0, -1), value)} cannot send anything without one. Add one.`,
      );
      return;
    }
    default:
      r.report('invalid-value', node, `${q(name)}: ${e.message ?? 'invalid value'}.`);
  }
}

function firstSentence(markdown: string): string {
  const plain = markdown.replace(/`/g, '"').replace(/\*\*/g, '');
  const m = /^.*?[.!?](\s|$)/.exec(plain);
  return (m ? m[0] : plain).trim();
}

function findPropertyKey(obj: Node, key: string): Node | undefined {
  if (obj.type !== 'object') return undefined;
  let found: Node | undefined;
  for (const p of obj.children ?? []) if (p.children?.[0]?.value === key) found = p.children[0];
  return found;
}

function enumMessage(path: JSONPath, value: unknown, name: string, instance: unknown, allowed: string[]): string {
  const shown = typeof instance === 'string' ? q(instance) : JSON.stringify(instance);
  const list = allowed.join(', ');
  if (name === 'provider')
    return `${shown} is not a provider PingOne knows. Use one of: ${allowed.filter((a) => a !== 'PINGONE_TWILIO').join(', ')}.`;
  if (typeof path[path.length - 1] === 'number')
    return `${shown} is not a valid item of ${q(String(path[path.length - 2]))}. Use one of: ${list} (upper case).`;
  return `${shown} is not a valid ${q(name)} in ${describeOwner(path.slice(0, -1), value)}. Use one of: ${list} (upper case).`;
}

/** Names the owner, what it takes, and where the property would belong instead. */
function notAllowedMessage(path: JSONPath, value: unknown, prop: string): string {
  const loc = locate(path, value);
  const shape = loc?.object?.shape;
  const owner = shape?.title ?? 'this object';
  const common = path.length === 0 ? PHONE_DELIVERY_SETTINGS.properties : {};
  const own = shape ? Object.keys(shape.properties).filter((k) => !(k in common) && k !== 'messageType') : [];
  let msg = `${q(prop)} is not a property of ${owner}.`;
  if (own.length) msg += ` It takes: ${own.join(', ')}.`;
  // Where would it belong? Another case of the same variant (e.g. a BASIC field under OAUTH2).
  const variantShape = path.length === 0 ? PHONE_DELIVERY_SETTINGS : loc?.field?.type === 'object' ? loc.field.shape : undefined;
  const owners = (variantShape?.variants?.cases ?? []).filter((c) => Object.hasOwn(c.shape.properties, prop)).map((c) => c.label);
  if (owners.length) msg += ` ${q(prop)} belongs to ${[...new Set(owners)].join(', ')}.`;
  return msg + ' PingOne probably ignores it: check the spelling, or remove it.';
}
