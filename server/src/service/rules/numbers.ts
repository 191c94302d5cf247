/**
 * Rules of one `numbers[]` item: number form and `supportedCountries` by type (SDK
 * `model_notifications_settings_phone_delivery_settings_custom_numbers.go`, TF validators).
 */
import type { Node } from 'jsonc-parser';
import { hasPlaceholder } from '../../model/placeholders';
import type { Context } from './context';
import { findProperty } from './context';
import { isObject } from '../../model/json';

const E164 = /^\+[1-9]\d{1,14}$/;

/** The E.164 form of a number written with spaces or punctuation, if there is one. */
export function normalizeE164(number: string): string | undefined {
  const digits = number.replace(/[\s().\-/]/g, '');
  const candidate = digits.startsWith('+') ? digits : /^\d+$/.test(digits) ? '+' + digits : digits;
  return E164.test(candidate) && candidate !== number ? candidate : undefined;
}

export function checkNumber(node: Node, item: unknown, ctx: Context): void {
  if (node.type !== 'object' || !isObject(item)) return;
  const r = ctx.reporter;
  const custom = ctx.provider.value === 'CUSTOM_PROVIDER';
  const type = item.type;
  const numberNode = findProperty(node, 'number')?.children?.[1];
  const typeNode = findProperty(node, 'type')?.children?.[1];
  const anchor = numberNode ?? typeNode ?? { offset: node.offset, length: 1 };

  // The number's form.
  if (typeof item.number === 'string' && numberNode && !hasPlaceholder(item.number)) {
    if ((type === 'PHONE_NUMBER' || type === 'TOLL_FREE') && !E164.test(item.number)) {
      const fixed = normalizeE164(item.number);
      r.report(
        'number-not-e164',
        numberNode,
        `"${item.number}" is not in E.164 form (a "+", the country code and the number, no spaces: "+14155552671").${fixed ? ` Use "${fixed}".` : ''}`,
        fixed ? { fix: 'normalize-number', path: [...ctx.path, 'number'], value: fixed } : undefined,
      );
    }
    if (type === 'SHORT_CODE' && !/^\d+$/.test(item.number)) {
      const digits = item.number.replace(/\D/g, '');
      r.report(
        'short-code-not-digits',
        numberNode,
        `Short codes are usually written as digits, e.g. "894546" (advice: PingOne also accepts "+441234567891").`,
        digits && digits !== item.number ? { fix: 'normalize-number', path: [...ctx.path, 'number'], value: digits } : undefined,
      );
    }
  }

  // supportedCountries by type.
  const scProp = findProperty(node, 'supportedCountries');
  const sc = item.supportedCountries;
  const scKey = scProp?.children?.[0];
  if (type === 'PHONE_NUMBER' && scProp && scKey) {
    r.report(
      'countries-not-allowed',
      scKey,
      'A PHONE_NUMBER must not specify "supportedCountries" (only TOLL_FREE and SHORT_CODE numbers do). Remove it.',
      { fix: 'remove-property', path: [...ctx.path, 'supportedCountries'] },
    );
  }
  if (type === 'SHORT_CODE') {
    if (Array.isArray(sc) && sc.length !== 1 && scKey)
      r.report(
        'countries-count',
        scKey,
        `A SHORT_CODE serves exactly one country; "supportedCountries" has ${sc.length}. Keep one code, e.g. ["US"].`,
      );
    else if (sc === undefined && custom)
      r.report(
        'countries-count',
        anchor,
        'A SHORT_CODE of a custom provider needs "supportedCountries" with exactly one country code, e.g. ["US"].',
        { fix: 'add-properties', path: ctx.path, properties: ['supportedCountries'] },
      );
  }
  if (type === 'TOLL_FREE') {
    if (Array.isArray(sc) && sc.length === 0 && scKey)
      r.report(
        'countries-count',
        scKey,
        'A TOLL_FREE number needs one or more country codes in "supportedCountries"; an empty list is not supported.',
      );
    else if (sc === undefined && custom)
      r.report(
        'countries-count',
        anchor,
        'A TOLL_FREE number of a custom provider needs "supportedCountries" with one or more country codes, e.g. ["US", "CA"].',
        { fix: 'add-properties', path: ctx.path, properties: ['supportedCountries'] },
      );
  }

  // At least one capability on a custom provider's number.
  if (custom) {
    const caps = item.capabilities;
    const capsKey = findProperty(node, 'capabilities')?.children?.[0];
    if (caps === undefined)
      r.report('capabilities-empty', anchor, 'Say what this number can do: "capabilities": ["SMS"], ["VOICE"] or both.', {
        fix: 'add-properties',
        path: ctx.path,
        properties: ['capabilities'],
      });
    else if (Array.isArray(caps) && caps.length === 0 && capsKey)
      r.report('capabilities-empty', capsKey, 'An empty "capabilities" list: add "SMS", "VOICE" or both.');
  }
}
