// What the store holds, shape by shape: the values the screens draw (pages, dialogs, the flash line, the directory,
// the project view, the history…). types.ts builds the slices' state from these; neither imports a slice.
import type { Permission } from '../api/types';
import type { ProjectInfo } from '../ops/directory';
import type { HistoryActor, HistoryEntry } from '../ops/history';
import type { ChangeStatus } from '../ops/change';
import type { SyncPlan } from '../ops/sync';

export type Screen = 'picker' | 'table' | 'share' | 'project' | 'history';

/** What a batch did to one project: the user must be able to see every one of these. */
export interface Outcome {
  projectId: string;
  permissionId?: string;
  ok: boolean;
  /** What became of it (ok is 'done'); none for a project left out before anything was sent. */
  status?: ChangeStatus;
  /** What it failed with (the flash words it). */
  error?: unknown;
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
  | ({ kind: 'undo' } & UndoStep)
  | { kind: 'project-revoke'; projectId: string; checkpoint: string; permission: Permission }
  | { kind: 'filter' }
  | { kind: 'help' };

/** A change `u` can undo: a revoke (undone by sharing again with its projects) or a share (undone by revoking what it granted). */
export interface UndoStep {
  change: 'revoke' | 'share';
  /** The checkpoint it was made on (the table's, or another one in the project view). */
  checkpoint: string;
  /** What it took away (a revoke) or granted (a share). */
  permissions: Permission[];
}

export type Tone = 'info' | 'success' | 'warning' | 'error';
export interface Flash {
  tone: Tone;
  text: string;
  /** A file path in the text: a line too long for the terminal cuts the path's directory, never its file name. */
  path?: string;
  /** The end of the text (` · u undoes`): a line too long for the terminal is cut before it, never in it. */
  end?: string;
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
  /** ← has a page to go to (from the end: rows nearer the start remain). Unset: any page after the first. */
  hasPrevious?: boolean;
  /** Numbered from the end (G, before a walk counted every row): page 1 is the last page, row 1 the last row. */
  fromEnd?: true;
  /** How many rows the view has, once a walk has counted them all. */
  total?: number;
}

export type { ProjectInfo };

export interface Directory {
  status: 'idle' | 'loading' | 'ready' | 'failed';
  /**
   * Every project known so far: from the cache of the last run (only ever shown), the pages the API has listed, and the
   * projects of the rows on screen looked up one by one. Complete (and the API's alone) once `ready`.
   */
  byId: Record<string, ProjectInfo>;
  /** Active projects, in the API's order: the share screen's list (it sorts them by name). */
  active: ProjectInfo[];
  /** Projects the API has listed so far in this read of the directory. */
  loaded?: number;
  /** The projects shown came from the last run's cache: a read under way refreshes them (until it is done). */
  cached?: true;
  /**
   * Known only in part: the last project id a walk read (the last run's, from the cache, or this one's). The next read
   * resumes after it; absent, what is known is the whole directory (or nothing yet).
   */
  resumeAfter?: string;
  /** Project ids of rows that the API says are not the organization's (404 when looked up). */
  unknown?: Record<string, true>;
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
  /** Jobs and checkpoints the API sent malformed (a field of the wrong type, an id no checkpoint has): left out. */
  skipped?: number;
  /** While loading: the jobs whose rows are in `entries`, of those listed so far (`of` once every page is listed). */
  progress?: { read: number; listed: number; of?: number };
}

/** Which projects already have access to the checkpoint being shared (read in full in the background). */
export interface Access {
  checkpoint?: string;
  status: 'idle' | 'loading' | 'ready' | 'failed';
  /** Grown in place while it is read: a reader selects `access` (a new object at each showing), not this. */
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

/** A change to access under way: what it is, and every outcome known so far (the progress line, and a forced quit's report). */
export interface Progress {
  kind: 'revoke' | 'share' | 'undo' | 'sync';
  checkpoint: string;
  /** The projects it is for, with the permission where one is being revoked. */
  items: { projectId: string; permissionId?: string }[];
  outcomes: Outcome[];
  /** The permissions whose request has gone out (a revoke sends them a few at a time); undefined: all at once. */
  sent?: string[];
}

/** The history screen: every grant and revoke of one checkpoint, newest first, paged here. */
export interface HistoryView {
  checkpoint: string;
  status: 'loading' | 'ready' | 'failed';
  /** Newest first. */
  entries: HistoryEntry[];
  /** 0-based. */
  page: number;
  /** While loading: the organization's permission events read so far (the log is read in full). */
  read?: number;
  error?: string;
  /** The organization's audit log is empty or unreadable: audit logging is probably off. */
  noAuditLog?: boolean;
}

/** Who granted a permission, as far as the audit log knows. */
export type GrantInfo = { status: 'loading' } | { status: 'unknown' } | { status: 'known'; at: number; actor: HistoryActor };
