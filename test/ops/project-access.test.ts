// Which checkpoints can a project use: one filtered lookup per candidate, against the demo API over loopback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from '../../src/api/client';
import { startDemoServer, type DemoServer } from '../../src/demo/server';
import { candidateCheckpoints, projectAccess } from '../../src/ops/project-access';
import { permissionOf, projectsWithoutAccess } from '../helpers/demo-data';
import { failingProxy } from '../helpers/proxy';

let demo: DemoServer;
let client: Client;
let project: string;
let withAccess: string[];

beforeAll(async () => {
  demo = await startDemoServer();
  client = createClient({ baseURL: demo.baseUrl, adminApiKey: demo.adminKey, apiKey: demo.apiKey, maxRetries: 0 });
  // A project with access to no checkpoint yet, then given access to 8 of the 12 through the API.
  project = projectsWithoutAccess(demo, demo.checkpoints)[0]!;
  withAccess = demo.checkpoints.filter((_, i) => i % 3 !== 1);
  expect(withAccess).toHaveLength(8);
  for (const checkpoint of withAccess) await client.permissions.create(checkpoint, [project]);
});

afterAll(async () => {
  await client.close();
  await demo.close();
});

describe('projectAccess', () => {
  it('finds exactly the checkpoints the project may use, with the server’s permission for each', async () => {
    const results = await projectAccess(client, project, demo.checkpoints);
    expect(results.map((r) => r.checkpoint)).toEqual(demo.checkpoints);
    expect(results.filter((r) => r.error !== undefined)).toEqual([]);
    const found = results.filter((r) => r.permission).map((r) => r.checkpoint);
    expect(found).toEqual(withAccess);
    for (const result of results) expect(result.permission).toEqual(permissionOf(demo, result.checkpoint, project));
  });

  it('asks with the project_id filter, one request per checkpoint', async () => {
    const mark = demo.requests.length;
    await projectAccess(client, project, demo.checkpoints);
    const requests = demo.requests.slice(mark);
    expect(requests).toHaveLength(12);
    for (const r of requests) expect(r.query.project_id).toBe(project);
  });

  it('reports progress from 0 to N, one step per lookup', async () => {
    const seen: [number, number][] = [];
    await projectAccess(client, project, demo.checkpoints, { onProgress: (done, total) => seen.push([done, total]) });
    expect(seen).toEqual(Array.from({ length: 13 }, (_, i) => [i, 12]));
  });

  it('reports a failing lookup and still finds the rest', async () => {
    demo.injectFault('500', { count: 1 });
    const results = await projectAccess(client, project, demo.checkpoints, { concurrency: 1 });
    const failed = results.filter((r) => r.error !== undefined);
    expect(failed.map((r) => r.checkpoint)).toEqual([demo.checkpoints[0]]);
    expect(failed[0]!.error).toMatch(/^500 .*\(request req_[0-9a-f]+\)$/);
    expect(failed[0]!.permission).toBeUndefined();
    const found = results.filter((r) => r.permission).map((r) => r.checkpoint);
    expect(found).toEqual(withAccess.filter((c) => c !== demo.checkpoints[0]));
  });

  it('reports an unknown checkpoint as a failed lookup', async () => {
    const results = await projectAccess(client, project, ['ft:gpt-4o-mini:acme:gone:xyz', withAccess[0]!]);
    expect(results[0]!.error).toMatch(/^404 model_not_found/);
    expect(results[1]!.permission).toEqual(permissionOf(demo, withAccess[0]!, project));
  });
});

describe('candidateCheckpoints', () => {
  it('is every fine-tuned model and checkpoint of the jobs, then the recent ones, without duplicates', async () => {
    const recent = ['ft:gpt-4o-mini:acme:recent:one', demo.checkpoints[0]!];
    const ids = await candidateCheckpoints(client, recent);
    expect([...ids].sort()).toEqual([...demo.checkpoints, recent[0]!].sort());
    expect(ids.at(-1)).toBe(recent[0]);
  });

  it('without an ordinary key is only the recent ones, and reads no jobs', async () => {
    const adminOnly = createClient({ baseURL: demo.baseUrl, adminApiKey: demo.adminKey });
    const mark = demo.requests.length;
    expect(await candidateCheckpoints(adminOnly, ['ft:a:b', 'ft:a:b', 'ft:c:d'])).toEqual(['ft:a:b', 'ft:c:d']);
    expect(demo.requests.length).toBe(mark);
    await adminOnly.close();
  });

  it('says which job’s checkpoints could not be read, and keeps its fine-tuned model', async () => {
    // A loopback proxy in front of the demo that fails one job's checkpoint list.
    const job = demo.state.jobs().find((j) => j.fine_tuned_model)!;
    const proxy = await failingProxy(demo.baseUrl, `/fine_tuning/jobs/${job.id}/checkpoints`);
    const viaProxy = createClient({ baseURL: proxy.url, adminApiKey: demo.adminKey, apiKey: demo.apiKey, maxRetries: 0 });
    const skipped: string[] = [];
    try {
      const ids = await candidateCheckpoints(viaProxy, [], undefined, (j, error) =>
        skipped.push(`${j.id} ${j.fine_tuned_model} ${String(error)}`),
      );
      const lost = demo.state.jobCheckpoints(job.id).map((c) => c.fine_tuned_model_checkpoint);
      expect(lost.length).toBeGreaterThan(0);
      expect([...ids].sort()).toEqual(demo.checkpoints.filter((c) => !lost.includes(c)).sort());
      expect(ids).toContain(job.fine_tuned_model);
      expect(skipped).toHaveLength(1);
      expect(skipped[0]).toMatch(new RegExp(`^${job.id} ${job.fine_tuned_model} .*503`));
    } finally {
      await viaProxy.close();
      await proxy.close();
    }
  });
});
