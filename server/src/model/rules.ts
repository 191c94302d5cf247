/**
 * The one severity table. Every diagnostic the language service reports has one of these codes, and
 * its severity comes from here, never from the code that finds it.
 *
 * The policy: **error** only for what PingOne's own sources state (its OpenAPI, as the Go SDK
 * publishes it, or its API docs' request models); **warning** for what only the Terraform provider
 * enforces client-side or a source's text says "should"; where sources disagree the lenient
 * reading wins; **hint** for what no source requires and this extension advises. Every `source`
 * names the file or page that decides the rule (the README prints this table, see `generate.ts`).
 */

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface Rule {
  severity: Severity;
  /** The exact source that states the rule: an OpenAPI schema, a Terraform file, a docs page, RFC 8259, or this extension. */
  source: string;
  /** One line for the README table. */
  summary: string;
  docs?: string;
}

// The sources, at the versions read. OAS: PingOne's OpenAPI as the Go SDK publishes it (the SDK's
// models and the Terraform provider are generated from / built on it; test/contract holds its
// phone delivery part). TF: the Terraform provider. DOCS: PingOne's API reference pages.
const OAS = '`pingone-management.yml` (pingone-go-sdk-v2 @4a884deb)';
const TFR = '`resource_phone_delivery_settings.go` (terraform-provider-pingone @cef5208a)';
const TFT = '`resource_phone_delivery_settings_test.go` (terraform-provider-pingone @cef5208a)';
const TFV = '`internal/verify/validate.go` (terraform-provider-pingone @cef5208a)';
const PDS = 'DOCS `phone-delivery-settings/';
const ADVICE = 'this extension’s advice (no PingOne source requires it)';

