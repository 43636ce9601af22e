// The fine-tuning jobs with their checkpoints, read a page of jobs at a time, against the demo API over loopback.
import { afterEach, describe, expect, it } from 'vitest';
import { createClient, type Client } from '../../src/api/client';
import { startDemoServer, type DemoServer } from '../../src/demo/server';
import { jobsWithCheckpoints, type JobsProgress } from '../../src/ops/jobs';
import { failingProxy, type FailingProxy } from '../helpers/proxy';
import { waitFor } from '../helpers/wait';

let demo: DemoServer | undefined;
let client: Client | undefined;
let proxy: FailingProxy | undefined;
afterEach(async () => {
  proxy?.release();
  await client?.close();
  await proxy?.close();
  await demo?.close();
  demo = client = proxy = undefined;
});

describe('jobsWithCheckpoints', () => {
  it('tells of each job in the jobs’ order as it is read, the count listed, and ends with every job', async () => {
    demo = await startDemoServer({ jobs: 250 });
    client = createClient({ baseURL: demo.baseUrl, adminApiKey: demo.adminKey, apiKey: demo.apiKey, maxRetries: 0 });
    const told: JobsProgress[] = [];
    const results = await jobsWithCheckpoints(client, { onProgress: (progress) => told.push(progress) });
    const models = demo.state.jobs().filter((job) => job.fine_tuned_model);
    expect(results.map((r) => r.item.id)).toEqual(models.map((job) => job.id));
    expect(told.flatMap((p) => p.ready.map((r) => r.item.id))).toEqual(models.map((job) => job.id));
    for (const result of results) {
      expect(result.ok && result.value.map((c) => c.id)).toEqual(demo.state.jobCheckpoints(result.item.id).map((c) => c.id));
    }
    // Listed a page at a time (100 jobs, the running one has no model), the whole count known with the last page.
    expect([...new Set(told.map((p) => p.listed))]).toEqual([99, 199, models.length]);
    expect(told.filter((p) => p.allListed).every((p) => p.listed === models.length)).toBe(true);
    expect(told.at(-1)).toEqual({ ready: [], listed: models.length, allListed: true });
  });

  it('keeps no more than `concurrency` checkpoint requests in flight', async () => {
    demo = await startDemoServer({ jobs: 40 });
    proxy = await failingProxy(demo.baseUrl, undefined, 503, { hold: (path) => path.endsWith('/checkpoints') });
    client = createClient({ baseURL: proxy.url, adminApiKey: demo.adminKey, apiKey: demo.apiKey, maxRetries: 0 });
    const reading = jobsWithCheckpoints(client, { concurrency: 3 });
    const asked = () => proxy!.requests.filter((r) => r.includes('/checkpoints')).length;
    // All held: the first three are asked for, and the next waits for an answer (the pool starts its workers at once).
    await waitFor(() => asked() >= 3, 'three checkpoint requests');
    expect(asked()).toBe(3);
    proxy.release();
    expect(await reading).toHaveLength(39);
  });
});
