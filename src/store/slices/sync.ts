// Sync from the table: pick a source checkpoint, read both into a plan, confirm, apply, report every project.
import { AbortError, flashLine } from '../../api/errors';
import { checkpointIdProblem } from '../../api/ids';
import { planIsEmpty, planSync, type SyncPlan } from '../../ops/sync';
import { endChange, runStoreChange } from '../change';
import { plural } from '../text';
import type { Flash, SliceCreator, SyncActions, SyncState } from '../types';

export const createSyncSlice: SliceCreator<SyncState & SyncActions> = (deps) => (set, get) => {
  const { client, tasks, flashes } = deps;
  /** Reads both checkpoints; the plan then shows in a dialog on the table (or a flash says there is nothing to do). */
  const plan = async (from: string, to: string, prune: boolean) => {
    const task = tasks.start('plan');
    set({ busy: 'plan', flash: { tone: 'info', text: 'Reading both checkpoints…' } });
    try {
      const next = await planSync(client, from, to, { prune, signal: task.signal });
      if (!task.current()) return;
      // The user went elsewhere meanwhile: a plan for a table no longer shown is not news.
      if (get().checkpoint !== to || get().screen !== 'table') {
        set({ busy: null, flash: null });
        return;
      }
      if (planIsEmpty(next) && next.kept.length === 0) {
        set({ busy: null, dialog: null, flash: { tone: 'success', text: capitalized(alreadyInSync(next)) } });
        return;
      }
      set({
        busy: null,
        dialog: { kind: 'sync-plan', plan: next },
        // Nothing to add, but projects only on this checkpoint: the dialog stays open so p can prune them.
        flash: planIsEmpty(next) ? { tone: 'success', text: capitalized(alreadyInSync(next)) } : null,
      });
    } catch (error) {
      if (!task.current()) return;
      const cancelled = error instanceof AbortError || task.signal.aborted;
      set({
        busy: null,
        flash: cancelled
          ? { tone: 'info', text: 'Sync cancelled: nothing was changed' }
          : { tone: 'error', text: `Not synced: ${flashLine(error)}` },
      });
    } finally {
      task.end();
    }
  };

  return {
    syncTarget: undefined,

    askSync() {
      flashes.clearStale();
      const { checkpoint } = get();
      if (checkpoint === undefined || flashes.refuseWhileBusy()) return;
      set({ screen: 'picker', syncTarget: checkpoint, dialog: null });
      if (get().jobs.status === 'idle') void get().loadJobs();
    },

    pickSyncSource(raw) {
      const source = raw.trim();
      const target = get().syncTarget;
      if (target === undefined) return;
      const problem = checkpointIdProblem(source);
      if (problem) {
        set({ flash: { tone: 'error', text: problem } });
        return;
      }
      if (source === target) {
        set({ flash: { tone: 'error', text: 'That is the checkpoint being synced: pick another one as the source' } });
        return;
      }
      if (flashes.refuseWhileBusy()) return;
      set({ screen: 'table', syncTarget: undefined, dialog: null });
      void plan(source, target, false);
    },

    cancelSyncSource() {
      set({ screen: 'table', syncTarget: undefined, dialog: null, flash: { tone: 'info', text: 'Not synced: nothing was changed' } });
    },

    toggleSyncPrune() {
      const { dialog, busy } = get();
      if (busy || dialog?.kind !== 'sync-plan') return;
      // Read again rather than filtered from the old plan: what is removed must be what the server has now.
      void plan(dialog.plan.from, dialog.plan.to, !dialog.plan.prune);
    },

    async confirmSync() {
      const { dialog, busy } = get();
      // A second y (or y while the plan is being read again) sends nothing.
      if (busy || dialog?.kind !== 'sync-plan') return;
      const { plan: current } = dialog;
      if (planIsEmpty(current)) {
        set({ dialog: null, flash: { tone: 'info', text: capitalized(alreadyInSync(current, false)) } });
        return;
      }
      const text = `Syncing: ${plural(current.add.length + current.remove.length, 'change')}…`;
      // A sync runs to its end (see BUSY): stopped halfway it would leave a set no one asked for.
      const { outcomes } = await runStoreChange(
        deps,
        { set, get },
        {
          kind: 'sync',
          checkpoint: current.to,
          add: current.add,
          remove: current.remove,
          stoppable: false,
          progressLine: () => ({ tone: 'info', text }),
        },
      );
      const added = outcomes.filter((r) => r.ok && r.action === 'add').length;
      const removed = outcomes.filter((r) => r.ok && r.action === 'remove');
      const failed = outcomes.filter((r) => !r.ok);
      const done = `${added} added${current.prune ? `, ${removed.length} removed` : ''}`;
      const flash: Flash =
        failed.length === 0
          ? { tone: 'success', text: `Synced: ${done}` }
          : added + removed.length > 0
            ? { tone: 'warning', text: `Synced in part: ${done}, ${failed.length} failed; see the list` }
            : { tone: 'error', text: `Not synced: ${failed[0]?.reason ?? 'unknown error'}` };
      const marks = { ...get().marks };
      for (const r of removed) if (r.permissionId) delete marks[r.permissionId];
      set(
        endChange({
          marks,
          flash,
          dialog: { kind: 'outcomes', title: `Sync: ${done}${failed.length > 0 ? `, ${failed.length} failed` : ''}`, outcomes },
        }),
      );
      if (added + removed.length > 0 && get().checkpoint === current.to) await get().reloadTable();
    },
  };
};

function alreadyInSync(plan: SyncPlan, pruneHint = true): string {
  if (sourceIsEmpty(plan)) {
    // Not "in sync": there is nothing to take from the source, and pruning would empty this checkpoint.
    const prune =
      plan.kept.length > 0 && pruneHint ? `; p would remove all ${plural(plan.kept.length, 'project')} from this checkpoint` : '';
    return `the source shares with no project: nothing to add${prune}`;
  }
  const only = plan.kept.length > 0 ? `; ${plural(plan.kept.length, 'project')} only here${pruneHint ? ' (p removes them)' : ''}` : '';
  return `Already in sync: every project of the source has access here${only}`;
}

const capitalized = (text: string) => `${text[0]!.toUpperCase()}${text.slice(1)}`;

/** The source checkpoint shares with no project. */
export function sourceIsEmpty(plan: SyncPlan): boolean {
  return plan.add.length === 0 && plan.unchanged.length === 0;
}
