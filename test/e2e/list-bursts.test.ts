// Issue 24 item 1 beyond the picker: every list with a highlight (`›`) counts every key of a burst sent in one write,
// and takes PgUp/PgDn (and Home/End where no text field has them), in the built binary against `demo-server --latency 300`.
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS } from '../helpers/keys';
import { closeAll, demoConnection, spawnTerminal, startDemoServerProcess, type Terminal } from '../helpers/pty';

afterEach(closeAll);

/** The id on each line of a list (its rows: lines matching `row`), and on the highlighted one (`›` first). */
const ID = /(?:cp_|proj_)\w+/;
const rowsOf = (screen: string, row: RegExp) =>
  screen
    .split('\n')
    .filter((line) => row.test(line))
    .map((line) => ID.exec(line)?.[0]);
const highlighted = (screen: string) => ID.exec(screen.split('\n').find((line) => line.startsWith('›')) ?? '')?.[0];

/** Each burst, in one write, must leave the highlight on the row the list showed at that index before any key. */
async function movesAsMany(term: Terminal, row: RegExp, moves: [keys: string, index: number][]): Promise<void> {
  const needed = Math.max(...moves.map(([, index]) => index)) + 1;
  const before = await term.waitFor((screen) => rowsOf(screen, row).length >= needed && highlighted(screen) === rowsOf(screen, row)[0]);
  const rows = rowsOf(before, row);
  for (const [keys, index] of moves) {
    await term.press(keys);
    await term.waitFor((screen) => highlighted(screen) === rows[index]);
    await term.waitForIdle();
    expect(highlighted(term.screen()), `${JSON.stringify(keys)}\n${term.describe()}`).toBe(rows[index]);
  }
}

describe('every list counts every key of a burst', () => {
  it('the table: ↓↓↓↓, jj, then k k (space marks and moves down)', async () => {
    const server = await startDemoServerProcess(['--latency', '300']);
    const term = spawnTerminal({ args: [server.checkpoints[0]!, ...demoConnection(server)], cols: 120, rows: 30 });
    await term.waitFor(/^Page 1 · 1–\d+/m, { timeoutMs: 20_000 });
    await movesAsMany(term, /^[› ].*proj_/, [
      [KEYS.down.repeat(4), 4],
      ['jj', 6],
      ['k k', 5],
    ]);
    expect(term.screen()).toContain('1 marked');
  });

  it('the share list: ↓↓↓↓, then PgDn and PgUp a screenful each', async () => {
    const server = await startDemoServerProcess(['--latency', '300']);
    const term = spawnTerminal({ args: [server.checkpoints.at(-1)!, ...demoConnection(server)], cols: 120, rows: 30 });
    await term.waitFor(/^Page 1 · /m, { timeoutMs: 20_000 });
    await term.press('a');
    // Every project loaded: while they arrive the list, sorted by name, changes under the cursor.
    await term.waitFor(/picked · (\d+) of \1 active projects · \d+ have access/, { timeoutMs: 20_000 });
    await movesAsMany(term, /^[› ](?:\[ \]| ✓ ) .*proj_/, [[KEYS.down.repeat(4), 4]]);
    const at4 = highlighted(term.screen());
    await term.press(KEYS.pageDown);
    const down = await term.waitFor((screen) => highlighted(screen) !== at4);
    expect(rowsOf(down, /^[› ](?:\[ \]| ✓ ) .*proj_/)).not.toContain(at4);
    await term.press(KEYS.pageUp);
    await term.waitFor((screen) => highlighted(screen) === at4);
  });

  it('the / filter matches: ↓↓↓↓ then ↑↑', async () => {
    const server = await startDemoServerProcess(['--latency', '300']);
    const term = spawnTerminal({ args: [server.checkpoints[0]!, ...demoConnection(server)], cols: 120, rows: 30 });
    await term.waitFor(/^Page 1 · 1–\d+/m, { timeoutMs: 20_000 });
    // Every project loaded first (the share screen says when): while they arrive, the matches change under the cursor.
    await term.press('a');
    await term.waitFor(/picked · (\d+) of \1 active projects · \d+ have access/, { timeoutMs: 20_000 });
    await term.press(KEYS.esc);
    await term.waitFor(/^Page 1 · 1–\d+/m);
    await term.press('/');
    await term.waitFor('Filter by project');
    await term.press('a');
    await movesAsMany(term, /^[› ] proj_/, [
      [KEYS.down.repeat(4), 4],
      [KEYS.up.repeat(2), 2],
    ]);
  });

  it('the project view (Enter on a row): kjj, jkk in one write each, then End and Home', async () => {
    const server = await startDemoServerProcess(['--latency', '300']);
    const term = spawnTerminal({ args: [server.checkpoints[0]!, ...demoConnection(server)], cols: 120, rows: 30 });
    await term.waitFor(/^Page 1 · 1–\d+/m, { timeoutMs: 20_000 });
    await term.press(KEYS.enter);
    // The first row's project can use two of the demo's checkpoints: each burst ends where only all its keys lead.
    await term.waitFor(/Checked \d+ checkpoints · 2 can use it/, { timeoutMs: 20_000 });
    await movesAsMany(term, /^[› ] ft:/, [
      ['kjj', 1],
      ['jkk', 0],
      [KEYS.end, 1],
      [KEYS.home, 0],
    ]);
  });
});
