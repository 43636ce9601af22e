// Which checkpoints can a project use? One filtered request per candidate checkpoint, a few at a time.
import type { Client } from '../api/client';
import { ApiError, errorLine } from '../api/errors';
import type { Permission } from '../api/types';
import { jobsWithCheckpoints } from './jobs';
import { mapBounded, REQUESTS_AT_ONCE } from './pool';

export interface CheckpointAccess {
  checkpoint: string;
  /** The project's permission on it, when it has one. */
  permission?: Permission;
  /** Why the lookup failed (the others still count). */
  error?: string;
  /** The checkpoint itself was not found (404): deleted, or another organization's. */
  notFound?: true;
}

/**
 * Candidate checkpoints: every fine-tuned model and intermediate checkpoint of the organization's
 * jobs (needs an ordinary key) plus the recent ones, without duplicates.
 */
export async function candidateCheckpoints(
  client: Client,
  recent: string[],
  signal?: AbortSignal,
  /** A job whose checkpoint list could not be read: only its fine-tuned model is a candidate then. */
  onJobError?: (job: { id: string; fine_tuned_model: string }, error: unknown) => void,
  /** Jobs and checkpoints the API sent malformed, left out (api/well-formed.ts). */
  onSkipped?: (count: number) => void,
): Promise<string[]> {
  const ids: string[] = [];
  const add = (id: string | null | undefined) => {
    if (id && !ids.includes(id)) ids.push(id);
  };
  if (client.hasApiKey) {
    for (const result of await jobsWithCheckpoints(client, { concurrency: REQUESTS_AT_ONCE, signal, onSkipped })) {
      add(result.item.fine_tuned_model);
      if (result.ok) result.value.forEach((c) => add(c.fine_tuned_model_checkpoint));
      else onJobError?.({ id: result.item.id, fine_tuned_model: result.item.fine_tuned_model }, result.error);
    }
  }
  recent.forEach(add);
  return ids;
}

/** For each checkpoint, the project's permission (server-side `project_id` filter), reporting progress as lookups finish. */
export async function projectAccess(
  client: Client,
  projectId: string,
  checkpoints: string[],
  options: { concurrency?: number; signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
): Promise<CheckpointAccess[]> {
  let done = 0;
  options.onProgress?.(0, checkpoints.length);
  const results = await mapBounded(checkpoints, options.concurrency ?? REQUESTS_AT_ONCE, async (checkpoint) => {
    try {
      return await client.permissions.find(checkpoint, projectId, { signal: options.signal });
    } finally {
      options.onProgress?.(++done, checkpoints.length);
    }
  });
  return results.map((result) =>
    result.ok
      ? { checkpoint: result.item, permission: result.value }
      : {
          checkpoint: result.item,
          error: errorLine(result.error),
          ...(result.error instanceof ApiError && result.error.status === 404 ? { notFound: true as const } : {}),
        },
  );
}
