// The table's one page effect: fetches toward the pager's target, a page at a time (docs/architecture.md, Paging).
import { AbortError, flashLine } from '../api/errors';
import type { Permission } from '../api/types';
import type { createPages } from './pages';
import { pagerReducer, sameFetch, wanted, type CursorPolicy, type Pager, type PagerAction } from './pager';
import type { Task } from './tasks';
import type { AppState, StoreDeps } from './types';

export interface PageWalkDeps extends Pick<StoreDeps, 'tasks' | 'flashes' | 'now'> {
  get: () => AppState;
  set: (partial: Partial<AppState>) => void;
  pages: ReturnType<typeof createPages>;
  /** The pager's state with the fields the screens read, which follow from it. */
  place: (pager: Pager) => Partial<AppState>;
  /** A page arrived: it is shown (the slice's show). */
  show: (checkpoint: string, pager: Pager, cursor: CursorPolicy, rows: Permission[], extra?: Partial<AppState>) => void;
}

/**
 * The one effect: fetches toward the pager's target, a page at a time, until it is shown. The place shown changes
 * only when a page arrives, so a failure or Esc leaves the user exactly where they were.
 */
export function pageWalk(deps: PageWalkDeps): (action: PagerAction) => Promise<void> {
  const { get, set, tasks, flashes, now, pages, place, show } = deps;
  return async (action: PagerAction) => {
    const { checkpoint } = get();
    if (checkpoint === undefined) return;
    const before = get().pager;
    let pager = pagerReducer(before, action);
    // A walk or a queued key only moves the target beyond the page in flight: the effect running goes on to it.
    const onwards = (action.type === 'next' || action.type === 'prev') && action.queue === true;
    if (onwards && tasks.running('page') && sameFetch(before, pager)) {
      set(place(pager));
      return;
    }
    // A queued ← back to the page shown: the page in flight is no longer wanted.
    if (onwards && before.target !== null && pager.target === null) {
      tasks.drop('page');
      set(place(pager));
      return;
    }
    let task: Task | undefined;
    try {
      for (let want = wanted(pager); want; want = wanted(pager)) {
        const { view } = want;
        const key = pages.key(want.after, view);
        const arrive = (rows: Permission[], hasMore: boolean, extra: Partial<AppState> = {}) => {
          const cursor = pager.target?.cursor ?? 'first';
          pager = pagerReducer(pager, {
            type: 'arrived',
            count: rows.length,
            lastId: rows.at(-1)?.id,
            ids: rows.map((row) => row.id),
            hasMore,
            pageSize: get().pageSize,
          });
          show(checkpoint, pager, cursor, rows, extra);
        };
        const fresh = pager.target?.fresh ?? false;
        // Going anywhere but to the page read ahead drops it.
        if (fresh) pages.dropAhead();
        else pages.dropAheadUnless(key);
        const cached = fresh ? undefined : pages.fresh(key);
        if (cached) {
          // The page in flight, if any, is no longer wanted.
          if (task === undefined) tasks.drop('page');
          arrive(cached.rows, cached.hasMore);
          continue;
        }
        task ??= tasks.start('page');
        set(place(pager));
        const { pageSize } = get();
        try {
          // A page being read ahead is waited for, not asked again.
          const ahead = pages.isAhead(key) ? await pages.awaitAhead(task.signal) : undefined;
          let rows: Permission[];
          let hasMore: boolean;
          if (ahead) {
            ({ rows, hasMore } = ahead);
          } else {
            ({ rows, hasMore } = await pages.read(checkpoint, view, want.after, pageSize, task.signal));
          }
          if (!task.current()) return; // the user has moved on: this answer is for a page no longer wanted
          pages.remember(key, { rows, hasMore, at: now() });
          // The target may have moved on while the page was in flight: it is the state's.
          pager = get().pager;
          arrive(rows, hasMore, flashes.isAboutLoading() ? { flash: null } : {});
        } catch (error) {
          if (!task.current()) return;
          const stopped = place(pagerReducer(get().pager, { type: 'stopped' }));
          if (error instanceof AbortError) {
            // Esc: the page read ahead that it waited for goes too.
            if (pages.isAhead(key)) pages.dropAhead();
            set({ ...stopped, flash: { tone: 'info', text: 'Cancelled: still showing the page you were on' } });
            return;
          }
          const flash = flashes.loadFailure({ tone: 'error', text: flashLine(error) });
          set({ ...stopped, loadError: flash.text, flash });
          return;
        }
      }
    } finally {
      task?.end();
    }
  };
}
