// The UI's store driven like a user would, against the real demo API over loopback (no stubbed fetch).
import { afterEach, describe, expect, it } from 'vitest';
import { projectLabel } from '../../src/api/sanitize';
import { renameProject } from '../helpers/demo-data';
import { closeAll, harness, ids, openAndSettle, settledOn, type Harness } from '../helpers/harness';
import { sleep, waitFor } from '../helpers/wait';

afterEach(async () => {
  await closeAll();
});

/** The server's rows of page `n` (1-based) in the store's current order. */
function serverPage(h: Harness, n: number, order: 'descending' | 'ascending' = 'descending'): string[] {
  const size = h.state().pageSize;
  const all = order === 'descending' ? h.newestFirst() : h.demo.state.permissionsOf(h.cp);
  return ids(all.slice((n - 1) * size, n * size));
}

const shown = (h: Harness) => ids(h.state().page?.rows ?? []);

describe('opening a checkpoint', () => {
  it('shows the newest page, remembers the checkpoint and names the projects', async () => {
    const h = await harness({ pageSize: 10 });
    expect(h.state().screen).toBe('picker');
    await openAndSettle(h);

    const s = h.state();
    expect(s.screen).toBe('table');
    expect(s.checkpoint).toBe(h.cp);
    expect(shown(h)).toEqual(serverPage(h, 1));
    expect(s.page).toMatchObject({ pageNumber: 1, firstRow: 1, lastRow: 10, hasMore: true });
    expect(s.cursorStack).toEqual([]);
    expect(s.cursor).toBe(0);
    expect(s.loadError).toBeUndefined();
    expect(s.recent[0]).toBe(h.cp);
    expect(h.recent.load()[0]).toBe(h.cp);

    const projects = new Map(h.demo.state.projects().map((p) => [p.id, p]));
    expect(Object.keys(s.directory.byId)).toHaveLength(projects.size);
    for (const row of s.page!.rows) expect(s.directory.byId[row.project_id]?.name).toBe(projects.get(row.project_id)?.name);
    const active = [...projects.values()]
      .filter((p) => p.status === 'active')
      .map((p) => p.id)
      .sort();
    expect(s.directory.active.map((p) => p.id).sort()).toEqual(active);
  });

  it('keeps recent checkpoints newest first without duplicates', async () => {
    const h = await harness();
    const [a, b] = [h.demo.checkpoints[0]!, h.demo.checkpoints[1]!];
    await openAndSettle(h, a);
    await openAndSettle(h, b);
    expect(h.state().recent.slice(0, 2)).toEqual([b, a]);
    await openAndSettle(h, a);
    expect(h.state().recent).toEqual([a, b]);
    expect(h.recent.load()).toEqual([a, b]);
  });

  it('opening a checkpoint that does not exist says what to check and shows no rows', async () => {
    const h = await harness();
    h.state().openCheckpoint('ft:gpt-4o-mini-2024-07-18:acme-corp:no-such-model:AAAAAAAA');
    await waitFor(() => h.state().loadError !== undefined, 'the load error');
    expect(h.state().page).toBeNull();
    // A mistyped id is not remembered as a recent checkpoint.
    expect(h.state().recent).toEqual([]);
    expect(h.recent.load()).toEqual([]);
    expect(h.state().flash?.tone).toBe('error');
    // What it means first, so a narrow flash line still says it; then the API's words.
    expect(h.state().flash?.text).toMatch(/^Unknown checkpoint · 404 model_not_found: /);
  });

  it('refuses an empty id without a request', async () => {
    const h = await harness();
    const mark = h.demo.requests.length;
    h.state().openCheckpoint('   ');
    expect(h.state().screen).toBe('picker');
    expect(h.state().flash?.tone).toBe('error');
    await sleep(30);
    expect(h.demo.requests.length).toBe(mark);
  });
});

