/**
 * An inserted example stays visibly unfinished (issue 14, item 4): whatever completion, a quick fix
 * or a template inserts as an example (a URL, a SID, a phone number, a client id) gets the
 * `example-value` warning until it is replaced; a real value does not.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { JSONPath } from 'jsonc-parser';
import { createPhoneDeliveryService, type Diagnostic } from '../../../server/src/service';
import { PHONE_DELIVERY_SETTINGS } from '../../../server/src/model/phoneDeliverySettings';
import { TEMPLATES } from '../../../server/src/model/templates';
import { exampleProblem, isExampleHost } from '../../../server/src/model/examples';
import { isInsertObject, isStop, plainValue, toPlainText, type InsertValue } from '../../../server/src/model/snippet';
import type { Field, ObjectShape, StringField } from '../../../server/src/model/types';
import { applyEdits, doc } from '../../support/markers';

const service = createPhoneDeliveryService();

function diagnose(text: string): Diagnostic[] {
  const d = doc(text);
  return service.validate(d, service.parse(d));
}

/** Every string field of the model with a path-like name, and every insert value it has. */
function fields(shape: ObjectShape, where: string, out: { where: string; field: Field }[] = []): { where: string; field: Field }[] {
  const visit = (key: string, f: Field): void => {
    out.push({ where: `${where}.${key}`, field: f });
    if (f.type === 'object') fields(f.shape, `${where}.${key}`, out);
    if (f.type === 'array' && f.items.type === 'object') fields(f.items.shape, `${where}.${key}[]`, out);
  };
  for (const [k, f] of Object.entries(shape.properties)) visit(k, f);
  for (const c of shape.variants?.cases ?? []) fields(c.shape, `${where}(${c.label})`, out);
  return out;
}

/** The string defaults of the tab stops in an insert value (what a person has to type over). */
function tabDefaults(
  value: InsertValue,
  path: JSONPath = [],
  out: { path: JSONPath; text: string }[] = [],
): { path: JSONPath; text: string }[] {
  if (isStop(value)) {
    if (value.kind === 'tab' && typeof value.value === 'string' && value.value !== '') out.push({ path, text: value.value });
  } else if (Array.isArray(value)) value.forEach((v, i) => tabDefaults(v, [...path, i], out));
  else if (isInsertObject(value)) for (const [k, v] of Object.entries(value)) tabDefaults(v, [...path, k], out);
  return out;
}

/** Tab stop defaults that are real values as they are: names, a header name, TwiML, a scope, a body. */
const REAL_AS_THEY_ARE = new Set([
  'My SMS provider',
  'Custom provider (BASIC)',
  'Custom provider (BEARER)',
  'Custom provider (OAUTH2)',
  'Custom provider (CUSTOM_HEADER)',
  'Twilio',
  'Syniverse',
  'Twilio Messaging Service',
  'Syniverse channels',
  'Default Messaging Service',
  'X-Authorization',
  '<Say>',
  '</Say> <Pause length="1"/>',
  'sms:send',
  'to=${to}&message=${message}',
  'JWT_BEARER',
  'US',
  'https://pingone-tools.github.io/schemas/phone-delivery-settings.schema.json',
]);

