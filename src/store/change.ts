// The UI's changes to access (revoke, share, undo, sync, the project view's revoke), each run on ops/change.ts: what
// the screen shows while one runs, Esc's stop then abort, what the server holds after an abort, and the one way a
// change ends (nothing busy any more, and the undo stack's step).
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
  /** The permissions it took away. */
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
  try {
    const { outcomes, undo } = await runChange(client, kind, [changePlan(checkpoint, { add, remove })], {
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
    // Given up on with a second Esc, or an answer lost and the client's own re-read failed too: the server says what
    // became of each (and of each permission it created), once the batch is over. Still unreadable, it stays unknown.
    const readBackCreated: Permission[] = [];
    const cancelled = task?.signal.aborted === true;
    const settled =
      cancelled || outcomes.some((o) => o.status === 'unknown')
        ? await readBack(deps, kind, checkpoint, outcomes, readBackCreated, cancelled)
        : outcomes.map((o) => toOutcome(kind, o));
    const gone = new Set(settled.filter((o) => o.status === 'done' && o.permissionId !== undefined).map((o) => o.permissionId));
    const removed = remove.filter((p) => gone.has(p.id));
    // The engine's undo record removes what it created; the read back adds what it found created.
    const created = [...undo.flatMap((plan) => plan.remove), ...readBackCreated];
    record(set, get, kind, checkpoint, { removed, created, changed: settled.some((o) => o.status === 'done' || o.status === 'unknown') });
    return { outcomes: settled, removed };
  } finally {
    task?.end();
  }
}

/**
 * The undo stack after a change: a revoke or share that did something is a step (what it took away, or granted); a
 * sync's changes cannot be undone, so the steps on its checkpoint before it can no longer be undone either. An undo
 * takes its own step off (slices/undo.ts).
 */
function record(
  set: Store['set'],
  get: Store['get'],
  kind: Progress['kind'],
  checkpoint: string,
  done: { removed: Permission[]; created: Permission[]; changed: boolean },
): void {
  const steps = get().undoSteps;
  if (kind === 'revoke' && done.removed.length > 0)
    set({ undoSteps: [...steps, { change: 'revoke', checkpoint, permissions: done.removed }] });
  else if (kind === 'share' && done.created.length > 0)
    set({ undoSteps: [...steps, { change: 'share', checkpoint, permissions: done.created }] });
  else if (kind === 'sync' && done.changed) set({ undoSteps: steps.filter((step) => step.checkpoint !== checkpoint) });
}

/** The patch that ends every change: nothing busy, no progress, no quit pending; with the change's own news. */
export function endChange(patch: Partial<AppState> = {}): Partial<AppState> {
  return { busy: null, progress: null, quitAsked: false, ...patch };
}

/** Why a change never started, in the words of what it was to do (an undo shares again, or revokes what a share gave). */
function notStarted(kind: Progress['kind'], action: ChangeOutcome['action']): string {
  if (kind === 'sync') return 'not started';
  return action === 'remove' ? 'cancelled: not revoked' : 'cancelled: not shared';
}

function toOutcome(kind: Progress['kind'], o: ChangeOutcome): Outcome {
  return {
    projectId: o.projectId,
    permissionId: o.permissionId,
    ok: o.status === 'done',
    status: o.status,
    error: o.error,
    reason: o.status === 'not started' ? notStarted(kind, o.action) : o.reason,
    // Only a sync both adds and removes: its list says which.
    ...(kind === 'sync' ? { action: o.action } : {}),
  };
}

/** Each change whose answer was given up on (an abort) or lost, read from the server; the rest as they came. */
async function readBack(
  deps: StoreDeps,
  kind: Progress['kind'],
  checkpoint: string,
  outcomes: ChangeOutcome[],
  created: Permission[],
  cancelled: boolean,
): Promise<Outcome[]> {
  const checked = await mapBounded(outcomes, deps.concurrency, async (o): Promise<Outcome> => {
    const outcome = toOutcome(kind, o);
    if (o.status !== 'unknown') return outcome;
    const found = await findPermission(deps, checkpoint, o.projectId);
    if ('unreadable' in found)
      return cancelled ? { ...outcome, reason: `cancelled, and reading it again failed: ${found.unreadable}` } : outcome;
    // Not carried out: after a cancel it never started; otherwise it failed, and is marked to be tried again.
    const notDone = (): Outcome =>
      cancelled
        ? { ...outcome, status: 'not started', reason: notStarted(kind, o.action) }
        : {
            ...outcome,
            status: 'failed',
            reason: `${o.action === 'remove' ? 'not revoked' : 'not shared'} (read again after: ${o.reason ?? 'no answer'})`,
          };
    const before = cancelled ? 'before the cancel took effect' : 'though its answer was lost';
    if (o.action === 'remove') {
      const still = 'permission' in found && found.permission.id === o.permissionId;
      return still ? notDone() : { ...outcome, ok: true, status: 'done', reason: `revoked ${before}` };
    }
    if (!('permission' in found)) return notDone();
    created.push(found.permission);
    return { ...outcome, ok: true, status: 'done', permissionId: found.permission.id, reason: `shared ${before}` };
  });
  return checked.map((result) => (result.ok ? result.value : toOutcome(kind, result.item)));
}
