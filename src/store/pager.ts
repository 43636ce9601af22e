// The table's place, as a pure reducer: the pages known (their `after` cursors), the one shown, and the page the user
// asked for. The table slice runs the one effect that fetches toward the target (see docs/architecture.md, Paging).
import type { Order } from '../api/types';

/** What the rows are a view of: their order and the project filter. */
export interface View {
  order: Order;
  filter?: string;
}

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
}

export type PagerAction =
  /** `queue`: while a page is in flight, go one further than it (issue 24 item 2) instead of doing nothing. */
  | { type: 'next'; queue?: boolean }
  /** `queue`: while a page is in flight, go one before it instead of one before the page shown. */
  | { type: 'prev'; queue?: boolean; fresh?: boolean; cursor?: CursorPolicy }
  | { type: 'first' }
  | { type: 'last' }
  | { type: 'reload' }
  | { type: 'view'; view: View }
  /** The page the effect fetched (the one `wanted` named) arrived: `lastId` is its last row's id, if it has rows. */
  | { type: 'arrived'; count: number; lastId?: string; hasMore: boolean; pageSize: number }
  /** The fetch failed, was cancelled, or the table was left: the place shown stays. */
  | { type: 'stopped' };

export const emptyPager = (view: View): Pager => ({ view, chain: [], rows: { first: 0, last: 0 }, firstRows: {}, target: null });

const towards = (pager: Pager, page: number, chain: (string | undefined)[], extra: Partial<PageTarget> = {}): Pager => ({
  ...pager,
  target: { view: pager.view, page, chain, fresh: false, cursor: 'first', ...extra },
});

const firstRowKey = (view: View, after: string | undefined) => `${view.order} ${view.filter ?? ''} ${after ?? ''}`;

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
    x.view.filter === y.view.filter
  );
}

export function pagerReducer(pager: Pager, action: PagerAction): Pager {
  const shown = pager.chain.length;
  switch (action.type) {
    case 'next':
      // Queued, the effect fetches the page after the one in flight once that one's cursor is known.
      if (pager.target && action.queue) return { ...pager, target: { ...pager.target, page: pager.target.page + 1 } };
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
      return towards(pager, 1, [undefined]);
    case 'last':
      if (shown === 0) return pager;
      // Walks on from the page shown (or the one in flight), a page at a time, until the API has no more.
      if (pager.target) return { ...pager, target: { ...pager.target, page: Infinity } };
      if (pager.next === undefined) return pager;
      return towards(pager, Infinity, [...pager.chain, pager.next]);
    case 'reload':
      if (shown === 0) return towards(pager, 1, [undefined], { fresh: true });
      return towards(pager, shown, pager.chain, { fresh: true, cursor: 'keep' });
    case 'view':
      return { ...pager, target: { view: action.view, page: 1, chain: [undefined], fresh: false, cursor: 'first' } };
    case 'arrived': {
      const want = wanted(pager);
      if (!want || !pager.target) return pager;
      const { page, after, view } = want;
      const key = firstRowKey(view, after);
      const known = pager.firstRows[key];
      const first = page === 1 ? 1 : (known ?? (shown === page - 1 && shown > 0 ? pager.rows.last + 1 : (page - 1) * action.pageSize + 1));
      const next = action.hasMore && action.count > 0 ? action.lastId : undefined;
      const chain = pager.target.chain.slice(0, page);
      const reached = page >= pager.target.page || next === undefined;
      return {
        view,
        chain,
        next,
        rows: { first, last: first - 1 + action.count },
        firstRows: { ...pager.firstRows, [key]: first },
        // On the way to a page further on, the next one's cursor is now known.
        target: reached ? null : { ...pager.target, chain: [...chain, next] },
      };
    }
    case 'stopped':
      return pager.target ? { ...pager, target: null } : pager;
  }
}
