// The permission table: paging, order, filter, marks, help and hints, compared with what the server holds.
import { afterEach, describe, expect, it } from 'vitest';
import type { Permission } from '../../src/api/types';
import type { DemoServer } from '../../src/demo/server';
import { fit } from '../../src/ui/format';
import { CTRL_C, hintsFor, KEYMAP } from '../../src/ui/keymap';
import { KEYS } from '../helpers/keys';
import { waitFor } from '../helpers/wait';
import { linesOf, openTable, rowLines, startUi, type UiHarness } from './render';

let ui: UiHarness | undefined;
afterEach(async () => {
  await ui?.close();
  ui = undefined;
});

async function startTable(): Promise<{ ui: UiHarness; checkpoint: string; newest: Permission[]; frame: string }> {
  ui = await startUi();
  const checkpoint = ui.demo.checkpoints[0]!;
  const frame = await openTable(ui, checkpoint);
  return { ui, checkpoint, newest: ui.demo.state.permissionsOf(checkpoint).reverse(), frame };
}

const projectNames = (demo: DemoServer) => new Map(demo.state.projects().map((p) => [p.id, p.name ?? '']));

/** The position line: `Page 1 · 1–5 · more · newest first · …`. */
const positionOf = (frame: string) => linesOf(frame).find((line) => line.startsWith('Page ')) ?? '';

/** Each row shows its permission id, project id and (the start of) the project's name, in the server's order. */
function expectRows(frame: string, expected: Permission[], names: Map<string, string>): void {
  const rows = rowLines(frame);
  expect(rows, frame).toHaveLength(expected.length);
  expected.forEach((permission, i) => {
    const row = rows[i]!;
    expect(row).toContain(permission.id);
    expect(row).toContain(permission.project_id);
    const name = names.get(permission.project_id);
    expect(name, `project ${permission.project_id} on the server`).toBeTruthy();
    expect(row).toContain(name!.slice(0, 12));
  });
}

