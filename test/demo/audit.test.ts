// The demo's audit log over real HTTP: seeded history, filters, cursors, validation, and the events a change leaves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_LOG_START, DEMO_ADMIN_KEY_ID, DEMO_AUTOMATION_KEY_ID, DEMO_SERVICE_ACCOUNT_ID, DEMO_USERS } from '../../src/demo/audit';
import { startDemoServer, type DemoServer } from '../../src/demo/server';
import type { AuditLogEvent } from '../../src/api/types';
import { call, permissionsPath } from './helpers';

const CREATED = 'checkpoint.permission.created';
const DELETED = 'checkpoint.permission.deleted';
const logPath = (query = '') => `/organization/audit_logs${query ? `?${query}` : ''}`;
const types = (...list: string[]) => list.map((t) => `event_types[]=${t}`).join('&');

let server: DemoServer;

beforeAll(async () => {
  server = await startDemoServer();
});
afterAll(async () => {
  await server.close();
});

/** Every event for a query, following `last_id` as the official SDK does. */
async function walk(query: string, limit = 100): Promise<AuditLogEvent[]> {
  const out: AuditLogEvent[] = [];
  let after = '';
  for (;;) {
    const page = await call(server, logPath(`${query}${query ? '&' : ''}limit=${limit}${after ? `&after=${after}` : ''}`));
    expect(page.status, page.text).toBe(200);
    out.push(...page.json.data);
    if (!page.json.has_more) return out;
    after = page.json.last_id;
  }
}

describe('seeded history', () => {
  it('is the same on every start, ids included', async () => {
    const other = await startDemoServer();
    try {
      expect(other.state.audit.snapshot()).toEqual(server.state.audit.snapshot());
    } finally {
      await other.close();
    }
  });

  it('has several users with emails, a service account, an admin key and unknown actors, over months', () => {
    const events = server.state.audit.snapshot().filter((e) => e.type === CREATED || e.type === DELETED);
    const emails = new Set(events.map((e) => e.actor?.session?.user?.email).filter(Boolean));
    expect(emails).toEqual(new Set(DEMO_USERS.map((u) => u.email)));
    expect(events.some((e) => e.actor?.api_key?.service_account?.id === DEMO_SERVICE_ACCOUNT_ID)).toBe(true);
    expect(events.some((e) => e.actor?.api_key?.id === DEMO_AUTOMATION_KEY_ID)).toBe(true);
    expect(events.some((e) => e.actor === null)).toBe(true);
    expect(events.filter((e) => e.type === DELETED).length).toBeGreaterThan(10);
    const months = new Set(events.map((e) => new Date(e.effective_at * 1000).toISOString().slice(0, 7)));
    expect(months.size).toBeGreaterThanOrEqual(3);
    expect(Math.min(...events.map((e) => e.effective_at))).toBeGreaterThanOrEqual(AUDIT_LOG_START);
  });

  it('records the grants since the log began, so older permissions have no history', () => {
    const checkpoint = server.checkpoints[0]!;
    const logged = new Set(server.state.audit.snapshot().map((e) => (e[CREATED] as { id?: string } | undefined)?.id));
    const permissions = server.state.permissionsOf(checkpoint);
    const older = permissions.filter((p) => !logged.has(p.id));
    expect(older.length).toBeGreaterThan(0);
    expect(older.every((p) => p.created_at < AUDIT_LOG_START)).toBe(true);
    expect(permissions.filter((p) => p.created_at >= AUDIT_LOG_START).every((p) => logged.has(p.id))).toBe(true);
  });

  it('leaves the rest of the seed as it was', () => {
    // Built on first use from its own PRNG: the permissions and projects are those of a server that never read it.
    expect(server.state.permissionsOf(server.checkpoints[0]!)).toHaveLength(137);
  });
});

