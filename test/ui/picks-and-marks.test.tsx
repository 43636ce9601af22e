// Share picks kept for the session, stale hints cleared, and a key that clears every mark (issue #16, item 7).
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS } from '../helpers/keys';
import { waitFor } from '../helpers/wait';
import { linesOf, openTable, startUi, type UiHarness } from './render';

let ui: UiHarness | undefined;
afterEach(async () => {
  await ui?.close();
  ui = undefined;
});

const flashLineOf = (frame: string) => linesOf(frame).at(-2) ?? '';

async function shareScreen(h: UiHarness) {
  await h.press('a');
  await waitFor(() => h.store.getState().directory.status === 'ready' && h.store.getState().access.status === 'ready', 'the projects');
  await h.waitForFrame((frame) => /^›\[( |x)\] /m.test(frame));
}

describe('share picks and table marks', () => {
  it('picks survive leaving the share screen (the table says so) and are there again on a', async () => {
    ui = await startUi({ size: { columns: 120, rows: 30 } });
    await openTable(ui, ui.demo.emptyCheckpoint);
    await shareScreen(ui);
    await ui.press(KEYS.tab);
    await ui.press(KEYS.tab);
    await ui.waitForFrame((frame) => /^2 picked/m.test(frame));
    await ui.press(KEYS.esc);
    let frame = await ui.waitForText('Page 1');
    expect(flashLineOf(frame)).toBe('2 picks kept for sharing: a goes on with them');
    await shareScreen(ui);
    frame = await ui.waitForFrame((f) => /^2 picked/m.test(f));
    expect(linesOf(frame).filter((line) => line.slice(1, 4) === '[x]')).toHaveLength(2);
  });

  it('a hint of the share screen does not stay on the table', async () => {
    ui = await startUi({ size: { columns: 120, rows: 30 } });
    await openTable(ui, ui.demo.emptyCheckpoint);
    await shareScreen(ui);
    await ui.type('zzzz-no-such-project');
    await ui.press(KEYS.enter);
    await ui.waitForText('Pick projects with Tab');
    await ui.press(KEYS.esc);
    await ui.press(KEYS.esc);
    const frame = await ui.waitForText('Page 1');
    expect(frame).not.toContain('Pick projects with Tab');
  });

  it('c clears every mark, on every page', async () => {
    ui = await startUi({ size: { columns: 120, rows: 30 }, pageSize: 5 });
    await openTable(ui, ui.demo.checkpoints[0]!);
    await ui.press(KEYS.space);
    await ui.press(KEYS.space);
    await ui.press(KEYS.right);
    await ui.waitForText('Page 2');
    await ui.press(KEYS.space);
    await ui.waitForText('3 marked');
    await ui.press('c');
    const frame = await ui.waitForText('Unmarked 3 rows');
    expect(frame).not.toContain('marked ·');
    expect(frame).not.toMatch(/^[› ]●/m);
    expect(ui.store.getState().marks).toEqual({});
  });
});
