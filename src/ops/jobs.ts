// The organization's fine-tuned models and their intermediate checkpoints, read from its fine-tuning jobs.
import type { Client } from '../api/client';
import type { FineTuningJob, JobCheckpoint, ListEnvelope } from '../api/types';
import type { CheckedPage } from '../api/well-formed';
import { mapBounded, REQUESTS_AT_ONCE, type Settled } from './pool';

export type ModelJob = FineTuningJob & { fine_tuned_model: string };

export type JobResult = Settled<ModelJob, JobCheckpoint[]>;

/** How far a read of the jobs has come: the jobs read with their checkpoints, of those listed so far (or of all). */
export interface JobsProgress {
  /** Jobs newly read with their checkpoints, in the jobs' order, after those told before. */
  ready: JobResult[];
  listed: number;
  /** Whether every page of jobs has been listed (`listed` is then the whole count). */
  allListed: boolean;
}

/**
 * Every job that produced a fine-tuned model (within `maxJobs`), each with its checkpoints (within
 * `checkpointsPerJob`), read a few jobs at a time as each page of jobs arrives. A job whose checkpoints could not be
 * read comes back with its error, so its model still counts. `onProgress` is told of each job read, in order.
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
    onProgress?: (progress: JobsProgress) => void;
  } = {},
): Promise<JobResult[]> {
  const { maxJobs, checkpointsPerJob, signal, onProgress } = options;
  // The client's pages of jobs are checked pages (api/well-formed.ts); followPages hands them on as they are.
  const skipped = (page: ListEnvelope<unknown>) => {
    const count = (page as Partial<CheckedPage<unknown>>).skipped;
    if (count) options.onSkipped?.(count);
  };
  const readCheckpoints = async (job: ModelJob) => {
    const checkpoints: JobCheckpoint[] = [];
    const limit = Math.min(100, checkpointsPerJob ?? 100);
    for await (const page of client.jobs.checkpointPages(job.id, { limit }, { maxItems: checkpointsPerJob, signal })) {
      skipped(page);
      checkpoints.push(...page.data);
    }
    return checkpoints;
  };
  const results: JobResult[] = [];
  let listed = 0;
  // Ordered: the newest jobs first, cut at maxJobs; their checkpoints likewise. One page's checkpoints are read before
  // the next page is asked for, so no more than `concurrency` requests are in flight.
  for await (const page of client.jobs.pages({ limit: Math.min(100, maxJobs ?? 100) }, { maxItems: maxJobs, signal })) {
    skipped(page);
    const jobs = page.data.filter((job): job is ModelJob => Boolean(job.fine_tuned_model));
    listed += jobs.length;
    // The last page says so (or the walk ends at maxJobs): the count is then the whole.
    const allListed = page.has_more !== true;
    onProgress?.({ ready: [], listed, allListed });
    // Told in the jobs' order: a job read early waits for those before it, so rows are only ever appended.
    const done: (JobResult | undefined)[] = new Array(jobs.length);
    let told = 0;
    const onSettled = (outcome: JobResult, index: number) => {
      done[index] = outcome;
      const ready: JobResult[] = [];
      while (told < jobs.length && done[told]) ready.push(done[told++]!);
      if (ready.length > 0) onProgress?.({ ready, listed, allListed });
    };
    results.push(...(await mapBounded(jobs, options.concurrency ?? REQUESTS_AT_ONCE, readCheckpoints, { onSettled })));
  }
  onProgress?.({ ready: [], listed, allListed: true });
  return results;
}
