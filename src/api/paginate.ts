// The one walker: every list operation follows its cursor here. Two ways to use it, and each caller says which it needs:
// - ordered: `followPages` / `followItems`, pages in the API's order (a listing printed as it comes, a walk that stops
//   at a date, the newest jobs first);
// - a set: `readAll`, every item once by id, order not promised (plans, exports, names).
// A full walk of a list that pages both ways (permissions) may read from both ends at once (`bothEnds`, both-ends.ts).
// Every walk has two budgets: the items wanted (maxItems) and the pages it may ask for (maxPages, a server's endless
// has_more).
import { InvalidResponseError, MaxPagesError } from './errors';
import type { ListEnvelope } from './types';

/** Pages of 100 when following cursors: the API's largest page, so the fewest requests. */
export const FOLLOW_PAGE_SIZE = 100;

/** A walk reads at most this many pages unless told otherwise (`--max-pages`): 200,000 items in pages of 100. */
export const DEFAULT_MAX_PAGES = 2_000;

export interface FollowOptions {
  /** Stop after this many items; undefined or -1 means all of them. */
  maxItems?: number;
  /** Fail with MaxPagesError rather than ask for more than this many pages (default DEFAULT_MAX_PAGES). */
  maxPages?: number;
  signal?: AbortSignal;
  /**
   * Send `limit` as the caller gave it (or not at all), whatever the budget: the official CLI's listing asks for pages
   * exactly as its flags say. By default a page asks for no more than the items still wanted.
   */
  limitAsGiven?: boolean;
  /**
   * The caller reads the whole list anyway: a list that pages both ways is read from both ends at once (both-ends.ts),
   * still in its order. Ignored with a budget (maxItems), a start cursor or a limit sent as given.
   */
  bothEnds?: boolean;
}

export type FetchPage<T> = (after: string | undefined, limit: number | undefined) => Promise<ListEnvelope<T>>;

/**
 * The next cursor of a page. Permissions and projects page by `last_id` and stop when it is
 * empty; jobs and job checkpoints page by the id of the last item.
 */
export type NextCursor<T> = (page: ListEnvelope<T>) => string | undefined;

export const byLastId = <T>(page: ListEnvelope<T>): string | undefined => (typeof page.last_id === 'string' ? page.last_id : undefined);

/**
 * Yields pages until the API says there are no more or the budget is spent. A page asks for at
 * most the items still wanted, so a budget of 5 costs one request for 5 items; a page that
 * brings more than asked is cut to the budget and reported with `has_more: true`.
 */
export async function* followPages<T>(
  fetchPage: FetchPage<T>,
  nextCursor: NextCursor<T>,
  start: { after?: string; limit?: number },
  options: FollowOptions = {},
): AsyncGenerator<ListEnvelope<T>> {
  const budget = options.maxItems === undefined || options.maxItems < 0 ? Infinity : options.maxItems;
  const pageSize = start.limit ?? FOLLOW_PAGE_SIZE;
  let remaining = budget;
  let after = start.after;
  // Every cursor seen: a server that cycles (A, B, A…) must not keep a walk going forever.
  const seen = new Set<string>(after === undefined ? [] : [after]);
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  for (let pages = 0; remaining > 0; pages++) {
    // A server that says has_more with a fresh cursor for ever must not keep a walk going for ever either.
    if (pages >= maxPages) throw new MaxPagesError(maxPages);
    const page = await fetchPage(after, options.limitAsGiven ? start.limit : Math.min(pageSize, remaining));
    if (page.data.length > remaining) {
      const data = page.data.slice(0, remaining);
      yield { ...page, data, has_more: true };
      return;
    }
    yield page;
    remaining -= page.data.length;
    const cursor = nextCursor(page);
    // Only `true` means more: a server that says "false" or 1 is not followed into pages it did not promise.
    if (page.has_more !== true || page.data.length === 0 || !cursor) return;
    if (seen.has(cursor)) {
      throw new InvalidResponseError(`the server returned the cursor ${cursor} a second time: stopping to avoid a loop`);
    }
    seen.add(cursor);
    after = cursor;
  }
}

/** The items of `followPages`, one by one. */
export async function* followItems<T>(pages: AsyncIterable<ListEnvelope<T>>): AsyncGenerator<T> {
  for await (const page of pages) yield* page.data;
}

export interface ReadAllOptions<T, R = T> {
  /** Each page as it arrives (the directory shows what has loaded so far), before its items are counted. */
  onPage?: (page: ListEnvelope<T>) => void;
  /** What is kept of each item (the directory keeps id, name and status, not the whole project). */
  keep?: (item: T) => R;
}

/**
 * The whole set a walk reaches, for callers that want every item and not the API's order: one entry per id (a server
 * that repeats an item across pages, or a walk from both ends that meets in the middle, counts it once), in the order
 * first seen. The budget is the walk's own (`maxItems` of `followPages`).
 */
export async function readAll<T extends { id: string }, R = T>(
  pages: AsyncIterable<ListEnvelope<T>>,
  options: ReadAllOptions<T, R> = {},
): Promise<R[]> {
  const keep = options.keep ?? ((item: T) => item as unknown as R);
  const byId = new Map<string, R>();
  for await (const page of pages) {
    options.onPage?.(page);
    for (const item of page.data) if (!byId.has(item.id)) byId.set(item.id, keep(item));
  }
  return [...byId.values()];
}
