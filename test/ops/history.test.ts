// ops/history.ts against the demo API: the joins the audit log needs, and the actor labels.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from '../../src/api/client';
import { AUDIT_LOG_START } from '../../src/demo/audit';
import { startDemoServer, type DemoServer } from '../../src/demo/server';
import { actorOf, checkpointHistory, readPermissionEvents } from '../../src/ops/history';

let server: DemoServer;
let client: Client;

beforeAll(async () => {
  server = await startDemoServer();
  client = createClient({ baseURL: server.baseUrl, adminApiKey: server.adminKey, maxRetries: 0 });
});
afterAll(async () => {
  await client.close();
  await server.close();
});

describe('checkpointHistory', () => {
  it('with since, joins a revoke to a grant older than since by asking for that grant by id', async () => {
    const checkpoint = server.checkpoints[0]!;
    const all = await checkpointHistory(client, checkpoint);
    const revokes = all.filter((e) => e.action === 'revoked');
    // A since between a grant and its revoke.
    const pair = revokes
      .map((revoke) => ({ revoke, grant: all.find((e) => e.action === 'granted' && e.permission_id === revoke.permission_id)! }))
      .find(({ revoke, grant }) => revoke.at - grant.at > 2)!;
    expect(pair).toBeDefined();
    const since = pair.grant.at + 1;
    const mark = server.requests.length;
    const recent = await checkpointHistory(client, checkpoint, { since });
    const lookups = server.requests.slice(mark).filter((r) => r.path === '/v1/organization/audit_logs' && r.query['resource_ids[]']);
    expect(lookups.length).toBeGreaterThan(0);
    const joined = recent.find((e) => e.action === 'revoked' && e.permission_id === pair.revoke.permission_id);
    expect(joined?.project_id).toBe(pair.grant.project_id);
    expect(recent).toEqual(all.filter((e) => e.at >= since));
  });

  it('keeps only one project, and at most the most recent entries', async () => {
    const checkpoint = server.checkpoints[0]!;
    const all = await checkpointHistory(client, checkpoint);
    const projectId = all.find((e) => e.action === 'revoked')!.project_id;
    const one = await checkpointHistory(client, checkpoint, { projectId });
    expect(one.length).toBeGreaterThan(1);
    expect(one).toEqual(all.filter((e) => e.project_id === projectId));
    expect(await checkpointHistory(client, checkpoint, { maxItems: 4 })).toEqual(all.slice(-4));
    expect(all[0]!.at).toBeLessThan(AUDIT_LOG_START);
  });
});

describe('actorOf', () => {
  it('names users by email, keys and service accounts by id, and nobody as unknown', () => {
    expect(actorOf({ type: 'session', session: { user: { id: 'user-1', email: 'alice@acme.com' } } }).label).toBe('alice@acme.com');
    expect(actorOf({ type: 'session', session: { user: { id: 'user-1' } } }).label).toBe('user user-1');
    expect(actorOf({ type: 'api_key', api_key: { id: 'key_1', type: 'user', user: { id: 'user-1', email: 'b@acme.com' } } }).label).toBe(
      'b@acme.com (API key key_1)',
    );
    expect(actorOf({ type: 'api_key', api_key: { id: 'key_1', type: 'user' } }).label).toBe('API key key_1');
    expect(actorOf({ type: 'api_key', api_key: { id: 'key_2', type: 'service_account', service_account: { id: 'svc_1' } } })).toEqual({
      type: 'service_account',
      email: null,
      id: 'svc_1',
      api_key_id: 'key_2',
      label: 'service account svc_1',
    });
    for (const nobody of [null, undefined, {}, { type: 'session' as const }, { type: 'api_key' as const, api_key: {} }]) {
      expect(actorOf(nobody).label).toBe('unknown');
    }
    expect(actorOf({ type: 'session', session: { user: { email: 'x\u001b[2J@acme.com\u202e' } } }).label).toBe('x@acme.com');
  });
});

describe('readPermissionEvents', () => {
  it('reads a long log as time windows several at once: every event exactly once, as a plain walk finds them', async () => {
    const big = await startDemoServer({ permissions: 3000 });
    const bigClient = createClient({ baseURL: big.baseUrl, adminApiKey: big.adminKey, maxRetries: 0 });
    try {
      const plain: string[] = [];
      const types = ['checkpoint.permission.created', 'checkpoint.permission.deleted'];
      for await (const event of bigClient.auditLogs.all({ event_types: types, limit: 100 })) plain.push(event.id);
      expect(plain.length).toBeGreaterThan(3000);
      const mark = big.requests.length;
      const progress: number[] = [];
      const events = await readPermissionEvents(bigClient, undefined, undefined, (n) => progress.push(n));
      expect(events.map((e) => e.id).sort()).toEqual([...plain].sort());
      const windows = big.requests.slice(mark).filter((r) => r.query['effective_at[lt]'] !== undefined);
      expect(windows.length).toBeGreaterThan(3);
      expect(progress.at(-1)).toBe(plain.length);
      // With since: the same as the plain walk's events since then.
      const since = AUDIT_LOG_START + 20 * 86_400;
      const recent = await readPermissionEvents(bigClient, since);
      const expected = big.state.audit
        .snapshot()
        .filter((e) => types.includes(e.type) && e.effective_at >= since)
        .map((e) => e.id);
      expect(recent.map((e) => e.id).sort()).toEqual(expected.sort());
      // A short log is one request.
      const small = big.requests.length;
      await readPermissionEvents(bigClient, Math.floor(Date.now() / 1000) - 60);
      expect(big.requests.length - small).toBe(1);
    } finally {
      await bigClient.close();
      await big.close();
    }
  });
});
