/**
 * The `${…}` template variables PingOne fills into a custom provider's request `url` (GET) and
 * `body` (POST), as the SDK (`model_notifications_settings_phone_delivery_settings_custom_request.go`) and TF
 * (`resource_phone_delivery_settings.go`) describe those fields. Drives completion, hover and the template checks.
 */
import { DOCS } from './docs';

export interface TemplateVariable {
  name: string;
  /** Markdown: what PingOne puts there. */
  description: string;
  required?: boolean;
}

export const TEMPLATE_VARIABLES: TemplateVariable[] = [
  {
    name: 'to',
    required: true,
    description:
      'The recipient’s phone number, written as `phoneNumberFormat` says (`FULL`: `+14155552671`, `NUMBER_ONLY`: `14155552671`). **Mandatory.**',
  },
  {
    name: 'message',
    required: true,
    description: 'The text of the message (SMS) or of what is read out (VOICE), from the notification template. **Mandatory.**',
  },
  { name: 'from', description: 'The sender: the selected number (or sender ID) PingOne sends from. Some vendors need it.' },
  { name: 'otp', description: 'The one-time passcode alone.' },
  { name: 'voice', description: 'The voice type configured for voice calls.' },
  { name: 'locale', description: 'The locale of the notification (e.g. `en`).' },
  {
    name: 'user.username',
    description: 'The user’s username. (Terraform’s wording; the Go SDK writes `${user.user.name}`, most likely a typo.)',
  },
  { name: 'user.name.given', description: 'The user’s given name.' },
  { name: 'user.name.family', description: 'The user’s family name.' },
];

export const TEMPLATE_VARIABLES_DOCS = DOCS.templateVariables;

const BY_NAME = new Map(TEMPLATE_VARIABLES.map((v) => [v.name, v]));

export function templateVariable(name: string): TemplateVariable | undefined {
  return BY_NAME.get(name);
}

/** `${name}` occurrences in a string, with offsets into the string. */
export function findTemplateVariables(value: string): { name: string; start: number; end: number }[] {
  const out: { name: string; start: number; end: number }[] = [];
  // A scan rather than /\$\{([^}]*)\}/g, which reads to the end of the string from every `${`
  // that has no `}` after it (quadratic on `${${${…`): once no `}` follows, no later `${` closes either.
  for (let start = value.indexOf('${'); start >= 0;) {
    const close = value.indexOf('}', start + 2);
    if (close < 0) break;
    out.push({ name: value.slice(start + 2, close).trim(), start, end: close + 1 });
    start = value.indexOf('${', close + 1);
  }
  return out;
}
