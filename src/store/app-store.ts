// The UI's state and every action that talks to the API: a vanilla zustand store made per run.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Client } from '../api/client';
import { AbortError, ApiError, CkptPermsError, errorLine, flashLine } from '../api/errors';
import { checkpointIdProblem, projectIdProblem } from '../api/ids';
import { sanitizeLine } from '../api/sanitize';
import type { Order, Permission, Project } from '../api/types';
import { mapBounded } from '../ops/pool';
import { jobsWithCheckpoints } from '../ops/jobs';
import { grantAccess } from '../ops/sync';
import type { SyncPlan } from '../ops/sync';
import { createExportActions } from './export-actions';
import { plural, refuseWhileBusy, stoppableWork, type StoreKit } from './kit';
import { createProjectActions } from './project-actions';
import { withRecent, type RecentCheckpoints } from './recent';
import { createSyncActions } from './sync-actions';

export { plural } from './kit';

export type Screen = 'picker' | 'table' | 'share' | 'project';

/** What a batch did to one project: the user must be able to see every one of these. */
export interface Outcome {
  projectId: string;
  permissionId?: string;
  ok: boolean;
  /** Why it did not happen (or a note when it did). */
  reason?: string;
  /** In a sync, whether the project was to gain or to lose access. */
  action?: 'add' | 'remove';
}

export type Dialog =
  | { kind: 'revoke'; targets: Permission[] }
  | { kind: 'share-confirm'; projectIds: string[]; skipped: Outcome[] }
  | { kind: 'outcomes'; title: string; outcomes: Outcome[] }
  | { kind: 'sync-plan'; plan: SyncPlan }
  | { kind: 'undo'; permissions: Permission[] }
  | { kind: 'project-revoke'; projectId: string; checkpoint: string; permission: Permission }
  | { kind: 'filter' }
  | { kind: 'help' };

export type Tone = 'info' | 'success' | 'warning' | 'error';
export interface Flash {
  tone: Tone;
  text: string;
  /** Where a line too long for the terminal is cut: its end, unless its end is what matters (a file path). */
  cut?: 'middle';
}

export interface PageView {
  rows: Permission[];
  /** 1-based. */
  pageNumber: number;
  /** Row number of the first row (1-based); rows before it are on earlier pages. */
  firstRow: number;
  /** Row number of the last row shown (firstRow − 1 when the page is empty). */
  lastRow: number;
  hasMore: boolean;
}

export interface ProjectInfo {
  id: string;
  name: string;
  archived: boolean;
}

export interface Directory {
  status: 'idle' | 'loading' | 'ready' | 'failed';
  byId: Record<string, ProjectInfo>;
  /** Active projects, in the API's order: the share screen's list (it sorts them by name). */
  active: ProjectInfo[];
  error?: string;
}

/** A pickable checkpoint from the fine-tuning jobs. */
export interface JobCheckpointEntry {
  id: string;
  kind: 'model' | 'checkpoint';
  jobId: string;
  baseModel: string;
  step?: number;
  trainLoss?: number;
  /** Unix seconds. */
  createdAt: number;
}

export interface Jobs {
  status: 'unavailable' | 'idle' | 'loading' | 'ready' | 'failed';
  entries: JobCheckpointEntry[];
  error?: string;
}

/** Which projects already have access to the checkpoint being shared (read in full in the background). */
export interface Access {
  checkpoint?: string;
  status: 'idle' | 'loading' | 'ready' | 'failed';
  projectIds: Record<string, true>;
}

/** One checkpoint the project of the project view can use. */
export interface ProjectAccessRow {
  checkpoint: string;
  permission: Permission;
}

/** Every checkpoint one project can use: found by looking each candidate checkpoint up. */
export interface ProjectView {
  projectId: string;
  /** Listing the candidate checkpoints, then checking each, then ready. */
  status: 'listing' | 'checking' | 'ready';
  /** Lookups finished, of `total`. */
  done: number;
  total: number;
  rows: ProjectAccessRow[];
  /** Lookups that failed, with why: the project may have access there too. */
  failed: { checkpoint: string; reason: string }[];
  /** Why fewer checkpoints were checked than usual. */
  note?: string;
  cursor: number;
  /** A permission was revoked here: the table is read again on the way back. */
  changed: boolean;
}

