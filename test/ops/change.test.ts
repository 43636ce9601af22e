// The change engine against the demo API over loopback: a stop ends a retry's wait (nothing more is sent), never an
// attempt in flight; what was done comes back as the plans that undo it. The server's state is the judge.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient, type Client } from '../../src/api/client';
import { startDemoServer, type DemoServer } from '../../src/demo/server';
import { runChange } from '../../src/ops/change';
import { changePlan } from '../../src/ops/change-plan';
import { applySync, type SyncPlan } from '../../src/ops/sync';
import { projectsOf, projectsWithoutAccess } from '../helpers/demo-data';
import { waitFor } from '../helpers/wait';

let demo: DemoServer;
let client: Client;
let checkpoint: string;

beforeEach(async () => {
  demo = await startDemoServer();
  client = createClient({ baseURL: demo.baseUrl, adminApiKey: demo.adminKey, maxRetries: 2 });
  checkpoint = demo.checkpoints[3]!;
});

afterEach(async () => {
  await client.close();
  await demo.close();
});

const deletes = (mark: number) => demo.requests.slice(mark).filter((r) => r.method === 'DELETE').length;

/** A sync whose only change removes this permission (the API every caller of the engine had before it). */
const removing = (permission: SyncPlan['remove'][number]): SyncPlan => ({
  from: demo.checkpoints[2]!,
  to: checkpoint,
  prune: true,
  add: [],
  remove: [permission],
  unchanged: [],
  kept: [],
});

describe('a stop', () => {
  it('during a retry’s wait sends nothing more: the change is not started, and still on the server', async () => {
    const permission = demo.state.permissionsOf(checkpoint)[0]!;
    demo.injectFault('429', { method: 'DELETE', retryAfter: '30' });
    const stop = new AbortController();
    const mark = demo.requests.length;
    const running = applySync(client, removing(permission), { stop: stop.signal });
    await waitFor(() => demo.requests.slice(mark).some((r) => r.status === 429), 'the rate-limited delete');
    stop.abort();
    const [outcome] = await running;
    expect(outcome).toMatchObject({ action: 'remove', status: 'not started', ok: false });
    expect(deletes(mark)).toBe(1);
    expect(demo.state.permissionsOf(checkpoint).some((p) => p.id === permission.id)).toBe(true);
  });

  it('while a delete is in flight lets it finish: its outcome is the server’s answer', async () => {
    const permission = demo.state.permissionsOf(checkpoint)[0]!;
    demo.setLatency(300);
    const stop = new AbortController();
    const mark = demo.requests.length;
    const running = applySync(client, removing(permission), { stop: stop.signal });
    await waitFor(() => deletes(mark) === 1, 'the delete sent');
    stop.abort();
    const [outcome] = await running;
    expect(outcome).toMatchObject({ action: 'remove', status: 'done', ok: true, permissionId: permission.id });
    expect(demo.state.permissionsOf(checkpoint).some((p) => p.id === permission.id)).toBe(false);
  });
});

describe('the undo record', () => {
  it('is the inverse plan of what was done, and running it puts the projects back as they were', async () => {
    const before = projectsOf(demo, checkpoint);
    const [gone1, gone2] = demo.state.permissionsOf(checkpoint);
    const [added] = projectsWithoutAccess(demo, [checkpoint]);
    const result = await runChange(client, 'apply', [changePlan(checkpoint, { add: [added!], remove: [gone1!, gone2!] })]);
    expect(result.outcomes.map((o) => [o.action, o.projectId, o.status])).toEqual([
      ['add', added, 'done'],
      ['remove', gone1!.project_id, 'done'],
      ['remove', gone2!.project_id, 'done'],
    ]);
    const created = result.outcomes[0]!.permissionId;
    expect(result.undo).toHaveLength(1);
    expect(result.undo[0]).toMatchObject({ checkpoint, add: [gone1!.project_id, gone2!.project_id] });
    expect(result.undo[0]!.remove.map((p) => [p.id, p.project_id])).toEqual([[created, added]]);

    const undone = await runChange(client, 'undo', result.undo);
    expect(undone.outcomes.every((o) => o.status === 'done')).toBe(true);
    expect(projectsOf(demo, checkpoint).sort()).toEqual([...before].sort());
    // Undoing the undo is a plan too: the step back redone.
    expect(undone.undo[0]).toMatchObject({ checkpoint, add: [added] });
  });
});
