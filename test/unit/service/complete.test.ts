import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InsertTextFormat, MarkupKind, type CompletionItem, type MarkupContent } from 'vscode-languageserver-types';
import { complete } from '../../../server/src/service/complete';
import { parseDocument } from '../../../server/src/service/parse';
import { snippetToPlain } from '../../support/snippetSyntax';
import { plainValue } from '../../../server/src/model/snippet';
import type { ServiceOptions } from '../../../server/src/service/types';
import { PHONE_DELIVERY_SETTINGS, PROVIDERS } from '../../../server/src/model/phoneDeliverySettings';
import { TEMPLATES } from '../../../server/src/model/templates';
import { TEMPLATE_VARIABLES } from '../../../server/src/model/variables';
import { countryName } from '../../../server/src/model/countries';
import type { Field, ObjectShape, StringField } from '../../../server/src/model/types';
import { applyEdits, doc, withCursor } from '../../support/markers';

const SNIPPETS: ServiceOptions = { templateCompletions: true, snippetSupport: true, markdown: true };
const PLAIN: ServiceOptions = { templateCompletions: true, snippetSupport: false, markdown: true };

interface Result {
  text: string;
  items: CompletionItem[];
  labels: string[];
  /** The document after accepting the item with this label (tab stops keep their defaults). */
  accept(label: string): string;
  item(label: string): CompletionItem;
}

function completeAt(marked: string, options: ServiceOptions = PLAIN): Result {
  const { text, offset } = withCursor(marked);
  const document = doc(text);
  const list = complete(document, document.positionAt(offset), parseDocument(text), options);
  const item = (label: string): CompletionItem => {
    const found = list.items.find((i) => i.label === label);
    assert.ok(found, `no item "${label}" in ${JSON.stringify(list.items.map((i) => i.label))}`);
    return found;
  };
  return {
    text,
    items: list.items,
    labels: list.items.map((i) => i.label),
    item,
    accept: (label) => applyItem(text, item(label)),
  };
}

/** Applies the item's edits as a client would; a snippet is inserted with its defaults. */
function applyItem(text: string, item: CompletionItem): string {
  assert.ok(item.textEdit && 'range' in item.textEdit, 'item without a textEdit range');
  const edit = item.textEdit;
  const newText = item.insertTextFormat === InsertTextFormat.Snippet ? snippetToPlain(edit.newText) : edit.newText;
  return applyEdits(text, [{ range: edit.range, newText }, ...(item.additionalTextEdits ?? [])]);
}

/** Labels in the order a client shows them (by sortText, then label). */
function sorted(items: CompletionItem[]): string[] {
  return [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label)).map((i) => i.label);
}

function docText(item: CompletionItem): string {
  const d = item.documentation;
  return typeof d === 'string' ? d : ((d as MarkupContent | undefined)?.value ?? '');
}

// Model look-ups, so that the expectations follow the model rather than repeat it.
const providerCase = (value: string) => PHONE_DELIVERY_SETTINGS.variants!.cases.find((c) => c.value === value)!;
const customShape = providerCase('CUSTOM_PROVIDER').shape;
const objectField = (f: Field | undefined): ObjectShape => {
  assert.ok(f && f.type === 'object');
  return f.shape;
};
const authShape = objectField(customShape.properties.authentication);
const authCase = (label: string) => authShape.variants!.cases.find((c) => c.label === label)!;
const requestsField = customShape.properties.requests;
const requestShape = requestsField.type === 'array' ? objectField(requestsField.items) : assert.fail('requests is an array');

