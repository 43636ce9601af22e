// `list` of every permission, in both families, reads from both ends at once: the same items in the same order as the
// API's one-way listing, 101 requests for 10,000, and jsonl prints the near half while the far end is still asked.
import { spawn } from 'node:child_process';
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../src/demo/server';
import { CLI, runCli } from '../helpers/cli';
import { testEnv } from '../helpers/env';
import { GROUP } from '../helpers/official';
import { waitFor } from '../helpers/wait';
import { json, scriptedServer, type ScriptedServer } from '../reliability/support';

describe('list --max-items -1 against the demo', () => {
  let demo: DemoServer;

  beforeAll(async () => {
    demo = await startDemoServer({ permissions: 10_000, latencyMs: 1 });
  });

  afterAll(() => demo.close());

  it.for(['ascending', 'descending'] as const)('--order %s: every permission once, in order, in 101 requests', async (order) => {
    const checkpoint = demo.checkpoints[0]!;
    const ids = demo.state.permissionsOf(checkpoint).map((p) => p.id);
    const before = demo.requests.length;
    const env = { OPENAI_BASE_URL: demo.baseUrl, OPENAI_ADMIN_KEY: demo.adminKey };
    const result = await runCli(['list', checkpoint, '--max-items', '-1', '--order', order, '--format', 'json'], env, 120_000);
    expect(result.stderr).toBe('');
    const listed = JSON.parse(result.stdout) as { data: { id: string }[]; has_more: boolean };
    expect(listed.data.map((p) => p.id)).toEqual(order === 'ascending' ? ids : ids.reverse());
    expect(listed.has_more).toBe(false);
    expect(demo.requests.length - before).toBe(101);
  });
});

describe('walks that stay one way', () => {
  let demo: DemoServer;

  beforeAll(async () => {
    demo = await startDemoServer({ permissions: 1_000 });
  });

  afterAll(() => demo.close());

  it.for([
    { name: 'a budget', args: (cp: string) => ['list', cp, '--max-items', '500'], items: 500 },
    { name: '--after', args: (cp: string, after: string) => ['list', cp, '--max-items', '-1', '--after', after], items: 899 },
    { name: "the official's --limit", args: (cp: string) => [GROUP, 'list', cp, '--limit', '100', '--format', 'jsonl'], items: 1_000 },
  ])('with $name: no page in the other order', async ({ args, items }) => {
    const checkpoint = demo.checkpoints[0]!;
    // The API's default order is descending: after the 101st newest, 899 remain.
    const after = demo.state.permissionsOf(checkpoint).reverse()[100]!.id;
    const before = demo.requests.length;
    const result = await runCli(args(checkpoint, after), { OPENAI_BASE_URL: demo.baseUrl, OPENAI_ADMIN_KEY: demo.adminKey });
    expect(result.stderr).toBe('');
    const listed = result.stdout.startsWith('{\n')
      ? (JSON.parse(result.stdout) as { data: unknown[] }).data
      : result.stdout.trim().split('\n');
    expect(listed).toHaveLength(items);
    expect(demo.requests.slice(before).filter((r) => r.query.order !== undefined)).toEqual([]);
  });
});

/** The demo's answers, except that every page asked in `held` order waits until released. */
async function stallingServer(demo: DemoServer, held: 'ascending' | 'descending') {
  const waiting: (() => void)[] = [];
  let released = false;
  const server: ScriptedServer = await scriptedServer((req, res: ServerResponse) => {
    const url = new URL(req.url, 'http://x');
    const query = Object.fromEntries(url.searchParams);
    const answer = () =>
      json(
        res,
        demo.state.listPermissions(demo.checkpoints[0]!, {
          after: query.after,
          limit: Number(query.limit ?? 10),
          order: query.order === 'ascending' ? 'ascending' : 'descending',
        }),
      );
    if (query.order === held && !released) waiting.push(answer);
    else answer();
  });
  return {
    server,
    stalled: () => waiting.length,
    release() {
      released = true;
      for (const answer of waiting.splice(0)) answer();
    },
  };
}

describe('jsonl while the far end is slow', () => {
  let demo: DemoServer;

  beforeAll(async () => {
    demo = await startDemoServer({ permissions: 1_000 });
  });

  afterAll(() => demo.close());

  it.for([
    { family: 'ckpt-perms', args: (cp: string) => ['list', cp, '--max-items', '-1', '--format', 'jsonl'], nearHalf: 200 },
    { family: 'official', args: (cp: string) => [GROUP, 'list', cp, '--format', 'jsonl'], nearHalf: 20 },
  ])('$family: prints the near pages as they come, then the far half', async ({ args, nearHalf }, ctx) => {
    // The API's default order is descending: the far end walks ascending.
    const { server, stalled, release } = await stallingServer(demo, 'ascending');
    ctx.onTestFinished(() => server.close());
    const child = spawn(process.execPath, [CLI, ...args(demo.checkpoints[0]!)], {
      env: testEnv({ OPENAI_BASE_URL: server.baseUrl, OPENAI_ADMIN_KEY: demo.adminKey }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    ctx.onTestFinished(() => void child.kill());
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
    const lines = () => stdout.split('\n').filter(Boolean);
    // The first page alone, then the next near page beside the far end's first: printed while the far end waits.
    const progress = () => `${lines().length} lines, ${stalled()} held; stderr: ${stderr}`;
    await waitFor(() => stalled() === 1 && lines().length >= nearHalf, 'the near pages while the far end is held').catch((error) => {
      throw new Error(`${String(error)} (${progress()})`);
    });
    const ids = demo.state
      .permissionsOf(demo.checkpoints[0]!)
      .map((p) => p.id)
      .reverse();
    expect(lines().map((line) => (JSON.parse(line) as { id: string }).id)).toEqual(ids.slice(0, nearHalf));
    release();
    expect(await exited).toBe(0);
    expect(stderr).toBe('');
    expect(lines().map((line) => (JSON.parse(line) as { id: string }).id)).toEqual(ids);
  });
});
