/**
 * The one severity table. Every diagnostic the language service reports has one of these codes, and
 * its severity comes from here, never from the code that finds it.
 *
 * The policy: **error** only for what the SDK's OpenAPI (`patrickcping/pingone-go-sdk-v2`,
 * `management/generate/pingone-management.yml`) or the PingOne docs pages state; **warning** for what only
 * the Terraform provider enforces client-side (`pingidentity/terraform-provider-pingone`,
 * `internal/service/base/resource_phone_delivery_settings.go`) or only a field description says, and for
 * duplicate keys; where sources disagree the lenient reading wins. The README prints this table (generated, see `generate.ts`).
 */

export type Severity = 'error' | 'warning' | 'information';

export interface Rule {
  severity: Severity;
  /** Who states the rule: SDK (OpenAPI of the Go SDK), TF (Terraform provider), DOCS, JSON (RFC 8259). */
  source: string;
  /** One line for the README table. */
  summary: string;
  docs?: string;
}

export const RULES = {
  'invalid-json': {
    severity: 'error',
    source: 'JSON (RFC 8259)',
    summary: 'The text is not JSON: a missing comma, quote, bracket or value.',
  },
  'comment-not-allowed': {
    severity: 'error',
    source: 'JSON (RFC 8259)',
    summary: 'Comments are not JSON; PingOne rejects the body.',
  },
  'trailing-comma': {
    severity: 'error',
    source: 'JSON (RFC 8259)',
    summary: 'A comma before `}` or `]` is not JSON.',
  },
  'duplicate-key': {
    severity: 'warning',
    source: 'JSON (RFC 8259: names should be unique)',
    summary: 'The same key twice in one object; only the last one counts.',
  },
  'missing-property': {
    severity: 'error',
    source: 'SDK, DOCS (request models)',
    summary: 'A property the selected provider (and authentication method) requires is missing.',
  },
  'property-not-allowed': {
    severity: 'error',
    source: 'SDK, DOCS (request models)',
    summary: 'A property that the selected provider or authentication method does not have.',
  },
  'property-not-documented': {
    severity: 'warning',
    source: 'DOCS (their create pages show the request models only in part)',
    summary:
      'An unknown property on a provider whose request model is only partly documented (Twilio Verify, Twilio Messaging Service, Syniverse channels) or on OAUTH2 with a JWT assertion.',
  },
  'invalid-type': {
    severity: 'error',
    source: 'SDK, DOCS',
    summary: 'A value of the wrong JSON type (e.g. a number where a string is expected).',
  },
  'invalid-value': {
    severity: 'error',
    source: 'SDK, DOCS',
    summary: 'A value outside an enumeration (`provider`, `method`, `deliveryMethod`, `type`, …).',
  },
  'invalid-format': {
    severity: 'error',
    source: 'SDK, DOCS',
    summary: 'A value that does not have the documented form (an absolute URL, a UUID).',
  },
  'provider-not-creatable': {
    severity: 'error',
    source: 'SDK (`smsProvidersFallbackChain`)',
    summary: '`PINGONE_TWILIO` is an entry of the notification settings’ fallback chain, not a resource to create.',
  },
  'requests-empty': {
    severity: 'warning',
    source: 'TF (requests is a required set)',
    summary: 'A custom provider with no request at all cannot send anything.',
  },
  'template-variable-missing': {
    severity: 'error',
    source: 'SDK, TF (field descriptions)',
    summary: 'A GET request `url` or a POST request `body` without the mandatory `${to}` and `${message}`.',
  },
  'post-body-missing': {
    severity: 'error',
    source: 'SDK, TF (field descriptions)',
    summary: 'A POST request without a `body`: the body must carry `${to}` and `${message}`.',
  },
  'template-variable-unknown': {
    severity: 'warning',
    source: 'SDK, TF (the variables listed in the `url` and `body` descriptions)',
    summary: 'A `${…}` variable that PingOne does not document for gateway requests.',
  },
  'content-type-missing': {
    severity: 'warning',
    source: 'TF (description of `headers`)',
    summary: 'A POST request without a `content-type` header (`application/json` or `application/x-www-form-urlencoded`).',
  },
  'content-type-mismatch': {
    severity: 'warning',
    source: 'TF (description of `headers`)',
    summary: 'A POST `content-type` that does not match its body (JSON body vs form body), or more than one.',
  },
  'tag-on-sms': {
    severity: 'warning',
    source: 'TF (validator, client-side)',
    summary: '`beforeTag` / `afterTag` on an SMS request: they only apply to VOICE.',
  },
  'url-not-https': {
    severity: 'warning',
    source: 'TF (validator, client-side)',
    summary: 'A gateway URL (`url`, `authUrl`) that is not `https://`.',
  },
  'capabilities-empty': {
    severity: 'warning',
    source: 'TF (at least one capability for custom numbers)',
    summary: 'A custom provider number with no `capabilities` (`SMS`, `VOICE`).',
  },
  'countries-not-allowed': {
    severity: 'error',
    source: 'SDK, TF',
    summary: '`supportedCountries` on a `PHONE_NUMBER`: it must not be specified there.',
  },
  'countries-count': {
    severity: 'error',
    source: 'SDK, TF',
    summary:
      '`supportedCountries` with the wrong number of codes: exactly one for `SHORT_CODE`, one or more for `TOLL_FREE` (required on custom providers; never an empty list).',
  },
  'country-code-invalid': {
    severity: 'error',
    source: 'SDK, TF (ISO 3166-1 alpha-2)',
    summary: 'A country code that is not ISO 3166-1 alpha-2.',
  },
  'number-not-e164': {
    severity: 'warning',
    source: 'TF tests, DOCS (the custom create example’s own `+1 222 333` is not E.164)',
    summary: 'A `PHONE_NUMBER` or `TOLL_FREE` number not in E.164 form (`+` and up to 15 digits).',
  },
  'short-code-not-digits': {
    severity: 'warning',
    source: 'DOCS (examples)',
    summary: 'A `SHORT_CODE` number that is not bare digits.',
  },
  'duplicate-delivery-method': {
    severity: 'warning',
    source: 'SDK, TF (one request per delivery method)',
    summary: 'Two requests for the same `deliveryMethod`; PingOne uses one request per method.',
  },
  'message-type-quirk': {
    severity: 'warning',
    source: 'DOCS quirk (custom create examples; SDK and TF call the field `body`)',
    summary: '`messageType` in a request: the docs’ examples use it, the real field is `body`.',
  },
  'read-only-ignored': {
    severity: 'information',
    source: 'SDK (`readOnly`)',
    summary: '`createdAt`, `updatedAt`, `_links` come from PingOne and are ignored in a request body.',
  },
  'literal-secret': {
    severity: 'warning',
    source: 'this extension (secret hygiene)',
    summary:
      'A credential written literally in the file (`password`, `authToken`, `clientSecret`, `headerValue`, `assertion`, or a gateway header or parameter that looks like a credential): use a `{{placeholder}}`.',
  },
  'document-too-large': {
    severity: 'warning',
    source: 'this extension (limits)',
    summary: 'The document is larger or deeper than the configured limits (settings `pingone.limits.*`), so it was not checked.',
  },
} satisfies Record<string, Rule>;

export type RuleCode = keyof typeof RULES;
