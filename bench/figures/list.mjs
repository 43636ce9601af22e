// list_all_ratio, list_all_vs_sdk, requests_10k (and the unbundled baselines): `list` of 10,000 permissions ÷ a bare
// undici loop and ÷ the openai SDK's auto-pagination, each bundled like the product, in rounds; stdout to /dev/null.
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { progress } from '../lib/common.mjs';
import { median, pairs, round } from '../lib/stats.mjs';

/** Rounds of every listing program. */
const REPS = { list: 5 };

async function benchList(ctx) {
  const { CLI, root, built, bigServer, childEnv, timeToExit, setFigure } = ctx;
  const server = await bigServer();
  const checkpoint = server.checkpoints[0];
  const env = childEnv({ BENCH_ADMIN_KEY: server.adminKey });
  const programs = {
    ckpt_perms: [CLI, 'list', checkpoint, '--max-items', '-1', '--base-url', server.baseUrl, '--admin-api-key', server.adminKey],
    undici: [built.listUndici, server.baseUrl, checkpoint],
    sdk: [built.listSdk, server.baseUrl, checkpoint],
    undici_unbundled: [join(root, 'bench/scripts/list-undici.mjs'), server.baseUrl, checkpoint],
    sdk_unbundled: [join(root, 'bench/scripts/list-sdk.mjs'), server.baseUrl, checkpoint],
  };

  // Once, output read back: every program must print the same 10,000 permissions, or the comparison means nothing.
  let reference;
  for (const [name, args] of Object.entries(programs)) {
    const before = server.requests.length;
    const { out } = await timeToExit(args, { stdout: 'pipe', env });
    const envelope = JSON.parse(out);
    if (envelope.data.length !== 10_000) throw new Error(`${name} listed ${envelope.data.length} permissions, not 10000`);
    const ids = envelope.data.map((p) => p.id).join(',');
    reference ??= ids;
    if (ids !== reference) throw new Error(`${name} listed other permissions (or another order) than ckpt-perms`);
    if (name === 'ckpt_perms' && server.requests.length - before !== 101)
      progress(`note: ckpt-perms made ${server.requests.length - before} requests`);
  }

  const devNull = openSync('/dev/null', 'w');
  try {
    const times = Object.fromEntries(Object.keys(programs).map((name) => [name, []]));
    const requestCounts = [];
    for (let r = -1; r < REPS.list; r++) {
      for (const [name, args] of Object.entries(programs)) {
        const before = server.requests.length;
        const { ms: t } = await timeToExit(args, { stdout: devNull, env });
        if (name === 'ckpt_perms') requestCounts.push(server.requests.length - before);
        if (r >= 0) times[name].push(t);
      }
    }
    const m = Object.fromEntries(Object.entries(times).map(([name, xs]) => [name, median(xs)]));
    const median_ms = Object.fromEntries(Object.entries(m).map(([name, x]) => [name, round(x, 1)]));
    const runs = REPS.list;
    const vs = (name) => pairs(times.ckpt_perms, times[name]);
    setFigure(
      'list_all_ratio',
      m.ckpt_perms / m.undici,
      `ckpt-perms ${m.ckpt_perms.toFixed(0)} ms ÷ undici loop ${m.undici.toFixed(0)} ms (bundled; medians of ${runs} rounds)`,
      { median_ms, runs, ...vs('undici') },
    );
    setFigure(
      'list_all_vs_sdk',
      m.ckpt_perms / m.sdk,
      `ckpt-perms ${m.ckpt_perms.toFixed(0)} ms ÷ openai SDK ${m.sdk.toFixed(0)} ms (bundled; medians of ${runs} rounds)`,
      { median_ms, runs, ...vs('sdk') },
    );
    setFigure(
      'list_all_ratio_unbundled',
      m.ckpt_perms / m.undici_unbundled,
      `÷ the undici loop run as a plain script ${m.undici_unbundled.toFixed(0)} ms`,
      { median_ms, runs, ...vs('undici_unbundled') },
    );
    setFigure(
      'list_all_vs_sdk_unbundled',
      m.ckpt_perms / m.sdk_unbundled,
      `÷ the SDK script run as a plain script ${m.sdk_unbundled.toFixed(0)} ms`,
      { median_ms, runs, ...vs('sdk_unbundled') },
    );
    const counts = [...new Set(requestCounts)];
    setFigure('requests_10k', median(requestCounts), `requests per listing of 10,000 in the demo server's log: ${counts.join(', ')}`, {
      counts: requestCounts,
    });
  } finally {
    closeSync(devNull);
  }
}

export default [
  {
    name: 'list',
    budgets: {
      list_all_ratio: { op: '<=', budget: 1.15 },
      list_all_vs_sdk: { op: '<=', budget: 0.9 },
      // From both ends: the first page alone, then 50 pairs (docs/architecture.md, 'From both ends').
      requests_10k: { op: '<=', budget: 101 },
      // Not budgeted: the listing against the baselines run as plain, unbundled scripts.
      list_all_ratio_unbundled: { op: 'report' },
      list_all_vs_sdk_unbundled: { op: 'report' },
    },
    run: benchList,
  },
];
