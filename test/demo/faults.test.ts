import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { FaultPlan, parseFaultSpec, FAULT_KINDS, type FaultKind } from '../../src/demo/faults';
import { startDemoServer, type DemoServer } from '../../src/demo/server';
import { call, permissionsPath, REQUEST_ID } from './helpers';
import { settles, waitFor } from '../helpers/wait';

describe('parseFaultSpec', () => {
  it('parses good specs', () => {
    expect(parseFaultSpec('429:0.2,500:0.1,reset:0.05,malformed:0.05')).toEqual({ '429': 0.2, '500': 0.1, reset: 0.05, malformed: 0.05 });
    expect(parseFaultSpec(' hang:1 ')).toEqual({ hang: 1 });
    expect(parseFaultSpec('')).toEqual({});
    expect(parseFaultSpec('502:.5,html:0,empty:0.5')).toEqual({ '502': 0.5, html: 0, empty: 0.5 });
    expect(parseFaultSpec('500:0.7,502:0.2,503:0.1')).toEqual({ '500': 0.7, '502': 0.2, '503': 0.1 });
  });

  it('names the bad part of bad specs', () => {
    expect(() => parseFaultSpec('418:0.1')).toThrow(/Unknown fault kind "418"/);
    expect(() => parseFaultSpec('429:1.5')).toThrow(/"1\.5"|1\.5/);
    expect(() => parseFaultSpec('429:-0.1')).toThrow(/-0\.1/);
    expect(() => parseFaultSpec('429:abc')).toThrow(/"abc"/);
    expect(() => parseFaultSpec('429')).toThrow(/"429".*KIND:PROBABILITY/);
    expect(() => parseFaultSpec('429:0.1,,500:0.1')).toThrow(/KIND:PROBABILITY/);
    expect(() => parseFaultSpec('429:0.6,500:0.5')).toThrow(/more than 1/);
    expect(() => parseFaultSpec('429:0.1,429:0.2')).toThrow(/twice/);
  });

  it('draws repeatably from a seed and injects before drawing', () => {
    const draws = (seed: number) => {
      const plan = new FaultPlan('429:0.3,reset:0.2', seed);
      return Array.from({ length: 200 }, () => plan.next()?.kind ?? 'ok');
    };
    const a = draws(7);
    expect(draws(7)).toEqual(a);
    expect(draws(8)).not.toEqual(a);
    const rate429 = a.filter((k) => k === '429').length / a.length;
    expect(rate429).toBeGreaterThan(0.15);
    expect(rate429).toBeLessThan(0.45);
    const plan = new FaultPlan({}, 1);
    expect(plan.next()).toBeNull();
    plan.inject('500', { count: 2 });
    expect([plan.next()?.kind, plan.next()?.kind, plan.next()]).toEqual(['500', '500', null]);
    expect(() => new FaultPlan({ '429': 2 })).toThrow(/between 0 and 1/);
  });
});

