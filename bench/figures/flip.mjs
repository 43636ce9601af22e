// page_flip_cached_ratio, page_flip_uncached: the real App, store and client in this process against the demo server,
// rendered by Ink (as the binary renders, throttle included) to a fake 100×30 TTY; a key → the frame of the page.
import { pathToFileURL } from 'node:url';
import { COLS, PACE_MS, ROWS, ms, now, progress, sleep, tick } from '../lib/common.mjs';
import { onCleanup } from '../lib/cleanup.mjs';
import { FakeStdin, FakeStdout } from '../lib/fake-tty.mjs';
import { median, pairs, percentile, round } from '../lib/stats.mjs';
import { KEYS } from '../lib/terminal.mjs';

const REPS = {
  flipsUncached: 30, // new pages
  flipsCached: 25, // pairs of (cached page flip, plain re-render)
};

async function benchFlip(ctx) {
  const { built, bigServer, childEnv, setFigure } = ctx;
  const ui = await import(pathToFileURL(built.ui).href);
  const server = await bigServer();
  const checkpoint = server.checkpoints[0];
  const client = ui.createClient({ baseURL: server.baseUrl, adminApiKey: server.adminKey, apiKey: server.apiKey });
  const pageSize = ui.pageSizeFor(ROWS);
  const store = ui.createAppStore({ client, recent: ui.memoryRecent(), pageSize });
  const stdout = new FakeStdout(COLS, ROWS);
  const stderr = new FakeStdout(COLS, ROWS);
  const stdin = new FakeStdin();
  let renders = 0;
  let lastRenderAt = 0n;
  const connected = { store, session: { host: new URL(server.baseUrl).host, keyLabel: 'sk-admin-…demo', demo: true } };
  const tree = () => ui.createElement(ui.App, { connected, host: new URL(server.baseUrl).host, theme: ui.themeFor(childEnv()) });
  store.getState().openCheckpoint(checkpoint);
  // The options of launch-ui.tsx (no debug mode: Ink throttles and diffs frames as it does for a user).
  const instance = ui.render(tree(), {
    stdout,
    stderr,
    stdin,
    exitOnCtrlC: true,
    patchConsole: false,
    onRender: () => {
      renders++;
      lastRenderAt = now();
    },
  });
  const stop = onCleanup(async () => {
    instance.unmount();
    store.getState().dispose();
    await client.close();
  });
  const idle = async (what) => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const s = store.getState();
      if (s.page && !s.loading && s.directory.status !== 'loading') return;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(2);
    }
  };
  const frameOf = (page) => (text) => text.includes(`Page ${page} ·`) && !text.includes('loading…') && text.includes('cp_');
  /** Key → the frame showing `page`: { write: ms to the frame's write, render: ms to the Ink render that made it, renders, requests }. */
  const flip = async (key, page) => {
    await sleep(PACE_MS);
    const requestsBefore = server.requests.length;
    const rendersBefore = renders;
    let renderedAt;
    const isFrame = frameOf(page);
    const frame = stdout.nextWrite(
      (text) => {
        if (!isFrame(text)) return false;
        // The Ink render that produced this write (its onRender ran just before the write).
        renderedAt = lastRenderAt;
        return true;
      },
      10_000,
      `page ${page}`,
    );
    const started = now();
    stdin.write(key);
    const { at } = await frame;
    await idle(`page ${page}`);
    return {
      write: ms(at - started),
      render: ms(renderedAt - started),
      renders: renders - rendersBefore,
      requests: server.requests.length - requestsBefore,
    };
  };

  try {
    await stdout.nextWrite(frameOf(1), 15_000, 'the first page');
    await idle('the first page and the project names');
    await sleep(200);

    // New pages: each asks the API (0 ms latency).
    const uncached = [];
    let page = 1;
    for (let i = 0; i < REPS.flipsUncached; i++) uncached.push(await flip(KEYS.right, ++page));
    const uncachedMs = uncached.map((f) => f.write);
    if (uncached.some((f) => f.requests === 0)) progress('note: an uncached page flip made no request');

    // Back through pages seen moments ago (cached), alternately with a plain re-render of the same table.
    const cached = [];
    const rerenders = [];
    for (let i = 0; i < REPS.flipsCached; i++) {
      cached.push(await flip(KEYS.left, --page));
      await sleep(PACE_MS);
      const before = renders;
      const started = now();
      instance.rerender(tree());
      while (renders === before) await tick();
      rerenders.push(ms(lastRenderAt - started));
    }
    const cachedRequests = cached.reduce((sum, f) => sum + f.requests, 0);
    const flipRender = median(cached.map((f) => f.render));
    const flipWrite = median(cached.map((f) => f.write));
    const rerender = median(rerenders);
    setFigure(
      'page_flip_cached_ratio',
      flipRender / rerender,
      `← to a visited page ${flipRender.toFixed(2)} ms ÷ re-render ${rerender.toFixed(2)} ms (to Ink's render; medians of ${REPS.flipsCached} pairs; ${cachedRequests} requests)`,
      {
        median_ms: { cached_flip_to_render: round(flipRender, 3), cached_flip_to_write: round(flipWrite, 3), rerender: round(rerender, 3) },
        renders_per_cached_flip: median(cached.map((f) => f.renders)),
        ...pairs(
          cached.map((f) => f.render),
          rerenders,
        ),
        requests_during_cached_flips: cachedRequests,
        page_size: pageSize,
        runs: REPS.flipsCached,
      },
    );
    setFigure(
      'page_flip_uncached',
      percentile(uncachedMs, 95),
      `→ to a new page, p95 of ${REPS.flipsUncached} (median ${median(uncachedMs).toFixed(1)} ms; 0 ms API latency)`,
      {
        median_ms: round(median(uncachedMs), 2),
        p95_ms: round(percentile(uncachedMs, 95), 2),
        renders_per_flip: median(uncached.map((f) => f.renders)),
        samples_ms: uncachedMs.map((x) => round(x, 2)),
        runs: REPS.flipsUncached,
      },
    );
  } finally {
    await stop();
  }
}

export default [
  {
    name: 'flip',
    budgets: { page_flip_cached_ratio: { op: '<=', budget: 2 }, page_flip_uncached: { op: 'report', unit: 'ms' } },
    run: benchFlip,
  },
];
