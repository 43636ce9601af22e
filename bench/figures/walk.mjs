// full_walk_ratio, export_walk_ratio, export_walk_cold_ratio, full_walk_requests: whole walks of a 10,000-permission
// checkpoint far from the API (the demo at 300 ms a request): `list --max-items -1` and `export`, each ÷ the 100 round
// trips one after another that a walk from one end takes; and the requests of one listing, counted in the demo's log.
// export also reads the project directory: with the directory cache a first export left (warm: in segments), and with
// none (cold: one way, about 100 round trips of its own).
import { closeSync, mkdtempSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { onCleanup } from '../lib/cleanup.mjs';
import { median, round } from '../lib/stats.mjs';

/** Rounds of (list, export, export with no cache), alternately. */
const REPS = { walks: 3 };
const WALK_LATENCY_MS = 300;
const PERMISSIONS = 10_000;
/** A walk from one end: pages of 100, one after another. */
const ONE_WAY_PAGES = PERMISSIONS / 100;

/** The demo's requests from `from` on, by the kind of list asked for. */
function requestsSince(server, from) {
  const requests = server.requests.slice(from);
  const permissions = requests.filter((r) => /\/permissions$/.test(r.path)).length;
  const projects = requests.filter((r) => /\/organization\/projects$/.test(r.path)).length;
  return { all: requests.length, permissions, projects };
}

async function benchWalk(ctx) {
  const { CLI, demo, childEnv, stateDir, timeToExit, setFigure } = ctx;
  const server = await demo.startDemoServer({ permissions: PERMISSIONS, latencyMs: WALK_LATENCY_MS });
  const closeServer = onCleanup(() => server.close());
  const checkpoint = server.checkpoints[0];
  const connection = ['--base-url', server.baseUrl, '--admin-api-key', server.adminKey];
  const exporting = [CLI, 'export', '--fine-tuned-model-checkpoint', checkpoint, '--format', 'json', ...connection];
  const env = childEnv();
  // A cache directory of each cold export's own: nothing from an earlier run.
  const coldEnv = () => childEnv({ XDG_CACHE_HOME: mkdtempSync(join(stateDir, 'walk-cold-')) });
  const programs = {
    list: { args: [CLI, 'list', checkpoint, '--max-items', '-1', ...connection], env: () => env },
    export: { args: exporting, env: () => env },
    export_cold: { args: exporting, env: coldEnv },
  };
  const devNull = openSync('/dev/null', 'w');
  try {
    // Once, read back: the listing must hold every permission, or its time means nothing.
    {
      const from = server.requests.length;
      const { out } = await timeToExit(programs.list.args, { stdout: 'pipe', env });
      const listed = JSON.parse(out).data.length;
      if (listed !== PERMISSIONS) throw new Error(`list --max-items -1 listed ${listed} permissions, not ${PERMISSIONS}`);
      const requests = requestsSince(server, from);
      setFigure(
        'full_walk_requests',
        requests.all,
        `requests in the demo's log for one list --max-items -1 of ${PERMISSIONS.toLocaleString('en-US')} (one way: ${ONE_WAY_PAGES})`,
        { requests },
      );
    }
    // The warm-up: an export read back (every permission named), which leaves the directory cache an admin who has run
    // the tool before has.
    {
      const { out } = await timeToExit(exporting, { stdout: 'pipe', env });
      const rows = JSON.parse(out).permissions;
      const named = rows.filter((row) => row.project_name !== '').length;
      if (rows.length !== PERMISSIONS || named !== PERMISSIONS) throw new Error(`export wrote ${rows.length} permissions, ${named} named`);
    }
    const times = { list: [], export: [], export_cold: [] };
    const exportRequests = { export: [], export_cold: [] };
    for (let r = 0; r < REPS.walks; r++) {
      for (const [name, program] of Object.entries(programs)) {
        const from = server.requests.length;
        const { ms } = await timeToExit(program.args, { stdout: devNull, env: program.env() });
        times[name].push(ms);
        exportRequests[name]?.push(requestsSince(server, from));
      }
    }
    const oneWay = ONE_WAY_PAGES * WALK_LATENCY_MS;
    const list = median(times.list);
    const samples = (xs) => xs.map((x) => round(x, 1));
    setFigure(
      'full_walk_ratio',
      list / oneWay,
      `list --max-items -1 of ${PERMISSIONS.toLocaleString('en-US')} at ${WALK_LATENCY_MS} ms ${list.toFixed(0)} ms ÷ ${ONE_WAY_PAGES} × ${WALK_LATENCY_MS} ms (median of ${REPS.walks})`,
      { median_ms: round(list, 1), one_way_ms: oneWay, runs: REPS.walks, samples_ms: samples(times.list) },
    );
    for (const [name, which] of [
      ['export_walk_ratio', 'export'],
      ['export_walk_cold_ratio', 'export_cold'],
    ]) {
      const median_ms = median(times[which]);
      const { permissions, projects } = exportRequests[which].at(-1);
      const cache = which === 'export' ? 'the directory cache of the export before' : 'no directory cache';
      setFigure(
        name,
        median_ms / oneWay,
        `export of the same with ${cache} ${median_ms.toFixed(0)} ms ÷ ${ONE_WAY_PAGES} × ${WALK_LATENCY_MS} ms (median of ${REPS.walks}; ${permissions} permission and ${projects} project list requests)`,
        {
          median_ms: round(median_ms, 1),
          one_way_ms: oneWay,
          runs: REPS.walks,
          samples_ms: samples(times[which]),
          requests: exportRequests[which],
        },
      );
    }
  } finally {
    closeSync(devNull);
    await closeServer();
  }
}

export default [
  {
    name: 'walk',
    budgets: {
      full_walk_ratio: { op: '<=', budget: 0.55 },
      export_walk_ratio: { op: '<=', budget: 0.6 },
      // One way through the project directory: about 1.0 whatever the permissions do.
      export_walk_cold_ratio: { op: 'report' },
      // From both ends: at most one request more than the 100 of one way.
      full_walk_requests: { op: '<=', budget: 101, unit: 'requests' },
    },
    run: benchWalk,
  },
];
