import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MarkupKind, type Hover, type MarkupContent } from 'vscode-languageserver-types';
import { hover } from '../../../server/src/service/hover';
import { parseDocument } from '../../../server/src/service/parse';
import type { ServiceOptions } from '../../../server/src/service/types';
import { PHONE_DELIVERY_SETTINGS, PROVIDERS } from '../../../server/src/model/phoneDeliverySettings';
import { TEMPLATE_VARIABLES } from '../../../server/src/model/variables';
import { countryName } from '../../../server/src/model/countries';
import { DOCS } from '../../../server/src/model/docs';
import type { Field, ObjectShape, StringField } from '../../../server/src/model/types';
import { doc, withCursor } from '../../support/markers';

const MD: ServiceOptions = { markdown: true };

interface At {
  h: Hover | null;
  text: string;
  /** The markdown (or plain text) of the hover. */
  md: string;
  /** The hovered text, as the hover range says. */
  covered: string;
}

function hoverAt(marked: string, options: ServiceOptions = MD): At {
  const { text, offset } = withCursor(marked);
  const document = doc(text);
  const h = hover(document, document.positionAt(offset), parseDocument(text), options);
  const md = h ? (h.contents as MarkupContent).value : '';
  const covered = h?.range ? text.slice(document.offsetAt(h.range.start), document.offsetAt(h.range.end)) : '';
  return { h, text, md, covered };
}

const providerCase = (value: string) => PHONE_DELIVERY_SETTINGS.variants!.cases.find((c) => c.value === value)!;
const shapeOf = (f: Field | undefined): ObjectShape => {
  assert.ok(f && f.type === 'object');
  return f.shape;
};
const custom = providerCase('CUSTOM_PROVIDER');
const auth = shapeOf(custom.shape.properties.authentication);
const requestsField = custom.shape.properties.requests;
const request = requestsField.type === 'array' ? shapeOf(requestsField.items) : assert.fail('requests is an array');

const BODY = `{
  "provider": "CUSTOM_PROVIDER",
  "name": "Gateway",
  "authentication": { "method": "BASIC", "username": "u", "password": "{{p}}" },
  "requests": [
    { "deliveryMethod": "VOICE", "method": "POST", "url": "https://x.example.com/v", "body": "to=\${to}&m=\${message}&x=\${nope}", "phoneNumberFormat": "FULL" }
  ],
  "numbers": [{ "type": "TOLL_FREE", "number": "+18005550100", "supportedCountries": ["US", "DE"], "selected": true }]
}`;

/** BODY with the cursor put at the `nth` occurrence of `at`, `shift` characters in. */
function inBody(at: string, shift = 1, nth = 0): string {
  let i = -1;
  for (let n = 0; n <= nth; n++) i = BODY.indexOf(at, i + 1);
  assert.ok(i >= 0, at);
  return BODY.slice(0, i + shift) + '|' + BODY.slice(i + shift);
}

describe('hover: keys', () => {
  it('a top-level key: description, type, required for the provider, docs link; range = the key', () => {
    const r = hoverAt(inBody('"name"', 2));
    assert.equal(r.covered, '"name"');
    assert.ok(r.md.includes(custom.shape.properties.name.description));
    assert.match(r.md, /`string`/);
    assert.match(r.md, /required for CUSTOM_PROVIDER/);
    assert.ok(r.md.includes(`(${custom.docs})`));
    assert.equal((r.h!.contents as MarkupContent).kind, MarkupKind.Markdown);
  });

  it('provider: required, with its values', () => {
    const r = hoverAt(inBody('"provider"', 3));
    assert.equal(r.covered, '"provider"');
    assert.match(r.md, /· required/);
    for (const p of PROVIDERS.filter((p) => !providerCase(p.value).notCreatable)) assert.ok(r.md.includes('`' + p.value + '`'), p.value);
    assert.ok(r.md.includes(DOCS.dataModel));
  });

  it('an optional key and one with a default', () => {
    const numbers = hoverAt(inBody('"numbers"', 2));
    assert.match(numbers.md, /· optional/);
    assert.match(numbers.md, /array of objects/);
    const format = hoverAt(inBody('"phoneNumberFormat"', 4));
    assert.ok(format.md.includes((request.properties.phoneNumberFormat as StringField).description));
    assert.match(format.md, /Default: `"FULL"`/);
    assert.match(format.md, /· optional/);
  });

  it('a secret inside authentication: required for the method, write-only', () => {
    const r = hoverAt(inBody('"password"', 2));
    const basic = auth.variants!.cases.find((c) => c.value === 'BASIC')!;
    assert.equal(r.covered, '"password"');
    assert.match(r.md, /required for BASIC/);
    assert.match(r.md, /write-only/);
    assert.ok(r.md.includes(basic.shape.properties.password.description.split('\n')[0]));
    assert.ok(r.md.includes(`(${basic.docs})`));
  });

  it('a key of a request item and of a number item', () => {
    const delivery = hoverAt(inBody('"deliveryMethod"', 5));
    assert.ok(delivery.md.includes(request.properties.deliveryMethod.description));
    assert.match(delivery.md, /· required/);
    const countries = hoverAt(inBody('"supportedCountries"', 5));
    assert.match(countries.md, /ISO 3166-1 alpha-2/);
    assert.equal(countries.covered, '"supportedCountries"');
  });

  it('a key without a provider: what needs it', () => {
    const r = hoverAt('{"na|me": "x"}');
    assert.match(r.md, /required for CUSTOM_PROVIDER/);
  });

  it('the docs quirk messageType says what to use', () => {
    const r = hoverAt('{"provider": "CUSTOM_PROVIDER", "requests": [{"message|Type": "ARN"}]}');
    assert.ok(r.md.includes(request.properties.messageType.deprecated!));
  });

  it('a request header name', () => {
    const r = hoverAt('{"provider": "CUSTOM_PROVIDER", "requests": [{"headers": {"content-t|ype": "application/json"}}]}');
    assert.equal(r.covered, '"content-type"');
    assert.ok(r.md.includes(request.properties.headers.description));
  });

  it('null for a key the model does not know', () => {
    assert.equal(hoverAt('{"provider": "CUSTOM_PROVIDER", "unkn|own": 1}').h, null);
  });
});

