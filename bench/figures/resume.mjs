// share_warm_after_early_quit: a first start on 10,000 projects at 300 ms that quits as soon as its first rows have
// names (the directory far from loaded), then a second start with the same cache: launch → the share screen listing
// every active project the first start saw ÷ launch → its rows. "Every project the first start saw", not all 10,000:
// the projects list pages one way only (no `order`), so the rest takes its ~100 round trips whatever was cached; what
// the cache promises (PRODUCT.md: "warm for everything the first one saw, however early it quit") is measured.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COLS, ROWS, ms } from '../lib/common.mjs';
import { onCleanup } from '../lib/cleanup.mjs';
import { listsAtLeast, pageOnScreen, rowsNamed } from '../lib/screens.mjs';
import { median, pairs, round } from '../lib/stats.mjs';
import { Terminal } from '../lib/terminal.mjs';

/** Pairs of starts (the early quit, then the measured one), each pair with a cache of its own. */
const REPS = { resume: 3 };
const LATENCY_MS = 300;
const ORG = { projects: 10_000, permissions: 10_000 };
const PAGE_SIZE = 10;
/** A second start that does not list what was cached waits for the walk instead: ~100 requests at 300 ms. */
const SHARE_TIMEOUT_MS = 90_000;

/** The active projects of the directory cache file the first start left in `cacheDir`. */
function cachedActive(cacheDir) {
  const dir = join(cacheDir, 'ckpt-perms');
  const files = readdirSync(dir).filter((name) => /^projects-.*\.json$/.test(name));
  if (files.length !== 1) throw new Error(`expected one directory cache file in ${dir}, found ${files.length}`);
  const { projects } = JSON.parse(readFileSync(join(dir, files[0]), 'utf8'));
  return projects.filter((entry) => entry[2] === 'active').length;
}

async function benchResume(ctx) {
  const { CLI, root, stateDir, demo, childEnv, setFigure } = ctx;
  const server = await demo.startDemoServer({ ...ORG, latencyMs: LATENCY_MS });
  const closeServer = onCleanup(() => server.close());
  const checkpoint = server.checkpoints[0];
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
    const cachedCounts = [];
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
      const cached = cachedActive(cache);
      cachedCounts.push(cached);
      // The second start: a pressed when its rows show.
      const terminal = launch(cache);
      const stop = onCleanup(() => terminal.close());
      try {
        const rows = await terminal.waitFor(pageOnScreen(1, PAGE_SIZE), { what: 'the first rows' });
        terminal.press('a');
        const share = await terminal.waitFor(listsAtLeast(cached), {
          what: `the share screen listing the ${cached} active projects the first start cached`,
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
      `after a first start quit at its first names (${median(firstStartMs).toFixed(0)} ms, ${median(cachedCounts)} active projects cached): launch → share screen listing them ${shareMs.toFixed(0)} ms ÷ launch → rows ${rowsMs.toFixed(0)} ms (${LATENCY_MS} ms; medians of ${REPS.resume})`,
      {
        median_ms: { share: round(shareMs, 1), rows: round(rowsMs, 1), first_start_named: round(median(firstStartMs), 1) },
        cached_active_projects: median(cachedCounts),
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
