// The picker's rows as a test reads them: what it should list from the demo's jobs, and its list lines in a frame.
import type { DemoServer } from '../../src/demo/server';
import { localDate } from '../../src/ui/format';
import { linesOf } from './render';

export interface Entry {
  id: string;
  /** `model · DATE` or `step N · loss X.XXX`. */
  detail: string;
  jobId: string;
}

/** What the picker should list from the jobs, read from the server: each succeeded job's model, then its checkpoints. */
export function jobEntries(demo: DemoServer): Entry[] {
  const entries: Entry[] = [];
  for (const job of demo.state.jobs()) {
    if (job.status !== 'succeeded' || !job.fine_tuned_model) continue;
    entries.push({ id: job.fine_tuned_model, detail: `model · ${localDate(job.finished_at ?? job.created_at)}`, jobId: job.id });
    for (const c of demo.state.jobCheckpoints(job.id)) {
      if (c.fine_tuned_model_checkpoint === job.fine_tuned_model) continue;
      entries.push({
        id: c.fine_tuned_model_checkpoint,
        detail: `step ${c.step_number} · loss ${c.metrics.train_loss!.toFixed(3)}`,
        jobId: job.id,
      });
    }
  }
  return entries;
}

/** List rows of the picker: lines showing a checkpoint id (cut in the middle, so by their start and end). */
export const listLines = (frame: string) => linesOf(frame).filter((line) => /^(❯ |↵ | {2})ft:/.test(line));

/** The list line for `id`: ids are cut in the middle, so it is found by the id's tail and the detail. */
export const lineFor = (frame: string, id: string, detail: string) =>
  listLines(frame).find((line) => line.includes(id.slice(-12)) && line.includes(detail));