describe('paging', () => {
  it('next, next, previous, first: each page is the server page asked for', async () => {
    const h = await harness({ pageSize: 10 });
    await openAndSettle(h);
    const path = h.permissionsPath();

    h.state().nextPage();
    await settledOn(h, 2);
    expect(shown(h)).toEqual(serverPage(h, 2));
    expect(h.state().page).toMatchObject({ firstRow: 11, lastRow: 20 });
    expect(h.state().cursorStack).toHaveLength(1);

    h.state().nextPage();
    await settledOn(h, 3);
    expect(shown(h)).toEqual(serverPage(h, 3));
    expect(h.state().page?.firstRow).toBe(21);
    expect(h.state().cursorStack).toHaveLength(2);

    const mark = h.demo.requests.length;
    h.state().previousPage();
    await settledOn(h, 2);
    expect(shown(h)).toEqual(serverPage(h, 2));
    expect(h.state().page?.firstRow).toBe(11);
    expect(h.state().cursorStack).toHaveLength(1);

    h.state().firstPage();
    await settledOn(h, 1);
    expect(shown(h)).toEqual(serverPage(h, 1));
    expect(h.state().page?.firstRow).toBe(1);
    expect(h.state().cursorStack).toEqual([]);
    // Both pages were visited moments ago: shown from memory.
    expect(h.since(mark, 'GET', path)).toBe(0);

    h.state().previousPage();
    expect(h.state().flash).toEqual({ tone: 'info', text: 'This is the first page' });
  });

  it('pages through every permission exactly once to the last page', async () => {
    const h = await harness({ pageSize: 25 });
    await openAndSettle(h);
    const seen = [...shown(h)];
    for (let n = 2; h.state().page!.hasMore; n++) {
      h.state().nextPage();
      await settledOn(h, n);
      expect(h.state().page?.firstRow).toBe((n - 1) * 25 + 1);
      seen.push(...shown(h));
    }
    expect(seen).toEqual(ids(h.newestFirst()));
    expect(h.state().page?.pageNumber).toBe(Math.ceil(137 / 25));
    h.state().nextPage();
    expect(h.state().flash).toEqual({ tone: 'info', text: 'This is the last page' });
  });

  it('reads a visited page again once it is older than pageCacheMs', async () => {
    let clock = 1_000_000;
    const h = await harness({ pageCacheMs: 5_000, now: () => clock });
    await openAndSettle(h);
    const path = h.permissionsPath();
    h.state().nextPage();
    await settledOn(h, 2);

    let mark = h.demo.requests.length;
    clock += 4_999;
    h.state().previousPage();
    await settledOn(h, 1);
    expect(h.since(mark, 'GET', path)).toBe(0);

    // Page 2 was read 5 s ago now: read again.
    mark = h.demo.requests.length;
    clock += 1;
    h.state().nextPage();
    await settledOn(h, 2);
    expect(h.since(mark, 'GET', path)).toBe(1);
    expect(shown(h)).toEqual(serverPage(h, 2));
  });

  it('with pageCacheMs 0 every page is read again, even within the same millisecond', async () => {
    const h = await harness({ pageCacheMs: 0, now: () => 42 });
    await openAndSettle(h);
    const path = h.permissionsPath();
    h.state().nextPage();
    await settledOn(h, 2);
    const mark = h.demo.requests.length;
    h.state().previousPage();
    await settledOn(h, 1);
    expect(h.since(mark, 'GET', path)).toBe(1);
    expect(shown(h)).toEqual(serverPage(h, 1));
  });

  it('reload reads the page again and keeps the cursor', async () => {
    const h = await harness();
    await openAndSettle(h);
    h.state().nextPage();
    await settledOn(h, 2);
    h.state().moveCursor(3);
    const onRow = h.state().page!.rows[3]!.id;
    // Someone else revokes the first row of this page.
    const gone = h.state().page!.rows[0]!;
    h.demo.state.deletePermission(h.cp, gone.id);
    const mark = h.demo.requests.length;
    h.state().reload();
    await waitFor(() => h.since(mark, 'GET', h.permissionsPath()) === 1 && !h.state().loading, 'the reload');
    expect(shown(h)).not.toContain(gone.id);
    expect(shown(h)).toEqual(serverPage(h, 2));
    expect(h.state().page?.pageNumber).toBe(2);
    // The cursor follows its row, which moved up one.
    expect(h.state().cursor).toBe(2);
    expect(h.state().page!.rows[2]!.id).toBe(onRow);
  });
});

describe('order and filter', () => {
  it('toggling the order shows the oldest permissions first, and back', async () => {
    const h = await harness();
    await openAndSettle(h);
    h.state().nextPage();
    await settledOn(h, 2);

    h.state().toggleOrder();
    await waitFor(() => !h.state().loading && h.state().order === 'ascending' && h.state().page?.pageNumber === 1, 'ascending page 1');
    expect(shown(h)).toEqual(serverPage(h, 1, 'ascending'));
    expect(h.state().cursorStack).toEqual([]);
    h.state().nextPage();
    await settledOn(h, 2);
    expect(shown(h)).toEqual(serverPage(h, 2, 'ascending'));

    h.state().toggleOrder();
    await waitFor(() => !h.state().loading && h.state().order === 'descending' && h.state().page?.pageNumber === 1, 'descending page 1');
    expect(shown(h)).toEqual(serverPage(h, 1));
  });

  it('filters by project id, by exact project name, and refuses garbage without a request', async () => {
    const h = await harness();
    await openAndSettle(h);
    // A project whose permission is far from the first page: the filter is the server's, not a page search.
    const target = h.newestFirst()[57]!;
    h.state().setFilter(target.project_id);
    await waitFor(() => !h.state().loading && h.state().page?.rows.length === 1, 'the filtered page');
    expect(h.state().filter).toBe(target.project_id);
    expect(h.state().page?.rows).toEqual([target]);
    expect(h.state().page?.hasMore).toBe(false);
    expect(h.demo.requests.at(-1)?.query.project_id).toBe(target.project_id);

    h.state().setFilter(undefined);
    await waitFor(() => !h.state().loading && h.state().filter === undefined, 'no filter');
    expect(shown(h)).toEqual(serverPage(h, 1));

    const other = h.newestFirst()[99]!;
    const name = h.demo.state.projects().find((p) => p.id === other.project_id)!.name!;
    h.state().setFilter(`  ${name.toUpperCase()} `);
    await waitFor(() => !h.state().loading && h.state().filter === other.project_id, 'the filter by name');
    expect(h.state().page?.rows).toEqual([other]);

    const before = h.state().page;
    const mark = h.demo.requests.length;
    h.state().setFilter('no such project');
    expect(h.state().flash?.tone).toBe('error');
    expect(h.state().flash?.text).toBe(
      'no project is named "no such project", nor has it in its name: type a part of its name or its proj_… id',
    );
    expect(h.state().filter).toBe(other.project_id);
    await sleep(30);
    expect(h.demo.requests.length).toBe(mark);
    expect(h.state().page).toBe(before);
  });

  it('a project without access to the checkpoint filters to an empty page', async () => {
    const h = await harness();
    await openAndSettle(h);
    const withAccess = new Set(h.newestFirst().map((p) => p.project_id));
    const outsider = h.demo.state.projects().find((p) => p.status === 'active' && !withAccess.has(p.id))!;
    h.state().setFilter(outsider.id);
    await waitFor(() => !h.state().loading && h.state().filter === outsider.id && h.state().page?.rows.length === 0, 'empty filtered page');
    expect(h.state().page?.hasMore).toBe(false);
  });

  it('a new page size starts again at page 1 with that many rows', async () => {
    const h = await harness();
    await openAndSettle(h);
    h.state().nextPage();
    await settledOn(h, 2);
    h.state().setPageSize(25);
    await waitFor(() => !h.state().loading && h.state().page?.rows.length === 25, '25 rows');
    expect(h.state().page).toMatchObject({ pageNumber: 1, firstRow: 1 });
    expect(shown(h)).toEqual(serverPage(h, 1));
  });
});

