// Where a key may travel: over plain http only to this machine, and only to the base URL's origin (redirects are not
// followed). Each test counts what reached a place it must not as a leak.
import { createServer as createNetServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli';
import { closeAll, spawnTerminal } from '../helpers/pty';
import { countAs } from './figures';
import { expectRefused, json, scriptedServer, type ScriptedServer } from './support';

const KEY = 'sk-admin-TRANSPORTCANARY0123456789abcd';

afterEach(closeAll);

/** A TCP listener on every interface that counts connections: any attempt to reach it is seen, request or not. */
interface Listener {
  port: number;
  connections: number;
  close(): Promise<void>;
}

async function listenEverywhere(): Promise<Listener> {
  const sockets = new Set<Socket>();
  const listener = { port: 0, connections: 0, close: async () => undefined as void };
  const server: Server = createNetServer((socket) => {
    listener.connections++;
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.end('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
  listener.port = (server.address() as AddressInfo).port;
  listener.close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return listener;
}

/** This machine's own non-loopback IPv4 address, if it has one: reachable, but not loopback. */
const ownAddress = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && !i.internal && i.family === 'IPv4')?.address;

describe('plain http to a host that is not this machine', () => {
  let listener: Listener;
  beforeAll(async () => {
    listener = await listenEverywhere();
  });
  afterAll(() => listener.close());

  const targets = () => [
    ...(ownAddress ? [`http://${ownAddress}:${listener.port}/v1`] : []),
    `http://0.0.0.0:${listener.port}/v1`,
    `http://example.com:${listener.port}/v1`,
    `http://127.0.0.1.nip.io:${listener.port}/v1`,
    `http://localhost.example.com:${listener.port}/v1`,
  ];

  test('the command line refuses it before connecting (flag or environment, any command), even with a proxy set', async (ctx) => {
    const t = countAs(ctx, 'leak');
    expect(ownAddress, 'this machine has a non-loopback address to test with').toBeDefined();
    const proxy = `http://127.0.0.1:${listener.port}`;
    // Every command against the first target (the machine's own address), `list` against the others.
    const runs = targets().flatMap((base, i) => {
      const host = new URL(base).host;
      const refusal = new RegExp(`^ckpt-perms: refusing to send an API key over plain http to ${host.replace(/\./g, '\\.')}: use https://`);
      const commands = [
        [['list', 'ft:x:y', '--base-url', base], { OPENAI_ADMIN_KEY: KEY }],
        [
          ['create', 'ft:x:y', '--project-id', 'proj_abc'],
          { OPENAI_BASE_URL: base, OPENAI_ADMIN_KEY: KEY, HTTP_PROXY: proxy, HTTPS_PROXY: proxy },
        ],
        [['export', 'ft:x:y', '--admin-api-key', KEY], { OPENAI_BASE_URL: base }],
        [['projects-access', '--project-id', 'proj_abc', '--checkpoint', 'ft:x:y'], { OPENAI_BASE_URL: base, OPENAI_ADMIN_KEY: KEY }],
      ] as const;
      return commands
        .slice(0, i === 0 ? commands.length : 1)
        .map(async ([args, env]) => expectRefused(await runCli([...args], env), refusal));
    });
    await Promise.all(runs);
    t.leaked(listener.connections);
    expect(listener.connections).toBe(0);
  });

  test('the UI refuses it before drawing anything, with a key given or none (the prompt would send the typed one)', async (ctx) => {
    const t = countAs(ctx, 'leak');
    const base = `http://${ownAddress ?? '0.0.0.0'}:${listener.port}/v1`;
    for (const env of [{ OPENAI_ADMIN_KEY: KEY }, {}] as Record<string, string>[]) {
      const term = spawnTerminal({ args: ['ft:x:y', '--base-url', base], env, cols: 200, rows: 10 });
      expect((await term.waitForExit()).exitCode).toBe(2);
      expect(term.screen()).toContain(`ckpt-perms: refusing to send an API key over plain http to ${new URL(base).host}`);
      expect(term.raw()).not.toContain('\u001b[?1049h');
    }
    t.leaked(listener.connections);
    expect(listener.connections).toBe(0);
  });

  test('loopback stays allowed: 127.0.0.1, [::1] and localhost are reached (so the refusals above are not the only outcome)', async (ctx) => {
    countAs(ctx, 'bad-input');
    const api = await scriptedServer(
      (_req, res) => json(res, { object: 'list', data: [], first_id: null, last_id: null, has_more: false }),
      '::',
      'localhost',
    );
    try {
      // The server listens on '::' (dual-stack): IPv4 loopback reaches it too.
      for (const host of ['127.0.0.1', '[::1]', 'localhost', 'LOCALHOST']) {
        const result = await runCli(['list', 'ft:x:y'], { OPENAI_BASE_URL: `http://${host}:${api.port}/v1`, OPENAI_ADMIN_KEY: KEY });
        expect(result.code, `${host}: ${result.stderr}`).toBe(0);
      }
      expect(api.requests).toHaveLength(4);
      expect(api.requests.every((r) => r.headers.authorization === `Bearer ${KEY}`)).toBe(true);
    } finally {
      await api.close();
    }
  });
});

describe('a redirect to another origin', () => {
  let elsewhere: ScriptedServer;
  let api: ScriptedServer;
  let status = 307;
  beforeAll(async () => {
    // Another origin: `localhost` (both IPv4 and IPv6) and another port.
    elsewhere = await scriptedServer(
      (_req, res) => json(res, { object: 'list', data: [], first_id: null, last_id: null, has_more: false }),
      '::',
      'localhost',
    );
    api = await scriptedServer((req, res) => {
      res.writeHead(status, { location: `${elsewhere.origin}${req.url}`, 'x-request-id': 'req_redirect' });
      res.end();
    });
  });
  afterAll(async () => {
    await api.close();
    await elsewhere.close();
  });

  test('would reach the other server if followed (so the test can fail)', async () => {
    const answer = await fetch(`${api.baseUrl}/fine_tuning/checkpoints/ft:x:y/permissions`);
    expect(answer.status).toBe(200);
    expect(elsewhere.requests).toHaveLength(1);
    elsewhere.requests.length = 0;
  });

  test.for([301, 302, 303, 307, 308])('%i is not followed: exit 1 naming it, nothing sent to the other origin', async (code, ctx) => {
    const t = countAs(ctx, 'leak');
    status = code;
    const env = { OPENAI_BASE_URL: api.baseUrl, OPENAI_ADMIN_KEY: KEY };
    const before = api.requests.length;
    // A read; for 307 (which keeps the method) also a create and a delete, side by side.
    const commands = [
      ['list', 'ft:x:y'],
      ['create', 'ft:x:y', '--project-id', 'proj_abc'],
      ['delete', 'ft:x:y', '--permission-id', 'cp_abc'],
    ].slice(0, code === 307 ? 3 : 1);
    const results = await Promise.all(commands.map((args) => runCli(args, env)));
    for (const result of results) {
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        new RegExp(
          `^ckpt-perms: ${code}: unexpected redirect to http://localhost:${elsewhere.port}/v1/fine_tuning/checkpoints/ft:x:y/permissions\\S* \\(not followed: the key is only sent to the base URL\\) \\(request req_redirect\\)\\n$`,
        ),
      );
    }
    // Asked once each: a redirect is not retried either.
    expect(api.requests.length - before).toBe(commands.length);
    t.leaked(elsewhere.requests.filter((r) => r.headers.authorization !== undefined).length);
    expect(elsewhere.requests).toEqual([]);
  });

  test('in the UI too: the table says so, and the other origin hears nothing', async (ctx) => {
    const t = countAs(ctx, 'leak');
    status = 302;
    const term = spawnTerminal({ args: ['ft:x:y', '--base-url', api.baseUrl, '--admin-api-key', KEY], cols: 200, rows: 20 });
    await term.waitFor(`unexpected redirect to http://localhost:${elsewhere.port}/v1/`);
    term.kill();
    t.leaked(elsewhere.requests.length);
    expect(elsewhere.requests).toEqual([]);
  });
});
