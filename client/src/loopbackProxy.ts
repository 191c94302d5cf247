/**
 * The proxy that VS Code's fetch would use for a plain-http request to this machine, if any. The
 * extension sends loopback requests (the local stand-in) with VS Code's fetch, so it refuses them while
 * an explicit proxy is set: a request to this machine must not leave it. A system proxy resolved by VS
 * Code (PAC, OS settings) bypasses loopback on its own; `"http.proxySupport": "off"` sends every request
 * direct. The CLI needs none of this: it sends loopback through an agent of its own (`cli/proxy.ts`).
 */
import * as vscode from 'vscode';

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy'];

export function loopbackProxy(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const http = vscode.workspace.getConfiguration('http');
  if (http.get<string>('proxySupport') === 'off') return undefined;
  if (http.get<string>('proxy')) return 'the setting "http.proxy"';
  const variable = PROXY_VARIABLES.find((name) => env[name]);
  return variable ? `the environment variable ${variable}` : undefined;
}
