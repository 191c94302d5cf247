import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readmeText, schemaText, snippetsText, SNIPPETS_FILE, README_FILE } from '../../../server/src/model/generate';
import { SCHEMA_FILE, SCHEMA_ID } from '../../../server/src/model/schemaId';
import { createAjv } from '../../../server/src/service/schemaValidator';
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
  it('rejects a property of another provider', () => {
    assert.equal(validate({ provider: 'CUSTOM_TWILIO', sid: 'AC1', authToken: 'x', verifyServiceId: 'VA1' }), false);
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
