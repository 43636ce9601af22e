// The directory cache written as the directory loads, and resumed (issue 27 item 1): a walk cut short leaves the
// projects it read and its cursor; the next start shows them at once, walks on after the cursor, then reads the start
// again up to it. Counted in the demo's request log; no timings.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { directoryCacheFile, fileDirectoryCache } from '../../src/ops/directory-cache';
import { attachDirectoryCache } from '../../src/store/directory-cache';
import { MARK_EVERY_PAGES } from '../../src/store/directory-walk';
import { organizationScope } from '../../src/store/scope';
import { renameProject } from '../helpers/demo-data';
import { closeAll, harness, type Harness } from '../helpers/harness';
import { waitFor } from '../helpers/wait';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ckpt-perms-resume-'));
});
afterEach(async () => {
  await closeAll();
  rmSync(dir, { recursive: true, force: true });
});

const env = () => ({ XDG_CACHE_HOME: join(dir, 'cache'), HOME: join(dir, 'home') });
// The demo's seed is the same in every run: one scope stands for "the same organization, next start".
const SCOPE = organizationScope('https://api.example.test/v1', 'org-resume', 'sk-admin-resume');
const cacheOf = (scope = SCOPE) => fileDirectoryCache(directoryCacheFile(env(), scope), scope);
const projectQueries = (h: Harness) =>
  h.demo.requests.filter((r) => r.method === 'GET' && r.path === '/v1/organization/projects').map((r) => r.query);
const fileOf = (scope = SCOPE) =>
  JSON.parse(readFileSync(directoryCacheFile(env(), scope), 'utf8')) as { cursor: unknown; projects: unknown[] };
const PROJECTS = 10_000;

/** A first run against 10,000 projects, left part-way once the cache holds at least `pages` pages and a cursor. */
async function firstRunCutShort(pages = 2 * MARK_EVERY_PAGES) {
  const h = await harness({ demo: { projects: PROJECTS, latencyMs: 20 } });
  const detach = attachDirectoryCache(h.store, cacheOf());
  h.state().openCheckpoint(h.cp);
  await waitFor(() => (cacheOf().load()?.projects.length ?? 0) >= pages * 100, 'the cache written while the directory loads');
  // Written while loading: the walk has not ended, nor has the run.
  expect(h.state().directory.status).toBe('loading');
  const cached = cacheOf().load()!;
  detach();
  await h.close();
  return { h, cached };
}

