// Every fault the demo API can inject, against each operation the tool makes, over real HTTP:
// retried where the SDK's policy says so, a create never repeated blindly, a delete idempotent in effect.
import { describe, expect, test, type TestContext } from 'vitest';
import { createClient, type Client } from '../../src/api/client';
import { InvalidResponseError } from '../../src/api/errors';
import type { RetryNotice } from '../../src/api/http';
import { startDemoServer, type DemoServer, type FaultKind, type InjectFaultOptions } from '../../src/demo/server';
import { waitFor } from '../helpers/wait';
import { countAs } from './figures';

/**
 * The client's per-request timeout where a request is stalled on purpose (`hang`, `hang-after` are never answered): the
 * retry after it must be answered within it, even on a loaded machine. Elsewhere the client's default.
 */
const STALL_TIMEOUT_MS = 5_000;

interface Setup {
  server: DemoServer;
  client: Client;
  /** With when each was heard, to check a wait announced against a date. */
  notices: (RetryNotice & { heardAt: number })[];
}

/** A demo server and a client of their own for one test (they run side by side), closed when it ends. */
async function setup(ctx: TestContext, { stalls = false } = {}): Promise<Setup> {
  const server = await startDemoServer();
  const timeoutMs = stalls ? STALL_TIMEOUT_MS : undefined;
  const client = createClient({ baseURL: server.baseUrl, adminApiKey: server.adminKey, apiKey: server.apiKey, timeoutMs });
  const notices: (RetryNotice & { heardAt: number })[] = [];
  client.onRetry((notice) => notices.push({ ...notice, heardAt: Date.now() }));
  ctx.onTestFinished(async () => {
    await client.close();
    await server.close();
  });
  return { server, client, notices };
}

const collect = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
};

/** A project with no access to the checkpoint yet. */
function freeProject(server: DemoServer, checkpoint: string): string {
  const has = new Set(server.state.permissionsOf(checkpoint).map((p) => p.project_id));
  return server.state.projects().find((p) => p.status === 'active' && !has.has(p.id))!.id;
}

interface Operation {
  name: string;
  method: 'GET' | 'POST' | 'DELETE';
  /** Runs the operation and checks its answer against the server's state; resolves to nothing. */
  run(s: Setup): Promise<void>;
}

const OPERATIONS: Operation[] = [
  {
    name: 'list permissions',
    method: 'GET',
    async run({ server, client }) {
      const checkpoint = server.checkpoints[0]!;
      const page = await client.permissions.list(checkpoint, { limit: 10 });
      const newest = server.state.permissionsOf(checkpoint).reverse().slice(0, 10);
      expect(page.data.map((p) => p.id)).toEqual(newest.map((p) => p.id));
    },
  },
  {
    name: 'create a permission',
    method: 'POST',
    async run({ server, client }) {
      const checkpoint = server.checkpoints[0]!;
      const project = freeProject(server, checkpoint);
      const created = await client.permissions.create(checkpoint, [project]);
      const held = server.state.permissionsOf(checkpoint).filter((p) => p.project_id === project);
      expect(held).toHaveLength(1);
      expect(created.data.map((p) => [p.project_id, p.id])).toEqual([[project, held[0]!.id]]);
    },
  },
  {
    name: 'delete a permission',
    method: 'DELETE',
    async run({ server, client }) {
      const checkpoint = server.checkpoints[0]!;
      const target = server.state.permissionsOf(checkpoint)[3]!;
      const deleted = await client.permissions.delete(checkpoint, target.id, { projectId: target.project_id });
      expect(deleted).toEqual({ object: 'checkpoint.permission', id: target.id, deleted: true });
      expect(server.state.permissionsOf(checkpoint).some((p) => p.id === target.id)).toBe(false);
    },
  },
  {
    name: 'load the project directory',
    method: 'GET',
    async run({ server, client }) {
      const projects = await collect(client.projects.all({ limit: 100 }));
      expect(projects.map((p) => p.id)).toEqual(
        server.state
          .projects()
          .filter((p) => p.status === 'active')
          .map((p) => p.id),
      );
    },
  },
  {
    name: 'browse fine-tuning jobs',
    method: 'GET',
    async run({ server, client }) {
      const jobs = await collect(client.jobs.all({ limit: 100 }));
      expect(new Set(jobs.map((j) => j.id))).toEqual(new Set(server.state.jobs().map((j) => j.id)));
    },
  },
];