/** What runs: one thing at a time, so a second key press sends nothing. */
export type Busy = 'revoke' | 'share' | 'plan' | 'sync' | 'undo' | 'export';

export interface AppState {
  screen: Screen;
  checkpoint?: string;
  page: PageView | null;
  /** The `after` cursor of every earlier page, oldest first; the current page's own is `pageAfter`. */
  cursorStack: (string | undefined)[];
  pageAfter?: string;
  cursor: number;
  order: Order;
  filter?: string;
  pageSize: number;
  marks: Record<string, Permission>;
  dialog: Dialog | null;
  loading: boolean;
  loadError?: string;
  busy: Busy | null;
  flash: Flash | null;
  directory: Directory;
  recent: string[];
  jobs: Jobs;
  access: Access;
  /** What the last revoke took away, for a later undo; emptied by any other change or another checkpoint. */
  lastRevoked: Permission[];
  /** Set while the picker picks the source of a sync into this checkpoint. */
  syncTarget?: string;
  project: ProjectView | null;

  openCheckpoint(id: string): void;
  nextPage(): void;
  previousPage(): void;
  firstPage(): void;
  reload(): void;
  toggleOrder(): void;
  setFilter(projectId: string | undefined): void;
  setPageSize(size: number): void;
  moveCursor(delta: number): void;
  toggleMark(): void;
  openDialog(dialog: Dialog): void;
  closeDialog(): void;
  askRevoke(): void;
  confirmRevoke(): Promise<void>;
  openShare(): void;
  reviewShare(projectIds: string[]): void;
  confirmShare(): Promise<void>;
  goBack(): void;
  showPicker(): void;
  loadDirectory(): Promise<void>;
  loadJobs(): Promise<void>;
  /** Stops whatever page load is in flight (Esc while retrying). */
  cancelLoad(): void;
  setFlash(flash: Flash | null): void;
  /** `s`: the picker, picking the checkpoint to take projects from. */
  askSync(): void;
  /** Reads source and table checkpoint into a plan, shown for confirmation. */
  pickSyncSource(id: string): void;
  cancelSyncSource(): void;
  /** `p` in the plan: prune (remove projects the source lacks) or not, read again. */
  toggleSyncPrune(): void;
  confirmSync(): Promise<void>;
  /** `e`: every permission to `<checkpoint>.permissions.csv` in the export directory. */
  exportPermissions(): Promise<void>;
  /** `u`: asks to share the checkpoint again with the projects the last revoke took it from. */
  askUndo(): void;
  confirmUndo(): Promise<void>;
  /** Enter on a row: every checkpoint the row's project can use. */
  openProject(): void;
  reloadProject(): void;
  moveProjectCursor(delta: number): void;
  askProjectRevoke(): void;
  confirmProjectRevoke(): Promise<void>;
  leaveProject(): void;
  dispose(): void;
}

export interface AppStoreOptions {
  client: Client;
  recent: RecentCheckpoints;
  pageSize?: number;
  order?: Order;
  /** Requests in flight during a bulk revoke. */
  concurrency?: number;
  /** How long a visited page may be shown from memory before it is read again. */
  pageCacheMs?: number;
  now?: () => number;
  /** Where exports are written; the working directory (at the time of the export) unless given. */
  exportDir?: string;
}

export type AppStore = StoreApi<AppState>;

export const DEFAULT_PAGE_SIZE = 10;
export const BULK_CONCURRENCY = 4;
const PAGE_CACHE_LIMIT = 32;
const JOBS_LIMIT = 50;
const CHECKPOINTS_PER_JOB = 20;

/** What the rows are a view of: their order and the project filter. */
interface View {
  order: Order;
  filter?: string;
}

interface CachedPage {
  rows: Permission[];
  hasMore: boolean;
  at: number;
}

