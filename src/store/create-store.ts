// The store: a vanilla zustand store made per run, composed of one slice per part of the UI.
import { createStore } from 'zustand/vanilla';
import { createCatalogSlice } from './slices/catalog';
import { createExportSlice } from './slices/export';
import { createHistorySlice } from './slices/history';
import { createProjectSlice } from './slices/project';
import { createRevokeSlice } from './slices/revoke';
import { createShareSlice } from './slices/share';
import { createSyncSlice } from './slices/sync';
import { createTableSlice, DEFAULT_PAGE_SIZE } from './slices/table';
import { busyCancellable, createFlashes, createUiSlice } from './slices/ui';
import { createUndoSlice } from './slices/undo';
import { REQUESTS_AT_ONCE } from '../ops/pool';
import { createTasks } from './tasks';
import type { AppState, AppStore, AppStoreOptions, Flashes, StoreDeps } from './types';

export function createAppStore(options: AppStoreOptions): AppStore {
  const { client } = options;
  const tasks = createTasks();
  let flashes: Flashes | undefined;

  const store = createStore<AppState>()((set, get, api) => {
    flashes = createFlashes(get, set);
    const deps: StoreDeps = {
      client,
      tasks,
      flashes,
      concurrency: options.concurrency ?? REQUESTS_AT_ONCE,
      pageCacheMs: options.pageCacheMs ?? 30_000,
      now: options.now ?? Date.now,
      recent: options.recent,
      exportDir: () => options.exportDir ?? process.cwd(),
      initial: { order: options.order ?? 'descending', pageSize: options.pageSize ?? DEFAULT_PAGE_SIZE },
      readAhead: options.readAhead ?? true,
    };
    return {
      ...createUiSlice(deps)(set, get, api),
      ...createTableSlice(deps)(set, get, api),
      ...createCatalogSlice(deps)(set, get, api),
      ...createRevokeSlice(deps)(set, get, api),
      ...createUndoSlice(deps)(set, get, api),
      ...createShareSlice(deps)(set, get, api),
      ...createSyncSlice(deps)(set, get, api),
      ...createProjectSlice(deps)(set, get, api),
      ...createExportSlice(deps)(set, get, api),
      ...createHistorySlice(deps)(set, get, api),
      dispose() {
        tasks.dispose();
        unsubscribeRetry();
      },
    };
  });

  // A retry's wait is shown where the outcome of the last action goes.
  const unsubscribeRetry = client.onRetry((notice) => {
    const seconds = Math.max(1, Math.round(notice.delayMs / 1000));
    const what =
      notice.status === 429 ? 'rate limited (429)' : notice.status ? `server error (${notice.reason})` : `network error (${notice.reason})`;
    const { loading, busy } = store.getState();
    // What runs can be stopped, or a page is loading and this is a read (perhaps that page).
    const stoppable = busyCancellable(busy) || (notice.method === 'GET' && loading);
    const cancel = stoppable ? ' · Esc cancels' : '';
    flashes?.showRetryNotice({ tone: 'warning', text: `${what}, retrying in ${seconds} s${cancel}` });
  });

  return store;
}
