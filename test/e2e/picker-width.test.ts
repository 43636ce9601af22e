// The picker gives its spare width to the detail column (issue #28 item 8): at 120 columns no row's date or base model
// is cut beside padding after the ids. The built binary in a pseudo-terminal against a demo-server process.
import { afterEach, describe, expect, it } from 'vitest';
import { closeAll, demoConnection, spawnTerminal, startDemoServerProcess } from '../helpers/pty';

afterEach(closeAll);

describe('the picker’s columns', () => {
  it('at 120 columns every row shows its id and its detail whole', async () => {
    const server = await startDemoServerProcess();
    const term = spawnTerminal({
      args: demoConnection(server),
      cols: 120,
      rows: 40,
    });
    const screen = await term.waitFor(/\d+ from fine-tuning jobs/, { timeoutMs: 15_000 });
    const rows = screen.split('\n').filter((line) => /^(?:❯ | {2})ft:/.test(line));
    expect(rows.length).toBeGreaterThan(5);
    const models = rows.filter((row) => / model · /.test(row));
    expect(models.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row).not.toContain('…');
      expect(row).toMatch(/\d{4}-\d{2}-\d{2}/);
    }
    // A model's detail ends with its base model, whole.
    for (const row of models) expect(row).toMatch(/ model · \d{4}-\d{2}-\d{2} · \S+$/);
  });
});
