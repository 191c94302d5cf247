/** Every secret value known for an environment, for redacting what a PingOne answer brings back. */
import type { PingOneClient } from '../../../server/src/pingone/api';
import type { ResolvedEnvironment } from '../../../server/src/workflow/environments';
import type { PingOneSession } from '../session';

/** Its secret variables, its client secret, the tokens of this session and of `client`. */
export async function secretValuesFor(session: PingOneSession, env: ResolvedEnvironment, client?: PingOneClient): Promise<string[]> {
  const known = await session.knownSecrets(env);
  return [...known.values, ...known.byName.values(), ...(client?.knownSecrets() ?? [])];
}
