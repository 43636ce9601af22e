// The store's types: the state and the actions of every slice, what the slices are given, and the store they make.
// The shapes of the values held are in data.ts (re-exported here). Imports no slice.
import type { StateCreator, StoreApi } from 'zustand/vanilla';
import type { Client } from '../api/client';
import type { Order, Permission } from '../api/types';
import type { Pager } from './pager';
import type { RecentCheckpoints } from './recent';
import type { Tasks } from './tasks';
import type {
  Access,
  Busy,
  Dialog,
  Directory,
  Flash,
  GrantInfo,
  HistoryView,
  Jobs,
  PageView,
  Progress,
  ProjectView,
  Screen,
  UndoStep,
} from './data';

export type * from './data';

// ---- The slices: each one's data, then its actions (slices/<name>.ts makes both).

/** slices/ui.ts: where the user is, what is open, what runs and the line that reports it. */
export interface UiState {
  screen: Screen;
  dialog: Dialog | null;
  busy: Busy | null;
  flash: Flash | null;
  /** The change to access running, if one is. */
  progress: Progress | null;
  /** q or Ctrl+C came while a change ran: it is being stopped (or finished), and a second Ctrl+C quits at once. */
  quitAsked: boolean;
}
export interface UiActions {
  openDialog(dialog: Dialog): void;
  closeDialog(): void;
  /** Esc where nothing runs: closes the dialog, or goes one screen back. */
  goBack(): void;
  showPicker(): void;
  setFlash(flash: Flash | null): void;
  /** Esc while something runs: stops the batch (revoke, share, undo), the sync plan being read, or the page load. */
  cancelRunning(): void;
  /**
   * q or Ctrl+C: true when the UI may end now. While a change to access runs the first press stops it as Esc does (or,
   * for one that cannot be stopped, says to wait), so its outcomes are shown; a second Ctrl+C may end it anyway.
   */
  requestQuit(key: 'q' | 'ctrl-c'): boolean;
}

/** slices/table.ts: one checkpoint's permissions, a page at a time. */
export interface TableState {
  checkpoint?: string;
  page: PageView | null;
  /** Where the table is and where the user asked to go (store/pager.ts): cursorStack, pageAfter and loading follow from it. */
  pager: Pager;
  /** The `after` cursor of every earlier page, oldest first; the current page's own is `pageAfter`. */
  cursorStack: (string | undefined)[];
  pageAfter?: string;
  cursor: number;
  order: Order;
  filter?: string;
  pageSize: number;
  marks: Record<string, Permission>;
  loading: boolean;
  loadError?: string;
}
export interface TableActions {
  openCheckpoint(id: string): void;
  nextPage(): void;
  previousPage(): void;
  firstPage(): void;
  /** Walks on a page at a time to the last page (no key yet: issue 28's G may open it from the other end). */
  lastPage(): void;
  reload(): void;
  toggleOrder(): void;
  setFilter(projectId: string | undefined): void;
  setPageSize(size: number): void;
  /** The terminal grew: pages of `size` rows from now on, the page on screen re-read from its first row. */
  fitPageSize(size: number): void;
  moveCursor(delta: number): void;
  toggleMark(): void;
  /** `c`: unmarks every row, on every page. */
  clearMarks(): void;
  /** Reads the table's current page again after a change on the server, keeping the cursor on its row. */
  reloadTable(): Promise<void>;
}

/** slices/catalog.ts: what the organization has (projects, fine-tuning jobs) and the checkpoints opened lately. */
export interface CatalogState {
  directory: Directory;
  recent: string[];
  jobs: Jobs;
}
export interface CatalogActions {
  loadDirectory(): Promise<void>;
  loadJobs(): Promise<void>;
  /**
   * The projects of the rows on screen that the directory does not know yet, looked up one by one while it loads
   * (those of the page shown before are dropped).
   */
  lookUpProjects(projectIds: string[]): Promise<void>;
  /** While the directory loads, shows what has loaded so far (it is shown only where listed: the share screen). */
  showLoadedProjects(): void;
}

/** slices/revoke.ts: revoking rows of the table. */
export interface RevokeActions {
  askRevoke(): void;
  confirmRevoke(): Promise<void>;
}

/** slices/undo.ts: the run's revokes and shares, undone last first. */
export interface UndoState {
  /** Every revoke and share of the run not yet undone, the last one last (store/change.ts records them). */
  undoSteps: UndoStep[];
}
export interface UndoActions {
  /** `u`: asks to undo the last step (share again what it revoked, or revoke what it shared). */
  askUndo(): void;
  confirmUndo(): Promise<void>;
}

