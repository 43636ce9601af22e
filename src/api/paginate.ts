// Cursor paging shared by every list operation: follows the cursor, honours an item budget.
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
}

export type FetchPage<T> = (after: string | undefined, limit: number) => Promise<ListEnvelope<T>>;

/**
 * The next cursor of a page. Permissions and projects page by `last_id` and stop when it is
 * empty; jobs and job checkpoints page by the id of the last item.
 */
export type NextCursor<T> = (page: ListEnvelope<T>) => string | undefined;

export const byLastId = <T>(page: ListEnvelope<T>): string | undefined => page.last_id ?? undefined;
export const byLastItemId = <T extends { id: string }>(page: ListEnvelope<T>): string | undefined => page.data.at(-1)?.id;

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
    const page = await fetchPage(after, Math.min(pageSize, remaining));
    if (page.data.length > remaining) {
      const data = page.data.slice(0, remaining);
      yield { ...page, data, has_more: true };
      return;
    }
    yield page;
    remaining -= page.data.length;
    const cursor = nextCursor(page);
    if (!page.has_more || page.data.length === 0 || !cursor) return;
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
