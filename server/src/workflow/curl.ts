/** "Copy as cURL": the request a send would make, with secrets left as placeholders. */
import { phoneDeliverySettingsUrl } from '../pingone/endpoints';
import type { ResolvedEnvironment } from './environments';

const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

export function curlCommand(env: ResolvedEnvironment, body: Record<string, unknown>, id?: string): string {
  const url = phoneDeliverySettingsUrl(env.apiBase, env.environmentId, id);
  return [
    `curl --request ${id ? 'PUT' : 'POST'} ${shellQuote(url)}`,
    `  --header 'Content-Type: application/json'`,
    `  --header 'Authorization: Bearer {{accessToken}}'`,
    `  --data ${shellQuote(JSON.stringify(body, null, 2))}`,
  ].join(' \\\n');
}
