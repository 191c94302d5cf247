/**
 * THE model of a phone delivery settings body
 * (`POST {apiPath}/environments/{envID}/notificationsSettings/phoneDeliverySettings`).
 *
 * Single source of truth: the JSON Schema in `schemas/`, hover texts, completions and the property
 * checks are all derived from this file. Facts come from the PingOne docs pages (`DOCS` in `docs.ts`),
 * the Go SDK (SDK) and the Terraform provider (TF), cited below by file. Where the sources disagree, the
 * lenient reading is modelled (e.g. `numbers`: required in the docs' request tables, optional in SDK and TF).
 */
import { DOCS } from './docs';
import { COUNTRY_ENUM } from './countries';
import { SCHEMA_ID } from './schemaId';
import { choice, tab } from './snippet';
import type { EnumValue, Field, ObjectShape, StringField, VariantCase } from './types';

// ---------------------------------------------------------------------------------------------
// Small builders: they keep the tables below readable.

const str = (description: string, extra: Partial<StringField> = {}): StringField => ({ type: 'string', description, ...extra });
const bool = (description: string, extra: Partial<Field> = {}): Field => ({ type: 'boolean', description, ...extra }) as Field;
const secret = (description: string, placeholder: string): StringField =>
  str(description + '\n\nWrite-only: PingOne never returns it. Keep it out of the file with a `{{placeholder}}`.', {
    secret: true,
    insertValue: `{{${placeholder}}}`,
  });

/** Absolute URL (scheme://…); `https` is a separate, softer rule (`url-not-https`). */
const ABSOLUTE_URL = '^[A-Za-z][A-Za-z0-9+.-]*://[^\\s]+$';
const UUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

// ---------------------------------------------------------------------------------------------
// Enumerations (SDK `model_enum_notifications_settings_phone_delivery_settings_*.go`; the providers and
// authentication methods the SDK lacks: their DOCS create pages, e.g. `DOCS.createTwilioVerify`)

export const PROVIDERS: EnumValue[] = [
  {
    value: 'CUSTOM_PROVIDER',
    description: 'Your own HTTP gateway (any SMS/voice vendor other than Twilio and Syniverse), called with the requests you define.',
  },
  { value: 'CUSTOM_TWILIO', description: 'Your own Twilio account: PingOne sends from the account’s phone numbers (`sid` + `authToken`).' },
  { value: 'CUSTOM_SYNIVERSE', description: 'Your own Syniverse account (`authToken`).' },
  { value: 'CUSTOM_TWILIO_VERIFY', description: 'A Twilio Verify service (`sid`, `authToken`, `verifyServiceId`).' },
  {
    value: 'CUSTOM_TWILIO_MESSAGING_SERVICE',
    description: 'A Twilio Messaging Service as sender (`name`, `sid`, `authToken`); a later update selects the service.',
  },
  { value: 'CUSTOM_SYNIVERSE_CHANNELS', description: 'Syniverse channels as sender (`authToken`); a later update selects the channel.' },
  {
    value: 'PINGONE_TWILIO',
    description:
      'PingOne’s own Twilio account. **Not creatable**: it is an entry of the notification settings’ `smsProvidersFallbackChain`, not a phone delivery settings resource.',
  },
];

const AUTH_METHODS: EnumValue[] = [
  { value: 'BASIC', description: 'HTTP Basic authentication with `username` and `password`.' },
  { value: 'BEARER', description: 'A static bearer token in `authToken`.' },
  {
    value: 'OAUTH2',
    description:
      'OAuth 2.0: client credentials (`authUrl`, `clientId`, `clientSecret`), or a JWT bearer assertion (`authUrl`, `grantType`, `assertion`).',
  },
  { value: 'CUSTOM_HEADER', description: 'One custom header, `headerName: headerValue` (e.g. `X-Authorization`).' },
];

const DELIVERY_METHODS: EnumValue[] = [
  { value: 'SMS', description: 'This request sends text messages.' },
  { value: 'VOICE', description: 'This request places voice calls; it may carry `beforeTag` and `afterTag`.' },
];

