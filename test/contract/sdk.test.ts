// The official OpenAI SDK as a client of our demo API: it must see exactly what our own client sees.
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from '../../src/api/client';
import { startDemoServer, type DemoServer } from '../../src/demo/server';

let server: DemoServer;
let sdk: OpenAI;
let ours: Client;

beforeAll(async () => {
  server = await startDemoServer();
  sdk = new OpenAI({ adminAPIKey: server.adminKey, apiKey: null, baseURL: server.baseUrl, maxRetries: 0 });
  ours = createClient({ baseURL: server.baseUrl, adminApiKey: server.adminKey, maxRetries: 0 });
});

afterAll(async () => {
  await ours.close();
  await server.close();
});

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('openai@6 SDK against the demo API', () => {
  it('auto-paginates every permission, in both orders, exactly as our client does', async () => {
    const checkpoint = server.checkpoints[0]!;
    for (const order of ['ascending', 'descending'] as const) {
      for (const limit of [7, 100]) {
        const viaSdk = await collect(sdk.fineTuning.checkpoints.permissions.list(checkpoint, { order, limit }));
        const viaUs = await collect(ours.permissions.all(checkpoint, { order, limit }));
        expect(viaSdk).toHaveLength(137);
        expect(viaSdk).toEqual(viaUs);
      }
    }
  });

  it('sees the same single page and the same filter', async () => {
    const checkpoint = server.checkpoints[1]!;
    const page = await sdk.fineTuning.checkpoints.permissions.retrieve(checkpoint, { limit: 3 });
    expect(page).toEqual(await ours.permissions.list(checkpoint, { limit: 3 }));
    const target = page.data[1]!;
    const filtered = await collect(sdk.fineTuning.checkpoints.permissions.list(checkpoint, { project_id: target.project_id }));
    expect(filtered).toEqual([target]);
  });

  it('creates and deletes permissions the server then has, or no longer has', async () => {
    const checkpoint = server.emptyCheckpoint;
    const projects = server.state
      .projects()
      .filter((p) => p.status === 'active')
      .slice(10, 13)
      .map((p) => p.id);
    const created = await collect(sdk.fineTuning.checkpoints.permissions.create(checkpoint, { project_ids: projects }));
    expect(created.map((p) => p.project_id)).toEqual(projects);
    expect(
      server.state
        .permissionsOf(checkpoint)
        .map((p) => p.id)
        .sort(),
    ).toEqual(created.map((p) => p.id).sort());
    expect(await collect(ours.permissions.all(checkpoint, { order: 'ascending' }))).toEqual(server.state.permissionsOf(checkpoint));

    const deleted = await sdk.fineTuning.checkpoints.permissions.delete(created[0]!.id, {
      fine_tuned_model_checkpoint: checkpoint,
    });
    expect(deleted).toEqual({ id: created[0]!.id, object: 'checkpoint.permission', deleted: true });
    expect(server.state.permissionsOf(checkpoint).map((p) => p.id)).not.toContain(created[0]!.id);
  });

  it('gets the API-shaped errors: 404 model_not_found and 401 for a wrong key', async () => {
    const missing = await sdk.fineTuning.checkpoints.permissions.retrieve('ft:nope:x').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(OpenAI.NotFoundError);
    expect((missing as InstanceType<typeof OpenAI.NotFoundError>).code).toBe('model_not_found');
    expect((missing as InstanceType<typeof OpenAI.NotFoundError>).requestID).toMatch(/^req_/);

    const wrong = new OpenAI({ adminAPIKey: 'sk-admin-wrongwrongwrong', apiKey: null, baseURL: server.baseUrl, maxRetries: 0 });
    const denied = await wrong.fineTuning.checkpoints.permissions.retrieve(server.checkpoints[0]!).catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(OpenAI.AuthenticationError);
  });

  it('lists jobs and job checkpoints with the project key', async () => {
    const jobsClient = new OpenAI({ apiKey: server.apiKey, baseURL: server.baseUrl, maxRetries: 0 });
    const jobs = await collect(jobsClient.fineTuning.jobs.list({ limit: 2 }));
    expect(jobs.map((j) => j.id)).toEqual(server.state.jobs().map((j) => j.id));
    const succeeded = jobs.find((j) => j.status === 'succeeded')!;
    const checkpoints = await collect(jobsClient.fineTuning.jobs.checkpoints.list(succeeded.id, { limit: 1 }));
    expect(checkpoints.length).toBeGreaterThanOrEqual(3);
  });
});
