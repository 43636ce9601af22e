// The whole project directory read in segments cut at a cache's ids, against the demo API over loopback: exactly the
// one-way walk's projects in its order whatever the cache says (matching, older, with deleted or foreign ids, empty),
// the requests counted in the demo's log, the segments asked at once (held by a proxy until all are in).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from '../../src/api/client';
import { MaxPagesError } from '../../src/api/errors';
import { startDemoServer, type DemoServer } from '../../src/demo/server';
import { readDirectory, type DirectoryStore, type ProjectInfo } from '../../src/ops/directory';
import { cutsOf } from '../../src/ops/directory-segments';
import { failingProxy } from '../helpers/proxy';
import { waitFor } from '../helpers/wait';
import { apiError, json, scriptedServer, type ScriptedServer } from '../reliability/support';

/** A cache as the file gives it: `ids` in its order; what a walk saved, kept. */
function memoryCache(ids: readonly string[]): DirectoryStore & { saved?: readonly ProjectInfo[] } {
  const cache: DirectoryStore & { saved?: readonly ProjectInfo[] } = {
    load: () => ({ projects: ids.map((id) => ({ id })) }),
    save: (projects) => void (cache.saved = projects),
  };
  return cache;
}

/** Ids no project has: projects deleted since the cache was written, or another organization's. */
const gone = (count: number, tag = 'g') => Array.from({ length: count }, (_, i) => `proj_${tag}${String(i).padStart(23, '0')}`);

/** The cache's ids with deleted ones among them, one of them the last cut (the others then fall inside pages). */
function withDeleted(ids: readonly string[]): string[] {
  const out = [...ids.slice(0, ids.length >> 3), ...gone(5, 'd'), ...ids.slice(ids.length >> 3), ...gone(1, 'c')];
  const cut = cutsOf(out).at(-1);
  if (cut === undefined) return out;
  out.pop();
  out.splice(out.indexOf(cut), 0, ...gone(1, 'c'));
  expect(cutsOf(out).at(-1)).toBe(gone(1, 'c')[0]);
  return out;
}

const projectLists = (demo: DemoServer, from: number) => demo.requests.slice(from).filter((r) => r.path === '/v1/organization/projects');

describe.each([99, 100, 101, 250, 10_000])('a directory of %i projects', (size) => {
  let demo: DemoServer;
  let client: Client;
  let oneWay: string[];
  let ids: string[];

  beforeAll(async () => {
    demo = await startDemoServer({ permissions: 0, projects: size });
    client = createClient({ baseURL: demo.baseUrl, adminApiKey: demo.adminKey, maxRetries: 0 });
    oneWay = [...(await readDirectory(client)).keys()];
    ids = demo.state.projects().map((p) => p.id);
  });

  afterAll(async () => {
    await client.close();
    await demo.close();
  });

  const caches: [string, () => string[]][] = [
    ['that matches', () => ids],
    ['from before the last projects were added', () => ids.slice(0, Math.max(0, ids.length - 130))],
    ['with projects deleted since, one a cut', () => withDeleted(ids)],
    ['of deleted projects only (every cut refused)', () => gone(ids.length + 300)],
    ['in another order (cuts never met)', () => [...ids].reverse()],
    ['that is empty', () => []],
  ];

  it.for(caches)('with a cache %s: the one-way walk, project for project, and the cache written whole', async ([, cached]) => {
    expect(oneWay).toEqual(ids);
    const cache = memoryCache(cached());
    const from = demo.requests.length;
    const read = await readDirectory(client, { cache });
    expect([...read.keys()]).toEqual(oneWay);
    expect(cache.saved?.map((p) => p.id)).toEqual(oneWay);
    // Every request answered before the read returned: nothing left behind.
    expect(projectLists(demo, from).every((r) => r.status !== undefined)).toBe(true);
  });
});

