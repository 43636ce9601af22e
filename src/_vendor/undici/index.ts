// The parts of undici ckpt-perms uses, each from its own file. undici's index also loads fetch, WebSocket, cookies,
// caches and mocks, and its cookie code touches globalThis.Headers, which makes Node load its own copy of undici
// too: together some 40 ms before the first request. The proxy agent (with its SOCKS5 agent, which loads node:tls)
// is read only when a proxy is set. undici is pinned to one version in package.json (it has no exports map, so
// these files are reachable), and the build checks each file is the one this was written against (../README.md); the
// client and proxy tests exercise each part.
import type { Dispatcher as DispatcherType } from 'undici';
import AgentClass from 'undici/lib/dispatcher/agent.js';
import DispatcherClass from 'undici/lib/dispatcher/dispatcher.js';
import apiConnect from 'undici/lib/api/api-connect.js';
import apiRequest from 'undici/lib/api/api-request.js';

// What undici's index does first, for the two calls used: every dispatcher gets request(), and connect() (a
// proxy's tunnel). (Its stream, pipeline and upgrade calls are not loaded.)
Object.assign(DispatcherClass.prototype, { request: apiRequest, connect: apiConnect });

export const Agent = AgentClass;

/** undici's ProxyAgent, loaded on first use. */
export async function loadProxyAgent(): Promise<typeof import('undici').ProxyAgent> {
  return (await import('undici/lib/dispatcher/proxy-agent.js')).default;
}

/** undici's `request(url, options)`: the call its index makes, on the given dispatcher. */
export function request(
  url: URL,
  options: Omit<DispatcherType.RequestOptions, 'origin' | 'path'> & { dispatcher: DispatcherType },
): Promise<DispatcherType.ResponseData> {
  const { dispatcher, ...rest } = options;
  return dispatcher.request({ ...rest, origin: url.origin, path: `${url.pathname}${url.search}` });
}
