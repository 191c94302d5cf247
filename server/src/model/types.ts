/**
 * The vocabulary of the payload model. The model (`phoneDeliverySettings.ts`) is written in these
 * types, and everything users see is derived from it: the JSON Schema in `schemas/`, hover texts,
 * completion items and the property checks of the language service.
 */
import type { RuleCode } from './rules';
import type { InsertValue } from './snippet';

/** One allowed value of an enumerated string, with the text shown in hover and completion. */
export interface EnumValue {
  value: string;
  /** Markdown. */
  description: string;
}

interface FieldBase {
  /** Markdown shown in hover and completion documentation. */
  description: string;
  /** The PingOne documentation page that describes the field best. */
  docs?: string;
  /** Value PingOne fills in when the field is omitted. */
  default?: unknown;
  /** Write-only credential: PingOne never returns it, and a literal value in a file is flagged. */
  secret?: boolean;
  /** Set by PingOne; present in responses, ignored in request bodies. */
  readOnly?: boolean;
  /** The field is a known documentation mistake; the text says what to use instead. */
  deprecated?: string;
  /**
   * The value inserted when the property is added by completion or a quick fix: a JSON value whose
   * tab stops are marked with `tab`, `choice` and `cursorIn` (`snippet.ts`).
   */
  insertValue?: InsertValue;
  /** Another insert value beside certain sibling values (the url of a GET request carries `${to}` and `${message}`). */
  insertWhen?: { when: Record<string, string>; value: InsertValue }[];
  /**
   * The field only applies when each of these sibling properties is absent or has one of these
   * values (`beforeTag` on VOICE requests, `supportedCountries` on toll-free numbers and short codes).
   */
  onlyWhen?: Record<string, string | readonly string[]>;
}

export interface StringField extends FieldBase {
  type: 'string';
  enum?: EnumValue[];
  /** Regular expression (JavaScript and JSON Schema syntax) the value must match. */
  pattern?: string;
  /** What a value that fails `pattern` should look like, for the message. */
  patternHint?: string;
  /**
   * The rule (and so the severity) of a `pattern` mismatch. The shipped JSON Schema carries the
   * pattern only when that rule is an error; the language service always checks it.
   */
  patternRule?: RuleCode;
  /** The value may carry `${…}` template variables (request `url` and `body`). */
  template?: boolean;
  /** The value is an ISO 3166-1 alpha-2 country code. */
  country?: boolean;
  /** The field's inserted example is to be replaced: which values of it are examples (`examples.ts`). */
  example?: ExampleKind;
}

/** How an example value of a field is told from a real one (`examples.ts`). */
export type ExampleKind = 'url' | 'sid' | 'phone' | 'text';

export interface BooleanField extends FieldBase {
  type: 'boolean';
}

export interface ArrayField extends FieldBase {
  type: 'array';
  items: Field;
  minItems?: number;
  /** The rule (and so the severity) of a `minItems` violation; the shipped schema carries `minItems` only when it is an error. */
  minItemsRule?: RuleCode;
}

export interface ObjectField extends FieldBase {
  type: 'object';
  shape: ObjectShape;
}

/** An object whose keys are free (request headers): every value has the same type. */
export interface MapField extends FieldBase {
  type: 'map';
  values: Field;
}

export type Field = StringField | BooleanField | ArrayField | ObjectField | MapField;

/**
 * How properties that the model does not list are treated. PingOne's OpenAPI declares every one
 * of these objects open, so no choice is an error in the shipped JSON Schema.
 */
export type AdditionalProperties =
  /** the request model is documented: an unlisted property is `property-not-allowed` (see its severity) */
  | 'error'
  /** `property-not-documented` (request models that are only partly documented) */
  | 'warning'
  /** allowed silently (objects whose content PingOne does not document at all) */
  | 'allow';

export interface ObjectShape {
  /** Short name used in messages, e.g. "CUSTOM_PROVIDER" or "a VOICE request". */
  title: string;
  properties: Record<string, Field>;
  required: string[];
  /**
   * Properties PingOne's OpenAPI lists as required although PingOne fills them in when they are
   * missing (the docs' request models omit them): a hint (`openapi-required`) with a quick fix.
   */
  openapiRequired?: string[];
  /**
   * Required properties that an update (a document with an `id`) may leave out, because PingOne's
   * own update examples do: reported as `missing-on-update` (a warning), not `missing-property`.
   */
  updateMayOmit?: string[];
  additional: AdditionalProperties;
  /** Polymorphism: the shape is refined by the value of one property (provider, authentication.method). */
  variants?: Variants;
}

export interface Variants {
  /** The property whose value selects the case. */
  discriminator: string;
  cases: VariantCase[];
}

export interface VariantCase {
  /** Shown in messages and hover, e.g. "OAUTH2 (JWT bearer assertion)". */
  label: string;
  /** The discriminator value that selects this case. */
  value: string;
  /**
   * A further condition, for two cases that share one discriminator value (the two OAUTH2 grant
   * types). `test` is used by the language service, `schema` by the generated JSON Schema; both
   * must say the same thing.
   */
  refine?: { test(obj: Record<string, unknown>): boolean; schema: Record<string, unknown> };
  /** Properties added to, or overriding, the base shape for this case. */
  shape: ObjectShape;
  /** The case cannot be sent: the message explains why (PINGONE_TWILIO). */
  notCreatable?: string;
  docs?: string;
}
