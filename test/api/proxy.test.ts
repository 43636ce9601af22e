// HTTPS_PROXY / HTTP_PROXY / NO_PROXY with a real proxy on loopback that records each CONNECT.
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/api/client';
import { clientOptionsFrom } from '../../src/api/config';
import { ConnectionError, TimeoutError } from '../../src/api/errors';
import { proxyFor } from '../../src/api/http';
import { startDemoServer, type DemoServer } from '../../src/demo/server';
import { runCli } from '../helpers/cli';
import { settles } from '../helpers/wait';

// Never resolves (RFC 2606), so nothing can leave this machine even if a request went direct.
const REMOTE = 'https://api.example.invalid/v1';

type ProxyMode = 'refuse' | 'drop';
let demo: DemoServer;
let proxy: Server;
let proxyUrl: string;
let mode: ProxyMode = 'refuse';
const connects: string[] = [];
const sockets = new Set<Socket>();

beforeAll(async () => {
  demo = await startDemoServer();
  // A proxy that answers CONNECT with 403 ('refuse'), or drops the connection mid-handshake ('drop').
  proxy = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.once('data', (chunk) => {
      connects.push(/^CONNECT (\S+)/.exec(chunk.toString())?.[1] ?? chunk.toString().split('\r\n')[0]!);
      if (mode === 'drop') socket.destroy();
      else socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((resolve) => proxy.close(resolve));
  await demo.close();
});

function clientWith(env: Record<string, string>, extra: { timeoutMs?: number } = {}) {
  return createClient({ ...clientOptionsFrom({}, { OPENAI_ADMIN_KEY: demo.adminKey, ...env }), maxRetries: 0, ...extra });
}

describe('choosing the proxy', () => {
  const settings = { httpsProxy: 'http://proxy.corp:3128', httpProxy: 'http://plain.corp:8080' };
  it('uses HTTPS_PROXY for https, else HTTP_PROXY, and never for loopback', () => {
    expect(proxyFor(new URL(REMOTE), settings)?.host).toBe('proxy.corp:3128');
    expect(proxyFor(new URL(REMOTE), { httpProxy: 'plain.corp:8080' })?.host).toBe('plain.corp:8080');
    expect(proxyFor(new URL('http://127.0.0.1:8080/v1'), settings)).toBeUndefined();
    expect(proxyFor(new URL('http://localhost/v1'), settings)).toBeUndefined();
    expect(proxyFor(new URL('https://[::1]/v1'), settings)).toBeUndefined();
  });

  it('honours NO_PROXY entries: *, exact hosts, domain suffixes and ports', () => {
    const bypassed = (noProxy: string, url = REMOTE) => proxyFor(new URL(url), { ...settings, noProxy }) === undefined;
    expect(bypassed('*')).toBe(true);
    expect(bypassed('api.example.invalid')).toBe(true);
    expect(bypassed('example.invalid')).toBe(true);
    expect(bypassed('.example.invalid')).toBe(true);
    expect(bypassed('*.example.invalid')).toBe(true);
    expect(bypassed('other.invalid, example.invalid:443')).toBe(true);
    expect(bypassed('example.invalid:8443')).toBe(false);
    expect(bypassed('ample.invalid')).toBe(false);
    expect(bypassed('')).toBe(false);
  });
});

describe('requests through a proxy', () => {
  it('tunnels an https API through HTTPS_PROXY and names the proxy when it refuses', async () => {
    mode = 'refuse';
    connects.length = 0;
    const api = clientWith({ OPENAI_BASE_URL: REMOTE, HTTPS_PROXY: proxyUrl });
    const error = await api.permissions.list('ft:x:y').catch((e: unknown) => e);
    await api.close();
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toContain(`api.example.invalid (through the proxy ${new URL(proxyUrl).host})`);
    // The proxy sees only where the tunnel goes: the key stays inside TLS.
    expect(connects).toEqual(['api.example.invalid:443']);
  });

  it('does the same in the built binary, where the proxy agent is a chunk loaded only when a proxy is set', async () => {
    mode = 'refuse';
    connects.length = 0;
    const result = await runCli(['list', 'ft:x:y', '--max-retries', '0'], {
      OPENAI_BASE_URL: REMOTE,
      OPENAI_ADMIN_KEY: demo.adminKey,
      HTTPS_PROXY: proxyUrl,
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`api.example.invalid (through the proxy ${new URL(proxyUrl).host})`);
    expect(connects).toEqual(['api.example.invalid:443']);
  });

  it('uses HTTP_PROXY for https when HTTPS_PROXY is not set', async () => {
    connects.length = 0;
    const api = clientWith({ OPENAI_BASE_URL: REMOTE, http_proxy: proxyUrl });
    await api.permissions.list('ft:x:y').catch(() => undefined);
    await api.close();
    expect(connects).toEqual(['api.example.invalid:443']);
  });

  it('goes around the proxy for NO_PROXY hosts', async () => {
    connects.length = 0;
    const api = clientWith({ OPENAI_BASE_URL: REMOTE, HTTPS_PROXY: proxyUrl, NO_PROXY: 'example.invalid' }, { timeoutMs: 5_000 });
    const error = await api.permissions.list('ft:x:y').catch((e: unknown) => e);
    await api.close();
    expect(error instanceof ConnectionError || error instanceof TimeoutError).toBe(true);
    expect((error as Error).message).not.toContain('proxy');
    expect(connects).toEqual([]);
  });

  it('never sends a loopback request through the proxy, where plain http would expose the key', async () => {
    connects.length = 0;
    const api = clientWith({ OPENAI_BASE_URL: demo.baseUrl, HTTP_PROXY: proxyUrl, HTTPS_PROXY: proxyUrl });
    const page = await api.permissions.list(demo.checkpoints[0]!, { limit: 2 });
    await api.close();
    expect(page.data).toHaveLength(2);
    expect(connects).toEqual([]);
  });

  it('times out, and stops working, when a proxy drops the connection mid-handshake', async () => {
    mode = 'drop';
    const api = clientWith({ OPENAI_BASE_URL: REMOTE, HTTPS_PROXY: proxyUrl }, { timeoutMs: 500 });
    // Its attempts time out after 500 ms each: the request ends well within the wait's ceiling, however busy the machine.
    const error = await settles(
      api.permissions.list('ft:x:y').catch((e: unknown) => e),
      'the request through the dropping proxy to fail',
    );
    expect(error instanceof TimeoutError || error instanceof ConnectionError).toBe(true);
    await api.close().catch(() => undefined);
    // No request left spinning in the background: this process stays nearly idle for the next second.
    const before = process.cpuUsage();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const used = process.cpuUsage(before);
    expect((used.user + used.system) / 1000).toBeLessThan(500);
  });
});
