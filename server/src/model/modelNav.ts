/**
 * Finding the model for a place in a document: which variant case an object selects (provider,
 * authentication method), and which field or object shape a JSON path leads to.
 */
import type { JSONPath } from 'jsonc-parser';
import { PHONE_DELIVERY_SETTINGS } from './phoneDeliverySettings';
import type { Field, ObjectShape, VariantCase } from './types';
import type { InsertValue } from './snippet';
import { isObject } from './json';

export interface EffectiveShape {
  /** The shape with the selected case's properties merged in. */
  shape: ObjectShape;
  /** The selected case, when the discriminator has a known value. */
  selected?: VariantCase;
  /** The shape has variants but the discriminator is missing or unknown. */
  undecided: boolean;
}

export function selectCase(shape: ObjectShape, value: unknown): VariantCase | undefined {
  if (!shape.variants || !isObject(value)) return undefined;
  const d = value[shape.variants.discriminator];
  return shape.variants.cases.find((c) => c.value === d && (!c.refine || c.refine.test(value)));
}

const merged = new WeakMap<VariantCase, EffectiveShape>();
const plain = new WeakMap<ObjectShape, EffectiveShape>();
const undecided = new WeakMap<ObjectShape, EffectiveShape>();

/** The same answer object for the same shape and case: the semantic walk asks once per object of the document. */
export function effectiveShape(shape: ObjectShape, value: unknown): EffectiveShape {
  if (!shape.variants) {
    let p = plain.get(shape);
    if (!p) plain.set(shape, (p = { shape, undecided: false }));
    return p;
  }
  const selected = selectCase(shape, value);
  if (!selected) {
    let u = undecided.get(shape);
    if (!u) undecided.set(shape, (u = { shape, undecided: true }));
    return u;
  }
  let m = merged.get(selected);
  if (!m) {
    m = {
      shape: {
        title: selected.shape.title,
        properties: { ...shape.properties, ...selected.shape.properties },
        required: [...new Set([...shape.required, ...selected.shape.required])],
        updateMayOmit: selected.shape.updateMayOmit,
        openapiRequired: [...new Set([...(shape.openapiRequired ?? []), ...(selected.shape.openapiRequired ?? [])])],
        additional: selected.shape.additional,
      },
      selected,
      undecided: false,
    };
    merged.set(selected, m);
  }
  return m;
}

/** Every property any case of the shape may have (for an object whose case is not decided yet). */
export function allCaseProperties(shape: ObjectShape): Record<string, Field> {
  const out: Record<string, Field> = { ...shape.properties };
  for (const c of shape.variants?.cases ?? []) for (const [k, f] of Object.entries(c.shape.properties)) if (!(k in out)) out[k] = f;
  return out;
}

function child(value: unknown, seg: string | number): unknown {
  if (Array.isArray(value) && typeof seg === 'number') return value[seg];
  if (isObject(value) && typeof seg === 'string') return value[seg];
  return undefined;
}

const ownField = (fields: Record<string, Field>, key: string): Field | undefined => (Object.hasOwn(fields, key) ? fields[key] : undefined);

export interface Located {
  /** The field at the path (undefined at the root, or where the model has nothing). */
  field?: Field;
  /** For an object at the path: its effective shape. */
  object?: EffectiveShape;
  /** The value at the path in the document. */
  value: unknown;
  /** The effective shape of the object that holds the last segment, if any. */
  owner?: EffectiveShape;
}

/** Walks the model along `path`, choosing variant cases from the document's own values. */
export function locate(path: JSONPath, rootValue: unknown): Located | undefined {
  let value = rootValue;
  let field: Field | undefined;
  let object: EffectiveShape | undefined = effectiveShape(PHONE_DELIVERY_SETTINGS, rootValue);
  let owner: EffectiveShape | undefined;
  for (const seg of path) {
    value = child(value, seg);
    owner = undefined;
    if (object && typeof seg === 'string') {
      owner = object;
      // Own properties only: a key such as "toString" or "constructor" is not a field of the model.
      field = ownField(object.shape.properties, seg) ?? (object.undecided ? ownField(allCaseProperties(object.shape), seg) : undefined);
    } else if (field?.type === 'array' && typeof seg === 'number') {
      field = field.items;
    } else if (field?.type === 'map' && typeof seg === 'string') {
      field = field.values;
    } else {
      return undefined;
    }
    if (!field) return undefined;
    object = field.type === 'object' ? effectiveShape(field.shape, value) : undefined;
  }
  return { field, object, value, owner };
}

/** The value the editor inserts for `field` in an object holding `siblings` (`insertWhen`, else `insertValue`). */
export function insertValueFor(field: Field, siblings: unknown): InsertValue | undefined {
  const o = isObject(siblings) ? siblings : {};
  return field.insertWhen?.find((w) => Object.entries(w.when).every(([k, v]) => o[k] === v))?.value ?? field.insertValue;
}