interface Fault {
  label: string;
  kind: FaultKind;
  options?: InjectFaultOptions;
  /** The wait the retry notice should announce, in ms (with its tolerance), when the server sets it. */
  wait?: [number, number];
  /** For a retry-after date: the notice announces the time left until it, between the request's arrival and the notice. */
  until?: number;
}

const httpDate = (msFromNow: number) => new Date(Date.now() + msFromNow).toUTCString();

const FAULTS: (() => Fault)[] = [
  () => ({ label: '429 with retry-after in seconds', kind: '429', options: { retryAfter: '1' }, wait: [1000, 1] }),
  () => {
    // At least 3.9 s ahead (a date has whole seconds): the answer reaches the client before it even on a loaded machine
    // (1.9 s ahead, a run under two busy loops got its answer after the date).
    const date = httpDate(4900);
    return { label: '429 with retry-after as an HTTP date', kind: '429', options: { retryAfter: date }, until: Date.parse(date) };
  },
  () => ({ label: '429 with retry-after-ms', kind: '429', options: { retryAfter: '', retryAfterMs: '150' }, wait: [150, 1] }),
  () => ({ label: '500', kind: '500' }),
  () => ({ label: '502', kind: '502' }),
  () => ({ label: '503', kind: '503' }),
  () => ({ label: '504', kind: '504' }),
  () => ({ label: 'an HTML error page', kind: 'html' }),
  () => ({ label: 'an empty body', kind: 'empty' }),
  () => ({ label: 'a connection reset', kind: 'reset' }),
  () => ({ label: 'a server that never answers', kind: 'hang' }),
  () => ({ label: 'a reset after carrying the request out', kind: 'reset-after' }),
  () => ({ label: 'no answer after carrying the request out', kind: 'hang-after' }),
];

const rows = OPERATIONS.flatMap((operation) => FAULTS.map((fault) => ({ operation, fault, label: fault().label })));

describe.concurrent('each operation survives each fault', () => {
  test.for(rows)('$operation.name: $label', async ({ operation, fault: makeFault }, ctx) => {
    countAs(ctx, 'fault');
    const s = await setup(ctx, { stalls: makeFault().kind.startsWith('hang') });
    const fault = makeFault();
    const mark = s.server.requests.length;
    s.server.injectFault(fault.kind, { ...fault.options, method: operation.method });
    await operation.run(s);
    const mine = s.server.requests.slice(mark).filter((r) => r.method === operation.method);
    expect(mine[0]?.fault).toBe(fault.kind);
    // Retried once, and the retry notice says why and for how long.
    expect(s.notices).toHaveLength(1);
    expect(s.notices[0]!.method).toBe(operation.method);
    if (fault.wait) expect(Math.abs(s.notices[0]!.delayMs - fault.wait[0])).toBeLessThanOrEqual(fault.wait[1]);
    // A date means the time left when the answer is read: measured from the clock, whatever the machine's speed.
    if (fault.until !== undefined) {
      expect(s.notices[0]!.delayMs).toBeGreaterThan(0);
      expect(s.notices[0]!.delayMs).toBeLessThanOrEqual(fault.until - mine[0]!.at);
      expect(s.notices[0]!.delayMs).toBeGreaterThanOrEqual(fault.until - s.notices[0]!.heardAt);
    }
    const lost = fault.kind.endsWith('-after');
    const all = s.server.requests.slice(mark);
    const next = all[all.indexOf(mine[0]!) + 1];
    if (operation.method === 'POST') {
      // An answer that may hide a done create is followed by a re-read, never straight by another create.
      expect(next?.method).toBe(fault.kind === '429' ? 'POST' : 'GET');
      expect(mine).toHaveLength(lost ? 1 : 2);
    } else if (operation.method === 'DELETE') {
      expect(mine).toHaveLength(2);
      // The retry of a delete that was done finds it gone: reported as deleted all the same.
      expect(mine[1]!.status).toBe(lost ? 404 : 200);
    } else {
      // The same read again, and every other read answered.
      expect([next?.path, next?.query, next?.status]).toEqual([mine[0]!.path, mine[0]!.query, 200]);
      expect(mine.filter((r) => r.fault !== undefined)).toHaveLength(1);
    }
  });
});

