// Revoking from the table: the dialog, its three ways to cancel, one and several revokes, and no double deletes.
import { afterEach, describe, expect, it } from 'vitest';
import type { Permission } from '../../src/api/types';
import { hintsFor } from '../../src/ui/keymap';
import { KEYS } from '../helpers/keys';
import { waitFor } from '../helpers/wait';
import { linesOf, openTable, rowLines, settle, startUi, type UiHarness } from './render';

let ui: UiHarness | undefined;
afterEach(async () => {
  await ui?.close();
  ui = undefined;
});

async function startTable(): Promise<{ ui: UiHarness; checkpoint: string; newest: Permission[] }> {
  ui = await startUi();
  const checkpoint = ui.demo.checkpoints[0]!;
  await openTable(ui, checkpoint);
  return { ui, checkpoint, newest: ui.demo.state.permissionsOf(checkpoint).reverse() };
}

const ids = (permissions: Permission[]) => permissions.map((p) => p.id);
const deletes = (ui: UiHarness) => ui.demo.requests.filter((r) => r.method === 'DELETE');
/** What the server no longer has of `before`. */
const lost = (ui: UiHarness, checkpoint: string, before: Permission[]) => {
  const now = new Set(ids(ui.demo.state.permissionsOf(checkpoint)));
  return ids(before).filter((id) => !now.has(id));
};

