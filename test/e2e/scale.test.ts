// A large organization 300 ms away, as a user meets it: the built binary in a pseudo-terminal against a demo API
// with 10,000 projects and 300 ms of latency.
import { afterEach, describe, expect, it } from 'vitest';
import { useDemoCli } from '../helpers/demo-cli';
import { KEYS } from '../helpers/keys';
import { closeAll, spawnTerminal } from '../helpers/pty';
import { waitFor } from '../helpers/wait';

afterEach(closeAll);

const demo = useDemoCli({ projects: 10_000, latencyMs: 300 });

describe('10,000 projects at 300 ms', () => {
  it('open a checkpoint, wait, →: the next page is there without a loading frame, with its names', async () => {
    const { server } = demo;
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
    await term.waitFor((s) => /^Page 1 · 1–10 · more/m.test(s) && !s.includes('loading…') && rowsNamed(s));
    // The pause a person takes on a page, as long as the reading ahead takes (not a fixed time, which a loaded machine
    // can outlast): the next page asked for and answered, every request answered, the program waiting for a key.
    const nextPageAnswered = () =>
      server.requests.some((r) => r.method === 'GET' && r.path.endsWith('/permissions') && r.query.after !== undefined && r.status);
    const allAnswered = () => server.requests.every((r) => r.status !== undefined);
    await waitFor(() => nextPageAnswered() && allAnswered(), 'the next page read ahead');
    await term.waitForIdle();
    await waitFor(allAnswered, 'what the next page brought in (its names)');
    const before = term.raw().length;
    await term.press(KEYS.right);
    const screen = await term.waitFor((s) => /^Page 2 · 11–20 · more/m.test(s) && !s.includes('loading…'));
    expect(term.raw().slice(before)).not.toContain('loading…');
    expect(screen.split('\n').filter((line) => /\bcp_\w+/.test(line))).toHaveLength(10);
    await term.waitFor(rowsNamed);
    await term.press('q');
    expect((await term.waitForExit()).exitCode).toBe(0);
  });
});
