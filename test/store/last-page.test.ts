// The pager's walk to the last page against the demo API: one page request at a time, each page shown as it arrives,
// and Esc leaves the user on the last page that arrived.
import { afterEach, describe, expect, it } from 'vitest';
import { closeAll, harness, ids, openAndSettle, settledOn, type Harness } from '../helpers/harness';
import { waitFor } from '../helpers/wait';

afterEach(closeAll);

/** The `after` cursor of each page request for the table's checkpoint since `mark`, in the order they came. */
const pageCursors = (h: Harness, mark: number) =>
  h.demo.requests
    .slice(mark)
    .filter((r) => r.method === 'GET' && r.path === h.permissionsPath() && r.query.project_id === undefined)
    .map((r) => r.query.after);

describe('last page', () => {
  it('walks on from page 1 to the last page, asking for each page once, each from the one before', async () => {
    const h = await harness({ pageSize: 25 });
    await openAndSettle(h);
    const rows = h.newestFirst();
    expect(rows).toHaveLength(137);
    const mark = h.demo.requests.length;
    h.state().lastPage();
    expect(h.state().loading).toBe(true);
    await settledOn(h, 6);
    expect(ids(h.state().page!.rows)).toEqual(ids(rows.slice(125)));
    expect(h.state().page).toMatchObject({ firstRow: 126, lastRow: 137, hasMore: false });
    expect(h.state().cursorStack).toHaveLength(5);
    // Each page's cursor is the last row of the page before: the walk cannot ask for two pages at once.
    expect(pageCursors(h, mark)).toEqual([25, 50, 75, 100, 125].map((n) => rows[n - 1]!.id));

    h.state().lastPage();
    expect(h.state().flash).toEqual({ tone: 'info', text: 'This is the last page' });
    expect(h.state().loading).toBe(false);
  });

  it('with the read-ahead on, waits for the page read ahead instead of asking for it again', async () => {
    const h = await harness({ pageSize: 25, readAhead: true });
    await openAndSettle(h);
    const rows = h.newestFirst();
    h.state().lastPage();
    await settledOn(h, 6);
    expect(pageCursors(h, 0)).toEqual([undefined, ...[25, 50, 75, 100, 125].map((n) => rows[n - 1]!.id)]);
  });

  it('pressed while the next page loads, walks on from that page without asking for it again', async () => {
    const h = await harness({ pageSize: 25 });
    await openAndSettle(h);
    const rows = h.newestFirst();
    h.demo.setLatency(100);
    const mark = h.demo.requests.length;
    h.state().nextPage();
    await waitFor(() => pageCursors(h, mark).length === 1, 'the page-2 request to reach the server');
    h.state().lastPage();
    await settledOn(h, 6);
    expect(pageCursors(h, mark)).toEqual([25, 50, 75, 100, 125].map((n) => rows[n - 1]!.id));
    expect(ids(h.state().page!.rows)).toEqual(ids(rows.slice(125)));
  });

  it('Esc during the walk stops it on the page that arrived last, and paging goes on from there', async () => {
    const h = await harness({ pageSize: 10 });
    await openAndSettle(h);
    h.demo.setLatency(100);
    h.state().lastPage();
    await waitFor(() => (h.state().page?.pageNumber ?? 0) >= 3, 'page 3 on the way');
    const at = h.state().page!;
    h.state().cancelRunning();
    await waitFor(() => !h.state().loading, 'the cancel');
    expect(h.state().flash).toEqual({ tone: 'info', text: 'Cancelled: still showing the page you were on' });
    expect(h.state().page).toBe(at);
    expect(h.state().cursorStack).toHaveLength(at.pageNumber - 1);

    h.demo.setLatency(0);
    h.state().nextPage();
    await settledOn(h, at.pageNumber + 1);
    expect(h.state().page?.firstRow).toBe(at.lastRow + 1);
    expect(ids(h.state().page!.rows)).toEqual(ids(h.newestFirst().slice(at.lastRow, at.lastRow + 10)));
  });

  it('going back to the picker mid-walk drops the target: back on the table, o toggles from the order shown', async () => {
    const h = await harness({ pageSize: 10 });
    await openAndSettle(h);
    h.demo.setLatency(100);
    h.state().lastPage();
    await waitFor(() => (h.state().page?.pageNumber ?? 0) >= 2, 'page 2 on the way');
    h.state().goBack();
    expect(h.state().screen).toBe('picker');
    expect(h.state().loading).toBe(false);
    expect(h.state().pager.target).toBeNull();
    const at = h.state().page!.pageNumber;
    h.demo.setLatency(0);
    h.state().openCheckpoint(h.cp);
    expect(h.state().page?.pageNumber).toBe(at);
    h.state().toggleOrder();
    await waitFor(() => !h.state().loading && h.state().order === 'ascending', 'oldest first');
    expect(h.state().page?.pageNumber).toBe(1);
  });
});
