// Every walk ends: a server that answers has_more with a fresh cursor for ever gets at most --max-pages requests per
// walk, and the command stops with one clear line, exit 1. history's time windows never go below time 0 and ask only
// whole seconds, which Steady (the spec-validating mock) accepts.
import { describe, expect, test, type TestContext } from 'vitest';
import { createClient } from '../../src/api/client';
import { ApiError, MaxPagesError } from '../../src/api/errors';
import { readPermissionEvents } from '../../src/ops/history';
import { runCli } from '../helpers/cli';
import { GROUP, runOfficialCli } from '../helpers/official';
import { findOpenApiSpec } from '../helpers/spec';
import { BRACKET_FORMATS, startSteady } from '../helpers/steady';
import { countAs } from './figures';
import { json, scriptedServer, type ScriptedServer } from './support';

const CHECKPOINT = 'ft:gpt-4o-mini-2024-07-18:org:weather:B7R9VjQd';

/** Every list has one more page, with a cursor never seen before. */
async function endlessServer(ctx: TestContext): Promise<ScriptedServer> {
  let n = 0;
  const server = await scriptedServer((req, res) => {
    n++;
    const path = new URL(req.url, 'http://x').pathname;
    const item = path.endsWith('/permissions')
      ? { object: 'checkpoint.permission', id: `cp_${n}`, created_at: 1, project_id: `proj_${n}` }
      : path.endsWith('/projects')
        ? { object: 'organization.project', id: `proj_${n}`, name: `P${n}`, created_at: 1, archived_at: null, status: 'active' }
        : { object: 'fine_tuning.job', id: `ftjob_${n}`, status: 'running', model: 'gpt-4o-mini', fine_tuned_model: null, created_at: 1 };
    json(res, { object: 'list', data: [item], first_id: item.id, last_id: item.id, has_more: true });
  });
  ctx.onTestFinished(() => server.close());
  return server;
}

const perPath = (server: ScriptedServer) => {
  const counts = new Map<string, number>();
  for (const r of server.requests) {
    const path = new URL(r.url, 'http://x').pathname;
    counts.set(path, (counts.get(path) ?? 0) + 1);
  }
  return counts;
};

const COMMANDS = [
  { name: 'list --max-items -1', args: ['list', CHECKPOINT, '--max-items', '-1'] },
  { name: 'export', args: ['export', CHECKPOINT, '--output', '-'] },
  { name: 'dump', args: ['dump', CHECKPOINT] },
  { name: 'sync --dry-run', args: ['sync', '--from', CHECKPOINT, '--to', `${CHECKPOINT}:ckpt-step-1`, '--dry-run'] },
  { name: 'projects-access', args: ['projects-access', '--project-id', 'proj_a'] },
];

describe.concurrent('a server that always has one more page', () => {
  test.for(COMMANDS)('$name --max-pages 50: at most 50 pages a walk, then exit 1 and one line', async ({ args }, ctx) => {
    countAs(ctx, 'fault');
    const server = await endlessServer(ctx);
    const result = await runCli(
      [...args, '--max-pages', '50', '--base-url', server.baseUrl, '--admin-api-key', 'sk-admin-x', '--api-key', 'sk-proj-x'],
      {},
      120_000,
    );
    // The last line says why it stopped (sync may say first that project names could not be read).
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(/^ckpt-perms: stopped after 50 pages: the server still said there were more/);
    expect(lines.filter((line) => !line.startsWith('ckpt-perms: '))).toEqual([]);
    expect(result.code).toBe(1);
    const counts = perPath(server);
    expect(Math.max(...counts.values())).toBe(50);
  });

  test('the official family: list --max-pages 50, exit 1 after 50 requests', async (ctx) => {
    countAs(ctx, 'fault');
    const server = await endlessServer(ctx);
    const env = { OPENAI_BASE_URL: server.baseUrl, OPENAI_ADMIN_KEY: 'sk-admin-x' };
    const result = await runOfficialCli([GROUP, 'list', CHECKPOINT, '--max-pages', '50', '--format', 'jsonl'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/stopped after 50 pages/);
    expect(server.requests).toHaveLength(50);
  });

  test('the default ceiling is 2,000 pages', async (ctx) => {
    countAs(ctx, 'fault');
    const server = await endlessServer(ctx);
    const result = await runCli(
      ['list', CHECKPOINT, '--max-items', '-1', '--base-url', server.baseUrl, '--admin-api-key', 'sk-admin-x'],
      {},
      300_000,
    );
    expect(result.stderr).toMatch(/^ckpt-perms: stopped after 2000 pages/);
    expect(result.code).toBe(1);
    expect(server.requests).toHaveLength(2_000);
  }, 300_000);

  test('--max-pages 0 is refused before anything is sent', async (ctx) => {
    countAs(ctx, 'bad-input');
    const result = await runCli([
      'list',
      CHECKPOINT,
      '--max-pages',
      '0',
      '--base-url',
      'http://127.0.0.1:9/v1',
      '--admin-api-key',
      'sk-admin-x',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^ckpt-perms: --max-pages must be a whole number from 1 to/);
  });
});

const specPath = findOpenApiSpec();

describe.skipIf(!specPath)("history's time windows against Steady", () => {
  test('only whole seconds ≥ 0 are asked, nothing is refused, and the read ends', { timeout: 120_000 }, async (ctx) => {
    countAs(ctx, 'fault');
    const steady = await startSteady(specPath!, BRACKET_FORMATS);
    ctx.onTestFinished(() => steady.close());
    const asked: string[] = [];
    const client = createClient({
      baseURL: steady.baseUrl,
      adminApiKey: 'sk-admin-steadyContractTest0000000000abcd',
      maxRetries: 0,
      maxPages: 20,
      observer: { request: (r) => asked.push(...[...r.url.searchParams].filter(([k]) => k.startsWith('effective_at')).map(([, v]) => v)) },
    });
    ctx.onTestFinished(() => client.close());
    const outcome = await readPermissionEvents(client, undefined).then(
      (events) => events,
      (error: unknown) => error,
    );
    if (outcome instanceof ApiError) throw new Error(`Steady refused a request: ${outcome.message}`);
    if (outcome instanceof Error) expect(outcome).toBeInstanceOf(MaxPagesError);
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.filter((v) => !/^\d+$/.test(v))).toEqual([]);
  });
});
