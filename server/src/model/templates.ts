/**
 * Whole-document templates, one per provider and authentication method. They feed completion in an
 * empty file, the schema's top-level `defaultSnippets` and the `snippets/` file; a unit test checks
 * that each one is valid against the model. Secrets are `{{placeholders}}`, never values.
 */
import { SCHEMA_ID } from './schemaId';

export interface Template {
  /** Snippet prefix and stable id, e.g. `pingone-custom-basic`. */
  prefix: string;
  label: string;
  description: string;
  body: Record<string, unknown>;
  /** JSON pointers of the string values that become snippet tab stops, in order. */
  tabstops: string[];
}

const smsRequest = {
  deliveryMethod: 'SMS',
  url: 'https://gateway.example.com/sms',
  method: 'POST',
  body: '{"to":"${to}","from":"${from}","text":"${message}"}',
  headers: { 'content-type': 'application/json' },
  // Required by PingOne's OpenAPI; the Terraform provider always sends it.
  phoneNumberFormat: 'FULL',
};
const voiceRequest = {
  deliveryMethod: 'VOICE',
  url: 'https://gateway.example.com/voice',
  method: 'POST',
  body: 'to=${to}&from=${from}&message=${message}',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  beforeTag: '<Say>',
  afterTag: '</Say> <Pause length="1"/>',
  phoneNumberFormat: 'FULL',
};
const numbers = [{ type: 'PHONE_NUMBER', number: '+15551234567', capabilities: ['SMS', 'VOICE'], selected: true, available: true }];

function custom(method: string, authentication: Record<string, unknown>): Record<string, unknown> {
  return {
    $schema: SCHEMA_ID,
    name: `Custom provider (${method})`,
    provider: 'CUSTOM_PROVIDER',
    authentication: { method, ...authentication },
    requests: [smsRequest, voiceRequest],
    numbers,
  };
}
const CUSTOM_TABSTOPS = ['/name', '/requests/0/url', '/requests/1/url', '/numbers/0/number'];