describe('the directory cache, written as the directory loads and resumed', () => {
  it('holds the projects read so far and the cursor the walk stopped at, and no key', async () => {
    const { h, cached } = await firstRunCutShort();
    const all = h.demo.state.projects();
    const read = cached.projects.length;
    expect(read).toBeLessThan(PROJECTS);
    // The projects of the pages read, in the API's order, and the last one read is the cursor.
    expect(cached.projects).toEqual(all.slice(0, read).map((p) => ({ id: p.id, name: p.name, archived: p.status === 'archived' })));
    expect(cached.cursor).toBe(all[read - 1]!.id);
    const text = readFileSync(directoryCacheFile(env(), SCOPE), 'utf8');
    for (const secret of [h.demo.adminKey, h.demo.apiKey]) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/sk-/);
  });

  it('the next start shows them at once and its first projects request is after the cursor; then the start up to it', async () => {
    const { cached } = await firstRunCutShort();
    const cursor = cached.cursor!;
    const second = await harness({ demo: { projects: PROJECTS } });
    const all = second.demo.state.projects();
    const at = all.findIndex((p) => p.id === cursor);
    // Renamed since: one the resumed walk reads, one only the refresh from the start reads.
    renameProject(second.demo, all[at + 1]!.id, 'Renamed After The Cursor');
    renameProject(second.demo, all[0]!.id, 'Renamed Before The Cursor');

    attachDirectoryCache(second.store, cacheOf());
    expect(projectQueries(second)).toEqual([]);
    expect(Object.keys(second.state().directory.byId)).toHaveLength(cached.projects.length);
    expect(second.state().directory.byId[all[0]!.id]?.name).toBe(cached.projects[0]!.name);

    second.state().openCheckpoint(second.cp);
    await waitFor(() => second.state().directory.status === 'ready', 'the whole directory', 60_000);
    const asked = projectQueries(second);
    expect(asked[0]).toEqual({ include_archived: 'true', after: cursor, limit: '100' });
    // From the cursor to the end, then from the start to the page that holds the cursor: one walk's pages, and one more
    // only when the cursor ends a page of the second walk.
    expect(asked.length).toBeGreaterThanOrEqual(PROJECTS / 100);
    expect(asked.length).toBeLessThanOrEqual(PROJECTS / 100 + 1);
    expect(asked.slice(1).filter((q) => q.after === undefined)).toHaveLength(1);
    const { byId } = second.state().directory;
    expect(Object.keys(byId)).toHaveLength(PROJECTS);
    expect(byId[all[at + 1]!.id]?.name).toBe('Renamed After The Cursor');
    expect(byId[all[0]!.id]?.name).toBe('Renamed Before The Cursor');
    // Written whole for the start after: no cursor.
    await waitFor(() => fileOf().cursor === null && fileOf().projects.length === PROJECTS, 'the whole directory written');
  });

  it('the resumed walk writes its progress as it goes: the cursor moves on, the cached projects stay', async () => {
    const { cached } = await firstRunCutShort(MARK_EVERY_PAGES);
    const second = await harness({ demo: { projects: PROJECTS, latencyMs: 20 } });
    attachDirectoryCache(second.store, cacheOf());
    expect(second.state().directory).toMatchObject({ cached: true, resumeAfter: cached.cursor });
    second.state().openCheckpoint(second.cp);
    // Each mark of the resumed walk writes its progress: the cursor moves on, the cached projects stay.
    await waitFor(() => cacheOf().load()?.cursor !== cached.cursor, 'the resumed walk marking its progress');
    const progress = cacheOf().load()!;
    expect(progress.projects.length).toBeGreaterThan(cached.projects.length);
    expect(progress.cursor).toBe(second.demo.state.projects()[progress.projects.length - 1]!.id);
    await waitFor(() => second.state().directory.status === 'ready', 'the whole directory', 60_000);
  });

  it('a cursor the API refuses starts the walk over from the start, with no error shown', async () => {
    const h = await harness({ demo: { projects: 500 } });
    const all = h.demo.state.projects();
    const gone = 'proj_GoneGoneGoneGoneGoneGone';
    fileDirectoryCache(directoryCacheFile(env(), SCOPE), SCOPE).save(
      all.slice(0, 100).map((p) => ({ id: p.id, name: p.name ?? '', archived: false })),
      gone,
    );
    attachDirectoryCache(h.store, cacheOf());
    expect(h.state().directory.resumeAfter).toBe(gone);
    h.state().openCheckpoint(h.cp);
    await waitFor(() => h.state().directory.status === 'ready', 'the whole directory');
    const asked = projectQueries(h);
    expect(asked[0]).toEqual({ include_archived: 'true', after: gone, limit: '100' });
    expect(asked[1]).toEqual({ include_archived: 'true', limit: '100' });
    expect(asked).toHaveLength(1 + 5);
    expect(Object.keys(h.state().directory.byId)).toHaveLength(500);
    expect(h.state().directory.error).toBeUndefined();
    expect(h.state().flash).toBeNull();
    await waitFor(() => fileOf().cursor === null && fileOf().projects.length === 500, 'the whole directory written');
  });

  it('a cache from another base URL is not used, even copied to this one’s name', async () => {
    const { cached } = await firstRunCutShort(MARK_EVERY_PAGES);
    const other = organizationScope('https://elsewhere.example.test/v1', 'org-resume', 'sk-admin-resume');
    expect(cacheOf(other).load()).toBeUndefined();
    mkdirSync(dirname(directoryCacheFile(env(), other)), { recursive: true });
    writeFileSync(directoryCacheFile(env(), other), readFileSync(directoryCacheFile(env(), SCOPE)));
    expect(cacheOf(other).load()).toBeUndefined();
    const h = await harness({ demo: { projects: PROJECTS } });
    attachDirectoryCache(h.store, cacheOf(other));
    expect(Object.keys(h.state().directory.byId)).toHaveLength(0);
    h.state().openCheckpoint(h.cp);
    await waitFor(() => projectQueries(h).length > 0, 'the first projects request');
    expect(projectQueries(h)[0]).toEqual({ include_archived: 'true', limit: '100' });
    expect(cached.cursor).toBeDefined();
  });
});
