// Undo of the last revoke, driven through the store against the real demo API; the server’s state is checked after.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeAll, dialogOf, harness, ids, openAndSettle, projectsOn, type Harness } from '../helpers/harness';
import { sleep, waitFor } from '../helpers/wait';

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
    const revoked = h.state().lastRevoked;
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
    expect(h.state().lastRevoked).toEqual([]);

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

  it('survives paging, reload and export, but not another change or another checkpoint', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ckpt-perms-export-'));
    temporary.push(dir);
    const h = await harness({ exportDir: dir });
    await openAndSettle(h);
    const revokeFirst = async () => {
      h.state().askRevoke();
      await h.state().confirmRevoke();
      expect(h.state().lastRevoked).toHaveLength(1);
    };

    await revokeFirst();
    h.state().nextPage();
    await waitFor(() => !h.state().loading, 'page 2');
    h.state().reload();
    await waitFor(() => !h.state().loading, 'the reload');
    await h.state().exportPermissions();
    h.state().askUndo();
    expect(h.state().dialog?.kind).toBe('undo');
    h.state().closeDialog();

    // A share since the revoke.
    const free = h.state().directory.active.find((p) => !projectsOn(h, h.cp).has(p.id))!;
    h.state().reviewShare([free.id]);
    await h.state().confirmShare();
    h.state().closeDialog();
    h.state().askUndo();
    expect(h.state().flash?.text).toBe('Nothing to undo');

    // Another checkpoint.
    await revokeFirst();
    await openAndSettle(h, h.demo.checkpoints[1]!);
    h.state().askUndo();
    expect(h.state().flash?.text).toBe('Nothing to undo');
  });
});
