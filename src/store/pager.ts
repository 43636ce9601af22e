// The table's place, as a pure reducer: the pages known (their `after` cursors), the one shown, and the page the user
// asked for. The table slice runs the one effect that fetches toward the target (see docs/architecture.md, Paging).
import type { Order, Permission } from '../api/types';
import type { PageView } from './data';

/** What the rows are a view of: their order and the project filter. */
export interface View {
  order: Order;
  /** The filter as the header names it: a project id, or what was typed for several projects. */
  filter?: string;
  /** Several projects (every match of what was typed): the rows are the union of theirs. */
  projects?: string[];
}

/** A view's filter in full, for keys: the same words may match other projects once more of the directory is known. */
export const filterKey = (view: View): string => `${view.filter ?? ''}${view.projects ? ` ${view.projects.join(',')}` : ''}`;

/** Where the cursor goes on the page that arrives: its first row, its last, or the row it was on (a reload). */
export type CursorPolicy = 'first' | 'last' | 'keep';

/** The page asked for, not yet shown. */
export interface PageTarget {
  view: View;
  /** 1-based; Infinity: the last page, whichever it is. */
  page: number;
  /** The `after` cursor of each page known of this view, page 1's (undefined) first: page n is fetched once it has its. */
  chain: (string | undefined)[];
  /** Read from the API even if a page kept in memory would do (the server changed, or the page size). */
  fresh: boolean;
  cursor: CursorPolicy;
  /** Pages of the other order, shown reversed: the last page first (G), counted from the end. */
  fromEnd: boolean;
}

export interface Pager {
  /** The order and filter of the page shown. */
  view: View;
  /** The `after` cursor of every page up to the one shown (page 1's, undefined, first): its length is the page number. */
  chain: (string | undefined)[];
  /** The cursor of the page after the one shown: undefined when the API has no more. */
  next?: string;
  /** Row numbers of the page shown (1-based; last is first − 1 when it is empty); 0 and 0 before any page. */
  rows: { first: number; last: number };
  /**
   * The number of each page's first row, by view and cursor: a page keeps its numbers when the page size changes or
   * rows went (a revoke), where (page − 1) × size would not.
   */
  firstRows: Record<string, number>;
  /** The page asked for: the effect fetches until it is shown (then null), or a failure or Esc drops it. */
  target: PageTarget | null;
  /**
   * The chain walks the other order from the end (G): `view` is the order asked of the API, the user's reversed; page
   * and row numbers count from the end.
   */
  fromEnd: boolean;
  /** How many rows a filter has, once a walk reached an end having counted them all, or the two ends met: by filter. */
  totals: Record<string, number>;
  /** By filter, the deepest row counted in each order the API was asked for: its number and id (where the ends meet). */
  reach: Record<string, Partial<Record<View['order'], Reach>>>;
}

interface Reach {
  count: number;
  id: string;
}

export type PagerAction =
  /**
   * `queue`: while a page is in flight, go one further than it (issue 24 item 2) instead of doing nothing. `from`: the
   * page shown is cut by the screen (it shrank), so the next page starts after the last row on screen, numbered on.
   */
  | { type: 'next'; queue?: boolean; from?: { after: string; first: number } }
  /** `queue`: while a page is in flight, go one before it instead of one before the page shown. */
  | { type: 'prev'; queue?: boolean; fresh?: boolean; cursor?: CursorPolicy }
  | { type: 'first' }
  | { type: 'last' }
  | { type: 'reload' }
  | { type: 'view'; view: View }
  /** The page the effect fetched (the one `wanted` named) arrived: `lastId` is its last row's id, if it has rows. */
  | { type: 'arrived'; count: number; lastId?: string; hasMore: boolean; pageSize: number; ids?: string[] }
  /** The fetch failed, was cancelled, or the table was left: the place shown stays. */
  | { type: 'stopped' };

export const emptyPager = (view: View): Pager => ({
  view,
  chain: [],
  rows: { first: 0, last: 0 },
  firstRows: {},
  target: null,
  fromEnd: false,
  totals: {},
  reach: {},
});

