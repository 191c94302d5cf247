/**
 * The stable `$id` of the generated schema. A document whose `$schema` names it is recognised as
 * phone delivery settings; the id is an identifier, the schema itself ships in `schemas/`.
 */
export const SCHEMA_ID = 'https://pingone-tools.github.io/schemas/phone-delivery-settings.schema.json';
export const SCHEMA_FILE = 'schemas/phone-delivery-settings.schema.json';
