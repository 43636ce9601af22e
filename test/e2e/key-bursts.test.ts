// Keys read together, in the built binary under a pseudo-terminal (#30 item 1): a burst of ↓ in one write moves as many
// rows in the picker, and a paste on the table (its end in a second write) runs nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS } from '../helpers/keys';
import { closeAll, demoConnection, highlightedPickerRow, spawnTerminal, startDemoServerProcess } from '../helpers/pty';

afterEach(closeAll);

describe('keys read together', () => {
  it('↓↓↓ in one write moves the picker three rows', async () => {
    const server = await startDemoServerProcess();
    const term = spawnTerminal({ args: demoConnection(server), cols: 120, rows: 30 });
    await term.waitFor(/\d+ from fine-tuning jobs/);
    await term.press(KEYS.tab);
    await term.waitFor(() => highlightedPickerRow(term) === 0);
    await term.press(KEYS.down.repeat(3));
    await term.waitFor(() => highlightedPickerRow(term) !== 0);
    await term.waitForIdle();
    expect(highlightedPickerRow(term), term.describe()).toBe(3);
  });

  it('a paste of "dy" on the table, its end in a second write, opens no dialog and revokes nothing', async () => {
    const server = await startDemoServerProcess();
    const term = spawnTerminal({ args: [server.checkpoints[0]!, ...demoConnection(server)], cols: 120, rows: 30 });
    const before = await term.waitFor(/^Page 1 · 1–\d+/m);
    const position = /^Page 1 · .*$/m.exec(before)![0].split(' · ').slice(0, 3).join(' · ');
    await term.press('\u001b[200~d');
    await term.press('y\u001b[201~');
    await term.waitForIdle();
    const screen = term.screen();
    expect(screen).not.toContain('[y/N]');
    expect(screen).not.toMatch(/Revoked|Revoking/);
    expect(screen).toContain(position);
    // The table still takes keys: j moves its cursor (the screen changes).
    await term.press('j');
    await term.waitFor((now) => now !== screen);
  });
});
