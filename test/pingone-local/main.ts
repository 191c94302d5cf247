// `npm run pingone-local` (after `npm run compile`): starts the stand-in and prints what a
// PingOne environment entry needs. Runs until Ctrl+C.
//
//   --port N               listen port (default 4040; 0 = any free port)
//   --environment-id ID    environment id (repeatable; default: one random UUID)
//   --client-id ID         worker client id (default: random UUID)
//   --client-secret S      worker client secret (default: generated; prefer the default)
//   --token-auth M         client_secret_basic | client_secret_post (default: both accepted)
//   --token-lifetime S     expires_in of tokens in seconds (default 3600)

import { randomBytes, randomUUID } from 'node:crypto';
import { ClientAuthMethod } from './auth';
import { startPingOneLocal } from './server';

function parseArgs(argv: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error(`Unexpected argument: ${a}`);
    const [name, inline] = a.slice(2).split('=', 2);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`--${name} needs a value`);
    out.set(name, [...(out.get(name) ?? []), value]);
  }
  return out;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const one = (name: string): string | undefined => args.get(name)?.at(-1);
  const known = ['port', 'environment-id', 'client-id', 'client-secret', 'token-auth', 'token-lifetime'];
  for (const k of args.keys()) if (!known.includes(k)) throw new Error(`Unknown option --${k}`);

  const environmentIds = args.get('environment-id') ?? [randomUUID()];
  const tokenAuth = one('token-auth');
  if (tokenAuth !== undefined && tokenAuth !== 'client_secret_basic' && tokenAuth !== 'client_secret_post') {
    throw new Error('--token-auth must be client_secret_basic or client_secret_post');
  }
  const handle = await startPingOneLocal({
    port: Number(one('port') ?? 4040),
    environmentIds,
    clients: [
      {
        clientId: one('client-id') ?? randomUUID(),
        clientSecret: one('client-secret') ?? randomBytes(24).toString('base64url'),
        environmentId: environmentIds[0],
        authMethod: tokenAuth as ClientAuthMethod | undefined,
      },
    ],
    tokenLifetimeSeconds: one('token-lifetime') !== undefined ? Number(one('token-lifetime')) : undefined,
  });

  // Printing the secret is the point of this command: it is a throw-away secret of a local fake.
  const lines = [
    'pingone-local: a local PingOne stand-in (not PingOne; see test/pingone-local/README.md)',
    `  API URL:          ${handle.apiBase}`,
    `  Auth URL:         ${handle.authBase}`,
    `  Environment id:   ${handle.environmentIds.join(', ')}`,
    `  Worker client id: ${handle.clientId}`,
    `  Client secret:    ${handle.clientSecret}`,
    `  Token endpoint:   ${handle.authBase}/${handle.environmentId}/as/token`,
    `  Control:          POST ${handle.origin}/__control  (faults, rejectFields, latencyMs, expireTokens)`,
    'Press Ctrl+C to stop.',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  const stop = (): void => {
    void handle.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`pingone-local: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
});
