// full_walk_ratio, export_walk_ratio, full_walk_requests: whole walks of a 10,000-permission checkpoint far from the API
// (the demo at 300 ms a request): `list --max-items -1` and `export`, each ÷ the 100 round trips one after another
// that a walk from one end takes; and the requests of one listing, counted in the demo's log.
import { closeSync, openSync } from 'node:fs';
import { onCleanup } from '../lib/cleanup.mjs';
import { median, round } from '../lib/stats.mjs';

/** Rounds of (list, export), alternately. */
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
  const { CLI, demo, childEnv, timeToExit, setFigure } = ctx;
  const server = await demo.startDemoServer({ permissions: PERMISSIONS, latencyMs: WALK_LATENCY_MS });
  const closeServer = onCleanup(() => server.close());
  const checkpoint = server.checkpoints[0];
  const connection = ['--base-url', server.baseUrl, '--admin-api-key', server.adminKey];
  const programs = {
    list: [CLI, 'list', checkpoint, '--max-items', '-1', ...connection],
    export: [CLI, 'export', '--fine-tuned-model-checkpoint', checkpoint, '--format', 'json', ...connection],
  };
  const env = childEnv();
  const devNull = openSync('/dev/null', 'w');
  try {
    // Once, read back: the listing must hold every permission, or its time means nothing.
    {
      const from = server.requests.length;
      const { out } = await timeToExit(programs.list, { stdout: 'pipe', env });
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
    const times = { list: [], export: [] };
    const exportRequests = [];
    for (let r = 0; r < REPS.walks; r++) {
      for (const [name, args] of Object.entries(programs)) {
        const from = server.requests.length;
        const { ms } = await timeToExit(args, { stdout: devNull, env });
        times[name].push(ms);
        if (name === 'export') exportRequests.push(requestsSince(server, from));
      }
    }
    const oneWay = ONE_WAY_PAGES * WALK_LATENCY_MS;
    const list = median(times.list);
    const exported = median(times.export);
    const samples = (xs) => xs.map((x) => round(x, 1));
    setFigure(
      'full_walk_ratio',
      list / oneWay,
      `list --max-items -1 of ${PERMISSIONS.toLocaleString('en-US')} at ${WALK_LATENCY_MS} ms ${list.toFixed(0)} ms ÷ ${ONE_WAY_PAGES} × ${WALK_LATENCY_MS} ms (median of ${REPS.walks})`,
      { median_ms: round(list, 1), one_way_ms: oneWay, runs: REPS.walks, samples_ms: samples(times.list) },
    );
    const { permissions, projects } = exportRequests.at(-1);
    setFigure(
      'export_walk_ratio',
      exported / oneWay,
      `export of the same ${exported.toFixed(0)} ms ÷ ${ONE_WAY_PAGES} × ${WALK_LATENCY_MS} ms (median of ${REPS.walks}; ${permissions} permission and ${projects} project list requests)`,
      { median_ms: round(exported, 1), one_way_ms: oneWay, runs: REPS.walks, samples_ms: samples(times.export), requests: exportRequests },
    );
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
      // From both ends: at most one request more than the 100 of one way.
      full_walk_requests: { op: '<=', budget: 101, unit: 'requests' },
    },
    run: benchWalk,
  },
];
