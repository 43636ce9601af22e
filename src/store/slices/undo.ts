// The undo stack of the run: every revoke and share that did something is a step (store/change.ts records it); u
// undoes the last one not yet undone, a revoke by sharing again with its projects, a share by revoking what it granted.
import { plural } from '../text';
import { endChange, runStoreChange } from '../change';
import type { Flash, Outcome, SliceCreator, UndoActions, UndoState, UndoStep } from '../types';

const UNDOES = ' · u undoes';

/** The flash after a revoke or share that did something: it ends saying what takes it back, kept on a narrow terminal. */
export function undoable(flash: Flash): Flash {
  return { ...flash, text: `${flash.text}${UNDOES}`, end: UNDOES };
}

export const createUndoSlice: SliceCreator<UndoState & UndoActions> = (deps) => (set, get) => {
  const { flashes } = deps;
  return {
    undoSteps: [],

    askUndo() {
      flashes.clearStale();
      if (flashes.refuseWhileBusy()) return;
      const step = get().undoSteps.at(-1);
      if (!step) {
        set({ flash: { tone: 'info', text: 'Nothing to undo' } });
        return;
      }
      set({ dialog: { kind: 'undo', ...step } });
    },

    async confirmUndo() {
      const { dialog, busy } = get();
      if (busy || dialog?.kind !== 'undo') return;
      const { kind: _, ...step } = dialog;
      const { change, checkpoint, permissions } = step;
      const projectIds = [...new Set(permissions.map((p) => p.project_id))];
      const text =
        change === 'revoke'
          ? `Sharing again with ${plural(projectIds.length, 'project')}… · Esc stops`
          : `Revoking what was shared with ${plural(projectIds.length, 'project')}… · Esc stops`;
      const { outcomes } = await runStoreChange(
        deps,
        { set, get },
        {
          kind: 'undo',
          checkpoint,
          ...(change === 'revoke' ? { add: projectIds } : { remove: permissions }),
          stoppable: true,
          progressLine: () => ({ tone: 'info', text }),
        },
      );
      const done = outcomes.filter((o) => o.ok).length;
      set(
        endChange({
          flash: undoneFlash(change, done, outcomes),
          dialog: { kind: 'outcomes', title: undoneTitle(change, done, outcomes.length), outcomes },
        }),
      );
      // The step is off the stack once all of it is undone; what failed stays on top, for u to try again.
      const left = leftToUndo(step, outcomes);
      const steps = get().undoSteps.filter((s) => !sameStep(s, step));
      set({ undoSteps: left.length > 0 ? [...steps, { ...step, permissions: left }] : steps });
      if (done === 0) return;
      if (get().screen === 'project') get().reloadProject();
      else if (get().checkpoint === checkpoint) await get().reloadTable();
    },
  };
};

function sameStep(a: UndoStep, b: UndoStep): boolean {
  return a.change === b.change && a.checkpoint === b.checkpoint && a.permissions.every((p, i) => b.permissions[i]?.id === p.id);
}

/** The permissions of the step whose undo did not happen: projects not given access again, permissions not revoked. */
function leftToUndo(step: UndoStep, outcomes: Outcome[]): UndoStep['permissions'] {
  const done = new Set(outcomes.filter((o) => o.ok).map((o) => (step.change === 'revoke' ? o.projectId : o.permissionId)));
  return step.permissions.filter((p) => !done.has(step.change === 'revoke' ? p.project_id : p.id));
}

function undoneTitle(change: UndoStep['change'], done: number, all: number): string {
  return change === 'revoke'
    ? `Undo: ${done} of ${plural(all, 'project')} have access again`
    : `Undo: ${done} of ${plural(all, 'project')} no longer have access`;
}

function undoneFlash(change: UndoStep['change'], done: number, outcomes: Outcome[]): Flash {
  const all = outcomes.length;
  if (done === 0) return { tone: 'error', text: `Not undone: ${outcomes[0]?.reason ?? 'unknown error'}` };
  if (done < all)
    return change === 'revoke'
      ? { tone: 'warning', text: `Undone in part: ${done} of ${plural(all, 'project')} have access again; see the list` }
      : { tone: 'warning', text: `Undone in part: ${done} of ${plural(all, 'project')} no longer have access; see the list` };
  return change === 'revoke'
    ? { tone: 'success', text: `Undone: ${plural(done, 'project')} ${done === 1 ? 'has' : 'have'} access again (new permission ids)` }
    : {
        tone: 'success',
        text: `Undone: ${plural(done, 'project')} no longer ${done === 1 ? 'has' : 'have'} access (the share is revoked)`,
      };
}
