// A large organization far away (10,000 projects, latency on every answer): rows never wait for names, the next page is
// read ahead (one page, never more), and the share screen works before the directory is complete.
import { afterEach, describe, expect, it } from 'vitest';
import type { DemoRequestRecord } from '../../src/demo/server';
import { archiveProject } from '../helpers/demo-data';
import { closeAll, harness, type Harness } from '../helpers/harness';
import { waitFor } from '../helpers/wait';

afterEach(closeAll);

const LARGE = { projects: 10_000, latencyMs: 150 };

/** The store as a user has it: reading ahead, against a large organization with latency. */
const large = (options: { latencyMs?: number; maxRetries?: number } = {}) =>
  harness({ demo: { ...LARGE, latencyMs: options.latencyMs ?? LARGE.latencyMs }, readAhead: true, maxRetries: options.maxRetries });

/** The permission-list requests of the table's checkpoint (no project filter): the pages. */
const pageRequests = (h: Harness, from = 0): DemoRequestRecord[] =>
  h.demo.requests.slice(from).filter((r) => r.method === 'GET' && r.path === h.permissionsPath() && r.query.project_id === undefined);
const lookups = (h: Harness, from = 0) => h.demo.requests.slice(from).filter((r) => /^\/v1\/organization\/projects\/./.test(r.path));
const pageShown = (h: Harness, n: number) => h.state().page?.pageNumber === n && !h.state().loading;

/** Waits until the page after the one shown has been read ahead (its request answered). */
async function readAhead(h: Harness): Promise<DemoRequestRecord> {
  const last = h.state().page!.rows.at(-1)!.id;
  let found: DemoRequestRecord | undefined;
  await waitFor(() => {
    found = pageRequests(h).find((r) => r.query.after === last && r.status === 200);
    return found !== undefined;
  }, 'the next page read ahead');
  // Its answer has reached the store once the client has read it: a moment after the server sent it.
  await new Promise((resolve) => setTimeout(resolve, 50));
  return found!;
}

describe('names without the directory', () => {
  it('shows rows before the directory completes, and fills in their names by looking each project up', async () => {
    const h = await large();
    h.state().openCheckpoint(h.cp);
    await waitFor(() => pageShown(h, 1), 'page 1');
    const rows = h.state().page!.rows;
    expect(h.state().directory.status).toBe('loading');
    // Names arrive while the directory still loads (100 pages of 100, one after another).
    await waitFor(() => rows.every((row) => h.state().directory.byId[row.project_id]), 'every row named');
    expect(h.state().directory.status).toBe('loading');
    const names = h.demo.state.projects();
    for (const row of rows) expect(h.state().directory.byId[row.project_id]?.name).toBe(names.find((p) => p.id === row.project_id)?.name);
    const looked = lookups(h).map((r) => r.path.split('/').at(-1));
    expect(looked.length).toBeGreaterThan(0);
    expect(looked.every((id) => rows.some((row) => row.project_id === id))).toBe(true);
    expect(new Set(looked).size).toBe(looked.length);
  });

  it('marks an archived project, and one the API does not know, and keeps loading the directory behind', async () => {
    const h = await large();
    h.state().openCheckpoint(h.cp);
    await waitFor(() => pageShown(h, 1), 'page 1');
    await waitFor(() => h.state().page!.rows.every((row) => h.state().directory.byId[row.project_id]), 'names');
    // Page 2's projects: one archived since, one gone from the organization.
    h.state().nextPage();
    const second = h.demo.state.permissionsOf(h.cp).reverse().slice(10, 20);
    const [archived, gone] = [second[0]!.project_id, second[1]!.project_id];
    archiveProject(h.demo, archived);
    (h.demo.state as unknown as { projectIndex: Map<string, number> }).projectIndex.delete(gone);
    // Page 2 may already have been read ahead: going there again after the names' lookups would find nothing new.
    await waitFor(() => pageShown(h, 2), 'page 2');
    await waitFor(() => h.state().directory.unknown?.[gone] === true, 'the unknown project');
    await waitFor(() => h.state().directory.byId[archived] !== undefined, 'the archived project');
    expect(h.state().directory.byId[archived]?.archived).toBe(true);
    expect(h.state().directory.status).toBe('loading');
    await waitFor(() => h.demo.requests.filter((r) => r.path === '/v1/organization/projects').length > 1, 'more of the directory');
  });
});

