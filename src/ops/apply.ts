// Changing who may use checkpoints: a plan per checkpoint (who gains access, who loses it) and the one way to carry
// plans out, a few requests at a time, safe to stop half-way. sync and apply (access files) are both built on it.
import { grantedBeforeFailure, type Client } from '../api/client';
import { AbortError, ApiError, OutcomeUnknownError, errorLine } from '../api/errors';
import type { Permission } from '../api/types';
import { inChunks, mapBounded, NotStartedError, REQUESTS_AT_ONCE } from './pool';

export interface CheckpointPlan {
  checkpoint: string;
  /** Projects not wanted lose access (sync --prune, `exclusive: true`). */
  exclusive: boolean;
  /** Projects wanted that have no access yet. */
  add: string[];
  /** Permissions of projects not wanted (only when exclusive). */
  remove: Permission[];
  /** Projects wanted that already have access. */
  unchanged: string[];
  /** Projects with access that are not wanted, left alone (only when not exclusive). */
  kept: string[];
}

/** What to change so that `wanted` have access to a checkpoint whose permissions are `current`. */
export function planCheckpoint(checkpoint: string, wanted: Iterable<string>, current: Permission[], exclusive: boolean): CheckpointPlan {
  const want = new Set(wanted);
  const have = new Set(current.map((p) => p.project_id));
  return {
    checkpoint,
    exclusive,
    add: [...want].filter((id) => !have.has(id)).sort(),
    remove: exclusive ? current.filter((p) => !want.has(p.project_id)).sort((a, b) => a.project_id.localeCompare(b.project_id)) : [],
    unchanged: [...want].filter((id) => have.has(id)).sort(),
    kept: exclusive ? [] : [...have].filter((id) => !want.has(id)).sort(),
  };
}

export function plansAreEmpty(plans: readonly CheckpointPlan[]): boolean {
  return plans.every((plan) => plan.add.length === 0 && plan.remove.length === 0);
}

/**
 * Every change has one of these outcomes: carried out, refused or failed (with the reason), never
 * sent because the run was stopped first, or sent with its answer lost to a second interrupt.
 */
export type ChangeStatus = 'done' | 'failed' | 'not started' | 'unknown';

export interface ChangeOutcome {
  checkpoint: string;
  action: 'add' | 'remove';
  projectId: string;
  status: ChangeStatus;
  /** The permission created, or the one removed (or to be removed). */
  permissionId?: string;
  reason?: string;
}

export interface ApplyOptions {
  /** Requests in flight at once (default 4). */
  concurrency?: number;
  /** Projects per create call (default 20): a stopped run has at most a few calls in flight. */
  chunkSize?: number;
  /** Once aborted (a first Ctrl+C), nothing new starts; what is in flight finishes and its outcome is known. */
  stop?: AbortSignal;
  /** Once aborted (a second Ctrl+C), requests in flight are given up: their outcome is unknown. */
  signal?: AbortSignal;
}

export const CREATE_CHUNK = 20;

const INTERRUPTED = 'interrupted before its answer came: it may or may not have been carried out; run the same command again to finish';

type Unit = { kind: 'grant'; checkpoint: string; projectIds: string[] } | { kind: 'revoke'; checkpoint: string; permission: Permission };

/**
 * Carries out the plans: first the additions (create calls of `chunkSize` projects), then the
 * removals (one delete each), `concurrency` requests at a time across all checkpoints. Creates
 * re-read before a retry (no double grant); a delete whose answer was lost and whose permission is
 * gone counts as done. Every planned change comes back with its outcome, in the plans' order.
 */
export async function applyPlans(client: Client, plans: readonly CheckpointPlan[], options: ApplyOptions = {}): Promise<ChangeOutcome[]> {
  const size = Math.max(1, options.chunkSize ?? CREATE_CHUNK);
  const units: Unit[] = [];
  for (const plan of plans) {
    for (const projectIds of inChunks(plan.add, size)) units.push({ kind: 'grant', checkpoint: plan.checkpoint, projectIds });
  }
  for (const plan of plans) for (const permission of plan.remove) units.push({ kind: 'revoke', checkpoint: plan.checkpoint, permission });

  const settled = await mapBounded(
    units,
    options.concurrency ?? REQUESTS_AT_ONCE,
    async (unit) =>
      unit.kind === 'grant'
        ? (await grantChunk(client, unit.checkpoint, unit.projectIds, options)).outcomes
        : revoke(client, unit, options),
    { stop: options.stop },
  );
  return settled.flatMap((result) => {
    if (result.ok) return result.value;
    const unit = result.item;
    const failure = failureOf(result.error);
    if (unit.kind === 'revoke') {
      const { checkpoint, permission } = unit;
      return [{ checkpoint, action: 'remove', projectId: permission.project_id, permissionId: permission.id, ...failure }];
    }
    return unit.projectIds.map((projectId) => ({ checkpoint: unit.checkpoint, action: 'add' as const, projectId, ...failure }));
  });
}

async function revoke(client: Client, unit: Extract<Unit, { kind: 'revoke' }>, options: ApplyOptions): Promise<ChangeOutcome[]> {
  const { checkpoint, permission } = unit;
  await client.permissions.delete(checkpoint, permission.id, { signal: options.signal, projectId: permission.project_id });
  return [{ checkpoint, action: 'remove', projectId: permission.project_id, permissionId: permission.id, status: 'done' }];
}

