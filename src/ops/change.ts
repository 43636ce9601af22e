// The one way to change who may use checkpoints: runChange carries out plans a few requests at a time, for the UI and
// the command line alike. A stop lets what is in flight finish (its outcome is then known) and starts nothing new; an
// abort gives up on what is in flight (its outcome is unknown). Every planned change comes back with a status, and
// what was done comes back as the plans that undo it.
import { grantedBeforeFailure, type Client } from '../api/client';
import { AbortError, ApiError, OutcomeUnknownError, StoppedError, errorLine } from '../api/errors';
import type { Permission } from '../api/types';
import { changePlan, type CheckpointPlan } from './change-plan';
import { inChunks, mapBounded, NotStartedError, REQUESTS_AT_ONCE } from './pool';

/** What runs: a revoke, share or undo of the UI, a sync, or an access file's apply. */
export type ChangeKind = 'revoke' | 'share' | 'undo' | 'sync' | 'apply';

/**
 * Every change has one of these outcomes: carried out, refused or failed (with the reason), never
 * sent because the run was stopped first, or sent with its answer lost to an abort.
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
  /** What it failed with, for a caller that words it its own way (the UI's flash). */
  error?: unknown;
}

/** A planned change, before its outcome: what onSent reports as its request goes out. */
export type PlannedChange = Pick<ChangeOutcome, 'checkpoint' | 'action' | 'projectId' | 'permissionId'>;

export interface ChangeOptions {
  /** Requests in flight at once (default 4). */
  concurrency?: number;
  /** Projects per create call (default 20; a share or undo of the UI is one call: PRODUCT.md's "one create call"). */
  chunkSize?: number;
  /** Once aborted (a first Esc or Ctrl+C), nothing new starts, no retry either; what is in flight finishes. */
  stop?: AbortSignal;
  /** Once aborted (a second one), requests in flight are given up: their outcome is unknown. */
  abort?: AbortSignal;
  /** The requests for these changes are going out (changes never started are never reported). */
  onSent?: (changes: PlannedChange[]) => void;
  /** One change's outcome, as it comes (not for those never started). */
  onOutcome?: (outcome: ChangeOutcome) => void;
}

export interface ChangeResult {
  /** Every planned change, in the plans' order: the additions, then the removals. */
  outcomes: ChangeOutcome[];
  /** What undoes what was done: each permission created removed, each project that lost access granted again. */
  undo: CheckpointPlan[];
}

export const CREATE_CHUNK = 20;

const INTERRUPTED = 'interrupted before its answer came: it may or may not have been carried out; run the same command again to finish';

type Unit = { kind: 'grant'; checkpoint: string; projectIds: string[] } | { kind: 'revoke'; checkpoint: string; permission: Permission };

/**
 * Carries out the plans: first the additions (create calls of `chunkSize` projects), then the removals (one delete
 * each), `concurrency` requests at a time across all checkpoints. Creates re-read before a retry (no double grant); a
 * delete whose answer was lost and whose permission is gone counts as done.
 */
export async function runChange(
  client: Client,
  kind: ChangeKind,
  plans: readonly CheckpointPlan[],
  options: ChangeOptions = {},
): Promise<ChangeResult> {
  const oneCall = kind === 'share' || kind === 'undo';
  const size = Math.max(1, options.chunkSize ?? (oneCall ? Infinity : CREATE_CHUNK));
  const concurrency = options.concurrency ?? REQUESTS_AT_ONCE;
  const units: Unit[] = [];
  for (const plan of plans) {
    for (const projectIds of inChunks(plan.add, size)) units.push({ kind: 'grant', checkpoint: plan.checkpoint, projectIds });
  }
  for (const plan of plans) for (const permission of plan.remove) units.push({ kind: 'revoke', checkpoint: plan.checkpoint, permission });

  const created: { checkpoint: string; permission: Permission }[] = [];
  const removed: { checkpoint: string; permission: Permission }[] = [];
  const settled = await mapBounded(
    units,
    concurrency,
    async (unit) => {
      options.onSent?.(plannedOf(unit));
      const outcomes: ChangeOutcome[] = [];
      try {
        if (unit.kind === 'grant') {
          const granted = await grantChunk(client, unit.checkpoint, unit.projectIds, { ...options, concurrency });
          for (const permission of granted.created) created.push({ checkpoint: unit.checkpoint, permission });
          outcomes.push(...granted.outcomes);
        } else {
          const { checkpoint, permission } = unit;
          await client.permissions.delete(checkpoint, permission.id, {
            signal: options.abort,
            stop: options.stop,
            projectId: permission.project_id,
          });
          removed.push({ checkpoint, permission });
          outcomes.push({ checkpoint, action: 'remove', projectId: permission.project_id, permissionId: permission.id, status: 'done' });
        }
      } catch (error) {
        outcomes.push(...failedUnit(unit, error));
      }
      for (const outcome of outcomes) options.onOutcome?.(outcome);
      return outcomes;
    },
    { stop: options.stop },
  );
  const outcomes = settled.flatMap((result) => (result.ok ? result.value : failedUnit(result.item, result.error)));
  return { outcomes, undo: undoPlans(plans, created, removed) };
}

