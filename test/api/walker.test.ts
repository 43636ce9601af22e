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
    const after = new URL(req.url, 'http://127.0.0.1').searchParams.get('after');
    res.writeHead(200, { 'content-type': 'application/json' }).end(pages[after ?? 'start'] ?? page([], false));
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
    expect(seen().map((u) => u.searchParams.get('limit'))).toEqual(['100', '100', '100']);
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
