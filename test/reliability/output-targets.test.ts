// --output writes into what is there: a FIFO, a character device, a process's descriptor or a link to one is written
// into and left in place; only a regular file (or a missing path) is replaced whole.
import { execFileSync, spawn } from 'node:child_process';
import { lstatSync, mkdtempSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test, type TestContext } from 'vitest';
import { exportFileName } from '../../src/ops/export';
import { startDemoServer, type DemoServer } from '../../src/demo/server';
import { runCli } from '../helpers/cli';
import { harness, openAndSettle } from '../helpers/harness';
import { countAs } from './figures';

function tempDir(ctx: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'ckpt-output-'));
  ctx.onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A FIFO with a reader (`cat`) on it: resolves to what was written once the writer closes it. */
function fifoRead(ctx: TestContext, dir: string, name = 'out.fifo'): { path: string; text: Promise<string> } {
  const path = join(dir, name);
  execFileSync('mkfifo', [path]);
  const reader = spawn('cat', [path], { stdio: ['ignore', 'pipe', 'inherit'] });
  ctx.onTestFinished(() => void reader.kill('SIGKILL'));
  let text = '';
  reader.stdout.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  return { path, text: new Promise((resolve) => reader.once('close', () => resolve(text))) };
}

async function demo(ctx: TestContext): Promise<DemoServer> {
  const server = await startDemoServer();
  ctx.onTestFinished(() => server.close());
  return server;
}

const connection = (server: DemoServer) => ['--base-url', server.baseUrl, '--admin-api-key', server.adminKey];

const COMMANDS = [
  {
    name: 'export',
    args: (server: DemoServer, out: string) => ['export', server.checkpoints[0]!, '--output', out],
    head: /^permission_id,project_id,/,
  },
  { name: 'dump', args: (server: DemoServer, out: string) => ['dump', server.checkpoints[0]!, '--output', out], head: /checkpoints:/ },
];

describe.concurrent('--output into what is there', () => {
  test.for(COMMANDS)('$name --output FIFO: the reader gets the whole file, the FIFO stays', async (command, ctx) => {
    countAs(ctx, 'bad-input');
    const server = await demo(ctx);
    const fifo = fifoRead(ctx, tempDir(ctx));
    const result = await runCli([...command.args(server, fifo.path), ...connection(server)]);
    expect(result.stderr).toMatch(/^ckpt-perms: wrote /);
    expect(result.code).toBe(0);
    expect(lstatSync(fifo.path).isFIFO()).toBe(true);
    expect(await fifo.text).toMatch(command.head);
  });

  test('export --output a character device: written into, still a character device', async (ctx) => {
    countAs(ctx, 'bad-input');
    const server = await demo(ctx);
    // Root could replace /dev/null itself were this broken: root gets a null device of its own, others use /dev/null.
    let device = '/dev/null';
    if (process.getuid?.() === 0) {
      device = join(tempDir(ctx), 'null');
      execFileSync('mknod', [device, 'c', '1', '3']);
    }
    const result = await runCli(['export', server.checkpoints[0]!, '--output', device, ...connection(server)]);
    expect([result.code, result.stdout]).toEqual([0, '']);
    expect(statSync(device).isCharacterDevice()).toBe(true);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  test('export --output a link to /proc/self/fd/1: the file on stdout, the link kept', async (ctx) => {
    countAs(ctx, 'bad-input');
    const server = await demo(ctx);
    const link = join(tempDir(ctx), 'stdout-link');
    symlinkSync('/proc/self/fd/1', link);
    const result = await runCli(['export', server.checkpoints[0]!, '--output', link, ...connection(server)]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^permission_id,project_id,/);
    expect(result.stdout.trimEnd().split('\r\n')).toHaveLength(server.state.permissionsOf(server.checkpoints[0]!).length + 1);
    expect(readlinkSync(link)).toBe('/proc/self/fd/1');
  });

  test('export --output a link to a regular file: the file replaced whole, the link kept', async (ctx) => {
    countAs(ctx, 'bad-input');
    const server = await demo(ctx);
    const dir = tempDir(ctx);
    const link = join(dir, 'link.csv');
    execFileSync('sh', ['-c', 'echo old > "$1"', 'sh', join(dir, 'real.csv')]);
    symlinkSync('real.csv', link);
    const result = await runCli(['export', server.checkpoints[0]!, '--output', link, ...connection(server)]);
    expect(result.code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'real.csv'), 'utf8')).toMatch(/^permission_id,project_id,/);
  });

  test("the UI's export onto a FIFO at the export's file name: written into, the FIFO stays", async (ctx) => {
    countAs(ctx, 'bad-input');
    const dir = tempDir(ctx);
    const h = await harness({ exportDir: dir });
    ctx.onTestFinished(() => h.close());
    const fifo = fifoRead(ctx, dir, exportFileName(h.cp, 'csv'));
    await openAndSettle(h);
    await h.state().exportPermissions();
    expect(h.state().flash?.tone).toBe('success');
    expect(lstatSync(fifo.path).isFIFO()).toBe(true);
    expect(await fifo.text).toMatch(/^permission_id,project_id,/);
  });
});
