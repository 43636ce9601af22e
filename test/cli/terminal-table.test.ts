// The short commands at a terminal (issue 26): the built binary in a pty prints list and projects-access as tables with
// project names, each row as soon as its own name is known, and colours + green and - red unless NO_COLOR says not.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/api/client';
import { useDemoCli } from '../helpers/demo-cli';
import { failingProxy, type FailingProxy } from '../helpers/proxy';
import { closeAll, spawnTerminal, startDemoServerProcess, type DemoServerProcess } from '../helpers/pty';

let server: DemoServerProcess;
const ESC = '\u001b';

beforeAll(async () => {
  server = await startDemoServerProcess(['--latency', '300', '--projects', '10000'], 60_000);
}, 90_000);
afterAll(closeAll);

/** The page `list CKPT` asks for, read directly: its first row's project is the one name the table may wait for. */
async function firstPage(checkpoint: string) {
  const client = createClient({ baseURL: server.baseUrl, adminApiKey: server.adminKey, maxRetries: 0 });
  try {
    return await client.permissions.list(checkpoint, {});
  } finally {
    await client.close();
  }
}

describe('list on a terminal', () => {
  let proxy: FailingProxy | undefined;
  afterEach(async () => {
    proxy?.release();
    await proxy?.close();
    proxy = undefined;
  });

  it('prints a table with names; the first row waits for its own name only, never for the directory', async () => {
    const checkpoint = server.checkpoints[0]!;
    const page = await firstPage(checkpoint);
    const [first, ...others] = page.data;
    const other = others.find((p) => p.project_id !== first!.project_id)!;
    // Every project lookup but the first row's is held: the first row can only show if it does not wait for them.
    proxy = await failingProxy(server.baseUrl, undefined, 503, {
      hold: (path) => path.startsWith('/organization/projects/') && path !== `/organization/projects/${first!.project_id}`,
    });
    const term = spawnTerminal({
      args: ['list', checkpoint, '--base-url', proxy.url, '--admin-api-key', server.adminKey, '--allow-insecure-http'],
      env: { CI: 'false' },
      cols: 150,
      rows: 40,
    });
    const screen = await term.waitFor(new RegExp(`^${first!.id} +${first!.project_id} +\\S`, 'm'), { timeoutMs: 30_000 });
    expect(screen).toMatch(/^PERMISSION +PROJECT ID +PROJECT NAME +CREATED$/m);
    // The first row shows its name and a local date with its age; the held rows have not been printed.
    expect(screen).toMatch(
      new RegExp(`^${first!.id} +${first!.project_id} +\\S.* \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} +\\d+(mo|d|y|h|m) ago$`, 'm'),
    );
    expect(screen).not.toContain(other.id);
    // Names were asked one by one for the page's projects: the organization's 10,000 projects were never listed.
    expect(proxy.requests[0]).toMatch(/^GET \/v1\/organization\/fine_tuning\/checkpoints\/.+\/permissions$|^GET .*\/permissions/);
    expect(proxy.requests.filter((r) => /\/organization\/projects(\?|$)/.test(r))).toEqual([]);
    proxy.release();
    const done = await term.waitFor(/^more: ckpt-perms list .* --after cp_/m, { timeoutMs: 30_000 });
    for (const permission of page.data) expect(done).toContain(permission.id);
    expect((await term.waitForExit(30_000)).exitCode).toBe(0);
  }, 120_000);

  it('keeps the JSON with --format json on a terminal', async () => {
    const term = spawnTerminal({
      args: [
        'list',
        server.checkpoints[0]!,
        '--base-url',
        server.baseUrl,
        '--admin-api-key',
        server.adminKey,
        '--allow-insecure-http',
        '--format',
        'json',
      ],
      env: { CI: 'false' },
      cols: 150,
    });
    expect((await term.waitForExit(30_000)).exitCode).toBe(0);
    expect(term.raw()).toContain('"object": "list"');
    expect(term.raw()).not.toContain('PROJECT NAME');
  }, 60_000);
});

describe('colour where it means something', () => {
  // The plan's colours do not need a large or slow organization: sync reads the whole directory, 100 pages of 10,000
  // projects at 300 ms each (30 s a test) on the server above.
  const plain = useDemoCli();

  const sync = (env: Record<string, string>) =>
    spawnTerminal({
      args: [
        'sync',
        '--from',
        plain.server.checkpoints[1]!,
        '--to',
        plain.server.checkpoints[2]!,
        '--prune',
        '--dry-run',
        '--base-url',
        plain.server.baseUrl,
        '--admin-api-key',
        plain.server.adminKey,
        '--allow-insecure-http',
      ],
      env: { CI: 'false', ...env },
      cols: 150,
      rows: 40,
    });

  it('paints what sync would add green and what it would remove red', async () => {
    const term = sync({});
    await term.waitFor(/^  unchanged/m, { timeoutMs: 60_000 });
    expect((await term.waitForExit(60_000)).exitCode).toBe(0);
    const raw = term.raw();
    expect(raw).toMatch(new RegExp(`${ESC}\\[32mproj_\\w+`));
    expect(raw).toMatch(new RegExp(`${ESC}\\[31mproj_\\w+.*cp_\\w+`));
  }, 90_000);

  it('paints nothing under NO_COLOR', async () => {
    const term = sync({ NO_COLOR: '1' });
    await term.waitFor(/^  unchanged/m, { timeoutMs: 60_000 });
    expect((await term.waitForExit(60_000)).exitCode).toBe(0);
    const raw = term.raw();
    expect(raw).toMatch(/add +\d+ +proj_/);
    expect(raw).not.toMatch(new RegExp(`${ESC}\\[3[0-9]m`));
  }, 90_000);
});
