// The command line under faults that outlast the retries: exit 1 and one clear line, nothing half-printed;
// and under faults the retries absorb, the right answer with exit 0.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test, type TestContext } from 'vitest';
import { startDemoServer, type DemoServer, type FaultKind } from '../../src/demo/server';
import { demoConnection } from '../helpers/pty';
import { runCli } from '../helpers/cli';
import { countAs } from './figures';

async function demo(ctx: TestContext): Promise<DemoServer> {
  const server = await startDemoServer();
  ctx.onTestFinished(() => server.close());
  return server;
}

/**
 * The server's address and keys, and a per-request timeout only where the test stalls a request on purpose (a `hang`
 * is never answered): a tight timeout anywhere else would fail healthy requests on a loaded machine.
 */
const connection = (server: DemoServer, timeoutMs?: number) => [
  ...demoConnection(server),
  ...(timeoutMs === undefined ? [] : ['--timeout', String(timeoutMs)]),
];

/**
 * For a stall the retries outlast: every attempt may time out (an answer late under load ends in the same one line).
 * A stall the retry must get past needs a ceiling a healthy answer meets even on a loaded machine.
 */
const STALL_OUTLASTS_MS = 400;
const STALL_THEN_ANSWER_MS = 5_000;

interface Command {
  name: string;
  /** Where the fault is aimed. */
  method: string;
  path: string;
  args(server: DemoServer): string[];
}

const checkpointOf = (server: DemoServer) => server.checkpoints[0]!;
const permissionsPath = (server: DemoServer) => `/fine_tuning/checkpoints/${checkpointOf(server)}/permissions`;

const COMMANDS: Command[] = [
  {
    name: 'list',
    method: 'GET',
    path: '/fine_tuning/checkpoints/',
    args: (server) => ['list', checkpointOf(server), '--max-items', '-1'],
  },
  {
    name: 'create',
    method: 'POST',
    path: '/fine_tuning/checkpoints/',
    args: (server) => {
      const has = new Set(server.state.permissionsOf(checkpointOf(server)).map((p) => p.project_id));
      return [
        'create',
        checkpointOf(server),
        '--project-id',
        server.state.projects().find((p) => p.status === 'active' && !has.has(p.id))!.id,
      ];
    },
  },
  {
    name: 'delete',
    method: 'DELETE',
    path: '/fine_tuning/checkpoints/',
    args: (server) => ['delete', checkpointOf(server), '--permission-id', server.state.permissionsOf(checkpointOf(server))[0]!.id],
  },
  {
    name: 'projects-access (browses the fine-tuning jobs)',
    method: 'GET',
    path: '/fine_tuning/jobs',
    args: (server) => ['projects-access', '--project-id', server.state.permissionsOf(checkpointOf(server))[0]!.project_id],
  },
];

const PERSISTENT: { label: string; kind: FaultKind }[] = [
  { label: 'a 500 every time', kind: '500' },
  { label: 'a connection reset every time', kind: 'reset' },
  { label: 'no answer every time (timeout)', kind: 'hang' },
  { label: 'an HTML gateway page every time', kind: 'html' },
];

const rows = COMMANDS.flatMap((command) => PERSISTENT.map((fault) => ({ command, fault, label: fault.label })));

