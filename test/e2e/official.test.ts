// The drop-in for the official CLI on a terminal: colour (and NO_COLOR), $PAGER for output taller than the screen,
// and --format explore opening our table. The built binary in a pseudo-terminal against the demo API.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../src/demo/server';
import { GROUP } from '../helpers/official';
import { closeAll, spawnTerminal } from '../helpers/pty';

let server: DemoServer;
let largest: string;
let env: Record<string, string>;

beforeAll(async () => {
  server = await startDemoServer();
  largest = server.checkpoints[0]!;
  env = { OPENAI_BASE_URL: server.baseUrl, OPENAI_API_KEY: server.adminKey, PAGER: 'sed s/^/PAGED:/' };
});

afterAll(async () => {
  await server.close();
});

afterEach(closeAll);

describe('on a terminal', () => {
  it('JSON is coloured (keys bold blue, strings green); NO_COLOR turns it off', async () => {
    const coloured = spawnTerminal({ args: [GROUP, 'list', largest, '--max-items', '1'], env, rows: 30 });
    expect((await coloured.waitForExit()).exitCode).toBe(0);
    expect(coloured.raw()).toContain('\u001b[1m\u001b[94m"project_id"\u001b[0m: \u001b[32m"proj_');
    const plain = spawnTerminal({ args: [GROUP, 'list', largest, '--max-items', '1'], env: { ...env, NO_COLOR: '1' }, rows: 30 });
    expect((await plain.waitForExit()).exitCode).toBe(0);
    expect(plain.raw()).not.toContain('\u001b[94m');
    expect(plain.screen()).toContain('"project_id": "proj_');
  });

  it('output taller than the terminal minus 3 lines goes through $PAGER; shorter output does not', async () => {
    // Five permissions are 30 lines: more than 12 - 3.
    const long = spawnTerminal({ args: [GROUP, 'list', largest, '--max-items', '5'], env, rows: 12 });
    expect((await long.waitForExit()).exitCode).toBe(0);
    expect(long.raw()).toMatch(/PAGED:\{/);
    expect(long.raw().match(/PAGED:/g)).toHaveLength(30);
    // One is 6 lines: printed as is.
    const short = spawnTerminal({ args: [GROUP, 'list', largest, '--max-items', '1'], env, rows: 12 });
    expect((await short.waitForExit()).exitCode).toBe(0);
    expect(short.raw()).not.toContain('PAGED:');
    expect(short.screen()).toContain('"object": "checkpoint.permission"');
  });

  it('quitting the pager early ends the listing there: exit 0, the remaining pages never asked for', async () => {
    const pages = () => server.requests.filter((r) => r.method === 'GET' && r.path.endsWith(`${largest}/permissions`)).length;
    const before = pages();
    const term = spawnTerminal({ args: [GROUP, 'list', largest], env: { ...env, PAGER: 'head -n 3' }, rows: 12 });
    expect((await term.waitForExit()).exitCode).toBe(0);
    expect(term.screen()).toContain('"object": "checkpoint.permission"');
    // 137 permissions are 14 pages of 10.
    expect(pages() - before).toBeLessThan(14);
  });

  it('--format explore opens the permission table on the checkpoint; q quits with exit 0', async () => {
    const term = spawnTerminal({ args: [GROUP, 'list', largest, '--format', 'explore'], env, cols: 100, rows: 30 });
    await term.waitFor(/^Page 1 · 1–/m);
    expect(term.screen()).toContain('JOmZHrYw');
    await term.press('q');
    expect((await term.waitForExit()).exitCode).toBe(0);
  });
});
