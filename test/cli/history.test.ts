// `ckpt-perms history` as a user runs it: the built binary against the demo API over loopback, piped and in a terminal.
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../../src/api/client';
import { AUDIT_LOG_START, DEMO_ADMIN_KEY_ID } from '../../src/demo/audit';
import { startDemoServer } from '../../src/demo/server';
import { runCli } from '../helpers/cli';
import { demoEnv, useDemoCli } from '../helpers/demo-cli';
import { closeAll, spawnTerminal } from '../helpers/pty';

const demo = useDemoCli();
afterEach(closeAll);

interface JsonEntry {
  time: string;
  effective_at: number;
  action: 'granted' | 'revoked';
  permission_id: string;
  project: { id: string; name: string | null };
  actor: { type: string; email: string | null; api_key_id: string | null; label: string } | null;
  granted_before_log: boolean;
}

async function history(args: string[]): Promise<JsonEntry[]> {
  const result = await runCli(['history', ...args], demo.env);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout).entries;
}

describe('ckpt-perms history', () => {
  it('lists every grant and revoke oldest first, joins revokes to their grants, and marks what predates the log', async () => {
    const checkpoint = demo.server.checkpoints[0]!;
    const entries = await history([checkpoint]);
    const times = entries.map((e) => e.effective_at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // Every permission that exists today has its grant, logged or older than the log.
    const granted = new Set(entries.filter((e) => e.action === 'granted').map((e) => e.permission_id));
    for (const permission of demo.server.state.permissionsOf(checkpoint)) expect(granted.has(permission.id)).toBe(true);
    const older = entries.filter((e) => e.granted_before_log);
    expect(older.length).toBeGreaterThan(0);
    expect(older.every((e) => e.effective_at < AUDIT_LOG_START && e.actor === null)).toBe(true);
    // A revoke names the project of its grant, and comes after it.
    const revokes = entries.filter((e) => e.action === 'revoked');
    expect(revokes.length).toBeGreaterThan(5);
    for (const revoke of revokes) {
      const grant = entries.find((e) => e.action === 'granted' && e.permission_id === revoke.permission_id)!;
      expect(grant.project.id).toBe(revoke.project.id);
      expect(grant.effective_at).toBeLessThanOrEqual(revoke.effective_at);
      expect(revoke.project.name).toBeTruthy();
    }
    // Actors of every kind the log has.
    const kinds = new Set(entries.map((e) => e.actor?.type ?? 'none'));
    for (const kind of ['user', 'service_account', 'api_key', 'unknown', 'none']) expect(kinds).toContain(kind);
    expect(entries.find((e) => e.actor?.type === 'user')!.actor!.label).toMatch(/^[a-z.]+@acme\.com$/);
    // Nothing of another checkpoint.
    const others = new Set(demo.server.checkpoints.slice(1).flatMap((c) => demo.server.state.permissionsOf(c).map((p) => p.id)));
    expect(entries.some((e) => others.has(e.permission_id))).toBe(false);
  });

  it('shows a share and a revoke made with the admin key, with that key as the actor', async () => {
    const checkpoint = demo.server.checkpoints[3]!;
    const client = createClient({ baseURL: demo.server.baseUrl, adminApiKey: demo.server.adminKey });
    const holders = new Set(demo.server.state.permissionsOf(checkpoint).map((p) => p.project_id));
    const project = demo.server.state.projects().find((p) => p.status === 'active' && !holders.has(p.id))!;
    const created = await client.permissions.create(checkpoint, [project.id]);
    await client.permissions.delete(checkpoint, created.data[0]!.id);
    await client.close();
    const entries = await history([checkpoint, '--project-id', project.id]);
    expect(entries.map((e) => e.action)).toEqual(['granted', 'revoked']);
    for (const entry of entries) {
      expect(entry.project).toEqual({ id: project.id, name: project.name });
      expect(entry.actor?.api_key_id).toBe(DEMO_ADMIN_KEY_ID);
      expect(entry.actor?.label).toBe(`demo.admin@acme.com (API key ${DEMO_ADMIN_KEY_ID})`);
    }
    const lines = (await runCli(['history', checkpoint, '--project-id', project.id, '--format', 'jsonl'], demo.env)).stdout
      .trim()
      .split('\n');
    expect(lines.map((line) => JSON.parse(line).action)).toEqual(['granted', 'revoked']);
  });

  it('filters by --since and keeps the most recent --max-items', async () => {
    const checkpoint = demo.server.checkpoints[0]!;
    const all = await history([checkpoint]);
    const since = AUDIT_LOG_START + 30 * 86_400;
    const recent = await history([checkpoint, '--since', String(since)]);
    expect(recent.length).toBeGreaterThan(0);
    expect(recent.every((e) => e.effective_at >= since)).toBe(true);
    // Revokes of grants older than --since are still joined to their projects.
    expect(recent.filter((e) => e.action === 'revoked').every((e) => e.project.id.startsWith('proj_'))).toBe(true);
    expect(recent.map((e) => e.permission_id + e.action)).toEqual(
      all.filter((e) => e.effective_at >= since).map((e) => e.permission_id + e.action),
    );
    const lastThree = await history([checkpoint, '--max-items', '3']);
    expect(lastThree).toEqual(all.slice(-3));
  });

  it('prints text on a terminal, JSON when piped, and text when asked', async () => {
    const checkpoint = demo.server.checkpoints[0]!;
    const piped = await runCli(['history', checkpoint], demo.env);
    expect(() => JSON.parse(piped.stdout)).not.toThrow();
    const text = await runCli(['history', checkpoint, '--format', 'text'], demo.env);
    expect(text.stdout).toMatch(/^History of ft:gpt-4o-mini/);
    expect(text.stdout).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d {2}granted {2}proj_\w+ \(.+\) +granted before the log begins\n/);
    expect(text.stdout).toMatch(/ {2}revoked {2}proj_\w+ \(.+\) +by (\S+@acme\.com|service account svc_acct_\w+|unknown|API key key_\w+)/);
    expect(text.stdout).toMatch(/\d+ granted, \d+ revoked, \d+ granted before the log begins\n$/);
    const terminal = spawnTerminal({ args: ['history', checkpoint], env: demo.env, cols: 160, rows: 50 });
    await terminal.waitForExit();
    expect(terminal.raw()).toMatch(/History of ft:gpt-4o-mini/);
    // How far the reading is shows on stderr while it runs, and is erased before the history is printed.
    expect(terminal.raw()).toMatch(/reading the audit log · \d+ sharing events so far/);
    expect(terminal.screen()).not.toContain('reading the audit log');
  });

  it('says in one sentence that an organization has no audit logging: exit 1, one request more, no retries', async () => {
    const quiet = await startDemoServer({ auditLog: false });
    try {
      const result = await runCli(['history', quiet.checkpoints[0]!], demoEnv(quiet));
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        "ckpt-perms: this organization's audit log is empty or unavailable: an organization owner may not have turned audit logging on (Organization settings), so there is no history to show\n",
      );
      expect(quiet.requests.filter((r) => r.path === '/v1/organization/audit_logs')).toHaveLength(2);
      const demoRun = await runCli(['history', '--demo', '--no-audit-log', quiet.checkpoints[0]!]);
      expect(demoRun.code).toBe(1);
      expect(demoRun.stderr).toMatch(/audit logging on/);
    } finally {
      await quiet.close();
    }
  });

  it('keeps hostile actor emails inert: no escape or control character reaches the terminal', async () => {
    const hostile = await startDemoServer();
    try {
      const checkpoint = hostile.emptyCheckpoint;
      const email = '\u001b]8;;https://evil.example\u0007mallory\u001b[2J@acme.com\u202e';
      hostile.state.audit.record({
        type: 'checkpoint.permission.created',
        effective_at: AUDIT_LOG_START + 86_400,
        actor: { type: 'session', session: { user: { id: 'user-x\r\n', email } } },
        'checkpoint.permission.created': {
          id: 'cp_hostile',
          data: { project_id: 'proj_\u001b[31mred', fine_tuned_model_checkpoint: checkpoint },
        },
      });
      const hostileEnv = demoEnv(hostile);
      const text = await runCli(['history', checkpoint, '--format', 'text'], hostileEnv);
      expect(text.code).toBe(0);
      expect(text.stdout).toContain('by mallory@acme.com');
      expect(text.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
      const json = await runCli(['history', checkpoint], hostileEnv);
      expect(json.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
      expect(JSON.parse(json.stdout).entries[0].actor.label).toBe('mallory@acme.com');
    } finally {
      await hostile.close();
    }
  });

  it('refuses bad input before anything is sent (exit 2)', async () => {
    const before = demo.server.requests.length;
    for (const [args, message] of [
      [['--since', 'last week'], /--since must be a date/],
      [['--since', '2025-02-30'], /--since must be a date/],
      [['--format', 'csv'], /--format of history must be text or json or jsonl/],
      [['--max-items', '0'], /--max-items must be/],
      [['--project-id', 'proj_a', '--project-id', 'proj_b'], /one --project-id at a time/],
      [['--order', 'ascending'], /--order is not an option of history/],
    ] as const) {
      const result = await runCli(['history', demo.server.checkpoints[0]!, ...args], demo.env);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
    }
    expect(demo.server.requests.length).toBe(before);
  });
});
