// Issue 24's table, rows 1–4, as a fast user would meet them: the built binary in a pseudo-terminal against
// `demo-server --latency 300`, each burst of keys in one write, waiting for frames (never for time).
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS } from '../helpers/keys';
import { closeAll, spawnTerminal, startDemoServerProcess, type DemoServerProcess } from '../helpers/pty';

afterEach(closeAll);

const connection = (server: DemoServerProcess) => [
  '--base-url',
  server.baseUrl,
  '--admin-api-key',
  server.adminKey,
  '--api-key',
  server.apiKey,
];

describe('issue 24: every key counts', () => {
  it('row 2: o then → ×5 while the pages load at 300 ms goes five pages on (137 rows, 25 a page: the last, page 6)', async () => {
    const server = await startDemoServerProcess(['--latency', '300']);
    const term = spawnTerminal({ args: [server.checkpoints[0]!, ...connection(server), '--page-size', '25'], cols: 120, rows: 40 });
    await term.waitFor(/^Page 1 · 1–25 · more · newest first/m);
    await term.press(`o${KEYS.right.repeat(5)}`);
    const screen = await term.waitFor(/^Page 6 · 126–137 · end · oldest first · no filter$/m, { timeoutMs: 20_000 });
    expect(screen).not.toContain('loading…');
  });
});