export function createAppStore(options: AppStoreOptions): AppStore {
  const { client } = options;
  const now = options.now ?? Date.now;
  const concurrency = options.concurrency ?? BULK_CONCURRENCY;
  const pageCacheMs = options.pageCacheMs ?? 30_000;
  // Visited pages, newest last, so paging back is instant; bounded, and cleared by any change.
  const pageCache = new Map<string, CachedPage>();
  let pageLoad: AbortController | undefined;
  let loadToken = 0;
  let accessLoad: AbortController | undefined;
  const background = new AbortController();
  // The last retry notice shown, so a page's arrival clears that notice and nothing else.
  let retryFlash: Flash | null = null;
  // The flash a failed page load put up: the next page that arrives makes it obsolete.
  let loadFailureFlash: Flash | null = null;
  // The order and filter of the page being loaded: a second `o` while it loads toggles from there.
  let pendingView: View | undefined;
  let sync: ReturnType<typeof createSyncActions>;
  let project: ReturnType<typeof createProjectActions>;

  const store = createStore<AppState>()((set, get) => {
    const cacheKey = (after: string | undefined, view: View) => {
      const { checkpoint, pageSize } = get();
      return JSON.stringify([checkpoint, view.order, view.filter ?? null, pageSize, after ?? null]);
    };

    const remember = (key: string, page: CachedPage) => {
      pageCache.delete(key);
      pageCache.set(key, page);
      while (pageCache.size > PAGE_CACHE_LIMIT) pageCache.delete(pageCache.keys().next().value as string);
    };

    const failure = (error: unknown): Flash => ({ tone: 'error', text: flashLine(error) });

    /** A retry notice is about a request in flight: once a request ends, it is over. */
    const endNotice = () => {
      if (retryFlash !== null && get().flash === retryFlash) set({ flash: null });
    };

    /** The user did something new: the outcome of the previous action is no longer news. */
    const freshFlash = () => {
      if (get().flash !== null && get().flash !== retryFlash) set({ flash: null });
    };

    /**
     * Shows the page that starts after `after`. The cursor stack and page number change only when
     * it arrives, so a failure leaves the user exactly where they were.
     */
    const showPage = async (
      after: string | undefined,
      cursorStack: (string | undefined)[],
      opts: { cursor?: 'first' | 'last' | 'keep'; fresh?: boolean; view?: View } = {},
    ) => {
      const { checkpoint } = get();
      if (checkpoint === undefined) return;
      pageLoad?.abort();
      const token = ++loadToken;
      // A new order or filter is the state's only once its first page is here, like the page itself.
      const view: View = opts.view ?? { order: get().order, filter: get().filter };
      const key = cacheKey(after, view);
      pendingView = view;
      const commit = (rows: Permission[], hasMore: boolean, extra: Partial<AppState> = {}) => {
        const { pageSize, cursor } = get();
        const pageNumber = cursorStack.length + 1;
        // On a reload the cursor follows the row it was on (rows above it may have gone), else keeps its place.
        const wasOn = get().page?.rows[cursor]?.id;
        const followed = wasOn === undefined ? -1 : rows.findIndex((row) => row.id === wasOn);
        const nextCursor =
          opts.cursor === 'last'
            ? rows.length - 1
            : opts.cursor === 'keep'
              ? followed >= 0
                ? followed
                : Math.min(cursor, rows.length - 1)
              : 0;
        // A checkpoint becomes recent once the API has answered for it: a mistyped id is not remembered.
        const recent = get().recent[0] === checkpoint ? get().recent : withRecent(get().recent, checkpoint);
        if (recent !== get().recent) options.recent.save(recent);
        // One change of state, so one frame (Ink renders each change at once).
        set({
          page: {
            rows,
            pageNumber,
            firstRow: (pageNumber - 1) * pageSize + 1,
            lastRow: (pageNumber - 1) * pageSize + rows.length,
            hasMore,
          },
          order: view.order,
          filter: view.filter,
          cursorStack,
          pageAfter: after,
          cursor: Math.max(0, nextCursor),
          loadError: undefined,
          loading: false,
          recent,
          ...extra,
        });
      };
      const cached = opts.fresh ? undefined : pageCache.get(key);
      if (cached && now() - cached.at < pageCacheMs) {
        pendingView = undefined;
        commit(cached.rows, cached.hasMore);
        return;
      }
      const controller = new AbortController();
      pageLoad = controller;
      set({ loading: true });
      const { pageSize } = get();
      try {
        const page = await client.permissions.list(
          checkpoint,
          { after, limit: pageSize, order: view.order, project_id: view.filter },
          { signal: controller.signal },
        );
        if (token !== loadToken) return; // the user has moved on: this answer is for a page no longer wanted
        const rows = page.data.slice(0, pageSize);
        const hasMore = page.has_more && rows.length > 0;
        remember(key, { rows, hasMore, at: now() });
        pendingView = undefined;
        const shown = get().flash;
        commit(rows, hasMore, shown !== null && (shown === retryFlash || shown === loadFailureFlash) ? { flash: null } : {});
      } catch (error) {
        if (token !== loadToken) return;
        pendingView = undefined;
        if (error instanceof AbortError) {
          set({ loading: false, flash: { tone: 'info', text: 'Cancelled: still showing the page you were on' } });
          return;
        }
        loadFailureFlash = failure(error);
        set({ loading: false, loadError: loadFailureFlash.text, flash: loadFailureFlash });
      } finally {
        if (pageLoad === controller) pageLoad = undefined;
      }
    };

    const clearCache = () => pageCache.clear();

    const currentRow = (): Permission | undefined => {
      const { page, cursor } = get();
      return page?.rows[cursor];
    };

    const projectLabel = (projectId: string) => {
      const name = get().directory.byId[projectId]?.name;
      return name ? `${projectId} (${name})` : projectId;
    };

    /** Every project id that has access to the checkpoint, read in pages of 100 behind the share screen. */
    const loadAccess = async (checkpoint: string) => {
      accessLoad?.abort();
      const controller = new AbortController();
      accessLoad = controller;
      set({ access: { checkpoint, status: 'loading', projectIds: {} } });
      try {
        const projectIds: Record<string, true> = {};
        for await (const page of client.permissions.pages(checkpoint, { limit: 100 }, { signal: controller.signal })) {
          for (const permission of page.data) projectIds[permission.project_id] = true;
          if (accessLoad === controller) set({ access: { checkpoint, status: 'loading', projectIds: { ...projectIds } } });
        }
        if (accessLoad === controller) set({ access: { checkpoint, status: 'ready', projectIds } });
        endNotice();
      } catch {
        if (accessLoad === controller && !controller.signal.aborted) set({ access: { ...get().access, status: 'failed' } });
        endNotice();
      }
    };

    /** Reads the table's page again after a change on the server; an emptied page steps back to the one before. */
    const reloadTable = async () => {
      clearCache();
      const before = get();
      if (before.checkpoint === undefined) return;
      await showPage(before.pageAfter, before.cursorStack, { cursor: 'keep', fresh: true });
      const after = get();
      if (after.page && after.page.rows.length === 0 && after.cursorStack.length > 0 && after.checkpoint === before.checkpoint) {
        await showPage(after.cursorStack.at(-1), after.cursorStack.slice(0, -1), { cursor: 'last', fresh: true });
      }
    };

    /**
     * One create call (each project alone if the API refuses the batch); `sent` is false when nothing got through.
     * Esc stops it; the projects it was stopped for are then read again, so each outcome is what the server holds.
     */
    const createFor = async (checkpoint: string, projectIds: string[]): Promise<{ outcomes: Outcome[]; sent: boolean }> => {
      const work = startBatch();
      const granted = await grantAccess(client, checkpoint, projectIds, { concurrency, signal: work.signal });
      let outcomes: Outcome[] = granted.map(({ sent: _sent, ...outcome }) => outcome);
      if (work.controller.signal.aborted) {
        const checked = await mapBounded(outcomes, concurrency, async (outcome): Promise<Outcome> => {
          if (outcome.ok) return outcome;
          const found = await heldBy(checkpoint, outcome.projectId);
          if (found === undefined) return { projectId: outcome.projectId, ok: false, reason: 'cancelled: not shared' };
          if (typeof found === 'string')
            return { projectId: outcome.projectId, ok: false, reason: `cancelled, and reading it again failed: ${found}` };
          return { projectId: outcome.projectId, ok: true, permissionId: found.id, reason: 'shared before the cancel took effect' };
        });
        outcomes = checked.map((result) => (result.ok ? result.value : result.item));
      }
      batch = undefined;
      return { outcomes, sent: granted.some((g) => g.sent) || outcomes.some((o) => o.ok) };
    };

    /** The batch (revoke, share, undo) that Esc stops. */
    let batch: AbortController | undefined;
    const startBatch = () => {
      const work = stoppableWork({ signal: background.signal });
      batch = work.controller;
      return work;
    };

    /** The permission a project holds on a checkpoint, undefined for none, or why that could not be read. */
    const heldBy = async (checkpoint: string, projectId: string): Promise<Permission | undefined | string> => {
      try {
        const page = await client.permissions.list(checkpoint, { project_id: projectId, limit: 1 }, { signal: background.signal });
        return page.data.find((p) => p.project_id === projectId);
      } catch (error) {
        return errorLine(error);
      }
    };

    const kit: StoreKit = { client, get, set, concurrency, signal: background.signal, freshFlash, reloadTable };
    sync = createSyncActions(kit);
    project = createProjectActions(kit);

    return {
      ...sync.actions,
      ...project.actions,
      ...createExportActions(kit, () => options.exportDir ?? process.cwd()),
      screen: 'picker',
      checkpoint: undefined,
      page: null,
      cursorStack: [],
      pageAfter: undefined,
      cursor: 0,
      order: options.order ?? 'descending',
      filter: undefined,
      pageSize: clampPageSize(options.pageSize ?? DEFAULT_PAGE_SIZE),
      marks: {},
      dialog: null,
      loading: false,
      loadError: undefined,
      busy: null,
      flash: null,
      directory: { status: 'idle', byId: {}, active: [] },
      recent: options.recent.load(),
      jobs: { status: client.hasApiKey ? 'idle' : 'unavailable', entries: [] },
      access: { status: 'idle', projectIds: {} },
      lastRevoked: [],
      syncTarget: undefined,
      project: null,

      openCheckpoint(raw) {
        // A running revoke or share reports on this table: the user stays until it has.
        if (raw.trim() !== get().checkpoint && refuseWhileBusy({ get, set })) return;
        const id = raw.trim();
        const problem = checkpointIdProblem(id);
        if (problem) {
          set({ flash: { tone: 'error', text: problem } });
          return;
        }
        const same = get().checkpoint === id;
        set({
          screen: 'table',
          checkpoint: id,
          dialog: null,
          flash: null,
          syncTarget: undefined,
          ...(same ? {} : { page: null, cursorStack: [], pageAfter: undefined, cursor: 0, marks: {}, filter: undefined, lastRevoked: [] }),
        });
        if (!same || !get().page) void showPage(undefined, []);
        void get().loadDirectory();
      },

      nextPage() {
        freshFlash();
        const { page, loading, pageAfter, cursorStack } = get();
        if (!page) return;
        // Until the page in flight arrives there is no cursor to go further with.
        if (loading) return;
        if (!page.hasMore) {
          set({ flash: { tone: 'info', text: 'This is the last page' } });
          return;
        }
        const last = page.rows.at(-1);
        if (!last) return;
        void showPage(last.id, [...cursorStack, pageAfter]);
      },

      previousPage() {
        freshFlash();
        const { cursorStack } = get();
        if (cursorStack.length === 0) {
          set({ flash: { tone: 'info', text: 'This is the first page' } });
          return;
        }
        void showPage(cursorStack.at(-1), cursorStack.slice(0, -1));
      },

      firstPage() {
        freshFlash();
        void showPage(undefined, []);
      },

      reload() {
        freshFlash();
        clearCache();
        const { pageAfter, cursorStack } = get();
        void showPage(pageAfter, cursorStack, { cursor: 'keep', fresh: true });
        void get().loadDirectory();
      },

      toggleOrder() {
        freshFlash();
        const from = pendingView ?? { order: get().order, filter: get().filter };
        const order: Order = from.order === 'descending' ? 'ascending' : 'descending';
        void showPage(undefined, [], { view: { order, filter: from.filter } });
      },

      setFilter(raw) {
        freshFlash();
        const projectId = raw?.trim() || undefined;
        if (projectId !== undefined) {
          const resolved = resolveProject(projectId, get().directory);
          if (!resolved.id) {
            set({ flash: { tone: 'error', text: resolved.problem ?? 'not a project id' } });
            return;
          }
          set({ dialog: null });
          void showPage(undefined, [], { view: { order: get().order, filter: resolved.id } });
        } else {
          set({ dialog: null });
          void showPage(undefined, [], { view: { order: get().order, filter: undefined } });
        }
      },

      setPageSize(size) {
        const pageSize = clampPageSize(size);
        if (pageSize === get().pageSize) return;
        set({ pageSize });
        if (get().checkpoint !== undefined && get().screen !== 'picker') void showPage(undefined, []);
      },

      moveCursor(delta) {
        const { page, cursor } = get();
        if (!page || page.rows.length === 0) return;
        set({ cursor: Math.max(0, Math.min(page.rows.length - 1, cursor + delta)) });
      },

      toggleMark() {
        const row = currentRow();
        if (!row) return;
        const marks = { ...get().marks };
        if (marks[row.id]) delete marks[row.id];
        else marks[row.id] = row;
        set({ marks });
        get().moveCursor(1);
      },

      openDialog(dialog) {
        freshFlash();
        set({ dialog });
      },

      closeDialog() {
        const { dialog } = get();
        if (dialog?.kind === 'revoke' || dialog?.kind === 'project-revoke')
          set({ flash: { tone: 'info', text: 'Not revoked: nothing was changed' } });
        else if (dialog?.kind === 'share-confirm') set({ flash: { tone: 'info', text: 'Not shared: nothing was changed' } });
        else if (dialog?.kind === 'undo') set({ flash: { tone: 'info', text: 'Not shared again: nothing was changed' } });
        else if (dialog?.kind === 'sync-plan') {
          // A plan being read again (p) is stopped too: it would reopen the dialog.
          sync.cancelPlan();
          set({ busy: get().busy === 'plan' ? null : get().busy, flash: { tone: 'info', text: 'Not synced: nothing was changed' } });
        }
        set({ dialog: null });
      },

      askRevoke() {
        freshFlash();
        if (refuseWhileBusy({ get, set })) return;
        const marked = Object.values(get().marks);
        const row = currentRow();
        const targets = marked.length > 0 ? marked : row ? [row] : [];
        if (targets.length === 0) {
          set({ flash: { tone: 'info', text: 'Nothing to revoke on this page' } });
          return;
        }
        set({ dialog: { kind: 'revoke', targets } });
      },

      async confirmRevoke() {
        const { dialog, checkpoint, busy } = get();
        // A second y (or a double key press) while the first is running sends nothing.
        if (busy || dialog?.kind !== 'revoke' || checkpoint === undefined) return;
        const targets = dialog.targets;
        set({ busy: 'revoke', dialog: null, flash: { tone: 'info', text: `Revoking ${plural(targets.length, 'permission')}…` } });
        const work = startBatch();
        const settled = await mapBounded(targets, concurrency, async (permission) => {
          try {
            await client.permissions.delete(checkpoint, permission.id, { signal: work.signal, projectId: permission.project_id });
            return undefined;
          } catch (error) {
            if (!work.controller.signal.aborted) throw error;
            // Stopped with Esc: a delete already sent may have been carried out; the server says which.
            const found = await heldBy(checkpoint, permission.project_id);
            if (typeof found === 'string') throw new CkptPermsError(`cancelled, and reading it again failed: ${found}`);
            if (found?.id === permission.id) throw new CkptPermsError('cancelled: not revoked');
            return 'revoked before the cancel took effect';
          }
        });
        batch = undefined;
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
              ? { tone: 'success', text: `Revoked ${projectLabel(only.project_id)} (${only.id})` }
              : { tone: 'success', text: `Revoked ${plural(revoked.length, 'permission')}` };
        } else if (revoked.length === 0 && outcomes.every((o) => o.reason === 'cancelled: not revoked')) {
          flash = { tone: 'info', text: 'Cancelled: nothing was revoked' };
        } else if (revoked.length === 0 && failed.length === 1) {
          flash = { tone: 'error', text: `Not revoked: ${flashLine(settled[0]!.ok ? undefined : settled[0]!.error)}` };
        } else {
          flash = {
            tone: 'warning',
            text: `Revoked ${revoked.length} of ${targets.length}; ${failed.length} failed and stay marked (d to retry)`,
          };
        }
        set({
          busy: null,
          marks,
          flash,
          // Undo shares again on this checkpoint, so only while the table still shows it.
          lastRevoked: get().checkpoint === checkpoint ? revoked : [],
          dialog:
            targets.length > 1 ? { kind: 'outcomes', title: `Revoke: ${revoked.length} of ${targets.length} revoked`, outcomes } : null,
        });
        if (revoked.length === 0) return;
        await reloadTable();
      },

      openShare() {
        freshFlash();
        const { checkpoint } = get();
        if (checkpoint === undefined) return;
        set({ screen: 'share', dialog: null });
        void get().loadDirectory();
        void loadAccess(checkpoint);
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
          else if (directory.status === 'ready' && !known) reason = 'not a project of this organization';
          else if (known?.archived) reason = 'archived projects cannot be given access';
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
        set({ busy: 'share', dialog: null, flash: { tone: 'info', text: `Sharing with ${plural(projectIds.length, 'project')}…` } });
        const { outcomes } = await createFor(checkpoint, projectIds);
        const gained = outcomes.filter((o) => o.ok).length;
        const all = [...outcomes, ...skipped];
        const flash: Flash =
          gained === all.length
            ? { tone: 'success', text: `Shared with ${plural(gained, 'project')}` }
            : gained > 0
              ? { tone: 'warning', text: `Shared with ${gained} of ${plural(all.length, 'project')}; see the list for the rest` }
              : outcomes.every((o) => o.reason === 'cancelled: not shared')
                ? { tone: 'info', text: 'Cancelled: nothing was shared' }
                : { tone: 'error', text: `Not shared: ${all[0]?.reason ?? 'unknown error'}` };
        const result: Dialog = {
          kind: 'outcomes',
          title: `Share: ${gained} of ${plural(all.length, 'project')} gained access`,
          outcomes: all,
        };
        if (gained === 0) {
          // Nothing changed: stay on the share screen with the picks, so trying again is one key away.
          set({ busy: null, flash, dialog: result });
          return;
        }
        // A change since the last revoke: an undo now would not be "right after" it.
        set({ busy: null, flash, screen: 'table', dialog: result, lastRevoked: [] });
        await reloadTable();
      },

      askUndo() {
        freshFlash();
        if (refuseWhileBusy({ get, set })) return;
        const { lastRevoked } = get();
        if (lastRevoked.length === 0) {
          set({ flash: { tone: 'info', text: 'Nothing to undo' } });
          return;
        }
        set({ dialog: { kind: 'undo', permissions: lastRevoked } });
      },

      async confirmUndo() {
        const { dialog, checkpoint, busy } = get();
        if (busy || dialog?.kind !== 'undo' || checkpoint === undefined) return;
        const projectIds = [...new Set(dialog.permissions.map((p) => p.project_id))];
        set({ busy: 'undo', dialog: null, flash: { tone: 'info', text: `Sharing again with ${plural(projectIds.length, 'project')}…` } });
        const { outcomes, sent } = await createFor(checkpoint, projectIds);
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
          flash,
          dialog: { kind: 'outcomes', title: `Undo: ${regained} of ${plural(outcomes.length, 'project')} have access again`, outcomes },
          // When the call itself failed nothing changed: u may try again.
          lastRevoked: sent ? [] : get().lastRevoked,
        });
        if (regained > 0) await reloadTable();
      },

      goBack() {
        const { dialog, screen, filter } = get();
        if (dialog) {
          set({ dialog: null });
          return;
        }
        if (refuseWhileBusy({ get, set })) return;
        if (screen === 'share') {
          accessLoad?.abort();
          set({ screen: 'table' });
          return;
        }
        if (screen === 'project') {
          get().leaveProject();
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
        if (refuseWhileBusy({ get, set })) return;
        freshFlash();
        // Leaving the table drops the page in flight quietly: no "Cancelled" line on the picker.
        loadToken++;
        pendingView = undefined;
        pageLoad?.abort();
        sync.cancelPlan();
        set({ screen: 'picker', dialog: null, loading: false, syncTarget: undefined });
        if (get().jobs.status === 'idle') void get().loadJobs();
      },

      async loadDirectory() {
        const { directory } = get();
        if (directory.status === 'loading' || directory.status === 'ready') return;
        set({ directory: { ...directory, status: 'loading', error: undefined } });
        try {
          const byId: Record<string, ProjectInfo> = {};
          for await (const page of client.projects.pages({ limit: 100, include_archived: true }, { signal: background.signal })) {
            for (const project of page.data) byId[project.id] = projectInfo(project);
          }
          // In the API's order: the share screen sorts them by name when it opens (sorting by locale loads ICU's
          // collation data, megabytes a session that never shares would carry).
          const active = Object.values(byId).filter((p) => !p.archived);
          set({ directory: { status: 'ready', byId, active } });
          endNotice();
        } catch (error) {
          if (error instanceof AbortError) return;
          set({ directory: { status: 'failed', byId: {}, active: [], error: errorLine(error) } });
          endNotice();
        }
      },

      async loadJobs() {
        if (!client.hasApiKey) {
          set({ jobs: { status: 'unavailable', entries: [] } });
          return;
        }
        if (get().jobs.status === 'loading') return;
        set({ jobs: { status: 'loading', entries: [] } });
        try {
          // The picker lists what a glance needs; the project view (candidateCheckpoints) reads them all.
          const perJob = await jobsWithCheckpoints(client, {
            maxJobs: JOBS_LIMIT,
            checkpointsPerJob: CHECKPOINTS_PER_JOB,
            concurrency,
            signal: background.signal,
          });
          const entries: JobCheckpointEntry[] = [];
          perJob.forEach((result) => {
            const job = result.item;
            entries.push({
              id: job.fine_tuned_model,
              kind: 'model',
              jobId: job.id,
              baseModel: job.model,
              createdAt: job.finished_at ?? job.created_at,
            });
            if (!result.ok) return;
            for (const c of result.value) {
              if (c.fine_tuned_model_checkpoint === job.fine_tuned_model) continue;
              entries.push({
                id: c.fine_tuned_model_checkpoint,
                kind: 'checkpoint',
                jobId: job.id,
                baseModel: job.model,
                step: c.step_number,
                trainLoss: c.metrics?.train_loss,
                createdAt: c.created_at,
              });
            }
          });
          set({ jobs: { status: 'ready', entries } });
          endNotice();
        } catch (error) {
          if (error instanceof AbortError) return;
          set({ jobs: { status: 'failed', entries: [], error: errorLine(error) } });
          endNotice();
        }
      },

      cancelLoad() {
        // Esc stops what is running: a revoke, share or undo (each outcome then read from the server), a sync plan, or the page.
        if (batch) {
          batch.abort();
          set({ flash: { tone: 'info', text: 'Cancelling: checking what was already done…' } });
          return;
        }
        if (sync.cancelPlan()) return;
        pageLoad?.abort();
      },

      setFlash(flash) {
        set({ flash });
      },

      dispose() {
        pageLoad?.abort();
        accessLoad?.abort();
        project.cancelLookups();
        background.abort();
        unsubscribeRetry();
      },
    };
  });

  // A retry's wait is shown where the outcome of the last action goes.
  const unsubscribeRetry = client.onRetry((notice) => {
    const seconds = Math.max(1, Math.round(notice.delayMs / 1000));
    const what =
      notice.status === 429 ? 'rate limited (429)' : notice.status ? `server error (${notice.reason})` : `network error (${notice.reason})`;
    const { loading, busy } = store.getState();
    const stoppable = busy === 'revoke' || busy === 'share' || busy === 'undo' || (notice.method === 'GET' && loading);
    const cancel = stoppable ? ' · Esc cancels' : '';
    retryFlash = { tone: 'warning', text: `${what}, retrying in ${seconds} s${cancel}` };
    store.setState({ flash: retryFlash });
  });

  return store;
}