describe('10,000 projects with a cache that matches', () => {
  let demo: DemoServer;
  beforeAll(async () => {
    demo = await startDemoServer({ permissions: 0, projects: 10_000 });
  });
  afterAll(async () => demo.close());

  it("takes no more requests than one way, the segments' first ones after the cut ids", async () => {
    const client = createClient({ baseURL: demo.baseUrl, adminApiKey: demo.adminKey, maxRetries: 0 });
    try {
      const ids = demo.state.projects().map((p) => p.id);
      const cuts = cutsOf(ids);
      expect(cuts).toEqual([ids[2_499], ids[4_999], ids[7_499]]);
      const from = demo.requests.length;
      await readDirectory(client, { cache: memoryCache(ids) });
      const asked = projectLists(demo, from);
      expect(asked.length).toBeLessThanOrEqual(101);
      expect(asked.map((r) => r.query.after).filter((after) => cuts.includes(after ?? ''))).toEqual(expect.arrayContaining(cuts));
    } finally {
      await client.close();
    }
  });

  it('asks the four segments at once: each first request sent before any is answered', async () => {
    const proxy = await failingProxy(demo.baseUrl, undefined, 503, { hold: (path) => path === '/organization/projects' });
    const client = createClient({ baseURL: proxy.url, adminApiKey: demo.adminKey, maxRetries: 0 });
    try {
      const ids = demo.state.projects().map((p) => p.id);
      const reading = readDirectory(client, { cache: memoryCache(ids) });
      // Held unanswered: a read that waited for one answer before the next request would never ask four.
      await waitFor(() => proxy.requests.length >= 4, 'four project list requests in flight');
      expect(proxy.requests.filter((r) => r.includes('after=')).map((r) => new URLSearchParams(r.split('?')[1]).get('after'))).toEqual(
        expect.arrayContaining(cutsOf(ids)),
      );
      proxy.release();
      expect([...(await reading).keys()]).toEqual(ids);
    } finally {
      await client.close();
      await proxy.close();
    }
  });
});

/**
 * A list of `size` projects paged as the API does, but its cursors are only the ends of its pages from the start: any
 * other (a project id inside a page, one it does not know) is answered as `unknownAfter` says.
 */
function listServer(size: number, unknownAfter: '400' | '404' | 'from the start' | 'empty'): Promise<ScriptedServer> {
  const ids = Array.from({ length: size }, (_, i) => `proj_${String(i).padStart(24, '0')}`);
  return scriptedServer((req, res) => {
    const query = new URL(req.url, 'http://x').searchParams;
    const after = query.get('after');
    let start = after === null ? 0 : ids.indexOf(after) + 1;
    if (after !== null && (start === 0 || start % 100 !== 0)) {
      if (unknownAfter === '400' || unknownAfter === '404')
        return apiError(res, Number(unknownAfter), `No project found with id '${after}'.`);
      start = unknownAfter === 'empty' ? size : 0;
    }
    const data = ids
      .slice(start, start + 100)
      .map((id) => ({ object: 'organization.project', id, name: id, created_at: 1, status: 'active' }));
    json(res, { object: 'list', data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more: start + 100 < size });
  });
}

describe.each(['400', '404', 'from the start', 'empty'] as const)('a server that answers a cursor it does not know %s', (unknownAfter) => {
  it.for([0, 1, 450])('a directory of %i projects with a cache of deleted ids: the one-way walk', async (size) => {
    const server = await listServer(size, unknownAfter);
    const client = createClient({ baseURL: server.baseUrl, adminApiKey: 'sk-admin-test-aaaaaaaaaaaaaaaaaaaa', maxRetries: 0 });
    try {
      const expected = Array.from({ length: size }, (_, i) => `proj_${String(i).padStart(24, '0')}`);
      expect([...(await readDirectory(client)).keys()]).toEqual(expected);
      expect([...(await readDirectory(client, { cache: memoryCache(gone(1_000)) })).keys()]).toEqual(expected);
      expect([...(await readDirectory(client, { cache: memoryCache(withDeleted(expected)) })).keys()]).toEqual(expected);
    } finally {
      await client.close();
      await server.close();
    }
  });
});

describe('a server that says has_more for ever', () => {
  it("stops every segment at the client's ceiling: MaxPagesError, as one way", async () => {
    let made = 0;
    const server = await scriptedServer((_, res) => {
      const data = Array.from({ length: 100 }, () => ({
        object: 'organization.project',
        id: `proj_${String(made++).padStart(24, '0')}`,
        name: 'x',
        created_at: 1,
        status: 'active',
      }));
      json(res, { object: 'list', data, first_id: data[0]!.id, last_id: data.at(-1)!.id, has_more: true });
    });
    const client = createClient({ baseURL: server.baseUrl, adminApiKey: 'sk-admin-test-aaaaaaaaaaaaaaaaaaaa', maxRetries: 0, maxPages: 5 });
    try {
      await expect(readDirectory(client, { cache: memoryCache(gone(1_000)) })).rejects.toThrow(MaxPagesError);
      // Four segments, each a walk of at most five pages.
      expect(server.requests.length).toBeLessThanOrEqual(20);
    } finally {
      await client.close();
      await server.close();
    }
  });
});
