// picker_jobs_first_ratio: the picker on an organization of 500 fine-tuning jobs at 300 ms (`demo-server --jobs 500`):
// the first frame → the first checkpoint rows on screen, ÷ the latency.
import { COLS, ROWS, ms } from '../lib/common.mjs';
import { onCleanup } from '../lib/cleanup.mjs';
import { median, round } from '../lib/stats.mjs';
import { Terminal } from '../lib/terminal.mjs';

const REPS = { picker: 5 };
const LATENCY_MS = 300;
const JOBS = 500;

/** A fine-tuned model's checkpoint (`ft:…:ckpt-step-N`) listed in the picker. */
const checkpointRow = (lines) => lines.some((line) => /\bft:\S+:ckpt-step-\d+/.test(line));
const anything = (lines) => lines.some((line) => line.trim() !== '');

async function benchJobs(ctx) {
  const { CLI, root, demo, childEnv, setFigure } = ctx;
  const server = await demo.startDemoServer({ jobs: JOBS, latencyMs: 0 });
  const closeServer = onCleanup(() => server.close());
  try {
    // A demo without --jobs takes the option silently and keeps its 4 jobs: the figure would time another picker.
    const jobs = server.state.jobs().length;
    if (jobs !== JOBS) throw new Error(`not supported yet: the demo has ${jobs} fine-tuning jobs where --jobs ${JOBS} was asked for`);
    server.setLatency(LATENCY_MS);
    const waits = [];
    for (let i = -1; i < REPS.picker; i++) {
      const terminal = new Terminal({
        args: [CLI, '--base-url', server.baseUrl],
        env: childEnv({ OPENAI_ADMIN_KEY: server.adminKey, OPENAI_API_KEY: server.apiKey }),
        cwd: root,
        cols: COLS,
        rows: ROWS,
      });
      const stop = onCleanup(() => terminal.close());
      try {
        const first = await terminal.waitFor(anything, { what: 'the first frame' });
        const rows = await terminal.waitFor(checkpointRow, { what: 'the first checkpoint rows', timeoutMs: 60_000 });
        if (i >= 0) waits.push(ms(rows.at - first.at));
      } finally {
        await stop();
      }
    }
    const wait = median(waits);
    setFigure(
      'picker_jobs_first_ratio',
      wait / LATENCY_MS,
      `picker on ${JOBS} jobs: first frame → first checkpoint rows ${wait.toFixed(0)} ms ÷ ${LATENCY_MS} ms latency (median of ${REPS.picker})`,
      { median_ms: round(wait, 1), samples_ms: waits.map((x) => round(x, 1)), runs: REPS.picker, jobs },
    );
  } finally {
    await closeServer();
  }
}

export default [{ name: 'jobs', budgets: { picker_jobs_first_ratio: { op: '<=', budget: 3 } }, run: benchJobs }];