describe('a screenful of lookups', () => {
  it('raises no warning of too many listeners (it would print under the UI)', async () => {
    const warnings: string[] = [];
    const listen = (warning: Error) => warnings.push(warning.name);
    process.on('warning', listen);
    try {
      const h = await harness({ demo: LARGE, readAhead: true, pageSize: 24 });
      h.state().openCheckpoint(h.cp);
      await waitFor(() => pageShown(h, 1), 'page 1');
      await waitFor(() => h.state().page!.rows.every((row) => h.state().directory.byId[row.project_id]), 'every row named');
      expect(lookups(h).length).toBeGreaterThan(10);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(warnings).toEqual([]);
    } finally {
      process.off('warning', listen);
    }
  });
});

describe('the next page, read ahead', () => {
  it('is there at the key press after a pause: no request then, and one more page read ahead', async () => {
    const h = await large();
    h.state().openCheckpoint(h.cp);
    await waitFor(() => pageShown(h, 1), 'page 1');
    await readAhead(h);
    const mark = h.demo.requests.length;
    h.state().nextPage();
    // At once: the key press itself asked nothing.
    expect(pageShown(h, 2)).toBe(true);
    expect(h.state().page!.rows.map((r) => r.id)).toEqual(
      h
        .newestFirst()
        .slice(10, 20)
        .map((p) => p.id),
    );
    expect(pageRequests(h, mark)).toHaveLength(0);
    // Then page 3 is read ahead, and only that.
    await waitFor(() => pageRequests(h, mark).length === 1, 'page 3 read ahead');
    expect(pageRequests(h, mark)[0]!.query.after).toBe(h.state().page!.rows.at(-1)!.id);
  });

  it('never runs more than one page ahead (the demo log counts the pages asked for)', async () => {
    const h = await large({ latencyMs: 50 });
    h.state().openCheckpoint(h.cp);
    const all = h.newestFirst();
    const pageOf = (r: DemoRequestRecord) =>
      r.query.after === undefined ? 1 : (all.findIndex((p) => p.id === r.query.after) + 1) / 10 + 1;
    for (let n = 1; n <= 5; n++) {
      if (n > 1) h.state().nextPage();
      await waitFor(() => pageShown(h, n), `page ${n}`);
      await readAhead(h);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const asked = pageRequests(h).map(pageOf);
      expect(Math.max(...asked)).toBe(n + 1);
      // Each page asked once: prefetch adds at most one request per page shown.
      expect(asked).toEqual(Array.from({ length: n + 1 }, (_, i) => i + 1));
    }
    // Going back is served from memory, and reads nothing ahead that is not already there.
    const mark = h.demo.requests.length;
    h.state().previousPage();
    h.state().previousPage();
    await waitFor(() => pageShown(h, 3), 'page 3');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(pageRequests(h, mark)).toHaveLength(0);
  });

  it('a key for the page still being read ahead waits for that request instead of sending another', async () => {
    const h = await large({ latencyMs: 400 });
    h.state().openCheckpoint(h.cp);
    await waitFor(() => pageShown(h, 1), 'page 1', 10_000);
    const mark = h.demo.requests.length;
    h.state().nextPage();
    expect(h.state().loading).toBe(true);
    await waitFor(() => pageShown(h, 2), 'page 2', 10_000);
    const last = h.state().page!.rows.at(-1)!.id;
    const forPage2 = pageRequests(h).filter((r) => r.query.after === h.newestFirst()[9]!.id);
    expect(forPage2).toHaveLength(1);
    // Nothing but page 2 (read ahead) and page 3 (read ahead once page 2 is shown).
    expect(pageRequests(h).every((r) => [undefined, h.newestFirst()[9]!.id, last].includes(r.query.after))).toBe(true);
    expect(pageRequests(h, mark).length).toBeLessThanOrEqual(2);
  });

  it('is dropped when the user goes elsewhere', async () => {
    const h = await large({ latencyMs: 400 });
    h.state().openCheckpoint(h.cp);
    await waitFor(() => pageShown(h, 1), 'page 1', 10_000);
    await readAhead(h);
    h.state().nextPage();
    expect(pageShown(h, 2)).toBe(true);
    // Page 3 is being read ahead; back to page 1 drops it.
    await waitFor(() => pageRequests(h).length === 3, 'page 3 asked for');
    h.state().previousPage();
    expect(pageShown(h, 1)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 600));
    const page3 = pageRequests(h)[2]!;
    expect(page3.status).toBeUndefined();
    expect(pageRequests(h)).toHaveLength(3);
  });

  it('absorbs a 429: it backs off, retries, and the page is there without an error', async () => {
    const h = await large({ latencyMs: 100, maxRetries: 2 });
    const errors: string[] = [];
    h.store.subscribe((s) => {
      if (s.flash?.tone === 'error') errors.push(s.flash.text);
    });
    h.state().openCheckpoint(h.cp);
    await waitFor(() => pageRequests(h).length === 1, 'page 1 asked for');
    // The next request for the checkpoint's permissions is the read ahead of page 2.
    h.demo.injectFault('429', { method: 'GET', path: '/fine_tuning/checkpoints', retryAfterMs: '300' });
    await waitFor(() => pageShown(h, 1), 'page 1');
    const ahead = await readAhead(h);
    const asked = pageRequests(h).filter((r) => r.query.after === ahead.query.after);
    expect(asked.map((r) => r.status)).toEqual([429, 200]);
    const mark = h.demo.requests.length;
    h.state().nextPage();
    expect(pageShown(h, 2)).toBe(true);
    expect(pageRequests(h, mark).filter((r) => r.query.after === ahead.query.after)).toHaveLength(0);
    expect(errors).toEqual([]);
    expect(h.state().flash?.tone).not.toBe('error');
  });
});

