// A full walk from both ends against the demo API over loopback: exactly the one-way walk's items in the same order,
// every size and both orders, filtered and not, with the requests the demo logged counted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client, type PermissionQuery } from '../../src/api/client';
import type { FollowOptions } from '../../src/api/paginate';
import { startDemoServer, type DemoServer } from '../../src/demo/server';
import { waitFor } from '../helpers/wait';

const SIZES = [0, 1, 99, 100, 101, 199, 200, 201, 300, 9_900, 10_000];
// One request for a list of one page, then one from each end at a time until they meet (docs/architecture.md, Walks).
// The one-way walk takes ceil(N / 100) (the demo says has_more false on a page that ends the list). Lists of 100 × an
// odd number from 300 on tile exactly: the ends meet only a pair later, two requests more than one way.
const REQUESTS: Record<number, [oneWay: number, bothEnds: number]> = {
  0: [1, 1],
  1: [1, 1],
  99: [1, 1],
  100: [1, 1],
  101: [2, 3],
  199: [2, 3],
  200: [2, 3],
  201: [3, 3],
  300: [3, 5],
  9_900: [99, 101],
  10_000: [100, 101],
};

interface Walked {
  ids: string[];
  requests: number;
  orders: (string | null)[];
}

async function walk(demo: DemoServer, client: Client, query: PermissionQuery, follow: FollowOptions): Promise<Walked> {
  const before = demo.requests.length;
  const ids: string[] = [];
  for await (const page of client.permissions.pages(demo.checkpoints[0]!, query, follow)) ids.push(...page.data.map((p) => p.id));
  const asked = demo.requests.slice(before);
  return { ids, requests: asked.length, orders: asked.map((r) => r.query.order ?? null) };
}

describe.each(SIZES)('a checkpoint with %i permissions', (size) => {
  let demo: DemoServer;
  let client: Client;

  beforeAll(async () => {
    demo = await startDemoServer({ permissions: size, latencyMs: 1 });
    client = createClient({ baseURL: demo.baseUrl, adminApiKey: demo.adminKey, maxRetries: 0 });
  });

  afterAll(async () => {
    await client.close();
    await demo.close();
  });

  it.for(['ascending', 'descending', undefined] as const)('order %s: the one-way walk, item for item', async (order) => {
    const query = order === undefined ? {} : { order };
    const oneWay = await walk(demo, client, query, {});
    const bothEnds = await walk(demo, client, query, { bothEnds: true });
    expect(oneWay.ids).toHaveLength(size);
    expect(new Set(oneWay.ids).size).toBe(size);
    expect(bothEnds.ids).toEqual(oneWay.ids);
    expect([oneWay.requests, bothEnds.requests]).toEqual(REQUESTS[size]);
    // The first request as asked, then the other order every second request.
    const other = order === 'ascending' ? 'descending' : 'ascending';
    expect(bothEnds.orders.filter((o) => o === other)).toHaveLength((bothEnds.requests - 1) / 2);
  });

  it('with the project_id filter: one request, the same answer', async () => {
    const holder = demo.state.permissionsOf(demo.checkpoints[0]!).at(size >> 1)?.project_id ?? 'proj_nobodyHasThisOne000000';
    const oneWay = await walk(demo, client, { project_id: holder }, {});
    const bothEnds = await walk(demo, client, { project_id: holder }, { bothEnds: true });
    expect(bothEnds).toEqual(oneWay);
    expect(bothEnds.ids).toHaveLength(size === 0 ? 0 : 1);
    expect(bothEnds.requests).toBe(1);
  });
});

describe('a permission added or removed during the walk', () => {
  it('is listed as a cursor found it: gone before a cursor reached it, missing; read before it went, listed; new once the newest end was read, missing', async () => {
    // More projects than permissions: some are free to be given access during the walk.
    const demo = await startDemoServer({ permissions: 1_000, projects: 1_500 });
    const client = createClient({ baseURL: demo.baseUrl, adminApiKey: demo.adminKey, maxRetries: 0 });
    try {
      const checkpoint = demo.checkpoints[0]!;
      const original = demo.state.permissionsOf(checkpoint).map((p) => p.id);
      const holders = new Set(demo.state.permissionsOf(checkpoint).map((p) => p.project_id));
      const [early, late] = demo.state.projects().filter((p) => p.status === 'active' && !holders.has(p.id));
      const grant = (project: string) => demo.state.createPermissions(checkpoint, [project], Date.now() / 1000).data[0]!.id;
      const revoke = (index: number) => demo.state.deletePermission(checkpoint, original[index]!);
      const pages = client.permissions.pages(checkpoint, { order: 'ascending' }, { bothEnds: true })[Symbol.asyncIterator]();
      const ids: string[] = [];
      const next = async () => {
        const step = await pages.next();
        if (!step.done) ids.push(...step.value.data.map((p) => p.id));
        return step.done;
      };
      await next(); // the first page alone: 0–99
      revoke(50); // read: listed
      revoke(500); // not reached: missing
      const first = grant(early!.id); // the newest end not yet read: listed
      await next(); // the front's 100–199, while the far end reads the newest 100
      const farEndRead = () => demo.requests.some((r) => r.query.order === 'descending' && r.status === 200);
      await waitFor(farEndRead, "the far end's first page");
      revoke(150); // read by the front: listed
      revoke(950); // read by the far end: listed
      revoke(600); // not reached: missing
      grant(late!.id); // newer than the far end's first page: missing
      while (!(await next()));
      expect(ids).toEqual([...original.filter((_, i) => i !== 500 && i !== 600), first]);
    } finally {
      await client.close();
      await demo.close();
    }
  });
});