const HTTP_METHODS: EnumValue[] = [
  { value: 'GET', description: 'The `url` itself carries the message: it must contain `${to}` and `${message}`.' },
  { value: 'POST', description: 'The `body` carries the message: it must contain `${to}` and `${message}`; set a `content-type` header.' },
];

const PHONE_NUMBER_FORMATS: EnumValue[] = [
  { value: 'FULL', description: 'E.164 with the leading `+`, e.g. `+14155552671` (default).' },
  { value: 'NUMBER_ONLY', description: 'E.164 digits without the `+`, e.g. `14155552671`.' },
];

const NUMBER_TYPES: EnumValue[] = [
  { value: 'PHONE_NUMBER', description: 'A regular phone number in E.164 form. `supportedCountries` must not be specified.' },
  { value: 'TOLL_FREE', description: 'A toll-free number in E.164 form. `supportedCountries` lists one or more countries.' },
  { value: 'SHORT_CODE', description: 'A short code, e.g. `894546`. `supportedCountries` holds exactly one country.' },
];

const CAPABILITIES: EnumValue[] = [
  { value: 'SMS', description: 'The number can send text messages.' },
  { value: 'VOICE', description: 'The number can place voice calls.' },
];

// ---------------------------------------------------------------------------------------------
// Fields common to every provider (`DOCS.dataModel`; read-only in SDK `pingone-management.yml`)

const COMMON: Record<string, Field> = {
  $schema: str('The JSON Schema of this file, for editors. Removed before the body is sent to PingOne.', {
    insertValue: SCHEMA_ID,
  }),
  id: str(
    'The resource ID, generated by PingOne. In a file it binds the document to an existing resource, so that **Send to PingOne** updates it instead of creating a new one.',
    { pattern: UUID, patternHint: 'a UUID such as `10520e48-3d04-49bf-bcf7-2e0300f81abb`', patternRule: 'id-format', docs: DOCS.dataModel },
  ),
  environment: {
    type: 'object',
    description:
      'The environment the resource belongs to (filled from the request URL). In a file, `environment.id` says which environment `id` belongs to.',
    docs: DOCS.dataModel,
    shape: {
      title: 'environment',
      properties: { id: str('The environment ID.', { pattern: UUID, patternHint: 'a UUID', patternRule: 'id-format' }) },
      required: [],
      additional: 'error',
    },
  },
  provider: str('The kind of provider. **Required** and immutable: it decides which other properties apply.', {
    enum: PROVIDERS,
    docs: DOCS.dataModel,
  }),
  createdAt: str('When the resource was created (set by PingOne).', { readOnly: true }),
  updatedAt: str('When the resource was last updated (set by PingOne).', { readOnly: true }),
  _links: {
    type: 'map',
    description: 'HAL links returned by PingOne.',
    readOnly: true,
    values: {
      type: 'object',
      description: 'A link.',
      shape: { title: 'link', properties: { href: str('The link target.') }, required: [], additional: 'allow' },
    },
  },
};

// ---------------------------------------------------------------------------------------------
// numbers[] (SDK `model_notifications_settings_phone_delivery_settings_custom_numbers.go`; TF validators)

