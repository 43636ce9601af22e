// Where the user is, what is open, what runs, and the flash line that reports it; Esc's two meanings.
import type { StoreApi } from 'zustand/vanilla';
import { pagerReducer } from '../pager';
import type { AppState, Busy, Flash, Flashes, SliceCreator, UiActions, UiState } from '../types';

/**
 * What runs, in one table: `wait` names it in "Wait for the … to finish", `status` on the table's position line;
 * `cancellable`: Esc stops it (cancelRunning). A sync and an export run to their end: stopped halfway, a sync
 * would leave a set no one asked for, and an export has nothing to undo.
 */
export const BUSY: Record<Busy, { wait: string; status: string; cancellable: boolean }> = {
  revoke: { wait: 'running revoke', status: 'revoking…', cancellable: true },
  share: { wait: 'running share', status: 'sharing…', cancellable: true },
  plan: { wait: 'reading of both checkpoints', status: 'reading both checkpoints…', cancellable: true },
  sync: { wait: 'running sync', status: 'syncing…', cancellable: false },
  undo: { wait: 'running undo', status: 'undoing…', cancellable: true },
  export: { wait: 'running export', status: 'exporting…', cancellable: false },
};

/** Whether what is running is one Esc stops. */
export const busyCancellable = (busy: Busy | null): boolean => busy !== null && BUSY[busy].cancellable;

/** Whether Esc on the table stops something (cancelRunning) rather than going back (goBack). */
export function canCancel(state: Pick<AppState, 'loading' | 'busy'>): boolean {
  return state.loading || busyCancellable(state.busy);
}

export function createFlashes(get: () => AppState, set: StoreApi<AppState>['setState']): Flashes {
  // The last retry notice shown, so a page's arrival clears that notice and nothing else.
  let shownRetry: Flash | null = null;
  // The flash a failed page load put up: the next page that arrives makes it obsolete.
  let shownFailure: Flash | null = null;
  return {
    clearStale() {
      if (get().flash !== null && get().flash !== shownRetry) set({ flash: null });
    },
    clearRetryNotice() {
      if (shownRetry !== null && get().flash === shownRetry) set({ flash: null });
    },
    showRetryNotice(flash) {
      shownRetry = flash;
      set({ flash });
    },
    loadFailure(flash) {
      shownFailure = flash;
      return flash;
    },
    isAboutLoading() {
      const shown = get().flash;
      return shown !== null && (shown === shownRetry || shown === shownFailure);
    },
    refuseWhileBusy() {
      const { busy } = get();
      if (busy === null) return false;
      set({ flash: { tone: 'info', text: `Wait for the ${BUSY[busy].wait} to finish` } });
      return true;
    },
  };
}

