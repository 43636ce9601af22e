// What a change is made of: a plan per checkpoint (who gains access, who loses it), and the plans that undo one.
import type { Permission } from '../api/types';

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

/** A plan that only changes what is given: a revoke (`remove`) or a share (`add`). */
export function changePlan(checkpoint: string, change: { add?: string[]; remove?: Permission[] }): CheckpointPlan {
  return { checkpoint, exclusive: false, add: change.add ?? [], remove: change.remove ?? [], unchanged: [], kept: [] };
}

export function plansAreEmpty(plans: readonly CheckpointPlan[]): boolean {
  return plans.every((plan) => plan.add.length === 0 && plan.remove.length === 0);
}
