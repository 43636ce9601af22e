// A full walk from both ends against the demo API over loopback: exactly the one-way walk's items in the same order,
// every size and both orders, filtered and not, with the requests the demo logged counted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client, type PermissionQuery } from '../../src/api/client';
import type { FollowOptions } from '../../src/api/paginate';
import { startDemoServer, type DemoServer } from '../../src/demo/server';

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