export const createUiSlice: SliceCreator<UiState & UiActions> =
  ({ tasks, flashes }) =>
  (set, get) => ({
    screen: 'picker',
    dialog: null,
    busy: null,
    flash: null,
    progress: null,
    quitAsked: false,

    openDialog(dialog) {
      flashes.clearStale();
      set({ dialog });
    },

    closeDialog() {
      const { dialog } = get();
      if (dialog?.kind === 'revoke' || dialog?.kind === 'project-revoke')
        set({ flash: { tone: 'info', text: 'Not revoked: nothing was changed' } });
      else if (dialog?.kind === 'share-confirm') set({ flash: { tone: 'info', text: 'Not shared: nothing was changed' } });
      else if (dialog?.kind === 'undo')
        set({ flash: { tone: 'info', text: `${dialog.change === 'revoke' ? 'Not shared again' : 'Not undone'}: nothing was changed` } });
      else if (dialog?.kind === 'sync-plan') {
        // A plan being read again (p) is stopped too: it would reopen the dialog.
        tasks.abort('plan');
        set({ busy: get().busy === 'plan' ? null : get().busy, flash: { tone: 'info', text: 'Not synced: nothing was changed' } });
      }
      set({ dialog: null });
    },

    goBack() {
      const { dialog, screen, filter } = get();
      if (dialog) {
        set({ dialog: null });
        return;
      }
      if (flashes.refuseWhileBusy()) return;
      if (screen === 'share') {
        tasks.abort('access');
        // The share screen's hints are not the table's news; the picks stay for when a is pressed again.
        const kept = get().sharePicks.projectIds.length;
        set({
          screen: 'table',
          flash:
            kept > 0 ? { tone: 'info', text: `${kept === 1 ? '1 pick' : `${kept} picks`} kept for sharing: a goes on with them` } : null,
        });
        return;
      }
      if (screen === 'project') {
        get().leaveProject();
        return;
      }
      if (screen === 'history') {
        get().cancelHistory();
        return;
      }
      if (screen === 'table') {
        if (filter !== undefined) {
          get().setFilter(undefined);
          return;
        }
        get().showPicker();
      }
    },

    showPicker() {
      if (flashes.refuseWhileBusy()) return;
      flashes.clearStale();
      // Leaving the table drops the page in flight quietly: no "Cancelled" line on the picker; and what was read ahead.
      tasks.drop('page');
      tasks.drop('prefetch');
      tasks.drop('names');
      tasks.abort('plan');
      set({ screen: 'picker', dialog: null, pager: pagerReducer(get().pager, { type: 'stopped' }), loading: false, syncTarget: undefined });
      if (get().jobs.status === 'idle') void get().loadJobs();
    },

    setFlash(flash) {
      set({ flash });
    },

    cancelRunning() {
      // A revoke, share or undo: the first Esc starts nothing new and lets the requests sent finish, so their outcome is
      // known; a second gives up on them, and each is then read from the server.
      const step = tasks.stop('batch');
      if (step === 'stopped') {
        set({ flash: { tone: 'info', text: 'Stopping: waiting for the requests sent · Esc again gives up on them' } });
        return;
      }
      if (step === 'aborted') {
        set({ flash: { tone: 'info', text: 'Cancelling: checking what was already done…' } });
        return;
      }
      if (tasks.abort('plan')) return;
      tasks.abort('page');
    },

    requestQuit(key) {
      const { progress, quitAsked } = get();
      if (progress === null) return true;
      // Its kind is its name: 'the revoke', 'the sync'.
      const what = progress.kind;
      if (quitAsked) {
        if (key === 'ctrl-c') return true;
        set({ flash: { tone: 'warning', text: `Waiting for the ${what} to end, to show its outcomes (Ctrl+C quits now)` } });
        return false;
      }
      set({ quitAsked: true });
      // A revoke, share or undo stops as with a first Esc; a sync or a single revoke in the project view cannot be
      // stopped half-way, so they run to their end.
      if (tasks.stop('batch')) {
        set({ flash: { tone: 'warning', text: `Stopping the ${what}: its outcomes follow (Ctrl+C quits now, and prints them)` } });
      } else {
        set({
          flash: { tone: 'warning', text: `The ${what} is changing access: its outcomes follow (Ctrl+C quits now, and prints them)` },
        });
      }
      return false;
    },
  });

/**
 * For a UI ended while a change to access ran (a second Ctrl+C): what is known of each project, to print once the
 * screen is given back. Empty when nothing was running.
 */
export function unfinishedReport(state: Pick<AppState, 'progress'>, ended = 'quit'): string[] {
  const { progress } = state;
  if (progress === null) return [];
  // An undo shares again (a revoke's) or revokes (a share's): the latter names the permissions it removes.
  const undoesShare = progress.kind === 'undo' && progress.items.some((item) => item.permissionId !== undefined);
  const what = { revoke: 'revoking', share: 'sharing', undo: undoesShare ? 'revoking (undo)' : 'sharing again (undo)', sync: 'syncing' }[
    progress.kind
  ];
  const lines = [
    `${ended} while ${what} ${progress.items.length === 1 ? '1 project' : `${progress.items.length} projects`} on ${progress.checkpoint}:`,
  ];
  const done = { revoke: 'revoked', share: 'shared', undo: undoesShare ? 'revoked' : 'shared again', sync: 'done' }[progress.kind];
  for (const item of progress.items) {
    const outcome = progress.outcomes.find(
      (o) => o.projectId === item.projectId && (item.permissionId === undefined || o.permissionId === item.permissionId),
    );
    const permission = item.permissionId ? ` (${item.permissionId})` : '';
    if (!outcome && item.permissionId && progress.sent && !progress.sent.includes(item.permissionId))
      lines.push(`  not sent: ${item.projectId}${permission}: nothing was done`);
    else if (!outcome) lines.push(`  not known: ${item.projectId}${permission}: its request may have been carried out`);
    else if (outcome.ok) lines.push(`  ${done}: ${item.projectId}${permission}`);
    else lines.push(`  failed: ${item.projectId}${permission}: ${outcome.reason ?? 'unknown error'}`);
  }
  lines.push(`  see what the server holds: ckpt-perms list ${progress.checkpoint} --max-items -1`);
  return lines;
}
