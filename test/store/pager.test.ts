// The pager reducer's transitions: where each key sends the target, and what an arrival makes of the place shown.
import { describe, expect, it } from 'vitest';
import { emptyPager, pagerReducer, totalOf, userView, wanted, type Pager, type PagerAction } from '../../src/store/pager';

const DESC = { order: 'descending' as const };
const SIZE = 10;

/** A page of `count` rows arrived, the last one `lastId`. */
const arrived = (count: number, lastId: string | undefined, hasMore: boolean): Extract<PagerAction, { type: 'arrived' }> => ({
  type: 'arrived',
  count,
  lastId,
  hasMore,
  pageSize: SIZE,
});

/** Applies the actions in turn. */
const run = (pager: Pager, ...actions: PagerAction[]) => actions.reduce(pagerReducer, pager);

/** Page `n` of full pages shown: rows r1…, each page's last row `p<n>`. */
function onPage(n: number): Pager {
  let pager = run(emptyPager(DESC), { type: 'first' }, arrived(SIZE, 'p1', true));
  for (let page = 2; page <= n; page++) pager = run(pager, { type: 'next' }, arrived(SIZE, `p${page}`, true));
  return pager;
}

describe('pager reducer', () => {
  it('first: page 1 is wanted, and its arrival shows it with rows 1–10 and the next cursor', () => {
    const asked = pagerReducer(emptyPager(DESC), { type: 'first' });
    expect(asked.chain).toEqual([]);
    expect(wanted(asked)).toEqual({ page: 1, after: undefined, view: DESC });
    const shown = pagerReducer(asked, arrived(SIZE, 'p1', true));
    expect(shown).toMatchObject({ chain: [undefined], next: 'p1', rows: { first: 1, last: 10 }, target: null });
    expect(wanted(shown)).toBeUndefined();
  });

  it('next wants the page after the last row; the place changes only when it arrives', () => {
    const before = onPage(2);
    const asked = pagerReducer(before, { type: 'next' });
    expect(asked.chain).toEqual([undefined, 'p1']);
    expect(asked.rows).toEqual({ first: 11, last: 20 });
    expect(wanted(asked)).toEqual({ page: 3, after: 'p2', view: DESC });
    expect(pagerReducer(asked, arrived(4, 'p3', false))).toMatchObject({
      chain: [undefined, 'p1', 'p2'],
      next: undefined,
      rows: { first: 21, last: 24 },
      target: null,
    });
  });

  it('next does nothing on the last page, and while a page is in flight (no cursor to go further with yet)', () => {
    const last = run(emptyPager(DESC), { type: 'first' }, arrived(3, 'p1', false));
    expect(pagerReducer(last, { type: 'next' })).toBe(last);
    const loading = pagerReducer(onPage(1), { type: 'next' });
    expect(pagerReducer(loading, { type: 'next' })).toBe(loading);
  });

  it('prev is from the page shown, whatever is in flight; nothing before page 1', () => {
    const loading = pagerReducer(onPage(2), { type: 'next' });
    const back = pagerReducer(loading, { type: 'prev' });
    expect(wanted(back)).toEqual({ page: 1, after: undefined, view: DESC });
    expect(pagerReducer(back, arrived(SIZE, 'p1', true))).toMatchObject({ chain: [undefined], rows: { first: 1, last: 10 }, target: null });
    const first = onPage(1);
    expect(pagerReducer(first, { type: 'prev' })).toBe(first);
  });

  it('a page keeps its row numbers when it is read again with fewer rows (a revoke) or more (the terminal grew)', () => {
    const reload = pagerReducer(onPage(3), { type: 'reload' });
    expect(reload.target).toMatchObject({ page: 3, fresh: true, cursor: 'keep' });
    expect(wanted(reload)).toEqual({ page: 3, after: 'p2', view: DESC });
    const fewer = pagerReducer(reload, { ...arrived(7, 'q3', true), pageSize: 25 });
    expect(fewer.rows).toEqual({ first: 21, last: 27 });
    // Back a page and on again: page 3 starts where it did, not at (3 − 1) × 25 + 1.
    const again = run(fewer, { type: 'prev' }, arrived(SIZE, 'p2', true), { type: 'next' }, { ...arrived(25, 'r3', true), pageSize: 25 });
    expect(again.rows).toEqual({ first: 21, last: 45 });
  });

  it('a page reached another way than from the one before it is numbered by the page size', () => {
    // Page 3's cursor is known, but page 1 is shown: its first row is not page 1's last + 1.
    const pager: Pager = {
      ...onPage(1),
      target: { view: DESC, page: 3, chain: [undefined, 'x1', 'x2'], fresh: false, cursor: 'first', fromEnd: false },
    };
    expect(pagerReducer(pager, arrived(SIZE, 'x3', true)).rows).toEqual({ first: 21, last: 30 });
  });

  it('an emptied last page steps back with the cursor on the last row, read fresh', () => {
    const back = pagerReducer(onPage(3), { type: 'prev', fresh: true, cursor: 'last' });
    expect(back.target).toMatchObject({ page: 2, fresh: true, cursor: 'last' });
  });

  it('view: a new order or filter starts at its page 1; the view shown changes only when that page arrives', () => {
    const view = { order: 'ascending' as const, filter: 'proj_1' };
    const asked = pagerReducer(onPage(3), { type: 'view', view });
    expect(asked.view).toEqual(DESC);
    expect(wanted(asked)).toEqual({ page: 1, after: undefined, view });
    expect(pagerReducer(asked, arrived(1, 'a1', false))).toMatchObject({ view, chain: [undefined], next: undefined, target: null });
  });

  it('last asks for one page: the first of the other order, counted from the end, the cursor on its last row', () => {
    const pager = pagerReducer(onPage(3), { type: 'last' });
    const ASC = { order: 'ascending' as const };
    expect(pager.target).toMatchObject({ page: 1, chain: [undefined], cursor: 'last', fromEnd: true });
    expect(wanted(pager)).toEqual({ page: 1, after: undefined, view: ASC });
    const shown = pagerReducer(pager, arrived(SIZE, 'z1', true));
    expect(shown).toMatchObject({ view: ASC, fromEnd: true, chain: [undefined], next: 'z1', rows: { first: 1, last: 10 }, target: null });
    expect(userView(shown)).toEqual(DESC);
    expect(totalOf(shown)).toBeUndefined();
    // From the end, the page before is the next of the other order; first goes back to the user's order.
    expect(wanted(pagerReducer(shown, { type: 'next' }))).toEqual({ page: 2, after: 'z1', view: ASC });
    expect(pagerReducer(shown, { type: 'first' }).target).toMatchObject({ view: DESC, page: 1, fromEnd: false });
  });

  it('the total is known once a walk reaches the end having counted every row, from either end', () => {
    let pager = onPage(2);
    pager = run(pager, { type: 'next' }, arrived(4, 'p3', false));
    expect(totalOf(pager)).toBe(24);
    // From the end: one page, then the next of the other order reaches the start.
    let back = run(onPage(1), { type: 'last' }, arrived(SIZE, 'z1', true));
    back = run(back, { type: 'next' }, arrived(3, 'z2', false));
    expect(back.rows).toEqual({ first: 11, last: 13 });
    expect(totalOf(back)).toBe(13);
    // A reload forgets it: rows may have come or gone.
    expect(totalOf(pagerReducer(back, { type: 'reload' }))).toBeUndefined();
  });

  it('stopped (a failure, Esc, the picker) drops the target and keeps the place shown', () => {
    const shown = onPage(2);
    const stopped = run(shown, { type: 'next' }, { type: 'stopped' });
    expect(stopped).toEqual(shown);
    expect(pagerReducer(shown, { type: 'stopped' })).toBe(shown);
  });

  it('an arrival with nothing asked changes nothing', () => {
    const shown = onPage(2);
    expect(pagerReducer(shown, arrived(SIZE, 'zz', true))).toBe(shown);
  });
});

