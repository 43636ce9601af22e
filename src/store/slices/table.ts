// One checkpoint's permissions, a page at a time: paging, order, filter, cursor and marks.
import { checkpointIdProblem, projectIdProblem } from '../../api/ids';
import type { Permission } from '../../api/types';
import { createPages } from '../pages';
import { emptyPager, pageView, userView, viewAsked, type CursorPolicy, type Pager } from '../pager';
import { withRecent } from '../recent';
import type { AppState, SliceCreator, TableActions, TableState } from '../types';
import { projectFilter } from './catalog';
import { pageWalk } from '../page-walk';

export const DEFAULT_PAGE_SIZE = 10;

export function clampPageSize(size: number): number {
  if (!Number.isFinite(size)) return DEFAULT_PAGE_SIZE;
  return Math.max(1, Math.min(100, Math.floor(size)));
}

/** What the table screen draws: it re-renders when one of these changes, not on every flash. */
export function selectTableView(state: AppState) {
  const { checkpoint, page, cursor, marks, order, filter, loading, loadError, busy, dialog, directory } = state;
  return { checkpoint, page, cursor, marks, order, filter, loading, loadError, busy, dialog, directory };
}
export type TableView = ReturnType<typeof selectTableView>;

export const createTableSlice: SliceCreator<TableState & TableActions> =
  ({ client, tasks, flashes, now, pageCacheMs, recent: recentFile, initial, readAhead }) =>
  (set, get) => {
    const pages = createPages({ client, tasks, flashes, now, pageCacheMs }, get);
    /** Each Enter in the filter prompt: one that waits for the project list applies only if none came after it. */
    let filterAsks = 0;
    /** The pager's state with the fields the screens read, which follow from it. */
    const place = (pager: Pager) => ({
      pager,
      cursorStack: pager.chain.slice(0, -1),
      pageAfter: pager.chain.at(-1),
      loading: pager.target !== null,
    });

    const go = pageWalk({ get, set, tasks, flashes, now, pages, place, show: (...args) => show(...args) });

    /** A page arrived: it is shown, its projects' names are looked up and the next page read ahead. */
    const show = (checkpoint: string, pager: Pager, cursorPolicy: CursorPolicy, apiRows: Permission[], extra: Partial<AppState> = {}) => {
      const hasMore = pager.next !== undefined;
      // From the end (G), the other order's pages are shown reversed: the user's order, the last row at the bottom.
      const rows = pager.fromEnd ? [...apiRows].reverse() : apiRows;
      const commit = () => {
        const { cursor } = get();
        // On a reload the cursor follows the row it was on (rows above it may have gone), else keeps its place.
        const wasOn = get().page?.rows[cursor]?.id;
        const followed = wasOn === undefined ? -1 : rows.findIndex((row) => row.id === wasOn);
        const nextCursor =
          cursorPolicy === 'last'
            ? rows.length - 1
            : cursorPolicy === 'keep'
              ? followed >= 0
                ? followed
                : Math.min(cursor, rows.length - 1)
              : 0;
        // A checkpoint becomes recent once the API has answered for it: a mistyped id is not remembered.
        const recent = get().recent[0] === checkpoint ? get().recent : withRecent(get().recent, checkpoint);
        if (recent !== get().recent) recentFile.save(recent);
        // One change of state, so one frame (Ink renders each change at once).
        set({
          page: pageView(pager, rows),
          order: userView(pager).order,
          filter: pager.view.filter,
          ...place(pager),
          cursor: Math.max(0, nextCursor),
          loadError: undefined,
          recent,
          ...extra,
        });
      };
      const lookAhead = () => {
        if (!readAhead) return;
        void get().lookUpProjects(rows.map((row) => row.project_id));
        pages.readAhead(apiRows, hasMore, pager.view);
      };
      // The first page's requests (its names, the next page) go out before its frame is drawn: the user waits for the
      // names. A page flipped to is drawn first: the user waits for the frame, the requests wait for the API anyway.
      if (get().page === null) {
        lookAhead();
        commit();
      } else {
        commit();
        lookAhead();
      }
    };

    return {
      checkpoint: undefined,
      page: null,
      pager: emptyPager({ order: initial.order }),
      cursorStack: [],
      pageAfter: undefined,
      cursor: 0,
      order: initial.order,
      filter: undefined,
      pageSize: clampPageSize(initial.pageSize),
      marks: {},
      loading: false,
      loadError: undefined,

      openCheckpoint(raw) {
        // A running revoke or share reports on this table: the user stays until it has.
        if (raw.trim() !== get().checkpoint && flashes.refuseWhileBusy()) return;
        const id = raw.trim();
        const problem = checkpointIdProblem(id);
        if (problem) {
          set({ flash: { tone: 'error', text: problem } });
          return;
        }
        const same = get().checkpoint === id;
        set({
          screen: 'table',
          checkpoint: id,
          dialog: null,
          flash: null,
          syncTarget: undefined,
          ...(same ? {} : { page: null, ...place(emptyPager({ order: get().order })), cursor: 0, marks: {}, filter: undefined }),
        });
        if (!same || !get().page) void go({ type: 'first' });
        void get().loadDirectory();
      },

      nextPage(lastSeen) {
        flashes.clearStale();
        const { page, loading, pager } = get();
        if (!page) return;
        // From the end (G), the page after is the one before in the other order's chain: the target's, if one is asked.
        const fromEnd = (pager.target ?? pager).fromEnd;
        // Pressed while a page loads, → goes one page past it when it arrives (or stops at the last page).
        if (loading) {
          void go(fromEnd ? { type: 'prev', queue: true } : { type: 'next', queue: true });
          return;
        }
        // Rows of this page below the screen (it shrank) come next, not the page after them.
        const cut = lastSeen !== undefined && lastSeen >= 0 && lastSeen < page.rows.length - 1 ? page.rows[lastSeen] : undefined;
        if (cut) {
          void go({ type: 'next', from: { after: cut.id, first: page.firstRow + lastSeen! + 1 } });
          return;
        }
        if (!page.hasMore) {
          set({ flash: { tone: 'info', text: 'This is the last page' } });
          return;
        }
        void go(fromEnd ? { type: 'prev' } : { type: 'next' });
      },

      previousPage() {
        flashes.clearStale();
        const { pager } = get();
        const { chain, target } = pager;
        const fromEnd = (target ?? pager).fromEnd;
        // Pressed while a page loads, ← goes one page before it.
        if (target !== null && Number.isFinite(target.page)) {
          void go(fromEnd ? { type: 'next', queue: true } : { type: 'prev', queue: true });
          return;
        }
        if (fromEnd ? pager.next === undefined : chain.length <= 1) {
          set({ flash: { tone: 'info', text: 'This is the first page' } });
          return;
        }
        void go(fromEnd ? { type: 'next' } : { type: 'prev' });
      },

      firstPage() {
        flashes.clearStale();
        void go({ type: 'first' });
      },

      lastPage() {
        flashes.clearStale();
        const { page } = get();
        if (!page) return;
        if (!page.hasMore && !get().loading && get().pager.target === null) {
          set({ flash: { tone: 'info', text: 'This is the last page' } });
          return;
        }
        void go({ type: 'last' });
      },

      reload() {
        flashes.clearStale();
        pages.clear();
        void go({ type: 'reload' });
        void get().loadDirectory();
      },

      toggleOrder() {
        flashes.clearStale();
        // A second `o` while the first toggle loads toggles from there.
        const from = viewAsked(get().pager);
        void go({ type: 'view', view: { ...from, order: from.order === 'descending' ? 'ascending' : 'descending' } });
      },

      setFilter(raw) {
        flashes.clearStale();
        const projectId = raw?.trim() || undefined;
        if (projectId === undefined) {
          set({ dialog: null });
          void go({ type: 'view', view: { order: get().order, filter: undefined } });
          return;
        }
        // A name is matched against the whole list: typed before it has loaded, Enter waits for it (a newer Enter or Esc
        // takes over).
        if (get().directory.status === 'loading' && projectIdProblem(projectId) && !projectId.startsWith('proj_')) {
          const ask = ++filterAsks;
          set({ flash: { tone: 'info', text: 'Waiting for the project list…' } });
          void get()
            .loadDirectory()
            .then(() => {
              if (ask !== filterAsks) return;
              if (get().flash?.text === 'Waiting for the project list…') set({ flash: null });
              if (get().dialog?.kind === 'filter' && get().directory.status !== 'loading') get().setFilter(projectId);
            });
          return;
        }
        filterAsks++;
        const chosen = projectFilter(projectId, get().directory);
        if ('problem' in chosen) {
          set({ flash: { tone: 'error', text: chosen.problem } });
          return;
        }
        set({ dialog: null });
        void go({ type: 'view', view: { order: get().order, ...chosen } });
      },

      setPageSize(size) {
        const pageSize = clampPageSize(size);
        if (pageSize === get().pageSize) return;
        set({ pageSize });
        if (get().checkpoint !== undefined && get().screen !== 'picker') void go({ type: 'first' });
      },

      fitPageSize(size) {
        const pageSize = clampPageSize(size);
        const was = get().pageSize;
        if (pageSize === was) return;
        set({ pageSize });
        // Shrunk: the page on screen scrolls within itself; the pages after it are of the new size.
        if (pageSize < was) return;
        // The page on screen is read again from the same row, as many rows as now fit; the cursor stays on its row.
        const { checkpoint, page, screen } = get();
        if (checkpoint === undefined || page === null || screen === 'picker' || page.rows.length >= pageSize) return;
        void go({ type: 'reload' });
      },
      moveCursor(delta) {
        const { page, cursor } = get();
        if (!page || page.rows.length === 0) return;
        set({ cursor: Math.max(0, Math.min(page.rows.length - 1, cursor + delta)) });
      },

      toggleMark() {
        const { page, cursor } = get();
        const row = page?.rows[cursor];
        if (!row) return;
        const marks = { ...get().marks };
        if (marks[row.id]) delete marks[row.id];
        else marks[row.id] = row;
        set({ marks });
        get().moveCursor(1);
      },

      clearMarks() {
        flashes.clearStale();
        const count = Object.keys(get().marks).length;
        if (count === 0) {
          set({ flash: { tone: 'info', text: 'No row is marked' } });
          return;
        }
        set({ marks: {}, flash: { tone: 'info', text: `Unmarked ${count === 1 ? '1 row' : `${count} rows`}` } });
      },

      async reloadTable() {
        pages.clear();
        const before = get();
        if (before.checkpoint === undefined) return;
        await go({ type: 'reload' });
        const after = get();
        // An emptied page steps back to the one before.
        if (after.page && after.page.rows.length === 0 && after.cursorStack.length > 0 && after.checkpoint === before.checkpoint) {
          await go({ type: 'prev', fresh: true, cursor: 'last' });
        }
      },
    };
  };