const towards = (pager: Pager, page: number, chain: (string | undefined)[], extra: Partial<PageTarget> = {}): Pager => ({
  ...pager,
  target: { view: pager.view, page, chain, fresh: false, cursor: 'first', fromEnd: pager.fromEnd, ...extra },
});

const flip = (view: View): View => ({ ...view, order: view.order === 'descending' ? 'ascending' : 'descending' });

/** The order and filter the user sees (a walk from the end asks the API for the other order). */
export const userView = (place: { view: View; fromEnd: boolean }): View => (place.fromEnd ? flip(place.view) : place.view);

/** The view the user asked for last: the target's, else the one shown. */
export const viewAsked = (pager: Pager): View => userView(pager.target ?? pager);

const totalKey = (view: View) => filterKey(view);

/** The rows of the view shown, when known: a walk reached an end from the other (issue 28 item 2). */
export const totalOf = (pager: Pager): number | undefined => pager.totals[totalKey(pager.view)];

const firstRowKey = (view: View, after: string | undefined) => `${view.order} ${filterKey(view)} ${after ?? ''}`;

/** The page the effect fetches next toward the target: the target itself once its cursor is known, else the next one. */
export function wanted(pager: Pager): { page: number; after: string | undefined; view: View } | undefined {
  const { target } = pager;
  if (!target || target.chain.length === 0) return undefined;
  const page = Math.min(target.page, target.chain.length);
  return { page, after: target.chain[page - 1], view: target.view };
}

/** Whether both pagers fetch the same page next: a target that only moved further on does not. */
export function sameFetch(a: Pager, b: Pager): boolean {
  const x = wanted(a);
  const y = wanted(b);
  return (
    x !== undefined &&
    y !== undefined &&
    x.page === y.page &&
    x.after === y.after &&
    x.view.order === y.view.order &&
    filterKey(x.view) === filterKey(y.view)
  );
}

