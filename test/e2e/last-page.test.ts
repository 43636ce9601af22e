// G at 300 ms (issue 28 item 2): the built binary in a pseudo-terminal against the demo API with 300 ms per request;
// G shows the last rows after one page request, and g the first ones again.
import { afterEach, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../src/demo/server';
import { closeAll, spawnTerminal } from '../helpers/pty';
import { waitFor } from '../helpers/wait';

let server: DemoServer | undefined;
afterEach(async () => {
  await closeAll();
  await server?.close();
  server = undefined;
});

describe('G in a real terminal', () => {
  it('at --latency 300, G shows the last rows with one request; g goes back to the first page', async () => {
    server = await startDemoServer({ latencyMs: 300 });
    const demo = server;
    const checkpoint = demo.checkpoints[0]!;
    const newestFirst = demo.state.permissionsOf(checkpoint).reverse();
    expect(newestFirst.length).toBeGreaterThan(30);
    const pageRequests = () =>
      demo.requests.filter((r) => r.method === 'GET' && r.path.endsWith(`${checkpoint}/permissions`) && !r.query.project_id);
    const term = spawnTerminal({
      args: [checkpoint, '--base-url', demo.baseUrl, '--admin-api-key', demo.adminKey, '--page-size', '10'],
      cols: 120,
      rows: 30,
    });
    await term.waitFor(/Page 1 · 1–10 · more/);
    // Page 1 and the read-ahead of page 2 have reached the server (a busy machine can send the read-ahead late, and it
    // is not G's request).
    await waitFor(() => pageRequests().length >= 2, 'page 1 and its read-ahead at the server', 20_000);
    await term.waitForIdle();
    const before = pageRequests().length;
    await term.press('G');
    await term.waitFor(/Last page · 1–10 from the end · end · newest first/);
    const screen = term.screen();
    // The oldest permission is the last row, at the bottom of the page; the tenth-oldest its first.
    const oldest = newestFirst.at(-1)!.id;
    const tenth = newestFirst.at(-10)!.id;
    expect(screen.indexOf(oldest), term.describe()).toBeGreaterThan(screen.indexOf(tenth));
    expect(screen.indexOf(tenth)).toBeGreaterThan(-1);
    const asked = pageRequests()
      .slice(before)
      .map((r) => r.query);
    // One request for the last rows: the first page of the other order. At most the page before it read ahead besides
    // (← from the end); nothing walked through the pages between.
    expect(asked[0]).toEqual({ limit: '10', order: 'ascending' });
    expect(asked.slice(1)).toEqual(asked.length > 1 ? [{ limit: '10', order: 'ascending', after: newestFirst.at(-10)!.id }] : []);

    await term.press('g');
    await term.waitFor(/Page 1 · 1–10 · more · newest first/);
    expect(term.screen()).toContain(newestFirst[0]!.id);
  });
});
