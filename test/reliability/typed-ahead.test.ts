// A confirmation takes only what is typed after it is asked (#23 item 2): the built binary in a pty against the demo
// 400 ms away, with `y⏎` typed before the plan is even printed. Granting on that `y` is a false report: the user never
// saw what it agreed to.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test, type TestContext } from 'vitest';
import { startDemoServer, type DemoServer } from '../../src/demo/server';
import { closeAll, spawnTerminal } from '../helpers/pty';
import { countAs } from './figures';

afterEach(closeAll);

async function demo(ctx: TestContext): Promise<DemoServer> {
  const server = await startDemoServer({ latencyMs: 400 });
  ctx.onTestFinished(() => server.close());
  return server;
}

const connection = (server: DemoServer) => ['--base-url', server.baseUrl, '--admin-api-key', server.adminKey];
const projectsOf = (server: DemoServer, checkpoint: string) => new Set(server.state.permissionsOf(checkpoint).map((p) => p.project_id));
const grantsSent = (server: DemoServer) => server.requests.filter((r) => r.method === 'POST').length;

describe('a confirmation ignores what was typed before it was asked', () => {
  test('sync: y⏎ typed before the plan, then n after Apply? [y/N]: nothing is granted, "not applied"', async (ctx) => {
    const figures = countAs(ctx, 'false-report');
    const server = await demo(ctx);
    const [from, to] = [server.checkpoints[0]!, server.checkpoints[1]!];
    const before = projectsOf(server, to);
    const term = spawnTerminal({ args: ['sync', '--from', from, '--to', to, ...connection(server)], cols: 200, rows: 30 });
    await term.typeAhead('y\r');
    await term.waitFor('Apply? [y/N]', { timeoutMs: 30_000 });
    await term.type('n\r');
    const exit = await term.waitForExit(30_000);
    const granted = [...projectsOf(server, to)].filter((id) => !before.has(id)).length;
    figures.falseReports(granted);
    expect(granted, term.describe()).toBe(0);
    expect(grantsSent(server)).toBe(0);
    expect(term.raw()).toContain('not applied: nothing changed');
    expect(term.raw()).not.toContain('✓ added');
    expect(exit.exitCode).toBe(0);
  });

  test('sync: a y typed before the plan without its Enter is dropped too: Enter alone after the prompt is No', async (ctx) => {
    const figures = countAs(ctx, 'false-report');
    const server = await demo(ctx);
    const [from, to] = [server.checkpoints[0]!, server.checkpoints[1]!];
    const term = spawnTerminal({ args: ['sync', '--from', from, '--to', to, ...connection(server)], cols: 200, rows: 30 });
    await term.typeAhead('y');
    await term.waitFor('Apply? [y/N]', { timeoutMs: 30_000 });
    await term.type('\r');
    const exit = await term.waitForExit(30_000);
    figures.falseReports(grantsSent(server));
    expect(grantsSent(server), term.describe()).toBe(0);
    expect(term.raw()).toContain('not applied: nothing changed');
    expect(exit.exitCode).toBe(0);
  });

  test('apply: y⏎ typed before the plan; the prompt waits, nothing is sent until y is typed after it', async (ctx) => {
    const figures = countAs(ctx, 'false-report');
    const server = await demo(ctx);
    const checkpoint = server.checkpoints[1]!;
    const before = projectsOf(server, checkpoint);
    const adding = server.state
      .projects()
      .filter((p) => p.status === 'active' && !before.has(p.id))
      .slice(0, 3)
      .map((p) => p.id);
    const dir = mkdtempSync(join(tmpdir(), 'ckpt-typed-ahead-'));
    ctx.onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'access.yaml');
    writeFileSync(file, `checkpoints:\n  ${checkpoint}:\n    projects:\n${[...before, ...adding].map((id) => `      - ${id}\n`).join('')}`);
    const term = spawnTerminal({ args: ['apply', '-f', file, ...connection(server)], cols: 200, rows: 30 });
    await term.typeAhead('y\r');
    await term.waitFor('Apply? [y/N]', { timeoutMs: 30_000 });
    // The program waits for its answer: asleep, nothing sent, still running.
    await term.waitForIdle();
    const early = grantsSent(server);
    figures.falseReports(early);
    expect(early, term.describe()).toBe(0);
    expect(term.exit).toBeUndefined();
    await term.type('y\r');
    await term.waitFor(/done: 3 added/, { timeoutMs: 30_000 });
    expect((await term.waitForExit(30_000)).exitCode).toBe(0);
    expect([...projectsOf(server, checkpoint)].filter((id) => !before.has(id)).sort()).toEqual([...adding].sort());
  });
});
