// The project view: every checkpoint one project can use, looked up a few at a time, and revoking from there.
import { AbortError, errorLine, flashLine } from '../../api/errors';
import { projectLabel } from '../../api/sanitize';
import { candidateCheckpoints, projectAccess } from '../../ops/project-access';
import { endChange, runStoreChange } from '../change';
import type { Task } from '../tasks';
import { plural } from '../text';
import type { ProjectActions, ProjectState, ProjectView, SliceCreator } from '../types';
import { undoable } from './undo';

export const createProjectSlice: SliceCreator<ProjectState & ProjectActions> = (deps) => (set, get) => {
  const { client, tasks, flashes, concurrency, recent: recentFile } = deps;
  const update = (task: Task, change: Partial<ProjectView>) => {
    const view = get().project;
    if (task.current() && view) set({ project: { ...view, ...change } });
  };

  /** Candidates (the jobs' checkpoints, the recent ones and the table's), then one filtered lookup each. */
  const lookUp = async (projectId: string, changed: boolean) => {
    const task = tasks.start('lookup');
    const { signal } = task;
    set({
      screen: 'project',
      dialog: null,
      project: { projectId, status: 'listing', done: 0, total: 0, rows: [], failed: [], cursor: 0, changed },
    });
    try {
      const { checkpoint, recent } = get();
      let candidates: string[];
      let note: string | undefined;
      const unread: string[] = [];
      let fromJobs: string[] = [];
      try {
        fromJobs = await candidateCheckpoints(client, [], signal, (job) => unread.push(job.id));
        candidates = [...fromJobs, ...recent.filter((id) => !fromJobs.includes(id))];
        if (unread.length > 0)
          note = `the checkpoints of ${plural(unread.length, 'job')} could not be listed: only their models were checked`;
      } catch (error) {
        if (error instanceof AbortError || signal.aborted) return;
        // The jobs could not be listed: the checkpoints known without them still count.
        candidates = [...recent];
        note = `fine-tuning jobs could not be read (${errorLine(error)}): recent checkpoints only`;
      }
      // Checkpoints known only from the recent list: one not found (deleted since) is skipped and forgotten.
      const onlyRecent = new Set(recent.filter((id) => !fromJobs.includes(id) && id !== checkpoint));
      // The table's checkpoint first: it is where the user came from.
      if (checkpoint !== undefined) candidates = [checkpoint, ...candidates.filter((id) => id !== checkpoint)];
      update(task, { status: 'checking', total: candidates.length, note });
      const results = await projectAccess(client, projectId, candidates, {
        concurrency,
        signal,
        onProgress: (done, total) => update(task, { done, total }),
      });
      if (signal.aborted) return;
      const stale = new Set(results.filter((r) => r.notFound && onlyRecent.has(r.checkpoint)).map((r) => r.checkpoint));
      const rows = results.flatMap((r) => (r.permission ? [{ checkpoint: r.checkpoint, permission: r.permission }] : []));
      const failed = results.flatMap((r) =>
        r.error !== undefined && !stale.has(r.checkpoint) ? [{ checkpoint: r.checkpoint, reason: r.error }] : [],
      );
      if (stale.size > 0) {
        const kept = get().recent.filter((id) => !stale.has(id));
        recentFile.save(kept);
        set({ recent: kept });
        const skipped = `skipped ${plural(stale.size, 'recent checkpoint')} that no longer exist (dropped from the recent list)`;
        note = note ? `${note}; ${skipped}` : skipped;
      }
      update(task, { status: 'ready', rows, failed, done: candidates.length, note });
    } finally {
      task.end();
    }
  };

  return {
    project: null,

    openProject() {
      flashes.clearStale();
      const { page, cursor } = get();
      const row = page?.rows[cursor];
      if (!row) {
        set({ flash: { tone: 'info', text: 'No row here: there is no project to look up' } });
        return;
      }
      void lookUp(row.project_id, false);
    },

    reloadProject() {
      flashes.clearStale();
      const view = get().project;
      if (view) void lookUp(view.projectId, view.changed);
    },

    moveProjectCursor(delta) {
      const view = get().project;
      if (!view || view.rows.length === 0) return;
      set({ project: { ...view, cursor: Math.max(0, Math.min(view.rows.length - 1, view.cursor + delta)) } });
    },

    askProjectRevoke() {
      flashes.clearStale();
      if (flashes.refuseWhileBusy()) return;
      const view = get().project;
      const row = view?.rows[view.cursor];
      if (!view || !row) {
        set({ flash: { tone: 'info', text: view?.status === 'ready' ? 'Nothing to revoke here' : 'Wait for the lookups to finish' } });
        return;
      }
      set({ dialog: { kind: 'project-revoke', projectId: view.projectId, checkpoint: row.checkpoint, permission: row.permission } });
      get().lookUpGrant(row.permission.id);
    },

    async confirmProjectRevoke() {
      const { dialog, busy } = get();
      if (busy || dialog?.kind !== 'project-revoke') return;
      const { checkpoint, permission, projectId } = dialog;
      // One delete: it runs to its end (q says to wait for it).
      const { outcomes } = await runStoreChange(
        deps,
        { set, get },
        {
          kind: 'revoke',
          checkpoint,
          remove: [permission],
          stoppable: false,
          progressLine: () => ({ tone: 'info', text: 'Revoking 1 permission…' }),
        },
      );
      const failed = outcomes.find((o) => !o.ok);
      if (failed) {
        set(endChange({ flash: { tone: 'error', text: `Not revoked: ${flashLine(failed.error ?? failed.reason)}` } }));
        return;
      }
      const view = get().project;
      const marks = { ...get().marks };
      delete marks[permission.id];
      // The last change (runStoreChange recorded it): u undoes it, here or on the table.
      set(
        endChange({
          marks,
          flash: undoable({
            tone: 'success',
            text: `Revoked ${projectLabel(projectId, get().directory.byId[projectId]?.name)} on ${checkpoint} (${permission.id})`,
          }),
        }),
      );
      if (view && view.projectId === projectId) {
        const rows = view.rows.filter((r) => r.permission.id !== permission.id);
        set({ project: { ...view, rows, cursor: Math.max(0, Math.min(view.cursor, rows.length - 1)), changed: true } });
      } else if (get().screen === 'table') {
        // The user went back while it ran: the table may show the row just revoked.
        await get().reloadTable();
      }
    },

    leaveProject() {
      tasks.drop('lookup');
      const changed = get().project?.changed ?? false;
      set({ screen: 'table', project: null, dialog: null });
      if (changed) void get().reloadTable();
    },
  };
};