export function pagerReducer(pager: Pager, action: PagerAction): Pager {
  const shown = pager.chain.length;
  switch (action.type) {
    case 'next':
      // Queued, the effect fetches the page after the one in flight once that one's cursor is known.
      if (pager.target && action.queue) return { ...pager, target: { ...pager.target, page: pager.target.page + 1 } };
      if (action.from && !pager.target && shown > 0) {
        const firstRows = { ...pager.firstRows, [firstRowKey(pager.view, action.from.after)]: action.from.first };
        return towards({ ...pager, firstRows }, shown + 1, [...pager.chain, action.from.after]);
      }
      // Until the page in flight arrives there is no cursor to go further with.
      if (pager.target || shown === 0 || pager.next === undefined) return pager;
      return towards(pager, shown + 1, [...pager.chain, pager.next]);
    case 'prev':
      if (pager.target && action.queue && Number.isFinite(pager.target.page)) {
        const { target } = pager;
        if (target.page <= 1) return pager;
        // Back to the page shown (→ then ← while it loads): nothing to fetch, the place stays.
        const onShown =
          target.page - 1 === shown &&
          !target.fresh &&
          target.view.order === pager.view.order &&
          target.view.filter === pager.view.filter &&
          target.chain[shown - 1] === pager.chain[shown - 1];
        return onShown ? { ...pager, target: null } : { ...pager, target: { ...target, page: target.page - 1 } };
      }
      // From the page shown, whatever is in flight: that answer is then no longer wanted.
      if (shown <= 1) return pager;
      return towards(pager, shown - 1, pager.chain.slice(0, -1), { fresh: action.fresh ?? false, cursor: action.cursor ?? 'first' });
    case 'first':
      return { ...pager, target: { view: viewAsked(pager), page: 1, chain: [undefined], fresh: false, cursor: 'first', fromEnd: false } };
    case 'last':
      if (shown === 0) return pager;
      // One request: the first page of the other order, shown reversed; the cursor on the last row.
      return {
        ...pager,
        target: { view: flip(viewAsked(pager)), page: 1, chain: [undefined], fresh: false, cursor: 'last', fromEnd: true },
      };
    case 'reload': {
      // Rows may have come or gone (a revoke, a share): a total counted before is no longer known.
      const fresh = { ...pager, totals: {}, reach: {} };
      if (shown === 0) return towards(fresh, 1, [undefined], { fresh: true });
      return towards(fresh, shown, pager.chain, { fresh: true, cursor: 'keep' });
    }
    case 'view':
      return { ...pager, target: { view: action.view, page: 1, chain: [undefined], fresh: false, cursor: 'first', fromEnd: false } };
    case 'arrived': {
      const want = wanted(pager);
      if (!want || !pager.target) return pager;
      const { page, after, view } = want;
      const key = firstRowKey(view, after);
      const known = pager.firstRows[key];
      const first = page === 1 ? 1 : (known ?? (shown === page - 1 && shown > 0 ? pager.rows.last + 1 : (page - 1) * action.pageSize + 1));
      const next = action.hasMore && action.count > 0 ? action.lastId : undefined;
      // Its first row's number was counted (page 1, a page seen, or the one after the page shown), not guessed.
      const sameView = pager.view.order === view.order && pager.view.filter === view.filter;
      const counted = page === 1 || known !== undefined || (shown === page - 1 && shown > 0 && sameView);
      const chain = pager.target.chain.slice(0, page);
      const reached = page >= pager.target.page || next === undefined;
      const last = first - 1 + action.count;
      const tk = totalKey(view);
      const side = view.order;
      const other = flip(view).order;
      const reach = { ...pager.reach[tk] };
      let total = next === undefined && counted ? last : pager.totals[tk];
      if (counted && action.lastId !== undefined && last > (reach[side]?.count ?? 0)) reach[side] = { count: last, id: action.lastId };
      // The two ends met: this page holds the deepest row counted from the other end.
      const met = counted && reach[other] ? (action.ids?.indexOf(reach[other].id) ?? -1) : -1;
      if (total === undefined && met >= 0) total = reach[other]!.count + first + met - 1;
      return {
        view,
        chain,
        next,
        rows: { first, last },
        firstRows: { ...pager.firstRows, [key]: first },
        fromEnd: pager.target.fromEnd,
        // The other end reached with every row before it counted: the total is known (for either order).
        totals: total !== undefined && total !== pager.totals[tk] ? { ...pager.totals, [tk]: total } : pager.totals,
        reach: { ...pager.reach, [tk]: reach },
        // On the way to a page further on, the next one's cursor is now known.
        target: reached ? null : { ...pager.target, chain: [...chain, next] },
      };
    }
    case 'stopped':
      return pager.target ? { ...pager, target: null } : pager;
  }
}

/**
 * What the table shows of the pager's place. From the end (G), page and row numbers count from the end until a walk
 * has counted every row; then they are the usual ones, and the total is shown.
 */
export function pageView(pager: Pager, rows: Permission[]): PageView {
  const total = totalOf(pager);
  const known = total !== undefined ? { total } : {};
  if (!pager.fromEnd) {
    return {
      rows,
      pageNumber: pager.chain.length,
      firstRow: pager.rows.first,
      lastRow: pager.rows.last,
      hasMore: pager.next !== undefined,
      ...known,
    };
  }
  const hasMore = pager.chain.length > 1;
  // From the end, ← walks on toward the start while that order has more.
  const hasPrevious = pager.next !== undefined;
  if (total === undefined)
    return {
      rows,
      pageNumber: pager.chain.length,
      firstRow: pager.rows.first,
      lastRow: pager.rows.last,
      hasMore,
      hasPrevious,
      fromEnd: true,
    };
  // The rows from the end turned around; the pages before this one of this page's size.
  const firstRow = total - pager.rows.last + 1;
  const size = Math.max(1, rows.length);
  return {
    rows,
    pageNumber: Math.ceil((firstRow - 1) / size) + 1,
    firstRow,
    lastRow: total - pager.rows.first + 1,
    hasMore,
    hasPrevious,
    total,
  };
}