describe('injected faults over HTTP', () => {
  let server: DemoServer;
  let ckpt: string;
  beforeAll(async () => {
    server = await startDemoServer();
    ckpt = server.checkpoints[0] as string;
  });
  afterAll(async () => {
    await server.close();
  });

  it('429 with retry-after and rate_limit_exceeded', async () => {
    server.injectFault('429');
    const res = await call(server, permissionsPath(ckpt));
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(res.headers.get('x-request-id')).toMatch(REQUEST_ID);
    expect(res.json.error).toMatchObject({ type: 'requests', code: 'rate_limit_exceeded' });
    expect(res.json.error.message).toMatch(/^Rate limit reached/);
    expect(server.requests.at(-1)).toMatchObject({ fault: '429', status: 429 });
    expect((await call(server, permissionsPath(ckpt))).status).toBe(200);
  });

  it('429 with injected retry-after and retry-after-ms', async () => {
    server.injectFault('429', { retryAfter: '3', retryAfterMs: '250' });
    const res = await call(server, permissionsPath(ckpt));
    expect(res.headers.get('retry-after')).toBe('3');
    expect(res.headers.get('retry-after-ms')).toBe('250');
  });

  for (const status of ['500', '502', '503', '504'] as const) {
    it(`${status} with a JSON server_error`, async () => {
      server.injectFault(status);
      const res = await call(server, '/fine_tuning/jobs', { key: 'project' });
      expect(res.status).toBe(Number(status));
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(res.headers.get('x-request-id')).toMatch(REQUEST_ID);
      expect(res.json.error.type).toBe('server_error');
    });
  }

  it('html: 502 with an nginx page', async () => {
    server.injectFault('html');
    const res = await call(server, permissionsPath(ckpt));
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toBe('text/html');
    expect(res.headers.get('x-request-id')).toMatch(REQUEST_ID);
    expect(res.text).toContain('<center>nginx</center>');
    expect(res.json).toBeUndefined();
  });

  it('empty: 503 with no body', async () => {
    server.injectFault('empty');
    const res = await call(server, permissionsPath(ckpt));
    expect(res.status).toBe(503);
    expect(res.text).toBe('');
    expect(res.headers.get('x-request-id')).toMatch(REQUEST_ID);
  });

  it('malformed: 200 with truncated JSON', async () => {
    server.injectFault('malformed');
    const res = await call(server, permissionsPath(ckpt));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.text.length).toBeGreaterThan(0);
    expect(() => JSON.parse(res.text)).toThrow();
  });

  it('reset: the connection drops without an answer', async () => {
    server.injectFault('reset');
    await expect(call(server, permissionsPath(ckpt))).rejects.toThrow();
    expect(server.requests.at(-1)).toMatchObject({ fault: 'reset' });
    expect(server.requests.at(-1)?.status).toBeUndefined();
    expect((await call(server, permissionsPath(ckpt))).status).toBe(200);
  });

  it('hang: no answer until the client gives up', async () => {
    server.injectFault('hang');
    const started = Date.now();
    await expect(fetch(`${server.baseUrl}/fine_tuning/jobs`, { signal: AbortSignal.timeout(300) })).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(server.requests.at(-1)).toMatchObject({ fault: 'hang' });
  });

  it('a faulted create changes nothing', async () => {
    const before = server.state.permissionsOf(ckpt);
    const has = new Set(before.map((p) => p.project_id));
    const free = server.state.projects().find((p) => p.status === 'active' && !has.has(p.id))?.id as string;
    for (const kind of ['429', '500', 'malformed', 'reset'] as FaultKind[]) {
      server.injectFault(kind);
      await call(server, permissionsPath(ckpt), { method: 'POST', body: { project_ids: [free] } }).catch(() => undefined);
      expect(server.state.permissionsOf(ckpt), kind).toEqual(before);
    }
    const target = before[0]?.id as string;
    server.injectFault('503');
    await call(server, permissionsPath(ckpt, `/${target}`), { method: 'DELETE' });
    expect(server.state.permissionsOf(ckpt)).toEqual(before);
  });

  it('counts injected faults and then falls back to random ones', async () => {
    server.injectFault('503', { count: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await call(server, permissionsPath(ckpt))).status);
    expect(statuses).toEqual([503, 503, 200]);
    server.setFaults('500:1');
    expect((await call(server, permissionsPath(ckpt))).status).toBe(500);
    server.setFaults({});
    expect((await call(server, permissionsPath(ckpt))).status).toBe(200);
    expect(() => server.setFaults('nope:1')).toThrow(/nope/);
  });

  it('adds latency before answering', async () => {
    server.setLatency(150);
    const started = Date.now();
    expect((await call(server, permissionsPath(ckpt))).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    server.setLatency(0);
  });

  it('knows every fault kind', () => {
    expect([...FAULT_KINDS].sort()).toEqual([
      '429',
      '500',
      '502',
      '503',
      '504',
      'empty',
      'hang',
      'hang-after',
      'html',
      'malformed',
      'reset',
      'reset-after',
    ]);
  });

  it('reset-after and hang-after carry a create out, then lose its answer', async () => {
    const has = new Set(server.state.permissionsOf(ckpt).map((p) => p.project_id));
    const [first, second] = server.state
      .projects()
      .filter((p) => p.status === 'active' && !has.has(p.id))
      .map((p) => p.id);
    server.injectFault('reset-after', { method: 'POST' });
    await expect(call(server, permissionsPath(ckpt), { method: 'POST', body: { project_ids: [first] } })).rejects.toThrow();
    expect(server.requests.at(-1)).toMatchObject({ method: 'POST', fault: 'reset-after', applied: 200 });
    expect(server.requests.at(-1)?.status).toBeUndefined();
    server.injectFault('hang-after', { method: 'POST' });
    const started = Date.now();
    await expect(
      fetch(`${server.baseUrl}${permissionsPath(ckpt)}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${server.adminKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ project_ids: [second] }),
        signal: AbortSignal.timeout(300),
      }),
    ).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    const after = server.state.permissionsOf(ckpt).map((p) => p.project_id);
    expect(after.filter((id) => id === first || id === second).sort()).toEqual([first, second].sort());
  });
});

describe('random faults from options', () => {
  it('repeat with the same faultSeed', async () => {
    const run = async () => {
      const server = await startDemoServer({ faults: '500:0.3,429:0.2', faultSeed: 42 });
      try {
        const out: number[] = [];
        for (let i = 0; i < 30; i++) out.push((await call(server, '/organization/projects?limit=1')).status);
        return out;
      } finally {
        await server.close();
      }
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(first).toContain(500);
    expect(first).toContain(429);
    expect(first).toContain(200);
  });

  it('send the retry headers of faultRetry; an injected fault still says its own', async () => {
    const server = await startDemoServer({ faults: '429:0.5,503:0.5', faultRetry: { retryAfter: '', retryAfterMs: '10' } });
    try {
      const answers = [];
      for (let i = 0; i < 10; i++) answers.push(await call(server, '/organization/projects?limit=1'));
      const statuses = new Set(answers.map((a) => a.status));
      expect(statuses).toEqual(new Set([429, 503]));
      for (const answer of answers) {
        expect(answer.headers.get('retry-after-ms')).toBe('10');
        expect(answer.headers.get('retry-after')).toBeNull();
      }
      server.setFaults({});
      server.injectFault('429');
      expect((await call(server, '/organization/projects?limit=1')).headers.get('retry-after')).toBe('1');
    } finally {
      await server.close();
    }
  });

  // The request is with the server before it closes; the close must end well within the wait's ceiling, which a request
  // that is never answered, or a latency of a minute, would outlast.
  it('close() ends hanging requests promptly', async () => {
    const server = await startDemoServer({ faults: { hang: 1 } });
    const pending = fetch(`${server.baseUrl}/fine_tuning/jobs`).then(
      () => 'answered',
      () => 'failed',
    );
    await waitFor(() => server.requests.length === 1, 'the request to reach the server');
    await settles(server.close(), 'the close');
    expect(await pending).toBe('failed');
  });

  it('close() does not wait out a long latency', async () => {
    const server = await startDemoServer({ latencyMs: 60_000 });
    const pending = fetch(`${server.baseUrl}/fine_tuning/jobs`).catch(() => 'failed');
    await waitFor(() => server.requests.length === 1, 'the request to reach the server');
    await settles(server.close(), 'the close');
    expect(await pending).toBe('failed');
  });
});

describe('a fault aimed at one method', () => {
  it('passes other requests by and hits the first request with that method', async () => {
    const server = await startDemoServer();
    try {
      server.injectFault('503', { method: 'DELETE' });
      const checkpoint = server.checkpoints[0]!;
      const list = await fetch(`${server.baseUrl}/fine_tuning/checkpoints/${checkpoint}/permissions?limit=1`, {
        headers: { authorization: `Bearer ${server.adminKey}` },
      });
      expect(list.status).toBe(200);
      const victim = ((await list.json()) as { data: { id: string }[] }).data[0]!.id;
      const first = await fetch(`${server.baseUrl}/fine_tuning/checkpoints/${checkpoint}/permissions/${victim}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${server.adminKey}` },
      });
      expect(first.status).toBe(503);
      expect(server.state.permissionsOf(checkpoint).some((p) => p.id === victim)).toBe(true);
      const second = await fetch(`${server.baseUrl}/fine_tuning/checkpoints/${checkpoint}/permissions/${victim}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${server.adminKey}` },
      });
      expect(second.status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