describe('answers that arrive late', () => {
  it('a slow next page never overwrites the first page asked for after it', async () => {
    const h = await harness();
    await openAndSettle(h);
    h.state().nextPage();
    await settledOn(h, 2);
    h.state().nextPage();
    await settledOn(h, 3);
    const path = h.permissionsPath();

    // From page 3: ask for page 4 slowly, then jump to the first page at once.
    h.demo.setLatency(250);
    const mark = h.demo.requests.length;
    h.state().nextPage();
    await waitFor(() => h.since(mark, 'GET', path) === 1, 'the page-4 request to reach the server');
    h.state().firstPage();
    await settledOn(h, 1);
    expect(shown(h)).toEqual(serverPage(h, 1));
    // Long after the slow answer was due, page 1 is still what is shown.
    await sleep(400);
    expect(h.state().page?.pageNumber).toBe(1);
    expect(shown(h)).toEqual(serverPage(h, 1));
    expect(h.state().cursorStack).toEqual([]);
    expect(h.state().loading).toBe(false);
  });

  it('a slow next page never overwrites a fresh read of the previous page', async () => {
    const h = await harness({ pageCacheMs: 0 });
    await openAndSettle(h);
    h.state().nextPage();
    await settledOn(h, 2);
    const path = h.permissionsPath();

    h.demo.setLatency(300);
    const mark = h.demo.requests.length;
    h.state().nextPage();
    await waitFor(() => h.since(mark, 'GET', path) === 1, 'the page-3 request to reach the server');
    // Give the server a moment to start that request's 300 ms wait before the next one gets a short one.
    await sleep(30);
    h.demo.setLatency(20);
    // ← while page 3 loads is one page before it (page 2, shown: page 3 is dropped), the second ← page 1, read afresh.
    h.state().previousPage();
    expect(h.state().loading).toBe(false);
    expect(h.state().page?.pageNumber).toBe(2);
    h.state().previousPage();
    await settledOn(h, 1);
    expect(h.since(mark, 'GET', path)).toBe(2);
    await sleep(400);
    expect(h.state().page?.pageNumber).toBe(1);
    expect(shown(h)).toEqual(serverPage(h, 1));
  });

  it('next pressed again while the next page loads is queued: three presses go three pages on, one request at a time', async () => {
    const h = await harness();
    await openAndSettle(h);
    const path = h.permissionsPath();
    const rows = h.newestFirst();
    h.demo.setLatency(200);
    const mark = h.demo.requests.length;
    h.state().nextPage();
    expect(h.state().loading).toBe(true);
    await waitFor(() => h.since(mark, 'GET', path) === 1, 'the request to reach the server');
    h.state().nextPage();
    h.state().nextPage();
    await settledOn(h, 4);
    // Each page's cursor is the last row of the page before: no page was asked for before the one before it arrived.
    const cursors = h.demo.requests
      .slice(mark)
      .filter((r) => r.method === 'GET' && r.path === path)
      .map((r) => r.query.after);
    expect(cursors).toEqual([10, 20, 30].map((n) => rows[n - 1]!.id));
    expect(shown(h)).toEqual(serverPage(h, 4));
    expect(h.state().cursorStack).toHaveLength(3);
  });

  it('next pressed more often than there are pages while one loads stops on the last page', async () => {
    const h = await harness({ pageSize: 25 });
    await openAndSettle(h);
    const path = h.permissionsPath();
    h.demo.setLatency(100);
    const mark = h.demo.requests.length;
    for (let i = 0; i < 8; i++) h.state().nextPage();
    await settledOn(h, 6);
    expect(h.state().page).toMatchObject({ firstRow: 126, lastRow: 137, hasMore: false });
    expect(h.since(mark, 'GET', path)).toBe(5);
    expect(h.state().loading).toBe(false);
  });

  it('Esc while queued next pages load drops them all: the page shown stays and nothing more is asked for', async () => {
    const h = await harness();
    await openAndSettle(h);
    const path = h.permissionsPath();
    h.demo.setLatency(200);
    const mark = h.demo.requests.length;
    for (let i = 0; i < 4; i++) h.state().nextPage();
    await waitFor(() => h.since(mark, 'GET', path) === 1, 'the page-2 request to reach the server');
    h.state().cancelRunning();
    await waitFor(() => !h.state().loading, 'the cancel');
    expect(h.state().pager.target).toBeNull();
    expect(h.state().page?.pageNumber).toBe(1);
    await sleep(400);
    expect(h.since(mark, 'GET', path)).toBe(1);
    expect(h.state().page?.pageNumber).toBe(1);
  });

  it('going back to the picker mid-load drops the answer quietly', async () => {
    const h = await harness();
    await openAndSettle(h);
    h.demo.setLatency(200);
    h.state().nextPage();
    h.state().goBack();
    expect(h.state().screen).toBe('picker');
    expect(h.state().loading).toBe(false);
    await sleep(350);
    expect(h.state().page?.pageNumber).toBe(1);
    expect(h.state().flash?.text ?? '').not.toMatch(/Cancelled/);
  });
});

