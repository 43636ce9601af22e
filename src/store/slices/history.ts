// The checkpoint's history (H on the table), read from the audit log, and who granted a permission (the revoke dialog).
import { AbortError, flashLine } from '../../api/errors';
import { AuditLogUnavailableError, checkpointHistory, grantOf } from '../../ops/history';
import type { HistoryActions, HistoryState, HistoryView, SliceCreator } from '../types';

/** The flash line's sentence for an organization without audit logging: short enough for 80 columns. */
export const NO_AUDIT_LOG_FLASH = 'No history: the audit log is empty or unavailable (audit logging may be off)';

/** The page of entries shown: newest first, `pageSize` at a time. */
export function historyPage(view: HistoryView, pageSize: number) {
  const pages = Math.max(1, Math.ceil(view.entries.length / pageSize));
  const page = Math.min(view.page, pages - 1);
  const first = page * pageSize;
  return { page, pages, first, rows: view.entries.slice(first, first + pageSize) };
}

export const createHistorySlice: SliceCreator<HistoryState & HistoryActions> =
  ({ client, tasks, flashes }) =>
  (set, get) => {
    const update = (change: Partial<HistoryView>) => {
      const view = get().history;
      if (view) set({ history: { ...view, ...change } });
    };

    /** Reads the whole history (the log cannot be filtered by checkpoint), then pages through it here. */
    const load = async (checkpoint: string) => {
      const task = tasks.start('history');
      const byId = get().directory.byId;
      const projects = new Map(Object.values(byId).map((p) => [p.id, { name: p.name }]));
      set({ history: { checkpoint, status: 'loading', entries: get().history?.entries ?? [], page: get().history?.page ?? 0 } });
      try {
        const entries = await checkpointHistory(client, checkpoint, {
          signal: task.signal,
          onProgress: (read) => {
            if (task.current()) update({ read });
          },
          // Names the directory has so far; the screen reads the rest from it as it arrives.
          projects: Object.keys(byId).length > 0 ? projects : undefined,
        });
        if (!task.current()) return;
        flashes.clearRetryNotice();
        update({ status: 'ready', entries: entries.reverse(), error: undefined, read: undefined });
      } catch (error) {
        if (!task.current()) return;
        if (error instanceof AbortError || task.cancelled()) {
          get().leaveHistory();
          set({ flash: { tone: 'info', text: 'Cancelled: the history was not read' } });
          return;
        }
        if (error instanceof AuditLogUnavailableError) {
          update({ status: 'failed', error: NO_AUDIT_LOG_FLASH, noAuditLog: true });
          set({ flash: { tone: 'warning', text: NO_AUDIT_LOG_FLASH } });
          return;
        }
        update({ status: 'failed', error: flashLine(error) });
        set({ flash: { tone: 'error', text: `History not read: ${flashLine(error)}` } });
      } finally {
        task.end();
      }
    };

    const turn = (to: (view: HistoryView) => number) => {
      flashes.clearStale();
      const view = get().history;
      if (!view) return;
      const { pages } = historyPage(view, get().pageSize);
      update({ page: Math.max(0, Math.min(pages - 1, to(view))) });
    };

    return {
      history: null,
      grants: {},

      openHistory() {
        flashes.clearStale();
        if (flashes.refuseWhileBusy()) return;
        const { checkpoint } = get();
        if (checkpoint === undefined) return;
        set({ screen: 'history', dialog: null, history: null });
        void load(checkpoint);
      },

      reloadHistory() {
        flashes.clearStale();
        const view = get().history;
        if (view) void load(view.checkpoint);
      },

      historyNextPage: () => turn((view) => view.page + 1),
      historyPreviousPage: () => turn((view) => view.page - 1),
      historyFirstPage: () => turn(() => 0),

      leaveHistory() {
        tasks.drop('history');
        set({ screen: 'table', history: null, dialog: null });
      },

      cancelHistory() {
        if (!tasks.abort('history')) get().leaveHistory();
      },

      lookUpGrant(permissionId) {
        if (permissionId in get().grants) return;
        set({ grants: { ...get().grants, [permissionId]: { status: 'loading' } } });
        // Never waited for: the dialog shows the line when (and if) the answer comes.
        void grantOf(client, permissionId, tasks.signal).then(
          (grant) => set({ grants: { ...get().grants, [permissionId]: grant ? { status: 'known', ...grant } : { status: 'unknown' } } }),
          () => {
            // Not known this time (a failure, no audit logging): the next dialog for it asks again.
            const { [permissionId]: _failed, ...rest } = get().grants;
            set({ grants: rest });
          },
        );
      },
    };
  };
