/**
 * ajv over the schema generated from the model. One validator per variant branch, compiled on
 * first use: a document is checked against the branch its `provider` selects, so its errors are
 * that branch's only, never the pile of alternatives a generic JSON tool shows.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { buildJsonSchema, caseDefinitionName } from '../model/toJsonSchema';
import { SCHEMA_ID } from '../model/schemaId';
import { AJV_OPTIONS } from '../model/validatorSource';
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
  const ajv = new Ajv({ ...AJV_OPTIONS });
  for (const k of EDITOR_KEYWORDS) ajv.addKeyword({ keyword: k, schemaType: ['string', 'array', 'object', 'boolean'] });
  return ajv;
}

let ajv: Ajv | undefined;
const validators = new Map<string, ValidateFunction>();

/**
 * The bundles (dist/) carry the validators precompiled at build time (esbuild.mjs); unbundled code
 * (the unit tests) compiles them on first use. Both come from the same schema and options.
 */
const precompiled: Record<string, ValidateFunction> | undefined = (() => {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('pingone-precompiled-validators') as Record<string, ValidateFunction>;
  } catch {
    return undefined;
  }
})();

function validatorFor(ref: string, name: string): ValidateFunction {
  let v = validators.get(ref);
  if (!v && precompiled?.[name]) v = precompiled[name];
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
  const name = providerCase ? caseDefinitionName('provider', providerCase) : 'base';
  const validate = validatorFor(providerCase ? `#/definitions/${name}` : '', name);
  return validate(value) ? [] : [...(validate.errors ?? [])];
}
