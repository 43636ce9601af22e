// A burst that starts with a key moving the focus or opening a screen, in the built binary under a pseudo-terminal
// against `demo-server --latency 300`: every key after it goes where it moved the keys, in one write.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS } from '../helpers/keys';
import { closeAll, demoConnection, highlightedPickerRow, spawnTerminal, startDemoServerProcess } from '../helpers/pty';

let dirs: string[] = [];
afterEach(async () => {
  await closeAll();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

const TAB_DOWN_DOWN = `${KEYS.tab}${KEYS.down}${KEYS.down}`;

describe('Tab then ↓↓ in one write in the picker', () => {
  it('once the job list has loaded: the third row is highlighted', async () => {
    const server = await startDemoServerProcess(['--latency', '300']);
    const term = spawnTerminal({ args: demoConnection(server), cols: 120, rows: 30 });
    await term.waitFor(/\d+ from fine-tuning jobs/, { timeoutMs: 20_000 });
    await term.press(TAB_DOWN_DOWN);
    await term.waitFor(() => highlightedPickerRow(term) >= 0);
    await term.waitForIdle();
    expect(highlightedPickerRow(term), term.describe()).toBe(2);
  });

  it('while the job list loads, on the recent checkpoints: the third is highlighted, and stays as the jobs arrive', async () => {
    const server = await startDemoServerProcess(['--latency', '300']);
    const state = mkdtempSync(join(tmpdir(), 'ckpt-perms-focus-bursts-'));
    dirs.push(state);
    const recent = server.checkpoints.slice(0, 3);
    expect(recent).toHaveLength(3);
    // The recent list's file as an earlier run leaves it (the form every organization reads).
    mkdirSync(join(state, 'ckpt-perms'), { recursive: true, mode: 0o700 });
    writeFileSync(join(state, 'ckpt-perms', 'recent.json'), JSON.stringify({ checkpoints: recent }), { mode: 0o600 });
    const term = spawnTerminal({
      args: demoConnection(server),
      env: { XDG_STATE_HOME: state, XDG_CACHE_HOME: join(state, 'cache') },
      cols: 200,
      rows: 30,
    });
    await term.waitFor((screen) => /^3 recent · loading/m.test(screen) && recent.every((id) => screen.includes(id)), { timeoutMs: 20_000 });
    await term.press(TAB_DOWN_DOWN);
    await term.waitFor(() => highlightedPickerRow(term) >= 0);
    const third = () => term.lines().find((line) => line.startsWith('❯ '));
    expect(third(), term.describe()).toContain(recent[2]);
    await term.waitFor(/\d+ from fine-tuning jobs/, { timeoutMs: 20_000 });
    await term.waitForIdle();
    expect(third(), term.describe()).toContain(recent[2]);
  });
});

describe('a key that opens a screen, then text, in one write', () => {
  it('a then sal on the table: the share field reads "sal" (the s was not the sync picker)', async () => {
    const server = await startDemoServerProcess(['--latency', '300']);
    const term = spawnTerminal({ args: [server.checkpoints[0]!, ...demoConnection(server)], cols: 120, rows: 30 });
    await term.waitFor(/^Page 1 · 1–\d+/m, { timeoutMs: 20_000 });
    await term.press('asal');
    await term.waitFor(/^Projects: sal/m);
    await term.waitForIdle();
    expect(term.screen(), term.describe()).not.toContain('Pick the source');
  });
});