describe('hover: values', () => {
  it('the provider value: the provider description and what it requires', () => {
    const r = hoverAt(inBody('"CUSTOM_PROVIDER"', 4));
    assert.equal(r.covered, '"CUSTOM_PROVIDER"');
    assert.ok(r.md.includes(PROVIDERS.find((p) => p.value === 'CUSTOM_PROVIDER')!.description));
    for (const k of custom.shape.required) assert.ok(r.md.includes('`' + k + '`'), k);
  });

  it('enum values: method, deliveryMethod, type, phoneNumberFormat', () => {
    const method = hoverAt(inBody('"BASIC"', 2));
    const basicValue = (auth.properties.method as StringField).enum!.find((e) => e.value === 'BASIC')!;
    assert.ok(method.md.includes(basicValue.description));
    assert.equal(method.covered, '"BASIC"');

    const voice = hoverAt(inBody('"VOICE"', 2));
    assert.ok(voice.md.includes((request.properties.deliveryMethod as StringField).enum!.find((e) => e.value === 'VOICE')!.description));

    const post = hoverAt(inBody('"POST"', 2));
    assert.ok(post.md.includes((request.properties.method as StringField).enum!.find((e) => e.value === 'POST')!.description));

    const tollFree = hoverAt(inBody('"TOLL_FREE"', 2));
    assert.match(tollFree.md, /toll-free/i);

    const full = hoverAt(inBody('"FULL"', 2));
    assert.ok(full.md.includes((request.properties.phoneNumberFormat as StringField).enum!.find((e) => e.value === 'FULL')!.description));
  });

  it('a boolean or free value: what its field is', () => {
    const r = hoverAt(inBody('true', 1));
    assert.equal(r.covered, 'true');
    assert.match(r.md, /selected/);
  });

  it('a ${…} variable in a body: what PingOne puts there; range = the variable', () => {
    const to = hoverAt(inBody('${to}', 3));
    assert.equal(to.covered, '${to}');
    assert.ok(to.md.includes(TEMPLATE_VARIABLES.find((v) => v.name === 'to')!.description));
    const message = hoverAt(inBody('${message}', 0));
    assert.equal(message.covered, '${message}');
    assert.ok(message.md.includes(TEMPLATE_VARIABLES.find((v) => v.name === 'message')!.description));
  });

  it('a ${…} variable in a GET url', () => {
    const r = hoverAt(
      '{"provider": "CUSTOM_PROVIDER", "requests": [{"method": "GET", "url": "https://x.example.com/?t=${to}&f=${fr|om}"}]}',
    );
    assert.equal(r.covered, '${from}');
    assert.ok(r.md.includes(TEMPLATE_VARIABLES.find((v) => v.name === 'from')!.description));
  });

  it('an unknown variable: the ones PingOne knows', () => {
    const r = hoverAt(inBody('${nope}', 2));
    assert.equal(r.covered, '${nope}');
    assert.match(r.md, /not a documented template variable/);
    assert.ok(r.md.includes('`${message}`'));
  });

  it('a country code: the country name', () => {
    const us = hoverAt(inBody('"US"', 1));
    assert.equal(us.covered, '"US"');
    assert.ok(us.md.includes(countryName('US')!));
    const de = hoverAt(inBody('"DE"', 2));
    assert.ok(de.md.includes(countryName('DE')!));
  });
});

describe('hover: nothing to say, plain text, robustness', () => {
  it('null on whitespace and punctuation', () => {
    assert.equal(hoverAt('{\n  "provider": "CUSTOM_PROVIDER",\n | \n  "name": "x"\n}').h, null);
    assert.equal(hoverAt('{"provider"|: "CUSTOM_PROVIDER"}').h, null);
    assert.equal(hoverAt('|').h, null);
  });

  it('markdown false: plain text', () => {
    const r = hoverAt(inBody('"password"', 2), { markdown: false });
    assert.equal((r.h!.contents as MarkupContent).kind, MarkupKind.PlainText);
    assert.doesNotMatch(r.md, /\*\*|`|\]\(/);
    assert.match(r.md, /write-only/);
  });

  it('works in an unfinished document', () => {
    const r = hoverAt('{"provider": "CUSTOM_PROVIDER", "na|me": "x", "requests": [{"url": "');
    assert.ok(r.md.includes(custom.shape.properties.name.description));
  });

  it('never throws, and every range is inside the document', () => {
    for (const text of [BODY, '{"a": [1, {"b": ', '[[[', '{"provider": "CUSTOM_PROVIDER", "requests": [{"body": "${to', '"x"']) {
      const document = doc(text);
      const parsed = parseDocument(text);
      for (let offset = 0; offset <= text.length; offset++) {
        const h = hover(document, document.positionAt(offset), parsed, MD);
        if (!h?.range) continue;
        const start = document.offsetAt(h.range.start);
        const end = document.offsetAt(h.range.end);
        assert.ok(start <= offset && offset <= end && end <= text.length, `${JSON.stringify(text)}@${offset}`);
      }
    }
  });
});