describe('failures keep the place', () => {
  it('a failed order toggle or filter leaves the order, the filter and the rows as they were', async () => {
    const h = await harness({ maxRetries: 0 });
    await openAndSettle(h);
    const page = h.state().page;
    h.demo.injectFault('500');
    h.state().toggleOrder();
    await waitFor(() => h.state().loadError !== undefined, 'the load error');
    expect(h.state().order).toBe('descending');
    expect(h.state().page).toBe(page);

    const project = page!.rows[3]!.project_id;
    h.demo.injectFault('503');
    h.state().setFilter(project);
    await waitFor(() => !h.state().loading && h.state().flash?.text.startsWith('503') === true, 'the second load error');
    expect(h.state().filter).toBeUndefined();
    expect(h.state().page).toBe(page);

    // Once the API answers, the new view is the state's.
    h.state().setFilter(project);
    await waitFor(() => h.state().filter === project && !h.state().loading, 'the filtered page');
    expect(h.state().page!.rows.map((r) => r.project_id)).toEqual([project]);
  });

  it('a failed next page leaves page, rows and cursor stack as they were', async () => {
    const h = await harness({ maxRetries: 0 });
    await openAndSettle(h);
    h.state().nextPage();
    await settledOn(h, 2);
    h.state().moveCursor(4);
    const before = { page: h.state().page, cursorStack: h.state().cursorStack, pageAfter: h.state().pageAfter, cursor: h.state().cursor };

    h.demo.injectFault('500');
    h.state().nextPage();
    await waitFor(() => h.state().loadError !== undefined, 'the load error');
    expect(h.state()).toMatchObject(before);
    expect(h.state().page).toBe(before.page);
    expect(h.state().loading).toBe(false);
    expect(h.state().flash?.tone).toBe('error');
    expect(h.state().flash?.text).toMatch(/^500 server_error: The server had an error.*\(request req_[0-9a-f]{32}\)$/);
    expect(h.state().loadError).toBe(h.state().flash?.text);

    // Rate limited with no retries left: the line says what to do.
    h.demo.injectFault('429');
    h.state().reload();
    await waitFor(() => !h.state().loading && h.state().flash?.text.includes('· 429') === true, 'the 429 error');
    expect(h.state().flash?.text).toMatch(/^Rate limited: r tries again · 429 /);
    expect(h.state()).toMatchObject(before);

    // Trying again works and clears the error.
    h.state().nextPage();
    await settledOn(h, 3);
    expect(shown(h)).toEqual(serverPage(h, 3));
    expect(h.state().loadError).toBeUndefined();
    expect(h.state().flash).toBeNull();
  });

  it('a 429 with retry-after says it is retrying in 1 s, then the page arrives', async () => {
    const h = await harness({ maxRetries: 1 });
    await openAndSettle(h);
    const path = h.permissionsPath();
    const mark = h.demo.requests.length;
    h.demo.injectFault('429', { retryAfter: '1' });
    const asked = Date.now();
    h.state().nextPage();
    await waitFor(() => h.state().flash?.text.includes('retrying in 1 s') === true, 'the retry notice');
    expect(h.state().flash).toEqual({ tone: 'warning', text: 'rate limited (429), retrying in 1 s · Esc cancels' });
    expect(h.state().page?.pageNumber).toBe(1);
    expect(h.state().loading).toBe(true);
    await settledOn(h, 2);
    expect(Date.now() - asked).toBeGreaterThanOrEqual(900);
    expect(shown(h)).toEqual(serverPage(h, 2));
    expect(h.since(mark, 'GET', path)).toBe(2);
    expect(h.state().flash).toBeNull();
  });

  it('Esc during the retry wait cancels and keeps the page shown', async () => {
    const h = await harness({ maxRetries: 1 });
    await openAndSettle(h);
    const path = h.permissionsPath();
    const mark = h.demo.requests.length;
    // The retry is 30 s away, beyond the wait below: only the cancel can end the load before it.
    h.demo.injectFault('429', { retryAfter: '30' });
    h.state().nextPage();
    await waitFor(() => h.state().flash?.text.includes('retrying in 30 s') === true, 'the retry notice');
    h.state().cancelRunning();
    await waitFor(() => !h.state().loading, 'the cancel');
    expect(h.state().flash).toEqual({ tone: 'info', text: 'Cancelled: still showing the page you were on' });
    expect(h.state().page?.pageNumber).toBe(1);
    expect(shown(h)).toEqual(serverPage(h, 1));
    await sleep(50);
    expect(h.since(mark, 'GET', path)).toBe(1);
  });
});

