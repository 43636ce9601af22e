// share_warm_after_early_quit: a first start on 10,000 projects at 300 ms that quits as soon as its first rows have
// names (the directory far from loaded), then a second start with the same cache: launch → the share screen listing
// every active project ÷ launch → its rows.
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { COLS, ROWS, ms } from '../lib/common.mjs';
import { onCleanup } from '../lib/cleanup.mjs';
import { everyProjectListed, pageOnScreen, rowsNamed } from '../lib/screens.mjs';
import { median, pairs, round } from '../lib/stats.mjs';
import { Terminal } from '../lib/terminal.mjs';

/** Pairs of starts (the early quit, then the measured one), each pair with a cache of its own. */
const REPS = { resume: 3 };
const LATENCY_MS = 300;
const ORG = { projects: 10_000, permissions: 10_000 };
const PAGE_SIZE = 10;
/** The second start may wait for the whole directory (100 requests one after another at 300 ms) before it lists it. */
const SHARE_TIMEOUT_MS = 90_000;

async function benchResume(ctx) {
  const { CLI, root, stateDir, demo, childEnv, setFigure } = ctx;
  const server = await demo.startDemoServer({ ...ORG, latencyMs: LATENCY_MS });
  const closeServer = onCleanup(() => server.close());
  const checkpoint = server.checkpoints[0];
  const active = server.state.projects().filter((p) => p.status === 'active').length;
  const listed = everyProjectListed(active);
  const launch = (cacheDir) =>
    new Terminal({
      args: [CLI, '--base-url', server.baseUrl, '--page-size', String(PAGE_SIZE), checkpoint],
      env: childEnv({ OPENAI_ADMIN_KEY: server.adminKey, XDG_CACHE_HOME: cacheDir }),
      cwd: root,
      cols: COLS,
      rows: ROWS,
    });
  try {
    const rowsAt = [];
    const shareAt = [];
    const firstStartMs = [];
    for (let i = 0; i < REPS.resume; i++) {
      const cache = mkdtempSync(join(stateDir, 'resume-'));
      // The early quit: q once the first rows are named, as a user who came for one look.
      {
        const terminal = launch(cache);
        const stop = onCleanup(() => terminal.close());
        try {
          const named = await terminal.waitFor(rowsNamed(PAGE_SIZE), { what: 'the names of the first rows' });
          firstStartMs.push(ms(named.at - terminal.startedAt));
          terminal.press('q');
          const ended = await Promise.race([terminal.exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
          if (!ended) throw new Error(`q did not end the first start\n${terminal.screen()}`);
        } finally {
          await stop();
        }
      }
      // The second start: a pressed when its rows show.
      const terminal = launch(cache);
      const stop = onCleanup(() => terminal.close());
      try {
        const rows = await terminal.waitFor(pageOnScreen(1, PAGE_SIZE), { what: 'the first rows' });
        terminal.press('a');
        const share = await terminal.waitFor(listed, {
          what: `the share screen listing ${active} projects`,
          timeoutMs: SHARE_TIMEOUT_MS,
        });
        rowsAt.push(ms(rows.at - terminal.startedAt));
        shareAt.push(ms(share.at - terminal.startedAt));
      } finally {
        await stop();
      }
    }
    const rowsMs = median(rowsAt);
    const shareMs = median(shareAt);
    setFigure(
      'share_warm_after_early_quit',
      shareMs / rowsMs,
      `after a first start quit at its first names (${median(firstStartMs).toFixed(0)} ms): launch → share screen listing ${active.toLocaleString('en-US')} projects ${shareMs.toFixed(0)} ms ÷ launch → rows ${rowsMs.toFixed(0)} ms (${LATENCY_MS} ms; medians of ${REPS.resume})`,
      {
        median_ms: { share: round(shareMs, 1), rows: round(rowsMs, 1), first_start_named: round(median(firstStartMs), 1) },
        active_projects: active,
        runs: REPS.resume,
        ...pairs(shareAt, rowsAt),
      },
    );
  } finally {
    await closeServer();
  }
}

export default [
  {
    name: 'resume',
    budgets: { share_warm_after_early_quit: { op: '<=', budget: 2 } },
    run: benchResume,
  },
];
