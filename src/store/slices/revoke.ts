// Revoking rows of the table (the marked ones, else the row under the cursor), and undoing the last revoke.
import { CkptPermsError, errorLine, flashLine } from '../../api/errors';
import { projectLabel } from '../../api/sanitize';
import { mapBounded } from '../../ops/pool';
import { findPermission, grantCheckingCancelled } from '../batch';
import { plural } from '../text';
import type { Flash, Outcome, RevokeActions, RevokeState, SliceCreator } from '../types';

export const createRevokeSlice: SliceCreator<RevokeState & RevokeActions> = (deps) => (set, get) => {
  const { client, tasks, flashes, concurrency } = deps;
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
      const progressLine = (done: number): Flash => ({
        tone: 'info',
        text:
          targets.length === 1
            ? 'Revoking 1 permission… · Esc stops'
            : `Revoking ${plural(targets.length, 'permission')}… ${done} of ${targets.length} done · Esc stops`,
      });
      let shownProgress = progressLine(0);
      set({
        busy: 'revoke',
        dialog: null,
        flash: shownProgress,
        progress: {
          kind: 'revoke',
          checkpoint,
          items: targets.map((p) => ({ projectId: p.project_id, permissionId: p.id })),
          outcomes: [],
          sent: [],
        },
      });
      // Each outcome as it comes: the progress line counts them (unless a retry notice or a stop has the line), and a
      // forced quit reports them.
      const record = (outcome: Outcome) => {
        const progress = get().progress;
        if (progress === null) return;
        const outcomes = [...progress.outcomes, outcome];
        set({ progress: { ...progress, outcomes } });
        if (get().flash === shownProgress && !get().quitAsked) {
          shownProgress = progressLine(outcomes.length);
          set({ flash: shownProgress });
        }
      };
      const batch = tasks.start('batch');
      const settled = await mapBounded(targets, concurrency, async (permission) => {
        const outcome = { projectId: permission.project_id, permissionId: permission.id };
        const progress = get().progress;
        if (progress) set({ progress: { ...progress, sent: [...(progress.sent ?? []), permission.id] } });
        try {
          try {
            await client.permissions.delete(checkpoint, permission.id, { signal: batch.signal, projectId: permission.project_id });
            record({ ...outcome, ok: true });
            return undefined;
          } catch (error) {
            if (!batch.cancelled()) throw error;
            // Stopped with Esc: a delete already sent may have been carried out; the server says which.
            const found = await findPermission(deps, checkpoint, permission.project_id);
            if ('unreadable' in found) throw new CkptPermsError(`cancelled, and reading it again failed: ${found.unreadable}`);
            if ('permission' in found && found.permission.id === permission.id) throw new CkptPermsError('cancelled: not revoked');
            const note = 'revoked before the cancel took effect';
            record({ ...outcome, ok: true, reason: note });
            return note;
          }
        } catch (error) {
          record({ ...outcome, ok: false, reason: errorLine(error) });
          throw error;
        }
      });
      batch.end();
      const outcomes: Outcome[] = settled.map((result) => ({
        projectId: result.item.project_id,
        permissionId: result.item.id,
        ok: result.ok,
        reason: result.ok ? result.value : errorLine(result.error),
      }));
      const revoked = settled.filter((r) => r.ok).map((r) => r.item);
      const failed = settled.filter((r) => !r.ok).map((r) => r.item);
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
      } else if (revoked.length === 0 && outcomes.every((o) => o.reason === 'cancelled: not revoked')) {
        flash = { tone: 'info', text: 'Cancelled: nothing was revoked' };
      } else if (revoked.length === 0 && failed.length === 1) {
        flash = { tone: 'error', text: `Not revoked: ${flashLine(settled[0]!.ok ? undefined : settled[0]!.error)}` };
      } else {
        // A stop is not a failure: the line says which each was.
        const stopped = outcomes.filter((o) => o.reason === 'cancelled: not revoked').length;
        const others = failed.length - stopped;
        const which = [others > 0 ? `${others} failed` : '', stopped > 0 ? `${stopped} stopped` : ''].filter(Boolean).join(', ');
        flash = { tone: 'warning', text: `Revoked ${revoked.length} of ${targets.length}; ${which}: they stay marked (d to retry)` };
      }
      set({
        busy: null,
        progress: null,
        quitAsked: false,
        marks,
        flash,
        // Undo shares again on this checkpoint, so only while the table still shows it.
        lastRevoked: get().checkpoint === checkpoint ? revoked : [],
        lastRevokedOn: checkpoint,
        dialog: targets.length > 1 ? { kind: 'outcomes', title: `Revoke: ${revoked.length} of ${targets.length} revoked`, outcomes } : null,
      });
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
      set({
        busy: 'undo',
        dialog: null,
        flash: { tone: 'info', text: `Sharing again with ${plural(projectIds.length, 'project')}… · Esc stops` },
        progress: { kind: 'undo', checkpoint, items: projectIds.map((projectId) => ({ projectId })), outcomes: [] },
      });
      const { outcomes, sent } = await grantCheckingCancelled(deps, checkpoint, projectIds);
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
      set({
        busy: null,
        progress: null,
        quitAsked: false,
        flash,
        dialog: { kind: 'outcomes', title: `Undo: ${regained} of ${plural(outcomes.length, 'project')} have access again`, outcomes },
        // When the call itself failed nothing changed: u may try again.
        lastRevoked: sent ? [] : get().lastRevoked,
      });
      if (regained === 0) return;
      if (get().screen === 'project') get().reloadProject();
      else if (get().checkpoint === checkpoint) await get().reloadTable();
    },
  };
};
