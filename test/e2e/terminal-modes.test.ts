// The terminal modes the UI turns on (src/ui/terminal-modes.ts) are off again however it ends: q, Ctrl+C, SIGTERM and
// SIGHUP, in the built binary under a pseudo-terminal whose xterm keeps the modes as a real one does.
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS } from '../helpers/keys';
import { closeAll, spawnTerminal, type Terminal } from '../helpers/pty';

afterEach(closeAll);

const ways: [string, (term: Terminal) => Promise<void> | void][] = [
  ['q', (term) => term.press('q')],
  ['Ctrl+C', (term) => term.press(KEYS.ctrlC)],
  ['SIGTERM', (term) => term.kill('SIGTERM')],
  ['SIGHUP', (term) => term.kill('SIGHUP')],
];

describe('bracketed paste mode', () => {
  it.each(ways)('is on while the UI runs and off after %s', async (_, end) => {
    const term = spawnTerminal({ args: ['--demo'], cols: 100, rows: 24 });
    await term.waitFor(/\d+ from fine-tuning jobs/, { timeoutMs: 20_000 });
    await term.press(KEYS.tab);
    await term.waitFor('❯ ');
    expect(term.bracketedPaste()).toBe(true);
    await end(term);
    await term.waitForExit(20_000);
    expect(term.bracketedPaste(), term.describe()).toBe(false);
    expect(term.bufferType()).toBe('normal');
  });

  it('is left off on a terminal that ignores it (TERM=linux), where a paste is told by its shape', async () => {
    const term = spawnTerminal({ args: ['--demo'], cols: 100, rows: 24, env: { TERM: 'linux' } });
    await term.waitFor(/\d+ from fine-tuning jobs/, { timeoutMs: 20_000 });
    expect(term.raw()).not.toContain('\u001b[?2004h');
    // Text with a line break inside, read at once, is a paste: the field gets it whole, nothing is opened.
    await term.press('ab\rcd');
    await term.waitFor('Checkpoint id: ab cd');
    expect(term.screen()).toContain('Pick a checkpoint');
  });
});