export function clampPageSize(size: number): number {
  if (!Number.isFinite(size)) return DEFAULT_PAGE_SIZE;
  return Math.max(1, Math.min(100, Math.floor(size)));
}

function projectInfo(project: Project): ProjectInfo {
  return {
    id: project.id,
    name: project.name?.trim() || '',
    archived: project.status === 'archived' || (project.archived_at ?? null) !== null,
  };
}

/** A filter may be a project id, or a project name the directory knows exactly once. */
export function resolveProject(text: string, directory: Directory): { id?: string; problem?: string } {
  if (!projectIdProblem(text)) return { id: text };
  // Names are compared as they are shown (control characters removed), so what the user sees can be typed.
  const lower = sanitizeLine(text).trim().toLowerCase();
  const matches = Object.values(directory.byId).filter((p) => sanitizeLine(p.name).trim().toLowerCase() === lower);
  if (matches.length === 1) return { id: matches[0]!.id };
  if (matches.length > 1) return { problem: `${matches.length} projects are named "${text}": use the project id` };
  if (!text.startsWith('proj_')) return { problem: `no project is named "${sanitizeLine(text)}": type its exact name or its proj_… id` };
  return { problem: projectIdProblem(text) };
}

/** Whether an error means the key cannot do this (for the key prompt's check). */
export function isAuthError(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 401 || error.status === 403);
}