describe('revoking', () => {
  it('asks first; No revokes nothing; Yes revokes the row under the cursor', async () => {
    const h = await harness();
    await openAndSettle(h);
    h.state().moveCursor(2);
    const target = h.state().page!.rows[2]!;
    const mark = h.demo.requests.length;

    h.state().askRevoke();
    expect(h.state().dialog).toEqual({ kind: 'revoke', targets: [target] });
    h.state().closeDialog();
    expect(h.state().dialog).toBeNull();
    expect(ids(h.newestFirst())).toContain(target.id);
    expect(h.since(mark, 'DELETE')).toBe(0);

    h.state().askRevoke();
    await h.state().confirmRevoke();
    expect(ids(h.newestFirst())).not.toContain(target.id);
    expect(h.since(mark, 'DELETE')).toBe(1);
    const name = h.demo.state.projects().find((p) => p.id === target.project_id)!.name;
    expect(h.state().flash).toEqual({
      tone: 'success',
      text: `Revoked ${target.project_id} (${name}) (${target.id}) · u undoes`,
      end: ' · u undoes',
    });
    expect(h.state().undoSteps).toEqual([{ change: 'revoke', checkpoint: h.cp, permissions: [target] }]);
    expect(h.state().dialog).toBeNull();
    // The page was read again: the row is gone and the next one moved up.
    expect(shown(h)).toEqual(serverPage(h, 1));
    expect(h.state().cursor).toBe(2);
  });

  it('names the project as every screen and command does: `proj_… (Name)`, the name made safe, the id alone without one', async () => {
    const h = await harness();
    const [first, second] = h.newestFirst();
    // A window-title OSC, a clear-screen CSI and a right-to-left override, then a name of blanks only.
    renameProject(h.demo, first!.project_id, ' Evil\u001b]0;pwned\u0007Name\u001b[2J\u202Eylno\n');
    renameProject(h.demo, second!.project_id, ' \u001b[2J ');
    await openAndSettle(h);
    await waitFor(() => h.state().directory.status === 'ready', 'the names');
    h.state().askRevoke();
    await h.state().confirmRevoke();
    expect(h.state().flash?.text).toBe(`Revoked ${first!.project_id} (EvilNameylno) (${first!.id}) · u undoes`);
    h.state().moveCursor(-10);
    h.state().askRevoke();
    await h.state().confirmRevoke();
    expect(h.state().flash?.text).toBe(`Revoked ${second!.project_id} (${second!.id}) · u undoes`);
    expect(projectLabel('proj_\u001b[31mx', 'A\u202Eb')).toBe('proj_x (Ab)');
  });

  it('two confirmations at once send one delete', async () => {
    const h = await harness();
    await openAndSettle(h);
    const target = h.state().page!.rows[0]!;
    const mark = h.demo.requests.length;
    h.state().askRevoke();
    await Promise.all([h.state().confirmRevoke(), h.state().confirmRevoke()]);
    expect(h.since(mark, 'DELETE')).toBe(1);
    expect(ids(h.newestFirst())).not.toContain(target.id);
    expect(h.state().flash?.text).toMatch(/^Revoked /);
  });

  it('a second confirmation while the first revoke is still running sends nothing', async () => {
    const h = await harness();
    await openAndSettle(h);
    const target = h.state().page!.rows[0]!;
    const mark = h.demo.requests.length;
    h.demo.setLatency(150);
    h.state().askRevoke();
    const first = h.state().confirmRevoke();
    expect(h.state().busy).toBe('revoke');
    // The row is still on screen: d and y again. No second dialog opens while the first runs.
    h.state().askRevoke();
    expect(h.state().dialog).toBeNull();
    expect(h.state().flash?.text).toMatch(/^Wait for the running revoke/);
    await h.state().confirmRevoke();
    await first;
    expect(h.since(mark, 'DELETE')).toBe(1);
    expect(h.state().busy).toBeNull();
    expect(h.state().flash?.text).toMatch(/^Revoked /);
    expect(ids(h.newestFirst())).not.toContain(target.id);
  });

  it('revokes marked rows together; failures stay marked and match the server, and can be retried', async () => {
    const h = await harness({ maxRetries: 0, concurrency: 4 });
    await openAndSettle(h);
    const targets = h.state().page!.rows.slice(0, 6);
    for (let i = 0; i < 6; i++) {
      expect(h.state().cursor).toBe(i);
      h.state().toggleMark();
    }
    expect(h.state().cursor).toBe(6);
    expect(Object.keys(h.state().marks).sort()).toEqual(ids(targets).sort());
    // Unmarking and marking again leaves the set as it was.
    h.state().moveCursor(-1);
    h.state().toggleMark();
    expect(Object.keys(h.state().marks)).toHaveLength(5);
    h.state().moveCursor(-1);
    h.state().toggleMark();
    expect(Object.keys(h.state().marks)).toHaveLength(6);

    h.state().askRevoke();
    const dialog = h.state().dialog;
    expect(dialog?.kind).toBe('revoke');
    expect(dialog?.kind === 'revoke' && ids(dialog.targets).sort()).toEqual(ids(targets).sort());

    const mark = h.demo.requests.length;
    h.demo.injectFault('500', { count: 2 });
    await h.state().confirmRevoke();
    expect(h.since(mark, 'DELETE')).toBe(6);

    const outcomes = h.state().dialog;
    expect(outcomes?.kind).toBe('outcomes');
    if (outcomes?.kind !== 'outcomes') throw new Error('no outcomes dialog');
    expect(outcomes.title).toBe('Revoke: 4 of 6 revoked');
    expect(outcomes.outcomes.map((o) => o.permissionId).sort()).toEqual(ids(targets).sort());
    const failed = outcomes.outcomes.filter((o) => !o.ok);
    expect(failed).toHaveLength(2);
    for (const o of failed) expect(o.reason).toMatch(/^500 /);
    for (const o of outcomes.outcomes) expect(o.projectId).toBe(targets.find((t) => t.id === o.permissionId)!.project_id);

    // The server agrees with every outcome.
    const live = new Set(ids(h.newestFirst()));
    for (const o of outcomes.outcomes) expect(live.has(o.permissionId!)).toBe(!o.ok);
    expect(Object.keys(h.state().marks).sort()).toEqual(failed.map((o) => o.permissionId).sort());
    expect(h.state().flash).toEqual({
      tone: 'warning',
      text: 'Revoked 4 of 6; 2 failed: they stay marked (d to retry) · u undoes',
      end: ' · u undoes',
    });
    expect(shown(h)).toEqual(serverPage(h, 1));

    // Try the two again.
    h.state().closeDialog();
    h.state().askRevoke();
    const again = h.state().dialog;
    expect(again?.kind === 'revoke' && ids(again.targets).sort()).toEqual(failed.map((o) => o.permissionId).sort());
    await h.state().confirmRevoke();
    expect(h.state().marks).toEqual({});
    expect(h.state().flash).toEqual({ tone: 'success', text: 'Revoked 2 permissions · u undoes', end: ' · u undoes' });
    const after = new Set(ids(h.newestFirst()));
    for (const t of targets) expect(after.has(t.id)).toBe(false);
    expect(h.demo.state.permissionsOf(h.cp)).toHaveLength(137 - 6);
  });

  it('a single failed revoke says why and keeps the row', async () => {
    const h = await harness({ maxRetries: 0 });
    await openAndSettle(h);
    const target = h.state().page!.rows[0]!;
    h.state().askRevoke();
    // Aimed at the DELETE: the dialog's own lookup of who granted the permission (an audit-log GET) must not take it.
    h.demo.injectFault('503', { method: 'DELETE' });
    await h.state().confirmRevoke();
    expect(h.state().flash?.tone).toBe('error');
    expect(h.state().flash?.text).toMatch(/^Not revoked: 503 /);
    expect(ids(h.newestFirst())).toContain(target.id);
    expect(shown(h)).toEqual(serverPage(h, 1));
  });

  it('revoking every row of the last page steps back to the page before it', async () => {
    const h = await harness({ pageSize: 5 });
    const small = h.demo.checkpoints.find((c) => h.demo.state.permissionsOf(c).length === 12)!;
    await openAndSettle(h, small);
    h.state().nextPage();
    await settledOn(h, 2);
    h.state().nextPage();
    await settledOn(h, 3);
    const last = h.state().page!.rows;
    expect(last).toHaveLength(2);
    expect(h.state().page?.hasMore).toBe(false);
    h.state().toggleMark();
    h.state().toggleMark();
    h.state().askRevoke();
    await h.state().confirmRevoke();

    expect(h.demo.state.permissionsOf(small)).toHaveLength(10);
    const s = h.state();
    expect(s.page).toMatchObject({ pageNumber: 2, firstRow: 6, hasMore: false });
    expect(ids(s.page!.rows)).toEqual(ids(h.newestFirst(small).slice(5, 10)));
    expect(s.cursorStack).toHaveLength(1);
    expect(s.cursor).toBe(4);
    expect(s.loading).toBe(false);
  });

  it('nothing to revoke on an empty checkpoint', async () => {
    const h = await harness();
    await openAndSettle(h, h.demo.emptyCheckpoint);
    expect(h.state().page).toMatchObject({ rows: [], hasMore: false, pageNumber: 1 });
    h.state().askRevoke();
    expect(h.state().dialog).toBeNull();
    expect(h.state().flash).toEqual({ tone: 'info', text: 'Nothing to revoke on this page' });
  });
});

