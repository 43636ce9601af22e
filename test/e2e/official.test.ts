// The drop-in for the official CLI on a terminal: colour (and NO_COLOR), $PAGER for output taller than the screen,
// and --format explore opening our table. The built binary in a pseudo-terminal against the demo API; the pager is a
// small script that records what it was given.
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../src/demo/server';
import { GROUP } from '../helpers/official';
import { closeAll, spawnTerminal } from '../helpers/pty';

let server: DemoServer;
let largest: string;
let env: Record<string, string>;
let dir: string;
/** A pager that writes its arguments and environment to $dir/log, its input to $dir/input, and exits $FAKE_PAGER_EXIT. */
let pager: string;
/** A pager that reads three lines and quits, as a reader leaving `less` early. */
let quitter: string;

beforeAll(async () => {
  server = await startDemoServer();
  largest = server.checkpoints[0]!;
  dir = mkdtempSync(join(tmpdir(), 'ckpt-pager-'));
  pager = join(dir, 'fake-pager');
  writeFileSync(
    pager,
    `#!/bin/sh\nprintf 'args=%s\\nLESS=%s\\nMORE=%s\\n' "$#" "$LESS" "$MORE" > "${dir}/log"\ncat > "${dir}/input"\necho PAGED\nexit "\${FAKE_PAGER_EXIT:-0}"\n`,
  );
  quitter = join(dir, 'quitter');
  writeFileSync(quitter, '#!/bin/sh\nhead -n 3\n');
  chmodSync(pager, 0o755);
  chmodSync(quitter, 0o755);
  env = { OPENAI_BASE_URL: server.baseUrl, OPENAI_API_KEY: server.adminKey, PAGER: pager };
});

afterAll(async () => {
  await server.close();
});

afterEach(closeAll);

const paged = () => readFileSync(join(dir, 'input'), 'utf8');

describe('on a terminal', () => {
  it('JSON is coloured as tidwall/pretty colours it; NO_COLOR turns it off', async () => {
    const coloured = spawnTerminal({ args: [GROUP, 'list', largest, '--max-items', '1'], env, rows: 30 });
    expect((await coloured.waitForExit()).exitCode).toBe(0);
    expect(coloured.raw()).toContain('\u001b[1m\u001b[94m"project_id"\u001b[0m\u001b[1m:\u001b[0m \u001b[32m"proj_');
    expect(coloured.raw()).toContain('\u001b[1m{\u001b[0m');
    const plain = spawnTerminal({ args: [GROUP, 'list', largest, '--max-items', '1'], env: { ...env, NO_COLOR: '1' }, rows: 30 });
    expect((await plain.waitForExit()).exitCode).toBe(0);
    expect(plain.raw()).not.toContain('\u001b[94m');
    expect(plain.screen()).toContain('"project_id": "proj_');
  });

  it('list output of at least rows − 3 lines goes to $PAGER, run without arguments, LESS=-r -P title and MORE set', async () => {
    // One permission is 6 lines: at 9 rows that is rows − 3, so it is paged; at 10 rows it is not.
    const long = spawnTerminal({ args: [GROUP, 'list', largest, '--max-items', '1'], env, rows: 9 });
    expect((await long.waitForExit()).exitCode).toBe(0);
    expect(long.screen()).toContain('PAGED');
    expect(readFileSync(join(dir, 'log'), 'utf8')).toBe(
      'args=0\nLESS=-r -P fine-tuning:checkpoints:permissions list\nMORE=-r -P fine-tuning:checkpoints:permissions list\n',
    );
    // The pager gets the colours the terminal would have.
    expect(paged()).toMatch(/^\u001b\[1m\{\u001b\[0m\n {2}\u001b\[1m\u001b\[94m"object"/);
    const short = spawnTerminal({ args: [GROUP, 'list', largest, '--max-items', '1'], env, rows: 10 });
    expect((await short.waitForExit()).exitCode).toBe(0);
    expect(short.screen()).not.toContain('PAGED');
    expect(short.screen()).toContain('"object": "checkpoint.permission"');
  });

  it('wrapped lines count: one permission on a narrow terminal is paged', async () => {
    const narrow = spawnTerminal({ args: [GROUP, 'list', largest, '--max-items', '1'], env, rows: 12, cols: 20 });
    expect((await narrow.waitForExit()).exitCode).toBe(0);
    expect(narrow.screen()).toContain('PAGED');
  });

  it('never for retrieve, --format raw or yaml, however tall', async () => {
    const runs = [
      [GROUP, 'retrieve', largest, '--limit', '20'],
      [GROUP, 'list', largest, '--format', 'raw'],
      [GROUP, 'list', largest, '--format', 'yaml', '--max-items', '10'],
    ];
    for (const args of runs) {
      const term = spawnTerminal({ args, env, rows: 12 });
      expect((await term.waitForExit()).exitCode).toBe(0);
      expect(term.raw()).not.toContain('PAGED');
    }
  });

  it('a PAGER with arguments is not run through a shell, and a pager that fails is an error: exit 1', async () => {
    const spaced = spawnTerminal({ args: [GROUP, 'list', largest, '--max-items', '2'], env: { ...env, PAGER: 'less -R' }, rows: 9 });
    expect((await spaced.waitForExit()).exitCode).toBe(1);
    expect(spaced.screen()).toContain('exec: "less -R": executable file not found in $PATH');
    const failing = spawnTerminal({ args: [GROUP, 'list', largest, '--max-items', '2'], env: { ...env, FAKE_PAGER_EXIT: '3' }, rows: 9 });
    expect((await failing.waitForExit()).exitCode).toBe(1);
    expect(failing.screen()).toContain('Pager exited with non-zero exit status: 3');
  });

  it('quitting the pager early ends the listing there: exit 0, the remaining pages never asked for', async () => {
    const pages = () => server.requests.filter((r) => r.method === 'GET' && r.path.endsWith(`${largest}/permissions`)).length;
    const before = pages();
    const term = spawnTerminal({ args: [GROUP, 'list', largest], env: { ...env, PAGER: quitter }, rows: 12 });
    expect((await term.waitForExit()).exitCode).toBe(0);
    expect(term.screen()).toContain('"object"');
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
