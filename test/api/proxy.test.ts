// HTTPS_PROXY / HTTP_PROXY / NO_PROXY: requests go through a real (loopback) proxy, or around it.
import { createServer, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/api/client';
import { clientOptionsFrom } from '../../src/api/config';
import { ConnectionError } from '../../src/api/errors';
import { startDemoServer, type DemoServer } from '../../src/demo/server';

let demo: DemoServer;
let proxy: Server;
let proxyUrl: string;
const tunnels: string[] = [];
const sockets = new Set<Socket>();

beforeAll(async () => {
  demo = await startDemoServer();
  proxy = createServer((_req, res) => {
    tunnels.push('plain request');
    res.writeHead(502).end();
  });
  // A tunnelling proxy: remembers where each CONNECT goes, then pipes bytes both ways.
  proxy.on('connect', (req, client: Socket, head: Buffer) => {
    tunnels.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host!, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => sockets.delete(s));
    }
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((resolve) => proxy.close(resolve));
  await demo.close();
});

function clientWith(env: Record<string, string>) {
  return createClient(clientOptionsFrom({}, { OPENAI_BASE_URL: demo.baseUrl, OPENAI_ADMIN_KEY: demo.adminKey, ...env }));
}

describe('proxies from the environment', () => {
  it('sends requests through HTTP_PROXY', async () => {
    tunnels.length = 0;
    const api = clientWith({ HTTP_PROXY: proxyUrl });
    const page = await api.permissions.list(demo.checkpoints[0]!, { limit: 2 });
    await api.close();
    expect(page.data).toHaveLength(2);
    expect(tunnels).toEqual([`127.0.0.1:${demo.port}`]);
  });

  it('goes around the proxy for hosts in NO_PROXY', async () => {
    tunnels.length = 0;
    const api = clientWith({ http_proxy: proxyUrl, NO_PROXY: '127.0.0.1' });
    const page = await api.permissions.list(demo.checkpoints[0]!, { limit: 2 });
    await api.close();
    expect(page.data).toHaveLength(2);
    expect(tunnels).toEqual([]);
  });

  it('reports a proxy that is not there as a network error', async () => {
    const api = createClient({ ...clientOptionsFrom({}, { OPENAI_BASE_URL: demo.baseUrl, OPENAI_ADMIN_KEY: demo.adminKey, HTTP_PROXY: 'http://127.0.0.1:9' }), maxRetries: 0 });
    await expect(api.permissions.list(demo.checkpoints[0]!)).rejects.toThrow(ConnectionError);
    await api.close();
  });
});