function numberShape(custom: boolean): ObjectShape {
  return {
    title: custom ? 'a custom provider number' : 'an account number',
    required: ['type', 'number'],
    additional: 'error',
    properties: {
      type: str('The kind of number. Decides the rules for `number` and `supportedCountries`.', {
        enum: NUMBER_TYPES,
        insertValue: choice('PHONE_NUMBER', 'TOLL_FREE', 'SHORT_CODE'),
      }),
      number: str(
        'The phone number, toll-free number or short code. Phone and toll-free numbers in E.164 form (`+441234567890`); short codes usually as digits (`894546`; PingOne also takes `+441234567891`, as the Terraform provider’s acceptance test shows).',
        { insertValue: tab('+15551234567'), example: 'phone' },
      ),
      capabilities: {
        type: 'array',
        description: 'What the number can do: `SMS`, `VOICE` or both.' + (custom ? ' At least one (Terraform provider).' : ''),
        items: str('A capability.', { enum: CAPABILITIES }),
        insertValue: [choice('SMS', 'VOICE')],
      },
      selected: bool('Whether PingOne uses this number for sending.', { default: false }),
      available: bool(
        'Whether the number is currently available in the provider account (maintained by PingOne for Twilio and Syniverse).',
        { default: false },
      ),
      supportedCountries: {
        type: 'array',
        description:
          'ISO 3166-1 alpha-2 codes of the countries the number serves. Not for `PHONE_NUMBER`; exactly one for `SHORT_CODE`; one or more for `TOLL_FREE`.' +
          (custom
            ? ' Required for `SHORT_CODE` and `TOLL_FREE` on a custom provider.'
            : ' May be omitted (then the number serves US recipients only), but never an empty list.'),
        items: str('A country code.', { enum: COUNTRY_ENUM, country: true }),
        insertValue: [tab('US')],
        onlyWhen: { type: ['TOLL_FREE', 'SHORT_CODE'] },
      },
    },
  };
}

const numbersField = (custom: boolean): Field => ({
  type: 'array',
  description: custom
    ? 'The numbers PingOne sends from. Optional (the SDK and Terraform treat it so; the request tables of the docs’ create pages say required).'
    : 'The numbers of the account. Leave it out on create: PingOne answers with every number it finds in the account; then update with `selected: true` on the numbers to use.',
  docs: DOCS.dataModel,
  items: { type: 'object', description: 'A number.', shape: numberShape(custom) },
  insertValue: [
    {
      type: choice('PHONE_NUMBER', 'TOLL_FREE', 'SHORT_CODE'),
      number: tab('+15551234567'),
      capabilities: ['SMS', 'VOICE'],
      selected: true,
    },
  ],
});

// ---------------------------------------------------------------------------------------------
// CUSTOM_PROVIDER: requests[] (SDK `model_notifications_settings_phone_delivery_settings_custom_request.go`; TF)

const REQUEST: ObjectShape = {
  title: 'a request',
  required: ['deliveryMethod', 'url', 'method'],
  // Required in the OpenAPI; the Terraform provider always sends it (default FULL), the docs omit it.
  openapiRequired: ['phoneNumberFormat'],
  additional: 'error',
  properties: {
    deliveryMethod: str('Whether this request sends SMS or places VOICE calls.', {
      enum: DELIVERY_METHODS,
      insertValue: choice('SMS', 'VOICE'),
    }),
    url: str(
      'The gateway URL. For `GET` it carries the message: it must contain `${to}` and `${message}` (and may contain `${from}`), e.g. `https://api.transmitsms.com/send-sms.json?to=${to}&from=${from}&message=${message}`. Use `https://`.',
      {
        pattern: ABSOLUTE_URL,
        patternHint: 'an absolute URL such as `https://gateway.example.com/sms`',
        patternRule: 'url-format',
        template: true,
        insertValue: tab('https://gateway.example.com/sms'),
        insertWhen: [{ when: { method: 'GET' }, value: tab('https://gateway.example.com/sms?to=${to}&message=${message}') }],
        example: 'url',
      },
    ),
    method: str('The HTTP method of the gateway request.', { enum: HTTP_METHODS, insertValue: choice('POST', 'GET') }),
    body: str(
      'For `POST`: the request body template, a **string** even when it holds JSON. Must contain `${to}` and `${message}`; some vendors also need `${from}`. Example: `messageType=ARN&message=${message}&phoneNumber=${to}&sender=${from}`.',
      { template: true, insertValue: tab('to=${to}&message=${message}') },
    ),
    headers: {
      type: 'map',
      description:
        'Request headers (name → value). For `POST`, include exactly one `content-type`: `application/x-www-form-urlencoded` for a form body or `application/json` for a JSON body.',
      values: str('A header value.'),
      insertValue: { 'content-type': choice('application/x-www-form-urlencoded', 'application/json') },
    },
    phoneNumberFormat: str(
      'How `${to}` is written. PingOne fills in `FULL` when it is missing; its OpenAPI lists it as required, and the Terraform provider always sends it.',
      { enum: PHONE_NUMBER_FORMATS, default: 'FULL', insertValue: choice('FULL', 'NUMBER_ONLY') },
    ),
    beforeTag: str('VOICE only: the opening tag inserted before each digit of the one-time passcode, to make a pause, e.g. `<Say>`.', {
      insertValue: tab('<Say>'),
      onlyWhen: { deliveryMethod: 'VOICE' },
    }),
    afterTag: str('VOICE only: the closing tag after each digit, e.g. `</Say> <Pause length="1"/>`.', {
      insertValue: tab('</Say> <Pause length="1"/>'),
      onlyWhen: { deliveryMethod: 'VOICE' },
    }),
    messageType: str(
      'Not a real field: the examples of the PingOne docs’ create pages write the first form parameter of `body` as a property. Use `body`.',
      {
        docs: DOCS.createCustomBasic,
        deprecated: 'The real field is `body` (a string such as `messageType=ARN&message=${message}&phoneNumber=${to}`).',
      },
    ),
  },
};

