// Sync plans and their application against the demo API over loopback: the server's state is the judge.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient, type Client } from '../../src/api/client';
import { startDemoServer, type DemoServer } from '../../src/demo/server';
import { applySync, planIsEmpty, planSync } from '../../src/ops/sync';
import { archiveProject, permissionOf, projectsOf, writesSince } from '../helpers/demo-data';

let demo: DemoServer;
let client: Client;
// 12 and 9 permissions: big enough to have something to add, remove and keep.
let from: string;
let to: string;

beforeEach(async () => {
  demo = await startDemoServer();
  client = createClient({ baseURL: demo.baseUrl, adminApiKey: demo.adminKey, maxRetries: 0 });
  from = demo.checkpoints[2]!;
  to = demo.checkpoints[3]!;
  // Seeded at random, the two may share no project: give the target two of the source's, so "unchanged" is tested too.
  const shared = projectsOf(demo, from)
    .filter((id) => !projectsOf(demo, to).includes(id))
    .slice(0, 2);
  await client.permissions.create(to, shared);
});

afterEach(async () => {
  await client.close();
  await demo.close();
});

const minus = (a: string[], b: string[]) => a.filter((id) => !b.includes(id)).sort();
const both = (a: string[], b: string[]) => a.filter((id) => b.includes(id)).sort();

describe('planSync', () => {
  it('plans a superset: what the source has and the target lacks, what both have, what only the target has', async () => {
    const source = projectsOf(demo, from);
    const target = projectsOf(demo, to);
    const mark = demo.requests.length;
    const plan = await planSync(client, from, to);
    expect(plan).toEqual({
      from,
      to,
      prune: false,
      add: minus(source, target),
      remove: [],
      unchanged: both(source, target),
      kept: minus(target, source),
    });
    // Sanity of the fixture: every part is non-trivial.
    expect(plan.add.length).toBeGreaterThan(0);
    expect(plan.unchanged.length).toBeGreaterThanOrEqual(2);
    expect(plan.kept.length).toBeGreaterThan(0);
    expect(planIsEmpty(plan)).toBe(false);
    expect(writesSince(demo, mark)).toEqual([]);
  });

  it('with prune, plans to remove exactly the target permissions of projects the source lacks', async () => {
    const source = projectsOf(demo, from);
    const plan = await planSync(client, from, to, { prune: true });
    const expectedRemove = demo.state
      .permissionsOf(to)
      .filter((p) => !source.includes(p.project_id))
      .sort((a, b) => a.project_id.localeCompare(b.project_id));
    expect(plan.prune).toBe(true);
    expect(plan.remove).toEqual(expectedRemove);
    expect(plan.kept).toEqual([]);
    expect(plan.add).toEqual(minus(source, projectsOf(demo, to)));
  });

  it('reads every page of a large checkpoint', async () => {
    const largest = demo.checkpoints[0]!;
    const plan = await planSync(client, largest, demo.emptyCheckpoint);
    expect(plan.add).toEqual(projectsOf(demo, largest));
    expect(plan.add).toHaveLength(137);
  });

  it('says a checkpoint synced with itself, or an equal one, has nothing to do', async () => {
    const plan = await planSync(client, from, to, { prune: true });
    await applySync(client, plan);
    expect(planIsEmpty(await planSync(client, from, to, { prune: true }))).toBe(true);
    expect(planIsEmpty(await planSync(client, from, to))).toBe(true);
  });
});

describe('applySync', () => {
  it('makes the target a superset of the source and reports each new permission', async () => {
    const source = projectsOf(demo, from);
    const target = projectsOf(demo, to);
    const plan = await planSync(client, from, to);
    const outcomes = await applySync(client, plan);

    expect(projectsOf(demo, to)).toEqual([...new Set([...source, ...target])].sort());
    expect(outcomes.map((o) => [o.projectId, o.action, o.ok])).toEqual(plan.add.map((id) => [id, 'add', true]));
    for (const outcome of outcomes) expect(outcome.permissionId).toBe(permissionOf(demo, to, outcome.projectId)!.id);
    // The source is untouched.
    expect(projectsOf(demo, from)).toEqual(source);
  });

  it('with prune makes both sets equal, one create call and one delete per removal', async () => {
    const source = projectsOf(demo, from);
    const plan = await planSync(client, from, to, { prune: true });
    const mark = demo.requests.length;
    const outcomes = await applySync(client, plan);

    expect(projectsOf(demo, to)).toEqual(source);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(outcomes.filter((o) => o.action === 'remove').map((o) => o.permissionId)).toEqual(plan.remove.map((p) => p.id));
    const writes = writesSince(demo, mark);
    expect(writes.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(writes.filter((r) => r.method === 'DELETE')).toHaveLength(plan.remove.length);
  });

  it('names every failure when the create call fails, and the server matches: nothing added, removals done', async () => {
    const plan = await planSync(client, from, to, { prune: true });
    const before = projectsOf(demo, to);
    // applySync sends the create call first: it gets the 500.
    demo.injectFault('500', { count: 1 });
    const outcomes = await applySync(client, plan);

    const adds = outcomes.filter((o) => o.action === 'add');
    expect(adds.map((o) => o.projectId)).toEqual(plan.add);
    for (const outcome of adds) {
      expect(outcome.ok).toBe(false);
      expect(outcome.reason).toMatch(/^500 /);
    }
    expect(outcomes.filter((o) => o.action === 'remove').every((o) => o.ok)).toBe(true);
    const removed = plan.remove.map((p) => p.project_id);
    expect(projectsOf(demo, to)).toEqual(before.filter((id) => !removed.includes(id)));
  });

  it('names the removals that failed; exactly those permissions are still on the server', async () => {
    // The empty checkpoint as source: a plan with only removals.
    const plan = await planSync(client, demo.emptyCheckpoint, to, { prune: true });
    expect(plan.add).toEqual([]);
    expect(plan.remove.length).toBeGreaterThanOrEqual(5);
    const mark = demo.requests.length;
    demo.injectFault('500', { count: 2 });
    const outcomes = await applySync(client, plan);

    const failed = outcomes.filter((o) => !o.ok);
    expect(failed).toHaveLength(2);
    for (const outcome of failed) expect(outcome.reason).toMatch(/^500 .*\(request req_[0-9a-f]+\)$/);
    // The failures are the requests the server faulted, and only their permissions remain.
    const faulted = demo.requests
      .slice(mark)
      .filter((r) => r.fault === '500')
      .map((r) => r.path.split('/').at(-1));
    expect(failed.map((o) => o.permissionId).sort()).toEqual(faulted.sort());
    expect(
      demo.state
        .permissionsOf(to)
        .map((p) => p.id)
        .sort(),
    ).toEqual(failed.map((o) => o.permissionId).sort());
  });

  it('when the API refuses the batch for one archived project, still gives the others access and says why that one failed', async () => {
    const plan = await planSync(client, from, to);
    expect(plan.add.length).toBeGreaterThanOrEqual(3);
    const archived = plan.add[1]!;
    archiveProject(demo, archived);
    const outcomes = await applySync(client, plan);

    const failed = outcomes.filter((o) => !o.ok);
    expect(failed.map((o) => o.projectId)).toEqual([archived]);
    expect(failed[0]!.reason).toMatch(/^400 .*archived/);
    expect(outcomes.map((o) => o.projectId)).toEqual(plan.add);
    const target = projectsOf(demo, to);
    for (const id of plan.add) expect(target.includes(id)).toBe(id !== archived);
  });
});
