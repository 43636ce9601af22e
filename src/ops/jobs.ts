// The organization's fine-tuned models and their intermediate checkpoints, read from its fine-tuning jobs.
import type { Client } from '../api/client';
import type { FineTuningJob, JobCheckpoint, ListEnvelope } from '../api/types';
import type { CheckedPage } from '../api/well-formed';
import { mapBounded, REQUESTS_AT_ONCE, type Settled } from './pool';

export type ModelJob = FineTuningJob & { fine_tuned_model: string };

/**
 * Every job that produced a fine-tuned model (within `maxJobs`), each with its checkpoints (within
 * `checkpointsPerJob`), read a few jobs at a time. A job whose checkpoints could not be read comes
 * back with its error, so its model still counts.
 */
export async function jobsWithCheckpoints(
  client: Client,
  options: {
    maxJobs?: number;
    checkpointsPerJob?: number;
    concurrency?: number;
    signal?: AbortSignal;
    /** Told of each job or checkpoint the API sent with a field of the wrong type, left out of the answer. */
    onSkipped?: (count: number) => void;
  } = {},
): Promise<Settled<ModelJob, JobCheckpoint[]>[]> {
  const { maxJobs, checkpointsPerJob, signal } = options;
  // The client's pages of jobs are checked pages (api/well-formed.ts); followPages hands them on as they are.
  const skipped = (page: ListEnvelope<unknown>) => {
    const count = (page as Partial<CheckedPage<unknown>>).skipped;
    if (count) options.onSkipped?.(count);
  };
  const jobs: ModelJob[] = [];
  // Ordered: the newest jobs first, cut at maxJobs; their checkpoints likewise.
  for await (const page of client.jobs.pages({ limit: Math.min(100, maxJobs ?? 100) }, { maxItems: maxJobs, signal })) {
    skipped(page);
    for (const job of page.data) if (job.fine_tuned_model) jobs.push(job as ModelJob);
  }
  return mapBounded(jobs, options.concurrency ?? REQUESTS_AT_ONCE, async (job) => {
    const checkpoints: JobCheckpoint[] = [];
    const limit = Math.min(100, checkpointsPerJob ?? 100);
    for await (const page of client.jobs.checkpointPages(job.id, { limit }, { maxItems: checkpointsPerJob, signal })) {
      skipped(page);
      checkpoints.push(...page.data);
    }
    return checkpoints;
  });
}
