import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { FineTuningJob, JobCheckpoint, Project } from '../../src/api/types';
import { startDemoServer, type DemoServer } from '../../src/demo/server';
import { call, REQUEST_ID } from './helpers';

describe('projects, jobs and unknown routes', () => {
  let server: DemoServer;
  beforeAll(async () => {
    server = await startDemoServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('lists active projects 20 at a time, ascending, paging by last_id', async () => {
    const first = await call(server, '/organization/projects');
    expect(first.status).toBe(200);
    expect(Object.keys(first.json)).toEqual(['object', 'data', 'first_id', 'last_id', 'has_more']);
    expect(first.json.data).toHaveLength(20);
    expect(Object.keys(first.json.data[0])).toEqual(['id', 'object', 'name', 'created_at', 'archived_at', 'status']);
    const all: Project[] = [];
    let after: string | null = null;
    for (;;) {
      const res: { json: any } = await call(server, `/organization/projects?limit=7${after ? `&after=${after}` : ''}`);
      all.push(...res.json.data);
      if (!res.json.has_more) break;
      after = res.json.last_id;
    }
    const active = server.state.projects().filter((p) => p.status === 'active');
    expect(all).toEqual(active);
    expect(all).toHaveLength(174);
  });

  it('includes archived projects on request', async () => {
    const all: Project[] = [];
    let after: string | null = null;
    for (;;) {
      const res: { json: any } = await call(
        server,
        `/organization/projects?limit=100&include_archived=true${after ? `&after=${after}` : ''}`,
      );
      all.push(...res.json.data);
      if (!res.json.has_more) break;
      after = res.json.last_id;
    }
    expect(all).toEqual(server.state.projects());
    expect(all.filter((p) => p.status === 'archived')).toHaveLength(6);
  });

  it('validates project list parameters', async () => {
    expect((await call(server, '/organization/projects?limit=0')).json.error.param).toBe('limit');
    expect((await call(server, '/organization/projects?limit=101')).status).toBe(400);
    expect((await call(server, '/organization/projects?include_archived=yes')).json.error.param).toBe('include_archived');
    expect((await call(server, '/organization/projects?after=proj_nope')).json.error.param).toBe('after');
  });

  it('gets one project or 404', async () => {
    const project = server.state.projects()[3] as Project;
    const res = await call(server, `/organization/projects/${project.id}`);
    expect(res.json).toEqual(project);
    const missing = await call(server, '/organization/projects/proj_nope');
    expect(missing.status).toBe(404);
    expect(missing.json.error.type).toBe('invalid_request_error');
  });

  it('lists jobs newest first without first/last ids, paging by id', async () => {
    const res = await call(server, '/fine_tuning/jobs', { key: 'project' });
    expect(Object.keys(res.json)).toEqual(['object', 'data', 'has_more']);
    expect(res.json.data).toEqual(server.state.jobs());
    expect(res.json.data[0].status).toBe('running');
    const page1 = await call(server, '/fine_tuning/jobs?limit=3', { key: 'project' });
    expect(page1.json.has_more).toBe(true);
    const page2 = await call(server, `/fine_tuning/jobs?limit=3&after=${page1.json.data[2].id}`, { key: 'project' });
    expect(page2.json.has_more).toBe(false);
    expect([...page1.json.data, ...page2.json.data].map((j: FineTuningJob) => j.id)).toEqual(server.state.jobs().map((j) => j.id));
    expect((await call(server, '/fine_tuning/jobs?limit=500', { key: 'project' })).status).toBe(400);
  });

  it('gets a job with every required field, or 404', async () => {
    const job = server.state.jobs()[1] as FineTuningJob;
    const res = await call(server, `/fine_tuning/jobs/${job.id}`, { key: 'project' });
    expect(res.json).toEqual(job);
    for (const field of [
      'created_at',
      'error',
      'finished_at',
      'fine_tuned_model',
      'hyperparameters',
      'id',
      'model',
      'object',
      'organization_id',
      'result_files',
      'status',
      'trained_tokens',
      'training_file',
      'validation_file',
      'seed',
    ]) {
      expect(res.json, field).toHaveProperty(field);
    }
    const missing = await call(server, '/fine_tuning/jobs/ftjob-nope', { key: 'project' });
    expect(missing.status).toBe(404);
  });

  it('lists job checkpoints highest step first, paging by id', async () => {
    const job = server.state.jobs().find((j) => j.status === 'succeeded') as FineTuningJob;
    const res = await call(server, `/fine_tuning/jobs/${job.id}/checkpoints`, { key: 'project' });
    expect(res.json.data).toHaveLength(3);
    expect(res.json.first_id).toBe(res.json.data[0].id);
    const steps = res.json.data.map((c: JobCheckpoint) => c.step_number);
    expect(steps).toEqual([...steps].sort((a: number, b: number) => b - a));
    const page = await call(server, `/fine_tuning/jobs/${job.id}/checkpoints?limit=2`, { key: 'project' });
    expect(page.json.has_more).toBe(true);
    const rest = await call(server, `/fine_tuning/jobs/${job.id}/checkpoints?after=${page.json.last_id}`, { key: 'project' });
    expect(rest.json.data).toEqual(res.json.data.slice(2));
    expect(rest.json.has_more).toBe(false);
    // Every job checkpoint is a checkpoint that can carry permissions.
    for (const c of res.json.data) expect(server.state.hasCheckpoint(c.fine_tuned_model_checkpoint)).toBe(true);
  });

  it('answers unknown paths 404 Invalid URL and wrong methods 405', async () => {
    const res = await call(server, '/nope?x=1');
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ error: { message: 'Invalid URL (GET /v1/nope)', type: 'invalid_request_error', param: null, code: null } });
    const root = await call(server, '//models', { key: 'none' });
    expect(root.json.error.message).toBe('Invalid URL (GET /models)');
    const trailing = await call(server, '/fine_tuning/jobs/');
    expect(trailing.status).toBe(404);
    const wrong = await call(server, '/fine_tuning/jobs', { method: 'PUT', key: 'project', body: {} });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
    expect(wrong.json.error.type).toBe('invalid_request_error');
    const del = await call(server, '/organization/projects', { method: 'DELETE' });
    expect(del.status).toBe(405);
  });

  it('puts a fresh x-request-id and JSON content type on every answer', async () => {
    const ids = new Set<string>();
    const paths = [
      '/organization/projects',
      '/organization/projects/proj_nope',
      '/nope',
      '/fine_tuning/jobs',
      '/organization/projects?limit=x',
    ];
    for (const path of paths) {
      const res = await call(server, path);
      const id = res.headers.get('x-request-id') as string;
      expect(id, path).toMatch(REQUEST_ID);
      expect(res.headers.get('content-type'), path).toBe('application/json');
      ids.add(id);
    }
    expect(ids.size).toBe(paths.length);
  });

  it('records requests without the Authorization value', () => {
    const text = JSON.stringify(server.requests);
    expect(text).not.toContain(server.adminKey);
    expect(text).not.toContain(server.apiKey);
    const record = server.requests.find((r) => r.path === '/v1/organization/projects' && r.query.limit === '7');
    expect(record).toMatchObject({ method: 'GET', auth: 'admin', status: 200 });
  });
});
