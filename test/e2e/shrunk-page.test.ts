// Paging follows what was seen (issue 24 item 6): the built binary in a pty against `demo-server --latency 300`, the
// table at 80×24 (17 rows a page) shrunk to 70×15, where the page scrolls within itself.
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS } from '../helpers/keys';
import { closeAll, spawnTerminal, startDemoServerProcess, type Terminal } from '../helpers/pty';

afterEach(closeAll);

/** The project ids of the rows on screen, as drawn (cut in the middle when narrow): the first piece of each. */
const rowProjects = (term: Terminal) =>
  term
    .lines()
    .map((line) => /^[› ][● ](?:cp_\S+ +)?(proj_[A-Za-z0-9]+)/.exec(line)?.[1])
    .filter((id): id is string => id !== undefined);

describe('a page that shrank within itself', () => {
  it('says which rows are on screen, and → goes on from the row after the last one seen', async () => {
    const server = await startDemoServerProcess(['--latency', '300']);
    const term = spawnTerminal({
      args: [server.checkpoints[0]!, '--base-url', server.baseUrl, '--admin-api-key', server.adminKey],
      cols: 80,
      rows: 24,
    });
    await term.waitFor(/^Page 1 · 1–17 · more /m);
    const rows = rowProjects(term);
    expect(rows).toHaveLength(17);

    await term.resize(70, 15);
    await term.waitFor(/^Page 1 · 1–8 ↓ · more /m);
    expect(rowProjects(term)).toHaveLength(8);

    await term.press(KEYS.right);
    await term.waitFor(/^Page 2 · 9–16 · more /m);
    // The row after the last one on screen comes first: row 9 of the page seen at 80×24.
    expect(rows[8]!.startsWith(rowProjects(term)[0]!)).toBe(true);

    // Back, page 1 is read at the size that now fits.
    await term.press(KEYS.left);
    await term.waitFor(/^Page 1 · 1–8 · more /m);
    await term.press(KEYS.right);
    await term.waitFor(/^Page 2 · 9–16 · more /m);
    await term.press(KEYS.right);
    await term.waitFor(/^Page 3 · 17–24 · more /m);
  });
});
