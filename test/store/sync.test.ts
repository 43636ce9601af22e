// Sync into the open checkpoint from a picked source, driven through the store against the real demo API; the server’s state is checked after.
import { afterEach, describe, expect, it } from 'vitest';
import { closeAll, dialogOf, harness, ids, openAndSettle, projectsOn, type Harness } from '../helpers/harness';
import { sleep, waitFor } from '../helpers/wait';

afterEach(closeAll);

/** Picks `source` for a sync into the open checkpoint and waits for the plan (or for the planning to end). */
async function planFrom(h: Harness, source: string): Promise<void> {
  h.state().askSync();
  expect(h.state().screen).toBe('picker');
  h.state().pickSyncSource(source);
  expect(h.state().screen).toBe('table');
  await waitFor(() => h.state().busy === null, 'the plan');
}

const posts = (h: Harness, mark: number) => h.since(mark, 'POST');
const deletes = (h: Harness, mark: number) => h.since(mark, 'DELETE');

describe('sync', () => {
  it('s picks a source in the picker, the plan lists what the source has and this checkpoint lacks, y makes this one a superset', async () => {
    const h = await harness();
    const [target, source] = [h.demo.checkpoints[1]!, h.demo.checkpoints[2]!];
    await openAndSettle(h, target);
    const before = projectsOn(h, target);
    const sourceProjects = projectsOn(h, source);
    const mark = h.demo.requests.length;

    h.state().askSync();
    expect(h.state()).toMatchObject({ screen: 'picker', syncTarget: target });
    h.state().pickSyncSource(source);
    expect(h.state()).toMatchObject({ screen: 'table', busy: 'plan', syncTarget: undefined });
    expect(h.state().flash).toEqual({ tone: 'info', text: 'Reading both checkpoints…' });
    await waitFor(() => h.state().dialog?.kind === 'sync-plan', 'the plan');

    const { plan } = dialogOf(h, 'sync-plan');
    const toAdd = [...sourceProjects].filter((id) => !before.has(id)).sort();
    expect(toAdd.length).toBeGreaterThan(0);
    expect(plan).toMatchObject({ from: source, to: target, prune: false, add: toAdd, remove: [] });
    expect(plan.unchanged).toEqual([...sourceProjects].filter((id) => before.has(id)).sort());
    expect(plan.kept).toEqual([...before].filter((id) => !sourceProjects.has(id)).sort());
    // Planning only reads.
    expect(posts(h, mark) + deletes(h, mark)).toBe(0);
    expect(projectsOn(h, target)).toEqual(before);

    await h.state().confirmSync();
    const after = projectsOn(h, target);
    for (const id of sourceProjects) expect(after.has(id), `${id} has access after the sync`).toBe(true);
    for (const id of before) expect(after.has(id), `${id} kept its access`).toBe(true);
    expect(after.size).toBe(before.size + toAdd.length);
    expect(posts(h, mark)).toBe(1);
    expect(deletes(h, mark)).toBe(0);

    // Every project's outcome, each with the permission the server now has.
    const { outcomes } = dialogOf(h, 'outcomes');
    expect(outcomes.map((o) => o.projectId)).toEqual(toAdd);
    const serverIds = new Map(h.demo.state.permissionsOf(target).map((p) => [p.project_id, p.id]));
    for (const o of outcomes) expect(o).toMatchObject({ ok: true, action: 'add', permissionId: serverIds.get(o.projectId) });
    expect(h.state().flash).toEqual({ tone: 'success', text: `Synced: ${toAdd.length} added` });
    // The table shows the server's newest rows: the new permissions.
    await waitFor(() => !h.state().loading, 'the reload');
    expect(ids(h.state().page!.rows)).toEqual(ids(h.newestFirst(target).slice(0, 10)));
  });

  it('p prunes: the plan names the projects to remove, y makes the sets equal; a second plan finds them in sync', async () => {
    const h = await harness();
    const [target, source] = [h.demo.checkpoints[1]!, h.demo.checkpoints[3]!];
    await openAndSettle(h, target);
    const before = projectsOn(h, target);
    const sourceProjects = projectsOn(h, source);
    await planFrom(h, source);
    expect(dialogOf(h, 'sync-plan').plan.remove).toEqual([]);

    h.state().toggleSyncPrune();
    expect(h.state().busy).toBe('plan');
    // y while the pruned plan is being read sends nothing.
    const mark = h.demo.requests.length;
    await h.state().confirmSync();
    await waitFor(() => h.state().busy === null, 'the pruned plan');
    expect(posts(h, mark) + deletes(h, mark)).toBe(0);
    const { plan } = dialogOf(h, 'sync-plan');
    const toRemove = h.demo.state.permissionsOf(target).filter((p) => !sourceProjects.has(p.project_id));
    expect(toRemove.length).toBeGreaterThan(0);
    expect(plan.prune).toBe(true);
    expect(ids(plan.remove).sort()).toEqual(ids(toRemove).sort());
    expect(plan.kept).toEqual([]);

    await h.state().confirmSync();
    expect(projectsOn(h, target)).toEqual(sourceProjects);
    expect(deletes(h, mark)).toBe(toRemove.length);
    const { outcomes } = dialogOf(h, 'outcomes');
    expect(
      outcomes
        .filter((o) => o.action === 'remove')
        .map((o) => o.permissionId)
        .sort(),
    ).toEqual(ids(toRemove).sort());
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(h.state().flash?.text).toBe(`Synced: ${plan.add.length} added, ${toRemove.length} removed`);
    expect(before.size).not.toBe(sourceProjects.size);

    // Now equal: the next sync from there says so, and opens no dialog.
    h.state().closeDialog();
    const again = h.demo.requests.length;
    await planFrom(h, source);
    expect(h.state().dialog).toBeNull();
    expect(h.state().flash?.text).toMatch(/^Already in sync/);
    expect(posts(h, again) + deletes(h, again)).toBe(0);
  });

  it('a failed create is reported for every project it was to add, and nothing changes', async () => {
    const h = await harness({ maxRetries: 0 });
    const [target, source] = [h.demo.checkpoints[1]!, h.demo.checkpoints[2]!];
    await openAndSettle(h, target);
    const before = h.demo.state.permissionsOf(target);
    await planFrom(h, source);
    const { plan } = dialogOf(h, 'sync-plan');
    h.demo.injectFault('500', { method: 'POST' });
    await h.state().confirmSync();
    const { outcomes } = dialogOf(h, 'outcomes');
    expect(outcomes.map((o) => o.projectId)).toEqual(plan.add);
    for (const o of outcomes) {
      expect(o.ok).toBe(false);
      expect(o.reason).toMatch(/^500 /);
    }
    expect(h.state().flash?.tone).toBe('error');
    expect(h.state().flash?.text).toMatch(/^Not synced: 500 /);
    expect(ids(h.demo.state.permissionsOf(target))).toEqual(ids(before));
  });

  it('with prune, one failed removal is reported with its reason and the others go through', async () => {
    const h = await harness({ maxRetries: 0 });
    const target = h.demo.checkpoints[6]!;
    const before = h.demo.state.permissionsOf(target);
    expect(before.length).toBeGreaterThan(2);
    await openAndSettle(h, target);
    // From the empty checkpoint: nothing to add, so "already in sync", but the dialog stays for p.
    await planFrom(h, h.demo.emptyCheckpoint);
    expect(h.state().flash?.text).toMatch(/^The source shares with no project: nothing to add; p would remove all \d+ projects/);
    expect(dialogOf(h, 'sync-plan').plan.kept).toHaveLength(before.length);
    h.state().toggleSyncPrune();
    await waitFor(() => h.state().busy === null, 'the pruned plan');
    expect(dialogOf(h, 'sync-plan').plan.remove).toHaveLength(before.length);

    // Aimed at the DELETEs: a page or directory read running meanwhile must not take it.
    h.demo.injectFault('500', { method: 'DELETE' });
    await h.state().confirmSync();
    const { outcomes } = dialogOf(h, 'outcomes');
    expect(outcomes).toHaveLength(before.length);
    const failed = outcomes.filter((o) => !o.ok);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ action: 'remove', reason: expect.stringMatching(/^500 /) });
    // The server kept exactly the one whose removal failed.
    expect(ids(h.demo.state.permissionsOf(target))).toEqual([failed[0]!.permissionId]);
    expect(h.state().flash).toMatchObject({
      tone: 'warning',
      text: expect.stringMatching(/^Synced in part: 0 added, \d+ removed, 1 failed/),
    });
  });

  it('a second y while the sync runs sends nothing', async () => {
    const h = await harness();
    const [target, source] = [h.demo.checkpoints[1]!, h.demo.checkpoints[2]!];
    await openAndSettle(h, target);
    await planFrom(h, source);
    const mark = h.demo.requests.length;
    h.demo.setLatency(100);
    const first = h.state().confirmSync();
    expect(h.state().busy).toBe('sync');
    await h.state().confirmSync();
    h.state().askRevoke();
    expect(h.state().flash?.text).toBe('Wait for the running sync to finish');
    await first;
    expect(posts(h, mark)).toBe(1);
  });

  it('refuses the checkpoint itself as the source; Esc in the picker and n in the plan change nothing', async () => {
    const h = await harness();
    const target = h.demo.checkpoints[1]!;
    await openAndSettle(h, target);
    const mark = h.demo.requests.length;
    h.state().askSync();
    h.state().pickSyncSource(target);
    expect(h.state().screen).toBe('picker');
    expect(h.state().flash?.tone).toBe('error');
    h.state().cancelSyncSource();
    expect(h.state()).toMatchObject({ screen: 'table', syncTarget: undefined });
    expect(h.state().flash?.text).toBe('Not synced: nothing was changed');

    await planFrom(h, h.demo.checkpoints[2]!);
    h.state().closeDialog();
    expect(h.state().dialog).toBeNull();
    expect(h.state().flash?.text).toBe('Not synced: nothing was changed');
    await sleep(20);
    expect(posts(h, mark) + deletes(h, mark)).toBe(0);
  });

  it('a retry while both checkpoints are read says Esc cancels, and Esc does', async () => {
    const h = await harness({ maxRetries: 1 });
    await openAndSettle(h, h.demo.checkpoints[1]!);
    h.state().askSync();
    await waitFor(() => h.state().jobs.status === 'ready', 'the jobs of the picker');
    h.demo.injectFault('429', { retryAfter: '5', path: '/fine_tuning/checkpoints' });
    h.state().pickSyncSource(h.demo.checkpoints[2]!);
    await waitFor(() => h.state().flash?.text.includes('retrying in 5 s') === true, 'the retry notice');
    expect(h.state().flash?.text).toMatch(/^rate limited \(429\), retrying in 5 s · Esc cancels$/);
    h.state().cancelRunning();
    await waitFor(() => h.state().busy === null, 'the end of the planning');
    expect(h.state().flash?.text).toBe('Sync cancelled: nothing was changed');
  });

  it('Esc while both checkpoints are read stops the reading: no plan opens', async () => {
    const h = await harness();
    await openAndSettle(h, h.demo.checkpoints[1]!);
    h.demo.setLatency(200);
    h.state().askSync();
    h.state().pickSyncSource(h.demo.checkpoints[2]!);
    expect(h.state().busy).toBe('plan');
    h.state().cancelRunning();
    await waitFor(() => h.state().busy === null, 'the end of the planning');
    expect(h.state().flash?.text).toBe('Sync cancelled: nothing was changed');
    await sleep(250);
    expect(h.state().dialog).toBeNull();
  });
});
