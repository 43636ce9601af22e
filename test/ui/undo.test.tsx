// Undo on screen: u after a revoke asks to share again, y does; the server’s state checked after.
import { afterEach, describe, expect, it } from 'vitest';
import { idle } from '../helpers/harness';
import { KEYS } from '../helpers/keys';
import { waitFor } from '../helpers/wait';
import { openTable, startUi, type UiHarness } from './render';

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
});
