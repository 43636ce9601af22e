// Sync access between checkpoints: make the target's projects a superset of (or, pruned, equal to) the source's.
import { grantedBeforeFailure, type Client } from '../api/client';
import { ApiError, errorLine } from '../api/errors';
import type { Permission } from '../api/types';
import { mapBounded } from './pool';

export interface SyncPlan {
  from: string;
  to: string;
  prune: boolean;
  /** Projects the source has and the target lacks: one create call gives them access. */
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
  permissionId?: string;
  reason?: string;
}

export const SYNC_CONCURRENCY = 4;

/** Every permission of a checkpoint, in pages of 100. */
export async function allPermissions(client: Client, checkpoint: string, signal?: AbortSignal): Promise<Permission[]> {
  const all: Permission[] = [];
  for await (const permission of client.permissions.all(checkpoint, { limit: 100 }, { signal })) all.push(permission);
  return all;
}

/** Reads both checkpoints in full and compares them; changes nothing. */
export async function planSync(
  client: Client,
  from: string,
  to: string,
  options: { prune?: boolean; signal?: AbortSignal } = {},
): Promise<SyncPlan> {
  const [source, target] = await Promise.all([allPermissions(client, from, options.signal), allPermissions(client, to, options.signal)]);
  const sourceProjects = new Set(source.map((p) => p.project_id));
  const targetProjects = new Set(target.map((p) => p.project_id));
  const prune = options.prune ?? false;
  return {
    from,
    to,
    prune,
    add: [...sourceProjects].filter((id) => !targetProjects.has(id)).sort(),
    remove: prune ? target.filter((p) => !sourceProjects.has(p.project_id)).sort((a, b) => a.project_id.localeCompare(b.project_id)) : [],
    unchanged: [...sourceProjects].filter((id) => targetProjects.has(id)).sort(),
    kept: prune ? [] : [...targetProjects].filter((id) => !sourceProjects.has(id)).sort(),
  };
}

export function planIsEmpty(plan: SyncPlan): boolean {
  return plan.add.length === 0 && plan.remove.length === 0;
}

/** What a create call did for each project asked for. */
export interface GrantOutcome {
  projectId: string;
  ok: boolean;
  permissionId?: string;
  reason?: string;
  /** False when no create call got through: nothing changed. */
  sent: boolean;
}

/**
 * Gives projects access with one create call. When the API refuses the whole batch with a 400
 * (one archived or vanished project does that), each project is asked alone, so the others
 * still get access; every project's outcome comes back.
 */
export async function grantAccess(
  client: Client,
  checkpoint: string,
  projectIds: string[],
  options: { concurrency?: number; signal?: AbortSignal } = {},
): Promise<GrantOutcome[]> {
  const fromCreated = (ids: string[], created: Permission[]): GrantOutcome[] => {
    const byProject = new Map(created.map((p) => [p.project_id, p]));
    return ids.map((projectId) => {
      const permission = byProject.get(projectId);
      return permission
        ? { projectId, ok: true, permissionId: permission.id, sent: true }
        : { projectId, ok: false, reason: 'the API created no permission for it (it may already have access)', sent: true };
    });
  };
  if (projectIds.length === 0) return [];
  try {
    const created = await client.permissions.create(checkpoint, projectIds, { signal: options.signal });
    return fromCreated(projectIds, created.data);
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 400 && projectIds.length > 1)) {
      // Lost answers were read again: projects found with access are told as granted.
      const granted = new Map(grantedBeforeFailure(error).map((p) => [p.project_id, p]));
      return projectIds.map((projectId) => {
        const permission = granted.get(projectId);
        return permission
          ? { projectId, ok: true, permissionId: permission.id, sent: true }
          : { projectId, ok: false, reason: errorLine(error), sent: granted.size > 0 };
      });
    }
    const single = await mapBounded(projectIds, options.concurrency ?? SYNC_CONCURRENCY, (projectId) =>
      client.permissions.create(checkpoint, [projectId], { signal: options.signal }),
    );
    return single.flatMap((result) =>
      result.ok
        ? fromCreated([result.item], result.value.data)
        : [{ projectId: result.item, ok: false, reason: errorLine(result.error), sent: true }],
    );
  }
}

/** Applies a plan: the additions through grantAccess, then the removals a few at a time; every project's outcome. */
export async function applySync(
  client: Client,
  plan: SyncPlan,
  options: { concurrency?: number; signal?: AbortSignal } = {},
): Promise<SyncOutcome[]> {
  const outcomes: SyncOutcome[] = (await grantAccess(client, plan.to, plan.add, options)).map(({ sent: _sent, ...o }) => ({
    ...o,
    action: 'add' as const,
  }));
  const removed = await mapBounded(plan.remove, options.concurrency ?? SYNC_CONCURRENCY, (permission) =>
    client.permissions.delete(plan.to, permission.id, { signal: options.signal, projectId: permission.project_id }),
  );
  for (const result of removed) {
    outcomes.push({
      projectId: result.item.project_id,
      action: 'remove',
      ok: result.ok,
      permissionId: result.item.id,
      reason: result.ok ? undefined : errorLine(result.error),
    });
  }
  return outcomes;
}
