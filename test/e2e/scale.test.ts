// A large organization 300 ms away, as a user meets it: the built binary in a pseudo-terminal against
// `ckpt-perms demo-server --projects 10000 --latency 300`.
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS } from '../helpers/keys';
import { closeAll, spawnTerminal, startDemoServerProcess } from '../helpers/pty';

afterEach(closeAll);

describe('10,000 projects at 300 ms', () => {
  it('open a checkpoint, wait, →: the next page is there without a loading frame, with its names', async () => {
    const server = await startDemoServerProcess(['--projects', '10000', '--latency', '300']);
    const checkpoint = server.checkpoints[0]!;
    const term = spawnTerminal({
      args: [checkpoint, '--base-url', server.baseUrl, '--page-size', '10'],
      env: { OPENAI_ADMIN_KEY: server.adminKey },
      cols: 120,
      rows: 32,
    });
    const rowsNamed = (screen: string) => {
      const rows = screen.split('\n').filter((line) => /\bcp_\w+/.test(line));
      return rows.length === 10 && rows.every((line) => !line.includes('…  ') && !/ … /.test(line));
    };
    await term.waitFor((s) => /^Page 1 · 1–10 · more/m.test(s) && !s.includes('loading…') && rowsNamed(s), { timeoutMs: 15_000 });
    // The pause a person takes on a page: the next one is read meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const before = term.raw().length;
    await term.press(KEYS.right);
    const screen = await term.waitFor((s) => /^Page 2 · 11–20 · more/m.test(s) && !s.includes('loading…'), { timeoutMs: 5_000 });
    expect(term.raw().slice(before)).not.toContain('loading…');
    expect(screen.split('\n').filter((line) => /\bcp_\w+/.test(line))).toHaveLength(10);
    await term.waitFor(rowsNamed);
    await term.press('q');
    expect((await term.waitForExit()).exitCode).toBe(0);
  });
});