export const RULES = {
  'invalid-json': {
    severity: 'error',
    source: 'JSON (RFC 8259)',
    summary: 'The text is not JSON: a missing comma, quote, bracket or value.',
  },
  'comment-not-allowed': {
    severity: 'error',
    source: 'JSON (RFC 8259: no comments)',
    summary: 'Comments are not JSON; a JSON parser rejects the body.',
  },
  'trailing-comma': {
    severity: 'error',
    source: 'JSON (RFC 8259)',
    summary: 'A comma before `}` or `]` is not JSON.',
  },
  'duplicate-key': {
    severity: 'warning',
    source: 'JSON (RFC 8259 §4: names should be unique)',
    summary: 'The same key twice in one object; only the last one counts.',
  },
  'missing-property': {
    severity: 'error',
    source: `${OAS} \`required\` of \`NotificationsSettingsPhoneDeliverySettings*\`; ${PDS}create-*.html\` request models (OAUTH2, CUSTOM_HEADER, Twilio Verify, Messaging Service, Syniverse channels)`,
    summary:
      'A property the selected provider (and authentication method) requires is missing; on a bound Twilio Messaging Service update, `messagingServices`.',
  },
  'missing-on-update': {
    severity: 'warning',
    source: `${OAS} \`required\` has \`authToken\`; PingOne’s Postman collection’s Twilio update (PUT) omits it (pingone-go @da08ad76 \`api/openapi.yaml\`, “UPDATE Phone Delivery Settings”)`,
    summary:
      'An update (a document with an `id`) of a Twilio provider without `authToken`: the OpenAPI requires it, PingOne’s own update example leaves it out.',
  },
  'property-not-allowed': {
    severity: 'warning',
    source: `${OAS}: every phone delivery schema is open (no \`additionalProperties: false\`); the model lists the fields the sources name`,
    summary:
      'A property the selected provider or authentication method does not list (a typo, or a field of another provider); the message names what it takes. PingOne probably ignores it.',
  },
  'property-not-documented': {
    severity: 'warning',
    source: `${PDS}create_phone_delivery_settings_twilio_verify.html\`, \`…twilio-messaging-service.html\`, \`…syniverse-channels.html\`, \`…_oauth_jwt.html\` (request models only partly readable)`,
    summary:
      'An unknown property on a provider whose request model is only partly documented (Twilio Verify, Twilio Messaging Service, Syniverse channels) or on OAUTH2 with a JWT assertion.',
  },
  'invalid-type': {
    severity: 'error',
    source: `${OAS} \`type\` of each property`,
    summary: 'A value of the wrong JSON type (e.g. a number where a string is expected).',
  },
  'invalid-value': {
    severity: 'error',
    source: `${OAS} \`EnumNotificationsSettingsPhoneDeliverySettings*\`; SDK \`model_enum_notifications_settings_phone_delivery_settings_custom_auth_*.go\` (pingone-go-sdk-v2 @7de463ee, @5df05a6d: OAUTH2, CUSTOM_HEADER, grant types, BODY); ${PDS}update-phone-delivery-settings-twilio-messaging-service.html\` (one \`selected\` service)`,
    summary:
      'A value outside an enumeration (`provider`, `method`, `deliveryMethod`, `type`, `grantType`, …), or more than one selected Twilio messaging service.',
  },
  'id-format': {
    severity: 'warning',
    source: `${TFV} \`P1ResourceIDRegexp\` (client-side); ${OAS} types \`id\` as a plain string`,
    summary: 'An `id` or `environment.id` that is not a PingOne ID (a UUID): Send cannot find that resource.',
  },
  'url-format': {
    severity: 'warning',
    source: `${TFR} \`url\` validator \`verify.IsURLWithHTTPS\` (client-side); ${OAS} types \`url\` as a plain string`,
    summary: 'A request `url` or `authUrl` that is not an absolute URL: PingOne cannot call it.',
  },
  'provider-not-creatable': {
    severity: 'error',
    source: `${OAS} \`EnumNotificationsSettingsPhoneDeliverySettingsProvider\` (PINGONE_TWILIO only in its description, as a \`smsProvidersFallbackChain\` entry)`,
    summary: '`PINGONE_TWILIO` is an entry of the notification settings’ fallback chain, not a resource to create.',
  },
  'requests-empty': {
    severity: 'hint',
    source: `${ADVICE}: ${OAS} and ${TFR} set no minimum on \`requests\``,
    summary: 'A custom provider with no request at all cannot send anything.',
  },
  'template-variable-missing': {
    severity: 'error',
    source: `${OAS} descriptions of \`NotificationsSettingsPhoneDeliverySettingsCustomRequest.url\` and \`.body\` (“mandatory variables”)`,
    summary: 'A GET request `url` or a POST request `body` without the mandatory `${to}` and `${message}`.',
  },
  'post-body-missing': {
    severity: 'warning',
    source: `${OAS} description of \`body\` (“should include”); ${TFR} \`body\`: “Optional when the method is POST”`,
    summary: 'A POST request without a `body`: nothing carries `${to}` and `${message}`.',
  },
  'template-variable-unknown': {
    severity: 'hint',
    source: `${ADVICE}: ${OAS} description of \`body\` also allows the notification templates’ dynamic variables`,
    summary: 'A `${…}` variable that is not one of the gateway variables; fine if it is a notification template’s dynamic variable.',
  },
  'content-type-missing': {
    severity: 'warning',
    source: `${TFR} description of \`headers\` (“should include … content-type”)`,
    summary: 'A POST request without a `content-type` header (`application/json` or `application/x-www-form-urlencoded`).',
  },
  'content-type-mismatch': {
    severity: 'warning',
    source: `${TFR} description of \`headers\``,
    summary: 'A POST `content-type` that does not match its body (JSON body vs form body), or more than one.',
  },
  'tag-on-sms': {
    severity: 'warning',
    source: `${TFR} \`before_tag\`/\`after_tag\` validators (client-side); ${OAS} “For voice OTP notifications only”`,
    summary: '`beforeTag` / `afterTag` on an SMS request: they only apply to VOICE.',
  },
  'url-not-https': {
    severity: 'warning',
    source: `${TFR} \`url\` validator \`verify.IsURLWithHTTPS\` (client-side)`,
    summary: 'A request `url` that is not `https://`.',
  },
  'capabilities-empty': {
    severity: 'warning',
    source: `${TFR} \`capabilities\`: required, \`SizeAtLeast(1)\` (client-side)`,
    summary: 'A custom provider number with no `capabilities` (`SMS`, `VOICE`).',
  },
  'countries-not-allowed': {
    severity: 'error',
    source: `${OAS} description of \`supportedCountries\` (“can not be specified”)`,
    summary: '`supportedCountries` on a `PHONE_NUMBER`: it must not be specified there.',
  },
  'countries-count': {
    severity: 'error',
    source: `${OAS} description of \`supportedCountries\` (“a single … code”, “must not be empty”)`,
    summary:
      '`supportedCountries` with the wrong number of codes: exactly one for `SHORT_CODE`, one or more for `TOLL_FREE` (required on custom providers; never an empty list).',
  },
  'country-code-invalid': {
    severity: 'error',
    source: `${OAS} description of \`supportedCountries\` (“valid 2-character country ISO codes”)`,
    summary: 'A country code that is not ISO 3166-1 alpha-2.',
  },
  'number-not-e164': {
    severity: 'hint',
    source: `${ADVICE}: ${TFT} uses E.164; ${PDS}create-phone-delivery-settings.html\` shows \`+1 222 333\``,
    summary: 'A `PHONE_NUMBER` or `TOLL_FREE` number not in E.164 form (`+` and up to 15 digits).',
  },
  'short-code-not-digits': {
    severity: 'hint',
    source: `${ADVICE}: ${TFT} creates the SHORT_CODE \`+441234567891\` and PingOne accepts it`,
    summary: 'A `SHORT_CODE` number that is not bare digits.',
  },
  'message-type-quirk': {
    severity: 'warning',
    source: `${PDS}create-phone-delivery-settings.html\` examples write \`messageType\`; ${OAS} has \`body\``,
    summary: '`messageType` in a request: the docs’ examples use it, the real field is `body`.',
  },
  'openapi-required': {
    severity: 'hint',
    source: `${OAS} \`required\` (\`phoneNumberFormat\`; \`sid\` of Syniverse); ${TFR} always sends them (default \`FULL\`, Syniverse \`sid: ""\`); the docs’ request models omit them`,
    summary:
      'A property PingOne’s OpenAPI lists as required and PingOne fills in when it is missing: `phoneNumberFormat` of a request (`FULL`), `sid` of Syniverse (`""`). Add it for tools that check against the OpenAPI.',
  },
  'read-only-ignored': {
    severity: 'information',
    source: `${OAS} \`readOnly\` (\`createdAt\`, \`updatedAt\`, \`_links\`)`,
    summary: '`createdAt`, `updatedAt`, `_links` come from PingOne and are ignored in a request body.',
  },
  'literal-secret': {
    severity: 'warning',
    source: 'this extension (secret hygiene, not a PingOne rule)',
    summary:
      'A credential written literally in the file (`password`, `authToken`, `clientSecret`, `headerValue`, `assertion`, or a gateway header or parameter that looks like a credential): use a `{{placeholder}}`.',
  },
  'secret-placeholder-misplaced': {
    severity: 'error',
    source: 'this extension (secret placement: its own protection, not a PingOne rule)',
    summary:
      'A `{{placeholder}}` that looks like a secret outside a credential position (a write-only field, a credential-named header, the value of a credential-named url/body parameter), e.g. in a url’s host or path: a send refuses to fill a secret there, `--force` or not, unless `--allow-secret-in NAME=PATH` allows it.',
  },
  'literal-placeholder': {
    severity: 'information',
    source: 'this extension (secret placement)',
    summary:
      'A `\\{{name}}`: literal text, sent as `{{name}}` and never filled in (a pull writes placeholder text PingOne stored this way).',
  },
  'example-value': {
    severity: 'warning',
    source:
      'RFC 2606 and RFC 6761 (domains reserved for examples), the numbers reserved for fiction (NANP `555`, Ofcom `07700 900xxx`), and this extension’s inserted examples',
    summary:
      'An example the editor inserted and nobody replaced: a gateway or token URL at a reserved example domain, a SID of zeros, a fictional phone number, `client-id`.',
    docs: 'https://www.rfc-editor.org/rfc/rfc2606',
  },
  'document-too-large': {
    severity: 'warning',
    source: 'this extension (limits)',
    summary: 'The document is larger or deeper than the configured limits (settings `pingone.limits.*`), so it was not checked.',
  },
} satisfies Record<string, Rule>;

export type RuleCode = keyof typeof RULES;

/**
 * Rules of JSON itself and of this extension's own protections: no PingOne page states them (so no docs
 * link), and a refusal from PingOne never means one of them.
 */
export const LOCAL_ONLY_RULES: ReadonlySet<RuleCode> = new Set<RuleCode>([
  'invalid-json',
  'comment-not-allowed',
  'trailing-comma',
  'duplicate-key',
  'literal-secret',
  'secret-placeholder-misplaced',
  'literal-placeholder',
  'document-too-large',
]);