describe.concurrent('faults that outlast the retries end with exit 1 and one line', () => {
  test.for(rows)('$command.name: $label', async ({ command, fault }, ctx) => {
    countAs(ctx, 'fault');
    const server = await demo(ctx);
    const before = server.state.permissionsOf(checkpointOf(server)).map((p) => p.id);
    server.injectFault(fault.kind, { method: command.method, path: command.path, count: 3 });
    const timeout = fault.kind === 'hang' ? STALL_OUTLASTS_MS : undefined;
    const result = await runCli([...command.args(server), ...connection(server, timeout)]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^ckpt-perms: (500|502|network error|timeout)/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    // Nothing changed that the failure does not admit to.
    expect(server.state.permissionsOf(checkpointOf(server)).map((p) => p.id)).toEqual(before);
  });
});

describe.concurrent('faults the retries absorb', () => {
  test.for(COMMANDS)('$name: a 429 then a 503, then the right answer', async (command, ctx) => {
    countAs(ctx, 'fault');
    const server = await demo(ctx);
    server.injectFault('429', { method: command.method, path: command.path, retryAfter: '', retryAfterMs: '50' });
    server.injectFault('503', { method: command.method, path: command.path });
    const args = command.args(server);
    const result = await runCli([...args, ...connection(server)]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const answer = JSON.parse(result.stdout);
    if (command.name === 'list') expect(answer.data).toHaveLength(server.state.permissionsOf(checkpointOf(server)).length);
    if (command.name === 'create') expect(answer.data.map((p: { project_id: string }) => p.project_id)).toEqual([args.at(-1)]);
    if (command.name === 'delete') expect(answer).toEqual({ object: 'checkpoint.permission', id: args.at(-1), deleted: true });
    if (command.name.startsWith('projects-access'))
      expect(answer.data.map((c: { fine_tuned_model_checkpoint: string }) => c.fine_tuned_model_checkpoint)).toContain(
        checkpointOf(server),
      );
  });

  test('create: the answer lost after the permission was made; the re-read finds it, exit 0', async (ctx) => {
    countAs(ctx, 'fault');
    const server = await demo(ctx);
    const args = COMMANDS[1]!.args(server);
    server.injectFault('reset-after', { method: 'POST' });
    const result = await runCli([...args, ...connection(server)]);
    expect([result.code, result.stderr]).toEqual([0, '']);
    const created = JSON.parse(result.stdout).data;
    expect(created.map((p: { project_id: string }) => p.project_id)).toEqual([args.at(-1)]);
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(server.state.permissionsOf(checkpointOf(server)).filter((p) => p.project_id === args.at(-1))).toHaveLength(1);
  });

  test('delete: the answer lost after the permission went; the retry finds it gone, exit 0', async (ctx) => {
    countAs(ctx, 'fault');
    const server = await demo(ctx);
    const args = COMMANDS[2]!.args(server);
    server.injectFault('hang-after', { method: 'DELETE' });
    const result = await runCli([...args, ...connection(server, STALL_THEN_ANSWER_MS)]);
    expect([result.code, result.stderr]).toEqual([0, '']);
    expect(JSON.parse(result.stdout)).toEqual({ object: 'checkpoint.permission', id: args.at(-1), deleted: true });
    expect(server.requests.filter((r) => r.method === 'DELETE').map((r) => r.status)).toEqual([undefined, 404]);
  });

  test('export: a project directory that keeps failing ends with exit 1 and writes no file', async (ctx) => {
    countAs(ctx, 'fault');
    const server = await demo(ctx);
    const dir = mkdtempSync(join(tmpdir(), 'ckpt-export-'));
    ctx.onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    server.injectFault('502', { path: '/organization/projects', count: 3 });
    const file = join(dir, 'out.csv');
    const result = await runCli(['export', checkpointOf(server), '--output', file, ...connection(server)]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^ckpt-perms: 502 /);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(readdirSync(dir)).toEqual([]);
    // The same export once the directory answers again.
    const again = await runCli(['export', checkpointOf(server), '--output', file, ...connection(server)]);
    expect(again.code).toBe(0);
    expect(readFileSync(file, 'utf8').trimEnd().split('\r\n')).toHaveLength(server.state.permissionsOf(checkpointOf(server)).length + 1);
  });
});

// The answers ask for a 10 ms wait (retry-after-ms) instead of the demo's `retry-after: 1`: the same retries, without
// the test sitting through a second for each of a hundred-odd 429s.
describe.concurrent('list --max-items -1 over 10,000 permissions under faults "429:0.1,500:0.1,reset:0.05"', () => {
  test.for([
    { label: 'with the default 2 retries: every permission once, or exit 1 and no list', retries: [] },
    { label: 'with --max-retries 6: every permission exactly once', retries: ['--max-retries', '6'] },
  ] as { label: string; retries: string[] }[])('$label', { timeout: 120_000 }, async ({ retries }, ctx) => {
    countAs(ctx, 'fault');
    const server = await startDemoServer({
      permissions: 10_000,
      faults: '429:0.1,500:0.1,reset:0.05',
      faultRetry: { retryAfter: '', retryAfterMs: '10' },
    });
    ctx.onTestFinished(() => server.close());
    const checkpoint = server.checkpoints[0]!;
    const result = await runCli([
      'list',
      checkpoint,
      '--max-items',
      '-1',
      '--base-url',
      server.baseUrl,
      '--admin-api-key',
      server.adminKey,
      ...retries,
    ]);
    for (const kind of ['429', '500', 'reset'])
      expect(
        server.requests.some((r) => r.fault === kind),
        `a ${kind} was met`,
      ).toBe(true);
    if (retries.length > 0) expect([result.code, result.stderr]).toEqual([0, '']);
    if (result.code === 0) {
      const ids = JSON.parse(result.stdout).data.map((p: { id: string }) => p.id);
      expect(ids).toHaveLength(10_000);
      expect(new Set(ids).size).toBe(10_000);
      expect(result.stderr).toBe('');
    } else {
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    }
  });
});
