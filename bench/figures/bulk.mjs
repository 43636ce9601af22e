// bulk_revoke_ratio: the in-process store revoking 200 marked rows (its reload included) ÷ the same client deleting
// 200 one after another, at 50 ms of API latency.
import { pathToFileURL } from 'node:url';
import { alternate, ms, now, sleep } from '../lib/common.mjs';
import { onCleanup } from '../lib/cleanup.mjs';
import { median, pairs, round } from '../lib/stats.mjs';

/** Pairs of (bulk revoke of 200, 200 deletes in a row). */
const REPS = { bulk: 3 };

async function benchBulk(ctx) {
  const { built, demo, setFigure } = ctx;
  const ui = await import(pathToFileURL(built.ui).href);
  const COUNT = 200;
  const server = await demo.startDemoServer({ permissions: COUNT * 2 * REPS.bulk + 100 });
  const closeServer = onCleanup(() => server.close());
  const checkpoint = server.checkpoints[0];
  const client = ui.createClient({ baseURL: server.baseUrl, adminApiKey: server.adminKey, apiKey: server.apiKey });
  const store = ui.createAppStore({ client, recent: ui.memoryRecent(), pageSize: 20 });
  const stop = onCleanup(async () => {
    store.getState().dispose();
    await client.close();
  });
  try {
    store.getState().openCheckpoint(checkpoint);
    const deadline = Date.now() + 10_000;
    while (!(store.getState().page && !store.getState().loading && store.getState().directory.status === 'ready')) {
      if (Date.now() > deadline) throw new Error('timed out waiting for the table');
      await sleep(5);
    }
    const all = [];
    for await (const permission of client.permissions.all(checkpoint)) all.push(permission);
    const chunks = [];
    for (let i = 0; i + COUNT <= all.length - 100; i += COUNT) chunks.push(all.slice(i, i + COUNT));
    server.setLatency(50);

    let outcomesAt = [];
    const { as, bs } = await alternate(
      REPS.bulk,
      async (i) => {
        const targets = chunks[2 * i];
        store.setState({ marks: Object.fromEntries(targets.map((p) => [p.id, p])) });
        store.getState().askRevoke();
        const dialog = store.getState().dialog;
        if (dialog?.kind !== 'revoke' || dialog.targets.length !== COUNT)
          throw new Error(`the revoke dialog holds ${dialog?.targets?.length} targets`);
        let shown;
        const unsubscribe = store.subscribe((s) => {
          if (shown === undefined && s.busy === null) shown = now();
        });
        const started = now();
        await store.getState().confirmRevoke();
        const t = ms(now() - started);
        unsubscribe();
        const outcomes = store.getState().dialog?.outcomes ?? [];
        if (outcomes.length !== COUNT || !outcomes.every((o) => o.ok))
          throw new Error(`bulk revoke: ${outcomes.filter((o) => o.ok).length} of ${COUNT} revoked`);
        store.getState().closeDialog();
        outcomesAt.push(ms(shown - started));
        return t;
      },
      async (i) => {
        const targets = chunks[2 * i + 1];
        const started = now();
        for (const permission of targets) await client.permissions.delete(checkpoint, permission.id);
        return ms(now() - started);
      },
      { warmup: false },
    );
    const a = median(as);
    const b = median(bs);
    setFigure(
      'bulk_revoke_ratio',
      a / b,
      `confirmRevoke of ${COUNT} ${(a / 1000).toFixed(2)} s ÷ ${COUNT} deletes in a row ${(b / 1000).toFixed(2)} s (50 ms latency; medians of ${REPS.bulk} pairs)`,
      {
        median_ms: { confirm_revoke: round(a, 1), outcomes_shown: round(median(outcomesAt), 1), sequential: round(b, 1) },
        runs: REPS.bulk,
        ...pairs(as, bs),
      },
    );
  } finally {
    await stop();
    await closeServer();
  }
}

export default [{ name: 'bulk', budgets: { bulk_revoke_ratio: { op: '<=', budget: 0.3 } }, run: benchBulk }];
