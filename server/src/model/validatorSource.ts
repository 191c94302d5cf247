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
export const AJV_OPTIONS = { allErrors: true, strict: true, strictTypes: false, strictRequired: false } as const;

/** `{ export name → schema ref }`: `base` and one `provider_X` per provider case. */
export function validatorRefs(schema: { $id: string; definitions: Record<string, unknown> }): Record<string, string> {
  const refs: Record<string, string> = { base: schema.$id };
  for (const k of Object.keys(schema.definitions)) if (k.startsWith('provider_')) refs[k] = `${schema.$id}#/definitions/${k}`;
  return refs;
}

/** CommonJS source exporting one validate function per ref. */
export function validatorsModuleSource(): string {
  const schema = stripAnnotations(buildJsonSchema()) as { $id: string; definitions: Record<string, unknown> };
  const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true, esm: false, lines: false } });
  ajv.addSchema(schema);
  return standaloneCode(ajv, validatorRefs(schema));
}
