import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Permission } from '../../src/api/types';
import { startDemoServer, type DemoServer } from '../../src/demo/server';
import { call, permissionsPath, REQUEST_ID } from './helpers';

async function pageAll(server: DemoServer, ckpt: string, order: string, limit: number): Promise<Permission[]> {
  const out: Permission[] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 1000; guard++) {
    const q: string = `?order=${order}&limit=${limit}${after ? `&after=${encodeURIComponent(after)}` : ''}`;
    const res = await call(server, permissionsPath(ckpt, q));
    expect(res.status).toBe(200);
    expect(res.json.data.length).toBeLessThanOrEqual(limit);
    if (res.json.data.length > 0) {
      expect(res.json.first_id).toBe(res.json.data[0].id);
      expect(res.json.last_id).toBe(res.json.data.at(-1).id);
    }
    out.push(...res.json.data);
    if (!res.json.has_more) return out;
    after = res.json.last_id;
  }
  throw new Error('paging did not end');
}

describe('permission listing', () => {
  let server: DemoServer;
  let ckpt: string;
  let seeded: Permission[];
  beforeAll(async () => {
    server = await startDemoServer();
    ckpt = server.checkpoints[0] as string;
    seeded = server.state.permissionsOf(ckpt);
  });
  afterAll(async () => {
    await server.close();
  });

  it('defaults to 10 newest first with the spec envelope', async () => {
    const res = await call(server, permissionsPath(ckpt));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('x-request-id')).toMatch(REQUEST_ID);
    expect(Object.keys(res.json)).toEqual(['object', 'data', 'first_id', 'last_id', 'has_more']);
    expect(res.json.data).toEqual(seeded.slice(-10).reverse());
    expect(res.json.has_more).toBe(true);
    expect(Object.keys(res.json.data[0])).toEqual(['object', 'id', 'created_at', 'project_id']);
  });

  for (const limit of [1, 7, 10, 100]) {
    it(`pages all 137 in both orders with limit ${limit}`, async () => {
      const asc = await pageAll(server, ckpt, 'ascending', limit);
      const desc = await pageAll(server, ckpt, 'descending', limit);
      expect(asc).toHaveLength(137);
      expect(new Set(asc.map((p) => p.id)).size).toBe(137);
      expect(asc).toEqual(seeded);
      expect(desc).toEqual([...asc].reverse());
    });
  }

  it('answers an empty checkpoint with an empty list and null ids', async () => {
    const res = await call(server, permissionsPath(server.emptyCheckpoint));
    expect(res.json).toEqual({ object: 'list', data: [], first_id: null, last_id: null, has_more: false });
  });

  it('filters by project_id, respecting the cursor', async () => {
    const target = seeded[40] as Permission;
    const res = await call(server, permissionsPath(ckpt, `?project_id=${target.project_id}`));
    expect(res.json.data).toEqual([target]);
    expect(res.json.has_more).toBe(false);
    const none = await call(server, permissionsPath(ckpt, '?project_id=proj_doesnotexist'));
    expect(none.json.data).toEqual([]);
    const before = seeded[39] as Permission;
    const afterAsc = await call(server, permissionsPath(ckpt, `?project_id=${target.project_id}&order=ascending&after=${before.id}`));
    expect(afterAsc.json.data).toEqual([target]);
    const afterDesc = await call(server, permissionsPath(ckpt, `?project_id=${target.project_id}&after=${before.id}`));
    expect(afterDesc.json.data).toEqual([]);
  });

  it('rejects bad limit, order and after with 400', async () => {
    for (const limit of ['0', '101', '-1', 'abc', '1.5', '', '10x']) {
      const res = await call(server, permissionsPath(ckpt, `?limit=${limit}`));
      expect(res.status, `limit=${limit}`).toBe(400);
      expect(res.json.error).toMatchObject({ type: 'invalid_request_error', param: 'limit' });
      expect(res.headers.get('x-request-id')).toMatch(REQUEST_ID);
    }
    for (const limit of ['1', '100']) {
      expect((await call(server, permissionsPath(ckpt, `?limit=${limit}`))).status).toBe(200);
    }
    const order = await call(server, permissionsPath(ckpt, '?order=newest'));
    expect(order.status).toBe(400);
    expect(order.json.error.param).toBe('order');
    const after = await call(server, permissionsPath(ckpt, '?after=cp_nope'));
    expect(after.status).toBe(400);
    expect(after.json.error.param).toBe('after');
  });

  it('answers an unknown checkpoint with 404 model_not_found', async () => {
    const id = 'ft:gpt-4o-mini-2024-07-18:acme-corp:nothing:XXXXXXXX';
    for (const [method, suffix] of [
      ['GET', ''],
      ['POST', ''],
      ['DELETE', '/cp_x'],
    ] as const) {
      const res = await call(server, permissionsPath(id, suffix), { method, body: method === 'POST' ? { project_ids: ['p'] } : undefined });
      expect(res.status).toBe(404);
      expect(res.json.error).toEqual({
        message: `The model \`${id}\` does not exist or you do not have access to it.`,
        type: 'invalid_request_error',
        param: null,
        code: 'model_not_found',
      });
    }
  });

  it('accepts literal and %3A-encoded colons, and keeps %2F inside its segment', async () => {
    const literal = await call(server, `/fine_tuning/checkpoints/${ckpt}/permissions?limit=3`);
    const encoded = await call(server, `/fine_tuning/checkpoints/${encodeURIComponent(ckpt)}/permissions?limit=3`);
    expect(encodeURIComponent(ckpt)).toContain('ft%3Agpt');
    expect(literal.status).toBe(200);
    expect(encoded.json).toEqual(literal.json);
    expect(server.requests.at(-1)?.path).toBe(`/v1/fine_tuning/checkpoints/${ckpt}/permissions`);
    const slash = await call(server, `/fine_tuning/checkpoints/${encodeURIComponent(`${ckpt}/x`)}/permissions`);
    expect(slash.status).toBe(404);
    expect(slash.json.error.code).toBe('model_not_found');
    expect(slash.json.error.message).toContain(`\`${ckpt}/x\``);
    const bad = await call(server, '/fine_tuning/checkpoints/ft%E0%A4%A/permissions');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('x-request-id')).toMatch(REQUEST_ID);
  });
});

