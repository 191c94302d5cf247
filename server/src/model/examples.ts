/**
 * Example values the editor inserts (completion, quick fixes, templates) must stay visibly
 * unfinished until they are replaced: a gateway at `gateway.example.com`, a SID of zeros, a
 * `+1 555` number or `client-id` would otherwise pass every check and be sent to PingOne as they
 * are. A field marked with `example` (types.ts) gets the `example-value` warning for values of its
 * kind that can never be real:
 * - `url`: a host of a domain reserved for examples (RFC 2606 and RFC 6761: `example.com`, `.net`,
 *   `.org` and their subdomains; the top-level names `.example`, `.test`, `.invalid`);
 * - `sid`: a Twilio SID of two letters and 32 zeros (`AC000…`), the form of Twilio's own examples;
 * - `phone`: a number in a range reserved for fiction (North America: the `555` area code and
 *   `555-0100`–`555-0199`; the UK's `07700 900000`–`900999`);
 * - `text`: exactly the field's inserted default (`client-id`, `gateway-user`).
 */
import { plainValue } from './snippet';
import type { ExampleKind, StringField } from './types';

const RESERVED_DOMAINS = ['example.com', 'example.net', 'example.org'];
const RESERVED_TLDS = ['example', 'test', 'invalid'];

/** The host of an absolute URL (`scheme://[user@]host[:port]/…`), lower case. */
function hostOf(url: string): string | undefined {
  const m = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/(?:[^/?#@]*@)?(\[[^\]]*\]|[^/?#:]*)/.exec(url);
  return m?.[1].toLowerCase().replace(/\.$/, '');
}

export function isExampleHost(host: string): boolean {
  const tld = host.slice(host.lastIndexOf('.') + 1);
  return RESERVED_DOMAINS.some((d) => host === d || host.endsWith('.' + d)) || RESERVED_TLDS.includes(tld);
}

const FICTIONAL_NUMBER = [/^\+1555\d{7}$/, /^\+1[2-9]\d{2}55501\d{2}$/, /^\+447700900\d{3}$/];
const EXAMPLE_SID = /^[A-Z]{2}0{32}$/;

/** The inserted default of a field (the text of its tab stop), if it is a string. */
function insertedDefault(field: StringField): string | undefined {
  if (field.insertValue === undefined) return undefined;
  const v = plainValue(field.insertValue);
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** Why `value` of `field` is an example to replace, as a message; undefined when it may be real. */
export function exampleProblem(field: StringField, value: string): string | undefined {
  const kind: ExampleKind | undefined = field.example;
  switch (kind) {
    case undefined:
      return undefined;
    case 'url': {
      const host = hostOf(value);
      return host && isExampleHost(host)
        ? `Example value, replace it: "${host}" is a domain reserved for examples (RFC 2606), so PingOne cannot reach anything there.`
        : undefined;
    }
    case 'sid':
      return EXAMPLE_SID.test(value) ? `Example value, replace it: "${value}" is a SID of zeros, not one Twilio issued.` : undefined;
    case 'phone':
      return FICTIONAL_NUMBER.some((r) => r.test(value))
        ? `Example value, replace it: "${value}" is in a range reserved for fiction; no one can be reached from it.`
        : undefined;
    case 'text':
      return value === insertedDefault(field) ? `Example value, replace it: "${value}" is the example the editor inserted.` : undefined;
  }
}
