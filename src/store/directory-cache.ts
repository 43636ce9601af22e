// The store's side of the directory's file (ops/directory-cache.ts): the cached projects shown at once, the file
// written as the directory loads (with the cursor a walk stopped at) and once the store has read all of it.
import type { CachedDirectory, DirectoryCache } from '../ops/directory-cache';
import { snapshotOf, type ProjectInfo } from '../ops/directory';
import type { AppStore, Directory } from './app-store';

/** The directory as the cache has it: shown until the API's own copy arrives (status stays what the store says). */
function cachedDirectory(cached: CachedDirectory, status: Directory['status']): Directory {
  const byId: Record<string, ProjectInfo> = {};
  for (const project of cached.projects) byId[project.id] = project;
  return { status, ...snapshotOf(byId), cached: true, ...(cached.cursor === undefined ? {} : { resumeAfter: cached.cursor }) };
}

/**
 * Gives the store the cached directory at once (names in the table, the share list), with the cursor to resume a walk
 * cut short from; writes the cache each time a walk marks its progress (every few pages), and once the store has read
 * the whole directory from the API. A failed read keeps the last cached names on screen. Returns the way to stop,
 * which keeps what a read cut short had loaded.
 */
export function attachDirectoryCache(store: AppStore, cache: DirectoryCache): () => void {
  const cached = cache.load();
  const { directory } = store.getState();
  if (cached && cached.projects.length > 0 && directory.status === 'idle' && Object.keys(directory.byId).length === 0) {
    store.setState({ directory: cachedDirectory(cached, 'idle') });
  }
  const unsubscribe = store.subscribe((state, previous) => {
    const now = state.directory;
    const before = previous.directory;
    if (now === before) return;
    if (now.status === 'ready' && before.status !== 'ready') cache.save(Object.values(now.byId));
    // A walk's progress (a new cursor), or a resumed walk that reached the end (none).
    else if (now.status === 'loading' && before.status === 'loading' && now.resumeAfter !== before.resumeAfter) {
      cache.save(Object.values(now.byId), now.resumeAfter);
    } else if (now.status === 'failed' && Object.keys(now.byId).length === 0) {
      // What the walks under way had written, or else nothing to show.
      const latest = cache.load();
      if (latest && latest.projects.length > 0) store.setState({ directory: { ...cachedDirectory(latest, 'failed'), error: now.error } });
    }
  });
  return () => {
    unsubscribe();
    // Leaving before the directory was read to its end (10,000 projects are 100 requests): what has loaded is kept
    // too, over what the cache had, with the cursor to resume from, so the next start has more of it.
    if (store.getState().directory.status !== 'loading') return;
    store.getState().showLoadedProjects();
    const { directory } = store.getState();
    if ((directory.loaded ?? 0) > 0) cache.save(Object.values(directory.byId), directory.resumeAfter);
  };
}