describe('inserted examples are flagged until they are replaced', () => {
  it('every tab stop default of the model and of the templates is flagged, or is a real value as it is', () => {
    const unflagged: string[] = [];
    for (const { where, field } of fields(PHONE_DELIVERY_SETTINGS, 'body')) {
      const inserts = [field.insertValue, ...(field.insertWhen ?? []).map((w) => w.value)].filter((v) => v !== undefined);
      for (const insert of inserts) {
        for (const { text } of tabDefaults(insert!)) {
          const flagged = field.type === 'string' && exampleProblem(field, text) !== undefined;
          // An array's or object's own tab stops belong to its items' fields, checked with the templates below.
          if (field.type === 'string' && !flagged && !REAL_AS_THEY_ARE.has(text)) unflagged.push(`${where}: ${text}`);
        }
      }
    }
    for (const t of TEMPLATES) {
      const flaggedAt = new Set(
        diagnose(toPlainText(t.body))
          .filter((d) => d.code === 'example-value')
          .map((d) => d.message),
      );
      for (const { path, text } of tabDefaults(t.body)) {
        const flagged = [...flaggedAt].some((m) => m.includes(JSON.stringify(text)) || m.includes(hostOf(text)));
        if (!flagged && !REAL_AS_THEY_ARE.has(text)) unflagged.push(`${t.prefix} ${path.join('.')}: ${text}`);
      }
    }
    assert.deepEqual(unflagged, []);
  });

  it('reserved example domains (RFC 2606) and nothing else', () => {
    for (const h of ['example.com', 'gateway.example.com', 'login.example.org', 'a.b.example.net', 'sms.test', 'gw.invalid', 'my.example'])
      assert.ok(isExampleHost(h), h);
    for (const h of ['example.company.com', 'myexample.com', 'api.my-sms-gateway.com', 'pingdevops.com', 'examples.com', 'testing.io'])
      assert.ok(!isExampleHost(h), h);
  });

  it('a URL, a SID, a phone number and a client id: examples flagged, real ones not', () => {
    const url: StringField = { type: 'string', description: '', example: 'url' };
    const sid: StringField = { type: 'string', description: '', example: 'sid' };
    const phone: StringField = { type: 'string', description: '', example: 'phone' };
    assert.ok(exampleProblem(url, 'https://gateway.example.com/sms'));
    assert.ok(exampleProblem(url, 'https://user@API.EXAMPLE.COM:8443/x'));
    assert.equal(exampleProblem(url, 'https://api.transmitsms.com/send-sms.json?to=${to}'), undefined);
    assert.equal(exampleProblem(url, 'not a url'), undefined);
    assert.ok(exampleProblem(sid, 'AC00000000000000000000000000000000'));
    assert.equal(exampleProblem(sid, 'ACa1b2c3d4e5f60718293a4b5c6d7e8f90'), undefined);
    for (const n of ['+15551234567', '+12025550143', '+447700900123']) assert.ok(exampleProblem(phone, n), n);
    for (const n of ['+14155552671', '+441234567890', '+61412345678']) assert.equal(exampleProblem(phone, n), undefined, n);
    const clientId = fields(PHONE_DELIVERY_SETTINGS, 'body').find((f) => f.where.endsWith('(OAUTH2 (client credentials)).clientId'))!.field;
    assert.ok(clientId.type === 'string' && exampleProblem(clientId, 'client-id'));
    assert.ok(clientId.type === 'string' && exampleProblem(clientId, 'my-real-client') === undefined);
  });

  it('a {{placeholder}} in a URL is not an example: it is filled in before a send', () => {
    const text =
      '{"provider":"CUSTOM_PROVIDER","name":"n","authentication":{"method":"BEARER","authToken":"{{t}}"},' +
      '"requests":[{"deliveryMethod":"SMS","url":"https://{{host}}.example.com/?to=${to}&m=${message}","method":"GET","phoneNumberFormat":"FULL"}]}';
    assert.deepEqual(
      diagnose(text).map((d) => d.code),
      [],
    );
  });

  it('"Add missing property url" on a VOICE request leaves a warning until the example is replaced (the issue’s case)', () => {
    const text =
      '{\n  "provider": "CUSTOM_PROVIDER",\n  "name": "n",\n  "authentication": { "method": "BEARER", "authToken": "{{t}}" },\n' +
      '  "requests": [{ "deliveryMethod": "VOICE", "method": "POST", "body": "to=${to}&message=${message}", "headers": { "content-type": "application/x-www-form-urlencoded" }, "phoneNumberFormat": "FULL" }]\n}';
    const document = doc(text);
    const parsed = service.parse(document);
    const missing = service.validate(document, parsed).filter((d) => d.code === 'missing-property');
    const fix = service.codeActions(document, missing[0].range, missing, parsed).find((a) => a.title === 'Add missing property "url"');
    assert.ok(fix);
    const after = diagnose(applyEdits(text, fix.edit!.changes![document.uri]));
    assert.deepEqual(
      after.map((d) => `${String(d.code)} (${d.severity})`),
      ['example-value (2)'],
    );
    assert.match(after[0].message, /^Example value, replace it: "gateway\.example\.com"/);
  });

  it('the url inserted into a GET request carries ${to} and ${message}: a missing url fixed brings no error', () => {
    const text =
      '{"provider":"CUSTOM_PROVIDER","name":"n","authentication":{"method":"BEARER","authToken":"{{t}}"},"requests":[{"deliveryMethod":"SMS","method":"GET","phoneNumberFormat":"FULL"}]}';
    const document = doc(text);
    const parsed = service.parse(document);
    const missing = service.validate(document, parsed).filter((d) => d.code === 'missing-property');
    const fix = service.codeActions(document, missing[0].range, missing, parsed)[0];
    const fixed = applyEdits(text, fix.edit!.changes![document.uri]);
    assert.equal(
      (JSON.parse(fixed) as { requests: { url: string }[] }).requests[0].url,
      plainValue(fields(PHONE_DELIVERY_SETTINGS, 'body').find((f) => f.where.endsWith('requests[].url'))!.field.insertWhen![0].value),
    );
    assert.deepEqual(
      diagnose(fixed).map((d) => d.code),
      ['example-value'],
    );
  });
});

function hostOf(text: string): string {
  return /^[a-z]+:\/\/([^/?#:]+)/i.exec(text)?.[1] ?? '\u0000';
}
