// The pty harness itself: a demo server to talk to, and a tiny full-screen script standing in for the CLI.
import { afterEach, describe, expect, it } from 'vitest';
import { closeAll, spawnTerminal, startDemoServerProcess } from '../helpers/pty';
import { KEYS } from '../helpers/keys';
import { settles, waitFor } from '../helpers/wait';

afterEach(closeAll);

// Enters the alternate screen, hides the cursor, shows its size (again on every resize), and exits 3 on the first key.
const fullScreenScript = `
const out = process.stdout;
const show = () => out.write('\\u001b[H\\u001b[2Jhello ' + out.columns + 'x' + out.rows);
out.write('\\u001b[?1049h\\u001b[?25l');
show();
out.on('resize', show);
process.stdin.setRawMode(true);
process.stdin.once('data', (key) => {
  out.write('\\u001b[?25h\\u001b[?1049lgot ' + JSON.stringify(String(key)) + '\\r\\n', () => process.exit(3));
});
`;

describe('pty harness', () => {
  it('starts a demo server whose permissions list answers the admin key', async () => {
    const server = await startDemoServerProcess(['--permissions', '5']);
    expect(server.checkpoints.length).toBeGreaterThan(0);
    // Checkpoint ids are `ft:…:ckpt-step-…`: colons stay literal in the path, as the official clients send them.
    const id = encodeURIComponent(server.checkpoints[0]!).replaceAll('%3A', ':');
    const response = await fetch(`${server.baseUrl}/fine_tuning/checkpoints/${id}/permissions`, {
      headers: { Authorization: `Bearer ${server.adminKey}` },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { object: string; data: unknown[] };
    expect(body.object).toBe('list');
    expect(Array.isArray(body.data)).toBe(true);
    expect(await server.stop()).toBe(0);
  });

  it('shows a full-screen program at the terminal size, sends it keys and sees it restore the screen', async () => {
    const term = spawnTerminal({ command: ['-e', fullScreenScript], cols: 80, rows: 24 });
    expect(await term.waitFor('hello 80x24')).toBe(`hello 80x24${'\n'.repeat(23)}`);
    expect(term.bufferType()).toBe('alternate');
    expect(term.cursorHidden()).toBe(true);

    await term.press(KEYS.down);
    expect(await term.waitForExit()).toEqual({ exitCode: 3, signal: 0 });
    expect(term.bufferType()).toBe('normal');
    expect(term.cursorHidden()).toBe(false);
    // The escape sequence arrived as one key, and the alternate screen's text is gone from the normal one.
    expect(term.screen()).toContain('got "\\u001b[B"');
    expect(term.screen()).not.toContain('hello');
    expect(term.raw()).toContain('\u001b[?1049h');
  });

  it('passes a resize on to the program', async () => {
    const term = spawnTerminal({ command: ['-e', fullScreenScript] });
    await term.waitFor('hello 80x24');
    await term.resize(60, 15);
    expect(term.lines()).toHaveLength(15);
    await term.waitFor(/^hello 60x15$/m);
    await term.type('q');
    expect((await term.waitForExit()).exitCode).toBe(3);
    expect(term.screen()).toContain('got "q"');
  });

  it('waits for raw mode before the first keys: a key typed earlier is echoed by the terminal itself', async () => {
    // Reads lines (the terminal's cooked mode) until it sees "raw", then switches to raw mode and says so.
    const script = `
process.stdout.write('cooked\\r\\n');
process.stdin.on('data', (chunk) => {
  if (String(chunk).includes('raw')) {
    process.stdin.setRawMode(true);
    process.stdout.write('now raw\\r\\n');
  } else if (process.stdin.isRaw) process.stdout.write('read ' + String(chunk).length + '\\r\\n');
});
`;
    const term = spawnTerminal({ command: ['-e', script], cols: 40, rows: 6 });
    await term.waitFor('cooked');
    await expect(term.waitForRawMode({ timeoutMs: 300 })).rejects.toThrow(/not in raw mode after 300 ms[^]*│cooked/);
    // Cooked: the terminal echoes what is typed.
    await term.type('raw\r');
    await term.waitFor('now raw');
    await term.waitForRawMode();
    expect(term.screen()).toMatch(/^raw$/m);
    // Raw: the program reads each key, and the terminal echoes nothing.
    await term.press('secret');
    await term.waitFor('read 6');
    expect(term.raw()).not.toContain('secret');
  });

  it('fails a wait with the screen in the message, at once if the program has exited', async () => {
    const term = spawnTerminal({ command: ['-e', fullScreenScript], cols: 40, rows: 6 });
    await term.waitFor('hello 40x6');
    await expect(term.waitFor('goodbye', { timeoutMs: 200 })).rejects.toThrow(/timed out after 200 ms[^]*│hello 40x6 +│/);

    await term.press(KEYS.enter);
    await term.waitForExit();
    // At once: long before the wait's own ceiling of a minute.
    await settles(
      expect(term.waitFor('goodbye', { timeoutMs: 60_000 })).rejects.toThrow(/exited \(code 3\)[^]*got "\\r"/),
      'the failed wait',
    );
    await expect(term.press('x')).rejects.toThrow(/exited with 3/);
  });

  it('gives the CLI a clean environment with CI off and its own state directory', async () => {
    const term = spawnTerminal({
      command: [
        '-e',
        'console.log([process.env.CI, process.env.TERM, process.env.XDG_STATE_HOME, process.env.OPENAI_API_KEY ?? "-"].join(" "))',
      ],
    });
    await term.waitForExit();
    expect(term.stateDir).toBeDefined();
    expect(term.screen()).toContain(`false xterm-256color ${term.stateDir} -`);
  });

  it('never resolves a wait on a frame half drawn: a synchronized update counts once it ends', async () => {
    // Opens a synchronized update and writes half a frame; the rest, and the update's end, only after a key.
    const script = `
process.stdin.setRawMode(true);
process.stdout.write('\\u001b[?2026hfirst half');
process.stdin.once('data', () => process.stdout.write(' second half\\u001b[?2026l'));
`;
    const term = spawnTerminal({ command: ['-e', script], cols: 40, rows: 6 });
    await waitFor(() => term.raw().includes('first half'), 'the first half');
    await term.flush();
    // xterm shows the half frame, but a terminal would not yet: the wait does not take it.
    expect(term.screen()).toContain('first half');
    await expect(term.waitFor('first half', { timeoutMs: 200 })).rejects.toThrow(/timed out after 200 ms/);
    await term.press('x');
    expect(await term.waitFor('second half')).toContain('first half second half');
  });

  it('fails a wait whose predicate throws, with that error', async () => {
    const term = spawnTerminal({ command: ['-e', fullScreenScript], cols: 40, rows: 6 });
    await term.waitFor('hello 40x6');
    await expect(
      term.waitFor(() => {
        throw new Error('the predicate broke');
      }),
    ).rejects.toThrow('the predicate broke');
  });
});
