// Items of a list answer checked field by field before anything reads them: a job whose `fine_tuned_model` is a
// number (or an id no checkpoint has) would otherwise throw while the picker draws, or land in the recent file.
import { checkpointIdProblem } from './ids';
import type { FineTuningJob, JobCheckpoint, ListEnvelope } from './types';

/** A page with the malformed items left out: how many, and the id the next page starts after (from every item sent). */
export type CheckedPage<T> = ListEnvelope<T> & { skipped: number; lastItemId?: string };

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);
const isNumber = (value: unknown) => typeof value === 'number' && Number.isFinite(value);
const isCheckpointId = (value: unknown) => typeof value === 'string' && checkpointIdProblem(value) === undefined;
const isOptional = (value: unknown, check: (value: unknown) => boolean) => value === undefined || value === null || check(value);

/** The fields of a job that ckpt-perms reads: ids and model names as strings, times as numbers. */
export function isFineTuningJob(value: unknown): value is FineTuningJob {
  return (
    isObject(value) &&
    typeof value.id === 'string' &&
    value.id !== '' &&
    typeof value.model === 'string' &&
    isNumber(value.created_at) &&
    isOptional(value.finished_at, isNumber) &&
    isOptional(value.fine_tuned_model, isCheckpointId) &&
    typeof value.status === 'string'
  );
}

/** The fields of a job's checkpoint that ckpt-perms reads. */
export function isJobCheckpoint(value: unknown): value is JobCheckpoint {
  return (
    isObject(value) &&
    typeof value.id === 'string' &&
    value.id !== '' &&
    isNumber(value.created_at) &&
    isCheckpointId(value.fine_tuned_model_checkpoint) &&
    isOptional(value.step_number, isNumber) &&
    isOptional(value.metrics, (metrics) => isObject(metrics) && isOptional(metrics.train_loss, isNumber))
  );
}

/** The page's well-formed items; the cursor still comes from the last item sent, so the walk neither stops nor loops. */
export function keepWellFormed<T>(page: ListEnvelope<unknown>, isItem: (value: unknown) => value is T): CheckedPage<T> {
  const data = page.data.filter(isItem);
  const last = page.data.at(-1);
  const lastItemId = isObject(last) && typeof last.id === 'string' ? last.id : (data.at(-1) as { id?: string } | undefined)?.id;
  return { ...page, data, skipped: page.data.length - data.length, lastItemId };
}

/** The cursor of a checked page of jobs or job checkpoints: the id of the last item the server sent. */
export const byLastItemSent = <T>(page: ListEnvelope<T>): string | undefined => (page as CheckedPage<T>).lastItemId;
