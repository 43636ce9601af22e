// The UI under faults, one per operation: the wait is shown (`retrying in 3 s`), Esc stops what the
// user is waiting for, and what the screen then says is what the server holds.
import { afterEach, describe, expect, test } from 'vitest';
import { KEYS } from '../helpers/keys';
import { waitFor } from '../helpers/wait';
import { openTable, startUi, type UiHarness } from '../ui/render';
import { countAs } from './figures';

let ui: UiHarness | undefined;
afterEach(async () => {
  await ui?.close();
  ui = undefined;
});

const idle = (h: UiHarness) => h.store.getState().busy === null && !h.store.getState().loading;

describe('the wait is shown and Esc stops it', () => {
  test('a page: rate limited, Esc keeps the page shown', async (ctx) => {
    countAs(ctx, 'fault');
    ui = await startUi({ maxRetries: 2 });
    const checkpoint = ui.demo.checkpoints[0]!;
    await openTable(ui, checkpoint);
    // 30 s, so Esc comes first however slow the machine; stopping a page load sends nothing more, so nothing waits it out.
    ui.demo.injectFault('429', { method: 'GET', path: '/fine_tuning/checkpoints/', retryAfter: '30' });
    await ui.press(KEYS.right);
    await ui.waitForText('rate limited (429), retrying in 30 s · Esc cancels');
    await ui.press(KEYS.esc);
    const frame = await ui.waitForText('Cancelled: still showing the page you were on');
    expect(frame).toContain('Page 1');
    expect(ui.store.getState().screen).toBe('table');
  });

  test('a revoke: Esc during the wait revokes nothing and says so', async (ctx) => {
    countAs(ctx, 'fault');
    ui = await startUi({ maxRetries: 2 });
    const checkpoint = ui.demo.checkpoints[0]!;
    await openTable(ui, checkpoint);
    const before = ui.demo.state.permissionsOf(checkpoint).map((p) => p.id);
    ui.demo.injectFault('429', { method: 'DELETE', retryAfter: '3' });
    await ui.press('d');
    await ui.waitForText('[y/N]');
    await ui.press('y');
    await ui.waitForText('rate limited (429), retrying in 3 s · Esc cancels');
    await ui.press(KEYS.esc);
    await ui.waitForText('Cancelled: nothing was revoked');
    await waitFor(() => idle(ui!), 'the revoke to end');
    expect(ui.demo.state.permissionsOf(checkpoint).map((p) => p.id)).toEqual(before);
  });

  test('a revoke whose answer was lost, then stopped: reported revoked, as the server holds', async (ctx) => {
    countAs(ctx, 'fault');
    ui = await startUi({ maxRetries: 2 });
    const checkpoint = ui.demo.checkpoints[0]!;
    await openTable(ui, checkpoint);
    const target = ui.store.getState().page!.rows[0]!;
    // Carried out, then the answer lost; the retry is rate limited and the user stops it.
    ui.demo.injectFault('reset-after', { method: 'DELETE' });
    ui.demo.injectFault('429', { method: 'DELETE', retryAfter: '3' });
    await ui.press('d');
    await ui.waitForText('[y/N]');
    await ui.press('y');
    await ui.waitForText('retrying in');
    await waitFor(() => ui!.demo.requests.some((r) => r.status === 429), 'the rate-limited retry');
    await ui.waitForText('retrying in 3 s · Esc cancels');
    await ui.press(KEYS.esc);
    await ui.waitForText(`Revoked ${target.project_id}`);
    await waitFor(() => idle(ui!), 'the revoke to end');
    expect(ui.demo.state.permissionsOf(checkpoint).some((p) => p.id === target.id)).toBe(false);
  });

  test('a share: Esc during the wait shares nothing and lists each project as not shared', async (ctx) => {
    countAs(ctx, 'fault');
    ui = await startUi({ maxRetries: 2 });
    const checkpoint = ui.demo.checkpoints[0]!;
    await openTable(ui, checkpoint);
    const has = new Set(ui.demo.state.permissionsOf(checkpoint).map((p) => p.project_id));
    const free = ui.demo.state
      .projects()
      .filter((p) => p.status === 'active' && !has.has(p.id))
      .slice(0, 2);
    await ui.press('a');
    await waitFor(() => ui!.store.getState().access.status === 'ready', 'the access list');
    await ui.press(free.map((p) => p.id).join(' '));
    await ui.press(KEYS.enter);
    await ui.waitForText('Share with 2 projects? [y/N]');
    ui.demo.injectFault('429', { method: 'POST', retryAfter: '3' });
    await ui.press('y');
    await ui.waitForText('rate limited (429), retrying in 3 s · Esc cancels');
    await ui.press(KEYS.esc);
    const frame = await ui.waitForText('Share: 0 of 2 projects gained access');
    expect(frame).toContain('Cancelled: nothing was shared');
    expect(frame.match(/cancelled: not shared/g)).toHaveLength(2);
    await waitFor(() => idle(ui!), 'the share to end');
    const now = new Set(ui.demo.state.permissionsOf(checkpoint).map((p) => p.project_id));
    expect(free.filter((p) => now.has(p.id))).toEqual([]);
  });
});

