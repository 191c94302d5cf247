import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readmeText, schemaText, snippetsText, SNIPPETS_FILE, README_FILE } from '../../../server/src/model/generate';
import { SCHEMA_FILE, SCHEMA_ID } from '../../../server/src/model/schemaId';
import { createAjv } from '../../../server/src/service/schemaValidator';
import { buildValidationSchema } from '../../../server/src/model/validatorSource';
import { fixtureFiles } from '../../support/fixtures';

const ROOT = resolve(__dirname, '..', '..', '..', '..');
const read = (f: string) => readFileSync(join(ROOT, f), 'utf8');

describe('generated artifacts match the model (run `npm run generate` when this fails)', () => {
  it(SCHEMA_FILE, () => assert.equal(read(SCHEMA_FILE), schemaText()));
  it(SNIPPETS_FILE, () => assert.equal(read(SNIPPETS_FILE), snippetsText()));
  it(`${README_FILE} severity table`, () => assert.equal(read(README_FILE), readmeText(read(README_FILE))));
});

describe('the shipped schema on its own (for editors and CI that only read JSON Schema)', () => {
  const schema = JSON.parse(read(SCHEMA_FILE));
  const validate = createAjv().compile(schema);
  it('has the stable $id', () => assert.equal(schema.$id, SCHEMA_ID));
  for (const f of fixtureFiles('valid')) {
    it(`accepts valid/${f.name}`, () => assert.ok(validate(JSON.parse(f.text)), JSON.stringify(validate.errors)));
  }
  it('carries only what the severity table makes an error: open objects, no id/url patterns, no minimum of requests', () => {
    // PingOne's OpenAPI declares these objects open: an unknown property is a warning of the language service.
    assert.equal(validate({ provider: 'CUSTOM_TWILIO', sid: 'AC1', authToken: 'x', verifyServiceId: 'VA1' }), true);
    assert.equal(validate({ provider: 'CUSTOM_TWILIO', id: 'not-a-uuid', sid: 'AC1', authToken: 'x' }), true);
    const custom = { provider: 'CUSTOM_PROVIDER', name: 'n', authentication: { method: 'BEARER', authToken: 't' } };
    assert.equal(validate({ ...custom, requests: [] }), true);
    assert.equal(validate({ ...custom, requests: [{ deliveryMethod: 'SMS', method: 'GET', url: '/relative?${to}${message}' }] }), true);
    const text = read(SCHEMA_FILE);
    assert.ok(!text.includes('"additionalProperties": false'));
    assert.ok(!text.includes('"minItems"'));
    assert.ok(!text.includes('"pattern"'));
    // What is an error stays: a wrong enum value, a missing required property.
    assert.equal(validate({ ...custom, requests: [{ deliveryMethod: 'Voice', method: 'GET', url: 'https://a' }] }), false);
    assert.equal(validate({ provider: 'CUSTOM_TWILIO', authToken: 'x' }), false);
  });
  it('the language service validates with the advisory variant, which adds the warnings’ constraints', () => {
    const advisory = createAjv().compile(buildValidationSchema());
    assert.equal(advisory({ provider: 'CUSTOM_TWILIO', sid: 'AC1', authToken: 'x', verifyServiceId: 'VA1' }), false);
    assert.equal(advisory({ provider: 'CUSTOM_TWILIO', id: 'not-a-uuid', sid: 'AC1', authToken: 'x' }), false);
  });
  it('rejects PINGONE_TWILIO with its explanation', () => {
    assert.equal(validate({ provider: 'PINGONE_TWILIO' }), false);
    const def = schema.definitions.provider_PINGONE_TWILIO;
    assert.match(def.errorMessage, /fallback chain|smsProvidersFallbackChain/);
  });
  it('carries the editor keywords', () => {
    const text = read(SCHEMA_FILE);
    for (const k of [
      'markdownDescription',
      'enumDescriptions',
      'markdownEnumDescriptions',
      'defaultSnippets',
      'errorMessage',
      'deprecationMessage',
    ])
      assert.ok(text.includes(`"${k}"`), k);
  });
});
