// An access file whose projects are left empty under exclusive: true (a template that rendered nothing) is refused
// with FILE:LINE:COL, exit 2, before anything is sent: "remove every project" is only ever said with projects: [].
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test, type TestContext } from 'vitest';
import { startDemoServer, type DemoServer } from '../../src/demo/server';
import { runCli } from '../helpers/cli';
import { countAs } from './figures';

async function demo(ctx: TestContext): Promise<DemoServer> {
  const server = await startDemoServer();
  ctx.onTestFinished(() => server.close());
  return server;
}

function accessFile(ctx: TestContext, name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ckpt-access-'));
  ctx.onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

const CASES = [
  {
    label: 'YAML "projects:" with nothing after it',
    name: 'a.yaml',
    text: (c: string) => `checkpoints:\n  ${c}:\n    exclusive: true\n    projects:\n`,
    at: '4:5',
  },
  {
    label: 'YAML "projects: ~", exclusive after it',
    name: 'a.yaml',
    text: (c: string) => `checkpoints:\n  ${c}:\n    projects: ~\n    exclusive: true\n`,
    at: '3:5',
  },
  {
    label: 'JSON "projects": null',
    name: 'a.json',
    text: (c: string) => `{"checkpoints": {\n  "${c}": {"exclusive": true,\n    "projects": null}}}\n`,
    at: '3:5',
  },
];

describe.concurrent('projects left empty under exclusive: true', () => {
  test.for(CASES)('$label: refused at its line, exit 2, nothing sent or changed', async ({ name, text, at }, ctx) => {
    countAs(ctx, 'bad-input');
    const server = await demo(ctx);
    const checkpoint = server.checkpoints[0]!;
    const before = server.state.permissionsOf(checkpoint).length;
    const file = accessFile(ctx, name, text(checkpoint));
    for (const args of [
      ['plan', '-f', file],
      ['apply', '-f', file, '--yes'],
    ]) {
      const result = await runCli([...args, '--base-url', server.baseUrl, '--admin-api-key', server.adminKey]);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.startsWith(`${file}:${at}: "projects:" is left empty under "exclusive: true"`), result.stderr).toBe(true);
      expect(result.stderr).toContain('projects: []');
    }
    expect(server.requests).toEqual([]);
    expect(server.state.permissionsOf(checkpoint)).toHaveLength(before);
  });

  test('"projects: []" under exclusive: true still plans to remove every project', async (ctx) => {
    countAs(ctx, 'bad-input');
    const server = await demo(ctx);
    const checkpoint = server.checkpoints[0]!;
    const count = server.state.permissionsOf(checkpoint).length;
    const file = accessFile(ctx, 'a.yaml', `checkpoints:\n  ${checkpoint}:\n    exclusive: true\n    projects: []\n`);
    const result = await runCli(['plan', '-f', file, '--format', 'json', '--base-url', server.baseUrl, '--admin-api-key', server.adminKey]);
    expect([result.code, result.stderr]).toEqual([0, '']);
    expect(result.stdout).toContain(`"remove"`);
    expect(JSON.stringify(JSON.parse(result.stdout)).match(/"cp_/g)?.length).toBe(count);
  });
});
