// Sync access between checkpoints: make the target's projects a superset of (or, pruned, equal to) the source's.
// A sync is the plan of one checkpoint (the target) wanting the source's projects; change.ts carries it out.
import type { Client } from '../api/client';
import type { Permission } from '../api/types';
import { runChange, type ChangeOptions, type ChangeStatus } from './change';
import { planCheckpoint, type CheckpointPlan } from './change-plan';

export interface SyncPlan {
  from: string;
  to: string;
  prune: boolean;
  /** Projects the source has and the target lacks: create calls give them access. */
  add: string[];
  /** The target's permissions for projects the source lacks (only with prune). */
  remove: Permission[];
  /** Projects both have. */
  unchanged: string[];
  /** Projects only the target has, left alone without prune. */
  kept: string[];
}

export interface SyncOutcome {
  projectId: string;
  action: 'add' | 'remove';
  ok: boolean;
  /** ok is status 'done'. */
  status: ChangeStatus;
  permissionId?: string;
  reason?: string;
}

/** Reads both checkpoints in full and compares them; changes nothing. */
export async function planSync(
  client: Client,
  from: string,
  to: string,
  options: { prune?: boolean; signal?: AbortSignal } = {},
): Promise<SyncPlan> {
  // Sets: which projects each has.
  const read = (checkpoint: string) => client.permissions.readAll(checkpoint, {}, { signal: options.signal });
  const [source, target] = await Promise.all([read(from), read(to)]);
  const prune = options.prune ?? false;
  const { add, remove, unchanged, kept } = planCheckpoint(
    to,
    source.map((p) => p.project_id),
    target,
    prune,
  );
  return { from, to, prune, add, remove, unchanged, kept };
}

export function planIsEmpty(plan: SyncPlan): boolean {
  return plan.add.length === 0 && plan.remove.length === 0;
}

/** The sync as the plan of its target checkpoint. */
export function syncAsCheckpointPlan(plan: SyncPlan): CheckpointPlan {
  return { checkpoint: plan.to, exclusive: plan.prune, add: plan.add, remove: plan.remove, unchanged: plan.unchanged, kept: plan.kept };
}

/** Applies a plan: the additions in create calls, then the removals a few at a time; every project's outcome. */
export async function applySync(client: Client, plan: SyncPlan, options: ChangeOptions = {}): Promise<SyncOutcome[]> {
  const { outcomes } = await runChange(client, 'sync', [syncAsCheckpointPlan(plan)], options);
  return outcomes.map((o) => ({
    projectId: o.projectId,
    action: o.action,
    ok: o.status === 'done',
    status: o.status,
    permissionId: o.permissionId,
    reason: o.reason,
  }));
}
