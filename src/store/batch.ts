// What the batch actions (revoke, share, undo) share: Esc stops a batch, and each project it was stopped for
// is then read back from the server, so every outcome shown is what the server holds.
import { errorLine } from '../api/errors';
import type { Permission } from '../api/types';
import { mapBounded } from '../ops/pool';
import { grantChunk } from '../ops/apply';
import type { Outcome, StoreDeps } from './types';

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
 * One create call (each project alone if the API refuses the batch); `sent` is false when nothing got through.
 * Esc stops it; the projects it was stopped for are then read again, so each outcome is what the server holds.
 */
export async function grantCheckingCancelled(
  deps: Pick<StoreDeps, 'client' | 'tasks' | 'concurrency'>,
  checkpoint: string,
  projectIds: string[],
): Promise<{ outcomes: Outcome[]; sent: boolean }> {
  const { client, tasks, concurrency } = deps;
  const batch = tasks.start('batch');
  try {
    const granted = await grantChunk(client, checkpoint, projectIds, { concurrency, signal: batch.signal });
    let outcomes: Outcome[] = granted.outcomes.map((o) => ({
      projectId: o.projectId,
      ok: o.status === 'done',
      permissionId: o.permissionId,
      reason: o.reason,
    }));
    if (batch.cancelled()) {
      const checked = await mapBounded(outcomes, concurrency, async (outcome): Promise<Outcome> => {
        if (outcome.ok) return outcome;
        const found = await findPermission(deps, checkpoint, outcome.projectId);
        if ('none' in found) return { projectId: outcome.projectId, ok: false, reason: 'cancelled: not shared' };
        if ('unreadable' in found)
          return { projectId: outcome.projectId, ok: false, reason: `cancelled, and reading it again failed: ${found.unreadable}` };
        return {
          projectId: outcome.projectId,
          ok: true,
          permissionId: found.permission.id,
          reason: 'shared before the cancel took effect',
        };
      });
      outcomes = checked.map((result) => (result.ok ? result.value : result.item));
    }
    // A refused or lost call changed nothing, unless projects were asked alone or a read back found some granted.
    return { outcomes, sent: granted.alone || outcomes.some((o) => o.ok) };
  } finally {
    batch.end();
  }
}
