// Revoking rows of the table (the marked ones, else the row under the cursor), and undoing the last revoke.
import { flashLine } from '../../api/errors';
import { projectLabel } from '../../api/sanitize';
import { endChange, runStoreChange } from '../change';
import { plural } from '../text';
import type { Flash, RevokeActions, RevokeState, SliceCreator } from '../types';

export const createRevokeSlice: SliceCreator<RevokeState & RevokeActions> = (deps) => (set, get) => {
  const { flashes } = deps;
  return {
    lastRevoked: [],

    askRevoke() {
      flashes.clearStale();
      if (flashes.refuseWhileBusy()) return;
      const { page, cursor, marks } = get();
      const marked = Object.values(marks);
      const row = page?.rows[cursor];
      const targets = marked.length > 0 ? marked : row ? [row] : [];
      if (targets.length === 0) {
        set({ flash: { tone: 'info', text: 'Nothing to revoke on this page' } });
        return;
      }
      set({ dialog: { kind: 'revoke', targets } });
      // Who granted it, from the audit log: the dialog names them when the answer comes, and never waits for it.
      if (targets.length === 1) get().lookUpGrant(targets[0]!.id);
    },

    async confirmRevoke() {
      const { dialog, checkpoint, busy } = get();
      // A second y (or a double key press) while the first is running sends nothing.
      if (busy || dialog?.kind !== 'revoke' || checkpoint === undefined) return;
      const targets = dialog.targets;
      const { outcomes, removed: revoked } = await runStoreChange(
        deps,
        { set, get },
        {
          kind: 'revoke',
          checkpoint,
          remove: targets,
          stoppable: true,
          progressLine: (done) => ({
            tone: 'info',
            text:
              targets.length === 1
                ? 'Revoking 1 permission… · Esc stops'
                : `Revoking ${plural(targets.length, 'permission')}… ${done} of ${targets.length} done · Esc stops`,
          }),
        },
      );
      const failed = outcomes.filter((o) => !o.ok);
      // Stopped, not failed: nothing was sent for it, or the server says it is still there.
      const stopped = outcomes.filter((o) => o.status === 'not started').length;
      // Revoked rows are unmarked; failed ones keep their marks so the user can try them again.
      const marks = { ...get().marks };
      for (const permission of revoked) delete marks[permission.id];
      let flash: Flash;
      if (failed.length === 0) {
        const only = revoked[0];
        flash =
          revoked.length === 1 && only
            ? {
                tone: 'success',
                text: `Revoked ${projectLabel(only.project_id, get().directory.byId[only.project_id]?.name)} (${only.id})`,
              }
            : { tone: 'success', text: `Revoked ${plural(revoked.length, 'permission')}` };
      } else if (revoked.length === 0 && stopped === outcomes.length) {
        flash = { tone: 'info', text: 'Cancelled: nothing was revoked' };
      } else if (revoked.length === 0 && failed.length === 1) {
        flash = { tone: 'error', text: `Not revoked: ${flashLine(failed[0]!.error ?? failed[0]!.reason)}` };
      } else {
        // A stop is not a failure: the line says which each was.
        const others = failed.length - stopped;
        const which = [others > 0 ? `${others} failed` : '', stopped > 0 ? `${stopped} stopped` : ''].filter(Boolean).join(', ');
        flash = { tone: 'warning', text: `Revoked ${revoked.length} of ${targets.length}; ${which}: they stay marked (d to retry)` };
      }
      set(
        endChange({
          marks,
          flash,
          dialog:
            targets.length > 1 ? { kind: 'outcomes', title: `Revoke: ${revoked.length} of ${targets.length} revoked`, outcomes } : null,
        }),
      );
      if (revoked.length === 0) return;
      await get().reloadTable();
    },

    askUndo() {
      flashes.clearStale();
      if (flashes.refuseWhileBusy()) return;
      const { lastRevoked, lastRevokedOn, checkpoint } = get();
      const on = lastRevokedOn ?? checkpoint;
      if (lastRevoked.length === 0 || on === undefined) {
        set({ flash: { tone: 'info', text: 'Nothing to undo' } });
        return;
      }
      set({ dialog: { kind: 'undo', permissions: lastRevoked, checkpoint: on } });
    },

    async confirmUndo() {
      const { dialog, busy } = get();
      if (busy || dialog?.kind !== 'undo') return;
      // Where the revoke was made: the table's checkpoint, or another one in the project view.
      const { checkpoint } = dialog;
      const projectIds = [...new Set(dialog.permissions.map((p) => p.project_id))];
      const text = `Sharing again with ${plural(projectIds.length, 'project')}… · Esc stops`;
      const { outcomes } = await runStoreChange(
        deps,
        { set, get },
        { kind: 'undo', checkpoint, add: projectIds, stoppable: true, progressLine: () => ({ tone: 'info', text }) },
      );
      const regained = outcomes.filter((o) => o.ok).length;
      const flash: Flash =
        regained === outcomes.length
          ? {
              tone: 'success',
              text: `Undone: ${plural(regained, 'project')} ${regained === 1 ? 'has' : 'have'} access again (new permission ids)`,
            }
          : regained > 0
            ? {
                tone: 'warning',
                text: `Undone in part: ${regained} of ${plural(outcomes.length, 'project')} have access again; see the list`,
              }
            : { tone: 'error', text: `Not undone: ${outcomes[0]?.reason ?? 'unknown error'}` };
      set(
        endChange({
          flash,
          dialog: { kind: 'outcomes', title: `Undo: ${regained} of ${plural(outcomes.length, 'project')} have access again`, outcomes },
        }),
      );
      if (regained === 0) return;
      if (get().screen === 'project') get().reloadProject();
      else if (get().checkpoint === checkpoint) await get().reloadTable();
    },
  };
};
