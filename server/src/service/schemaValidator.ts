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

function validatorFor(ref: string, name: string): ValidateFunction {
  let v = validators.get(ref);
  if (!v && precompiled?.[name]) v = precompiled[name];
  if (!v) {
    ajv ??= compileAll();
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
const NO_ERRORS: ErrorObject[] = [];

export function splitSchema(providerCase: VariantCase): SplitSchema | undefined {
  if (splits.has(providerCase)) return splits.get(providerCase);
  const branch = caseDefinitionName('provider', providerCase);
  const has = (name: string) => (precompiled ? name in precompiled : (ajv ??= compileAll()).getSchema(`${SCHEMA_ID}#/definitions/${name}`) !== undefined);
  let split: SplitSchema | undefined;
  if (has(shellName(branch))) {
    const shell = validatorFor(`#/definitions/${shellName(branch)}`, shellName(branch));
    const items: Partial<Record<ItemArray, ValidateFunction>> = {};
    for (const array of ITEM_ARRAYS) if (has(itemName(branch, array))) items[array] = validatorFor(`#/definitions/${itemName(branch, array)}`, itemName(branch, array));
    const run = (validate: ValidateFunction | undefined, value: unknown): ErrorObject[] => (!validate || validate(value) ? NO_ERRORS : [...(validate.errors ?? [])]);
    split = { shellErrors: (value) => run(shell, value), itemErrors: (array, item) => run(items[array], item) };
  }
  splits.set(providerCase, split);
  return split;
}

function compileAll(): Ajv {
  const a = createAjv();
  a.addSchema(buildValidationSchema());
  return a;
}