/** slices/share.ts: the share screen. */
export interface ShareState {
  access: Access;
  /** The projects picked on the share screen: kept for the session (leaving and coming back) until shared or cleared. */
  sharePicks: { checkpoint?: string; projectIds: string[] };
}
export interface ShareActions {
  openShare(): void;
  /** Tab on the share screen: picks the project, or unpicks it. */
  togglePick(projectId: string): void;
  /** A project picked while the walk of the checkpoint's permissions runs: asked at once with the project_id filter. */
  checkProjectAccess(projectId: string): Promise<void>;
  reviewShare(projectIds: string[]): void;
  confirmShare(): Promise<void>;
}

/** slices/sync.ts: giving the table's checkpoint the projects of another. */
export interface SyncState {
  /** Set while the picker picks the source of a sync into this checkpoint. */
  syncTarget?: string;
}
export interface SyncActions {
  /** `s`: the picker, picking the checkpoint to take projects from. */
  askSync(): void;
  /** Reads source and table checkpoint into a plan, shown for confirmation. */
  pickSyncSource(id: string): void;
  cancelSyncSource(): void;
  /** `p` in the plan: prune (remove projects the source lacks) or not, read again. */
  toggleSyncPrune(): void;
  confirmSync(): Promise<void>;
}

/** slices/project.ts: every checkpoint one project can use. */
export interface ProjectState {
  project: ProjectView | null;
}
export interface ProjectActions {
  /** Enter on a row: every checkpoint the row's project can use. */
  openProject(): void;
  reloadProject(): void;
  moveProjectCursor(delta: number): void;
  askProjectRevoke(): void;
  confirmProjectRevoke(): Promise<void>;
  leaveProject(): void;
}

/** slices/history.ts: the checkpoint's history, and who granted the permissions the revoke dialogs name. */
export interface HistoryState {
  history: HistoryView | null;
  /** By permission id: asked for when a revoke dialog opens, never waited for. */
  grants: Record<string, GrantInfo>;
}
export interface HistoryActions {
  /** `H` on the table. */
  openHistory(): void;
  reloadHistory(): void;
  historyNextPage(): void;
  historyPreviousPage(): void;
  historyFirstPage(): void;
  /** Back to the table. */
  leaveHistory(): void;
  /** Esc: stops the reading of the history, or goes back. */
  cancelHistory(): void;
  /** Asks the audit log who granted this permission (once; the answer lands in `grants`). */
  lookUpGrant(permissionId: string): void;
}

/** slices/export.ts. */
export interface ExportActions {
  /** `e`: every permission to `<checkpoint>.permissions.csv` in the export directory. */
  exportPermissions(): Promise<void>;
}

/** create-store.ts. */
export interface LifecycleActions {
  /** Stops everything the store has running and its retry notices: the run is over. */
  dispose(): void;
}

/** Everything the store holds: data for the screens to select. */
export type AppData = UiState & TableState & CatalogState & UndoState & ShareState & SyncState & ProjectState & HistoryState;
/** Everything the store does: stable functions, for key handlers. */
export type AppActions = UiActions &
  TableActions &
  CatalogActions &
  RevokeActions &
  UndoActions &
  ShareActions &
  SyncActions &
  ProjectActions &
  ExportActions &
  HistoryActions &
  LifecycleActions;
export type AppState = AppData & AppActions;
export type AppStore = StoreApi<AppState>;

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
  /**
   * Reads ahead of the user (default true): the page after the one shown, and the rows' project names while the
   * directory loads. Off, every request is one the user asked for (tests of paging alone).
   */
  readAhead?: boolean;
}

/**
 * The rules of the flash line that outlive one action: a retry notice lasts while its request runs, a failed
 * page load's line lasts until a page arrives, the outcome of an action until the user does something else.
 */
export interface Flashes {
  /** The user did something new: the outcome of the previous action is no longer news (a retry notice stays). */
  clearStale(): void;
  /** A request ended: a retry notice about it is over. */
  clearRetryNotice(): void;
  /** Shows a retry notice, remembered as one. */
  showRetryNotice(flash: Flash): void;
  /** Why a page did not load: remembered (and returned, to be shown) until a page arrives. */
  loadFailure(flash: Flash): Flash;
  /** Whether the flash shown is about loading a page (a retry or a failure), which a page's arrival ends. */
  isAboutLoading(): boolean;
  /** One thing at a time: true (and a flash saying what to wait for) while an action runs. */
  refuseWhileBusy(): boolean;
}

/** What every slice is given besides the store's `set` and `get`. */
export interface StoreDeps {
  client: Client;
  tasks: Tasks;
  flashes: Flashes;
  /** Requests in flight during a batch. */
  concurrency: number;
  pageCacheMs: number;
  now: () => number;
  recent: RecentCheckpoints;
  exportDir: () => string;
  /** The table's order and page size before the user changes them. */
  initial: { order: Order; pageSize: number };
  readAhead: boolean;
}

/** A slice: zustand's StateCreator for part of AppState, made with the store's dependencies. */
export type SliceCreator<T> = (deps: StoreDeps) => StateCreator<AppState, [], [], T>;