// ---------------------------------------------------------------------------------------------
// CUSTOM_PROVIDER: authentication (BASIC, BEARER: SDK and TF; OAUTH2, CUSTOM_HEADER: their DOCS create pages)

const OAUTH2_JWT_TEST = (o: Record<string, unknown>): boolean =>
  o.assertion !== undefined || (o.grantType !== undefined && o.grantType !== 'CLIENT_CREDENTIALS');
const OAUTH2_JWT_SCHEMA = {
  anyOf: [{ required: ['assertion'] }, { required: ['grantType'], properties: { grantType: { not: { const: 'CLIENT_CREDENTIALS' } } } }],
};

const authUrl = str('The token endpoint of the gateway’s authorization server, e.g. `https://login.example.com/oauth/token`.', {
  pattern: ABSOLUTE_URL,
  patternHint: 'an absolute URL',
  patternRule: 'url-format',
  insertValue: tab('https://login.example.com/oauth/token'),
  example: 'url',
});

const scopes: Field = {
  type: 'array',
  description:
    'The scopes to request in the access token, e.g. `sms:send`, `voice:send`. Optional. (Terraform provider: the `scopes` attribute and its OAUTH2 example.)',
  items: str('A scope.'),
  insertValue: [tab('sms:send')],
};

const AUTH_CASES: VariantCase[] = [
  {
    label: 'BASIC',
    value: 'BASIC',
    docs: DOCS.createCustomBasic,
    shape: {
      title: 'BASIC authentication',
      required: ['username', 'password'],
      additional: 'error',
      properties: {
        username: str('The user name for HTTP Basic authentication at the gateway.', { insertValue: tab('gateway-user'), example: 'text' }),
        password: secret('The password for HTTP Basic authentication at the gateway.', 'gatewayPassword'),
      },
    },
  },
  {
    label: 'BEARER',
    value: 'BEARER',
    docs: DOCS.dataModel,
    shape: {
      title: 'BEARER authentication',
      required: ['authToken'],
      additional: 'error',
      properties: { authToken: secret('The bearer token sent to the gateway.', 'gatewayAuthToken') },
    },
  },
  {
    label: 'OAUTH2 (JWT bearer assertion)',
    value: 'OAUTH2',
    docs: DOCS.createCustomOauth2Jwt,
    refine: { test: OAUTH2_JWT_TEST, schema: OAUTH2_JWT_SCHEMA },
    shape: {
      title: 'OAUTH2 authentication with a JWT assertion',
      required: ['authUrl', 'grantType', 'assertion'],
      // Only the first rows of this request model were readable (`DOCS.createCustomOauth2Jwt`): be lenient.
      additional: 'warning',
      properties: {
        authUrl,
        grantType: str(
          'The grant type: `JWT_BEARER` for a signed JWT assertion (the SDK’s grant type enum: `JWT_BEARER`, `CLIENT_CREDENTIALS`).',
          {
            enum: [{ value: 'JWT_BEARER', description: 'OAuth 2.0 JWT bearer assertion grant.' }],
            insertValue: 'JWT_BEARER',
          },
        ),
        assertion: secret('The signed JWT presented to the authorization server.', 'gatewayJwtAssertion'),
        clientId: str('The client’s public identifier, if the authorization server needs one.'),
        scopes,
      },
    },
  },
  {
    label: 'OAUTH2 (client credentials)',
    value: 'OAUTH2',
    docs: DOCS.createCustomOauth2,
    shape: {
      title: 'OAUTH2 authentication',
      required: ['authUrl', 'clientId', 'clientSecret'],
      additional: 'error',
      properties: {
        authUrl,
        clientId: str('The client’s public identifier at the gateway’s authorization server.', {
          insertValue: tab('client-id'),
          example: 'text',
        }),
        clientSecret: secret('The client secret at the gateway’s authorization server.', 'customProviderClientSecret'),
        grantType: str('Filled in by PingOne: `CLIENT_CREDENTIALS`.', {
          enum: [{ value: 'CLIENT_CREDENTIALS', description: 'OAuth 2.0 client credentials grant.' }],
          default: 'CLIENT_CREDENTIALS',
        }),
        clientAuthenticationMethod: str('Set by PingOne (read-only): how the client authenticates at the token endpoint.', {
          enum: [
            { value: 'BASIC_AUTH_HEADER', description: 'Client id and secret in an HTTP Basic `Authorization` header.' },
            { value: 'BODY', description: 'Client id and secret in the token request body.' },
          ],
          default: 'BASIC_AUTH_HEADER',
          readOnly: true,
        }),
        scopes,
      },
    },
  },
  {
    label: 'CUSTOM_HEADER',
    value: 'CUSTOM_HEADER',
    docs: DOCS.createCustomHeader,
    shape: {
      title: 'CUSTOM_HEADER authentication',
      required: ['headerName', 'headerValue'],
      additional: 'error',
      properties: {
        headerName: str('The name of the header that carries the credential, e.g. `X-Authorization`.', {
          insertValue: tab('X-Authorization'),
        }),
        headerValue: secret('The value of that header.', 'headerValueForCustomAuthHeader'),
      },
    },
  },
];

