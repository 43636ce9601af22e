// The one walker: the ordered walk keeps the API's order, readAll keeps a set (each id once), find reads one project's
// permission, and a kept body is the page as the server wrote it. A loopback server scripts each answer.
import { beforeEach, describe, expect, it } from 'vitest';
import { bodyOf } from '../../src/api/http';
import { useScriptedApi } from '../helpers/scripted-api';

const KEY = 'sk-admin-WalkerTestKey0123456789abcdefgh';
let pages: Record<string, string>;

const permission = (id: string, project = `proj_${id}`) => ({ object: 'checkpoint.permission', id, created_at: 1, project_id: project });
const page = (ids: string[], hasMore: unknown, lastId: unknown = ids.at(-1) ?? null) =>
  JSON.stringify({ object: 'list', data: ids.map((id) => permission(id)), has_more: hasMore, last_id: lastId });

const scripted = useScriptedApi(
  (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    // A page scripted for one order (`descending:start`) comes first; any other page is the same in both orders.
    const after = url.searchParams.get('after') ?? 'start';
    const body = pages[`${url.searchParams.get('order')}:${after}`] ?? pages[after] ?? page([], false);
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  },
  { adminApiKey: KEY },
);
/** The URLs asked for since the test began. */
const seen = () => scripted.server.requests.map((r) => new URL(r.url, 'http://127.0.0.1'));

beforeEach(() => {
  scripted.server.requests.length = 0;
  pages = {};
});

describe('readAll', () => {
  it('keeps each id once when a server repeats an item across pages, and sees every page', async () => {
    pages = { start: page(['cp_a', 'cp_b'], true), cp_b: page(['cp_b', 'cp_c'], true), cp_c: page(['cp_a', 'cp_d'], false) };
    const sizes: number[] = [];
    const all = await scripted.api.permissions.readAll('ft:x:y', {}, { onPage: (p) => sizes.push(p.data.length) });
    expect(all.map((p) => p.id)).toEqual(['cp_a', 'cp_b', 'cp_c', 'cp_d']);
    expect(sizes).toEqual([2, 2, 2]);
    // A walk from both ends: this server ignores `order`, so the far end's first page (cp_a, cp_b) meets the front out
    // of order and the walk goes on from the front alone.
    expect(seen().map((u) => u.searchParams.get('limit'))).toEqual(['100', '100', '100', '100']);
    expect(seen().filter((u) => u.searchParams.get('order') === 'ascending')).toHaveLength(1);
  });

  it('keeps what it is told to keep of each item, still once per id', async () => {
    pages = { start: page(['cp_a', 'cp_b'], true), cp_b: page(['cp_b'], false) };
    expect(await scripted.api.permissions.readAll('ft:x:y', {}, { keep: (p) => p.project_id })).toEqual(['proj_cp_a', 'proj_cp_b']);
  });

  it('stops at its budget', async () => {
    pages = { start: page(['cp_a', 'cp_b'], true), cp_b: page(['cp_c', 'cp_d'], true) };
    const some = await scripted.api.permissions.readAll('ft:x:y', {}, { maxItems: 3 });
    expect(some.map((p) => p.id)).toEqual(['cp_a', 'cp_b', 'cp_c']);
    expect(seen().map((u) => u.searchParams.get('limit'))).toEqual(['3', '1']);
  });
});

describe('the ordered walk', () => {
  it('follows has_more only when it is true and last_id only when it is a string', async () => {
    for (const [hasMore, lastId] of [
      ['false', 'cp_b'],
      [1, 'cp_b'],
      [true, 7],
    ] as const) {
      scripted.server.requests.length = 0;
      pages = { start: page(['cp_a', 'cp_b'], hasMore, lastId), cp_b: page(['cp_c'], false), 7: page(['cp_c'], false) };
      const ids: string[] = [];
      for await (const p of scripted.api.permissions.all('ft:x:y')) ids.push(p.id);
      expect([ids, seen().length]).toEqual([['cp_a', 'cp_b'], 1]);
    }
  });

  it('sends limit as given, or not at all, when asked to', async () => {
    pages = { start: page(['cp_a', 'cp_b'], true), cp_b: page(['cp_c'], false) };
    for await (const _ of scripted.api.permissions.pages('ft:x:y', {}, { limitAsGiven: true, maxItems: 2 })) void _;
    expect(seen().map((u) => u.searchParams.has('limit'))).toEqual([false]);
  });
});

