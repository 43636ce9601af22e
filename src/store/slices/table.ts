// One checkpoint's permissions, a page at a time: paging, order, filter, cursor and marks.
import { AbortError, flashLine } from '../../api/errors';
import { checkpointIdProblem } from '../../api/ids';
import type { Permission } from '../../api/types';
import { createPages, type View } from '../pages';
import { withRecent } from '../recent';
import type { AppState, SliceCreator, TableActions, TableState } from '../types';
import { resolveProject } from './catalog';

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
    // The order and filter of the page being loaded: a second `o` while it loads toggles from there.
    let loadingView: View | undefined;
    const pendingView = () => (tasks.running('page') ? loadingView : undefined);
    // The number of each page's first row, by the page's cursor and view: a page keeps its numbers when the page size
    // changes (the terminal grew) or rows went (a revoke), where (page − 1) × size would not.
    const firstRows = new Map<string, number>();
    const firstRowKey = (after: string | undefined, view: View) => `${view.order} ${view.filter ?? ''} ${after ?? ''}`;

    /**
     * Shows the page that starts after `after`. The cursor stack and page number change only when
     * it arrives, so a failure leaves the user exactly where they were.
     */
    const showPage = async (
      after: string | undefined,
      cursorStack: (string | undefined)[],
      opts: { cursor?: 'first' | 'last' | 'keep'; fresh?: boolean; view?: View } = {},
    ) => {
      const { checkpoint } = get();
      if (checkpoint === undefined) return;
      // A new order or filter is the state's only once its first page is here, like the page itself.
      const view: View = opts.view ?? { order: get().order, filter: get().filter };
      const key = pages.key(after, view);
      const commit = (rows: Permission[], hasMore: boolean, extra: Partial<AppState> = {}) => {
        const { pageSize, cursor, page: before } = get();
        const pageNumber = cursorStack.length + 1;
        const known = firstRows.get(firstRowKey(after, view));
        const firstRow =
          pageNumber === 1
            ? 1
            : (known ?? (before && before.pageNumber === cursorStack.length ? before.lastRow + 1 : (pageNumber - 1) * pageSize + 1));
        firstRows.set(firstRowKey(after, view), firstRow);
        // On a reload the cursor follows the row it was on (rows above it may have gone), else keeps its place.
        const wasOn = get().page?.rows[cursor]?.id;
        const followed = wasOn === undefined ? -1 : rows.findIndex((row) => row.id === wasOn);
        const nextCursor =
          opts.cursor === 'last'
            ? rows.length - 1
            : opts.cursor === 'keep'
              ? followed >= 0
                ? followed
                : Math.min(cursor, rows.length - 1)
              : 0;
        // A checkpoint becomes recent once the API has answered for it: a mistyped id is not remembered.
        const recent = get().recent[0] === checkpoint ? get().recent : withRecent(get().recent, checkpoint);
        if (recent !== get().recent) recentFile.save(recent);
        // One change of state, so one frame (Ink renders each change at once).
        set({
          page: {
            rows,
            pageNumber,
            firstRow,
            lastRow: firstRow - 1 + rows.length,
            hasMore,
          },
          order: view.order,
          filter: view.filter,
          cursorStack,
          pageAfter: after,
          cursor: Math.max(0, nextCursor),
          loadError: undefined,
          loading: false,
          recent,
          ...extra,
        });
      };
      /** The page is on screen: its projects' names are looked up, and the next page read ahead. */
      const shown = (rows: Permission[], hasMore: boolean) => {
        if (!readAhead) return;
        void get().lookUpProjects(rows.map((row) => row.project_id));
        pages.readAhead(rows, hasMore, view);
      };
      /**
       * The first page's requests (its names, the next page) go out before its frame is drawn: the user waits for the
       * names. A page flipped to is drawn first: the user waits for the frame, the requests wait for the API anyway.
       */
      const show = (rows: Permission[], hasMore: boolean, extra?: Partial<AppState>) => {
        if (get().page === null) {
          shown(rows, hasMore);
          commit(rows, hasMore, extra);
        } else {
          commit(rows, hasMore, extra);
          shown(rows, hasMore);
        }
      };
      // Going anywhere but to the page read ahead drops it.
      if (opts.fresh) pages.dropAhead();
      else pages.dropAheadUnless(key);
      const cached = opts.fresh ? undefined : pages.fresh(key);
      if (cached) {
        // The page in flight, if any, is no longer wanted.
        tasks.drop('page');
        show(cached.rows, cached.hasMore);
        return;
      }
      const task = tasks.start('page');
      loadingView = view;
      set({ loading: true });
      const { pageSize } = get();
      try {
        // A page being read ahead is waited for, not asked again.
        const ahead = pages.isAhead(key) ? await pages.awaitAhead(task.signal) : undefined;
        let rows: Permission[];
        let hasMore: boolean;
        if (ahead) {
          ({ rows, hasMore } = ahead);
        } else {
          const page = await client.permissions.list(
            checkpoint,
            { after, limit: pageSize, order: view.order, project_id: view.filter },
            { signal: task.signal },
          );
          rows = page.data.slice(0, pageSize);
          hasMore = page.has_more && rows.length > 0;
        }
        if (!task.current()) return; // the user has moved on: this answer is for a page no longer wanted
        pages.remember(key, { rows, hasMore, at: now() });
        show(rows, hasMore, flashes.isAboutLoading() ? { flash: null } : {});
      } catch (error) {
        if (!task.current()) return;
        if (error instanceof AbortError) {
          // Esc: the page read ahead that it waited for goes too.
          if (pages.isAhead(key)) pages.dropAhead();
          set({ loading: false, flash: { tone: 'info', text: 'Cancelled: still showing the page you were on' } });
          return;
        }
        const flash = flashes.loadFailure({ tone: 'error', text: flashLine(error) });
        set({ loading: false, loadError: flash.text, flash });
      } finally {
        task.end();
      }
    };

    const fromFirstPage = (view: View) => showPage(undefined, [], { view });

    return {
      checkpoint: undefined,
      page: null,
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
        if (!same) firstRows.clear();
        set({
          screen: 'table',
          checkpoint: id,
          dialog: null,
          flash: null,
          syncTarget: undefined,
          ...(same ? {} : { page: null, cursorStack: [], pageAfter: undefined, cursor: 0, marks: {}, filter: undefined, lastRevoked: [] }),
        });
        if (!same || !get().page) void showPage(undefined, []);
        void get().loadDirectory();
      },

      nextPage() {
        flashes.clearStale();
        const { page, loading, pageAfter, cursorStack } = get();
        if (!page) return;
        // Until the page in flight arrives there is no cursor to go further with.
        if (loading) return;
        if (!page.hasMore) {
          set({ flash: { tone: 'info', text: 'This is the last page' } });
          return;
        }
        const last = page.rows.at(-1);
        if (!last) return;
        void showPage(last.id, [...cursorStack, pageAfter]);
      },

      previousPage() {
        flashes.clearStale();
        const { cursorStack } = get();
        if (cursorStack.length === 0) {
          set({ flash: { tone: 'info', text: 'This is the first page' } });
          return;
        }
        void showPage(cursorStack.at(-1), cursorStack.slice(0, -1));
      },

      firstPage() {
        flashes.clearStale();
        void showPage(undefined, []);
      },

      reload() {
        flashes.clearStale();
        pages.clear();
        const { pageAfter, cursorStack } = get();
        void showPage(pageAfter, cursorStack, { cursor: 'keep', fresh: true });
        void get().loadDirectory();
      },

      toggleOrder() {
        flashes.clearStale();
        const from = pendingView() ?? { order: get().order, filter: get().filter };
        void fromFirstPage({ order: from.order === 'descending' ? 'ascending' : 'descending', filter: from.filter });
      },

      setFilter(raw) {
        flashes.clearStale();
        const projectId = raw?.trim() || undefined;
        if (projectId === undefined) {
          set({ dialog: null });
          void fromFirstPage({ order: get().order, filter: undefined });
          return;
        }
        const resolved = resolveProject(projectId, get().directory);
        if (!resolved.id) {
          set({ flash: { tone: 'error', text: resolved.problem ?? 'not a project id' } });
          return;
        }
        set({ dialog: null });
        void fromFirstPage({ order: get().order, filter: resolved.id });
      },

      setPageSize(size) {
        const pageSize = clampPageSize(size);
        if (pageSize === get().pageSize) return;
        set({ pageSize });
        if (get().checkpoint !== undefined && get().screen !== 'picker') void showPage(undefined, []);
      },

      fitPageSize(size) {
        const pageSize = clampPageSize(size);
        if (pageSize <= get().pageSize) return;
        set({ pageSize });
        // The page on screen is read again from the same row, as many rows as now fit; the cursor stays on its row.
        const { checkpoint, page, pageAfter, cursorStack, screen } = get();
        if (checkpoint === undefined || page === null || screen === 'picker') return;
        void showPage(pageAfter, cursorStack, { cursor: 'keep', fresh: true });
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
        await showPage(before.pageAfter, before.cursorStack, { cursor: 'keep', fresh: true });
        const after = get();
        // An emptied page steps back to the one before.
        if (after.page && after.page.rows.length === 0 && after.cursorStack.length > 0 && after.checkpoint === before.checkpoint) {
          await showPage(after.cursorStack.at(-1), after.cursorStack.slice(0, -1), { cursor: 'last', fresh: true });
        }
      },
    };
  };