describe('background reads show the wait and arrive after it', () => {
  test('the project directory: names come after a 503 and a 429', async (ctx) => {
    countAs(ctx, 'fault');
    ui = await startUi({ maxRetries: 2 });
    const checkpoint = ui.demo.checkpoints[0]!;
    ui.demo.injectFault('503', { path: '/organization/projects' });
    ui.demo.injectFault('429', { path: '/organization/projects', retryAfter: '1' });
    await openTable(ui, checkpoint);
    const first = ui.store.getState().page!.rows[0]!;
    const name = ui.demo.state.projects().find((p) => p.id === first.project_id)!.name!;
    await ui.waitForText(name);
    expect(ui.demo.requests.filter((r) => r.path.endsWith('/organization/projects')).map((r) => r.fault)).toEqual(
      expect.arrayContaining(['503', '429', undefined]),
    );
  });

  test('job browsing in the picker: a reset, then the jobs', async (ctx) => {
    countAs(ctx, 'fault');
    ui = await startUi({ maxRetries: 2, demo: {} });
    // The jobs are read when the picker opens: the first answer is lost.
    ui.demo.injectFault('reset', { path: '/fine_tuning/jobs' });
    const job = ui.demo.state.jobs().find((j) => j.fine_tuned_model)!;
    await ui.waitForText(job.fine_tuned_model!.slice(0, 30));
    expect(ui.demo.requests.some((r) => r.fault === 'reset')).toBe(true);
  });
});

test('a slow server while the user keeps pressing keys: one request per page, the last key wins', async (ctx) => {
  countAs(ctx, 'fault');
  ui = await startUi({ maxRetries: 2, demo: { latencyMs: 150 } });
  const checkpoint = ui.demo.checkpoints[0]!;
  await openTable(ui, checkpoint);
  const mark = ui.demo.requests.length;
  // Three pages forward while the first is still on its way, then back.
  for (const key of [KEYS.right, KEYS.right, KEYS.right, KEYS.down, KEYS.down]) await ui.press(key);
  await waitFor(() => idle(ui!), 'the pages to arrive');
  const state = ui.store.getState();
  const newest = ui.demo.state.permissionsOf(checkpoint).reverse();
  const size = state.page!.rows.length;
  const n = state.page!.pageNumber;
  expect(state.page!.rows.map((r) => r.id)).toEqual(newest.slice((n - 1) * size, n * size).map((p) => p.id));
  // No page asked for twice, nothing failed.
  const reads = ui.demo.requests.slice(mark).filter((r) => r.path.includes('/permissions'));
  expect(new Set(reads.map((r) => JSON.stringify(r.query))).size).toBe(reads.length);
  expect(ui.lastFrame()).not.toMatch(/error|failed/i);
});