describe('share at once', () => {
  it('lists what has loaded, says how far, reviews pasted ids, and checks a pick at once with the project_id filter', async () => {
    const h = await harness({ demo: { projects: 10_000, permissions: 3_000, latencyMs: 150 }, readAhead: true });
    h.state().openCheckpoint(h.cp);
    await waitFor(() => pageShown(h, 1), 'page 1');
    h.state().openShare();
    await waitFor(() => h.state().directory.active.length > 100, 'projects so far');
    expect(h.state().directory.status).toBe('loading');
    expect(h.state().directory.loaded).toBeGreaterThan(0);
    expect(h.state().access.status).toBe('loading');

    // A project with access the walk (30 pages) has not reached: asked alone, at once.
    const holder = h.demo.state.permissionsOf(h.cp)[0]!.project_id;
    expect(h.state().access.projectIds[holder]).toBeUndefined();
    const mark = h.demo.requests.length;
    await h.state().checkProjectAccess(holder);
    expect(h.state().access.projectIds[holder]).toBe(true);
    const filtered = h.demo.requests.slice(mark).filter((r) => r.query.project_id === holder);
    expect(filtered).toHaveLength(1);
    expect(h.state().access.status).toBe('loading');

    // Enter before the directory is complete: a pasted id is reviewed, the one with access skipped.
    const fresh = h.demo.state
      .projects()
      .find((p) => p.status === 'active' && !h.demo.state.permissionsOf(h.cp).some((q) => q.project_id === p.id))!;
    h.state().reviewShare([fresh.id, holder]);
    const dialog = h.state().dialog;
    expect(dialog?.kind).toBe('share-confirm');
    expect(dialog?.kind === 'share-confirm' && dialog.projectIds).toEqual([fresh.id]);
    expect(dialog?.kind === 'share-confirm' && dialog.skipped.map((s) => s.reason)).toEqual(['already has access']);
    expect(h.state().directory.status).toBe('loading');
  });
});
