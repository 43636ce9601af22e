// The history slice against the demo API: H's entries, paging, Esc, errors, an organization without audit logging,
// and the revoke dialog's "granted by", driven through the store; the server's log is the truth.
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_ADMIN_KEY_ID } from '../../src/demo/audit';
import { NO_AUDIT_LOG_FLASH } from '../../src/store/slices/history';
import { closeAll, harness, openAndSettle, projectsOn, type Harness } from '../helpers/harness';
import { waitFor } from '../helpers/wait';

afterEach(closeAll);

const AUDIT = '/v1/organization/audit_logs';
const DEMO_KEY_LABEL = `demo.admin@acme.com (API key ${DEMO_ADMIN_KEY_ID})`;

async function openHistory(h: Harness) {
  h.state().openHistory();
  expect(h.state().screen).toBe('history');
  await waitFor(() => h.state().history?.status !== 'loading', 'the history');
  return h.state().history!;
}

describe('history', () => {
  it('H reads every grant and revoke of the checkpoint, newest first, and pages through them a page at a time', async () => {
    const h = await harness({ pageSize: 10 });
    await openAndSettle(h);
    const view = await openHistory(h);
    expect(view.status).toBe('ready');
    const times = view.entries.map((e) => e.at);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    // Every permission the server has is granted in it; the oldest ones before the log began.
    const granted = new Set(view.entries.filter((e) => e.action === 'granted').map((e) => e.permission_id));
    for (const p of h.demo.state.permissionsOf(h.cp)) expect(granted.has(p.id)).toBe(true);
    expect(view.entries.at(-1)!.before_log).toBe(true);
    expect(view.entries.some((e) => e.action === 'revoked')).toBe(true);

    h.state().historyNextPage();
    h.state().historyNextPage();
    expect(h.state().history!.page).toBe(2);
    h.state().historyPreviousPage();
    expect(h.state().history!.page).toBe(1);
    const last = Math.ceil(view.entries.length / 10) - 1;
    for (let i = 0; i < last + 3; i++) h.state().historyNextPage();
    expect(h.state().history!.page).toBe(last);
    h.state().historyFirstPage();
    expect(h.state().history!.page).toBe(0);

    // Esc goes back to the table, where the user was.
    const page = h.state().page;
    h.state().goBack();
    expect(h.state().screen).toBe('table');
    expect(h.state().history).toBeNull();
    expect(h.state().page).toBe(page);
  });

  it('a share and a revoke made in the store appear at the top, with the demo key as actor', async () => {
    const h = await harness();
    await openAndSettle(h);
    const holders = projectsOn(h, h.cp);
    const fresh = h.demo.state.projects().find((p) => p.status === 'active' && !holders.has(p.id))!;
    h.state().openShare();
    await waitFor(() => h.state().access.status === 'ready', 'the access list');
    h.state().reviewShare([fresh.id]);
    await h.state().confirmShare();
    h.state().closeDialog();
    await waitFor(() => !h.state().loading, 'the table after the share');
    const row = h.state().page!.rows.findIndex((p) => p.project_id === fresh.id);
    h.state().moveCursor(row - h.state().cursor);
    h.state().askRevoke();
    await h.state().confirmRevoke();
    await waitFor(() => !h.state().loading, 'the table after the revoke');

    const [revoke, grant] = (await openHistory(h)).entries;
    expect([revoke!.action, grant!.action]).toEqual(['revoked', 'granted']);
    for (const entry of [revoke!, grant!]) {
      expect(entry.project_id).toBe(fresh.id);
      expect(entry.project_name).toBe(fresh.name);
      expect(entry.actor?.api_key_id).toBe(DEMO_ADMIN_KEY_ID);
      expect(entry.actor?.label).toBe(DEMO_KEY_LABEL);
    }
    expect(revoke!.permission_id).toBe(grant!.permission_id);
  });

  it('the revoke dialog opens at once, and then learns who granted the permission', async () => {
    const h = await harness();
    await openAndSettle(h);
    const permission = h.state().page!.rows[0]!;
    const granted = h.demo.state.audit
      .snapshot()
      .find((e) => e.type === 'checkpoint.permission.created' && e['checkpoint.permission.created']?.id === permission.id)!;
    h.demo.setLatency(100);
    h.state().askRevoke();
    expect(h.state().dialog?.kind).toBe('revoke');
    expect(h.state().grants[permission.id]).toEqual({ status: 'loading' });
    await waitFor(() => h.state().grants[permission.id]?.status !== 'loading', 'the grant');
    const grant = h.state().grants[permission.id];
    expect(grant?.status).toBe('known');
    if (grant?.status !== 'known') return;
    expect(grant.at).toBe(granted.effective_at);
    const email = granted.actor?.session?.user?.email ?? granted.actor?.api_key?.user?.email;
    if (email) expect(grant.actor.label).toContain(email);
    // Asked once per permission: a second dialog for it sends nothing.
    h.state().closeDialog();
    const mark = h.demo.requests.length;
    h.state().askRevoke();
    expect(h.since(mark, 'GET', AUDIT)).toBe(0);
  });

  it('a permission older than the log has no "granted by", and the dialog does not wait for it', async () => {
    const h = await harness();
    await openAndSettle(h);
    h.state().toggleOrder();
    await waitFor(() => !h.state().loading && h.state().order === 'ascending', 'the oldest first');
    const oldest = h.state().page!.rows[0]!;
    h.state().askRevoke();
    await waitFor(() => h.state().grants[oldest.id]?.status === 'unknown', 'the answer');
  });

  it('an organization without audit logging: one sentence on the flash line, two requests, no retries', async () => {
    const h = await harness({ demo: { auditLog: false }, maxRetries: 2 });
    await openAndSettle(h);
    const mark = h.demo.requests.length;
    const view = await openHistory(h);
    expect(view.status).toBe('failed');
    expect(view.noAuditLog).toBe(true);
    expect(h.state().flash).toEqual({ tone: 'warning', text: NO_AUDIT_LOG_FLASH });
    // The history's read (empty), then one request to tell "no events here" from "no log at all".
    expect(h.since(mark, 'GET', AUDIT)).toBe(2);
    h.state().askRevoke();
    await waitFor(() => h.state().grants[h.state().page!.rows[0]!.id]?.status === 'unknown', 'no grant');
  });

  it('while it reads the log (100 events a request), it says how many events it has read', async () => {
    const h = await harness();
    await openAndSettle(h);
    h.demo.setLatency(100);
    h.state().openHistory();
    const seen = new Set<number>();
    const unsubscribe = h.store.subscribe((s) => {
      if (s.history?.status === 'loading' && s.history.read) seen.add(s.history.read);
    });
    await waitFor(() => h.state().history?.status === 'ready', 'the history', 10_000);
    unsubscribe();
    expect([...seen].slice(0, 2)).toEqual([100, 200]);
    expect(h.state().history!.read).toBeUndefined();
  });

  it('a failure says what failed and r tries again; Esc while it reads goes back with nothing changed', async () => {
    const h = await harness();
    await openAndSettle(h);
    h.demo.injectFault('500');
    const failed = await openHistory(h);
    expect(failed.status).toBe('failed');
    expect(h.state().flash?.tone).toBe('error');
    expect(h.state().flash?.text).toMatch(/^History not read: .*500/);
    h.state().reloadHistory();
    await waitFor(() => h.state().history?.status !== 'loading', 'the history again');
    expect(h.state().history!.status).toBe('ready');

    h.state().goBack();
    h.demo.setLatency(300);
    h.state().openHistory();
    expect(h.state().history?.status).toBe('loading');
    h.state().goBack();
    await waitFor(() => h.state().screen === 'table', 'the table');
    expect(h.state().flash).toEqual({ tone: 'info', text: 'Cancelled: the history was not read' });
    expect(h.state().history).toBeNull();
  });
});