describe('sharing', () => {
  function pick(h: Harness) {
    const withAccess = new Set(h.newestFirst().map((p) => p.project_id));
    const projects = h.demo.state.projects();
    const free = projects.filter((p) => p.status === 'active' && !withAccess.has(p.id));
    return {
      free: [free[0]!.id, free[1]!.id],
      taken: h.newestFirst()[3]!.project_id,
      archived: projects.find((p) => p.status === 'archived')!.id,
    };
  }

  it('reads who has access from both ends at once: every holder of 1,000 permissions in 1 + 2 × 5 requests', async () => {
    const h = await harness({ demo: { permissions: 1_000 } });
    await openAndSettle(h);
    const mark = h.demo.requests.length;
    h.state().openShare();
    await waitFor(() => h.state().access.status === 'ready', 'the access list');
    const holders = h.newestFirst().map((p) => p.project_id);
    expect(Object.keys(h.state().access.projectIds).sort()).toEqual(holders.sort());
    const walk = h.demo.requests.slice(mark).filter((r) => r.path === h.permissionsPath() && r.query.limit === '100');
    expect(walk.filter((r) => r.query.order === 'ascending')).toHaveLength(5);
    expect(walk).toHaveLength(11);
  });

  it('loads who has access, reviews the request, and shares with the projects that can gain access', async () => {
    const h = await harness();
    await openAndSettle(h);
    h.state().openShare();
    expect(h.state().screen).toBe('share');
    await waitFor(() => h.state().access.status === 'ready', 'the access list');
    expect(h.state().access.checkpoint).toBe(h.cp);
    expect(Object.keys(h.state().access.projectIds).sort()).toEqual(
      h
        .newestFirst()
        .map((p) => p.project_id)
        .sort(),
    );

    const { free, taken, archived } = pick(h);
    const [a, b] = free as [string, string];
    h.state().reviewShare([a, taken, archived, 'bogus', ` ${a} `, b, 'proj_notInThisOrg123']);
    const review = h.state().dialog;
    expect(review?.kind).toBe('share-confirm');
    if (review?.kind !== 'share-confirm') throw new Error('no confirmation');
    expect(review.projectIds).toEqual([a, b]);
    expect(review.skipped).toEqual([
      { projectId: taken, ok: false, reason: 'already has access' },
      { projectId: archived, ok: false, reason: 'archived projects cannot be given access' },
      { projectId: 'bogus', ok: false, reason: '"bogus" is not a project id (project ids look like proj_abc123…)' },
      { projectId: 'proj_notInThisOrg123', ok: false, reason: 'not a project of this organization' },
    ]);

    const mark = h.demo.requests.length;
    await Promise.all([h.state().confirmShare(), h.state().confirmShare()]);
    expect(h.since(mark, 'POST')).toBe(1);
    const now = new Map(h.newestFirst().map((p) => [p.project_id, p]));
    expect(now.has(a) && now.has(b)).toBe(true);
    expect(h.demo.state.permissionsOf(h.cp)).toHaveLength(139);

    const s = h.state();
    expect(s.screen).toBe('table');
    expect(s.flash).toEqual({
      tone: 'warning',
      text: 'Shared with 2 of 6 projects; see the list for the rest · u undoes',
      end: ' · u undoes',
    });
    expect(s.dialog?.kind).toBe('outcomes');
    if (s.dialog?.kind !== 'outcomes') throw new Error('no outcomes');
    expect(s.dialog.title).toBe('Share: 2 of 6 projects gained access');
    expect(s.dialog.outcomes.map((o) => [o.projectId, o.ok])).toEqual([
      [a, true],
      [b, true],
      [taken, false],
      [archived, false],
      ['bogus', false],
      ['proj_notInThisOrg123', false],
    ]);
    expect(s.dialog.outcomes[0]?.permissionId).toBe(now.get(a)?.id);
    expect(s.dialog.outcomes[1]?.permissionId).toBe(now.get(b)?.id);
    // The new permissions are the newest: page 1 now starts with them.
    expect(shown(h)).toEqual(serverPage(h, 1));
    expect(shown(h).slice(0, 2).sort()).toEqual([now.get(a)!.id, now.get(b)!.id].sort());
  });

  it('a second confirmation while the share is still running sends nothing', async () => {
    const h = await harness();
    await openAndSettle(h);
    h.state().openShare();
    await waitFor(() => h.state().access.status === 'ready', 'the access list');
    const { free } = pick(h);
    const mark = h.demo.requests.length;
    h.demo.setLatency(150);
    h.state().reviewShare(free);
    const first = h.state().confirmShare();
    expect(h.state().busy).toBe('share');
    // The review cannot even be opened again while the first share runs.
    h.state().reviewShare(free);
    expect(h.state().dialog).toBeNull();
    h.state().openDialog({ kind: 'share-confirm', projectIds: free, skipped: [] });
    await h.state().confirmShare();
    await first;
    expect(h.since(mark, 'POST')).toBe(1);
    expect(h.state().flash).toEqual({ tone: 'success', text: 'Shared with 2 projects · u undoes', end: ' · u undoes' });
  });

  it('a clean share says "Shared with 2 projects"', async () => {
    const h = await harness();
    await openAndSettle(h);
    h.state().openShare();
    await waitFor(() => h.state().access.status === 'ready', 'the access list');
    const { free } = pick(h);
    h.state().reviewShare(free);
    await h.state().confirmShare();
    expect(h.state().flash).toEqual({ tone: 'success', text: 'Shared with 2 projects · u undoes', end: ' · u undoes' });
    expect(h.state().screen).toBe('table');
    const dialog = h.state().dialog;
    expect(dialog?.kind === 'outcomes' && dialog.outcomes.every((o) => o.ok)).toBe(true);
    const live = new Set(h.newestFirst().map((p) => p.project_id));
    for (const id of free) expect(live.has(id)).toBe(true);
  });

  it('a failed create reports every project as not shared', async () => {
    const h = await harness({ maxRetries: 0 });
    await openAndSettle(h);
    h.state().openShare();
    await waitFor(() => h.state().access.status === 'ready', 'the access list');
    const { free } = pick(h);
    h.state().reviewShare(free);
    h.demo.injectFault('500', { method: 'POST' });
    await h.state().confirmShare();
    expect(h.state().flash?.tone).toBe('error');
    expect(h.state().flash?.text).toMatch(/^Not shared: 500 /);
    const dialog = h.state().dialog;
    expect(dialog?.kind === 'outcomes' && dialog.outcomes.map((o) => o.ok)).toEqual([false, false]);
    const live = new Set(h.newestFirst().map((p) => p.project_id));
    for (const id of free) expect(live.has(id)).toBe(false);
  });
});

