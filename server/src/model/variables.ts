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
  const re = /\$\{([^}]*)\}/g;
  for (let m = re.exec(value); m; m = re.exec(value)) out.push({ name: m[1].trim(), start: m.index, end: m.index + m[0].length });
  return out;
}
