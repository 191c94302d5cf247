/**
 * The CLI's `fetch`: undici's, through `EnvHttpProxyAgent` when a proxy variable is set
 * (`HTTPS_PROXY`, `HTTP_PROXY`, lower case too), so that corporate proxies work. Requests to loopback
 * hosts (the local PingOne stand-in) never use the proxy, whatever `NO_PROXY` says, and `localhost`
 * names never reach DNS (`withDirectLoopback`); they are in `NO_PROXY` too, for the agent's own rule.
 * The extension does not use this: it passes VS Code's own `fetch` (proxy settings, certificates).
 */
import type { FetchFunction } from '../pingone/http';
import { loopbackLookup, withDirectLoopback } from '../pingone/loopback';

type Env = Readonly<Record<string, string | undefined>>;

const LOOPBACK_NO_PROXY = ['localhost', '127.0.0.1', '::1', '[::1]'];

function firstSet(env: Env, names: string[]): string | undefined {
  for (const n of names) {
    const v = env[n];
    if (v !== undefined && v.trim() !== '') return v.trim();
  }
  return undefined;
}

/** `NO_PROXY` as the agent gets it: the user's list plus the loopback hosts. */
export function noProxyWithLoopback(env: Env): string {
  const given = firstSet(env, ['NO_PROXY', 'no_proxy']);
  if (given === '*') return '*';
  const entries = (given ?? '').split(/[,\s]+/).filter((e) => e !== '');
  for (const h of LOOPBACK_NO_PROXY) if (!entries.includes(h)) entries.push(h);
  return entries.join(',');
}

export function proxyConfigured(env: Env): boolean {
  return firstSet(env, ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy']) !== undefined;
}

/** undici is loaded on the first request only: it costs a few hundred ms, which `validate` should not pay. */
export function cliFetch(env: Env): FetchFunction {
  return withDirectLoopback(remoteFetch(env), directFetch());
}

/** Loopback: undici with no proxy and `loopbackLookup`, so a `localhost` name never reaches DNS. */
function directFetch(): () => Promise<FetchFunction> {
  let loaded: Promise<FetchFunction> | undefined;
  const load = async (): Promise<FetchFunction> => {
    const { Agent, fetch: undiciFetch } = await import('undici');
    const agent = new Agent({ connect: { lookup: loopbackLookup as never } });
    return ((input: Parameters<FetchFunction>[0], init?: Parameters<FetchFunction>[1]) =>
      undiciFetch(input as never, { ...(init as object), dispatcher: agent } as never)) as unknown as FetchFunction;
  };
  return () => (loaded ??= load());
}

/** The fetch for every host that is not loopback: through the proxy when one is set. */
function remoteFetch(env: Env): () => Promise<FetchFunction> {
  let loaded: Promise<FetchFunction> | undefined;
  const load = async (): Promise<FetchFunction> => {
    const { EnvHttpProxyAgent, fetch: undiciFetch } = await import('undici');
    if (!proxyConfigured(env)) return undiciFetch as unknown as FetchFunction;
    const agent = new EnvHttpProxyAgent({
      // '' (not undefined): the agent must not fall back to process.env behind `env`'s back.
      // Without HTTPS_PROXY, https goes through the HTTP proxy (undici's rule).
      httpProxy: firstSet(env, ['HTTP_PROXY', 'http_proxy']) ?? '',
      httpsProxy: firstSet(env, ['HTTPS_PROXY', 'https_proxy']) ?? '',
      noProxy: noProxyWithLoopback(env),
      connect: { lookup: loopbackLookup as never },
    });
    return ((input: Parameters<FetchFunction>[0], init?: Parameters<FetchFunction>[1]) =>
      undiciFetch(input as never, { ...(init as object), dispatcher: agent } as never)) as unknown as FetchFunction;
  };
  return () => (loaded ??= load());
}
