import { createHash } from 'node:crypto';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startDemoServer, type DemoServer } from '../../src/demo/server';
import { buildDemoSeed, SEED_BASE_TIME } from '../../src/demo/seed';
import { call, permissionsPath, type Answer } from './helpers';

describe('demo seed data', () => {
  let a: DemoServer;
  let b: DemoServer;
  beforeAll(async () => {
    a = await startDemoServer();
    b = await startDemoServer();
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it('has 180 projects with distinct names, about 6 archived', () => {
    const projects = a.state.projects();
    expect(projects).toHaveLength(180);
    expect(new Set(projects.map((p) => p.name)).size).toBe(180);
    expect(new Set(projects.map((p) => p.id)).size).toBe(180);
    for (const p of projects) {
      expect(p.id).toMatch(/^proj_[0-9A-Za-z]{24}$/);
      expect(p.object).toBe('organization.project');
      expect(p.created_at).toBeLessThan(SEED_BASE_TIME);
      if (p.status === 'archived') expect(p.archived_at).toBeGreaterThan(p.created_at);
      else expect(p).toMatchObject({ status: 'active', archived_at: null });
    }
    expect(projects.filter((p) => p.status === 'archived')).toHaveLength(6);
    const created = projects.map((p) => p.created_at);
    expect([...created].sort((x, y) => x - y)).toEqual(created);
    expect(projects.map((p) => p.name)).toContain('Support Triage');
  });

  it('has 4 jobs, 3 succeeded with 3 checkpoints each, newest first', () => {
    const jobs = a.state.jobs();
    expect(jobs).toHaveLength(4);
    expect(jobs.map((j) => j.status).sort()).toEqual(['running', 'succeeded', 'succeeded', 'succeeded']);
    expect([...jobs].sort((x, y) => y.created_at - x.created_at)).toEqual(jobs);
    for (const job of jobs) {
      expect(job.id).toMatch(/^ftjob-[0-9A-Za-z]{24}$/);
      expect(job.organization_id).toMatch(/^org-demo/);
      const checkpoints = a.state.jobCheckpoints(job.id);
      if (job.status === 'running') {
        expect(job).toMatchObject({ fine_tuned_model: null, finished_at: null, trained_tokens: null });
        expect(checkpoints).toHaveLength(0);
      } else {
        expect(job.fine_tuned_model).toMatch(new RegExp(`^ft:${job.model}:acme-corp:[a-z-]+:[0-9A-Za-z]{8}$`));
        expect(job.finished_at).toBeGreaterThan(job.created_at);
        expect(job.trained_tokens).toBeGreaterThan(0);
        expect(job.method?.type).toBe('supervised');
        expect(checkpoints).toHaveLength(3);
        const steps = checkpoints.map((c) => c.step_number);
        expect([...steps].sort((x, y) => y - x)).toEqual(steps);
        for (const c of checkpoints) {
          expect(c.id).toMatch(/^ftckpt_[0-9A-Za-z]{24}$/);
          expect(c.fine_tuned_model_checkpoint).toMatch(new RegExp(`:ckpt-step-${c.step_number}$`));
          expect(c.metrics.step).toBe(c.step_number);
          expect(c.metrics.train_loss).toBeGreaterThan(0);
          expect(c.created_at).toBeGreaterThan(job.created_at);
          expect(c.created_at).toBeLessThanOrEqual(job.finished_at as number);
        }
      }
    }
    expect(new Set(jobs.map((j) => j.model)).size).toBe(3);
  });

  it('has 12 checkpoints ordered by permission count, the empty one last', () => {
    expect(a.checkpoints).toHaveLength(12);
    expect(a.checkpoints.every((c) => a.state.hasCheckpoint(c))).toBe(true);
    const counts = a.checkpoints.map((c) => a.state.permissionsOf(c).length);
    expect(counts[0]).toBe(137);
    expect([...counts].sort((x, y) => y - x)).toEqual(counts);
    expect(counts.filter((n) => n === 0)).toHaveLength(1);
    expect(a.emptyCheckpoint).toBe(a.checkpoints[11]);
    const oldest = a.state.jobs().at(-1);
    expect(a.checkpoints[0]).toBe(oldest?.fine_tuned_model);
  });

  it('gives every permission its own active organization project and a unique id', () => {
    const projects = new Map(a.state.projects().map((p) => [p.id, p]));
    const ids = new Set<string>();
    for (const ckpt of a.checkpoints) {
      const perms = a.state.permissionsOf(ckpt);
      expect(new Set(perms.map((p) => p.project_id)).size).toBe(perms.length);
      const times = perms.map((p) => p.created_at);
      expect([...times].sort((x, y) => x - y)).toEqual(times);
      for (const p of perms) {
        expect(p.id).toMatch(/^cp_[0-9A-Za-z]{24}$/);
        expect(ids.has(p.id)).toBe(false);
        ids.add(p.id);
        expect(projects.get(p.project_id)?.status).toBe('active');
        expect(Object.keys(p)).toEqual(['object', 'id', 'created_at', 'project_id']);
      }
    }
  });

  it('is identical on two servers (only the keys differ)', async () => {
    expect(b.checkpoints).toEqual(a.checkpoints);
    expect(b.state.projects()).toEqual(a.state.projects());
    expect(b.state.jobs()).toEqual(a.state.jobs());
    for (const c of a.checkpoints) expect(b.state.permissionsOf(c)).toEqual(a.state.permissionsOf(c));
    const pa = await call(a, permissionsPath(a.checkpoints[0] as string, '?limit=100'));
    const pb = await call(b, permissionsPath(b.checkpoints[0] as string, '?limit=100'));
    expect(pa.text).toBe(pb.text);
    expect(a.adminKey).not.toBe(b.adminKey);
    expect(a.adminKey).toMatch(/^sk-admin-demo-[0-9A-Za-z]{32}$/);
    expect(a.apiKey).toMatch(/^sk-proj-demo-[0-9A-Za-z]{32}$/);
  });

  it('keeps small checkpoints and the first 180 projects stable whatever the permission count', () => {
    const small = buildDemoSeed(3);
    const big = buildDemoSeed(500);
    expect(big.projects.slice(0, 180)).toEqual(small.projects);
    expect(big.checkpoints.slice(1)).toEqual(small.checkpoints.slice(1));
    expect(small.checkpoints[0]?.permissions).toHaveLength(3);
    expect(big.checkpoints[0]?.permissions).toHaveLength(500);
    expect(() => buildDemoSeed(100_001)).toThrow(/permissions/);
    expect(() => buildDemoSeed(-1)).toThrow(/permissions/);
    expect(buildDemoSeed(0).checkpoints[0]?.permissions).toHaveLength(0);
  });
});

describe('demo organization of any size (--projects)', () => {
  it('leaves the default world exactly as it was (byte for byte, the default arguments included)', () => {
    const digest = (seed: ReturnType<typeof buildDemoSeed>) =>
      createHash('sha256')
        .update(JSON.stringify({ ...seed, jobCheckpoints: [...seed.jobCheckpoints] }))
        .digest('hex');
    // Digests of the seed before --projects existed: other tests rely on this world.
    expect(digest(buildDemoSeed())).toBe('f345f97951feaf777885f5743b1b61880ef68e15c3a9a6ab219b2c4c51c8f6ee');
    expect(digest(buildDemoSeed(137, 180))).toBe('f345f97951feaf777885f5743b1b61880ef68e15c3a9a6ab219b2c4c51c8f6ee');
    expect(digest(buildDemoSeed(10_000))).toBe('62bf0495dd35f724d666a454ec80c3aa19a4f3e04c83d750a0500b488c98e9dd');
  });

  it('has N projects, the first 180 and the smaller checkpoints unchanged, names distinct, a few archived, by creation', () => {
    const base = buildDemoSeed();
    const large = buildDemoSeed(137, 10_000);
    expect(large.projects).toHaveLength(10_000);
    expect(large.projects.slice(0, 180)).toEqual(base.projects);
    expect(large.checkpoints.slice(1)).toEqual(base.checkpoints.slice(1));
    expect(large.checkpoints[0]?.permissions).toHaveLength(137);
    expect(new Set(large.projects.map((p) => p.id)).size).toBe(10_000);
    expect(new Set(large.projects.map((p) => p.name)).size).toBe(10_000);
    const created = large.projects.map((p) => p.created_at);
    expect(created.every((t, i) => i === 0 || t > created[i - 1]!)).toBe(true);
    const archived = large.projects.filter((p) => p.status === 'archived').length;
    expect(archived).toBeGreaterThan(6);
    expect(archived).toBeLessThan(500);
    // The largest checkpoint's projects come from the whole organization, not only its first 180.
    const index = new Map(large.projects.map((p, i) => [p.id, i]));
    expect(large.checkpoints[0]!.permissions.some((p) => index.get(p.project_id)! >= 180)).toBe(true);
    expect(buildDemoSeed(137, 10_000)).toEqual(large);
  });

  it('adds load-test projects only when --permissions needs more active projects than the organization has', () => {
    const seed = buildDemoSeed(10_000, 10_000);
    const active = seed.projects.filter((p) => p.status === 'active');
    expect(active).toHaveLength(10_000);
    const load = seed.projects.slice(10_000);
    expect(load.length).toBeGreaterThan(0);
    expect(load[0]?.name).toBe('Load Test 10001');
    expect(
      buildDemoSeed(137, 30)
        .projects.slice(0, 30)
        .every((p) => !p.name?.startsWith('Load Test')),
    ).toBe(true);
    expect(() => buildDemoSeed(137, 29)).toThrow(/projects/);
    expect(() => buildDemoSeed(137, 100_001)).toThrow(/projects/);
  });

  it('serves a large organization over HTTP in pages of 100, and each project by id', async () => {
    const server = await startDemoServer({ projects: 2_000 });
    try {
      let after: string | null = null;
      let count = 0;
      let pages = 0;
      for (;;) {
        const res: Answer = await call(server, `/organization/projects?limit=100&include_archived=true${after ? `&after=${after}` : ''}`);
        count += res.json.data.length;
        pages++;
        if (!res.json.has_more) break;
        after = res.json.last_id;
      }
      expect(count).toBe(2_000);
      expect(pages).toBe(20);
      const last = server.state.projects()[1_999]!;
      expect((await call(server, `/organization/projects/${last.id}`)).json).toEqual(last);
    } finally {
      await server.close();
    }
  });
});

describe('demo seed with 100,000 permissions', () => {
  let server: DemoServer;
  beforeAll(async () => {
    server = await startDemoServer({ permissions: 100_000 });
  });
  afterAll(async () => {
    await server.close();
  });

  it('adds load-test projects so every permission has its own active project', () => {
    const ckpt = server.checkpoints[0] as string;
    const perms = server.state.permissionsOf(ckpt);
    expect(perms).toHaveLength(100_000);
    expect(new Set(perms.map((p) => p.project_id)).size).toBe(100_000);
    const projects = server.state.projects();
    const active = projects.filter((p) => p.status === 'active');
    expect(active.length).toBe(100_000);
    expect(projects[180]?.name).toBe('Load Test 00181');
    const byId = new Map(projects.map((p) => [p.id, p]));
    expect(perms.every((p) => byId.get(p.project_id)?.status === 'active')).toBe(true);
  });

  it('pages through all 100,000 permissions with limit 100 via the API', async () => {
    const ckpt = server.checkpoints[0] as string;
    const seen = new Set<string>();
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const q: string = `?limit=100${after ? `&after=${after}` : ''}`;
      const res = await call(server, permissionsPath(ckpt, q));
      expect(res.status).toBe(200);
      for (const p of res.json.data) seen.add(p.id);
      pages++;
      if (!res.json.has_more) break;
      after = res.json.last_id;
    }
    expect(pages).toBe(1000);
    expect(seen.size).toBe(100_000);
  });
});

describe('demo organization with many fine-tuning jobs (--jobs)', () => {
  it('keeps the four seeded jobs and everything else, and adds older jobs of 1-3 checkpoints each, the same every time', () => {
    const base = buildDemoSeed();
    const many = buildDemoSeed(137, 180, 2_000);
    expect(many.jobs).toHaveLength(2_000);
    expect(many.jobs.slice(0, 4)).toEqual(base.jobs);
    expect(many.checkpoints).toEqual(base.checkpoints);
    expect(many.projects).toEqual(base.projects);
    for (const job of base.jobs) expect(many.jobCheckpoints.get(job.id)).toEqual(base.jobCheckpoints.get(job.id));
    const added = many.jobs.slice(4);
    const created = many.jobs.map((j) => j.created_at);
    expect(created.every((t, i) => i === 0 || t < created[i - 1]!)).toBe(true);
    for (const job of added) {
      expect(job.status).toBe('succeeded');
      expect(job.fine_tuned_model).toMatch(/^ft:gpt-[\w.-]+:acme-corp:[a-z0-9-]+:[A-Za-z0-9]{8}$/);
      const checkpoints = many.jobCheckpoints.get(job.id)!;
      expect(checkpoints.length).toBeGreaterThanOrEqual(1);
      expect(checkpoints.length).toBeLessThanOrEqual(3);
      const base = job.fine_tuned_model!.replace(/:[^:]+$/, '');
      for (const c of checkpoints) expect(c.fine_tuned_model_checkpoint).toMatch(new RegExp(`^${base}:[A-Za-z0-9]{8}:ckpt-step-\\d+$`));
    }
    const models = many.jobs.map((j) => j.fine_tuned_model).filter(Boolean);
    expect(new Set(models).size).toBe(models.length);
    expect(new Set(many.jobs.map((j) => j.id)).size).toBe(2_000);
    expect(buildDemoSeed(137, 180, 2_000)).toEqual(many);
    expect(buildDemoSeed(137, 180, 10).jobs).toEqual(many.jobs.slice(0, 10));
    expect(() => buildDemoSeed(137, 180, 3)).toThrow(/jobs/);
    expect(() => buildDemoSeed(137, 180, 2_001)).toThrow(/jobs/);
  });

  it('serves the added jobs in pages, and their checkpoints as ones that can be shared', async () => {
    const server = await startDemoServer({ jobs: 250 });
    try {
      const ids: string[] = [];
      let after: string | undefined;
      for (;;) {
        const res = await call(server, `/fine_tuning/jobs?limit=100${after ? `&after=${after}` : ''}`, { key: 'project' });
        expect(res.status).toBe(200);
        ids.push(...res.json.data.map((j: { id: string }) => j.id));
        if (!res.json.has_more) break;
        after = ids.at(-1);
      }
      expect(ids).toEqual(server.state.jobs().map((j) => j.id));
      const oldest = server.state.jobs().at(-1)!;
      const [checkpoint] = server.state.jobCheckpoints(oldest.id);
      const res = await call(server, permissionsPath(checkpoint!.fine_tuned_model_checkpoint, '?limit=10'));
      expect(res.status).toBe(200);
      expect(res.json.data).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
