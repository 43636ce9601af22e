// The history screen end to end: the built dist/cli.js in a pseudo-terminal against a `ckpt-perms demo-server --latency`
// process: open a checkpoint, H, page, Esc, q. What to press is decided from what the screen shows.
import { afterEach, describe, expect, it } from 'vitest';
import { closeAll, spawnTerminal, startDemoServerProcess, type Terminal } from '../helpers/pty';
import { KEYS } from '../helpers/keys';

afterEach(closeAll);

// As in ui.test.ts: a user's terminal has no CI variable, so styles are drawn.
const USER_TERMINAL = { FORCE_COLOR: '1' };
const PAGE_SIZE = 10;

/** The history rows on screen: a local date and time, then granted or revoked. */
const historyRows = (term: Terminal) => term.lines().filter((line) => /^ {2}\d{4}-\d\d-\d\d \d\d:\d\d +(granted|revoked) /.test(line));

describe('history in a real terminal', () => {
  it('opens a checkpoint, H shows its history, → pages, Esc goes back to the table, q quits', async () => {
    const server = await startDemoServerProcess(['--latency', '100']);
    const checkpoint = server.checkpoints[0]!;
    const term = spawnTerminal({
      args: [checkpoint, '--base-url', server.baseUrl, '--admin-api-key', server.adminKey, '--page-size', String(PAGE_SIZE)],
      cols: 120,
      rows: 30,
      env: USER_TERMINAL,
    });
    await term.waitFor(/Page 1 · 1–10 · more/);
    await term.press('H');
    await term.waitFor('reading the audit log…');
    await term.waitFor(/Page 1 of \d+ · 1–10 of \d+ · newest first/);
    const first = historyRows(term);
    expect(first).toHaveLength(PAGE_SIZE);
    expect(first.some((line) => /@acme\.com|service account|API key|unknown/.test(line))).toBe(true);

    await term.press(KEYS.right);
    await term.waitFor(/Page 2 of \d+ · 11–20 of/);
    const second = historyRows(term);
    expect(second).toHaveLength(PAGE_SIZE);
    expect(second[0]).not.toBe(first[0]);
    // Newest first: the second page is older than the first.
    expect(second[0]!.slice(2, 18) <= first.at(-1)!.slice(2, 18)).toBe(true);

    await term.press(KEYS.esc);
    await term.waitFor(/ckpt-perms · Permissions/);
    await term.waitFor(/Page 1 · 1–10 · more/);
    await term.press('q');
    const exit = await term.waitForExit();
    expect(exit.exitCode).toBe(0);
    expect(term.bufferType()).toBe('normal');
  });
});
