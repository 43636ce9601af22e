// The table's pages kept in memory: those visited (so paging back is instant) and the one after the page shown, read
// ahead while the user looks at it.
import { AbortError } from '../api/errors';
import type { Permission } from '../api/types';
import type { View } from './pager';
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
    return JSON.stringify([checkpoint, view.order, view.filter ?? null, pageSize, after ?? null]);
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
      const page = client.permissions
        .list(checkpoint, { after: last.id, limit: pageSize, order: view.order, project_id: view.filter }, { signal: task.signal })
        .then(
          (answer) => {
            const rows = answer.data.slice(0, pageSize);
            const cached = { rows, hasMore: answer.has_more && rows.length > 0, at: now() };
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
