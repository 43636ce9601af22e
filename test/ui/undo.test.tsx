// Undo on screen: u after a revoke asks to share again, y does; the server’s state checked after.
import { afterEach, describe, expect, it } from 'vitest';
import { idle, projectsOn } from '../helpers/harness';
import { KEYS } from '../helpers/keys';
import { waitFor } from '../helpers/wait';
import { oversizedFrames, openTable, startUi, type UiHarness } from './render';

let ui: UiHarness | undefined;
afterEach(async () => {
  await ui?.close();
  ui = undefined;
});

describe('undo', () => {
  it('u after revoking three marked rows asks to share again (new ids), y shares them again', async () => {
    ui = await startUi();
    const checkpoint = ui.demo.checkpoints[0]!;
    await openTable(ui, checkpoint);
    await ui.press('u');
    await ui.waitForText('Nothing to undo');

    const revoked = ui.demo.state.permissionsOf(checkpoint).reverse().slice(0, 3);
    for (let i = 0; i < 3; i++) await ui.press(KEYS.space);
    await ui.press('d');
    await ui.waitForText('[y/N]');
    await ui.press('y');
    await ui.waitForText('Revoke: 3 of 3 revoked');
    await waitFor(() => idle(ui!), 'the reload');
    await ui.press(KEYS.enter);

    await ui.press('u');
    let frame = await ui.waitForText('[y/N]');
    expect(frame).toMatch(/Share ft:.* again with 3 projects\? \[y\/N\]/);
    expect(frame).toContain('The permission ids will be new');
    for (const p of revoked) expect(frame).toContain(`+ ${p.project_id}`);
    await ui.press('y');
    frame = await ui.waitForText('Undo: 3 of 3 projects have access again');
    const now = ui.demo.state.permissionsOf(checkpoint);
    for (const p of revoked) {
      const again = now.find((q) => q.project_id === p.project_id);
      expect(again, `${p.project_id} has access again`).toBeDefined();
      expect(again!.id).not.toBe(p.id);
    }
    await waitFor(() => idle(ui!), 'the reload');
    await ui.press(KEYS.enter);
    await ui.press('u');
    await ui.waitForText('Nothing to undo');
  });

  for (const [columns, rows] of [
    [100, 30],
    [40, 10],
  ] as const) {
    it(`u after a share asks to revoke what it granted, within ${columns}×${rows}; y does, and the flash said u undoes`, async () => {
      ui = await startUi({ size: { columns, rows } });
      const checkpoint = ui.demo.checkpoints[0]!;
      await openTable(ui, checkpoint);
      const free = ui.demo.state.projects().find((p) => p.status === 'active' && !projectsOn(ui!, checkpoint).has(p.id))!;
      await ui.press('a');
      await waitFor(() => ui!.store.getState().screen === 'share' && ui!.store.getState().access.status === 'ready', 'the share list');
      // A paste arrives as one write.
      await ui.press(` ${free.id}`);
      await ui.waitForText('1 picked');
      await ui.press(KEYS.enter);
      await ui.waitForText('[y/N]');
      await ui.press('y');
      await waitFor(() => ui!.store.getState().dialog?.kind === 'outcomes' && idle(ui!), 'the share');
      expect(ui.store.getState().flash?.text).toBe('Shared with 1 project · u undoes');
      const granted = ui.demo.state.permissionsOf(checkpoint).find((p) => p.project_id === free.id)!;
      await ui.press(KEYS.enter);
      await ui.press('u');
      const frame = await ui.waitForText('[y/N]');
      if (columns >= 100) {
        expect(frame).toMatch(/Undo the share: revoke ft:.* from 1 project\? \[y\/N\]/);
        expect(frame).toContain(`- ${free.id} (${free.name})  ${granted.id}`);
      }
      await ui.press('y');
      await waitFor(() => ui!.store.getState().dialog?.kind === 'outcomes' && idle(ui!), 'the undo');
      expect(projectsOn(ui, checkpoint).has(free.id)).toBe(false);
      expect(oversizedFrames(ui.frames, columns, rows)).toEqual([]);
    });
  }

  it('at 80 columns the line after a revoke still ends "u undoes" (what is cut is the middle, never that)', async () => {
    ui = await startUi({ size: { columns: 80, rows: 24 } });
    await openTable(ui, ui.demo.checkpoints[0]!);
    await ui.press('d');
    await ui.waitForText('[y/N]');
    await ui.press('y');
    const frame = await ui.waitForFrame((f) => /^Revoked /m.test(f));
    expect(frame).toMatch(/^Revoked proj_.*· u undoes$/m);
  });
});