describe('permission create and delete', () => {
  let server: DemoServer;
  let ckpt: string;
  let free: string[]; // active projects without access to ckpt
  let archived: string;
  beforeAll(async () => {
    server = await startDemoServer();
    ckpt = server.checkpoints[0] as string;
    const has = new Set(server.state.permissionsOf(ckpt).map((p) => p.project_id));
    const projects = server.state.projects();
    free = projects.filter((p) => p.status === 'active' && !has.has(p.id)).map((p) => p.id);
    archived = projects.find((p) => p.status === 'archived')?.id as string;
  });
  afterAll(async () => {
    await server.close();
  });

  it('creates new permissions in request order, skipping existing and repeated projects', async () => {
    const existing = server.state.permissionsOf(ckpt)[5]?.project_id as string;
    const [p1, p2] = free as [string, string];
    const before = Math.floor(Date.now() / 1000);
    const res = await call(server, permissionsPath(ckpt), { method: 'POST', body: { project_ids: [p1, existing, p2, p1] } });
    expect(res.status).toBe(200);
    expect(res.json.object).toBe('list');
    expect(res.json.has_more).toBe(false);
    expect(res.json.data.map((p: Permission) => p.project_id)).toEqual([p1, p2]);
    expect(res.json.first_id).toBe(res.json.data[0].id);
    expect(res.json.last_id).toBe(res.json.data[1].id);
    for (const p of res.json.data) {
      expect(p.id).toMatch(/^cp_[0-9A-Za-z]{24}$/);
      expect(p.created_at).toBeGreaterThanOrEqual(before);
    }
    const all = server.state.permissionsOf(ckpt);
    expect(all).toHaveLength(139);
    expect(all.slice(-2)).toEqual(res.json.data);
    const newest = await call(server, permissionsPath(ckpt, '?limit=2'));
    expect(newest.json.data.map((p: Permission) => p.project_id)).toEqual([p2, p1]);
    const again = await call(server, permissionsPath(ckpt), { method: 'POST', body: { project_ids: [p1] } });
    expect(again.json).toEqual({ object: 'list', data: [], first_id: null, last_id: null, has_more: false });
    expect(server.state.permissionsOf(ckpt)).toHaveLength(139);
  });

  it('rejects unknown and archived projects and creates nothing', async () => {
    const count = server.state.permissionsOf(ckpt).length;
    const unknown = await call(server, permissionsPath(ckpt), { method: 'POST', body: { project_ids: [free[5], 'proj_unknown000'] } });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.param).toBe('project_ids');
    expect(unknown.json.error.message).toContain('proj_unknown000');
    const arch = await call(server, permissionsPath(ckpt), { method: 'POST', body: { project_ids: [free[6], archived] } });
    expect(arch.status).toBe(400);
    expect(arch.json.error.param).toBe('project_ids');
    expect(arch.json.error.message).toContain(archived);
    expect(server.state.permissionsOf(ckpt)).toHaveLength(count);
  });

  it('rejects malformed bodies with 400', async () => {
    const count = server.state.permissionsOf(ckpt).length;
    const bodies: { rawBody: string; param?: string | null }[] = [
      { rawBody: JSON.stringify({ project_ids: [free[7]], note: 'x' }), param: 'note' },
      { rawBody: JSON.stringify({}), param: 'project_ids' },
      { rawBody: JSON.stringify({ project_ids: 'proj_x' }), param: 'project_ids' },
      { rawBody: JSON.stringify({ project_ids: [] }), param: 'project_ids' },
      { rawBody: JSON.stringify({ project_ids: [free[7], 3] }), param: 'project_ids[1]' },
      { rawBody: JSON.stringify({ project_ids: [''] }), param: 'project_ids[0]' },
      { rawBody: JSON.stringify([free[7]]), param: null },
      { rawBody: 'project_ids=proj_x', param: null },
      { rawBody: '', param: null },
    ];
    for (const { rawBody, param } of bodies) {
      const res = await call(server, permissionsPath(ckpt), { method: 'POST', rawBody });
      expect(res.status, rawBody).toBe(400);
      expect(res.json.error.type).toBe('invalid_request_error');
      expect(res.json.error.param, rawBody).toBe(param);
    }
    expect(server.state.permissionsOf(ckpt)).toHaveLength(count);
  });

  it('deletes a permission, then answers 404 for it', async () => {
    const target = server.state.permissionsOf(ckpt)[10] as Permission;
    const res = await call(server, permissionsPath(ckpt, `/${target.id}`), { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect(res.text).toBe(JSON.stringify({ id: target.id, object: 'checkpoint.permission', deleted: true }));
    expect(server.state.permissionsOf(ckpt).some((p) => p.id === target.id)).toBe(false);
    const again = await call(server, permissionsPath(ckpt, `/${target.id}`), { method: 'DELETE' });
    expect(again.status).toBe(404);
    expect(again.json.error).toMatchObject({ type: 'invalid_request_error', message: `No permission found with id '${target.id}'.` });
    // A permission of another checkpoint is not found on this one.
    const other = server.state.permissionsOf(server.checkpoints[1] as string)[0] as Permission;
    const wrong = await call(server, permissionsPath(ckpt, `/${other.id}`), { method: 'DELETE' });
    expect(wrong.status).toBe(404);
    // The project can be granted again afterwards.
    const regrant = await call(server, permissionsPath(ckpt), { method: 'POST', body: { project_ids: [target.project_id] } });
    expect(regrant.json.data).toHaveLength(1);
  });

  it('keeps a cursor working after its permission was deleted', async () => {
    const all = server.state.permissionsOf(ckpt);
    const page = await call(server, permissionsPath(ckpt, '?order=ascending&limit=20'));
    const cursor = page.json.last_id as string;
    expect(cursor).toBe(all[19]?.id);
    await call(server, permissionsPath(ckpt, `/${cursor}`), { method: 'DELETE' });
    const next = await call(server, permissionsPath(ckpt, `?order=ascending&limit=5&after=${cursor}`));
    expect(next.status).toBe(200);
    expect(next.json.data).toEqual(all.slice(20, 25));
    const back = await call(server, permissionsPath(ckpt, `?order=descending&limit=5&after=${cursor}`));
    expect(back.json.data).toEqual(all.slice(14, 19).reverse());
  });
});
