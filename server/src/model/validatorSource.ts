/**
 * The schema's validators as standalone JavaScript (ajv's precompiled code), one per provider
 * branch plus the base schema. Generated at build time (esbuild.mjs) into the bundles, so the
 * server and the CLI pay no schema compilation at run time.
 */
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import { buildJsonSchema } from './toJsonSchema';

/** Keywords that only annotate: they do not change what is valid, and would only bloat the code. */
const ANNOTATIONS = new Set([
  'title',
  'description',
  'markdownDescription',
  'enumDescriptions',
  'markdownEnumDescriptions',
  'defaultSnippets',
  'errorMessage',
  'deprecationMessage',
  'default',
  'readOnly',
  'writeOnly',
]);

function stripAnnotations(v: unknown, keysAreNames = false): unknown {
  if (Array.isArray(v)) return v.map((x) => stripAnnotations(x));
  if (!v || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (!keysAreNames && ANNOTATIONS.has(k)) continue;
    out[k] = stripAnnotations(x, k === 'properties' || k === 'definitions');
  }
  return out;
}

/** The options every validator of the schema is compiled with, precompiled or not. */
// loopEnum: ajv checks an enum of 200 values or more (the 249 country codes) with a loop that calls
// its deep-equality function once per value, for every code in every number; above that, the
// values are compared inline (`data === "AD" || …`), several times faster.
export const AJV_OPTIONS = { allErrors: true, strict: true, strictTypes: false, strictRequired: false, loopEnum: Infinity } as const;

/** The arrays that grow long (ten thousand items in a 2 MB body): their items are checked one by one. */
export const ITEM_ARRAYS = ['numbers', 'requests'] as const;
export type ItemArray = (typeof ITEM_ARRAYS)[number];

type SchemaObject = Record<string, unknown> & { $id: string; definitions: Record<string, unknown> };

/** `shell_provider_X`: the branch without looking into the items of its long arrays. */
export const shellName = (branch: string): string => `shell_${branch}`;
/** `item_provider_X_numbers`: one item of that array in that branch. */
export const itemName = (branch: string, array: ItemArray): string => `item_${branch}_${array}`;

/**
 * The schema the service validates with: the shipped schema with the constraints of warnings and
 * hints (`buildJsonSchema({ advisory: true })`) plus, for each provider branch with
 * long arrays, a shell (the branch with `items: true` there) and the arrays' item schemas. The
 * service checks the shell once and each item on its own, so that after an edit inside one item
 * only that item is checked again (see server/src/service/validate.ts). Nothing is added to the
 * shipped schema file: these definitions are for the validators only.
 */
export function buildValidationSchema(): SchemaObject {
  const schema = structuredClone(buildJsonSchema({ advisory: true })) as SchemaObject;
  for (const [name, branch] of Object.entries(schema.definitions)) {
    if (!name.startsWith('provider_')) continue;
    const props = (branch as { properties?: Record<string, { type?: string; items?: unknown }> }).properties ?? {};
    const shellProps = { ...props };
    let split = false;
    for (const array of ITEM_ARRAYS) {
      const items = props[array]?.items;
      if (props[array]?.type !== 'array' || !items || typeof items !== 'object') continue;
      schema.definitions[itemName(name, array)] = items;
      shellProps[array] = { ...props[array], items: true };
      split = true;
    }
    if (split) schema.definitions[shellName(name)] = { ...(branch as object), properties: shellProps };
  }
  return schema;
}

/** `{ export name → schema ref }`: `base`, one `provider_X` per provider case, and the split validators. */
export function validatorRefs(schema: { $id: string; definitions: Record<string, unknown> }): Record<string, string> {
  const refs: Record<string, string> = { base: schema.$id };
  for (const k of Object.keys(schema.definitions)) if (/^(provider|shell|item)_/.test(k)) refs[k] = `${schema.$id}#/definitions/${k}`;
  return refs;
}

/** CommonJS source exporting one validate function per ref. */
export function validatorsModuleSource(): string {
  const schema = stripAnnotations(buildValidationSchema()) as { $id: string; definitions: Record<string, unknown> };
  const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true, esm: false, lines: false } });
  ajv.addSchema(schema);
  return standaloneCode(ajv, validatorRefs(schema));
}
