// The project view (every checkpoint a project can use), driven through the store against the real demo API.
import { afterEach, describe, expect, it } from 'vitest';
import { memoryRecent } from '../../src/store/recent';
import { closeAll, dialogOf, harness, ids, openAndSettle, projectsOn, type Harness } from '../helpers/harness';
import { waitFor } from '../helpers/wait';

afterEach(closeAll);

const deletes = (h: Harness, mark: number) => h.since(mark, 'DELETE');

describe('project view', () => {
  /** An active project with no access to any checkpoint, shared on `on` through the client. */
  async function shareOne(h: Harness, on: string[]): Promise<string> {
    const taken = new Set(h.demo.checkpoints.flatMap((c) => [...projectsOn(h, c)]));
    const project = h.demo.state.projects().find((p) => p.status === 'active' && !taken.has(p.id))!;
    for (const checkpoint of on) await h.client.permissions.create(checkpoint, [project.id]);
    return project.id;
  }

  it('Enter on a row finds exactly the checkpoints its project can use, across all twelve, with progress', async () => {
    const h = await harness();
    const all = h.demo.checkpoints;
    expect(all).toHaveLength(12);
    const on = all.filter((_, i) => i % 4 !== 3); // 9 of the 12
    const projectId = await shareOne(h, on);
    const table = on[1]!;
    await openAndSettle(h, table);
    h.state().setFilter(projectId);
    await waitFor(() => !h.state().loading && h.state().filter === projectId, 'the filtered page');
    expect(h.state().page!.rows.map((r) => r.project_id)).toEqual([projectId]);

    const progress: [number, number][] = [];
    const stop = h.store.subscribe((s) => {
      const last = progress.at(-1);
      if (s.project && s.project.status === 'checking' && (last?.[0] !== s.project.done || last?.[1] !== s.project.total))
        progress.push([s.project.done, s.project.total]);
    });
    h.demo.setLatency(15);
    const mark = h.demo.requests.length;
    h.state().openProject();
    expect(h.state().screen).toBe('project');
    expect(h.state().project).toMatchObject({ projectId, status: 'listing' });
    await waitFor(() => h.state().project?.status === 'ready', 'the lookups');
    stop();
    h.demo.setLatency(0);

    const view = h.state().project!;
    expect(view.total).toBe(12);
    expect(view.failed).toEqual([]);
    // Exactly where the server has it, with the server's permission ids; the table's checkpoint first.
    expect(view.rows.map((r) => r.checkpoint).sort()).toEqual([...on].sort());
    expect(view.rows[0]!.checkpoint).toBe(table);
    for (const row of view.rows) {
      expect(row.permission).toEqual(h.demo.state.permissionsOf(row.checkpoint).find((p) => p.project_id === projectId));
    }
    // One filtered lookup per checkpoint; the progress counted up to 12.
    const lookups = h.demo.requests.slice(mark).filter((r) => r.method === 'GET' && r.query.project_id === projectId);
    expect(lookups.map((r) => r.path).sort()).toEqual(all.map((c) => h.permissionsPath(c)).sort());
    expect(progress[0]).toEqual([0, 12]);
    expect(progress.at(-1)).toEqual([12, 12]);
    expect(progress.map(([done]) => done)).toEqual([...progress.map(([done]) => done)].sort((a, b) => a - b));
    expect(progress.length).toBeGreaterThan(3);

    // d on another checkpoint's row: the dialog names project, checkpoint, permission; y revokes it there.
    h.state().moveProjectCursor(2);
    const victim = view.rows[2]!;
    expect(victim.checkpoint).not.toBe(table);
    h.state().askProjectRevoke();
    expect(dialogOf(h, 'project-revoke')).toMatchObject({ projectId, checkpoint: victim.checkpoint, permission: victim.permission });
    await h.state().confirmProjectRevoke();
    expect(projectsOn(h, victim.checkpoint).has(projectId)).toBe(false);
    expect(h.state().project!.rows.map((r) => r.checkpoint)).toEqual(
      view.rows.map((r) => r.checkpoint).filter((c) => c !== victim.checkpoint),
    );
    expect(h.state().flash).toMatchObject({
      tone: 'success',
      text: expect.stringContaining(`on ${victim.checkpoint} (${victim.permission.id})`),
    });
    // Every other checkpoint still has it.
    for (const c of on.filter((c) => c !== victim.checkpoint)) expect(projectsOn(h, c).has(projectId)).toBe(true);

    // The table's own row too; Esc goes back to the table, which is read again.
    h.state().moveProjectCursor(-10);
    h.state().askProjectRevoke();
    expect(dialogOf(h, 'project-revoke').checkpoint).toBe(table);
    await h.state().confirmProjectRevoke();
    const before = h.demo.requests.length;
    h.state().goBack();
    expect(h.state().screen).toBe('table');
    await waitFor(() => !h.state().loading && h.since(before, 'GET', h.permissionsPath(table)) > 0, 'the reload');
    expect(h.state().page!.rows).toEqual([]);
    expect(projectsOn(h, table).has(projectId)).toBe(false);
  });

  it('lists a failed lookup with its reason; n in the dialog revokes nothing', async () => {
    const h = await harness({ withoutApiKey: true, maxRetries: 0, recent: () => memoryRecent([]) });
    const on = h.demo.checkpoints.slice(0, 4);
    const projectId = await shareOne(h, on);
    // Without a project key the jobs cannot be listed: the candidates are the recent checkpoints.
    for (const c of [...on].reverse()) await openAndSettle(h, c);
    h.state().setFilter(projectId);
    await waitFor(() => !h.state().loading && h.state().filter === projectId, 'the filtered page');
    h.demo.injectFault('500');
    h.state().openProject();
    await waitFor(() => h.state().project?.status === 'ready', 'the lookups');
    const view = h.state().project!;
    expect(view.total).toBe(4);
    expect(view.failed).toHaveLength(1);
    expect(view.failed[0]!.reason).toMatch(/^500 /);
    expect([...view.rows.map((r) => r.checkpoint), view.failed[0]!.checkpoint].sort()).toEqual([...on].sort());

    const mark = h.demo.requests.length;
    h.state().askProjectRevoke();
    h.state().closeDialog();
    expect(h.state().flash?.text).toBe('Not revoked: nothing was changed');
    expect(deletes(h, mark)).toBe(0);
    expect(h.state().project!.rows).toHaveLength(3);
  });
  it('skips a recent checkpoint that no longer exists (or is another organization’s) and drops it from the recent list', async () => {
    const gone = 'ft:gpt-4o-mini-2024-07-18:other-org:elsewhere:Zx9Yw8Vu';
    const saved: string[][] = [];
    const h = await harness({
      withoutApiKey: true,
      recent: () => {
        const memory = memoryRecent([gone]);
        return { load: memory.load, save: (ids) => (saved.push([...ids]), memory.save(ids)) };
      },
    });
    const on = h.demo.checkpoints.slice(0, 2);
    const projectId = await shareOne(h, on);
    for (const c of [...on].reverse()) await openAndSettle(h, c);
    expect(h.state().recent).toEqual([on[0], on[1], gone]);
    h.state().setFilter(projectId);
    await waitFor(() => !h.state().loading && h.state().filter === projectId, 'the filtered page');
    h.state().openProject();
    await waitFor(() => h.state().project?.status === 'ready', 'the lookups');
    const view = h.state().project!;
    expect(view.failed).toEqual([]);
    expect(view.rows.map((r) => r.checkpoint).sort()).toEqual([...on].sort());
    expect(view.note).toMatch(/skipped 1 recent checkpoint that no longer exist/);
    expect(h.state().recent).toEqual([on[0], on[1]]);
    expect(saved.at(-1)).toEqual([on[0], on[1]]);
  });
});