describe('going back', () => {
  it('closes the dialog first, then share → table → clear filter → picker', async () => {
    const h = await harness();
    await openAndSettle(h);
    h.state().openShare();
    h.state().openDialog({ kind: 'help' });
    h.state().goBack();
    expect(h.state().dialog).toBeNull();
    expect(h.state().screen).toBe('share');
    h.state().goBack();
    expect(h.state().screen).toBe('table');

    const target = h.newestFirst()[20]!;
    h.state().setFilter(target.project_id);
    await waitFor(() => !h.state().loading && h.state().filter !== undefined, 'the filter');
    h.state().goBack();
    expect(h.state().screen).toBe('table');
    expect(h.state().filter).toBeUndefined();
    await waitFor(() => !h.state().loading, 'the unfiltered page');
    expect(shown(h)).toEqual(serverPage(h, 1));

    h.state().goBack();
    expect(h.state().screen).toBe('picker');
    // The picker loads the jobs.
    await waitFor(() => h.state().jobs.status === 'ready', 'the jobs');

    // Opening the same checkpoint again comes back to the same page without reading it.
    const mark = h.demo.requests.length;
    h.state().openCheckpoint(h.cp);
    expect(h.state().screen).toBe('table');
    expect(shown(h)).toEqual(serverPage(h, 1));
    await sleep(30);
    expect(h.since(mark, 'GET', h.permissionsPath())).toBe(0);
  });
});

