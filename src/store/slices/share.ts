// The share screen: which projects already have access (read behind it), a review of the picks, then one share.
import { projectIdProblem } from '../../api/ids';
import { endChange, runStoreChange } from '../change';
import { plural } from '../text';
import type { Dialog, Flash, Outcome, ShareActions, ShareState, SliceCreator } from '../types';
import { undoable } from './undo';
import { PUBLISH_MS } from '../directory-walk';

export const createShareSlice: SliceCreator<ShareState & ShareActions> = (deps) => (set, get) => {
  const { client, tasks, flashes } = deps;

  /** Every project id that has access to the checkpoint, read in pages of 100 behind the share screen. */
  const loadAccess = async (checkpoint: string) => {
    const task = tasks.start('access');
    // One set for the walk, grown in place (a copy of up to 10,000 ids at every page made the walk quadratic), with
    // what a picked project's own check finds added to it too: each new `access` object is what its readers see change.
    const projectIds: Record<string, true> = {};
    set({ access: { checkpoint, status: 'loading', projectIds } });
    let shownAt = deps.now();
    try {
      // A set (which projects have access), kept as ids page by page rather than through readAll: 10,000 permissions
      // need not be held for their project ids. Read from both ends at once.
      const pages = client.permissions.pages(checkpoint, { limit: 100 }, { signal: task.signal, bothEnds: true });
      for await (const page of pages) {
        for (const permission of page.data) projectIds[permission.project_id] = true;
        // Shown as it is read, at most every PUBLISH_MS: each showing marks and orders every project on the screen.
        if (task.current() && deps.now() - shownAt >= PUBLISH_MS) {
          set({ access: { ...get().access } });
          shownAt = deps.now();
        }
      }
      if (task.current()) set({ access: { checkpoint, status: 'ready', projectIds } });
      flashes.clearRetryNotice();
    } catch {
      if (task.current() && !task.signal.aborted) set({ access: { ...get().access, status: 'failed' } });
      flashes.clearRetryNotice();
    } finally {
      task.end();
    }
  };

  return {
    access: { status: 'idle', projectIds: {} },

    sharePicks: { projectIds: [] },

    openShare() {
      flashes.clearStale();
      const { checkpoint, sharePicks } = get();
      if (checkpoint === undefined) return;
      // Picks made for another checkpoint are not this one's.
      set({
        screen: 'share',
        dialog: null,
        ...(sharePicks.checkpoint === checkpoint ? {} : { sharePicks: { checkpoint, projectIds: [] } }),
      });
      void get().loadDirectory();
      get().showLoadedProjects();
      void loadAccess(checkpoint);
    },

    togglePick(projectId) {
      const { sharePicks, checkpoint } = get();
      const ids = sharePicks.projectIds;
      set({
        sharePicks: { checkpoint, projectIds: ids.includes(projectId) ? ids.filter((id) => id !== projectId) : [...ids, projectId] },
      });
    },

    async checkProjectAccess(projectId) {
      const { checkpoint, access } = get();
      if (checkpoint === undefined || access.checkpoint !== checkpoint || access.status !== 'loading' || access.projectIds[projectId])
        return;
      if (projectIdProblem(projectId)) return;
      try {
        const found = await client.permissions.find(checkpoint, projectId, { signal: tasks.signal });
        const now = get().access;
        // Only while the same walk runs: a finished walk knows it all, a new one starts over.
        if (now.checkpoint !== checkpoint || now.status !== 'loading') return;
        if (found) {
          now.projectIds[projectId] = true;
          set({ access: { ...now } });
        }
      } catch {
        // The walk still runs and will know; the share itself never grants twice.
      } finally {
        flashes.clearRetryNotice();
      }
    },

    reviewShare(requested) {
      const { directory, access, busy } = get();
      if (busy) return;
      const projectIds: string[] = [];
      const skipped: Outcome[] = [];
      for (const raw of requested) {
        const id = raw.trim();
        if (id === '' || projectIds.includes(id) || skipped.some((s) => s.projectId === id)) continue;
        const problem = projectIdProblem(id);
        const known = directory.byId[id];
        let reason: string | undefined;
        if (problem) reason = problem;
        // Only the directory read in full from the API decides: what loaded so far, or came from the cache, is for display.
        else if (directory.status === 'ready' && !known) reason = 'not a project of this organization';
        else if (directory.status === 'ready' && known?.archived) reason = 'archived projects cannot be given access';
        else if (access.projectIds[id]) reason = 'already has access';
        if (reason) skipped.push({ projectId: id, ok: false, reason });
        else projectIds.push(id);
      }
      if (projectIds.length === 0 && skipped.length === 0) {
        set({ flash: { tone: 'info', text: 'Pick projects with Tab, or type project ids, then press Enter' } });
        return;
      }
      set({ dialog: { kind: 'share-confirm', projectIds, skipped } });
    },

    async confirmShare() {
      const { dialog, checkpoint, busy } = get();
      if (busy || dialog?.kind !== 'share-confirm' || checkpoint === undefined) return;
      const { projectIds, skipped } = dialog;
      if (projectIds.length === 0) {
        set({ dialog: { kind: 'outcomes', title: 'Share: nothing to send', outcomes: skipped } });
        return;
      }
      const text = `Sharing with ${plural(projectIds.length, 'project')}… · Esc stops`;
      const { outcomes } = await runStoreChange(
        deps,
        { set, get },
        { kind: 'share', checkpoint, add: projectIds, stoppable: true, progressLine: () => ({ tone: 'info', text }) },
      );
      const gained = outcomes.filter((o) => o.ok).length;
      const all = [...outcomes, ...skipped];
      const flash: Flash =
        gained === all.length
          ? undoable({ tone: 'success', text: `Shared with ${plural(gained, 'project')}` })
          : gained > 0
            ? undoable({ tone: 'warning', text: `Shared with ${gained} of ${plural(all.length, 'project')}; see the list for the rest` })
            : outcomes.every((o) => o.status === 'not started')
              ? { tone: 'info', text: 'Cancelled: nothing was shared' }
              : { tone: 'error', text: `Not shared: ${all[0]?.reason ?? 'unknown error'}` };
      const result: Dialog = {
        kind: 'outcomes',
        title: `Share: ${gained} of ${plural(all.length, 'project')} gained access`,
        outcomes: all,
      };
      if (gained === 0) {
        // Nothing changed: stay on the share screen with the picks, so trying again is one key away.
        set(endChange({ flash, dialog: result }));
        return;
      }
      set(endChange({ flash, screen: 'table', dialog: result, sharePicks: { checkpoint, projectIds: [] } }));
      await get().reloadTable();
    },
  };
};
