// The table's pages kept in memory: those visited (so paging back is instant) and the one after the page shown, read
// ahead while the user looks at it.
import { AbortError } from '../api/errors';
import { mapBounded, REQUESTS_AT_ONCE } from '../ops/pool';
import type { Permission } from '../api/types';
import { filterKey, type View } from './pager';
import type { AppState, StoreDeps } from './types';

const PAGE_CACHE_LIMIT = 32;

export interface CachedPage {
  rows: Permission[];
  hasMore: boolean;
  at: number;
}

export function createPages(deps: Pick<StoreDeps, 'client' | 'tasks' | 'flashes' | 'now' | 'pageCacheMs'>, get: () => AppState) {
  const { client, tasks, flashes, now, pageCacheMs } = deps;
  // Visited pages, newest last; bounded, and cleared by any change.
  const cache = new Map<string, CachedPage>();
  // The page after the one shown, read ahead (one at most): undefined once it failed (the page load then asks itself).
  let prefetch: { key: string; page: Promise<CachedPage | undefined> } | undefined;

  const key = (after: string | undefined, view: View) => {
    const { checkpoint, pageSize } = get();
    return JSON.stringify([checkpoint, view.order, filterKey(view), pageSize, after ?? null]);
  };

  /** The rows of each project of a filter of several, a few projects at a time, in the view's order. */
  const union = async (checkpoint: string, view: View, projects: string[], signal: AbortSignal): Promise<Permission[]> => {
    const outcomes = await mapBounded(projects, REQUESTS_AT_ONCE, (projectId) =>
      client.permissions.list(checkpoint, { project_id: projectId, limit: 100, order: view.order }, { signal }),
    );
    const rows: Permission[] = [];
    for (const outcome of outcomes) {
      if (!outcome.ok) throw outcome.error;
      rows.push(...outcome.value.data.filter((row) => row.project_id === outcome.item));
    }
    const sign = view.order === 'descending' ? -1 : 1;
    return rows.sort((a, b) => sign * (a.created_at - b.created_at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
  };

  /** One page of a view: the API's page, or for a filter of several projects the union's rows after `after`. */
  const read = async (checkpoint: string, view: View, after: string | undefined, limit: number, signal: AbortSignal) => {
    if (view.projects) {
      const all = await union(checkpoint, view, view.projects, signal);
      const start = after === undefined ? 0 : all.findIndex((row) => row.id === after) + 1 || all.length;
      return { rows: all.slice(start, start + limit), hasMore: start + limit < all.length };
    }
    const page = await client.permissions.list(checkpoint, { after, limit, order: view.order, project_id: view.filter }, { signal });
    const rows = page.data.slice(0, limit);
    return { rows, hasMore: page.has_more && rows.length > 0 };
  };

  const remember = (key: string, page: CachedPage) => {
    cache.delete(key);
    cache.set(key, page);
    while (cache.size > PAGE_CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  };

  const fresh = (key: string) => {
    const cached = cache.get(key);
    return cached && now() - cached.at < pageCacheMs ? cached : undefined;
  };

  const dropPrefetch = () => {
    tasks.drop('prefetch');
    prefetch = undefined;
  };

  return {
    key,
    read,
    remember,
    /** The page kept for `key`, while it is younger than pageCacheMs. */
    fresh,
    /** Forgets every page kept and the one read ahead: the server changed. */
    clear() {
      cache.clear();
      dropPrefetch();
    },
    /** Whether the page for `key` is the one being read ahead. */
    isAhead: (key: string) => prefetch?.key === key,
    dropAhead: dropPrefetch,
    /** Going anywhere but to the page read ahead drops it. */
    dropAheadUnless(key: string) {
      if (prefetch !== undefined && prefetch.key !== key) dropPrefetch();
    },

    /** Reads the page after `rows` while the user looks at them: a quiet request, its retries and failure nobody's news. */
    readAhead(rows: Permission[], hasMore: boolean, view: View) {
      const { checkpoint, pageSize } = get();
      const last = rows.at(-1);
      if (checkpoint === undefined || !hasMore || !last) return;
      const aheadKey = key(last.id, view);
      if (prefetch?.key === aheadKey || fresh(aheadKey)) return;
      const task = tasks.start('prefetch');
      const page = read(checkpoint, view, last.id, pageSize, task.signal)
        .then(
          ({ rows, hasMore: more }) => {
            const cached = { rows, hasMore: more, at: now() };
            if (task.current()) remember(aheadKey, cached);
            return cached;
          },
          () => undefined,
        )
        .finally(() => {
          task.end();
          flashes.clearRetryNotice();
        });
      prefetch = { key: aheadKey, page };
    },

    /** Resolves with the page read ahead, or undefined should it fail; rejects with an AbortError once `signal` aborts. */
    awaitAhead(signal: AbortSignal) {
      const page = prefetch?.page ?? Promise.resolve(undefined);
      return new Promise<CachedPage | undefined>((resolve, reject) => {
        const stop = () => reject(new AbortError('cancelled'));
        if (signal.aborted) return stop();
        signal.addEventListener('abort', stop, { once: true });
        void page.then((value) => {
          signal.removeEventListener('abort', stop);
          resolve(value);
        });
      });
    },
  };
}