describe('fine-tuning jobs', () => {
  it('lists each succeeded job’s model and its checkpoints', async () => {
    const h = await harness();
    h.state().loadJobs();
    await waitFor(() => h.state().jobs.status === 'ready', 'the jobs');
    const expected: string[] = [];
    for (const job of h.demo.state.jobs()) {
      if (job.status !== 'succeeded' || !job.fine_tuned_model) continue;
      expected.push(job.fine_tuned_model);
      for (const c of h.demo.state.jobCheckpoints(job.id)) expected.push(c.fine_tuned_model_checkpoint);
    }
    const entries = h.state().jobs.entries;
    expect(entries.map((e) => e.id)).toEqual(expected);
    expect(entries.filter((e) => e.kind === 'model')).toHaveLength(3);
    const step = entries.find((e) => e.kind === 'checkpoint')!;
    const truth = h.demo.state.jobCheckpoints(step.jobId).find((c) => c.fine_tuned_model_checkpoint === step.id)!;
    expect(step).toMatchObject({ step: truth.step_number, trainLoss: truth.metrics.train_loss, createdAt: truth.created_at });
    // Every listed checkpoint can be opened.
    for (const e of entries) expect(h.demo.state.hasCheckpoint(e.id)).toBe(true);
  });

  it('without an API key the jobs are unavailable and nothing is asked', async () => {
    const h = await harness({ withoutApiKey: true });
    expect(h.state().jobs.status).toBe('unavailable');
    const mark = h.demo.requests.length;
    await h.state().loadJobs();
    expect(h.state().jobs).toEqual({ status: 'unavailable', entries: [] });
    expect(h.since(mark)).toBe(0);
  });
});

describe('the flash line tells the news', () => {
  it('an outcome gives way to the next action; a cancelled revoke says nothing changed', async () => {
    const h = await harness({ pageSize: 100 });
    await openAndSettle(h);
    h.state().nextPage();
    h.state().nextPage();
    await waitFor(
      () => h.state().flash?.text === 'This is the last page' || h.state().page?.pageNumber === 2,
      'page 2 or the last-page note',
    );
    h.state().firstPage();
    expect(h.state().flash).toBeNull();
    h.state().askRevoke();
    h.state().closeDialog();
    expect(h.state().flash?.text).toBe('Not revoked: nothing was changed');
    expect(h.state().dialog).toBeNull();
  });

  it('a retry notice ends with its request, also for the fine-tuning jobs', async () => {
    const h = await harness({ maxRetries: 1 });
    h.demo.injectFault('503', { retryAfter: '1' });
    const loading = h.state().loadJobs();
    await waitFor(() => h.state().flash?.text.includes('retrying in 1 s') === true, 'the retry notice');
    await loading;
    expect(h.state().jobs.status).toBe('ready');
    expect(h.state().flash).toBeNull();
  });

  it('o pressed twice while the first toggle loads ends where it started: newest first', async () => {
    const h = await harness();
    await openAndSettle(h);
    h.demo.setLatency(150);
    h.state().toggleOrder();
    h.state().toggleOrder();
    await waitFor(() => !h.state().loading, 'the loads');
    expect(h.state().order).toBe('descending');
    expect(shown(h)).toEqual(serverPage(h, 1));
  });

  it('a share that gains nothing stays on the share screen with the outcome, so trying again is one key away', async () => {
    const h = await harness({ maxRetries: 0 });
    await openAndSettle(h);
    h.state().openShare();
    await waitFor(() => h.state().access.status === 'ready' && h.state().directory.status === 'ready', 'access and directory');
    const free = h.state().directory.active.find((p) => !h.state().access.projectIds[p.id])!;
    h.state().reviewShare([free.id]);
    h.demo.injectFault('500', { method: 'POST' });
    await h.state().confirmShare();
    expect(h.state().screen).toBe('share');
    expect(h.state().dialog).toMatchObject({ kind: 'outcomes', outcomes: [{ projectId: free.id, ok: false }] });
    expect(h.state().flash?.text).toMatch(/^Not shared: /);
    expect(h.demo.state.permissionsOf(h.cp).some((p) => p.project_id === free.id)).toBe(false);
  });
});

describe('a running revoke keeps the user on its table', () => {
  it('Esc, the picker and another checkpoint wait for it, so its outcomes are seen and undo stays on this checkpoint', async () => {
    const h = await harness({ maxRetries: 0 });
    await openAndSettle(h);
    const targets = h.state().page!.rows.slice(0, 3);
    for (let i = 0; i < 3; i++) h.state().toggleMark();
    h.demo.setLatency(150);
    h.demo.injectFault('500', { method: 'DELETE' });
    h.state().askRevoke();
    const running = h.state().confirmRevoke();
    h.state().goBack();
    h.state().showPicker();
    h.state().openCheckpoint(h.demo.checkpoints[1]!);
    expect(h.state().screen).toBe('table');
    expect(h.state().checkpoint).toBe(h.cp);
    expect(h.state().flash?.text).toMatch(/^Wait for the running revoke/);
    await running;
    expect(h.state().dialog).toMatchObject({ kind: 'outcomes' });
    expect((h.state().dialog as { outcomes: unknown[] }).outcomes).toHaveLength(3);
    expect(
      h
        .state()
        .undoSteps.at(-1)!
        .permissions.every((p) => targets.some((t) => t.id === p.id)),
    ).toBe(true);
  });

  it('o, Esc, back, o: the order toggles from what is shown, not from a load that was dropped', async () => {
    const h = await harness();
    await openAndSettle(h);
    h.demo.setLatency(150);
    h.state().toggleOrder();
    h.state().showPicker();
    h.demo.setLatency(0);
    h.state().openCheckpoint(h.cp);
    await waitFor(() => !h.state().loading && h.state().screen === 'table', 'the table again');
    h.state().toggleOrder();
    await waitFor(() => !h.state().loading && h.state().order === 'ascending', 'oldest first');
    expect(shown(h)).toEqual(serverPage(h, 1, 'ascending'));
  });
});
