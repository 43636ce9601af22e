// A revoke is reported done only when it is: a checkpoint that does not exist is never "deleted", even when the
// first attempt's outcome was unknown (a 502) and the retry got a 404 for the checkpoint.
import { describe, expect, test, type TestContext } from 'vitest';
import { createClient } from '../../src/api/client';
import { ApiError } from '../../src/api/errors';
import { startDemoServer, type DemoServer } from '../../src/demo/server';
import { runCli } from '../helpers/cli';
import { GROUP, runOfficialCli } from '../helpers/official';
import { countAs } from './figures';
import { apiError, json, scriptedServer } from './support';

const TYPO = 'ft:gpt-4o-mini-2024-07-18:org:weather:TYPOxx';

/** The demo with its first DELETE answered 502: the client cannot know whether it was carried out. */
async function demoWithLostDelete(ctx: TestContext): Promise<DemoServer> {
  const server = await startDemoServer();
  ctx.onTestFinished(() => server.close());
  server.injectFault('502', { method: 'DELETE', count: 1 });
  return server;
}

const permissionOf = (server: DemoServer) => server.state.permissionsOf(server.checkpoints[0]!)[0]!.id;

describe.concurrent('a checkpoint that does not exist is never reported revoked', () => {
  test('delete: a 502, then 404 model_not_found: exit 1, nothing on stdout', async (ctx) => {
    const count = countAs(ctx, 'false-report');
    const server = await demoWithLostDelete(ctx);
    const result = await runCli([
      'delete',
      TYPO,
      '--permission-id',
      permissionOf(server),
      '--base-url',
      server.baseUrl,
      '--admin-api-key',
      server.adminKey,
    ]);
    if (/"deleted"/.test(result.stdout) || result.code === 0) count.falseReports(1);
    expect(result.stdout).toBe('');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^ckpt-perms: 404 model_not_found: The model `ft:[^`]*TYPOxx` does not exist/);
    expect(server.requests.filter((r) => r.method === 'DELETE').map((r) => r.status)).toEqual([502, 404]);
  });

  test('the official family: delete after a 502 gets the 404 printed as an error, exit 1', async (ctx) => {
    const count = countAs(ctx, 'false-report');
    const server = await demoWithLostDelete(ctx);
    const env = { OPENAI_BASE_URL: server.baseUrl, OPENAI_ADMIN_KEY: server.adminKey };
    const result = await runOfficialCli([GROUP, 'delete', TYPO, permissionOf(server)], env);
    if (/"deleted"/.test(result.stdout) || result.code === 0) count.falseReports(1);
    expect(result.code).toBe(1);
    // As the official prints an error: the status on stderr, the body's error object on stdout.
    expect(result.stderr).toMatch(/404 Not Found/);
    expect(JSON.parse(result.stdout)).toMatchObject({ code: 'model_not_found' });
  });

  // The UI's revokes (table and project view), sync --prune, apply and undo all revoke with the project known.
  test('a revoke that knows its project (UI, sync, apply, undo): rejects with the 404, never resolves "deleted"', async (ctx) => {
    const count = countAs(ctx, 'false-report');
    const server = await demoWithLostDelete(ctx);
    const client = createClient({ baseURL: server.baseUrl, adminApiKey: server.adminKey, timeoutMs: 2_000 });
    ctx.onTestFinished(() => client.close());
    const permission = server.state.permissionsOf(server.checkpoints[0]!)[0]!;
    const outcome = await client.permissions.delete(TYPO, permission.id, { projectId: permission.project_id }).then(
      (answer) => answer,
      (error: unknown) => error,
    );
    if (!(outcome instanceof Error)) count.falseReports(1);
    expect(outcome).toBeInstanceOf(ApiError);
    expect((outcome as ApiError).code).toBe('model_not_found');
  });

  test('a permission whose revoke was carried out but its answer lost is still reported revoked', async (ctx) => {
    countAs(ctx, 'fault');
    const server = await startDemoServer();
    ctx.onTestFinished(() => server.close());
    server.injectFault('reset-after', { method: 'DELETE', count: 1 });
    const checkpoint = server.checkpoints[0]!;
    const id = permissionOf(server);
    const result = await runCli([
      'delete',
      checkpoint,
      '--permission-id',
      id,
      '--base-url',
      server.baseUrl,
      '--admin-api-key',
      server.adminKey,
    ]);
    expect([result.code, result.stderr]).toEqual([0, '']);
    expect(JSON.parse(result.stdout)).toEqual({ object: 'checkpoint.permission', id, deleted: true });
    expect(server.state.permissionsOf(checkpoint).some((p) => p.id === id)).toBe(false);
  });

  test('a bare 404 after a lost answer, the permission still listed: not reported revoked, exit 1', async (ctx) => {
    const count = countAs(ctx, 'false-report');
    const checkpoint = 'ft:gpt-4o-mini-2024-07-18:org:weather:B7R9VjQd';
    const permission = { object: 'checkpoint.permission', id: 'cp_still', created_at: 1, project_id: 'proj_a' };
    let deletes = 0;
    const server = await scriptedServer((req, res) => {
      if (req.method === 'DELETE' && deletes++ === 0) return res.socket?.destroy();
      if (req.method === 'DELETE') return apiError(res, 404, 'Not found.');
      json(res, { object: 'list', data: [permission], first_id: 'cp_still', last_id: 'cp_still', has_more: false });
    });
    ctx.onTestFinished(() => server.close());
    const result = await runCli([
      'delete',
      checkpoint,
      '--permission-id',
      'cp_still',
      '--base-url',
      server.baseUrl,
      '--admin-api-key',
      'sk-admin-x',
    ]);
    if (/"deleted"/.test(result.stdout) || result.code === 0) count.falseReports(1);
    expect(result.stdout).toBe('');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^ckpt-perms: 404/);
    expect(server.requests.map((r) => r.method)).toEqual(['DELETE', 'DELETE', 'GET']);
  });
});