export const TEMPLATES: Template[] = [
  {
    prefix: 'pingone-custom-basic',
    label: 'Custom provider, BASIC authentication',
    description: 'Your own SMS/voice gateway, called with HTTP Basic authentication.',
    body: custom('BASIC', { username: 'gateway-user', password: '{{gatewayPassword}}' }),
    tabstops: ['/name', '/authentication/username', '/requests/0/url', '/requests/1/url', '/numbers/0/number'],
  },
  {
    prefix: 'pingone-custom-bearer',
    label: 'Custom provider, BEARER authentication',
    description: 'Your own SMS/voice gateway, called with a static bearer token.',
    body: custom('BEARER', { authToken: '{{gatewayAuthToken}}' }),
    tabstops: CUSTOM_TABSTOPS,
  },
  {
    prefix: 'pingone-custom-oauth2',
    label: 'Custom provider, OAUTH2 client credentials',
    description: 'Your own SMS/voice gateway; PingOne gets a token with the client credentials grant.',
    body: custom('OAUTH2', {
      authUrl: 'https://login.example.com/oauth/token',
      clientId: 'client-id',
      clientSecret: '{{customProviderClientSecret}}',
    }),
    tabstops: ['/name', '/authentication/authUrl', '/authentication/clientId', '/requests/0/url', '/requests/1/url', '/numbers/0/number'],
  },
  {
    prefix: 'pingone-custom-oauth2-jwt',
    label: 'Custom provider, OAUTH2 JWT bearer assertion',
    description: 'Your own SMS/voice gateway; PingOne presents a signed JWT to get a token.',
    body: custom('OAUTH2', {
      authUrl: 'https://login.example.com/oauth/token',
      grantType: 'JWT_BEARER',
      assertion: '{{gatewayJwtAssertion}}',
    }),
    tabstops: ['/name', '/authentication/authUrl', '/authentication/grantType', '/requests/0/url', '/requests/1/url', '/numbers/0/number'],
  },
  {
    prefix: 'pingone-custom-header',
    label: 'Custom provider, custom header authentication',
    description: 'Your own SMS/voice gateway; the credential travels in one header of your choice.',
    body: custom('CUSTOM_HEADER', { headerName: 'X-Authorization', headerValue: '{{headerValueForCustomAuthHeader}}' }),
    tabstops: ['/name', '/authentication/headerName', '/requests/0/url', '/requests/1/url', '/numbers/0/number'],
  },
  {
    prefix: 'pingone-twilio',
    label: 'Twilio account',
    description: 'Your own Twilio account. Create without numbers; PingOne answers with the account’s numbers to select.',
    body: {
      $schema: SCHEMA_ID,
      name: 'Twilio',
      provider: 'CUSTOM_TWILIO',
      sid: 'AC00000000000000000000000000000000',
      authToken: '{{twilioAuthToken}}',
    },
    tabstops: ['/name', '/sid'],
  },
  {
    prefix: 'pingone-syniverse',
    label: 'Syniverse account',
    description: 'Your own Syniverse account. Create without numbers; PingOne answers with the account’s numbers to select.',
    // sid: required by PingOne's OpenAPI (a schema shared with Twilio); the Terraform provider sends "".
    body: { $schema: SCHEMA_ID, name: 'Syniverse', provider: 'CUSTOM_SYNIVERSE', sid: '', authToken: '{{syniverseAuthToken}}' },
    tabstops: ['/name'],
  },
  {
    prefix: 'pingone-twilio-verify',
    label: 'Twilio Verify service',
    description: 'A Twilio Verify service sends the one-time passcodes.',
    body: {
      $schema: SCHEMA_ID,
      provider: 'CUSTOM_TWILIO_VERIFY',
      sid: 'AC00000000000000000000000000000000',
      authToken: '{{twilioAuthToken}}',
      verifyServiceId: 'VA00000000000000000000000000000000',
    },
    tabstops: ['/sid', '/verifyServiceId'],
  },
  {
    prefix: 'pingone-twilio-messaging-service',
    label: 'Twilio Messaging Service',
    description: 'A Twilio Messaging Service as sender; a later update selects the service.',
    body: {
      $schema: SCHEMA_ID,
      name: 'Twilio Messaging Service',
      provider: 'CUSTOM_TWILIO_MESSAGING_SERVICE',
      sid: 'MG00000000000000000000000000000000',
      authToken: '{{twilioAuthToken}}',
    },
    tabstops: ['/name', '/sid'],
  },
  {
    prefix: 'pingone-syniverse-channels',
    label: 'Syniverse channels',
    description: 'Syniverse channels as sender; a later update selects the channel.',
    body: { $schema: SCHEMA_ID, name: 'Syniverse channels', provider: 'CUSTOM_SYNIVERSE_CHANNELS', authToken: '{{syniverseAuthToken}}' },
    tabstops: ['/name'],
  },
];

/** Literal text as snippet text (safe anywhere, also inside a placeholder): `\\`, `$` and `}` escaped. */
export const escapeSnippet = (s: string): string => s.replace(/[\\$}]/g, (c) => '\\' + c);

/**
 * The template as text: a snippet (tab stops on `tabstops`, `$`, `}` and `\` escaped) or, for
 * clients without snippet support, plain JSON. Indented with tabs, as snippets expect (the editor
 * converts them to the user's indentation).
 */
export function templateText(t: Template, snippet: boolean): string {
  const stops = new Map(t.tabstops.map((p, i) => [p, i + 1]));
  const write = (value: unknown, pointer: string, indent: string): string => {
    if (Array.isArray(value)) {
      if (value.length === 0) return '[]';
      const inner = indent + '\t';
      const scalars = value.every((v) => typeof v !== 'object' || v === null);
      if (scalars) return '[' + value.map((v, i) => write(v, `${pointer}/${i}`, inner)).join(', ') + ']';
      return '[\n' + value.map((v, i) => inner + write(v, `${pointer}/${i}`, inner)).join(',\n') + '\n' + indent + ']';
    }
    if (value && typeof value === 'object') {
      const inner = indent + '\t';
      const entries = Object.entries(value).map(
        ([k, v]) => `${inner}${snippet ? escapeSnippet(JSON.stringify(k)) : JSON.stringify(k)}: ${write(v, `${pointer}/${k}`, inner)}`,
      );
      return '{\n' + entries.join(',\n') + '\n' + indent + '}';
    }
    const json = JSON.stringify(value);
    if (!snippet) return json;
    const stop = stops.get(pointer);
    if (stop !== undefined && typeof value === 'string') return `"\${${stop}:${escapeSnippet(json.slice(1, -1))}}"`;
    return escapeSnippet(json);
  };
  return write(t.body, '', '');
}
