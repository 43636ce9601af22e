// G / End against the demo API (issue 28 item 2): the last page in one request (the first page of the other order,
// shown reversed), pages counted from the end until a walk has counted every row, then the total.
import { afterEach, describe, expect, it } from 'vitest';
import { closeAll, harness, ids, openAndSettle, type Harness } from '../helpers/harness';
import { waitFor } from '../helpers/wait';

afterEach(closeAll);

/** Each page request for the table's checkpoint since `mark`: its order and `after` cursor. */
const pageRequests = (h: Harness, mark: number) =>
  h.demo.requests
    .slice(mark)
    .filter((r) => r.method === 'GET' && r.path === h.permissionsPath() && r.query.project_id === undefined)
    .map((r) => ({ order: r.query.order, after: r.query.after }));

const settled = (h: Harness, what: string, test: () => boolean) => waitFor(() => !h.state().loading && test(), what);

describe('last page', () => {
  it('opens the last page with one request, its rows in the order shown, the cursor on the last row', async () => {
    const h = await harness({ pageSize: 25 });
    await openAndSettle(h);
    const rows = h.newestFirst();
    expect(rows).toHaveLength(137);
    const mark = h.demo.requests.length;
    h.state().lastPage();
    expect(h.state().loading).toBe(true);
    await settled(h, 'the last page', () => h.state().page?.fromEnd === true);
    expect(pageRequests(h, mark)).toEqual([{ order: 'ascending', after: undefined }]);
    const page = h.state().page!;
    expect(ids(page.rows)).toEqual(ids(rows.slice(-25)));
    expect(page).toMatchObject({ pageNumber: 1, firstRow: 1, lastRow: 25, hasMore: false, fromEnd: true });
    expect(h.state().order).toBe('descending');
    expect(h.state().cursor).toBe(24);

    h.state().nextPage();
    expect(h.state().flash).toEqual({ tone: 'info', text: 'This is the last page' });
    h.state().lastPage();
    expect(h.state().flash).toEqual({ tone: 'info', text: 'This is the last page' });
  });

  it('← from the end goes back a page at a time; meeting the rows seen from the start gives the numbers and the total', async () => {
    const h = await harness({ pageSize: 50 });
    await openAndSettle(h);
    const rows = h.newestFirst();
    h.state().lastPage();
    await settled(h, 'the last page', () => h.state().page?.fromEnd === true);
    expect(h.state().page).toMatchObject({ pageNumber: 1, firstRow: 1, lastRow: 50, fromEnd: true, hasMore: false });
    const mark = h.demo.requests.length;
    h.state().previousPage();
    // Rows 38–87 hold row 50, the last of page 1 seen at the start: the two ends meet, 137 rows in all.
    await settled(h, 'the page before', () => h.state().page?.total !== undefined);
    expect(ids(h.state().page!.rows)).toEqual(ids(rows.slice(37, 87)));
    expect(h.state().page).toMatchObject({ pageNumber: 2, firstRow: 38, lastRow: 87, total: 137, hasMore: true });
    expect(h.state().page!.fromEnd).toBeUndefined();
    h.state().previousPage();
    await settled(h, 'the first page', () => h.state().page?.firstRow === 1);
    expect(ids(h.state().page!.rows)).toEqual(ids(rows.slice(0, 37)));
    expect(h.state().page).toMatchObject({ pageNumber: 1, lastRow: 37, total: 137 });
    h.state().previousPage();
    expect(h.state().flash).toEqual({ tone: 'info', text: 'This is the first page' });
    // → goes back toward the end from pages kept in memory.
    h.state().nextPage();
    await settled(h, 'the middle page', () => h.state().page?.firstRow === 38);
    expect(h.state().page).toMatchObject({ lastRow: 87, total: 137, hasMore: true });
    expect(pageRequests(h, mark)).toHaveLength(2);
  });

  it('g goes back to the first page in the order shown', async () => {
    const h = await harness({ pageSize: 10 });
    await openAndSettle(h);
    const rows = h.newestFirst();
    h.state().lastPage();
    await settled(h, 'the last page', () => h.state().page?.fromEnd === true);
    h.state().firstPage();
    await settled(h, 'the first page', () => h.state().page?.fromEnd === undefined);
    expect(ids(h.state().page!.rows)).toEqual(ids(rows.slice(0, 10)));
    expect(h.state().page).toMatchObject({ pageNumber: 1, firstRow: 1, lastRow: 10, hasMore: true });
    // o from the end toggles the order the user sees, not the one asked of the API.
    h.state().lastPage();
    await settled(h, 'the last page', () => h.state().page?.fromEnd === true);
    h.state().toggleOrder();
    await settled(h, 'oldest first', () => h.state().order === 'ascending' && h.state().page?.fromEnd === undefined);
    expect(ids(h.state().page!.rows)).toEqual(ids([...rows].reverse().slice(0, 10)));
  });

  it('the ends meet: two pages from the start, then G, and the total is known at once', async () => {
    const h = await harness({ pageSize: 50 });
    await openAndSettle(h);
    const rows = h.newestFirst();
    h.state().nextPage();
    await settled(h, 'page 2', () => h.state().page?.pageNumber === 2);
    expect(h.state().page?.total).toBeUndefined();
    h.state().lastPage();
    // The last 50 rows (88–137) hold row 100, the deepest counted from the start: 137 rows in all.
    await settled(h, 'the last page', () => h.state().page?.lastRow === 137);
    expect(ids(h.state().page!.rows)).toEqual(ids(rows.slice(87)));
    expect(h.state().page).toMatchObject({ firstRow: 88, lastRow: 137, total: 137, hasMore: false });
  });
});
