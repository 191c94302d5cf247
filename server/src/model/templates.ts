/**
 * Whole-document templates, one per provider and authentication method. They feed completion in an
 * empty file, the schema's top-level `defaultSnippets` and the `snippets/` file; a unit test checks
 * that each one is valid against the model. Secrets are `{{placeholders}}`, never values. The body
 * marks its tab stops with `tab` (numbered in document order); `snippet.ts` renders it.
 */
import { SCHEMA_ID } from './schemaId';
import { tab, type InsertValue } from './snippet';

export interface Template {
  /** Snippet prefix and stable id, e.g. `pingone-custom-basic`. */
  prefix: string;
  label: string;
  description: string;
  body: Record<string, InsertValue>;
}

const smsRequest = {
  deliveryMethod: 'SMS',
  url: tab('https://gateway.example.com/sms'),
  method: 'POST',
  body: '{"to":"${to}","from":"${from}","text":"${message}"}',
  headers: { 'content-type': 'application/json' },
  // Required by PingOne's OpenAPI; the Terraform provider always sends it.
  phoneNumberFormat: 'FULL',
};
const voiceRequest = {
  deliveryMethod: 'VOICE',
  url: tab('https://gateway.example.com/voice'),
  method: 'POST',
  body: 'to=${to}&from=${from}&message=${message}',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  beforeTag: '<Say>',
  afterTag: '</Say> <Pause length="1"/>',
  phoneNumberFormat: 'FULL',
};
const numbers = [{ type: 'PHONE_NUMBER', number: tab('+15551234567'), capabilities: ['SMS', 'VOICE'], selected: true, available: true }];

function custom(method: string, authentication: Record<string, InsertValue>): Record<string, InsertValue> {
  return {
    $schema: SCHEMA_ID,
    name: tab(`Custom provider (${method})`),
    provider: 'CUSTOM_PROVIDER',
    authentication: { method, ...authentication },
    requests: [smsRequest, voiceRequest],
    numbers,
  };
}

export const TEMPLATES: Template[] = [
  {
    prefix: 'pingone-custom-basic',
    label: 'Custom provider, BASIC authentication',
    description: 'Your own SMS/voice gateway, called with HTTP Basic authentication.',
    body: custom('BASIC', { username: tab('gateway-user'), password: '{{gatewayPassword}}' }),
  },
  {
    prefix: 'pingone-custom-bearer',
    label: 'Custom provider, BEARER authentication',
    description: 'Your own SMS/voice gateway, called with a static bearer token.',
    body: custom('BEARER', { authToken: '{{gatewayAuthToken}}' }),
  },
  {
    prefix: 'pingone-custom-oauth2',
    label: 'Custom provider, OAUTH2 client credentials',
    description: 'Your own SMS/voice gateway; PingOne gets a token with the client credentials grant.',
    body: custom('OAUTH2', {
      authUrl: tab('https://login.example.com/oauth/token'),
      clientId: tab('client-id'),
      clientSecret: '{{customProviderClientSecret}}',
    }),
  },
  {
    prefix: 'pingone-custom-oauth2-jwt',
    label: 'Custom provider, OAUTH2 JWT bearer assertion',
    description: 'Your own SMS/voice gateway; PingOne presents a signed JWT to get a token.',
    body: custom('OAUTH2', {
      authUrl: tab('https://login.example.com/oauth/token'),
      grantType: tab('JWT_BEARER'),
      assertion: '{{gatewayJwtAssertion}}',
    }),
  },
  {
    prefix: 'pingone-custom-header',
    label: 'Custom provider, custom header authentication',
    description: 'Your own SMS/voice gateway; the credential travels in one header of your choice.',
    body: custom('CUSTOM_HEADER', { headerName: tab('X-Authorization'), headerValue: '{{headerValueForCustomAuthHeader}}' }),
  },
  {
    prefix: 'pingone-twilio',
    label: 'Twilio account',
    description: 'Your own Twilio account. Create without numbers; PingOne answers with the account’s numbers to select.',
    body: {
      $schema: SCHEMA_ID,
      name: tab('Twilio'),
      provider: 'CUSTOM_TWILIO',
      sid: tab('AC00000000000000000000000000000000'),
      authToken: '{{twilioAuthToken}}',
    },
  },
  {
    prefix: 'pingone-syniverse',
    label: 'Syniverse account',
    description: 'Your own Syniverse account. Create without numbers; PingOne answers with the account’s numbers to select.',
    // sid: required by PingOne's OpenAPI (a schema shared with Twilio); the Terraform provider sends "".
    body: { $schema: SCHEMA_ID, name: tab('Syniverse'), provider: 'CUSTOM_SYNIVERSE', sid: '', authToken: '{{syniverseAuthToken}}' },
  },
  {
    prefix: 'pingone-twilio-verify',
    label: 'Twilio Verify service',
    description: 'A Twilio Verify service sends the one-time passcodes.',
    body: {
      $schema: SCHEMA_ID,
      provider: 'CUSTOM_TWILIO_VERIFY',
      sid: tab('AC00000000000000000000000000000000'),
      authToken: '{{twilioAuthToken}}',
      verifyServiceId: tab('VA00000000000000000000000000000000'),
    },
  },
  {
    prefix: 'pingone-twilio-messaging-service',
    label: 'Twilio Messaging Service',
    description: 'A Twilio Messaging Service as sender; a later update selects the service.',
    body: {
      $schema: SCHEMA_ID,
      name: tab('Twilio Messaging Service'),
      provider: 'CUSTOM_TWILIO_MESSAGING_SERVICE',
      sid: tab('MG00000000000000000000000000000000'),
      authToken: '{{twilioAuthToken}}',
    },
  },
  {
    prefix: 'pingone-syniverse-channels',
    label: 'Syniverse channels',
    description: 'Syniverse channels as sender; a later update selects the channel.',
    body: {
      $schema: SCHEMA_ID,
      name: tab('Syniverse channels'),
      provider: 'CUSTOM_SYNIVERSE_CHANNELS',
      authToken: '{{syniverseAuthToken}}',
    },
  },
];
