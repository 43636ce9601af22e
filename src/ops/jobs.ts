// The organization's fine-tuned models and their intermediate checkpoints, read from its fine-tuning jobs.
import type { Client } from '../api/client';
import type { FineTuningJob, JobCheckpoint } from '../api/types';
import { mapBounded, REQUESTS_AT_ONCE, type Settled } from './pool';

export type ModelJob = FineTuningJob & { fine_tuned_model: string };

/**
 * Every job that produced a fine-tuned model (within `maxJobs`), each with its checkpoints (within
 * `checkpointsPerJob`), read a few jobs at a time. A job whose checkpoints could not be read comes
 * back with its error, so its model still counts.
 */
export async function jobsWithCheckpoints(
  client: Client,
  options: { maxJobs?: number; checkpointsPerJob?: number; concurrency?: number; signal?: AbortSignal } = {},
): Promise<Settled<ModelJob, JobCheckpoint[]>[]> {
  const { maxJobs, checkpointsPerJob, signal } = options;
  const jobs: ModelJob[] = [];
  for await (const job of client.jobs.all({ limit: Math.min(100, maxJobs ?? 100) }, { maxItems: maxJobs, signal })) {
    if (job.fine_tuned_model) jobs.push(job as ModelJob);
  }
  return mapBounded(jobs, options.concurrency ?? REQUESTS_AT_ONCE, async (job) => {
    const checkpoints: JobCheckpoint[] = [];
    const limit = Math.min(100, checkpointsPerJob ?? 100);
    for await (const c of client.jobs.allCheckpoints(job.id, { limit }, { maxItems: checkpointsPerJob, signal })) checkpoints.push(c);
    return checkpoints;
  });
}
