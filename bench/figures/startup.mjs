// version_ratio, startup_ratio, table_ratio: the binary started as a user starts it, spawn → exit or spawn → its first
// screen under a pty, each ÷ a baseline started the same way (node -e 0, a minimal Ink app), alternately.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { alternate, hasLine, tableShown } from '../lib/common.mjs';
import { median, pairs, round } from '../lib/stats.mjs';

/** Repetitions (pairs): sized so the whole run stays well under 5 minutes on 2 cores. */
const REPS = { version: 20, startup: 15, table: 15 };

async function benchVersion(ctx) {
  const { CLI, root, childEnv, timeToExit, setFigure } = ctx;
  const version = execFileSync(process.execPath, [CLI, '--version'], { env: childEnv(), encoding: 'utf8' }).trim();
  const expected = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  if (!version.includes(expected)) throw new Error(`--version printed ${JSON.stringify(version)}, not ${expected}`);
  const { as, bs } = await alternate(
    REPS.version,
    async () => (await timeToExit([CLI, '--version'])).ms,
    async () => (await timeToExit(['-e', '0'])).ms,
  );
  const a = median(as);
  const b = median(bs);
  setFigure('version_ratio', a / b, `--version ${a.toFixed(1)} ms ÷ node -e 0 ${b.toFixed(1)} ms (medians of ${REPS.version} pairs)`, {
    median_ms: { ckpt_perms: round(a, 1), node_e_0: round(b, 1) },
    runs: REPS.version,
    ...pairs(as, bs),
  });
}

const minimalShown = (lines) => hasLine(lines, 'minimal ink app ready');

async function benchStartup(ctx) {
  const { CLI, built, timeToScreen, setFigure } = ctx;
  const { as, bs } = await alternate(
    REPS.startup,
    () => timeToScreen([CLI, '--demo'], (lines) => hasLine(lines, 'Pick a checkpoint'), 'the picker'),
    () => timeToScreen([built.minimal], minimalShown, 'the minimal app'),
  );
  const a = median(as);
  const b = median(bs);
  setFigure(
    'startup_ratio',
    a / b,
    `--demo picker ${a.toFixed(1)} ms ÷ minimal Ink ${b.toFixed(1)} ms (medians of ${REPS.startup} pairs)`,
    {
      median_ms: { picker: round(a, 1), minimal_ink: round(b, 1) },
      runs: REPS.startup,
      ...pairs(as, bs),
    },
  );
}

async function demoLargestCheckpoint(demo) {
  const server = await demo.startDemoServer();
  try {
    return server.checkpoints[0];
  } finally {
    await server.close();
  }
}

async function benchTable(ctx) {
  const { CLI, built, demo, timeToScreen, setFigure } = ctx;
  const largest = await demoLargestCheckpoint(demo);
  const { as, bs } = await alternate(
    REPS.table,
    () => timeToScreen([CLI, '--demo', largest], tableShown(1), 'the table with rows'),
    () => timeToScreen([built.minimal], minimalShown, 'the minimal app'),
  );
  const a = median(as);
  const b = median(bs);
  setFigure(
    'table_ratio',
    a / b,
    `--demo <largest> rows ${a.toFixed(1)} ms ÷ minimal Ink ${b.toFixed(1)} ms (medians of ${REPS.table} pairs)`,
    {
      median_ms: { table: round(a, 1), minimal_ink: round(b, 1) },
      runs: REPS.table,
      checkpoint: largest,
      ...pairs(as, bs),
    },
  );
}

export default [
  { name: 'version', budgets: { version_ratio: { op: '<=', budget: 1.5 } }, run: benchVersion },
  { name: 'startup', budgets: { startup_ratio: { op: '<=', budget: 1.25 } }, run: benchStartup },
  { name: 'table', budgets: { table_ratio: { op: '<=', budget: 1.6 } }, run: benchTable },
];
