// The undo stack (revokes and shares, undone last first), driven through the store against the real demo API; the
// server’s state is checked after.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeAll, dialogOf, harness, ids, openAndSettle, projectsOn, type Harness } from '../helpers/harness';
import { sleep, waitFor } from '../helpers/wait';
import { unfinishedReport } from '../../src/store/slices/ui';

const temporary: string[] = [];
afterEach(async () => {
  await closeAll();
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const posts = (h: Harness, mark: number) => h.since(mark, 'POST');

describe('undo', () => {
  it('u after a bulk revoke of 3 shares the checkpoint again with those projects, under new permission ids', async () => {
    const h = await harness();
    await openAndSettle(h);
    for (let i = 0; i < 3; i++) h.state().toggleMark();
    h.state().askRevoke();
    await h.state().confirmRevoke();
    const revoked = h.state().undoSteps.at(-1)!.permissions;
    expect(revoked).toHaveLength(3);
    const projects = revoked.map((p) => p.project_id);
    for (const id of projects) expect(projectsOn(h, h.cp).has(id)).toBe(false);
    h.state().closeDialog();
    await waitFor(() => !h.state().loading, 'the reload after the revoke');

    const mark = h.demo.requests.length;
    h.state().askUndo();
    expect(dialogOf(h, 'undo').permissions).toEqual(revoked);
    // Two y's: one create call.
    await Promise.all([h.state().confirmUndo(), h.state().confirmUndo()]);
    expect(posts(h, mark)).toBe(1);

    const now = h.demo.state.permissionsOf(h.cp);
    for (const id of projects) expect(projectsOn(h, h.cp).has(id)).toBe(true);
    const renewed = now.filter((p) => projects.includes(p.project_id));
    expect(renewed).toHaveLength(3);
    for (const p of renewed) expect(ids(revoked)).not.toContain(p.id);
    expect(now).toHaveLength(137);
    const { outcomes } = dialogOf(h, 'outcomes');
    expect(outcomes.map((o) => [o.projectId, o.ok, o.permissionId])).toEqual(
      projects.map((id) => [id, true, renewed.find((p) => p.project_id === id)!.id]),
    );
    expect(h.state().flash).toMatchObject({ tone: 'success', text: expect.stringMatching(/^Undone: 3 projects have access again/) });
    expect(h.state().undoSteps).toEqual([]);

    h.state().closeDialog();
    h.state().askUndo();
    expect(h.state().dialog).toBeNull();
    expect(h.state().flash).toEqual({ tone: 'info', text: 'Nothing to undo' });
  });

  it('u with nothing to undo says so and sends nothing; n in the dialog changes nothing', async () => {
    const h = await harness();
    await openAndSettle(h);
    const mark = h.demo.requests.length;
    h.state().askUndo();
    expect(h.state().flash).toEqual({ tone: 'info', text: 'Nothing to undo' });
    expect(h.state().dialog).toBeNull();

    h.state().askRevoke();
    await h.state().confirmRevoke();
    h.state().askUndo();
    expect(h.state().dialog?.kind).toBe('undo');
    h.state().closeDialog();
    expect(h.state().flash?.text).toBe('Not shared again: nothing was changed');
    await sleep(20);
    expect(posts(h, mark)).toBe(0);
    expect(h.demo.state.permissionsOf(h.cp)).toHaveLength(136);
  });

  // Issue 28 item 5: the stack is "for the run" and "every revoke and share ... is a step", so neither a share since nor
  // another checkpoint empties it any more (they did when u undid only the last revoke).
  it('survives paging, reload, export and another checkpoint; a share since is undone first', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ckpt-perms-export-'));
    temporary.push(dir);
    const h = await harness({ exportDir: dir });
    await openAndSettle(h);
    const first = h.state().page!.rows[0]!;
    h.state().askRevoke();
    await h.state().confirmRevoke();
    expect(h.state().undoSteps).toHaveLength(1);

    h.state().nextPage();
    await waitFor(() => !h.state().loading, 'page 2');
    h.state().reload();
    await waitFor(() => !h.state().loading, 'the reload');
    await h.state().exportPermissions();
    h.state().askUndo();
    expect(dialogOf(h, 'undo')).toMatchObject({ change: 'revoke', permissions: [first] });
    h.state().closeDialog();

    // A share since the revoke: u offers it first.
    const free = h.state().directory.active.find((p) => !projectsOn(h, h.cp).has(p.id))!;
    h.state().reviewShare([free.id]);
    await h.state().confirmShare();
    h.state().closeDialog();
    h.state().askUndo();
    expect(dialogOf(h, 'undo')).toMatchObject({ change: 'share', checkpoint: h.cp, permissions: [{ project_id: free.id }] });
    h.state().closeDialog();
    expect(h.state().flash?.text).toBe('Not undone: nothing was changed');

    // Another checkpoint: the step is still there, and the dialog names the checkpoint it was made on.
    await openAndSettle(h, h.demo.checkpoints[1]!);
    h.state().askUndo();
    expect(dialogOf(h, 'undo')).toMatchObject({ change: 'share', checkpoint: h.cp });
  });
});

describe('the undo stack', () => {
  it('two revokes, then u twice: the second revoke comes back, then the first (a bulk revoke is one step)', async () => {
    const h = await harness();
    await openAndSettle(h);
    const single = h.state().page!.rows[0]!;
    h.state().askRevoke();
    await h.state().confirmRevoke();
    await waitFor(() => !h.state().loading, 'the reload after the revoke');
    for (let i = 0; i < 3; i++) h.state().toggleMark();
    const bulk = Object.values(h.state().marks);
    h.state().askRevoke();
    await h.state().confirmRevoke();
    h.state().closeDialog();
    await waitFor(() => !h.state().loading, 'the reload after the bulk revoke');
    for (const p of [single, ...bulk]) expect(projectsOn(h, h.cp).has(p.project_id)).toBe(false);

    // The bulk revoke first, all three in one create call.
    let mark = h.demo.requests.length;
    h.state().askUndo();
    expect(dialogOf(h, 'undo')).toMatchObject({ change: 'revoke', checkpoint: h.cp, permissions: bulk });
    await h.state().confirmUndo();
    expect(posts(h, mark)).toBe(1);
    for (const p of bulk) expect(projectsOn(h, h.cp).has(p.project_id)).toBe(true);
    expect(projectsOn(h, h.cp).has(single.project_id)).toBe(false);
    h.state().closeDialog();
    await waitFor(() => !h.state().loading, 'the reload after the undo');

    // Then the single revoke before it.
    mark = h.demo.requests.length;
    h.state().askUndo();
    expect(dialogOf(h, 'undo')).toMatchObject({ change: 'revoke', checkpoint: h.cp, permissions: [single] });
    await h.state().confirmUndo();
    expect(posts(h, mark)).toBe(1);
    expect(projectsOn(h, h.cp).has(single.project_id)).toBe(true);
    expect(h.demo.state.permissionsOf(h.cp)).toHaveLength(137);
    expect(h.state().flash?.text).toMatch(/^Undone: 1 project has access again/);
    h.state().closeDialog();

    h.state().askUndo();
    expect(h.state().dialog).toBeNull();
    expect(h.state().flash).toEqual({ tone: 'info', text: 'Nothing to undo' });
  });

  it('a share, then u: exactly the permissions it granted are revoked, one DELETE each', async () => {
    const h = await harness();
    await openAndSettle(h);
    const before = ids(h.demo.state.permissionsOf(h.cp)).sort();
    const free = h
      .state()
      .directory.active.filter((p) => !projectsOn(h, h.cp).has(p.id))
      .slice(0, 2);
    h.state().reviewShare(free.map((p) => p.id));
    await h.state().confirmShare();
    const granted = h.demo.state.permissionsOf(h.cp).filter((p) => free.some((f) => f.id === p.project_id));
    expect(granted).toHaveLength(2);
    h.state().closeDialog();
    await waitFor(() => !h.state().loading, 'the reload after the share');

    const mark = h.demo.requests.length;
    h.state().askUndo();
    expect(dialogOf(h, 'undo')).toMatchObject({ change: 'share', checkpoint: h.cp });
    expect(ids(dialogOf(h, 'undo').permissions).sort()).toEqual(ids(granted).sort());
    await h.state().confirmUndo();
    const deleted = h.demo.requests.slice(mark).filter((r) => r.method === 'DELETE');
    expect(deleted.map((r) => r.path.split('/').pop()).sort()).toEqual(ids(granted).sort());
    expect(posts(h, mark)).toBe(0);
    expect(ids(h.demo.state.permissionsOf(h.cp)).sort()).toEqual(before);
    expect(dialogOf(h, 'outcomes').title).toBe('Undo: 2 of 2 projects no longer have access');
    expect(h.state().flash).toEqual({ tone: 'success', text: 'Undone: 2 projects no longer have access (the share is revoked)' });
    h.state().closeDialog();
    h.state().askUndo();
    expect(h.state().flash?.text).toBe('Nothing to undo');
  });

  it('the flash after a revoke (single, bulk, in the project view) and a share says u undoes it', async () => {
    const h = await harness();
    await openAndSettle(h);
    h.state().askRevoke();
    await h.state().confirmRevoke();
    expect(h.state().flash).toMatchObject({ tone: 'success', text: expect.stringMatching(/^Revoked proj_.* · u undoes$/) });
    await waitFor(() => !h.state().loading, 'the reload after the revoke');
    for (let i = 0; i < 2; i++) h.state().toggleMark();
    h.state().askRevoke();
    await h.state().confirmRevoke();
    expect(h.state().flash).toEqual({ tone: 'success', text: 'Revoked 2 permissions · u undoes', end: ' · u undoes' });
    h.state().closeDialog();
    await waitFor(() => !h.state().loading, 'the reload after the bulk revoke');
    const free = h.state().directory.active.find((p) => !projectsOn(h, h.cp).has(p.id))!;
    h.state().reviewShare([free.id]);
    await h.state().confirmShare();
    expect(h.state().flash).toEqual({ tone: 'success', text: 'Shared with 1 project · u undoes', end: ' · u undoes' });
    h.state().closeDialog();
    await waitFor(() => !h.state().loading, 'the reload after the share');

    h.state().openProject();
    await waitFor(() => h.state().project?.status === 'ready', 'the project view');
    h.state().askProjectRevoke();
    await h.state().confirmProjectRevoke();
    expect(h.state().flash).toMatchObject({ tone: 'success', text: expect.stringMatching(/^Revoked proj_.* on ft:.* · u undoes$/) });
    expect(h.state().undoSteps.map((s) => s.change)).toEqual(['revoke', 'revoke', 'share', 'revoke']);
  });

  it('a sync cannot be undone, so the steps on its checkpoint before it go; those on other checkpoints stay', async () => {
    const h = await harness();
    const [elsewhere, target, source] = [h.demo.checkpoints[0]!, h.demo.checkpoints[1]!, h.demo.checkpoints[2]!];
    await openAndSettle(h, elsewhere);
    const kept = h.state().page!.rows[0]!;
    h.state().askRevoke();
    await h.state().confirmRevoke();
    await openAndSettle(h, target);
    h.state().askRevoke();
    await h.state().confirmRevoke();
    expect(h.state().undoSteps.map((s) => s.checkpoint)).toEqual([elsewhere, target]);

    h.state().askSync();
    h.state().pickSyncSource(source);
    await waitFor(() => h.state().dialog?.kind === 'sync-plan', 'the plan');
    expect(dialogOf(h, 'sync-plan').plan.add.length).toBeGreaterThan(0);
    await h.state().confirmSync();
    expect(dialogOf(h, 'outcomes').outcomes.some((o) => o.ok)).toBe(true);
    h.state().closeDialog();

    h.state().askUndo();
    expect(dialogOf(h, 'undo')).toMatchObject({ change: 'revoke', checkpoint: elsewhere, permissions: [kept] });
  });

  it('a quit while a share is undone reports it as revoking, not sharing again', async () => {
    const h = await harness();
    await openAndSettle(h);
    const free = h.state().directory.active.find((p) => !projectsOn(h, h.cp).has(p.id))!;
    h.state().reviewShare([free.id]);
    await h.state().confirmShare();
    h.state().closeDialog();
    await waitFor(() => !h.state().loading, 'the reload after the share');
    h.state().askUndo();
    h.demo.setLatency(200);
    const running = h.state().confirmUndo();
    await waitFor(() => h.state().progress !== null, 'the undo to start');
    const report = unfinishedReport(h.state());
    expect(report[0]).toBe(`quit while revoking (undo) 1 project on ${h.cp}:`);
    await running;
    expect(unfinishedReport(h.state())).toEqual([]);
  });

  it('an undo that fails leaves its step on top, for u to try again', async () => {
    const h = await harness({ maxRetries: 0 });
    await openAndSettle(h);
    const target = h.state().page!.rows[0]!;
    h.state().askRevoke();
    await h.state().confirmRevoke();
    h.demo.injectFault('500', { method: 'POST' });
    h.state().askUndo();
    await h.state().confirmUndo();
    expect(h.state().flash?.text).toMatch(/^Not undone: /);
    expect(projectsOn(h, h.cp).has(target.project_id)).toBe(false);
    h.state().closeDialog();
    h.state().askUndo();
    expect(dialogOf(h, 'undo')).toMatchObject({ change: 'revoke', permissions: [target] });
    await h.state().confirmUndo();
    expect(projectsOn(h, h.cp).has(target.project_id)).toBe(true);
    expect(h.state().undoSteps).toEqual([]);
  });
});
