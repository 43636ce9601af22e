// Sync from a checkpoint that shares with no project (issue #16, item 9): said plainly, with what p would do.
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS } from '../helpers/keys';
import { waitFor } from '../helpers/wait';
import { openTable, startUi, type UiHarness } from './render';

let ui: UiHarness | undefined;
afterEach(async () => {
  await ui?.close();
  ui = undefined;
});

describe('sync from an empty source', () => {
  it('says the source shares with no project and that p would remove every project here, not "already in sync"', async () => {
    ui = await startUi({ size: { columns: 120, rows: 30 } });
    const target = ui.demo.checkpoints[0]!;
    const here = ui.demo.state.permissionsOf(target).length;
    await openTable(ui, target);
    await ui.press('s');
    await ui.waitForText('Pick the source');
    await ui.press(ui.demo.emptyCheckpoint);
    await ui.press(KEYS.enter);
    const frame = await ui.waitForText('The source shares with no project: nothing to add');
    expect(frame).toContain(`The source shares with no project. p would remove all ${here} projects from this checkpoint`);
    expect(frame).not.toContain('Already in sync');
    expect(ui.store.getState().flash?.text).toBe(
      `The source shares with no project: nothing to add; p would remove all ${here} projects from this checkpoint`,
    );
    // p: the plan removes every one of them (asked first, nothing changed yet).
    await ui.press('p');
    await waitFor(() => {
      const dialog = ui!.store.getState().dialog;
      return dialog?.kind === 'sync-plan' && dialog.plan.prune && ui!.store.getState().busy === null;
    }, 'the pruning plan');
    const pruning = await ui.waitForText('[y/N]');
    expect(pruning).toContain(`Sync into this checkpoint: remove ${here} projects? [y/N]`);
    expect(ui.demo.state.permissionsOf(target)).toHaveLength(here);
  });
});
