import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import OpenAI from 'openai';
import { startDemoServer, type DemoServer } from '../../src/demo/server';

// The official SDK as an independent client: if it can page, create and delete, the wire format is right.
describe('official openai SDK against the demo server', () => {
  let server: DemoServer;
  let client: OpenAI;
  beforeAll(async () => {
    server = await startDemoServer();
    client = new OpenAI({ apiKey: server.apiKey, adminAPIKey: server.adminKey, baseURL: server.baseUrl, maxRetries: 0 });
  });
  afterAll(async () => {
    await server.close();
  });

  it('pages every permission with the SDK iterator', async () => {
    const ckpt = server.checkpoints[0] as string;
    const ids: string[] = [];
    for await (const p of client.fineTuning.checkpoints.permissions.list(ckpt, { limit: 25, order: 'ascending' })) ids.push(p.id);
    expect(ids).toEqual(server.state.permissionsOf(ckpt).map((p) => p.id));
  });

  it('creates and deletes with the SDK', async () => {
    const ckpt = server.checkpoints[2] as string;
    const has = new Set(server.state.permissionsOf(ckpt).map((p) => p.project_id));
    const free = server.state.projects().find((p) => p.status === 'active' && !has.has(p.id))?.id as string;
    const created = [];
    for await (const p of client.fineTuning.checkpoints.permissions.create(ckpt, { project_ids: [free] })) created.push(p);
    expect(created.map((p) => p.project_id)).toEqual([free]);
    const deleted = await client.fineTuning.checkpoints.permissions.delete(created[0]?.id as string, { fine_tuned_model_checkpoint: ckpt });
    expect(deleted).toEqual({ id: created[0]?.id, object: 'checkpoint.permission', deleted: true });
  });

  it('surfaces API errors with status, code and request id', async () => {
    const err = await client.fineTuning.checkpoints.permissions.list('ft:nope:x:y:z').then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(OpenAI.NotFoundError);
    expect((err as InstanceType<typeof OpenAI.NotFoundError>).code).toBe('model_not_found');
    expect((err as InstanceType<typeof OpenAI.NotFoundError>).requestID).toMatch(/^req_[0-9a-f]{32}$/);
  });

  it('lists jobs and job checkpoints with the project key', async () => {
    const jobs = [];
    for await (const job of client.fineTuning.jobs.list({ limit: 2 })) jobs.push(job.id);
    expect(jobs).toEqual(server.state.jobs().map((j) => j.id));
    const succeeded = server.state.jobs().find((j) => j.status === 'succeeded');
    const ckpts = [];
    for await (const c of client.fineTuning.jobs.checkpoints.list(succeeded?.id as string, { limit: 1 })) ckpts.push(c.step_number);
    expect(ckpts).toHaveLength(3);
  });
});
