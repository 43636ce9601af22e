// The mouse (issue #28 item 4): SGR reports sent to the built binary in a pseudo-terminal, against a demo-server 300 ms
// away. A click moves the cursor, a double click marks (table) or opens (picker), the wheel scrolls and turns the page
// at the ends; mouse reporting is on only while the UI runs (off after q and after Ctrl+C), and never with --no-mouse.
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS } from '../helpers/keys';
import { closeAll, demoConnection, spawnTerminal, startDemoServerProcess, type DemoServerProcess, type Terminal } from '../helpers/pty';

afterEach(closeAll);

const MOUSE_ON = ['\u001b[?1000h', '\u001b[?1006h'];
const MOUSE_OFF = ['\u001b[?1000l', '\u001b[?1006l'];

/** A left click at a 0-based screen line (SGR counts from 1): press and release, as a terminal sends them. */
const click = (y: number, x = 10) => `\u001b[<0;${x + 1};${y + 1}M\u001b[<0;${x + 1};${y + 1}m`;
const wheelDown = (y: number) => `\u001b[<65;11;${y + 1}M`;
const wheelUp = (y: number) => `\u001b[<64;11;${y + 1}M`;

/** The table's rows start on line 4: title, checkpoint, position, headings. */
const FIRST_ROW = 4;
/** The row the cursor is on, counted from the first row (the cursor's row starts with `›`). */
const cursorRow = (screen: string) => screen.split('\n').findIndex((line) => line.startsWith('›')) - FIRST_ROW;
const markedRows = (screen: string) =>
  screen
    .split('\n')
    .map((line, i) => (/^[›\s]●/.test(line) ? i - FIRST_ROW : -1))
    .filter((i) => i >= 0);

/** Whether the program has turned mouse reporting on and, after that, off again. */
function mouseState(term: Terminal): 'on' | 'off' | 'never' {
  const raw = term.raw();
  if (MOUSE_ON.every((on) => !raw.includes(on))) return 'never';
  return MOUSE_ON.every((on, i) => raw.lastIndexOf(MOUSE_OFF[i]!) > raw.lastIndexOf(on)) ? 'off' : 'on';
}

async function table(server: DemoServerProcess, extra: string[] = []): Promise<Terminal> {
  const term = spawnTerminal({
    args: [server.checkpoints[0]!, '--base-url', server.baseUrl, '--admin-api-key', server.adminKey, '--page-size', '10', ...extra],
    cols: 110,
    rows: 24,
  });
  await term.waitFor(/^Page 1 · 1–10 /m, { timeoutMs: 15_000 });
  return term;
}

describe('the mouse', () => {
  it('table: a click moves the cursor, a double click marks, the wheel scrolls and turns the page at its ends; q turns reporting off', async () => {
    const server = await startDemoServerProcess(['--latency', '300']);
    const term = await table(server);
    expect(mouseState(term)).toBe('on');
    expect(cursorRow(term.screen())).toBe(0);

    await term.press(click(FIRST_ROW + 3));
    await term.waitFor((s) => cursorRow(s) === 3);

    // A double click, in one write: the row is marked and the cursor stays on it.
    await term.press(click(FIRST_ROW + 5) + click(FIRST_ROW + 5));
    let screen = await term.waitFor('1 marked');
    expect(markedRows(screen)).toEqual([5]);
    expect(cursorRow(screen)).toBe(5);

    await term.press(wheelDown(FIRST_ROW) + wheelDown(FIRST_ROW));
    await term.waitFor((s) => cursorRow(s) === 7);
    await term.press(wheelUp(FIRST_ROW));
    await term.waitFor((s) => cursorRow(s) === 6);

    // Past the last row the wheel turns the page; above the first it turns back.
    await term.press(wheelDown(FIRST_ROW).repeat(4));
    screen = await term.waitFor(/^Page 2 · 11–20 /m, { timeoutMs: 15_000 });
    await term.press(wheelUp(FIRST_ROW));
    await term.waitFor(/^Page 1 · 1–10 /m, { timeoutMs: 15_000 });

    await term.press('q');
    const exit = await term.waitForExit();
    expect(exit.exitCode).toBe(0);
    expect(mouseState(term)).toBe('off');
  });

  it('Ctrl+C and SIGTERM turn reporting off; --no-mouse never turns it on', async () => {
    const server = await startDemoServerProcess();
    const term = await table(server);
    await term.press(KEYS.ctrlC);
    await term.waitForExit();
    expect(mouseState(term)).toBe('off');

    const terminated = await table(server);
    expect(mouseState(terminated)).toBe('on');
    terminated.kill('SIGTERM');
    await terminated.waitForExit();
    expect(mouseState(terminated)).toBe('off');

    const plain = await table(server, ['--no-mouse']);
    expect(mouseState(plain)).toBe('never');
    await plain.press('q');
    await plain.waitForExit();
  });

  it('picker: a click moves the cursor to the row, a double click opens its checkpoint', async () => {
    const server = await startDemoServerProcess();
    const term = spawnTerminal({
      args: demoConnection(server),
      cols: 140,
      rows: 30,
    });
    const screen = await term.waitFor(/\d+ from fine-tuning jobs/, { timeoutMs: 15_000 });
    // The list starts on line 3: title, field, status.
    const lines = screen.split('\n');
    expect(lines[3]).toMatch(/^ {2}ft:/);
    const third = /^ {2}(ft:\S+)/.exec(lines[5]!)![1]!;
    await term.press(click(5));
    await term.waitFor((s) => s.split('\n')[5]!.startsWith(`❯ ${third}`));
    await term.press(click(5) + click(5));
    await term.waitFor(`Checkpoint ${third}`, { timeoutMs: 15_000 });
  });

  it('share: a click highlights a project, a double click picks it and the cursor stays; the wheel moves the highlight', async () => {
    const server = await startDemoServerProcess();
    const term = await table(server);
    await term.press('a');
    let screen = await term.waitFor(/\d+ have access/, { timeoutMs: 15_000 });
    const lines = screen.split('\n');
    // A project without access, below the first line of the list (line 4: title, checkpoint, field, count).
    const y = lines.findIndex((line, i) => i > 4 && /^ \[ \] /.test(line));
    expect(y).toBeGreaterThan(4);
    await term.press(click(y) + click(y));
    screen = await term.waitFor('1 picked');
    expect(screen.split('\n')[y]).toMatch(/^›\[x\] /);
    await term.press(wheelDown(y));
    screen = await term.waitFor((s) => s.split('\n')[y + 1]!.startsWith('›'));
    expect(screen.split('\n')[y]).toMatch(/^ \[x\] /);
  });

  it('filter: a double click on a matching project filters the table by it', async () => {
    const server = await startDemoServerProcess();
    const term = await table(server);
    await term.press('/');
    await term.waitFor('Filter by project name or id');
    await term.type('a');
    // The matches start on line 3: title, checkpoint, field.
    const screen = await term.waitFor((s) => /^› /.test(s.split('\n')[3]!) && /^ {2}\S/.test(s.split('\n')[4]!));
    const second = screen.split('\n')[4]!.trim();
    await term.press(click(4) + click(4));
    const filtered = await term.waitFor(/· filter proj_/, { timeoutMs: 15_000 });
    expect(second).toContain(/· filter (proj_\S+)/.exec(filtered)![1]!);
  });
});
