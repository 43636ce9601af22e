// Runs a batch with a bounded number of requests in flight and keeps every item's outcome.

/** Requests ckpt-perms keeps in flight at once against the API, whatever the batch (reads, creates, deletes, lookups). */
export const REQUESTS_AT_ONCE = 4;

export type Settled<T, R> = { item: T; ok: true; value: R } | { item: T; ok: false; error: unknown };

/** The items in runs of `size` (the last may be shorter): the projects of one create call, the ids of one lookup. */
export function inChunks<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** The outcome of an item a stopped batch never started: nothing was sent for it. */
export class NotStartedError extends Error {
  override name = 'NotStartedError';
  constructor() {
    super('not started');
  }
}

export interface BoundedOptions {
  /** Once aborted, no further item starts (those already running go on); the rest settle with a NotStartedError. */
  stop?: AbortSignal;
}

/** Each item once, at most `limit` at a time; the outcomes come back in the items' order. */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  run: (item: T) => Promise<R>,
  options: BoundedOptions & {
    /** Told of each item's outcome as it settles (in the order they settle, not the items'). */
    onSettled?: (outcome: Settled<T, R>, index: number) => void;
  } = {},
): Promise<Settled<T, R>[]> {
  const outcomes: Settled<T, R>[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      const item = items[index] as T;
      if (options.stop?.aborted) {
        outcomes[index] = { item, ok: false, error: new NotStartedError() };
        continue;
      }
      try {
        outcomes[index] = { item, ok: true, value: await run(item) };
      } catch (error) {
        outcomes[index] = { item, ok: false, error };
      }
      options.onSettled?.(outcomes[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return outcomes;
}
