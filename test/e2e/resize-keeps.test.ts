// What a user typed survives a resize through "too small" and back (issue 24 item 5): the built binary in a pty against
// `demo-server --latency 300`, the terminal shrunk to 38×9 and grown again.
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS } from '../helpers/keys';
import { closeAll, fieldCursor, spawnTerminal, startDemoServerProcess, type Terminal } from '../helpers/pty';

afterEach(closeAll);

/** The line of the field `label`, from the label on. */
const fieldLine = (term: Terminal, label: string) => term.lines().find((line) => line.startsWith(label)) ?? '';

/**
 * Shrinks the terminal below 40×10, waits for the notice, then gives it its size back. Keys sent before it are read
 * first: a resize reaches the program as a signal, ahead of bytes still waiting in the pty, and "too small" takes every
 * key but q and Ctrl+C.
 */
async function throughTooSmall(term: Terminal, cols: number, rows: number): Promise<void> {
  await term.waitForIdle();
  await term.resize(38, 9);
  await term.waitFor('Terminal too small: 38×9');
  await term.resize(cols, rows);
}

describe('a resize through "too small" and back', () => {
  it('keeps the share field and its cursor; a key typed while too small is not typed', async () => {
    const server = await startDemoServerProcess(['--latency', '300']);
    const term = spawnTerminal({
      args: [server.checkpoints[0]!, '--base-url', server.baseUrl, '--admin-api-key', server.adminKey],
      cols: 100,
      rows: 24,
    });
    await term.waitFor(/^Page 1 · 1–/m);
    await term.press('a');
    await term.waitFor('Projects: ');
    await term.press('sales');
    await term.waitFor(() => fieldLine(term, 'Projects: ').startsWith('Projects: sales'));
    // The cursor two characters back: `sal|es`.
    await term.press(KEYS.left + KEYS.left);
    await term.waitFor(() => fieldCursor(term, 'Projects: ') === 'Projects: sal'.length);
    await term.resize(38, 9);
    await term.waitFor('Terminal too small: 38×9');
    // The z is read while still too small: a resize sent with it could reach the program first, and the z then be typed.
    await term.pressAndWaitRead('z');
    await term.resize(100, 24);
    await term.waitFor(() => fieldLine(term, 'Projects: ').startsWith('Projects: sales'));
    await term.press('X');
    await term.waitFor(() => fieldLine(term, 'Projects: ').startsWith('Projects: salX'));
    expect(fieldLine(term, 'Projects: ').trimEnd()).toBe('Projects: salXes');
  });

  it('keeps the picker field and the table filter', async () => {
    const server = await startDemoServerProcess(['--latency', '300']);
    const term = spawnTerminal({ args: ['--base-url', server.baseUrl, '--admin-api-key', server.adminKey], cols: 100, rows: 24 });
    await term.waitFor('Checkpoint id:');
    await term.waitForRawMode();
    await term.press('triage');
    await term.waitFor(() => fieldLine(term, 'Checkpoint id: ').startsWith('Checkpoint id: triage'));
    await throughTooSmall(term, 100, 24);
    await term.waitFor(() => fieldLine(term, 'Checkpoint id: ').startsWith('Checkpoint id: triage'));

    await term.press(KEYS.ctrlU + server.checkpoints[0]! + KEYS.enter);
    await term.waitFor(/^Page 1 · 1–/m);
    await term.press('/');
    await term.waitFor('Filter by project name or id: ');
    await term.press('supp');
    await term.waitFor(() => fieldLine(term, 'Filter by project name or id: ').startsWith('Filter by project name or id: supp'));
    await throughTooSmall(term, 100, 24);
    await term.waitFor(() => fieldLine(term, 'Filter by project name or id: ').startsWith('Filter by project name or id: supp'));
  });

  it('keeps the key prompt, masked, and its cursor', async () => {
    const server = await startDemoServerProcess(['--latency', '300']);
    const term = spawnTerminal({ args: ['--base-url', server.baseUrl], cols: 80, rows: 24 });
    await term.waitFor('Admin key:');
    await term.waitForRawMode();
    await term.press('sk-adminX');
    await term.waitFor(() => fieldLine(term, 'Admin key: ').startsWith(`Admin key: ${'•'.repeat(9)}`));
    // The cursor before the X: the rest of the key goes in there, and the X is taken out at the end.
    const label = 'Admin key: ';
    await term.waitFor(() => fieldCursor(term, label) === label.length + 9);
    await term.press(KEYS.left);
    await term.waitFor(() => fieldCursor(term, label) === label.length + 8);
    await throughTooSmall(term, 80, 24);
    await term.waitFor(
      () => fieldLine(term, label).startsWith(`${label}${'•'.repeat(9)}`) && fieldCursor(term, label) === label.length + 8,
    );
    await term.press(`${server.adminKey.slice('sk-admin'.length)}${KEYS.end}${KEYS.backspace}`);
    await term.waitFor(() => fieldLine(term, 'Admin key: ').startsWith(`Admin key: ${'•'.repeat(Math.min(server.adminKey.length, 60))}`));
    await term.press(KEYS.enter);
    await term.waitFor('Checkpoint id:');
  });
});