describe('GET /organization/audit_logs', () => {
  it('lists newest first, 20 by default, and pages by last_id through every event exactly once', async () => {
    const first = await call(server, logPath());
    expect(first.json.data).toHaveLength(20);
    const all = await walk('', 7);
    const ids = all.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      server.state.audit
        .snapshot()
        .reverse()
        .map((e) => e.id),
    );
    const times = all.map((e) => e.effective_at);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(first.json.first_id).toBe(first.json.data[0].id);
    expect(first.json.last_id).toBe(first.json.data.at(-1).id);
  });

  it('pages back with before', async () => {
    const page1 = (await call(server, logPath('limit=5'))).json;
    const page2 = (await call(server, logPath(`limit=5&after=${page1.last_id}`))).json;
    const back = (await call(server, logPath(`limit=5&before=${page2.first_id}`))).json;
    expect(back.data.map((e: AuditLogEvent) => e.id)).toEqual(page1.data.map((e: AuditLogEvent) => e.id));
    expect(back.has_more).toBe(false);
  });

  it('filters by event type, time, resource, project and actor', async () => {
    const snapshot = server.state.audit.snapshot();
    const sharing = await walk(types(CREATED, DELETED));
    expect(sharing.length).toBe(snapshot.filter((e) => e.type === CREATED || e.type === DELETED).length);
    expect(sharing.length).toBeLessThan(snapshot.length);

    const from = AUDIT_LOG_START + 20 * 86_400;
    const to = from + 10 * 86_400;
    const window = await walk(`effective_at[gte]=${from}&effective_at[lt]=${to}`);
    expect(window.length).toBeGreaterThan(0);
    expect(window.length).toBe(snapshot.filter((e) => e.effective_at >= from && e.effective_at < to).length);

    const revoke = sharing.find((e) => e.type === DELETED)!;
    const permissionId = (revoke[DELETED] as { id: string }).id;
    const forIt = await walk(`resource_ids[]=${permissionId}`);
    expect(forIt.map((e) => e.type).sort()).toEqual([CREATED, DELETED]);

    const byService = await walk(`actor_ids[]=${DEMO_SERVICE_ACCOUNT_ID}`);
    expect(byService.length).toBeGreaterThan(0);
    expect(byService.every((e) => e.actor?.api_key?.service_account?.id === DEMO_SERVICE_ACCOUNT_ID)).toBe(true);

    const byAlice = await walk(`actor_emails[]=${encodeURIComponent(DEMO_USERS[0].email)}&${types(CREATED)}`);
    expect(byAlice.length).toBeGreaterThan(0);
    expect(byAlice.every((e) => e.actor?.session?.user?.email === DEMO_USERS[0].email && e.type === CREATED)).toBe(true);

    const scoped = byService[0]!.project!.id!;
    const inProject = await walk(`project_ids[]=${scoped}`);
    expect(inProject.every((e) => e.project?.id === scoped && e.actor?.type === 'api_key')).toBe(true);
  });

  it('refuses what the spec does not allow, with the API error shape', async () => {
    const cases: [string, string][] = [
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['limit=ten', 'limit'],
      ['event_types[]=checkpoint.permission.shared', 'event_types[0]'],
      [`${types(CREATED)}&event_types[]=tenant.user.added`, 'event_types[1]'],
      ['effective_at=1767000000', 'effective_at'],
      ['effective_at[gte]=yesterday', 'effective_at[gte]'],
      ['after=audit_log-nope', 'after'],
      ['before=audit_log-nope', 'before'],
      ['tenant_only=maybe', 'tenant_only'],
    ];
    for (const [query, param] of cases) {
      const answer = await call(server, logPath(query));
      expect(answer.status, query).toBe(400);
      expect(answer.json.error.type).toBe('invalid_request_error');
      expect(answer.json.error.param, query).toBe(param);
    }
    expect((await call(server, logPath('limit=100'))).json.data).toHaveLength(100);
    expect((await call(server, logPath('limit=1'))).json.data).toHaveLength(1);
  });

  it('needs the admin key', async () => {
    expect((await call(server, logPath(), { key: 'project' })).status).toBe(401);
    expect((await call(server, logPath(), { key: 'none' })).status).toBe(401);
  });

  it('logs every create and delete, with the demo admin key as the actor', async () => {
    const checkpoint = server.checkpoints[2]!;
    const holders = new Set(server.state.permissionsOf(checkpoint).map((p) => p.project_id));
    const project = server.state.projects().find((p) => p.status === 'active' && !holders.has(p.id))!;
    const created = await call(server, permissionsPath(checkpoint), { method: 'POST', body: { project_ids: [project.id] } });
    const permission = created.json.data[0];
    await call(server, permissionsPath(checkpoint, `/${permission.id}`), { method: 'DELETE' });
    const newest = (await call(server, logPath(`${types(CREATED, DELETED)}&limit=2`))).json.data as AuditLogEvent[];
    expect(newest.map((e) => e.type)).toEqual([DELETED, CREATED]);
    expect(newest[1]![CREATED]).toEqual({ id: permission.id, data: { project_id: project.id, fine_tuned_model_checkpoint: checkpoint } });
    expect(newest[0]![DELETED]).toEqual({ id: permission.id });
    for (const event of newest) expect(event.actor?.api_key?.id).toBe(DEMO_ADMIN_KEY_ID);
    // A refused create leaves nothing in the log.
    await call(server, permissionsPath(checkpoint), { method: 'POST', body: { project_ids: ['proj_nope'] } });
    expect((await call(server, logPath('limit=1'))).json.data[0].id).toBe(newest[0]!.id);
  });
});

describe('an organization without audit logging (auditLog: false)', () => {
  it('answers every query with an empty list and records nothing', async () => {
    const quiet = await startDemoServer({ auditLog: false });
    try {
      const checkpoint = quiet.emptyCheckpoint;
      const project = quiet.state.projects().find((p) => p.status === 'active')!;
      expect((await call(quiet, permissionsPath(checkpoint), { method: 'POST', body: { project_ids: [project.id] } })).status).toBe(200);
      for (const query of ['', types(CREATED, DELETED), 'limit=100']) {
        const answer = await call(quiet, logPath(query));
        expect(answer.status).toBe(200);
        expect(answer.json).toEqual({ object: 'list', data: [], first_id: null, last_id: null, has_more: false });
      }
      // Validation still applies: the operation exists, it only has nothing to say.
      expect((await call(quiet, logPath('limit=0'))).status).toBe(400);
    } finally {
      await quiet.close();
    }
  });
});