function plannedOf(unit: Unit): PlannedChange[] {
  if (unit.kind === 'revoke') {
    const { checkpoint, permission } = unit;
    return [{ checkpoint, action: 'remove', projectId: permission.project_id, permissionId: permission.id }];
  }
  return unit.projectIds.map((projectId) => ({ checkpoint: unit.checkpoint, action: 'add', projectId }));
}

function failedUnit(unit: Unit, error: unknown): ChangeOutcome[] {
  const failure = failureOf(error);
  if (unit.kind === 'revoke') {
    const { checkpoint, permission } = unit;
    return [{ checkpoint, action: 'remove', projectId: permission.project_id, permissionId: permission.id, ...failure }];
  }
  return unit.projectIds.map((projectId) => ({ checkpoint: unit.checkpoint, action: 'add' as const, projectId, ...failure }));
}

/** Per checkpoint, in the plans' order: remove what was created, give back what was removed. */
function undoPlans(
  plans: readonly CheckpointPlan[],
  created: { checkpoint: string; permission: Permission }[],
  removed: { checkpoint: string; permission: Permission }[],
): CheckpointPlan[] {
  const checkpoints = [...new Set(plans.map((plan) => plan.checkpoint))];
  return checkpoints.flatMap((checkpoint) => {
    const add = removed.filter((r) => r.checkpoint === checkpoint).map((r) => r.permission.project_id);
    const remove = created.filter((c) => c.checkpoint === checkpoint).map((c) => c.permission);
    return add.length + remove.length > 0 ? [changePlan(checkpoint, { add, remove })] : [];
  });
}

type GrantOptions = Pick<ChangeOptions, 'abort' | 'stop'> & { concurrency?: number };

/**
 * One create call for these projects, every project's outcome, and the permissions created: when the API refuses the
 * whole call with a 400 (one archived or vanished project does that), each project is asked alone, so the others still
 * get access (`concurrency` at a time; none once stopped).
 */
async function grantChunk(
  client: Client,
  checkpoint: string,
  projectIds: string[],
  options: GrantOptions,
): Promise<{ outcomes: ChangeOutcome[]; created: Permission[] }> {
  const created: Permission[] = [];
  const outcome = (projectId: string, rest: Omit<ChangeOutcome, 'checkpoint' | 'action' | 'projectId'>): ChangeOutcome => ({
    checkpoint,
    action: 'add',
    projectId,
    ...rest,
  });
  const granted = (permission: Permission): ChangeOutcome => {
    created.push(permission);
    return outcome(permission.project_id, { status: 'done', permissionId: permission.id });
  };
  const fromCreated = (ids: string[], answer: Permission[]): ChangeOutcome[] => {
    const byProject = new Map(answer.map((p) => [p.project_id, p]));
    return ids.map((projectId) => {
      const permission = byProject.get(projectId);
      return permission
        ? granted(permission)
        : outcome(projectId, { status: 'failed', reason: 'the API created no permission for it (it may already have access)' });
    });
  };
  const request = { signal: options.abort, stop: options.stop };
  if (projectIds.length === 0) return { outcomes: [], created };
  try {
    const answer = await client.permissions.create(checkpoint, projectIds, request);
    return { outcomes: fromCreated(projectIds, answer.data), created };
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 400 && projectIds.length > 1)) {
      // Lost answers were read again: projects found with access are told as granted.
      const found = new Map(grantedBeforeFailure(error).map((p) => [p.project_id, p]));
      const outcomes = projectIds.map((projectId) => {
        const permission = found.get(projectId);
        return permission ? granted(permission) : outcome(projectId, failureOf(error));
      });
      return { outcomes, created };
    }
    const single = await mapBounded(
      projectIds,
      options.concurrency ?? 1,
      (projectId) => client.permissions.create(checkpoint, [projectId], request),
      { stop: options.stop },
    );
    const outcomes = single.flatMap((result) => {
      if (result.ok) return fromCreated([result.item], result.value.data);
      const found = grantedBeforeFailure(result.error)[0];
      if (found) return [granted(found)];
      return [outcome(result.item, failureOf(result.error))];
    });
    return { outcomes, created };
  }
}

/** The outcome of a change that threw: not started (or stopped before a retry), unknown (its answer was lost), or failed with the reason. */
export function failureOf(error: unknown): { status: ChangeStatus; reason?: string; error?: unknown } {
  const status = statusOf(error);
  return status === 'not started' ? { status } : { status, reason: reasonOf(error), error };
}

function statusOf(error: unknown): ChangeStatus {
  if (error instanceof NotStartedError || error instanceof StoppedError) return 'not started';
  if (error instanceof AbortError || error instanceof OutcomeUnknownError) return 'unknown';
  return 'failed';
}

function reasonOf(error: unknown): string {
  return error instanceof AbortError ? INTERRUPTED : errorLine(error);
}
