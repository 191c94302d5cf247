// The token endpoint `POST /{envId}/as/token` (client credentials, as in `pingidentity/pingone-go-client`
// `oauth2/endpoints/endpoints.go`) and bearer-token checks.
// Tokens are random; with `tokenFormat: 'jwt'` they merely look like a JWT (unsigned garbage
// signature) because clients must treat them as opaque anyway.

import { randomBytes, timingSafeEqual } from 'node:crypto';
import { oauthError, OAuthError } from './envelope';

export type ClientAuthMethod = 'client_secret_basic' | 'client_secret_post';

export interface WorkerClient {
  clientId: string;
  clientSecret: string;
  /** The environment the worker app lives in: its token endpoint is `/{environmentId}/as/token`. */
  environmentId: string;
  /** When set, the other method is refused with invalid_client (like an app's tokenEndpointAuthMethod). */
  authMethod?: ClientAuthMethod;
}

export interface IssuedToken {
  clientId: string;
  environmentId: string;
  expiresAt: number;
}

export type TokenAnswer =
  | {
      ok: true;
      status: 200;
      body: { access_token: string; token_type: 'Bearer'; expires_in: number };
      clientId: string;
      authScheme: ClientAuthMethod;
    }
  | (OAuthError & { ok: false; clientId?: string; authScheme?: ClientAuthMethod });

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function formDecode(s: string): string {
  return decodeURIComponent(s.replace(/\+/g, ' '));
}

export class TokenIssuer {
  private readonly tokens = new Map<string, IssuedToken>();

  constructor(
    private readonly clients: WorkerClient[],
    public lifetimeSeconds: number,
    private readonly format: 'opaque' | 'jwt',
    private readonly now: () => number = Date.now,
  ) {}

  handle(environmentId: string, contentType: string | undefined, authorization: string | undefined, rawBody: string): TokenAnswer {
    if (!/^application\/x-www-form-urlencoded\b/i.test(contentType ?? '')) {
      return { ok: false, ...oauthError(400, 'invalid_request', 'The request must be application/x-www-form-urlencoded.') };
    }
    const form = new URLSearchParams(rawBody);

    let scheme: ClientAuthMethod | undefined;
    let clientId: string | undefined;
    let secret: string | undefined;
    if (authorization !== undefined && /^basic /i.test(authorization)) {
      const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 0) return { ok: false, ...oauthError(400, 'invalid_request', 'Malformed Basic authorization header.') };
      try {
        clientId = formDecode(decoded.slice(0, colon));
        secret = formDecode(decoded.slice(colon + 1));
      } catch {
        return { ok: false, ...oauthError(400, 'invalid_request', 'Malformed Basic authorization header.') };
      }
      scheme = 'client_secret_basic';
      if (form.has('client_secret')) {
        return { ok: false, clientId, ...oauthError(400, 'invalid_request', 'Only one client authentication method may be used.') };
      }
    } else if (form.has('client_secret')) {
      clientId = form.get('client_id') ?? undefined;
      secret = form.get('client_secret') ?? undefined;
      scheme = 'client_secret_post';
    }

    // Messages never repeat the presented secret; the client id is not a secret.
    const unauthorized = (description: string): TokenAnswer => ({
      ok: false,
      clientId,
      authScheme: scheme,
      ...oauthError(
        401,
        'invalid_client',
        description,
        scheme === 'client_secret_basic' ? { 'www-authenticate': 'Basic realm="PingOne"' } : undefined,
      ),
    });
    if (scheme === undefined || clientId === undefined || secret === undefined)
      return unauthorized('Request denied: client authentication is missing.');
    const client = this.clients.find((c) => c.clientId === clientId && c.environmentId === environmentId);
    if (!client || !sameSecret(client.clientSecret, secret)) return unauthorized('Request denied: invalid client credentials.');
    if (client.authMethod !== undefined && client.authMethod !== scheme) {
      return unauthorized(`Request denied: unsupported authentication method (the application uses ${client.authMethod}).`);
    }

    const grant = form.get('grant_type');
    if (grant === null || grant === '')
      return { ok: false, clientId, authScheme: scheme, ...oauthError(400, 'invalid_request', 'grant_type is required.') };
    if (grant !== 'client_credentials') {
      return {
        ok: false,
        clientId,
        authScheme: scheme,
        ...oauthError(400, 'unsupported_grant_type', `Unsupported grant_type: ${grant.slice(0, 40)}.`),
      };
    }

    const accessToken = this.newToken(client);
    this.tokens.set(accessToken, { clientId: client.clientId, environmentId, expiresAt: this.now() + this.lifetimeSeconds * 1000 });
    return {
      ok: true,
      status: 200,
      body: { access_token: accessToken, token_type: 'Bearer', expires_in: this.lifetimeSeconds },
      clientId: client.clientId,
      authScheme: scheme,
    };
  }

  /** Checks `Authorization: Bearer …`; the reason is for the INVALID_TOKEN detail (never echoes the token). */
  verify(authorization: string | undefined): { ok: true; token: IssuedToken } | { ok: false; reason: string } {
    const m = /^bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!m) return { ok: false, reason: 'The request has no bearer token.' };
    const token = this.tokens.get(m[1]);
    if (!token) return { ok: false, reason: 'The access token is not valid.' };
    if (token.expiresAt <= this.now()) return { ok: false, reason: 'The access token has expired.' };
    return { ok: true, token };
  }

  expireAll(): void {
    const past = this.now() - 1;
    for (const t of this.tokens.values()) t.expiresAt = past;
  }

  private newToken(client: WorkerClient): string {
    if (this.format === 'opaque') return randomBytes(32).toString('base64url');
    const b64 = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
    const now = Math.floor(this.now() / 1000);
    const header = b64({ alg: 'RS256', typ: 'JWT', kid: 'pingone-local' });
    const payload = b64({
      client_id: client.clientId,
      env: client.environmentId,
      iat: now,
      exp: now + this.lifetimeSeconds,
      jti: randomBytes(8).toString('hex'),
    });
    return `${header}.${payload}.${randomBytes(32).toString('base64url')}`;
  }
}
