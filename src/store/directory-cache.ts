// The store's side of the directory's file (ops/directory-cache.ts): the cached projects shown at once, the file
// written again once the store has read the directory.
import type { DirectoryCache } from '../ops/directory-cache';
import { snapshotOf, type ProjectInfo } from '../ops/directory';
import type { AppStore, Directory } from './app-store';

/** The directory as the cache has it: shown until the API's own copy arrives (status stays what the store says). */
function cachedDirectory(projects: ProjectInfo[], status: Directory['status']): Directory {
  const byId: Record<string, ProjectInfo> = {};
  for (const project of projects) byId[project.id] = project;
  return { status, ...snapshotOf(byId), cached: true };
}

/**
 * Gives the store the cached directory at once (names in the table, the share list), and writes the cache again each
 * time the store has read the whole directory from the API. A failed refresh keeps the cached names on screen.
 * Returns the way to stop, which keeps what a read cut short had loaded.
 */
export function attachDirectoryCache(store: AppStore, cache: DirectoryCache): () => void {
  const cached = cache.load();
  const { directory } = store.getState();
  if (cached && cached.length > 0 && directory.status === 'idle' && Object.keys(directory.byId).length === 0) {
    store.setState({ directory: cachedDirectory(cached, 'idle') });
  }
  const unsubscribe = store.subscribe((state, previous) => {
    const now = state.directory;
    if (now === previous.directory) return;
    if (now.status === 'ready' && previous.directory.status !== 'ready') cache.save(Object.values(now.byId));
    else if (now.status === 'failed' && cached && Object.keys(now.byId).length === 0) {
      store.setState({ directory: { ...cachedDirectory(cached, 'failed'), error: now.error } });
    }
  });
  return () => {
    unsubscribe();
    // Leaving before the directory was read to its end (10,000 projects are 100 requests): what has loaded is kept
    // too, over what the cache had, so the next start has more of it.
    if (store.getState().directory.status !== 'loading') return;
    store.getState().showLoadedProjects();
    const { directory } = store.getState();
    if ((directory.loaded ?? 0) > 0) cache.save(Object.values(directory.byId));
  };
}