describe('queued keys (issue 24 item 2: → and ← while a page loads)', () => {
  it('next while a page is in flight goes one further than it, fetched once its cursor is known', () => {
    let pager = run(onPage(1), { type: 'next' }, { type: 'next', queue: true }, { type: 'next', queue: true });
    expect(pager.target?.page).toBe(4);
    expect(wanted(pager)).toEqual({ page: 2, after: 'p1', view: DESC });
    pager = pagerReducer(pager, arrived(SIZE, 'p2', true));
    expect(pager.chain).toHaveLength(2);
    expect(wanted(pager)).toEqual({ page: 3, after: 'p2', view: DESC });
    // The end comes first: the walk stops there.
    pager = pagerReducer(pager, arrived(5, 'p3', false));
    expect(pager).toMatchObject({ target: null, next: undefined, rows: { first: 21, last: 25 } });
  });

  it('prev while a page is in flight goes one before it, never before page 1', () => {
    const loading = run(onPage(2), { type: 'next' }, { type: 'next', queue: true });
    expect(pagerReducer(loading, { type: 'prev', queue: true }).target?.page).toBe(3);
    const firstLoading = pagerReducer(onPage(3), { type: 'first' });
    expect(pagerReducer(firstLoading, { type: 'prev', queue: true })).toBe(firstLoading);
  });

  it('prev back to the page shown while the next one is in flight drops the target: nothing to fetch', () => {
    const shown = onPage(2);
    const back = run(shown, { type: 'next' }, { type: 'prev', queue: true });
    expect(back).toEqual(shown);
    expect(wanted(back)).toBeUndefined();
  });
});
