// Bulk revoke and multi-project share under a 30% fault rate: what the UI reports (the store's
// outcomes, marks and flash) must be exactly what the server then holds. Every item is revoked or
// shared, or listed as failed and still retryable; none is unknown.
import { afterEach, describe, expect, test } from 'vitest';
import { closeAll, harness, openAndSettle, type Harness } from '../helpers/harness';
import { waitFor } from '../helpers/wait';
import { countAs } from './figures';

afterEach(closeAll);

// 30% of requests fail, a third of those after the server has carried them out.
const FAULTS = '429:0.04,500:0.04,503:0.03,html:0.02,reset:0.04,malformed:0.03,reset-after:0.07,hang-after:0.03';

// A 429 or 5xx asks for 10 ms (retry-after-ms), not the demo's `retry-after: 1`: the same retries, less waiting.
async function faultyHarness(seed: number): Promise<Harness> {
  const h = await harness({
    maxRetries: 2,
    timeoutMs: 300,
    pageSize: 60,
    concurrency: 4,
    demo: { faultSeed: seed, faultRetry: { retryAfter: '', retryAfterMs: '10' } },
  });
  await openAndSettle(h);
  h.demo.setFaults(FAULTS);
  return h;
}

describe('bulk revoke under a 30% fault rate', () => {
  test.for([1, 2, 3])('round %i: every revoke reported as it happened, failures still marked', async (round, ctx) => {
    const figure = countAs(ctx, 'outcome');
    const h = await faultyHarness(round);
    const rows = h.state().page!.rows.slice(0, 40);
    for (let i = 0; i < rows.length; i++) h.state().toggleMark();
    expect(Object.keys(h.state().marks).sort()).toEqual(rows.map((r) => r.id).sort());
    h.state().askRevoke();
    await h.state().confirmRevoke();
    h.demo.setFaults({});

    const dialog = h.state().dialog;
    if (dialog?.kind !== 'outcomes') throw new Error(`no outcomes dialog: ${JSON.stringify(dialog)}`);
    const held = new Set(h.demo.state.permissionsOf(h.cp).map((p) => p.id));
    const reported = new Map(dialog.outcomes.map((o) => [o.permissionId, o.ok]));
    // Lost: an item with no outcome, or one whose outcome the server contradicts.
    const lost = rows.filter((row) => !reported.has(row.id) || reported.get(row.id) === held.has(row.id));
    figure.lost(lost.length);
    expect(lost.map((r) => r.id)).toEqual([]);
    expect(dialog.outcomes).toHaveLength(40);
    const failed = rows.filter((row) => reported.get(row.id) === false);
    expect(Object.keys(h.state().marks).sort()).toEqual(failed.map((r) => r.id).sort());
    expect(dialog.title).toBe(`Revoke: ${40 - failed.length} of 40 revoked`);

    // The failed ones are retried with d, y: now every one of the 40 is gone.
    if (failed.length > 0) {
      h.state().closeDialog();
      await waitFor(() => !h.state().loading, 'the table read again');
      h.state().askRevoke();
      await h.state().confirmRevoke();
      expect(Object.keys(h.state().marks)).toEqual([]);
    }
    const left = new Set(h.demo.state.permissionsOf(h.cp).map((p) => p.id));
    expect(rows.filter((r) => left.has(r.id))).toEqual([]);
  });
});

describe('multi-project share under a 30% fault rate', () => {
  test.for([1, 2, 3, 4, 5, 6])('round %i: every project reported as it happened, never granted twice', async (round, ctx) => {
    const figure = countAs(ctx, 'outcome');
    const h = await faultyHarness(round);
    // Alternate one big call (the re-read lists everything) and a small one (a filtered read per project).
    const size = round % 2 === 0 ? 12 : 4;
    const has = new Set(h.demo.state.permissionsOf(h.cp).map((p) => p.project_id));
    const free = h.demo.state
      .projects()
      .filter((p) => p.status === 'active' && !has.has(p.id))
      .slice(0, size)
      .map((p) => p.id);
    h.state().openShare();
    await waitFor(() => h.state().access.status !== 'loading', 'the access list');
    h.state().reviewShare(free);
    const review = h.state().dialog;
    if (review?.kind !== 'share-confirm') throw new Error(`no review: ${JSON.stringify(review)}`);
    const mark = h.demo.requests.length;
    await h.state().confirmShare();
    h.demo.setFaults({});

    const dialog = h.state().dialog;
    if (dialog?.kind !== 'outcomes') throw new Error(`no outcomes dialog: ${JSON.stringify(dialog)} ${JSON.stringify(h.state().flash)}`);
    const holders = h.demo.state.permissionsOf(h.cp).filter((p) => free.includes(p.project_id));
    const byProject = new Map(holders.map((p) => [p.project_id, p.id]));
    const reported = new Map(dialog.outcomes.map((o) => [o.projectId, o]));
    const lost = free.filter((id) => {
      const outcome = reported.get(id);
      if (!outcome) return true;
      return outcome.ok ? outcome.permissionId !== byProject.get(id) : byProject.has(id);
    });
    figure.lost(lost.length);
    expect(lost).toEqual([]);
    expect(dialog.outcomes.filter((o) => free.includes(o.projectId))).toHaveLength(size);
    // Never granted twice: no create was sent for a project after one that was carried out.
    const creates = h.demo.requests.slice(mark).filter((r) => r.method === 'POST');
    expect(creates.filter((r) => r.applied !== undefined || r.status === 200).length).toBeLessThanOrEqual(1);

    // The ones that failed are shared by trying again, with the faults gone.
    const failed = free.filter((id) => reported.get(id)?.ok === false);
    if (failed.length > 0) {
      h.state().closeDialog();
      h.state().openShare();
      await waitFor(() => h.state().access.status === 'ready', 'the access list');
      h.state().reviewShare(failed);
      await h.state().confirmShare();
    }
    const after = new Set(h.demo.state.permissionsOf(h.cp).map((p) => p.project_id));
    expect(free.filter((id) => !after.has(id))).toEqual([]);
  });
});
