// Help from any screen (issue #16, item 11): `?` in an empty field opens it (typed after text it is a character), and
// in help `q` quits, as everywhere.
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS } from '../helpers/keys';
import { waitFor } from '../helpers/wait';
import { openTable, startUi, type UiHarness } from './render';

let ui: UiHarness | undefined;
afterEach(async () => {
  await ui?.close();
  ui = undefined;
});

const exited = (h: UiHarness) => h.stdin.listenerCount('readable') === 0;

describe('help from any screen', () => {
  it('? in the picker’s empty field opens help; after text it is typed', async () => {
    ui = await startUi();
    await waitFor(() => ui!.store.getState().screen === 'picker' && ui!.frames.length > 0, 'the picker');
    await ui.press('?');
    let frame = await ui.waitForText('Keys on this screen');
    expect(frame).toContain('help (when the field is empty)');
    expect(frame).not.toMatch(/Checkpoint id: \?/);
    await ui.press(KEYS.esc);
    await ui.waitForFrame((f) => !f.includes('Keys on this screen'));
    await ui.type('ab?');
    frame = await ui.waitForText('Checkpoint id: ab?');
    expect(frame).not.toContain('Keys on this screen');
  });

  it('? in the share screen’s empty field opens help', async () => {
    ui = await startUi();
    await openTable(ui, ui.demo.checkpoints[0]!);
    await ui.press('a');
    await ui.waitForText('Projects: ');
    await ui.press('?');
    const frame = await ui.waitForText('Keys on this screen');
    expect(frame).toContain('pick or unpick the project');
  });

  it('q in help quits', async () => {
    ui = await startUi();
    await openTable(ui, ui.demo.checkpoints[0]!);
    await ui.press('?');
    await ui.waitForText('Keys on this screen');
    await ui.press('q');
    await waitFor(() => exited(ui!), 'the app to exit');
  });
});
