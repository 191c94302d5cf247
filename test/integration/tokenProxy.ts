/**
 * A pass-through proxy in front of a PingOne stand-in's token endpoint that records the access tokens
 * it hands out (the stand-in does not expose them), so that a test knows every token value to search
 * the outputs for. Shared by the integration tests that scan for secrets.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';

export interface TokenProxy {
  origin: string;
  /** Every access_token the token endpoint answered through this proxy, in order. */
  tokens: string[];
  close(): Promise<void>;
}

/**
 * A pass-through HTTP proxy in front of the stand-in, used as the environment's `authUrl`: the
 * extension's token requests go through it unchanged (the stand-in still counts them), and it keeps
 * the `access_token` of each answer, so that the tests know the token values to search for.
 */
export async function tokenProxy(target: string): Promise<TokenProxy> {
  const tokens: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const up = http.request(
        `${target}${req.url ?? '/'}`,
        { method: req.method, headers: { ...req.headers, host: new URL(target).host } },
        (answer) => {
          const out: Buffer[] = [];
          answer.on('data', (c: Buffer) => out.push(c));
          answer.on('end', () => {
            const body = Buffer.concat(out);
            try {
              const token = (JSON.parse(body.toString('utf8')) as { access_token?: unknown }).access_token;
              if (typeof token === 'string') tokens.push(token);
            } catch {
              // not a token answer
            }
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.end(body);
          });
        },
      );
      up.on('error', () => res.destroy());
      up.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    tokens,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
