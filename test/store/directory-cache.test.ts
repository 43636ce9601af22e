// The project directory kept between runs: per base URL and organization, private, whole, never a key, only ever shown.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheDir, directoryCacheFile, fileDirectoryCache } from '../../src/ops/directory-cache';
import { attachDirectoryCache } from '../../src/store/directory-cache';
import { organizationScope } from '../../src/store/scope';
import { renameProject } from '../helpers/demo-data';
import { closeAll, harness, openAndSettle, type Harness } from '../helpers/harness';
import { waitFor } from '../helpers/wait';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ckpt-perms-cache-'));
});

afterEach(async () => {
  await closeAll();
  rmSync(dir, { recursive: true, force: true });
});

const env = () => ({ XDG_CACHE_HOME: join(dir, 'cache'), HOME: join(dir, 'home') });
const scopeFor = (h: Harness) => organizationScope(h.demo.baseUrl, undefined, h.demo.adminKey);
const cacheFor = (h: Harness, scope = scopeFor(h)) => fileDirectoryCache(directoryCacheFile(env(), scope), scope);
const projectRequests = (h: Harness, mark: number) => h.since(mark, 'GET', '/v1/organization/projects');

describe('directory cache', () => {
  it('lives in $XDG_CACHE_HOME/ckpt-perms, else ~/.cache/ckpt-perms, one file per organization', () => {
    expect(cacheDir({ XDG_CACHE_HOME: '/x/cache', HOME: '/home/u' })).toBe('/x/cache/ckpt-perms');
    expect(cacheDir({ XDG_CACHE_HOME: ' ', HOME: '/home/u' })).toBe('/home/u/.cache/ckpt-perms');
    const a = organizationScope('https://api.openai.com/v1', 'org-a', 'sk-admin-k');
    const b = organizationScope('https://api.openai.com/v1', 'org-b', 'sk-admin-k');
    expect(directoryCacheFile(env(), a)).not.toBe(directoryCacheFile(env(), b));
    expect(directoryCacheFile(env(), a)).toBe(join(dir, 'cache', 'ckpt-perms', `projects-${a}.json`));
  });

  it('is written privately once the directory is read, with ids, names and status only, and no key', async () => {
    const h = await harness();
    const cache = cacheFor(h);
    attachDirectoryCache(h.store, cache);
    await openAndSettle(h);
    await waitFor(() => {
      try {
        return statSync(cache.file).size > 0;
      } catch {
        return false;
      }
    }, 'the cache file');
    expect(statSync(cache.file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'cache', 'ckpt-perms')).mode & 0o777).toBe(0o700);
    const text = readFileSync(cache.file, 'utf8');
    const file = JSON.parse(text);
    expect(Object.keys(file)).toEqual(['kind', 'version', 'scope', 'saved_at', 'cursor', 'projects']);
    expect(file.cursor).toBeNull();
    const projects = h.demo.state.projects();
    expect(file.projects).toEqual(projects.map((p) => [p.id, p.name, p.status]));
    for (const secret of [h.demo.adminKey, h.demo.apiKey]) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/sk-/);
    expect(text).not.toContain(h.demo.baseUrl);
  });

  it('is read on the next start: names before any project request, then refreshed in the background', async () => {
    const first = await harness();
    const scope = scopeFor(first);
    attachDirectoryCache(first.store, cacheFor(first, scope));
    await openAndSettle(first);
    await waitFor(() => cacheFor(first, scope).load() !== undefined, 'the cache file');

    // Same organization, next run: the store has every name before it has asked for one.
    const second = await harness();
    const project = second.demo.state.projects()[3]!;
    renameProject(second.demo, project.id, 'Renamed Since Last Run');
    const mark = second.demo.requests.length;
    attachDirectoryCache(second.store, cacheFor(second, scope));
    expect(projectRequests(second, mark)).toBe(0);
    expect(second.state().directory.byId[project.id]?.name).toBe(project.name);
    expect(second.state().directory.active.length).toBe(174);
    expect(second.state().directory.status).toBe('idle');

    // The API's own copy replaces it, and is written for the next run.
    await openAndSettle(second);
    expect(second.state().directory.byId[project.id]?.name).toBe('Renamed Since Last Run');
    await waitFor(
      () =>
        cacheFor(second, scope)
          .load()
          ?.projects.find((p) => p.id === project.id)?.name === 'Renamed Since Last Run',
      'the refreshed cache',
    );
  });

  it('keeps organizations apart', async () => {
    const h = await harness();
    const mine = organizationScope(h.demo.baseUrl, undefined, h.demo.adminKey);
    const theirs = organizationScope(h.demo.baseUrl, 'org-somebody-else', h.demo.adminKey);
    attachDirectoryCache(h.store, cacheFor(h, mine));
    await openAndSettle(h);
    await waitFor(() => cacheFor(h, mine).load() !== undefined, 'the cache file');
    expect(cacheFor(h, theirs).load()).toBeUndefined();
    const other = await harness();
    attachDirectoryCache(other.store, cacheFor(other, theirs));
    expect(Object.keys(other.state().directory.byId)).toHaveLength(0);
  });

  it('ignores a corrupt or foreign-looking file and replaces it (0600) after the next read', async () => {
    const h = await harness();
    const scope = scopeFor(h);
    const cache = cacheFor(h, scope);
    const good = (projects: unknown) => JSON.stringify({ kind: 'ckpt-perms project directory', version: 1, scope, projects });
    const bad = [
      '{not json',
      '',
      'null',
      '[]',
      JSON.stringify({ kind: 'something else', version: 1, scope, projects: [] }),
      JSON.stringify({ kind: 'ckpt-perms project directory', version: 2, scope, projects: [] }),
      JSON.stringify({ kind: 'ckpt-perms project directory', version: 1, scope: organizationScope('https://x', 'o', 'k'), projects: [] }),
      good('proj_a'),
      good([
        ['proj_AAAAAAAAAAAAAAAAAAAAAAAA', 'Fine', 'active'],
        ['not an id', 'x', 'active'],
      ]),
      good([['proj_AAAAAAAAAAAAAAAAAAAAAAAA', 'Fine', 'deleted']]),
      good([['proj_AAAAAAAAAAAAAAAAAAAAAAAA', 7, 'active']]),
      good([['proj_AAAAAAAAAAAAAAAAAAAAAAAA', 'sk-admin-abcdefghijklmnopqrstuvwxyz012345', 'active']]),
      good([['sk-admin-abcdefghijklmnopqrstuvwxyz012345', 'x', 'active']]),
      good([
        ['proj_AAAAAAAAAAAAAAAAAAAAAAAA', 'Twice', 'active'],
        ['proj_AAAAAAAAAAAAAAAAAAAAAAAA', 'Twice', 'active'],
      ]),
    ];
    mkdirSync(join(dir, 'cache', 'ckpt-perms'), { recursive: true });
    for (const text of bad) {
      writeFileSync(cache.file, text, { mode: 0o644 });
      expect(cache.load(), text).toBeUndefined();
    }
    // A well-formed file of this organization is read.
    writeFileSync(cache.file, good([['proj_AAAAAAAAAAAAAAAAAAAAAAAA', 'Fine', 'archived']]), { mode: 0o644 });
    expect(cache.load()).toEqual({ projects: [{ id: 'proj_AAAAAAAAAAAAAAAAAAAAAAAA', name: 'Fine', archived: true }] });

    writeFileSync(cache.file, '{not json', { mode: 0o644 });
    attachDirectoryCache(h.store, cache);
    expect(Object.keys(h.state().directory.byId)).toHaveLength(0);
    await openAndSettle(h);
    await waitFor(() => cache.load() !== undefined, 'the replaced cache');
    expect(statSync(cache.file).mode & 0o777).toBe(0o600);
    expect(cache.load()?.projects).toHaveLength(180);
  });

  it('keeps what a read cut short had loaded (leaving before 100 pages of projects were read)', async () => {
    const h = await harness({ demo: { projects: 5_000, latencyMs: 60 } });
    const cache = cacheFor(h);
    const detach = attachDirectoryCache(h.store, cache);
    h.state().openCheckpoint(h.cp);
    await waitFor(() => h.since(0, 'GET', '/v1/organization/projects') >= 4, 'a few pages of projects');
    expect(h.state().directory.status).toBe('loading');
    detach();
    const kept = cache.load()!.projects;
    expect(kept.length).toBeGreaterThanOrEqual(300);
    expect(kept.length).toBeLessThan(5_000);
    const all = new Map(h.demo.state.projects().map((p) => [p.id, p]));
    for (const p of kept) expect(all.get(p.id)?.name).toBe(p.name);
    // With the cursor to resume from: the last project read, every one before it kept.
    const walked = [...all.keys()];
    const upTo = walked.indexOf(cache.load()!.cursor!);
    expect(upTo).toBe(kept.length - 1);
    expect(kept.map((p) => p.id)).toEqual(walked.slice(0, upTo + 1));
  });

  it('a failed refresh keeps the cached names on screen', async () => {
    const first = await harness();
    const scope = scopeFor(first);
    attachDirectoryCache(first.store, cacheFor(first, scope));
    await openAndSettle(first);
    await waitFor(() => cacheFor(first, scope).load() !== undefined, 'the cache file');

    const second = await harness();
    second.demo.injectFault('500', { path: '/organization/projects', count: 5 });
    attachDirectoryCache(second.store, cacheFor(second, scope));
    const project = second.demo.state.projects()[0]!;
    second.state().openCheckpoint(second.cp);
    await waitFor(() => second.state().directory.status === 'failed', 'the failed refresh');
    expect(second.state().directory.byId[project.id]?.name).toBe(project.name);
    // And a broken refresh is not written over a good cache.
    expect(cacheFor(second, scope).load()?.projects).toHaveLength(180);
  });
});
