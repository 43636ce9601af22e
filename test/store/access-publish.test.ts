// Which projects already have access is read behind the share screen, 10,000 permissions in 100 pages: it is shown as it
// is read, but at most every PUBLISH_MS (each showing marks and orders every project on the screen), into one set grown
// in place, and a picked project's own check adds to that set.
import { afterEach, expect, it } from 'vitest';
import { closeAll, harness } from '../helpers/harness';
import { waitFor } from '../helpers/wait';
import { PUBLISH_MS } from '../../src/store/directory-walk';

afterEach(closeAll);

/** Opens the share screen on a checkpoint with 10,000 permissions; what was shown of its access, until all is read. */
async function accessShown(now: () => number) {
  const h = await harness({ demo: { projects: 10_000, permissions: 10_000 }, now });
  h.state().openCheckpoint(h.cp);
  await waitFor(() => h.state().page !== null, 'the first page');
  const shown: { status: string; count: number }[] = [];
  const unsubscribe = h.store.subscribe((state, previous) => {
    if (state.access !== previous.access) shown.push({ status: state.access.status, count: Object.keys(state.access.projectIds).length });
  });
  h.state().openShare();
  await waitFor(() => h.state().access.status === 'ready', 'every permission read', 60_000);
  unsubscribe();
  const holders = new Set(h.demo.state.permissionsOf(h.cp).map((p) => p.project_id));
  expect(Object.keys(h.state().access.projectIds)).toHaveLength(holders.size);
  expect(shown.at(-1)).toEqual({ status: 'ready', count: holders.size });
  return shown.filter((s) => s.status === 'loading');
}

it('while the clock stands still, shows no page of it until all is read (not one showing a page)', async () => {
  const loading = await accessShown(() => 0);
  expect(loading).toEqual([{ status: 'loading', count: 0 }]);
});

it('shows what has been read as it is read, each showing holding what the one before held', async () => {
  let t = 0;
  const loading = await accessShown(() => (t += PUBLISH_MS));
  expect(loading.length).toBeGreaterThan(2);
  for (let i = 1; i < loading.length; i++) expect(loading[i]!.count).toBeGreaterThanOrEqual(loading[i - 1]!.count);
  expect(loading.at(-1)!.count).toBeGreaterThan(0);
});
