// Revoking rows of the table (the marked ones, else the row under the cursor); u undoes it (slices/undo.ts).
import { flashLine } from '../../api/errors';
import { projectLabel } from '../../api/sanitize';
import { endChange, runStoreChange } from '../change';
import { plural } from '../text';
import type { Flash, RevokeActions, SliceCreator } from '../types';
import { undoable } from './undo';

export const createRevokeSlice: SliceCreator<RevokeActions> = (deps) => (set, get) => {
  const { flashes } = deps;
  return {
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
            ? undoable({
                tone: 'success',
                text: `Revoked ${projectLabel(only.project_id, get().directory.byId[only.project_id]?.name)} (${only.id})`,
              })
            : undoable({ tone: 'success', text: `Revoked ${plural(revoked.length, 'permission')}` });
      } else if (revoked.length === 0 && stopped === outcomes.length) {
        flash = { tone: 'info', text: 'Cancelled: nothing was revoked' };
      } else if (revoked.length === 0 && failed.length === 1) {
        flash = { tone: 'error', text: `Not revoked: ${flashLine(failed[0]!.error ?? failed[0]!.reason)}` };
      } else {
        // A stop is not a failure: the line says which each was.
        const others = failed.length - stopped;
        const which = [others > 0 ? `${others} failed` : '', stopped > 0 ? `${stopped} stopped` : ''].filter(Boolean).join(', ');
        const line: Flash = {
          tone: 'warning',
          text: `Revoked ${revoked.length} of ${targets.length}; ${which}: they stay marked (d to retry)`,
        };
        flash = revoked.length > 0 ? undoable(line) : line;
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
  };
};