describe('table', () => {
  it('shows page 1 with the server’s newest five permissions and their project names', async () => {
    const { ui, newest, frame } = await startTable();
    expect(newest.length).toBeGreaterThan(10);
    expect(positionOf(frame)).toMatch(/^Page 1 · 1–5 · more · newest first · no filter$/);
    expectRows(frame, newest.slice(0, 5), projectNames(ui.demo));
  });

  it('→ and PgDn show the next five, ← and PgUp go back, g goes to the first page', async () => {
    const { ui, newest } = await startTable();
    const names = projectNames(ui.demo);
    await ui.press(KEYS.right);
    let frame = await ui.waitForFrame((f) => positionOf(f).startsWith('Page 2 · 6–10'));
    expectRows(frame, newest.slice(5, 10), names);
    await ui.press(KEYS.pageDown);
    frame = await ui.waitForFrame((f) => positionOf(f).startsWith('Page 3 · 11–15'));
    expectRows(frame, newest.slice(10, 15), names);
    await ui.press(KEYS.pageUp);
    frame = await ui.waitForFrame((f) => positionOf(f).startsWith('Page 2 · 6–10'));
    expectRows(frame, newest.slice(5, 10), names);
    await ui.press(KEYS.left);
    frame = await ui.waitForFrame((f) => positionOf(f).startsWith('Page 1 · 1–5'));
    expectRows(frame, newest.slice(0, 5), names);
    await ui.press('n');
    await ui.press('n');
    await ui.waitForFrame((f) => positionOf(f).startsWith('Page 3 · 11–15'));
    await ui.press('g');
    frame = await ui.waitForFrame((f) => positionOf(f).startsWith('Page 1 · 1–5'));
    expectRows(frame, newest.slice(0, 5), names);
    // ← on the first page says so and stays.
    await ui.press(KEYS.left);
    frame = await ui.waitForFrame((f) => f.includes('This is the first page'));
    expect(positionOf(frame)).toMatch(/^Page 1 · 1–5/);
  });

  it('o toggles to oldest first and back', async () => {
    const { ui, checkpoint, newest } = await startTable();
    const names = projectNames(ui.demo);
    const oldest = ui.demo.state.permissionsOf(checkpoint);
    await ui.press('o');
    let frame = await ui.waitForFrame((f) => positionOf(f).includes('oldest first') && !f.includes('loading'));
    expect(positionOf(frame)).toMatch(/^Page 1 · 1–5 · more · oldest first/);
    expect(rowLines(frame)[0]).toContain(oldest[0]!.id);
    expectRows(frame, oldest.slice(0, 5), names);
    await ui.press('o');
    frame = await ui.waitForFrame((f) => positionOf(f).includes('newest first') && !f.includes('loading'));
    expectRows(frame, newest.slice(0, 5), names);
  });

  it('/ + a project id + Enter filters to that project’s one row; Esc clears the filter', async () => {
    const { ui, newest } = await startTable();
    const names = projectNames(ui.demo);
    // A project whose permission is not on the first page.
    const target = newest[7]!;
    await ui.press('/');
    let frame = ui.lastFrame();
    expect(frame).toContain('Filter by project name or id:');
    expect(linesOf(frame).at(-1)).toBe(hintsFor('filter'));
    await ui.press(target.project_id);
    await ui.press(KEYS.enter);
    frame = await ui.waitForFrame((f) => positionOf(f).includes(`filter ${target.project_id}`) && !f.includes('loading'));
    expect(positionOf(frame)).toMatch(/^Page 1 · 1–1 of 1 · end · newest first · filter proj_/);
    expectRows(frame, [target], names);
    await ui.press(KEYS.esc);
    frame = await ui.waitForFrame((f) => positionOf(f).includes('no filter') && !f.includes('loading'));
    expectRows(frame, newest.slice(0, 5), names);
  });

  it('space marks the row (a marker, and the count in the header) and moves down', async () => {
    const { ui, newest } = await startTable();
    await ui.press(KEYS.space);
    let frame = ui.lastFrame();
    expect(positionOf(frame)).toContain('1 marked');
    let rows = rowLines(frame);
    expect(rows[0]).toMatch(/^.●/);
    expect(rows[0]).toContain(newest[0]!.id);
    expect(rows.slice(1).every((row) => row[1] === ' ')).toBe(true);
    // The cursor is a character too (for terminals without inverse video): it moved to the second row.
    expect(rows.map((row) => row[0] === '›')).toEqual([false, true, false, false, false]);
    // The cursor moved down: the next space marks the second row; ↓ skips the third; j the fourth.
    await ui.press(KEYS.space);
    await ui.press(KEYS.down);
    await ui.press('j');
    await ui.press(KEYS.space);
    frame = ui.lastFrame();
    expect(positionOf(frame)).toContain('3 marked');
    rows = rowLines(frame);
    expect(rows.map((row) => row[1] === '●')).toEqual([true, true, false, false, true]);
    expect(rows[4]).toContain(newest[4]!.id);
    // The cursor stays on the last row; ↑ and k go back up to the second, where space unmarks.
    await ui.press(KEYS.up);
    await ui.press('k');
    await ui.press('k');
    await ui.press(KEYS.space);
    frame = ui.lastFrame();
    expect(positionOf(frame)).toContain('2 marked');
    expect(rowLines(frame).map((row) => row[1] === '●')).toEqual([true, false, false, false, true]);
  });

  it('? lists every binding of the table (scrolling when they do not fit) and Esc closes it', async () => {
    const { ui } = await startTable();
    await ui.press('?');
    const seen = new Set<string>();
    let frame = ui.lastFrame();
    expect(frame).toContain('Keys on this screen');
    expect(linesOf(frame).at(-1)).toBe(hintsFor('help'));
    const bindings = [...KEYMAP.table, CTRL_C];
    for (let i = 0; i <= bindings.length; i++) {
      for (const line of linesOf(ui.lastFrame())) seen.add(line);
      await ui.press(KEYS.down);
    }
    for (const binding of bindings) {
      const pattern = new RegExp(`^│ ${re(binding.label)} +${re(binding.description)} +│$`);
      expect(
        [...seen].some((line) => pattern.test(line)),
        `${binding.label} ${binding.description} in\n${[...seen].join('\n')}`,
      ).toBe(true);
    }
    await ui.press(KEYS.esc);
    frame = ui.lastFrame();
    expect(frame).not.toContain('Keys on this screen');
    expect(rowLines(frame)).toHaveLength(5);
  });

  it('shows the table’s hints from the keymap in the footer, only those that apply: no ← on the first page', async () => {
    const { frame } = await startTable();
    expect(linesOf(frame).at(-1)).toBe(fit(hintsFor('table', 100, { off: ['previousPage'] }), 100));
    expect(linesOf(frame).at(-1)).toMatch(/^→ next · space mark · d revoke · /);
    await ui!.press(KEYS.right);
    const second = await ui!.waitForText('Page 2');
    expect(linesOf(second).at(-1)).toMatch(/^→ next · ← prev · space mark · d revoke · /);
  });
});

function re(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

describe('keys that arrive together', () => {
  it('"jjj" in one read moves three rows; a pasted "dy" opens the revoke dialog but does not answer it', async () => {
    const { ui, newest } = await startTable();
    await ui.press('jjj');
    expect(rowLines(ui.lastFrame()).map((row) => row[0] === '›')).toEqual([false, false, false, true, false]);
    const mark = ui.demo.requests.length;
    await ui.press('dy');
    const frame = ui.lastFrame();
    expect(frame).toContain('[y/N]');
    expect(frame).toContain(newest[3]!.project_id);
    // A burst of y's is not a deliberate answer either.
    await ui.press('yyy');
    expect(ui.lastFrame()).toContain('[y/N]');
    expect(ui.demo.requests.slice(mark).filter((r) => r.method === 'DELETE')).toEqual([]);
    await ui.press('y');
    await waitFor(() => !ui.demo.state.permissionsOf(ui.demo.checkpoints[0]!).some((p) => p.id === newest[3]!.id), 'the revoke');
  });
});

describe('help', () => {
  it('the help lists the new table keys; the footer still fits 80 columns', async () => {
    expect(hintsFor('table').length).toBeLessThanOrEqual(80);
    for (const key of ['s', 'e', 'u', 'Enter']) expect(KEYMAP.table.some((b) => b.label === key)).toBe(true);
    ui = await startUi({ size: { columns: 80, rows: 40 } });
    await openTable(ui, ui.demo.checkpoints[0]!);
    await ui.press('?');
    const frame = await ui.waitForText('Keys on this screen');
    expect(frame).toMatch(/s +sync/);
    expect(frame).toMatch(/e +export/);
    expect(frame).toMatch(/u +undo/);
    expect(frame).toMatch(/Enter +every checkpoint/);
  });
});