describe.concurrent('an answer that is not JSON on a 200', () => {
  test.for(OPERATIONS)('$name', async (operation, ctx) => {
    countAs(ctx, 'fault');
    const s = await setup(ctx);
    const mark = s.server.requests.length;
    s.server.injectFault('malformed', { method: operation.method });
    if (operation.method === 'GET') {
      // A read is not retried (as the SDK): the caller is told the answer was unreadable.
      await expect(operation.run(s)).rejects.toThrow(InvalidResponseError);
      expect(s.server.requests.slice(mark)).toHaveLength(1);
      return;
    }
    // A change answered unreadably may have been done: found out before anything is sent again.
    await operation.run(s);
    const mine = s.server.requests.slice(mark);
    expect(mine[0]).toMatchObject({ method: operation.method, fault: 'malformed' });
    if (operation.method === 'POST') expect(mine[1]?.method).toBe('GET');
  });
});

describe('faults that outlast the retries', () => {
  test('a create whose every answer is lost is found done by the last re-read, not granted twice', async (ctx) => {
    countAs(ctx, 'fault');
    const s = await setup(ctx);
    const checkpoint = s.server.checkpoints[0]!;
    const projects = [freeProject(s.server, checkpoint)];
    s.server.injectFault('reset-after', { method: 'POST', count: 3 });
    const created = await s.client.permissions.create(checkpoint, projects);
    expect(created.data.map((p) => p.project_id)).toEqual(projects);
    // The first create was carried out; the re-read found it, so no second create was sent.
    expect(s.server.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(s.server.state.permissionsOf(checkpoint).filter((p) => p.project_id === projects[0])).toHaveLength(1);
  });

  test('a delete whose every answer is a 500 after it was done is found gone by a re-read', async (ctx) => {
    countAs(ctx, 'fault');
    const s = await setup(ctx);
    const checkpoint = s.server.checkpoints[0]!;
    const target = s.server.state.permissionsOf(checkpoint)[5]!;
    s.server.injectFault('500', { method: 'DELETE', count: 2 });
    s.server.injectFault('reset-after', { method: 'DELETE' });
    const deleted = await s.client.permissions.delete(checkpoint, target.id, { projectId: target.project_id });
    expect(deleted.deleted).toBe(true);
    expect(s.server.requests.filter((r) => r.method === 'DELETE')).toHaveLength(3);
    expect(s.server.state.permissionsOf(checkpoint).some((p) => p.id === target.id)).toBe(false);
  });

  test('a create that keeps failing before it is done ends with the last error and grants nothing', async (ctx) => {
    countAs(ctx, 'fault');
    const s = await setup(ctx);
    const checkpoint = s.server.checkpoints[0]!;
    const project = freeProject(s.server, checkpoint);
    s.server.injectFault('503', { method: 'POST', count: 3 });
    await expect(s.client.permissions.create(checkpoint, [project])).rejects.toThrow(/^503 /);
    expect(s.server.state.permissionsOf(checkpoint).some((p) => p.project_id === project)).toBe(false);
  });

  test('a 429 holds back every request of the batch, not only the one that got it', async (ctx) => {
    countAs(ctx, 'fault');
    const s = await setup(ctx);
    const checkpoint = s.server.checkpoints[0]!;
    const targets = s.server.state.permissionsOf(checkpoint).slice(0, 8);
    const mark = s.server.requests.length;
    s.server.injectFault('429', { method: 'DELETE', retryAfter: '', retryAfterMs: '600' });
    const first = s.client.permissions.delete(checkpoint, targets[0]!.id);
    // The client has heard the 429 before the rest are sent.
    await waitFor(() => s.notices.length > 0, 'the retry notice of the 429');
    // When the client heard it (in its callback), not when this loop looked: on a loaded machine the two differ.
    const limitedAt = s.notices[0]!.heardAt;
    await Promise.all([first, ...targets.slice(1).map((t) => s.client.permissions.delete(checkpoint, t.id))]);
    const after = s.server.requests.slice(mark).filter((r) => r.method === 'DELETE' && r.status === 200);
    expect(after).toHaveLength(8);
    expect(Math.min(...after.map((r) => r.at)) - limitedAt).toBeGreaterThanOrEqual(500);
  });
});
