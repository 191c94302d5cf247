/**
 * Requests to loopback hosts (the local stand-in) go straight to this machine: never through a
 * proxy (HTTP_PROXY, VS Code's proxy setting), and a `localhost` name never reaches DNS, which
 * could answer with any address (RFC 6761 reserves `.localhost` for loopback). undici's `Agent`
 * with its own lookup does both in the CLI; the extension replaces the name and checks the proxy itself.
 */
import type { LookupAddress, LookupOptions } from 'node:dns';
import { lookup as dnsLookup } from 'node:dns';
import { isLoopbackHost } from './endpoints';
import type { FetchFunction } from './http';

export function isLocalhostName(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  return h === 'localhost' || h.endsWith('.localhost');
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** `dns.lookup` for the socket: `localhost` names are answered here (127.0.0.1, or ::1 when IPv6 is asked for). */
export function loopbackLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  if (!isLocalhostName(hostname)) {
    dnsLookup(hostname, options, callback as never);
    return;
  }
  const address = options.family === 6 ? { address: '::1', family: 6 } : { address: '127.0.0.1', family: 4 };
  if (options.all) callback(null, [address]);
  else callback(null, address.address, address.family);
}

export function urlOf(input: Parameters<FetchFunction>[0]): URL | undefined {
  try {
    return new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : (input as Request).url);
  } catch {
    return undefined;
  }
}

/** True for a URL whose host is loopback (127.0.0.0/8, ::1, localhost names). */
export function isLoopbackUrl(input: Parameters<FetchFunction>[0]): boolean {
  const url = urlOf(input);
  return url !== undefined && isLoopbackHost(url.hostname);
}

/**
 * `fetch` that sends loopback requests through `direct` and every other one through `other`. Both are
 * asked for lazily, so that either can load a library on first use. The CLI's `direct` is undici with
 * `loopbackLookup` (`cli/proxy.ts`); the extension's is `byLoopbackAddress` over VS Code's fetch, with the
 * proxy checked before any request (`client/src/session.ts`): bundling undici into the extension would
 * double the size of the .vsix.
 */
export function withDirectLoopback(
  other: () => Promise<FetchFunction> | FetchFunction,
  direct: () => Promise<FetchFunction> | FetchFunction,
): FetchFunction {
  return (async (input: Parameters<FetchFunction>[0], init?: Parameters<FetchFunction>[1]) =>
    isLoopbackUrl(input) ? (await direct())(input, init) : (await other())(input, init)) as FetchFunction;
}

/** `base` with a `localhost` name replaced by 127.0.0.1 (::1 for `[::1]` stays as it is): the name never reaches DNS. */
export function byLoopbackAddress(base: FetchFunction): FetchFunction {
  return ((input: Parameters<FetchFunction>[0], init?: Parameters<FetchFunction>[1]) => {
    const url = urlOf(input);
    if (!url || !isLocalhostName(url.hostname)) return base(input, init);
    url.hostname = '127.0.0.1';
    const rewritten = typeof input === 'string' || input instanceof URL ? url.href : new Request(url.href, input as Request);
    return base(rewritten, init);
  }) as FetchFunction;
}
