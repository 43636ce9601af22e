// names_ratio, flip_forward_ratio, page_requests_per_page, share_warm_ratio, share_filter_ratio: the binary under a pty
// on a demo organization of 10,000 projects at 300 ms of latency, each child with a cache directory of its own.
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COLS, PACE_MS, ROWS, ms, sleep } from '../lib/common.mjs';
import { onCleanup } from '../lib/cleanup.mjs';
import { everyProjectListed, pageOnScreen, rowsNamed } from '../lib/screens.mjs';
import { median, pairs, percentile, round } from '../lib/stats.mjs';
import { KEYS, Terminal } from '../lib/terminal.mjs';

/** A directory cache file with no cursor: the walk that wrote it read every project. */
function wholeDirectory(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8')).cursor === null;
  } catch {
    return false;
  }
}

const REPS = {
  names: 5, // cold starts on 10,000 projects at 300 ms
  flipsForward: 10, // forward flips after a one-second pause, 300 ms latency
  shareWarm: 5, // warm starts, then the share screen
  shareKeys: 20, // characters typed into the share field, alternately with cached page flips
};
/** The API's latency and the organization of the scale figures. */
const SCALE_LATENCY_MS = 300;
const SCALE_ORG = { projects: 10_000, permissions: 10_000 };

async function benchScale(ctx) {
  const { CLI, root, stateDir, demo, childEnv, setFigure } = ctx;
  const server = await demo.startDemoServer({ ...SCALE_ORG, latencyMs: SCALE_LATENCY_MS });
  const closeServer = onCleanup(() => server.close());
  const checkpoint = server.checkpoints[0];
  const pageSize = 10;
  const launch = (cacheDir, args = [checkpoint]) =>
    new Terminal({
      args: [CLI, '--base-url', server.baseUrl, '--page-size', String(pageSize), ...args],
      env: childEnv({ OPENAI_ADMIN_KEY: server.adminKey, XDG_CACHE_HOME: cacheDir }),
      cwd: root,
      cols: COLS,
      rows: ROWS,
    });
  const cold = () => mkdtempSync(join(stateDir, 'cold-'));
  try {
    // names_ratio: launch → rows, launch → their names, in the same cold start.
    const rowsAt = [];
    const namesAt = [];
    for (let i = -1; i < REPS.names; i++) {
      const terminal = launch(cold());
      const stop = onCleanup(() => terminal.close());
      try {
        const rows = await terminal.waitFor(pageOnScreen(1, pageSize), { what: 'the first rows' });
        const names = await terminal.waitFor(rowsNamed(pageSize), { what: 'the names of the first rows' });
        if (i >= 0) {
          rowsAt.push(ms(rows.at - terminal.startedAt));
          namesAt.push(ms(names.at - terminal.startedAt));
        }
      } finally {
        await stop();
      }
    }
    const rowsMs = median(rowsAt);
    const namesMs = median(namesAt);
    setFigure(
      'names_ratio',
      namesMs / rowsMs,
      `launch → names of page 1 ${namesMs.toFixed(0)} ms ÷ launch → its rows ${rowsMs.toFixed(0)} ms (10,000 projects, ${SCALE_LATENCY_MS} ms, cold cache; medians of ${REPS.names})`,
      { median_ms: { names: round(namesMs, 1), rows: round(rowsMs, 1) }, runs: REPS.names, ...pairs(namesAt, rowsAt) },
    );

    // flip_forward_ratio and page_requests_per_page: a one-second pause on each page, then →.
    {
      const terminal = launch(cold());
      const stop = onCleanup(() => terminal.close());
      try {
        await terminal.waitFor(rowsNamed(pageSize), { what: 'page 1 with names' });
        const pagePath = `/v1/fine_tuning/checkpoints/${checkpoint}/permissions`;
        const from = server.requests.findLastIndex((r) => r.path === pagePath && r.query.after === undefined);
        const pageRequests = () =>
          server.requests.slice(from).filter((r) => r.method === 'GET' && r.path === pagePath && !r.query.project_id).length;
        const flips = [];
        for (let page = 2; page <= REPS.flipsForward + 1; page++) {
          await sleep(1000);
          const pressed = terminal.press(KEYS.right);
          const { at } = await terminal.waitFor(pageOnScreen(page, pageSize), { what: `page ${page}` });
          flips.push(ms(at - pressed));
        }
        await sleep(1000);
        const shown = REPS.flipsForward + 1;
        const requests = pageRequests();
        const p95 = percentile(flips, 95);
        setFigure(
          'flip_forward_ratio',
          p95 / SCALE_LATENCY_MS,
          `→ to the next page after a 1 s pause, p95 of ${REPS.flipsForward} ${p95.toFixed(1)} ms ÷ ${SCALE_LATENCY_MS} ms API latency (median ${median(flips).toFixed(1)} ms)`,
          { p95_ms: round(p95, 2), median_ms: round(median(flips), 2), samples_ms: flips.map((x) => round(x, 2)), runs: REPS.flipsForward },
        );
        setFigure(
          'page_requests_per_page',
          requests / shown,
          `${requests} page requests for ${shown} pages shown (the next page read ahead: one more at most)`,
          { requests, pages_shown: shown },
        );
      } finally {
        await stop();
      }
    }

    // share_warm_ratio: a warm cache (filled by one run that read the whole directory), launch → rows, then a → the
    // share screen listing all 10,000 active projects.
    const warm = cold();
    {
      server.setLatency(0);
      const terminal = launch(warm);
      const stop = onCleanup(() => terminal.close());
      try {
        await terminal.waitFor(rowsNamed(pageSize), { what: 'the first rows' });
        const deadline = Date.now() + 60_000;
        // Written whole: the file is also written while the directory loads, with the cursor it stopped at.
        const written = () =>
          existsSync(join(warm, 'ckpt-perms')) &&
          readdirSync(join(warm, 'ckpt-perms')).some((f) => f.startsWith('projects-') && wholeDirectory(join(warm, 'ckpt-perms', f)));
        while (!written()) {
          if (Date.now() > deadline) throw new Error('the directory cache was never written');
          await sleep(50);
        }
      } finally {
        await stop();
        server.setLatency(SCALE_LATENCY_MS);
      }
    }
    const active = server.state.projects().filter((p) => p.status === 'active').length;
    const listed = everyProjectListed(active);
    const warmRows = [];
    const warmShare = [];
    let shareTerminal;
    for (let i = -1; i < REPS.shareWarm; i++) {
      const terminal = launch(warm);
      const stop = onCleanup(() => terminal.close());
      let keep = false;
      try {
        const rows = await terminal.waitFor(pageOnScreen(1, pageSize), { what: 'the first rows' });
        terminal.press('a');
        const share = await terminal.waitFor(listed, { what: `the share screen listing ${active} projects` });
        if (i >= 0) {
          warmRows.push(ms(rows.at - terminal.startedAt));
          warmShare.push(ms(share.at - terminal.startedAt));
        }
        if (i === REPS.shareWarm - 1) {
          shareTerminal = { terminal, stop };
          keep = true;
        }
      } finally {
        if (!keep) await stop();
      }
    }
    const warmRowsMs = median(warmRows);
    const warmShareMs = median(warmShare);
    setFigure(
      'share_warm_ratio',
      warmShareMs / warmRowsMs,
      `warm start → share screen listing ${active.toLocaleString('en-US')} projects ${warmShareMs.toFixed(0)} ms ÷ → rows ${warmRowsMs.toFixed(0)} ms (a pressed at the rows; medians of ${REPS.shareWarm})`,
      {
        median_ms: { share: round(warmShareMs, 1), rows: round(warmRowsMs, 1) },
        active_projects: active,
        runs: REPS.shareWarm,
        ...pairs(warmShare, warmRows),
      },
    );

    // share_filter_ratio: in the last session, a character typed in the share field (key → frame) alternately with a
    // cached page flip on the table (← to a page seen moments ago); 60 ms apart, as a person types.
    {
      const { terminal, stop } = shareTerminal;
      try {
        const field = (text) => (lines) =>
          lines.some((line) => (text === '' ? line.startsWith('Projects: type') : new RegExp(`^Projects: ${text}\\s*$`).test(line)));
        const typed = [];
        const flipped = [];
        // Two pages seen on the table first, so ← and → flip between cached pages.
        terminal.press('\u001b');
        await terminal.waitFor(pageOnScreen(1, pageSize), { what: 'the table' });
        terminal.press(KEYS.right);
        await terminal.waitFor(pageOnScreen(2, pageSize), { what: 'page 2' });
        let page = 2;
        const text = 'supportxtriagex';
        for (let i = -2; i < REPS.shareKeys; i++) {
          // A cached flip.
          await sleep(PACE_MS * 2);
          page = page === 2 ? 1 : 2;
          const flipAt = terminal.press(page === 1 ? KEYS.left : KEYS.right);
          const flip = await terminal.waitFor(pageOnScreen(page, pageSize), { what: `page ${page}` });
          // A character in the share field (the screen opened fresh, the field empty).
          terminal.press('a');
          await terminal.waitFor(listed, { what: 'the share screen' });
          await sleep(PACE_MS * 2);
          const char = text[(i + 2) % text.length];
          const keyAt = terminal.press(char);
          const frame = await terminal.waitFor(field(char), { what: `"${char}" in the field` });
          if (i >= 0) {
            flipped.push(ms(flip.at - flipAt));
            typed.push(ms(frame.at - keyAt));
          }
          terminal.press('\u001b'); // clears the field
          await terminal.waitFor(field(''), { what: 'the cleared field' });
          await sleep(PACE_MS);
          terminal.press('\u001b'); // back to the table
          await terminal.waitFor(pageOnScreen(page, pageSize), { what: 'the table again' });
        }
        const typedP95 = percentile(typed, 95);
        const flipP95 = percentile(flipped, 95);
        setFigure(
          'share_filter_ratio',
          typedP95 / flipP95,
          `a character in the share field (${active.toLocaleString('en-US')} projects) p95 ${typedP95.toFixed(1)} ms ÷ a cached page flip p95 ${flipP95.toFixed(1)} ms (${REPS.shareKeys} pairs)`,
          {
            p95_ms: { typed: round(typedP95, 2), cached_flip: round(flipP95, 2) },
            median_ms: { typed: round(median(typed), 2), cached_flip: round(median(flipped), 2) },
            runs: REPS.shareKeys,
            ...pairs(typed, flipped),
          },
        );
      } finally {
        await stop();
      }
    }
  } finally {
    await closeServer();
  }
}

export default [
  {
    name: 'scale',
    budgets: {
      names_ratio: { op: '<=', budget: 1.6 },
      flip_forward_ratio: { op: '<=', budget: 0.2 },
      page_requests_per_page: { op: '<=', budget: 2 },
      share_warm_ratio: { op: '<=', budget: 1.5 },
      share_filter_ratio: { op: '<=', budget: 2 },
    },
    run: benchScale,
  },
];