describe('complete: property names', () => {
  it('CUSTOM_PROVIDER at the top level: its properties, without present keys, required first', () => {
    const r = completeAt('{\n  "provider": "CUSTOM_PROVIDER",\n  |\n  "numbers": []\n}');
    for (const k of ['name', 'authentication', 'requests', 'default', 'id']) assert.ok(r.labels.includes(k), k);
    for (const k of ['provider', 'numbers', 'createdAt', 'updatedAt', '_links', 'sid', 'authToken']) assert.ok(!r.labels.includes(k), k);
    const required = customShape.required;
    assert.deepEqual(sorted(r.items).slice(0, required.length), required);
    // on an empty line before another property: a trailing comma
    assert.equal(r.accept('name'), '{\n  "provider": "CUSTOM_PROVIDER",\n  "name": "My SMS provider",\n  "numbers": []\n}');
  });

  it('documents each property from the model, with its docs link', () => {
    const r = completeAt('{"provider": "CUSTOM_PROVIDER", |}');
    const name = r.item('name');
    assert.ok(docText(name).includes(customShape.properties.name.description));
    assert.ok(docText(name).includes('required for CUSTOM_PROVIDER'));
    assert.match(docText(name), /\(https:\/\/developer\.pingidentity\.com\/[^)]+\)/);
    assert.equal((name.documentation as MarkupContent).kind, MarkupKind.Markdown);
    assert.match(name.detail ?? '', /required/);
    assert.match(r.item('numbers').detail ?? '', /optional/);
  });

  it('without a provider: the common properties, provider first', () => {
    const r = completeAt('{\n  |\n}', { ...PLAIN, templateCompletions: false });
    assert.equal(sorted(r.items)[0], 'provider');
    for (const k of ['name', 'authentication', 'sid', 'createdAt']) assert.ok(!r.labels.includes(k), k);
    assert.equal(r.accept('provider'), '{\n  "provider": "CUSTOM_PROVIDER"\n}');
    // a snippet offers the creatable providers as a choice
    const snippet = completeAt('{\n  |\n}', { ...SNIPPETS, templateCompletions: false }).item('provider');
    assert.match((snippet.textEdit as { newText: string }).newText, /\$\{1\|CUSTOM_PROVIDER,CUSTOM_TWILIO,[^|]*\|\}/);
    assert.ok(!(snippet.textEdit as { newText: string }).newText.includes('PINGONE_TWILIO'));
  });

  it('CUSTOM_TWILIO: the Twilio properties', () => {
    const r = completeAt('{"provider": "CUSTOM_TWILIO", "sid": "AC1", |}');
    assert.deepEqual(sorted(r.items).slice(0, 1), ['authToken']);
    assert.ok(r.labels.includes('numbers'));
    assert.ok(!r.labels.includes('requests'));
    assert.equal(r.accept('authToken'), '{"provider": "CUSTOM_TWILIO", "sid": "AC1", "authToken": "{{twilioAuthToken}}"}');
  });

  it('inside authentication: BASIC, OAUTH2 and CUSTOM_HEADER each offer their own fields', () => {
    const at = (method: string) => completeAt(`{"provider": "CUSTOM_PROVIDER", "authentication": {"method": "${method}", |}}`);
    const basic = at('BASIC');
    assert.deepEqual(sorted(basic.items), authCase('BASIC').shape.required);
    assert.equal(
      basic.accept('password'),
      '{"provider": "CUSTOM_PROVIDER", "authentication": {"method": "BASIC", "password": "{{gatewayPassword}}"}}',
    );
    assert.match(docText(basic.item('password')), /write-only/);

    const oauth = at('OAUTH2');
    const cc = authCase('OAUTH2 (client credentials)').shape.required;
    assert.deepEqual(sorted(oauth.items).slice(0, cc.length), cc);
    assert.ok(!oauth.labels.includes('username'));
    // the JWT grant's own field is offered too (after the others): it selects that variant
    assert.ok(oauth.labels.includes('assertion'));
    assert.equal(sorted(oauth.items).at(-1), 'assertion');

    const header = at('CUSTOM_HEADER');
    assert.deepEqual(sorted(header.items), authCase('CUSTOM_HEADER').shape.required);
    assert.equal(
      header.accept('headerName'),
      '{"provider": "CUSTOM_PROVIDER", "authentication": {"method": "CUSTOM_HEADER", "headerName": "X-Authorization"}}',
    );
  });

  it('inside authentication without a method: only method', () => {
    const r = completeAt('{"provider": "CUSTOM_PROVIDER", "authentication": {|}}');
    assert.deepEqual(r.labels, ['method']);
    assert.equal(r.accept('method'), '{"provider": "CUSTOM_PROVIDER", "authentication": {"method": "BASIC"}}');
  });

  it('inside a request item', () => {
    const r = completeAt('{"provider": "CUSTOM_PROVIDER", "requests": [{"deliveryMethod": "SMS", |}]}');
    const required = requestShape.required.filter((k) => k !== 'deliveryMethod');
    assert.deepEqual(sorted(r.items).slice(0, required.length), required);
    for (const k of ['body', 'headers', 'phoneNumberFormat']) assert.ok(r.labels.includes(k), k);
    assert.ok(!r.labels.includes('deliveryMethod'));
    assert.ok(!r.labels.includes('messageType'), 'the docs quirk is not offered');
    assert.equal(r.accept('method'), '{"provider": "CUSTOM_PROVIDER", "requests": [{"deliveryMethod": "SMS", "method": "POST"}]}');
    assert.equal(
      r.accept('phoneNumberFormat'),
      '{"provider": "CUSTOM_PROVIDER", "requests": [{"deliveryMethod": "SMS", "phoneNumberFormat": "FULL"}]}',
    );
    assert.equal(
      r.accept('headers'),
      '{"provider": "CUSTOM_PROVIDER", "requests": [{"deliveryMethod": "SMS", "headers": {\n  "content-type": "application/x-www-form-urlencoded"\n}}]}',
    );
  });

  it('inside a number item', () => {
    const r = completeAt('{"provider": "CUSTOM_PROVIDER", "numbers": [{"type": "TOLL_FREE", |}]}');
    assert.equal(sorted(r.items)[0], 'number');
    for (const k of ['capabilities', 'selected', 'available', 'supportedCountries']) assert.ok(r.labels.includes(k), k);
    assert.ok(!r.labels.includes('type'));
    assert.equal(r.accept('number'), '{"provider": "CUSTOM_PROVIDER", "numbers": [{"type": "TOLL_FREE", "number": "+15551234567"}]}');
    assert.equal(r.accept('selected'), '{"provider": "CUSTOM_PROVIDER", "numbers": [{"type": "TOLL_FREE", "selected": false}]}');
    assert.equal(
      r.accept('supportedCountries'),
      '{"provider": "CUSTOM_PROVIDER", "numbers": [{"type": "TOLL_FREE", "supportedCountries": ["US"]}]}',
    );
  });

  it('a partly typed key in quotes is replaced whole, and gets a colon and a value', () => {
    const r = completeAt('{\n  "provider": "CUSTOM_PROVIDER",\n  "na|"\n}');
    assert.equal(r.item('name').filterText, '"name"');
    assert.equal(r.accept('name'), '{\n  "provider": "CUSTOM_PROVIDER",\n  "name": "My SMS provider"\n}');
    // a property follows: a comma
    assert.equal(
      completeAt('{"provider": "CUSTOM_PROVIDER", "def|" "name": "x"}').accept('default'),
      '{"provider": "CUSTOM_PROVIDER", "default": false, "name": "x"}',
    );
  });

  it('a partly typed key that already has a colon: only the key is replaced', () => {
    const r = completeAt('{"provider": "CUSTOM_PROVIDER", "nam|e": "Gateway"}');
    assert.equal(r.accept('name'), '{"provider": "CUSTOM_PROVIDER", "name": "Gateway"}');
    // the key being edited does not count as present
    assert.ok(r.labels.includes('name'));
  });

  it('an unterminated key at the end of a line', () => {
    const r = completeAt('{"provider": "CUSTOM_PROVIDER", "au|\n}');
    // An object of cases comes with its first case whole (the value completion offers the others).
    assert.equal(
      r.accept('authentication'),
      '{"provider": "CUSTOM_PROVIDER", "authentication": {\n  "method": "BASIC",\n  "username": "gateway-user",\n  "password": "{{gatewayPassword}}"\n}\n}',
    );
  });

  it('an unquoted word is replaced by the quoted key', () => {
    const r = completeAt('{"provider": "CUSTOM_PROVIDER", na|}');
    assert.equal(r.accept('name'), '{"provider": "CUSTOM_PROVIDER", "name": "My SMS provider"}');
  });

  it('a property after a value without a comma: the comma is added', () => {
    const r = completeAt('{\n  "provider": "CUSTOM_PROVIDER"\n  |\n}');
    assert.equal(r.accept('name'), '{\n  "provider": "CUSTOM_PROVIDER",\n  "name": "My SMS provider"\n}');
  });

  it('before an existing key: the inserted property gets a comma', () => {
    const r = completeAt('{"provider": "CUSTOM_PROVIDER", |"name": "x"}');
    assert.equal(r.accept('default'), '{"provider": "CUSTOM_PROVIDER", "default": false,"name": "x"}');
  });

  it('no completion right after a key without a colon', () => {
    assert.deepEqual(completeAt('{"provider" |}').labels, []);
  });
});

