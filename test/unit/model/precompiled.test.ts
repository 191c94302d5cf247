import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { buildValidationSchema, validatorsModuleSource, validatorRefs, AJV_OPTIONS } from '../../../server/src/model/validatorSource';
import { createAjv } from '../../../server/src/service/schemaValidator';
import { fixtureFiles } from '../../support/fixtures';

describe('the validators precompiled into the bundles', () => {
  // Written inside the project so that the code's requires of ajv's runtime resolve.
  const dir = mkdtempSync(join(resolve(__dirname, '..', '..', '..'), 'precompiled-'));
  const file = join(dir, 'validators.js');
  writeFileSync(file, validatorsModuleSource());
  const precompiled = require(file) as Record<string, ValidateFunction>;
  rmSync(dir, { recursive: true, force: true });
  const schema = buildValidationSchema();
  const ajv = createAjv();
  ajv.addSchema(schema);
  const refs = validatorRefs(schema);
  const docs = [...fixtureFiles('valid'), ...fixtureFiles('invalid')].flatMap((f) => {
    try {
      return [{ name: f.name, value: JSON.parse(f.text) }];
    } catch {
      return [];
    }
  });
  // The item validators get each item of the long arrays as well.
  for (const d of [...docs]) {
    for (const array of ['numbers', 'requests']) {
      const items = (d.value as Record<string, unknown>)?.[array];
      if (Array.isArray(items)) items.forEach((value, i) => docs.push({ name: `${d.name} ${array}[${i}]`, value }));
    }
  }

  it('exist for the base schema and every provider', () => {
    assert.deepEqual(Object.keys(precompiled).sort(), Object.keys(refs).sort());
    assert.ok(AJV_OPTIONS.allErrors);
  });
  for (const [name, ref] of Object.entries(refs)) {
    it(`${name} reports what the runtime-compiled validator reports, on every fixture`, () => {
      const runtime = ajv.getSchema(ref)!;
      for (const d of docs) {
        const a = runtime(d.value) ? [] : runtime.errors!.map((e) => [e.instancePath, e.keyword, JSON.stringify(e.params)]);
        const b = precompiled[name](d.value)
          ? []
          : precompiled[name].errors!.map((e) => [e.instancePath, e.keyword, JSON.stringify(e.params)]);
        assert.deepEqual(b, a, d.name);
      }
    });
  }
});
