// The history screen (H) and the revoke dialog's "granted by", drawn by Ink over the demo API: keys in, frames out.
import { afterEach, describe, expect, it } from 'vitest';
import type { Project } from '../../src/api/types';
import { DEMO_ADMIN_KEY_ID } from '../../src/demo/audit';
import { NO_AUDIT_LOG_FLASH } from '../../src/store/slices/history';
import { hintsFor, KEYMAP } from '../../src/ui/keymap';
import { KEYS } from '../helpers/keys';
import { waitFor } from '../helpers/wait';
import { linesOf, openTable, oversizedFrames, startUi, type UiHarness } from './render';

let ui: UiHarness | undefined;
afterEach(async () => {
  await ui?.close();
  ui = undefined;
});

/** History rows: the lines that start with a local date and an action. */
const historyRows = (frame: string) => linesOf(frame).filter((line) => /^ {2}\d{4}-\d\d-\d\d( \d\d:\d\d)? +(granted|revoked) /.test(line));

async function start(options: Parameters<typeof startUi>[0] = {}) {
  ui = await startUi(options);
  const checkpoint = ui.demo.checkpoints[0]!;
  await openTable(ui, checkpoint);
  return { ui, checkpoint };
}

describe('history screen', () => {
  it('H opens the history, newest first, paged with the table keys; Esc goes back to the table', async () => {
    const { ui } = await start();
    await ui.press('H');
    const first = await ui.waitForFrame((frame) => historyRows(frame).length === 5);
    expect(first).toContain('ckpt-perms · History');
    expect(first).toMatch(/Page 1 of \d+ · 1–5 of \d+ · newest first · \d+ older than the log/);
    // Only what applies: no newer page than the first.
    expect(linesOf(first).at(-1)).toBe(hintsFor('history', Infinity, { off: ['previousPage'] }));
    expect(linesOf(first).at(-1)).not.toContain('← newer');
    const entries = ui.store.getState().history!.entries;
    // The project by its name, its id cut in the middle when the row is short of room (issue 28 item 7).
    const nameOf = (id: string) => ui.store.getState().directory.byId[id]!.name;
    expect(historyRows(first)[0]).toContain(`${nameOf(entries[0]!.project_id)} (${entries[0]!.project_id.slice(0, 8)}`);

    await ui.press(KEYS.right);
    const second = await ui.waitForText('Page 2 of');
    expect(linesOf(second).at(-1)).toMatch(/^→ older · ← newer · /);
    expect(historyRows(second)[0]).toContain(`${nameOf(entries[5]!.project_id)} (${entries[5]!.project_id.slice(0, 8)}`);
    await ui.press('n');
    await ui.waitForText('Page 3 of');
    await ui.press(KEYS.pageUp);
    await ui.waitForText('Page 2 of');
    await ui.press('g');
    await ui.waitForText('Page 1 of');
    // h and l are not history keys: nothing moves.
    await ui.press('l');
    await ui.press('h');
    expect(ui.lastFrame()).toContain('Page 1 of');

    await ui.press(KEYS.esc);
    const table = await ui.waitForText('ckpt-perms · Permissions');
    expect(table).toContain('Page 1 ·');
  });

  it('lists H in the table help, from the keymap', async () => {
    const { ui } = await start({ size: { columns: 100, rows: 40 } });
    expect(KEYMAP.table.some((b) => b.action === 'history' && b.label === 'H')).toBe(true);
    expect(KEYMAP.table.some((b) => b.keys.some((k) => 'input' in k && (k.input === 'h' || k.input === 'l')))).toBe(false);
    await ui.press('?');
    const help = await ui.waitForText('Keys on this screen');
    expect(help).toMatch(/H +history: who granted and revoked access/);
  });

  it('a share and a revoke made in the UI appear in H with the demo key as actor; the dialog names the granter', async () => {
    const { ui, checkpoint } = await start({ size: { columns: 140, rows: 30 } });
    const holders = new Set(ui.demo.state.permissionsOf(checkpoint).map((p) => p.project_id));
    const fresh = ui.demo.state.projects().find((p) => p.status === 'active' && !holders.has(p.id))!;
    await ui.press('a');
    await waitFor(() => ui!.store.getState().access.status === 'ready', 'the access list');
    await ui.type(fresh.id);
    await ui.press(KEYS.enter);
    await ui.waitForText('[y/N]');
    await ui.press('y');
    await ui.waitForFrame((frame) => frame.includes('Shared with 1 project'));
    await ui.press(KEYS.enter);
    await waitFor(() => !ui!.store.getState().loading && ui!.store.getState().page!.rows[0]?.project_id === fresh.id, 'the new row');
    // The newest row is the new permission: its dialog names the demo key as the granter, once the log answers.
    for (let i = ui.store.getState().cursor; i > 0; i--) await ui.press('k');
    await waitFor(() => ui!.store.getState().cursor === 0, 'the cursor on the new row');
    await ui.press('d');
    const dialog = await ui.waitForText('granted by');
    const today = new Date();
    const day = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    expect(dialog).toContain(`granted by demo.admin@acme.com (API key ${DEMO_ADMIN_KEY_ID}) on ${day}`);
    await ui.press('y');
    await ui.waitForFrame((frame) => frame.includes('Revoked'));
    await waitFor(() => !ui!.store.getState().loading, 'the table after the revoke');

    await ui.press('H');
    const history = await ui.waitForFrame((frame) => historyRows(frame).length > 2);
    const [revoked, granted] = historyRows(history);
    for (const [line, action] of [
      [revoked, 'revoked'],
      [granted, 'granted'],
    ] as const) {
      expect(line).toContain(action);
      expect(line).toContain(`${fresh.name} (${fresh.id})`);
      expect(line).toContain(`demo.admin@acme.com (API key ${DEMO_ADMIN_KEY_ID})`);
    }
  });

  it('the revoke dialog opens at once, before the log answers, and names a seeded granter by email', async () => {
    const { ui, checkpoint } = await start({ size: { columns: 120, rows: 24 } });
    const row = ui.store.getState().page!.rows[0]!;
    const event = ui.demo.state.audit
      .snapshot()
      .find((e) => e.type === 'checkpoint.permission.created' && e['checkpoint.permission.created']?.id === row.id)!;
    ui.demo.setLatency(400);
    await ui.press('d');
    const early = await ui.waitForText('[y/N]');
    expect(early).not.toContain('granted by');
    expect(checkpoint).toBeTruthy();
    const late = await ui.waitForText('granted by');
    const who = event.actor?.session?.user?.email ?? event.actor?.api_key?.service_account?.id ?? 'unknown';
    expect(late).toContain(who);
  });

  it('an organization without audit logging: the sentence on the flash line, and the screen says why it is empty', async () => {
    const { ui } = await start({ demo: { auditLog: false }, size: { columns: 80, rows: 24 } });
    await ui.press('H');
    const frame = await ui.waitForText(NO_AUDIT_LOG_FLASH);
    expect(frame).toContain('No history to show');
    expect(linesOf(frame).at(-2)).toBe(NO_AUDIT_LOG_FLASH);
    expect(ui.demo.requests.filter((r) => r.path === '/v1/organization/audit_logs')).toHaveLength(2);
    await ui.press(KEYS.esc);
    await ui.waitForText('ckpt-perms · Permissions');
  });

  it('shows loading, then an error like the table, and r reads again', async () => {
    const { ui } = await start();
    ui.demo.setLatency(200);
    ui.demo.injectFault('500');
    await ui.press('H');
    await ui.waitForText('Reading the audit log…');
    const failed = await ui.waitForText('Could not read the audit log');
    expect(failed).toContain('r tries again');
    ui.demo.setLatency(0);
    await ui.press('r');
    await ui.waitForFrame((frame) => historyRows(frame).length === 5);
  });

  for (const [columns, rows] of [
    [60, 15],
    [40, 10],
  ] as const) {
    it(`keeps every history frame within ${columns}×${rows}, help included`, async () => {
      const { ui } = await start({ size: { columns, rows } });
      const from = ui.frames.length;
      await ui.press('H');
      await ui.waitForFrame((frame) => historyRows(frame).length > 0);
      await ui.press(KEYS.right);
      await ui.waitForText('Page 2 of');
      await ui.press('?');
      await ui.waitForText('Keys on this screen');
      await ui.press(KEYS.esc);
      await ui.waitForFrame((frame) => historyRows(frame).length > 0);
      expect(oversizedFrames(ui.frames.slice(from), columns, rows)).toEqual([]);
    });
  }

  it('keeps hostile actor emails and project names inert', async () => {
    const { ui, checkpoint } = await start({ size: { columns: 140, rows: 20 } });
    const hostile = 'Evil\u001b]0;pwned\u0007Name\u001b[2J\u202Eylno';
    const projects = ui.demo.state['projectList'] as Project[];
    const target = projects.find((p) => p.status === 'active')!;
    target.name = hostile;
    ui.demo.state.audit.record({
      type: 'checkpoint.permission.created',
      effective_at: Date.now() / 1000,
      actor: { type: 'session', session: { user: { id: 'user-x', email: `mallory\u001b[31m@acme.com\u202e\u0007` } } },
      'checkpoint.permission.created': { id: 'cp_hostileEvent', data: { project_id: target.id, fine_tuned_model_checkpoint: checkpoint } },
    });
    // The directory read at the table's start has the old name: the history reads project names again.
    ui.store.setState({ directory: { ...ui.store.getState().directory, status: 'idle', byId: {}, active: [] } });
    const from = ui.frames.length;
    await ui.press('H');
    const frame = await ui.waitForText('mallory@acme.com');
    expect(frame).toContain('EvilNameylno');
    for (const shown of ui.frames.slice(from)) {
      const rest = shown.replace(/\u001b\[[0-9;]*m/g, '');
      expect(rest).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|pwned/);
    }
  });
});