describe('complete: values', () => {
  it('provider: the creatable providers with their descriptions', () => {
    const r = completeAt('{"provider": |}');
    const creatable = PROVIDERS.filter((p) => !providerCase(p.value)?.notCreatable).map((p) => p.value);
    assert.deepEqual(r.labels, creatable);
    assert.ok(!r.labels.includes('PINGONE_TWILIO'));
    assert.ok(docText(r.item('CUSTOM_SYNIVERSE')).includes(PROVIDERS.find((p) => p.value === 'CUSTOM_SYNIVERSE')!.description));
    assert.equal(r.accept('CUSTOM_TWILIO'), '{"provider": "CUSTOM_TWILIO"}');
  });

  it('inside a partly typed string the whole string is replaced', () => {
    const r = completeAt('{"provider": "CUS|"}');
    assert.equal(r.item('CUSTOM_PROVIDER').filterText, '"CUSTOM_PROVIDER"');
    assert.equal(r.accept('CUSTOM_SYNIVERSE'), '{"provider": "CUSTOM_SYNIVERSE"}');
  });

  it('a space after a bare colon, a comma before the next property', () => {
    assert.equal(completeAt('{"provider":| "name": "x"}').accept('CUSTOM_PROVIDER'), '{"provider": "CUSTOM_PROVIDER", "name": "x"}');
    // but nothing when a value follows already
    assert.deepEqual(completeAt('{"provider": |"CUSTOM_PROVIDER"}').labels.length > 0, true, 'the value at the cursor is replaced');
    assert.equal(completeAt('{"provider": |"CUSTOM_PROVIDER"}').accept('CUSTOM_TWILIO'), '{"provider": "CUSTOM_TWILIO"}');
  });

  it('authentication method, deliveryMethod, request method, number type, phoneNumberFormat', () => {
    const method = completeAt('{"provider": "CUSTOM_PROVIDER", "authentication": {"method": "|"}}');
    assert.deepEqual(method.labels, ['BASIC', 'BEARER', 'OAUTH2', 'CUSTOM_HEADER']);
    assert.match(docText(method.item('OAUTH2')), /clientSecret/);
    assert.equal(method.accept('BEARER'), '{"provider": "CUSTOM_PROVIDER", "authentication": {"method": "BEARER"}}');

    const delivery = completeAt('{"provider": "CUSTOM_PROVIDER", "requests": [{"deliveryMethod": |, "url": "https://x"}]}');
    assert.deepEqual(delivery.labels, ['SMS', 'VOICE']);
    const deliveryField = requestShape.properties.deliveryMethod as StringField;
    assert.ok(docText(delivery.item('VOICE')).includes(deliveryField.enum!.find((e) => e.value === 'VOICE')!.description));
    assert.equal(
      delivery.accept('VOICE'),
      '{"provider": "CUSTOM_PROVIDER", "requests": [{"deliveryMethod": "VOICE", "url": "https://x"}]}',
    );

    const http = completeAt('{"provider": "CUSTOM_PROVIDER", "requests": [{"method": "|"}]}');
    assert.deepEqual(http.labels, ['GET', 'POST']);

    const type = completeAt('{"provider": "CUSTOM_PROVIDER", "numbers": [{"type": "|"}]}');
    assert.deepEqual(type.labels, ['PHONE_NUMBER', 'TOLL_FREE', 'SHORT_CODE']);
    assert.equal(type.accept('SHORT_CODE'), '{"provider": "CUSTOM_PROVIDER", "numbers": [{"type": "SHORT_CODE"}]}');

    const format = completeAt('{"provider": "CUSTOM_PROVIDER", "requests": [{"phoneNumberFormat": |}]}');
    assert.equal(sorted(format.items)[0], 'FULL');
    assert.match(format.item('FULL').detail ?? '', /default/);
  });

  it('capabilities[]: the values not present yet', () => {
    const r = completeAt('{"provider": "CUSTOM_PROVIDER", "numbers": [{"capabilities": ["SMS", |]}]}');
    assert.deepEqual(r.labels, ['VOICE']);
    assert.equal(r.accept('VOICE'), '{"provider": "CUSTOM_PROVIDER", "numbers": [{"capabilities": ["SMS", "VOICE"]}]}');
    // after an item without a comma
    assert.equal(
      completeAt('{"provider": "CUSTOM_PROVIDER", "numbers": [{"capabilities": ["SMS" |]}]}').accept('VOICE'),
      '{"provider": "CUSTOM_PROVIDER", "numbers": [{"capabilities": ["SMS", "VOICE"]}]}',
    );
  });

  it('booleans', () => {
    const r = completeAt('{"provider": "CUSTOM_PROVIDER", "numbers": [{"selected": |}]}');
    assert.deepEqual([...r.labels].sort(), ['false', 'true']);
    assert.equal(r.accept('true'), '{"provider": "CUSTOM_PROVIDER", "numbers": [{"selected": true}]}');
    // a partly typed literal
    assert.equal(
      completeAt('{"provider": "CUSTOM_PROVIDER", "numbers": [{"selected": tr|}]}').accept('true'),
      '{"provider": "CUSTOM_PROVIDER", "numbers": [{"selected": true}]}',
    );
  });

  it('authentication: one whole object per method, secrets as {{placeholders}}', () => {
    const r = completeAt('{\n  "provider": "CUSTOM_PROVIDER",\n  "authentication": |\n}');
    const labels = authShape.variants!.cases.map((c) => c.label);
    assert.deepEqual(r.labels, labels);
    assert.equal(
      r.accept('BASIC'),
      '{\n  "provider": "CUSTOM_PROVIDER",\n  "authentication": {\n    "method": "BASIC",\n    "username": "gateway-user",\n    "password": "{{gatewayPassword}}"\n  }\n}',
    );
    const oauth = JSON.parse(r.accept('OAUTH2 (client credentials)')).authentication;
    assert.deepEqual(Object.keys(oauth), ['method', ...authCase('OAUTH2 (client credentials)').shape.required]);
    assert.equal(oauth.clientSecret, '{{customProviderClientSecret}}');
    const jwt = JSON.parse(r.accept('OAUTH2 (JWT bearer assertion)')).authentication;
    assert.equal(jwt.assertion, '{{gatewayJwtAssertion}}');
    assert.equal(JSON.parse(r.accept('CUSTOM_HEADER')).authentication.headerValue, '{{headerValueForCustomAuthHeader}}');
    // combined fields get distinct tab stops
    const snippet = completeAt('{"provider": "CUSTOM_PROVIDER", "authentication": |}', SNIPPETS).item('OAUTH2 (client credentials)');
    const text = (snippet.textEdit as { newText: string }).newText;
    assert.match(text, /"authUrl": "\$\{1:https:[^}]*\}"/);
    assert.match(text, /"clientId": "\$\{2:client-id\}"/);
    assert.equal(snippet.insertTextFormat, InsertTextFormat.Snippet);
  });

  it('a requests[] item and a numbers[] item from the model', () => {
    const req = completeAt('{\n  "provider": "CUSTOM_PROVIDER",\n  "requests": [\n    |\n  ]\n}');
    const value = JSON.parse(req.accept(req.labels[0]));
    assert.deepEqual(Object.keys(value.requests[0]), ['deliveryMethod', 'url', 'method', 'body', 'headers']);
    assert.equal(value.requests[0].body, 'to=${to}&message=${message}');
    assert.match(req.accept(req.labels[0]), /\n {4}\{\n {6}"deliveryMethod": "SMS",\n/);

    const num = completeAt('{"provider": "CUSTOM_TWILIO", "numbers": [{"type": "SHORT_CODE", "number": "1"}, |]}');
    const numbers = JSON.parse(num.accept(num.labels[0])).numbers;
    assert.equal(numbers.length, 2);
    assert.deepEqual(Object.keys(numbers[1]), ['type', 'number', 'capabilities', 'selected']);

    const whole = completeAt('{"provider": "CUSTOM_PROVIDER", "requests": |}');
    assert.equal(JSON.parse(whole.accept(whole.labels[0])).requests.length, 1);
  });

  it('country codes with their names in supportedCountries', () => {
    const r = completeAt('{"provider": "CUSTOM_PROVIDER", "numbers": [{"type": "TOLL_FREE", "supportedCountries": ["US", |]}]}');
    assert.ok(r.labels.includes('DE'));
    assert.ok(!r.labels.includes('US'), 'already present');
    assert.equal(r.item('DE').detail, countryName('DE'));
    assert.ok(docText(r.item('DE')).includes(countryName('DE')!));
    assert.equal(r.accept('CA'), '{"provider": "CUSTOM_PROVIDER", "numbers": [{"type": "TOLL_FREE", "supportedCountries": ["US", "CA"]}]}');
    const quoted = completeAt('{"provider": "CUSTOM_PROVIDER", "numbers": [{"supportedCountries": ["G|"]}]}');
    assert.equal(quoted.accept('GB'), '{"provider": "CUSTOM_PROVIDER", "numbers": [{"supportedCountries": ["GB"]}]}');
  });

  it('nothing inside a plain string', () => {
    assert.deepEqual(completeAt('{"provider": "CUSTOM_PROVIDER", "name": "My |"}').labels, []);
  });
});

describe('complete: ${…} template variables', () => {
  const GET = (url: string) => `{"provider": "CUSTOM_PROVIDER", "requests": [{"method": "GET", "url": "${url}"}]}`;
  const POST = (body: string) => `{"provider": "CUSTOM_PROVIDER", "requests": [{"method": "POST", "body": "${body}"}]}`;

  it('after ${ in a url', () => {
    const r = completeAt(GET('https://sms.example.com/send?to=${|'));
    assert.deepEqual(
      r.labels,
      TEMPLATE_VARIABLES.map((v) => '${' + v.name + '}'),
    );
    assert.deepEqual(sorted(r.items).slice(0, 2), ['${to}', '${message}']);
    assert.equal(r.accept('${to}'), GET('https://sms.example.com/send?to=${to}'));
    assert.ok(docText(r.item('${otp}')).includes(TEMPLATE_VARIABLES.find((v) => v.name === 'otp')!.description));
  });

  it('after $ in a body, and over a partly typed name with its brace', () => {
    assert.equal(completeAt(POST('to=$|&x=1')).accept('${to}'), POST('to=${to}&x=1'));
    assert.equal(completeAt(POST('to=${to}&message=${me|}')).accept('${message}'), POST('to=${to}&message=${message}'));
    assert.equal(completeAt(POST('message=${mess|')).accept('${message}'), POST('message=${message}'));
  });

  it('at any place of a url, inserted at the cursor', () => {
    assert.equal(completeAt(GET('https://x.example.com/?m=|')).accept('${message}'), GET('https://x.example.com/?m=${message}'));
  });

  it('snippet clients get an escaped $ (and })', () => {
    const r = completeAt(POST('to=${|'), SNIPPETS);
    assert.equal((r.item('${to}').textEdit as { newText: string }).newText, '\\${to\\}');
    assert.equal(r.accept('${to}'), POST('to=${to}'));
  });

  it('not in other strings', () => {
    assert.deepEqual(completeAt('{"provider": "CUSTOM_PROVIDER", "name": "${|"}').labels, []);
  });
});

describe('complete: whole-document templates', () => {
  it('in an empty document: one per template, resulting in its body', () => {
    for (const options of [PLAIN, SNIPPETS]) {
      const r = completeAt('|', options);
      // Labelled by prefix, as VS Code labels a snippet, the template's name beside it.
      assert.deepEqual(
        r.labels,
        TEMPLATES.map((t) => t.prefix),
      );
      for (const t of TEMPLATES) {
        assert.deepEqual(JSON.parse(r.accept(t.prefix)), plainValue(t.body), t.prefix);
        assert.equal(r.item(t.prefix).labelDetails?.description, t.label);
      }
    }
  });

  it('in a whitespace-only document, in {} and in a multi-line {}', () => {
    const t = TEMPLATES[0];
    assert.deepEqual(JSON.parse(completeAt('\n\n  |\n').accept(t.prefix)), plainValue(t.body));
    const braces = completeAt('{|}');
    assert.deepEqual(JSON.parse(braces.accept(t.prefix)), plainValue(t.body));
    assert.ok(braces.labels.includes('provider'), 'property names too');
    const multi = completeAt('{\n  |\n}');
    const text = multi.accept(t.prefix);
    assert.deepEqual(JSON.parse(text), plainValue(t.body));
    assert.ok(text.startsWith('{\n  "$schema"'), text.slice(0, 40));
    // each edit stays on the cursor line; the rest is removed by additional edits
    const item = multi.item(t.prefix);
    const range = (item.textEdit as { range: { start: { line: number }; end: { line: number } } }).range;
    assert.equal(range.start.line, 1);
    assert.equal(range.end.line, 1);
  });

  it('a bare word typed in an empty document filters by the template prefix', () => {
    const r = completeAt('pingone-tw|');
    const twilio = TEMPLATES.find((t) => t.prefix === 'pingone-twilio')!;
    assert.equal(r.item(twilio.prefix).filterText, twilio.prefix);
    assert.deepEqual(JSON.parse(r.accept(twilio.prefix)), plainValue(twilio.body));
  });

  it('none when templateCompletions is false, none in a document with content', () => {
    assert.deepEqual(completeAt('|', { ...PLAIN, templateCompletions: false }).labels, []);
    assert.ok(!completeAt('{|}', { ...PLAIN, templateCompletions: false }).labels.includes(TEMPLATES[0].prefix));
    assert.ok(!completeAt('{"provider": "CUSTOM_PROVIDER", |}').labels.includes(TEMPLATES[0].prefix));
  });
});

describe('complete: clients without snippets or markdown', () => {
  const CASES = [
    '|',
    '{|}',
    '{"provider": "CUSTOM_PROVIDER", |}',
    '{"provider": "CUSTOM_PROVIDER", "authentication": |}',
    '{"provider": "CUSTOM_PROVIDER", "authentication": {"method": "OAUTH2", |}}',
    '{"provider": "CUSTOM_PROVIDER", "requests": [|]}',
    '{"provider": "CUSTOM_PROVIDER", "requests": [{|}]}',
    '{"provider": "CUSTOM_PROVIDER", "requests": [{"method": "POST", "body": "to=${|"}]}',
    '{"provider": "CUSTOM_PROVIDER", "numbers": [|]}',
    '{"provider": "CUSTOM_PROVIDER", "numbers": [{|}]}',
    '{"provider": "CUSTOM_TWILIO", |}',
    '{"provider": "CUSTOM_SYNIVERSE_CHANNELS", |}',
  ];

  it('snippetSupport false: plain text, no tab stops, no escapes', () => {
    for (const marked of CASES) {
      const r = completeAt(marked, PLAIN);
      assert.ok(r.items.length > 0, marked);
      for (const item of r.items) {
        const newText = (item.textEdit as { newText: string }).newText;
        assert.equal(item.insertTextFormat, InsertTextFormat.PlainText, item.label);
        assert.doesNotMatch(newText, /\$\d|\$\{\d|\\\$|\\\}/, `${marked} → ${item.label}: ${newText}`);
      }
    }
  });

  it('the plain text equals the snippet with its defaults', () => {
    for (const marked of CASES) {
      const plain = completeAt(marked, PLAIN);
      const snippet = completeAt(marked, { ...SNIPPETS });
      assert.deepEqual(plain.labels, snippet.labels);
      for (const label of plain.labels) {
        const a = plain.accept(label).replace(/\s+/g, '');
        const b = snippet.accept(label).replace(/\s+/g, '');
        assert.equal(a, b, `${marked} → ${label}`);
      }
    }
  });

  it('markdown false: plain-text documentation', () => {
    const r = completeAt('{"provider": "CUSTOM_PROVIDER", |}', { ...PLAIN, markdown: false });
    const d = r.item('name').documentation as MarkupContent;
    assert.equal(d.kind, MarkupKind.PlainText);
    assert.doesNotMatch(d.value, /\*\*|`|\]\(/);
    assert.ok(d.value.includes(customShape.properties.name.description));
  });
});

describe('complete: robustness', () => {
  const SAMPLES = [
    '',
    '{',
    '{"provider": "CUSTOM_PROVIDER", "authentication": {"method": "BASIC", "username": "u", "password": "{{p}}"}, "requests": [{"deliveryMethod": "SMS", "method": "POST", "url": "https://x/${to}", "body": "m=${message}", "headers": {"content-type": "application/json"}}], "numbers": [{"type": "TOLL_FREE", "number": "+1555", "supportedCountries": ["US"], "capabilities": ["SMS"]}]}',
    '{"provider": "CUSTOM_PROVIDER", "requests": [{"url": "${',
    '[1, 2, {"a": [}]',
    '{"a" "b": , : ,, }}}',
    '"just a string"',
    '{"provider": "CUSTOM_PROVIDER", // comment\n "name": "x", }',
    '{"provider": "\\u00',
  ];

  it('never throws, and every range is inside the document', () => {
    for (const text of SAMPLES) {
      const document = doc(text);
      const parsed = parseDocument(text);
      for (let offset = 0; offset <= text.length; offset++) {
        for (const options of [PLAIN, SNIPPETS]) {
          const list = complete(document, document.positionAt(offset), parsed, options);
          for (const item of list.items) {
            for (const e of [
              item.textEdit as { range: { start: { line: number; character: number }; end: { line: number; character: number } } },
              ...(item.additionalTextEdits ?? []),
            ]) {
              const start = document.offsetAt(e.range.start);
              const end = document.offsetAt(e.range.end);
              assert.ok(start >= 0 && start <= end && end <= text.length, `${JSON.stringify(text)}@${offset}`);
              assert.deepEqual(document.positionAt(start), e.range.start, 'range start inside the document');
              assert.deepEqual(document.positionAt(end), e.range.end, 'range end inside the document');
            }
          }
        }
      }
    }
  });

  it('answers an empty list for a document it did not parse', () => {
    const text = '{"provider": "CUSTOM_PROVIDER", }';
    const document = doc(text);
    const parsed = { ...parseDocument(text), root: undefined, value: undefined, skipped: 'too-large' as const };
    assert.deepEqual(complete(document, document.positionAt(32), parsed, PLAIN).items, []);
  });
});

describe('complete: known model issues', () => {
  it('the body insertValue keeps ${to} and ${message} intact', () => {
    const r = completeAt('{"provider": "CUSTOM_PROVIDER", "requests": [{"method": "POST", |}]}');
    assert.equal(
      r.accept('body'),
      '{"provider": "CUSTOM_PROVIDER", "requests": [{"method": "POST", "body": "to=${to}&message=${message}"}]}',
    );
  });
});

describe('fields that apply only beside certain values', () => {
  it('offers beforeTag in a VOICE request but not in an SMS request', () => {
    const voice = completeAt('{"provider":"CUSTOM_PROVIDER","requests":[{"deliveryMethod":"VOICE", |}]}').labels;
    const sms = completeAt('{"provider":"CUSTOM_PROVIDER","requests":[{"deliveryMethod":"SMS", |}]}').labels;
    assert.ok(voice.includes('beforeTag') && voice.includes('afterTag'));
    assert.ok(!sms.includes('beforeTag') && !sms.includes('afterTag'));
  });
});

describe('complete: nothing the checker then flags (issue 14)', () => {
  const number = (fields: string): string => `{"provider": "CUSTOM_PROVIDER", "numbers": [{${fields}}]}`;
  it('supportedCountries only where a number may have it: not on a PHONE_NUMBER', () => {
    assert.ok(!completeAt(number('"type": "PHONE_NUMBER", |')).labels.includes('supportedCountries'));
    for (const type of ['"type": "TOLL_FREE", ', '"type": "SHORT_CODE", ', ''])
      assert.ok(completeAt(number(`${type}|`)).labels.includes('supportedCountries'), type);
  });
  it('a number type that contradicts the supportedCountries there is not offered', () => {
    const values = (fields: string): string[] => completeAt(number(fields)).labels;
    assert.deepEqual(values('"type": "TOLL_FREE|", "supportedCountries": ["US", "CA"]'), ['TOLL_FREE']);
    assert.deepEqual(values('"type": "TOLL_FREE|", "supportedCountries": ["US"]'), ['TOLL_FREE', 'SHORT_CODE']);
    // No supportedCountries yet: each type may be chosen (a toll-free number then asks for its countries).
    assert.deepEqual(values('"type": "PHONE_NUMBER|"'), ['PHONE_NUMBER', 'TOLL_FREE', 'SHORT_CODE']);
  });
  it('GET only for a request whose url carries ${to} and ${message}, as a GET must', () => {
    const request = (url: string): string =>
      `{"provider": "CUSTOM_PROVIDER", "requests": [{"deliveryMethod": "SMS", "url": "${url}", "method": |}]}`;
    assert.deepEqual(completeAt(request('https://api.my-sms-gateway.com/send')).labels, ['POST']);
    assert.deepEqual(completeAt(request('https://api.my-sms-gateway.com/send?to=${to}&m=${message}')).labels, ['GET', 'POST']);
  });
  it('a property after an object or array with no comma: the comma goes into the item’s own edit', () => {
    const r = completeAt('{"provider": "CUSTOM_PROVIDER", "requests": []|}');
    const item = r.item('name');
    assert.equal(item.additionalTextEdits, undefined, 'two insertions at one offset have no order');
    assert.equal(r.accept('name'), '{"provider": "CUSTOM_PROVIDER", "requests": [], "name": "My SMS provider"}');
  });
  it('whole-file templates only in an empty document or an empty root object, never in a nested object', () => {
    const prefixes = TEMPLATES.map((t) => t.prefix);
    const templates = (marked: string): string[] => completeAt(marked).labels.filter((l) => prefixes.includes(l));
    assert.deepEqual(templates('|'), prefixes);
    assert.deepEqual(templates('{|}'), prefixes);
    assert.deepEqual(templates('{"provider": "CUSTOM_PROVIDER", "authentication": {|}}'), []);
    assert.deepEqual(templates('{"provider": "CUSTOM_PROVIDER", "requests": [{|}]}'), []);
    assert.deepEqual(templates('{"provider": "CUSTOM_PROVIDER", |}'), []);
  });
});