describe('a walk from both ends, against a server that does not behave', () => {
  const ids = async (query = {}, follow = {}) => {
    const all: string[] = [];
    for await (const p of scripted.api.permissions.pages('ft:x:y', query, { bothEnds: true, ...follow }))
      all.push(...p.data.map((x) => x.id));
    return all;
  };
  const endless = (prefix: string, n: number) =>
    Object.fromEntries(Array.from({ length: n }, (_, i) => [i === 0 ? 'start' : `${prefix}${i}`, page([`${prefix}${i + 1}`], true)]));

  it('that ignores the order: the far end meets the front out of order, and the front walks on alone', async () => {
    pages = { start: page(['cp_a', 'cp_b'], true), cp_b: page(['cp_c', 'cp_d'], true), cp_d: page(['cp_e'], false) };
    expect(await ids()).toEqual(['cp_a', 'cp_b', 'cp_c', 'cp_d', 'cp_e']);
    expect(seen()).toHaveLength(4);
  });

  it('whose far end walks to the start without meeting the front: the front walks on alone', async () => {
    pages = {
      start: page(['cp_a'], true),
      cp_a: page(['cp_b'], true),
      cp_b: page(['cp_c'], false),
      'ascending:start': page(['cp_y'], true),
      'ascending:cp_y': page(['cp_x'], false),
    };
    expect(await ids({ order: 'descending' })).toEqual(['cp_a', 'cp_b', 'cp_c']);
  });

  it("whose far end's cursors go round in a circle: stops, as the front does", async () => {
    pages = {
      ...endless('cp_', 10),
      'ascending:start': page(['cp_z'], true),
      'ascending:cp_z': page(['cp_y'], true),
      'ascending:cp_y': page(['cp_z'], true),
    };
    await expect(ids()).rejects.toThrow(/the server returned the cursor cp_z a second time/);
    expect(seen()).toHaveLength(7);
  });

  it('that always has one more page at both ends: stops after --max-pages requests in all', async () => {
    pages = { ...endless('zz_', 20), ...endless('cp_', 20), 'ascending:start': page(['zz_1'], true) };
    await expect(ids({}, { maxPages: 6 })).rejects.toThrow(/stopped after 6 pages/);
    // The first alone, two pairs, then the front alone: a pair would go past the ceiling.
    expect(seen().filter((u) => u.searchParams.get('order') === 'ascending')).toHaveLength(2);
    expect(seen()).toHaveLength(6);
  });
});

describe('a kept body', () => {
  it('is the page as the server wrote it, only when asked for', async () => {
    const text = '{"object":"list","data":[],"has_more":false,"last_id":null,"extra":1.50}';
    pages = { start: text };
    expect(bodyOf(await scripted.api.permissions.list('ft:x:y', {}, { keepBody: true }))).toBe(text);
    expect(bodyOf(await scripted.api.permissions.list('ft:x:y'))).toBeUndefined();
  });
});

describe('permissions.find', () => {
  it("asks with the project_id filter and takes only that project's permission", async () => {
    pages = { start: JSON.stringify({ object: 'list', data: [permission('cp_z', 'proj_other')], has_more: true, last_id: 'cp_z' }) };
    expect(await scripted.api.permissions.find('ft:x:y', 'proj_wanted')).toBeUndefined();
    pages = { start: JSON.stringify({ object: 'list', data: [permission('cp_w', 'proj_wanted')], has_more: false, last_id: 'cp_w' }) };
    expect((await scripted.api.permissions.find('ft:x:y', 'proj_wanted'))?.id).toBe('cp_w');
    expect(seen().map((u) => [u.searchParams.get('project_id'), u.searchParams.get('limit')])).toEqual([
      ['proj_wanted', '1'],
      ['proj_wanted', '1'],
    ]);
  });
});
