// Sync, the project view, export and undo, driven through the store against the real demo API; the server's state is checked after.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Permission } from '../../src/api/types';
import { EXPORT_COLUMNS, exportFileName } from '../../src/ops/export';
import type { Dialog } from '../../src/store/app-store';
import { memoryRecent } from '../../src/store/recent';
import { closeAll, harness, ids, openAndSettle, sleep, waitFor, type Harness } from './helpers';

const temporary: string[] = [];
afterEach(async () => {
  await closeAll();
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The project ids with access to `checkpoint`, as the server has them. */
const projectsOn = (h: Harness, checkpoint: string) => new Set(h.demo.state.permissionsOf(checkpoint).map((p) => p.project_id));

function dialogOf<K extends Dialog['kind']>(h: Harness, kind: K): Extract<Dialog, { kind: K }> {
  const dialog = h.state().dialog;
  if (dialog?.kind !== kind) throw new Error(`expected a ${kind} dialog, got ${dialog?.kind ?? 'none'}`);
  return dialog as Extract<Dialog, { kind: K }>;
}

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
    expect(h.state().flash?.text).toMatch(/^Already in sync: .*only here \(p removes them\)/);
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

  it('Esc while both checkpoints are read stops the reading: no plan opens', async () => {
    const h = await harness();
    await openAndSettle(h, h.demo.checkpoints[1]!);
    h.demo.setLatency(200);
    h.state().askSync();
    h.state().pickSyncSource(h.demo.checkpoints[2]!);
    expect(h.state().busy).toBe('plan');
    h.state().cancelLoad();
    await waitFor(() => h.state().busy === null, 'the end of the planning');
    expect(h.state().flash?.text).toBe('Sync cancelled: nothing was changed');
    await sleep(250);
    expect(h.state().dialog).toBeNull();
  });
});

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
    const h = await harness({ withoutApiKey: true, maxRetries: 0, recent: memoryRecent([]) });
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
});

/** RFC 4180: fields separated by commas, records by CRLF, quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field === '') quoted = true;
    else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += char;
  }
  if (field !== '' || record.length > 0) throw new Error('the CSV does not end with CRLF');
  return records;
}

describe('export', () => {
  const exportDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'ckpt-perms-export-'));
    temporary.push(dir);
    return dir;
  };

  it('e writes every permission with its project to <checkpoint>.permissions.csv; the file reads back as the server has them', async () => {
    const dir = exportDir();
    const h = await harness({ exportDir: dir });
    await openAndSettle(h);
    const mark = h.demo.requests.length;
    const running = h.state().exportPermissions();
    expect(h.state().busy).toBe('export');
    await running;
    const file = join(dir, exportFileName(h.cp, 'csv'));
    expect(h.state().flash).toMatchObject({ tone: 'success', text: `Exported 137 permissions to ${file}` });
    expect(h.since(mark, 'POST') + h.since(mark, 'DELETE')).toBe(0);
    // Written whole, then renamed: no temporary file is left beside it.
    expect(readdirSync(dir)).toEqual([exportFileName(h.cp, 'csv')]);

    const [header, ...rows] = parseCsv(readFileSync(file, 'utf8'));
    expect(header).toEqual(EXPORT_COLUMNS);
    const projects = new Map(h.demo.state.projects().map((p) => [p.id, p]));
    const expected = h
      .newestFirst()
      .map((p: Permission) => [
        p.id,
        p.project_id,
        projects.get(p.project_id)?.name ?? '',
        projects.get(p.project_id)?.status ?? '',
        new Date(p.created_at * 1000).toISOString(),
      ]);
    expect(rows).toEqual(expected);

    // A second export replaces the file with what the server has now.
    await h.client.permissions.delete(h.cp, h.newestFirst()[0]!.id);
    await h.state().exportPermissions();
    const [, ...again] = parseCsv(readFileSync(file, 'utf8'));
    expect(again).toEqual(expected.slice(1));
    expect(readdirSync(dir)).toEqual([exportFileName(h.cp, 'csv')]);
  });

  it('a directory that cannot be written flashes the reason and leaves no file', async () => {
    const dir = exportDir();
    const missing = join(dir, 'no-such-directory');
    const h = await harness({ exportDir: missing });
    await openAndSettle(h);
    await h.state().exportPermissions();
    expect(h.state().flash).toMatchObject({
      tone: 'error',
      text: expect.stringMatching(/^Not exported: cannot write .*: no such file or directory \(ENOENT\)/),
    });
    expect(h.state().busy).toBeNull();
    expect(readdirSync(dir)).toEqual([]);
  });
});

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
