// A loopback proxy in front of the demo API that fails the requests of one path, or holds some until released, and
// logs every request: for failures and orders the demo cannot aim.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FailingProxy {
  /** The base URL to use instead of the demo's. */
  url: string;
  /** Every request as it arrived: `GET /v1/organization/projects/proj_…` (path and query). */
  requests: string[];
  /** Lets the held requests go on. */
  release(): void;
  close(): Promise<void>;
}

export interface ProxyOptions {
  /** Requests (by path, relative to the base URL, and query: `?after=…`) kept unanswered until release(). */
  hold?: (path: string, search: string) => boolean;
  /** Requests answered `status` as failPath's are, chosen by path and query. */
  fail?: (path: string, search: string) => boolean;
}

/** Forwards every request to `target` (a base URL), but answers `status` for `failPath` (relative to the base URL). */
export async function failingProxy(target: string, failPath?: string, status = 503, options: ProxyOptions = {}): Promise<FailingProxy> {
  const base = new URL(target);
  const requests: string[] = [];
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', base);
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    if (options.hold?.(url.pathname.slice(base.pathname.length), url.search)) await released;
    const failed = options.fail?.(url.pathname.slice(base.pathname.length), url.search) === true;
    if (failed || (failPath !== undefined && url.pathname === `${base.pathname}${failPath}`)) {
      res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': 'req_proxyfailure' });
      res.end(JSON.stringify({ error: { message: 'failed by the test proxy', type: 'server_error', param: null, code: null } }));
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
    const headers: Record<string, string> = {};
    for (const name of ['authorization', 'content-type']) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const answer = await fetch(`${base.origin}${req.url}`, { method: req.method, headers, body });
    res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
    res.end(await answer.text());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${base.pathname}`,
    requests,
    release,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