describe('revoke', () => {
  it('d opens a dialog naming the project (id and name), the checkpoint and the permission', async () => {
    const { ui, checkpoint, newest } = await startTable();
    const target = newest[0]!;
    const name = ui.demo.state.projects().find((p) => p.id === target.project_id)?.name;
    expect(name).toBeTruthy();
    await ui.press('d');
    const frame = ui.lastFrame();
    expect(frame).toContain('Revoke');
    expect(frame).toContain('[y/N]');
    expect(frame).toContain(`${target.project_id} (${name})`);
    expect(frame).toContain(`Checkpoint  ${checkpoint}`);
    expect(frame).toContain(target.id);
    expect(linesOf(frame).at(-1)).toBe(hintsFor('revoke'));
  });

  it('Delete opens the same dialog', async () => {
    const { ui, newest } = await startTable();
    await ui.press(KEYS.delete);
    expect(ui.lastFrame()).toContain('[y/N]');
    expect(ui.lastFrame()).toContain(newest[0]!.id);
  });

  for (const [name, key] of [
    ['n', 'n'],
    ['Esc', KEYS.esc],
    ['Enter', KEYS.enter],
  ] as const) {
    it(`${name} cancels: the dialog closes and the server keeps the permission`, async () => {
      const { ui, checkpoint, newest } = await startTable();
      await ui.press('d');
      expect(ui.lastFrame()).toContain('[y/N]');
      await ui.press(key);
      const frame = ui.lastFrame();
      expect(frame).not.toContain('[y/N]');
      expect(rowLines(frame)).toHaveLength(5);
      expect(rowLines(frame)[0]).toContain(newest[0]!.id);
      // Still on the table (Esc closed only the dialog).
      expect(ui.store.getState().screen).toBe('table');
      await settle();
      expect(deletes(ui)).toHaveLength(0);
      expect(ids(ui.demo.state.permissionsOf(checkpoint))).toEqual(ids(newest).reverse());
    });
  }

  it('y revokes the row: the server lost exactly that permission and the flash says Revoked', async () => {
    const { ui, checkpoint, newest } = await startTable();
    // The third row.
    await ui.press(KEYS.down);
    await ui.press(KEYS.down);
    const target = newest[2]!;
    await ui.press('d');
    expect(ui.lastFrame()).toContain(target.id);
    await ui.press('y');
    const frame = await ui.waitForFrame((f) => f.includes('Revoked') && !f.includes('loading'));
    expect(lost(ui, checkpoint, newest)).toEqual([target.id]);
    expect(linesOf(frame).find((line) => line.startsWith('Revoked'))).toContain(target.project_id);
    // The page is read again: the row is gone and the next one moved up.
    const rows = rowLines(frame);
    expect(rows).toHaveLength(5);
    expect(rows.some((row) => row.includes(target.id))).toBe(false);
    expect(rows[4]).toContain(newest[5]!.id);
    expect(deletes(ui)).toHaveLength(1);
  });

  it('revokes three marked rows: the dialog lists them, the outcomes show three ✓, the server lost exactly those', async () => {
    const { ui, checkpoint, newest } = await startTable();
    await ui.press(KEYS.space);
    await ui.press(KEYS.down); // skip the second row
    await ui.press(KEYS.space);
    await ui.press(KEYS.space);
    const targets = [newest[0]!, newest[2]!, newest[3]!];
    expect(ui.lastFrame()).toContain('3 marked');
    await ui.press('d');
    let frame = ui.lastFrame();
    expect(frame).toContain('Revoke access for 3 marked projects? [y/N]');
    const bullets = linesOf(frame).filter((line) => line.startsWith('│ • '));
    expect(bullets).toHaveLength(3);
    for (const target of targets) expect(bullets.some((line) => line.includes(target.id) && line.includes(target.project_id))).toBe(true);

    await ui.press('y');
    frame = await ui.waitForFrame((f) => f.includes('3 of 3 revoked') && !f.includes('loading'));
    const ticks = linesOf(frame).filter((line) => line.startsWith('│ ✓ '));
    expect(ticks).toHaveLength(3);
    for (const target of targets) expect(ticks.some((line) => line.includes(target.id))).toBe(true);
    expect(frame).toContain('Revoked 3 permissions');
    expect(lost(ui, checkpoint, newest).sort()).toEqual(ids(targets).sort());
    expect(deletes(ui)).toHaveLength(3);

    // Enter closes the outcomes; the marks are gone with the rows.
    await ui.press(KEYS.enter);
    frame = ui.lastFrame();
    expect(frame).not.toContain('✓');
    expect(frame).not.toContain('marked');
    for (const target of targets) expect(frame).not.toContain(target.id);
    expect(rowLines(frame).map((row) => row.slice(2, 29))).toEqual(ids(newest.filter((p) => !targets.includes(p)).slice(0, 5)));
  });

  it('scrolls a revoke dialog longer than the screen with ↓ and ↑', async () => {
    const { ui, newest } = await startTable();
    // Five marks on each of four pages: the dialog has room for fewer lines.
    for (let page = 0; page < 4; page++) {
      for (let i = 0; i < 5; i++) await ui.press(KEYS.space);
      await ui.press(KEYS.right);
      await ui.waitForFrame((f) => f.includes(`Page ${page + 2} · `) && !f.includes('loading'));
    }
    await ui.press('d');
    let frame = ui.lastFrame();
    expect(frame).toContain('Revoke access for 20 marked projects? [y/N]');
    const more = frame.match(/…and (\d+) more \(↓ scrolls\)/);
    expect(more, frame).not.toBeNull();
    expect(frame).not.toContain(newest[19]!.id);
    for (let i = 0; i < Number(more![1]); i++) await ui.press(KEYS.down);
    frame = ui.lastFrame();
    expect(frame).not.toContain('↓ scrolls');
    expect(frame).toContain(newest[19]!.id);
    expect(frame).not.toContain(`Checkpoint  ${ui.store.getState().checkpoint}`);
    await ui.press(KEYS.up);
    await ui.press('k');
    expect(ui.lastFrame()).toContain('↓ scrolls');
    expect(deletes(ui)).toHaveLength(0);
  });

  it('sends one DELETE per permission when y is pressed twice quickly', async () => {
    const { ui, checkpoint, newest } = await startTable();
    ui.demo.setLatency(40);
    await ui.press(KEYS.space);
    await ui.press(KEYS.space);
    await ui.press('d');
    expect(ui.lastFrame()).toContain('Revoke access for 2 marked projects?');
    // Twice before anything is drawn, then once more while the requests are in flight.
    ui.stdin.write('y');
    ui.stdin.write('y');
    await settle();
    await ui.press('y');
    await ui.waitForFrame((f) => f.includes('2 of 2 revoked') && !f.includes('loading'));
    await waitFor(() => ui!.store.getState().busy === null, 'the revoke to end');
    const sent = deletes(ui).map((r) => r.path);
    expect(sent).toHaveLength(2);
    expect(new Set(sent).size).toBe(2);
    for (const target of newest.slice(0, 2)) expect(sent.some((path) => path.endsWith(`/permissions/${target.id}`))).toBe(true);
    expect(lost(ui, checkpoint, newest).sort()).toEqual(ids(newest.slice(0, 2)).sort());
  });
});
