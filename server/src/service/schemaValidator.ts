/**
 * ajv over the schema generated from the model. One validator per variant branch, compiled on
 * first use: a document is checked against the branch its `provider` selects, so its errors are
 * that branch's only, never the pile of alternatives a generic JSON tool shows.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { buildJsonSchema, caseDefinitionName } from '../model/toJsonSchema';
import { SCHEMA_ID } from '../model/schemaId';
import type { VariantCase } from '../model/types';

/** VS Code's schema keywords: annotations for editors, declared so that strict mode accepts them. */
export const EDITOR_KEYWORDS = [
  'markdownDescription',
  'enumDescriptions',
  'markdownEnumDescriptions',
  'defaultSnippets',
  'errorMessage',
  'patternErrorMessage',
  'deprecationMessage',
  'doNotSuggest',
  'suggestSortText',
  'allowComments',
  'allowTrailingCommas',
];

export function createAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, strictRequired: false });
  for (const k of EDITOR_KEYWORDS) ajv.addKeyword({ keyword: k, schemaType: ['string', 'array', 'object', 'boolean'] });
  return ajv;
}

let ajv: Ajv | undefined;
const validators = new Map<string, ValidateFunction>();

function validatorFor(ref: string): ValidateFunction {
  let v = validators.get(ref);
  if (!v) {
    if (!ajv) {
      ajv = createAjv();
      ajv.addSchema(buildJsonSchema());
    }
    v = ajv.getSchema(SCHEMA_ID + ref);
    if (!v) throw new Error(`schema ${ref} not found`);
    validators.set(ref, v);
  }
  return v;
}

/** Errors of `value` against the branch of the selected provider case, or the base schema. */
export function schemaErrors(value: unknown, providerCase: VariantCase | undefined): ErrorObject[] {
  const ref = providerCase ? `#/definitions/${caseDefinitionName('provider', providerCase)}` : '';
  const validate = validatorFor(ref);
  return validate(value) ? [] : [...(validate.errors ?? [])];
}
