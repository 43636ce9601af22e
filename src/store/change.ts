// The UI's changes to access (revoke, share, undo, sync, the project view's revoke), each run on ops/change.ts: what
// the screen shows while one runs, Esc's stop then abort, what the server holds after an abort, and the one way a
// change ends (nothing busy any more, and the undo record).
import { errorLine } from '../api/errors';
import type { Permission } from '../api/types';
import { runChange, type ChangeOutcome } from '../ops/change';
import { changePlan } from '../ops/change-plan';
import { mapBounded } from '../ops/pool';
import type { AppState, Flash, Outcome, Progress, StoreDeps } from './types';

type Store = { set: (partial: Partial<AppState>) => void; get: () => AppState };

export interface StoreChange {
  kind: Progress['kind'];
  checkpoint: string;
  /** Projects to gain access. */
  add?: string[];
  /** Permissions to take away. */
  remove?: Permission[];
  /** The flash while it runs, given how many outcomes are known (a static line ignores the count). */
  progressLine: (done: number) => Flash;
  /** Esc and q stop it (a revoke, share or undo); a sync and the project view's single revoke run to their end. */
  stoppable: boolean;
}

export interface StoreChangeResult {
  outcomes: Outcome[];
  /** The permissions it took away (the undo record of a revoke). */
  removed: Permission[];
}

export type Found = { permission: Permission } | { none: true } | { unreadable: string };

/** The permission a project holds on a checkpoint, that it holds none, or why that could not be read. */
export async function findPermission(deps: Pick<StoreDeps, 'client' | 'tasks'>, checkpoint: string, projectId: string): Promise<Found> {
  try {
    const permission = await deps.client.permissions.find(checkpoint, projectId, { signal: deps.tasks.signal });
    return permission ? { permission } : { none: true };
  } catch (error) {
    return { unreadable: errorLine(error) };
  }
}

/**
 * Runs one change: busy and progress while it runs (each outcome as it comes, each request as it goes out, for a
 * forced quit's report), then, after an abort, what the server holds for each change whose answer was given up. Ends
 * busy with endChange's patch; the caller words the flash and the dialog from the outcomes' statuses.
 */
export async function runStoreChange(deps: StoreDeps, { set, get }: Store, change: StoreChange): Promise<StoreChangeResult> {
  const { client, tasks, concurrency } = deps;
  const { kind, checkpoint, add = [], remove = [] } = change;
  let shown = change.progressLine(0);
  set({
    busy: kind,
    dialog: null,
    flash: shown,
    progress: {
      kind,
      checkpoint,
      items: [...add.map((projectId) => ({ projectId })), ...remove.map((p) => ({ projectId: p.project_id, permissionId: p.id }))],
      outcomes: [],
      sent: [],
    },
  });
  const task = change.stoppable ? tasks.start('batch') : undefined;
  const tableBefore = get().checkpoint;
  try {
    const { outcomes } = await runChange(client, kind, [changePlan(checkpoint, { add, remove })], {
      concurrency,
      stop: task?.stop,
      abort: task?.signal ?? tasks.signal,
      onSent: (changes) => {
        const progress = get().progress;
        const ids = changes.flatMap((c) => (c.permissionId ? [c.permissionId] : []));
        if (progress && ids.length > 0) set({ progress: { ...progress, sent: [...(progress.sent ?? []), ...ids] } });
      },
      onOutcome: (outcome) => {
        const progress = get().progress;
        if (progress === null) return;
        const known = [...progress.outcomes, toOutcome(kind, outcome)];
        set({ progress: { ...progress, outcomes: known } });
        // The line counts them, unless a retry notice or a stop has the line.
        if (get().flash === shown && !get().quitAsked) {
          shown = change.progressLine(known.length);
          set({ flash: shown });
        }
      },
    });
    // Given up on with a second Esc: the server says what became of each.
    const settled = task?.signal.aborted ? await readBack(deps, kind, checkpoint, outcomes) : outcomes.map((o) => toOutcome(kind, o));
    const gone = new Set(settled.filter((o) => o.status === 'done' && o.permissionId !== undefined).map((o) => o.permissionId));
    const removed = remove.filter((p) => gone.has(p.id));
    const changed = settled.some((o) => o.status === 'done' || o.status === 'unknown');
    // The undo record: only a change that changed something replaces it; a revoke's is what it took away, unless the
    // table went to another checkpoint meanwhile (which dropped the record); after any other, u has nothing to undo.
    const stillHere = get().checkpoint === tableBefore;
    if (changed && kind === 'revoke') set({ lastRevoked: stillHere ? removed : [], lastRevokedOn: checkpoint });
    else if (changed) set({ lastRevoked: [] });
    return { outcomes: settled, removed };
  } finally {
    task?.end();
  }
}

/** The patch that ends every change: nothing busy, no progress, no quit pending; with the change's own news. */
export function endChange(patch: Partial<AppState> = {}): Partial<AppState> {
  return { busy: null, progress: null, quitAsked: false, ...patch };
}

const NOT_STARTED: Record<Progress['kind'], string> = {
  revoke: 'cancelled: not revoked',
  share: 'cancelled: not shared',
  undo: 'cancelled: not shared',
  sync: 'not started',
};

function toOutcome(kind: Progress['kind'], o: ChangeOutcome): Outcome {
  return {
    projectId: o.projectId,
    permissionId: o.permissionId,
    ok: o.status === 'done',
    status: o.status,
    error: o.error,
    reason: o.status === 'not started' ? NOT_STARTED[kind] : o.reason,
    // Only a sync both adds and removes: its list says which.
    ...(kind === 'sync' ? { action: o.action } : {}),
  };
}

/** Each change whose answer an abort gave up on, read from the server; the rest as they came. */
async function readBack(deps: StoreDeps, kind: Progress['kind'], checkpoint: string, outcomes: ChangeOutcome[]): Promise<Outcome[]> {
  const checked = await mapBounded(outcomes, deps.concurrency, async (o): Promise<Outcome> => {
    const outcome = toOutcome(kind, o);
    if (o.status !== 'unknown') return outcome;
    const found = await findPermission(deps, checkpoint, o.projectId);
    if ('unreadable' in found) return { ...outcome, reason: `cancelled, and reading it again failed: ${found.unreadable}` };
    if (o.action === 'remove') {
      const still = 'permission' in found && found.permission.id === o.permissionId;
      return still
        ? { ...outcome, status: 'not started', reason: NOT_STARTED[kind] }
        : { ...outcome, ok: true, status: 'done', reason: 'revoked before the cancel took effect' };
    }
    return 'permission' in found
      ? { ...outcome, ok: true, status: 'done', permissionId: found.permission.id, reason: 'shared before the cancel took effect' }
      : { ...outcome, status: 'not started', reason: NOT_STARTED[kind] };
  });
  return checked.map((result) => (result.ok ? result.value : toOutcome(kind, result.item)));
}
