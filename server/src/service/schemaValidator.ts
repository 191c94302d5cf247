/**
 * ajv over the schema generated from the model. One validator per variant branch, compiled on
 * first use: a document is checked against the branch its `provider` selects, so its errors are
 * that branch's only, never the pile of alternatives a generic JSON tool shows.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { caseDefinitionName } from '../model/toJsonSchema';
import { SCHEMA_ID } from '../model/schemaId';
import { AJV_OPTIONS, buildValidationSchema, ITEM_ARRAYS, itemName, shellName, type ItemArray } from '../model/validatorSource';
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

/**
 * The validator exported as `name` (`base`, `provider_X`, and the split ones `shell_…`, `item_…`),
 * or undefined when the schema has no such definition. With the precompiled module, what it lacks
 * does not exist (a test checks that it exports every one): no schema is compiled at run time.
 */
function validatorNamed(name: string): ValidateFunction | undefined {
  let v = validators.get(name) ?? precompiled?.[name];
  if (!v && !precompiled) {
    ajv ??= compileAll();
    v = ajv.getSchema(name === 'base' ? SCHEMA_ID : `${SCHEMA_ID}#/definitions/${name}`);
  }
  if (v) validators.set(name, v);
  return v;
}

const NO_ERRORS: ErrorObject[] = [];
const errorsOf = (validate: ValidateFunction, value: unknown): ErrorObject[] =>
  validate(value) ? NO_ERRORS : [...(validate.errors ?? [])];

/** Errors of `value` against the branch of the selected provider case, or the base schema. */
export function schemaErrors(value: unknown, providerCase: VariantCase | undefined): ErrorObject[] {
  const name = providerCase ? caseDefinitionName('provider', providerCase) : 'base';
  const validate = validatorNamed(name);
  if (!validate) throw new Error(`schema ${name} not found`);
  return errorsOf(validate, value);
}

/**
 * The branch of a provider split in two (validatorSource.ts `buildValidationSchema`): the shell
 * checks everything but the items of the long arrays, `item` one item of one of them. Undefined
 * for a branch without such arrays.
 */
export interface SplitSchema {
  shellErrors(value: unknown): ErrorObject[];
  /** Errors of one item, with instancePath from the item (`/type`). */
  itemErrors(array: ItemArray, item: unknown): ErrorObject[];
}

const splits = new Map<VariantCase, SplitSchema | undefined>();

export function splitSchema(providerCase: VariantCase): SplitSchema | undefined {
  if (splits.has(providerCase)) return splits.get(providerCase);
  const branch = caseDefinitionName('provider', providerCase);
  const shell = validatorNamed(shellName(branch));
  let split: SplitSchema | undefined;
  if (shell) {
    const items: Partial<Record<ItemArray, ValidateFunction>> = {};
    for (const array of ITEM_ARRAYS) items[array] = validatorNamed(itemName(branch, array));
    split = {
      shellErrors: (value) => errorsOf(shell, value),
      itemErrors: (array, item) => {
        const validate = items[array];
        return validate ? errorsOf(validate, item) : NO_ERRORS;
      },
    };
  }
  splits.set(providerCase, split);
  return split;
}

function compileAll(): Ajv {
  const a = createAjv();
  a.addSchema(buildValidationSchema());
  return a;
}
