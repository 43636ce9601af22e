// The API client against the embedded demo API, over real loopback HTTP.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createClient, type Client, type ClientOptions } from '../../src/api/client';
import { AbortError, ApiError, ConfigError, ConnectionError, InvalidResponseError, TimeoutError } from '../../src/api/errors';
import type { Permission } from '../../src/api/types';
import { startDemoServer, type DemoServer } from '../../src/demo/server';
import { settles, waitFor } from '../helpers/wait';

let server: DemoServer;
let largest: string;
const clients: Client[] = [];

function client(overrides: Partial<ClientOptions> = {}): Client {
  const made = createClient({ baseURL: server.baseUrl, adminApiKey: server.adminKey, apiKey: server.apiKey, ...overrides });
  clients.push(made);
  return made;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const ids = (items: { id: string }[]) => items.map((item) => item.id);
const requestsSince = (mark: number) => server.requests.slice(mark);

beforeAll(async () => {
  server = await startDemoServer();
  largest = server.checkpoints[0]!;
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await server.close();
});

beforeEach(() => {
  server.setFaults({});
  server.setLatency(0);
});

describe('permissions', () => {
  it('pages through all 137 permissions in both orders with several limits, none missed or repeated', async () => {
    const api = client();
    const ascending = ids(server.state.permissionsOf(largest));
    expect(ascending).toHaveLength(137);
    for (const limit of [1, 7, 10, 100]) {
      const mark = server.requests.length;
      const up = ids(await collect(api.permissions.all(largest, { order: 'ascending', limit })));
      expect(up).toEqual(ascending);
      expect(requestsSince(mark)).toHaveLength(Math.ceil(137 / limit));
      const down = ids(await collect(api.permissions.all(largest, { order: 'descending', limit })));
      expect(down).toEqual([...ascending].reverse());
    }
  });

  it('returns one page exactly as the API shapes it', async () => {
    const page = await client().permissions.list(largest, { limit: 2 });
    expect(Object.keys(page)).toEqual(['object', 'data', 'first_id', 'last_id', 'has_more']);
    expect(page.data).toHaveLength(2);
    expect(Object.keys(page.data[0]!)).toEqual(['object', 'id', 'created_at', 'project_id']);
    expect(page.first_id).toBe(page.data[0]!.id);
    expect(page.last_id).toBe(page.data[1]!.id);
    expect(page.has_more).toBe(true);
  });

  it('spends an item budget with as few requests as possible', async () => {
    const mark = server.requests.length;
    const got = await collect(client().permissions.all(largest, { limit: 10 }, { maxItems: 25 }));
    expect(got).toHaveLength(25);
    const limits = requestsSince(mark).map((r) => r.query.limit);
    expect(limits).toEqual(['10', '10', '5']);

    const mark2 = server.requests.length;
    const all = await collect(client().permissions.all(largest, {}, { maxItems: -1 }));
    expect(all).toHaveLength(137);
    expect(requestsSince(mark2).map((r) => r.query.limit)).toEqual(['100', '100']);
  });

  it('filters by project id on the server', async () => {
    const target = server.state.permissionsOf(largest)[42]!;
    const page = await client().permissions.list(largest, { project_id: target.project_id });
    expect(page.data).toEqual([target]);
  });

  it('creates without duplicating and deletes, as the server then shows', async () => {
    const api = client();
    const ckpt = server.emptyCheckpoint;
    const [first, second] = server.state
      .projects()
      .filter((p) => p.status === 'active')
      .map((p) => p.id);
    const created = await api.permissions.create(ckpt, [first!, second!]);
    expect(created.data.map((p) => p.project_id)).toEqual([first, second]);
    expect(
      server.state
        .permissionsOf(ckpt)
        .map((p) => p.project_id)
        .sort(),
    ).toEqual([first, second].sort());

    const again = await api.permissions.create(ckpt, [first!]);
    expect(again.data).toEqual([]);
    expect(server.state.permissionsOf(ckpt)).toHaveLength(2);

    const victim = created.data[0]!;
    const deleted = await api.permissions.delete(ckpt, victim.id);
    expect(deleted).toEqual({ id: victim.id, object: 'checkpoint.permission', deleted: true });
    expect(ids(server.state.permissionsOf(ckpt))).toEqual([created.data[1]!.id]);

    const gone = await api.permissions.delete(ckpt, victim.id).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(ApiError);
    expect((gone as ApiError).status).toBe(404);
    await api.permissions.delete(ckpt, created.data[1]!.id);
    expect(server.state.permissionsOf(ckpt)).toEqual([]);
  });

  it('reports an unknown checkpoint as the API does: 404 model_not_found with a request id', async () => {
    const error = (await client()
      .permissions.list('ft:gpt-4o-mini:acme:nope:XXXX')
      .catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(404);
    expect(error.code).toBe('model_not_found');
    expect(error.apiMessage).toContain('ft:gpt-4o-mini:acme:nope:XXXX');
    expect(error.requestId).toMatch(/^req_[0-9a-f]{32}$/);
  });

  it('sends odd checkpoint ids encoded so that the server sees exactly the id', async () => {
    for (const odd of ['ft:a b/c?d#e%f', 'ft:ünï:cödé', 'ft:x:..:y', '%2e%2e']) {
      const mark = server.requests.length;
      const error = (await client()
        .permissions.list(odd)
        .catch((e: unknown) => e)) as ApiError;
      expect(error.code).toBe('model_not_found');
      expect(error.apiMessage).toContain(odd);
      expect(requestsSince(mark)[0]!.path).toBe(`/v1/fine_tuning/checkpoints/${odd}/permissions`);
    }
  });

  it('refuses "." and ".." as ids without sending anything', async () => {
    const mark = server.requests.length;
    await expect(client().permissions.list('..')).rejects.toThrow(ConfigError);
    await expect(client().permissions.delete(largest, '.')).rejects.toThrow(ConfigError);
    expect(server.requests.length).toBe(mark);
  });
});

describe('projects and jobs', () => {
  it('lists organization projects across pages, archived ones only on request', async () => {
    const api = client();
    const active = await collect(api.projects.all({ limit: 7 }));
    const everything = await collect(api.projects.all({ include_archived: true }));
    const expectedActive = server.state.projects().filter((p) => p.status === 'active');
    expect(ids(active)).toEqual(ids(expectedActive));
    expect(ids(everything)).toEqual(ids(server.state.projects()));
    expect(everything.length).toBeGreaterThan(active.length);
    const one = await api.projects.retrieve(active[3]!.id);
    expect(one).toEqual(active[3]);
  });

  it('lists jobs and their checkpoints with the ordinary key, paging by the last item id', async () => {
    const api = client();
    const jobs = await collect(api.jobs.all({ limit: 1 }));
    expect(ids(jobs)).toEqual(ids(server.state.jobs()));
    const succeeded = jobs.filter((j) => j.status === 'succeeded');
    expect(succeeded.length).toBeGreaterThanOrEqual(3);
    expect(jobs.some((j) => j.fine_tuned_model === null)).toBe(true);
    const job = await api.jobs.retrieve(succeeded[0]!.id);
    expect(job).toEqual(succeeded[0]);
    const checkpoints = await collect(api.jobs.allCheckpoints(job.id, { limit: 1 }));
    expect(checkpoints.length).toBeGreaterThanOrEqual(3);
    expect(checkpoints.every((c) => c.fine_tuning_job_id === job.id && /:ckpt-step-\d+$/.test(c.fine_tuned_model_checkpoint))).toBe(true);
    expect(checkpoints.map((c) => c.step_number)).toEqual([...checkpoints.map((c) => c.step_number)].sort((a, b) => b - a));
  });
});

describe('keys', () => {
  it('fails before any request when the needed key is missing', async () => {
    const mark = server.requests.length;
    const noAdmin = client({ adminApiKey: undefined });
    await expect(noAdmin.permissions.list(largest)).rejects.toThrow(/OPENAI_ADMIN_KEY/);
    const noProject = client({ apiKey: undefined });
    await expect(noProject.jobs.list()).rejects.toThrow(/OPENAI_API_KEY/);
    expect(server.requests.length).toBe(mark);
  });

  it('reports a wrong key as 401 without ever showing the key', async () => {
    const wrongKey = 'sk-admin-WRONGwrongWRONGwrong1234567890abcd';
    const error = (await client({ adminApiKey: wrongKey })
      .permissions.list(largest)
      .catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(401);
    expect(error.code).toBe('invalid_api_key');
    expect(`${error.message} ${error.apiMessage} ${error.stack} ${JSON.stringify(error)}`).not.toContain(wrongKey);
  });

  it('says a project key lacks the admin scopes', async () => {
    const error = (await client({ adminApiKey: server.apiKey })
      .permissions.list(largest)
      .catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(401);
    expect(error.apiMessage).toMatch(/insufficient permissions.*api\.management\.read/);
  });

  it('drops whitespace around a pasted key and refuses one with a break inside', async () => {
    const page = await client({ adminApiKey: `  ${server.adminKey}\n` }).permissions.list(largest, { limit: 1 });
    expect(page.data).toHaveLength(1);
    expect(() => client({ adminApiKey: `sk-admin-abc\ndef` })).toThrow(ConfigError);
  });

  it('never sends a key over plain http to a host other than loopback', () => {
    for (const baseURL of ['http://api.example.invalid/v1', 'http://203.0.113.5/v1', 'http://[2001:db8::1]/v1']) {
      expect(() => client({ baseURL })).toThrow(/refusing to send an API key over plain http/);
    }
    for (const baseURL of ['http://127.0.0.1:1/v1', 'http://localhost:1/v1', 'http://[::1]:1/v1', 'https://api.openai.com/v1']) {
      expect(() => client({ baseURL })).not.toThrow();
    }
  });

  it('does not show its keys when the client is printed', () => {
    const api = client();
    expect(JSON.stringify(api)).not.toContain(server.adminKey);
    expect(String(Object.values(api))).not.toContain(server.adminKey);
  });
});

describe('retries, timeouts and bad answers', () => {
  it('waits out retry-after (seconds) on a 429, then succeeds', async () => {
    server.injectFault('429', { retryAfter: '1' });
    const mark = server.requests.length;
    const started = Date.now();
    const page = await client().permissions.list(largest, { limit: 3 });
    expect(page.data).toHaveLength(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(requestsSince(mark).map((r) => r.status)).toEqual([429, 200]);
  });

  it('prefers retry-after-ms when the server sends it', async () => {
    server.injectFault('429', { retryAfterMs: '150', retryAfter: '30' });
    const api = client();
    const delays: number[] = [];
    api.onRetry((notice) => delays.push(notice.delayMs));
    const started = Date.now();
    await api.permissions.list(largest, { limit: 1 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    // The wait it chose, not how long it took: 150 ms, not retry-after's 30 s.
    expect(delays).toEqual([150]);
  });

  it('gives up after the retry budget with the last error', async () => {
    server.injectFault('503', { count: 3, retryAfterMs: '10' });
    const mark = server.requests.length;
    const error = (await client({ maxRetries: 2 })
      .permissions.list(largest)
      .catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(503);
    expect(requestsSince(mark)).toHaveLength(3);

    server.injectFault('500', { count: 1 });
    const mark2 = server.requests.length;
    await expect(client({ maxRetries: 0 }).permissions.list(largest)).rejects.toThrow(ApiError);
    expect(requestsSince(mark2)).toHaveLength(1);
  });

  it('does not retry a client error', async () => {
    const mark = server.requests.length;
    await expect(client().permissions.list('ft:unknown:x')).rejects.toThrow(ApiError);
    expect(requestsSince(mark)).toHaveLength(1);
  });

  it('retries a connection reset and reports one when the budget is spent', async () => {
    server.injectFault('reset');
    const page = await client().permissions.list(largest, { limit: 1 });
    expect(page.data).toHaveLength(1);
    server.injectFault('reset');
    await expect(client({ maxRetries: 0 }).permissions.list(largest)).rejects.toThrow(ConnectionError);
  });

  it('times out a server that never answers', async () => {
    server.injectFault('hang');
    const error = await client({ timeoutMs: 300, maxRetries: 0 })
      .permissions.list(largest)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toContain('300 ms');
  });

  it('stops at once when the caller aborts, also while waiting to retry', async () => {
    // Aborted once the request is with a server that never answers: only the abort can end it (the ceiling is far shorter
    // than the client's timeout).
    server.injectFault('hang');
    const mark = server.requests.length;
    const controller = new AbortController();
    const pending = client({ timeoutMs: 120_000 }).permissions.list(largest, {}, { signal: controller.signal });
    await waitFor(() => server.requests.length > mark, 'the request to reach the server');
    controller.abort();
    await expect(settles(pending, 'the aborted request to end')).rejects.toThrow(AbortError);

    // Aborted while it waits 59 s to retry a 429: the abort, not the wait, ends it.
    server.injectFault('429', { retryAfter: '59' });
    const second = new AbortController();
    const api = client();
    const retrying = new Promise<void>((resolve) => api.onRetry(() => resolve()));
    const waiting = api.permissions.list(largest, {}, { signal: second.signal });
    await settles(retrying, 'the retry notice');
    second.abort();
    await expect(settles(waiting, 'the aborted retry wait to end')).rejects.toThrow(AbortError);
  });

  it('explains malformed JSON, an HTML error page and an empty error body', async () => {
    server.injectFault('malformed');
    const malformed = await client({ maxRetries: 0 })
      .permissions.list(largest)
      .catch((e: unknown) => e);
    expect(malformed).toBeInstanceOf(InvalidResponseError);
    expect((malformed as Error).message).toMatch(/not valid JSON/);

    server.injectFault('html');
    const html = (await client({ maxRetries: 0 })
      .permissions.list(largest)
      .catch((e: unknown) => e)) as ApiError;
    expect(html.status).toBe(502);
    expect(html.apiMessage).toMatch(/HTML page/);
    expect(html.apiMessage).not.toMatch(/<[a-z]/i);

    server.injectFault('empty');
    const empty = (await client({ maxRetries: 0 })
      .permissions.list(largest)
      .catch((e: unknown) => e)) as ApiError;
    expect(empty.status).toBe(503);
    expect(empty.apiMessage).toMatch(/empty response body/);
  });
});

describe('the cursor walk itself', () => {
  it('stops part-way when its signal is aborted', async () => {
    const controller = new AbortController();
    const seen: Permission[] = [];
    server.setLatency(50);
    const walk = (async () => {
      for await (const permission of client().permissions.all(largest, { limit: 10 }, { signal: controller.signal })) {
        seen.push(permission);
        if (seen.length === 25) controller.abort();
      }
    })();
    await expect(walk).rejects.toThrow(AbortError);
    expect(seen.length).toBeGreaterThanOrEqual(25);
    expect(seen.length).toBeLessThan(137);
  });

  it('survives random faults and still returns every permission exactly once', async () => {
    server.setFaults({ '429': 0.1, '500': 0.1, reset: 0.05 });
    server.injectFault('429', { retryAfterMs: '1' });
    const got: Permission[] = await collect(client({ maxRetries: 6 }).permissions.all(largest, { limit: 10, order: 'ascending' }));
    server.setFaults({});
    expect(ids(got)).toEqual(ids(server.state.permissionsOf(largest)));
  });
});