const AUTHENTICATION: Field = {
  type: 'object',
  description: 'How PingOne authenticates at your gateway. `method` selects the other fields.',
  docs: DOCS.dataModel,
  shape: {
    title: 'authentication',
    required: ['method'],
    additional: 'error',
    properties: { method: str('The authentication method. Decides which other fields are needed.', { enum: AUTH_METHODS }) },
    variants: { discriminator: 'method', cases: AUTH_CASES },
  },
};

// ---------------------------------------------------------------------------------------------
// Providers (SDK `model_notifications_settings_phone_delivery_settings_custom.go` and `…_twilio_syniverse.go`;
// Twilio Verify, Twilio Messaging Service, Syniverse channels: their DOCS create pages only)

const name = (description: string): StringField => str(description, { insertValue: tab('My SMS provider') });
const sid = (what: string): StringField =>
  str(`The ${what} SID. Immutable: changing it means a new resource.`, {
    insertValue: tab('AC00000000000000000000000000000000'),
    example: 'sid',
  });
const accountAuthToken = (what: string, placeholder: string): StringField =>
  secret(`The ${what}. Immutable: changing it means a new resource.`, placeholder);

const PROVIDER_CASES: VariantCase[] = [
  {
    label: 'CUSTOM_PROVIDER',
    value: 'CUSTOM_PROVIDER',
    docs: DOCS.createCustomBasic,
    shape: {
      title: 'CUSTOM_PROVIDER',
      required: ['name', 'authentication', 'requests'],
      additional: 'error',
      properties: {
        name: name('The administrator-facing name of the provider.'),
        authentication: AUTHENTICATION,
        requests: {
          type: 'array',
          description:
            'The gateway requests, for `SMS`, `VOICE` or both; several requests may share a delivery method (the Terraform provider’s acceptance test creates two of each).',
          docs: DOCS.createCustomBasic,
          items: { type: 'object', description: 'A gateway request.', shape: REQUEST },
          insertValue: [
            {
              deliveryMethod: 'SMS',
              url: tab('https://gateway.example.com/sms'),
              method: 'POST',
              body: 'to=${to}&message=${message}',
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
            },
          ],
        },
        numbers: numbersField(true),
        default: bool('Listed in the request tables of the docs’ custom provider create pages; its meaning is not documented.', {
          docs: DOCS.createCustomBasic,
        }),
      },
    },
  },
  {
    label: 'CUSTOM_TWILIO',
    value: 'CUSTOM_TWILIO',
    docs: DOCS.dataModel,
    shape: {
      title: 'CUSTOM_TWILIO',
      required: ['sid', 'authToken'],
      // PingOne's 2022 Postman collection updates a Twilio provider's numbers without authToken.
      updateMayOmit: ['authToken'],
      additional: 'error',
      properties: {
        sid: sid('Twilio account'),
        authToken: accountAuthToken('Twilio auth token', 'twilioAuthToken'),
        name: name('The name you want to use for the provider.'),
        numbers: numbersField(false),
      },
    },
  },
  {
    label: 'CUSTOM_SYNIVERSE',
    value: 'CUSTOM_SYNIVERSE',
    docs: DOCS.createSyniverse,
    shape: {
      title: 'CUSTOM_SYNIVERSE',
      required: ['authToken'],
      // The OpenAPI's shared Twilio/Syniverse schema requires sid ("relevant to Twilio only"); the
      // docs' Syniverse request model has none; the Terraform provider sends "".
      openapiRequired: ['sid'],
      additional: 'error',
      properties: {
        authToken: accountAuthToken('Syniverse secret key', 'syniverseAuthToken'),
        sid: str(
          'Not used by Syniverse. PingOne’s OpenAPI lists it as required (its schema is shared with Twilio); the docs’ Syniverse request model omits it; the Terraform provider sends an empty string.',
          { insertValue: '' },
        ),
        name: name('The name you want to use for the provider.'),
        numbers: numbersField(false),
      },
    },
  },
  {
    label: 'CUSTOM_TWILIO_VERIFY',
    value: 'CUSTOM_TWILIO_VERIFY',
    docs: DOCS.createTwilioVerify,
    shape: {
      title: 'CUSTOM_TWILIO_VERIFY',
      required: ['sid', 'authToken', 'verifyServiceId'],
      additional: 'warning',
      properties: {
        sid: sid('Twilio account'),
        authToken: accountAuthToken('Twilio auth token', 'twilioAuthToken'),
        verifyServiceId: str('The SID of the Twilio Verify service (`VA…`).', {
          insertValue: tab('VA00000000000000000000000000000000'),
          example: 'sid',
        }),
        name: name('The name you want to use for the provider.'),
      },
    },
  },
  {
    label: 'CUSTOM_TWILIO_MESSAGING_SERVICE',
    value: 'CUSTOM_TWILIO_MESSAGING_SERVICE',
    docs: DOCS.createTwilioMessagingService,
    shape: {
      title: 'CUSTOM_TWILIO_MESSAGING_SERVICE',
      required: ['name', 'sid', 'authToken'],
      additional: 'warning',
      properties: {
        name: name('The name you want to use for the provider.'),
        sid: str(
          'The Twilio SID of the provider (the docs’ create example writes it as `{{twilioMessagingServiceSID}}`). Immutable: changing it means a new resource.',
          { insertValue: tab('AC00000000000000000000000000000000'), example: 'sid' },
        ),
        authToken: accountAuthToken('Twilio auth token', 'twilioAuthToken'),
        messagingServices: {
          type: 'array',
          description:
            'The messaging services of the account (PingOne lists them after the create). **Required on an update**; set `selected: true` on exactly one of them, the one PingOne sends through.',
          docs: DOCS.updateTwilioMessagingService,
          items: {
            type: 'object',
            description: 'A messaging service.',
            shape: {
              title: 'a messaging service',
              required: [],
              additional: 'warning',
              properties: {
                messagingServiceId: str('The SID of the Twilio Messaging Service (`MG…`).', {
                  insertValue: tab('MG00000000000000000000000000000000'),
                  example: 'sid',
                }),
                name: str('The name of the messaging service in Twilio.'),
                selected: bool('Whether PingOne sends through this service; `true` on one service only.'),
              },
            },
          },
          insertValue: [
            {
              messagingServiceId: tab('MG00000000000000000000000000000000'),
              name: tab('Default Messaging Service'),
              selected: true,
            },
          ],
        },
      },
    },
  },
  {
    label: 'CUSTOM_SYNIVERSE_CHANNELS',
    value: 'CUSTOM_SYNIVERSE_CHANNELS',
    docs: DOCS.createSyniverseChannels,
    shape: {
      title: 'CUSTOM_SYNIVERSE_CHANNELS',
      required: ['authToken'],
      additional: 'warning',
      properties: {
        name: name('The name you want to use for the provider.'),
        authToken: accountAuthToken('Syniverse secret key', 'syniverseAuthToken'),
        channels: {
          type: 'array',
          description: 'The Syniverse channels of the account; an update selects the one to use (`selected: true`).',
          docs: DOCS.updateSyniverseChannels,
          items: {
            type: 'object',
            description: 'A channel.',
            shape: {
              title: 'a channel',
              required: [],
              additional: 'warning',
              properties: {
                id: str('The channel ID.'),
                name: str('The channel name.'),
                selected: bool('Whether PingOne sends through this channel.'),
                available: bool('Whether the channel is available in the account.'),
                createdAt: str('When the channel was created.'),
                priority: str('The channel priority, e.g. `NORMAL`.'),
                capabilities: {
                  type: 'array',
                  description: 'What the channel can do.',
                  items: str('A capability.', { enum: CAPABILITIES }),
                },
              },
            },
          },
        },
        deliveryConfigurationsExist: bool('Whether delivery configurations exist in the Syniverse account.'),
        smsTopicSubscription: {
          type: 'object',
          description: 'The SMS topic subscription (undocumented content).',
          shape: { title: 'smsTopicSubscription', properties: {}, required: [], additional: 'allow' },
        },
        voiceTopicSubscription: {
          type: 'object',
          description: 'The voice topic subscription (undocumented content).',
          shape: { title: 'voiceTopicSubscription', properties: {}, required: [], additional: 'allow' },
        },
      },
    },
  },
  {
    label: 'PINGONE_TWILIO',
    value: 'PINGONE_TWILIO',
    notCreatable:
      '`PINGONE_TWILIO` is PingOne’s own Twilio account: it is an entry of the notification settings’ `smsProvidersFallbackChain`, not a phone delivery settings resource, so it cannot be created or updated here. Pick one of the `CUSTOM_…` providers, or edit the fallback chain in the notification settings.',
    docs: DOCS.dataModel,
    shape: { title: 'PINGONE_TWILIO', required: [], additional: 'allow', properties: {} },
  },
];

/** The whole body. */
export const PHONE_DELIVERY_SETTINGS: ObjectShape = {
  title: 'phone delivery settings',
  properties: COMMON,
  required: ['provider'],
  additional: 'error',
  variants: { discriminator: 'provider', cases: PROVIDER_CASES },
};

/** Fields that hold credentials PingOne stores and never returns (write-only). */
export const WRITE_ONLY_FIELDS = ['password', 'authToken', 'clientSecret', 'headerValue', 'assertion'] as const;

/** Names of gateway headers and `url`/`body` parameters that look like credentials. */
export const CREDENTIAL_NAME = /auth|token|secret|key|password|signature/i;

/** Fields that only come from PingOne. */
export const READ_ONLY_FIELDS = ['createdAt', 'updatedAt', '_links'] as const;