type GrantOptions = Pick<ApplyOptions, 'signal' | 'stop'> & { concurrency?: number };

/**
 * One create call for these projects, every project's outcome, and whether each was asked alone: when the API
 * refuses the whole call with a 400 (one archived or vanished project does that), each project is asked alone, so
 * the others still get access (`concurrency` at a time; none once stopped).
 */
export async function grantChunk(
  client: Client,
  checkpoint: string,
  projectIds: string[],
  options: GrantOptions = {},
): Promise<{ outcomes: ChangeOutcome[]; alone: boolean }> {
  const outcome = (projectId: string, rest: Omit<ChangeOutcome, 'checkpoint' | 'action' | 'projectId'>): ChangeOutcome => ({
    checkpoint,
    action: 'add',
    projectId,
    ...rest,
  });
  const fromCreated = (ids: string[], created: Permission[]): ChangeOutcome[] => {
    const byProject = new Map(created.map((p) => [p.project_id, p]));
    return ids.map((projectId) => {
      const permission = byProject.get(projectId);
      return permission
        ? outcome(projectId, { status: 'done', permissionId: permission.id })
        : outcome(projectId, { status: 'failed', reason: 'the API created no permission for it (it may already have access)' });
    });
  };
  if (projectIds.length === 0) return { outcomes: [], alone: false };
  try {
    const created = await client.permissions.create(checkpoint, projectIds, { signal: options.signal });
    return { outcomes: fromCreated(projectIds, created.data), alone: false };
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 400 && projectIds.length > 1)) {
      // Lost answers were read again: projects found with access are told as granted.
      const granted = new Map(grantedBeforeFailure(error).map((p) => [p.project_id, p]));
      const outcomes = projectIds.map((projectId) => {
        const permission = granted.get(projectId);
        return permission
          ? outcome(projectId, { status: 'done', permissionId: permission.id })
          : outcome(projectId, { status: statusOf(error), reason: reasonOf(error) });
      });
      return { outcomes, alone: false };
    }
    const single = await mapBounded(
      projectIds,
      options.concurrency ?? 1,
      (projectId) => client.permissions.create(checkpoint, [projectId], { signal: options.signal }),
      { stop: options.stop },
    );
    const outcomes = single.flatMap((result) => {
      if (result.ok) return fromCreated([result.item], result.value.data);
      const granted = grantedBeforeFailure(result.error)[0];
      if (granted) return [outcome(result.item, { status: 'done', permissionId: granted.id })];
      return [outcome(result.item, failureOf(result.error))];
    });
    return { outcomes, alone: true };
  }
}

/** The outcome of a change that threw: not started, unknown (its answer was lost), or failed with the reason. */
export function failureOf(error: unknown): { status: ChangeStatus; reason?: string } {
  const status = statusOf(error);
  return status === 'not started' ? { status } : { status, reason: reasonOf(error) };
}

function statusOf(error: unknown): ChangeStatus {
  if (error instanceof NotStartedError) return 'not started';
  if (error instanceof AbortError || error instanceof OutcomeUnknownError) return 'unknown';
  return 'failed';
}

function reasonOf(error: unknown): string {
  return error instanceof AbortError ? INTERRUPTED : errorLine(error);
}

export interface Tally {
  added: number;
  removed: number;
  plannedAdds: number;
  plannedRemoves: number;
  failed: number;
  unknown: number;
  notStarted: number;
}

/** What a count needs of an outcome (a sync's outcomes have no checkpoint). */
type Counted = Pick<ChangeOutcome, 'action' | 'status'>;

export function tally(outcomes: readonly Counted[]): Tally {
  const count = (test: (o: Counted) => boolean) => outcomes.filter(test).length;
  return {
    added: count((o) => o.action === 'add' && o.status === 'done'),
    removed: count((o) => o.action === 'remove' && o.status === 'done'),
    plannedAdds: count((o) => o.action === 'add'),
    plannedRemoves: count((o) => o.action === 'remove'),
    failed: count((o) => o.status === 'failed'),
    unknown: count((o) => o.status === 'unknown'),
    notStarted: count((o) => o.status === 'not started'),
  };
}

/** `interrupted: 45 of 137 removed, 92 not started; run the same command again to finish` */
export function interruptedLine(outcomes: readonly Counted[]): string {
  const t = tally(outcomes);
  const parts: string[] = [];
  if (t.plannedAdds > 0) parts.push(`${t.added} of ${t.plannedAdds} added`);
  if (t.plannedRemoves > 0) parts.push(`${t.removed} of ${t.plannedRemoves} removed`);
  if (t.failed > 0) parts.push(`${t.failed} failed`);
  if (t.unknown > 0) parts.push(`${t.unknown} unknown (interrupted in flight)`);
  parts.push(`${t.notStarted} not started`);
  const left = t.failed + t.unknown + t.notStarted;
  return `interrupted: ${parts.join(', ')}; ${left === 0 ? 'every change was made before it stopped' : 'run the same command again to finish'}`;
}
