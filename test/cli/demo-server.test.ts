// `ckpt-perms demo-server` as a process that curl, the official SDK and our own CLI can talk to.
import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { testEnv } from '../helpers/env';
import { closeAll, startDemoServerProcess } from '../helpers/pty';

function curl(args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile('curl', ['-sS', ...args], { env: testEnv() }, (error, stdout) => (error ? reject(error) : resolve(stdout))),
  );
}

afterEach(closeAll);

describe('ckpt-perms demo-server', () => {
  it('prints where and how to reach it, serves curl, the SDK and our CLI, and stops cleanly on Ctrl+C', async () => {
    const server = await startDemoServerProcess(['--permissions', '150']);
    const { baseUrl, adminKey, checkpoints } = server;
    expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    expect(adminKey).toMatch(/^sk-admin-/);
    expect(server.apiKey).toMatch(/^sk-proj-/);
    expect(checkpoints).toHaveLength(12);
    const [largest] = checkpoints as [string];

    const viaCurl = JSON.parse(
      await curl(['-H', `Authorization: Bearer ${adminKey}`, `${baseUrl}/fine_tuning/checkpoints/${largest}/permissions?limit=3`]),
    );
    expect(viaCurl.data).toHaveLength(3);
    const anonymous = JSON.parse(await curl([`${baseUrl}/fine_tuning/checkpoints/${largest}/permissions`]));
    expect(anonymous.error.message).toMatch(/didn't provide an API key/);

    const sdk = new OpenAI({ adminAPIKey: adminKey, apiKey: null, baseURL: baseUrl, maxRetries: 0 });
    const viaSdk: string[] = [];
    for await (const permission of sdk.fineTuning.checkpoints.permissions.list(largest, { limit: 40 })) viaSdk.push(permission.id);
    expect(viaSdk).toHaveLength(150);

    const viaCli = await runCli(['list', largest, '--max-items', '-1', '--base-url', baseUrl, '--admin-api-key', adminKey]);
    expect(viaCli.code).toBe(0);
    expect(JSON.parse(viaCli.stdout).data.map((p: { id: string }) => p.id)).toEqual(viaSdk);

    expect(await server.stop('SIGINT')).toBe(0);
  });

  it('serves an organization of --projects N, with --permissions on top', async () => {
    const { baseUrl, adminKey } = await startDemoServerProcess(['--projects', '1500', '--permissions', '1500']);
    const sdk = new OpenAI({ adminAPIKey: adminKey, apiKey: null, baseURL: baseUrl, maxRetries: 0 });
    let projects = 0;
    for await (const _ of sdk.admin.organization.projects.list({ limit: 100, include_archived: true })) projects++;
    // 1,500 projects, some archived: load-test projects make up the active ones 1,500 permissions need.
    expect(projects).toBeGreaterThan(1500);
    expect(projects).toBeLessThan(1600);
  });

  it('serves --jobs N fine-tuning jobs, the seeded checkpoints printed as before', async () => {
    const server = await startDemoServerProcess(['--jobs', '150']);
    expect(server.checkpoints).toHaveLength(12);
    const sdk = new OpenAI({ apiKey: server.apiKey, baseURL: server.baseUrl, maxRetries: 0 });
    const models: string[] = [];
    for await (const job of sdk.fineTuning.jobs.list({ limit: 100 })) if (job.fine_tuned_model) models.push(job.fine_tuned_model);
    // Four seeded jobs, one of them still running, and 146 older ones.
    expect(models).toHaveLength(149);
    expect(models.slice(0, 3)).toEqual(expect.arrayContaining([server.checkpoints[0]]));
  });

  it('keeps an audit log the SDK can read, and with --no-audit-log answers as an organization without one', async () => {
    const logged = await startDemoServerProcess([]);
    const withLog = new OpenAI({ adminAPIKey: logged.adminKey, apiKey: null, baseURL: logged.baseUrl, maxRetries: 0 });
    const page = await withLog.admin.organization.auditLogs.list({ event_types: ['checkpoint.permission.created'], limit: 5 });
    expect(page.data).toHaveLength(5);
    const quiet = await startDemoServerProcess(['--no-audit-log']);
    const withoutLog = new OpenAI({ adminAPIKey: quiet.adminKey, apiKey: null, baseURL: quiet.baseUrl, maxRetries: 0 });
    const empty = await withoutLog.admin.organization.auditLogs.list({ limit: 5 });
    expect(empty.data).toEqual([]);
    expect(empty.has_more).toBe(false);
    const misplaced = await runCli(['list', 'ft:gpt-4o-mini:acme:x:y', '--no-audit-log']);
    expect(misplaced.code).toBe(2);
    expect(misplaced.stderr).toMatch(/--no-audit-log only changes the embedded demo API/);
  });

  it('injects the faults it is asked for', async () => {
    const { baseUrl, adminKey, checkpoints } = await startDemoServerProcess(['--faults', '500:1']);
    const result = await runCli(['list', checkpoints[0]!, '--max-retries', '0', '--base-url', baseUrl, '--admin-api-key', adminKey]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^ckpt-perms: 500 server_error: /);
  });

  it('refuses bad options with exit 2', async () => {
    const badFaults = await runCli(['demo-server', '--faults', 'teapot:0.5']);
    expect(badFaults.code).toBe(2);
    expect(badFaults.stderr).toMatch(/--faults: .*teapot/);
    const badPort = await runCli(['demo-server', '--port', 'abc']);
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toMatch(/--port must be a whole number from 0 to 65535/);
    const tooMany = await runCli(['demo-server', '--permissions', '100001']);
    expect(tooMany.code).toBe(2);
    const tooFewProjects = await runCli(['demo-server', '--projects', '29']);
    expect(tooFewProjects.code).toBe(2);
    expect(tooFewProjects.stderr).toMatch(/--projects must be a whole number from 30 to 100000/);
    for (const jobs of ['3', '2001', 'many']) {
      const badJobs = await runCli(['demo-server', '--jobs', jobs]);
      expect(badJobs.code).toBe(2);
      expect(badJobs.stderr).toContain(`--jobs must be a whole number from 4 to 2000 (got "${jobs}")`);
    }
    const foreign = await runCli(['demo-server', '--admin-api-key', 'x']);
    expect(foreign.stderr).toMatch(/--admin-api-key is not an option of demo-server/);

    const occupant = createServer();
    await new Promise<void>((resolve) => occupant.listen(0, '127.0.0.1', resolve));
    const { port } = occupant.address() as { port: number };
    const busy = await runCli(['demo-server', '--port', String(port)]);
    await new Promise((resolve) => occupant.close(resolve));
    expect(busy.code).toBe(2);
    expect(busy.stderr).toMatch(new RegExp(`--port ${port} is already in use`));
  });
});
