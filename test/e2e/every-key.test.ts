// Issue 24's table, rows 1–4, as a fast user would meet them: the built binary in a pseudo-terminal against
// `demo-server --latency 300`, each burst of keys in one write, waiting for frames (never for time).
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS } from '../helpers/keys';
import { closeAll, demoConnection, highlightedPickerRow, spawnTerminal, startDemoServerProcess } from '../helpers/pty';

afterEach(closeAll);

/** The checkpoint the table shows (its title line). */
const tableCheckpoint = (screen: string) => /Checkpoint (ft:\S+)/.exec(screen)?.[1];

describe('issue 24: every key counts', () => {
  it('row 1: in the picker list ↓↓↓↓, jj and k k in one write each move as many rows; End and Home go to the ends', async () => {
    const server = await startDemoServerProcess(['--latency', '300']);
    const term = spawnTerminal({ args: demoConnection(server), cols: 120, rows: 30 });
    await term.waitFor(/\d+ from fine-tuning jobs/, { timeoutMs: 20_000 });
    await term.press(KEYS.tab);
    await term.waitFor(() => highlightedPickerRow(term) === 0);
    const moves: [string, number][] = [
      [KEYS.down.repeat(4), 4],
      ['jj', 6],
      ['k k', 4],
    ];
    for (const [keys, row] of moves) {
      await term.press(keys);
      await term.waitFor(() => highlightedPickerRow(term) === row);
      await term.waitForIdle();
      expect(highlightedPickerRow(term), `${JSON.stringify(keys)}\n${term.describe()}`).toBe(row);
    }
    await term.press(KEYS.end);
    await term.waitFor(() => highlightedPickerRow(term) === term.lines().filter((line) => /^(?:❯ | {2})ft:/.test(line)).length - 1);
    await term.press(KEYS.home);
    await term.waitFor(() => highlightedPickerRow(term) === 0);
  });

  it('row 1: in the sync source picker (s on the table) ↓↓↓↓, jj and k k in one write each move as many rows', async () => {
    const server = await startDemoServerProcess(['--latency', '300']);
    const term = spawnTerminal({ args: [server.checkpoints[0]!, ...demoConnection(server)], cols: 120, rows: 30 });
    await term.waitFor(/^Page 1 · /m, { timeoutMs: 20_000 });
    await term.press('s');
    await term.waitFor('Pick the source');
    await term.waitFor(/\d+ from fine-tuning jobs/, { timeoutMs: 20_000 });
    await term.press(KEYS.tab);
    await term.waitFor(() => highlightedPickerRow(term) === 0);
    for (const [keys, row] of [
      [KEYS.down.repeat(4), 4],
      ['jj', 6],
      ['k k', 4],
    ] as const) {
      await term.press(keys);
      await term.waitFor(() => highlightedPickerRow(term) === row);
      await term.waitForIdle();
      expect(highlightedPickerRow(term), `${JSON.stringify(keys)}\n${term.describe()}`).toBe(row);
    }
  });

  it('row 2: o then → ×5 while the pages load at 300 ms goes five pages on (137 rows, 25 a page: the last, page 6)', async () => {
    const server = await startDemoServerProcess(['--latency', '300']);
    const term = spawnTerminal({ args: [server.checkpoints[0]!, ...demoConnection(server), '--page-size', '25'], cols: 120, rows: 40 });
    await term.waitFor(/^Page 1 · 1–25 · more · newest first/m);
    await term.press(`o${KEYS.right.repeat(5)}`);
    const screen = await term.waitFor(/^Page 6 · 126–137 of 137 · end · oldest first · no filter$/m, { timeoutMs: 20_000 });
    expect(screen).not.toContain('loading…');
  });

  it('row 3: a piece of an id and Enter before the job list arrived waits for it, then opens the first match', async () => {
    const server = await startDemoServerProcess(['--latency', '300']);
    const term = spawnTerminal({ args: demoConnection(server), cols: 120, rows: 30 });
    await term.waitFor('loading fine-tuning jobs…');
    await term.press('billing-insights:2o\r');
    const screen = await term.waitFor(/^Page 1 · /m, { timeoutMs: 20_000 });
    expect(tableCheckpoint(screen), term.describe()).toMatch(/billing-insights:2o/);
    expect(screen).not.toMatch(/does not exist|Unknown checkpoint/);
    // It said why nothing happened at once.
    expect(term.raw()).toContain('waiting for the job list…');
  });

  it('row 3: in the sync source picker too, Enter before the job list arrived waits, then plans from the first match', async () => {
    const server = await startDemoServerProcess(['--latency', '300']);
    const [target, source] = server.checkpoints as [string, string];
    const term = spawnTerminal({ args: [target, ...demoConnection(server)], cols: 120, rows: 30 });
    await term.waitFor(/^Page 1 · /m, { timeoutMs: 20_000 });
    await term.press('s');
    await term.waitFor('loading fine-tuning jobs…');
    await term.press('billing-insights:2o\r');
    const screen = await term.waitFor(/\[y\/N\]|Already in sync|nothing to add/, { timeoutMs: 20_000 });
    expect(screen).not.toMatch(/does not exist|Unknown checkpoint/);
    expect(screen).toContain(source.split(':').at(-1)!);
    expect(term.raw()).toContain('waiting for the job list…');
  });

  it('row 3: text matching nothing is never sent as a checkpoint: it says none matched', async () => {
    const server = await startDemoServerProcess(['--latency', '300']);
    const term = spawnTerminal({ args: demoConnection(server), cols: 120, rows: 30 });
    await term.waitFor('loading fine-tuning jobs…');
    await term.press('no-such-model\r');
    const screen = await term.waitFor('No checkpoint matches "no-such-model"', { timeoutMs: 20_000 });
    expect(screen).toContain('Pick a checkpoint');
    expect(screen).not.toMatch(/does not exist|Unknown checkpoint/);
  });

  it('row 4: JOmZ⏎a in one write before the first frame: the Enter is Enter (the first match opens), not a space', async () => {
    const server = await startDemoServerProcess(['--latency', '300']);
    const fragment = server.checkpoints[0]!.split(':').at(-1)!.slice(0, 4);
    const term = spawnTerminal({ args: demoConnection(server), cols: 120, rows: 30 });
    await term.typeAhead(`${fragment}\ra`);
    const screen = await term.waitFor(/^Page 1 · /m, { timeoutMs: 20_000 });
    expect(tableCheckpoint(screen), term.describe()).toContain(fragment);
    expect(term.raw()).not.toContain(`${fragment} a`);
  });
});
