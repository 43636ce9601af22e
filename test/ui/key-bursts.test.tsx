// Keys read together (#30 item 1): every key of a burst counts in every list, a paste never runs as commands, and the
// picker's list has no digit shortcuts of its own. Each burst is one write, as a terminal sends keys typed faster than
// they are read.
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS } from '../helpers/keys';
import { waitFor } from '../helpers/wait';
import { linesOf, openTable, settle, startUi, type UiHarness } from './render';

let ui: UiHarness | undefined;
afterEach(async () => {
  await ui?.close();
  ui = undefined;
});

const PASTE_START = '\u001b[200~';
const PASTE_END = '\u001b[201~';

/** The index of the highlighted line among `lines`. */
const highlighted = (lines: string[], mark: string) => lines.findIndex((line) => line.startsWith(mark));

describe('a burst of keys in a list', () => {
  it('↓↓↓ in one write moves three rows in the / filter list', async () => {
    ui = await startUi({ size: { columns: 120, rows: 30 }, pageSize: 10 });
    await openTable(ui, ui.demo.checkpoints[0]!);
    await ui.press('/');
    await ui.waitForText('Filter by project name or id:');
    // Every project's id starts so: more matches than the five lines the prompt shows.
    await ui.press('proj_');
    const choices = (frame: string) => linesOf(frame).filter((line) => /^[› ] proj_\w+/.test(line));
    await ui.waitForFrame((frame) => choices(frame).length === 5 && highlighted(choices(frame), '›') === 0);
    await ui.press(KEYS.down.repeat(3));
    const frame = await ui.waitForFrame((f) => highlighted(choices(f), '›') !== 0);
    // Five lines around the cursor: the fourth match is in the middle of them.
    expect(highlighted(choices(frame), '›'), frame).toBe(2);
    const matches = choices(frame);
    await ui.press(KEYS.enter);
    const chosen = /^› (proj_\w+)/.exec(matches[2]!)![1]!;
    await waitFor(() => ui!.store.getState().filter === chosen, `the filter on the fourth match ${chosen}`);
  });

  const pickerLines = (frame: string) => linesOf(frame).filter((line) => /^(❯ |↵ | {2})ft:/.test(line));

  async function pickerList() {
    ui = await startUi();
    await ui.waitForText('from fine-tuning jobs');
    await ui.press(KEYS.tab);
    await ui.waitForFrame((frame) => highlighted(pickerLines(frame), '❯') === 0);
    return ui;
  }

  it('↓↓↓ in one write moves three rows in the picker list, and Enter opens that checkpoint', async () => {
    const ui = await pickerList();
    const before = pickerLines(ui.lastFrame());
    expect(before.length).toBeGreaterThan(4);
    await ui.press(KEYS.down.repeat(3));
    const frame = await ui.waitForFrame((f) => highlighted(pickerLines(f), '❯') !== 0);
    expect(highlighted(pickerLines(frame), '❯'), frame).toBe(3);
    const fourth = ui.store.getState().jobs.entries[3]!.id;
    await ui.press(KEYS.enter);
    await waitFor(() => ui.store.getState().checkpoint === fourth, 'the fourth checkpoint open');
  });

  it('jjj then kk in one write each: three down, two up', async () => {
    const ui = await pickerList();
    await ui.press('jjj');
    await ui.waitForFrame((f) => highlighted(pickerLines(f), '❯') === 3);
    await ui.press('kk');
    const frame = await ui.waitForFrame((f) => highlighted(pickerLines(f), '❯') !== 3);
    expect(highlighted(pickerLines(frame), '❯'), frame).toBe(1);
  });

  it('a digit in the picker list opens nothing (ink-select-input opened the second row on 2)', async () => {
    const ui = await pickerList();
    await ui.press('2');
    await ui.press('9');
    expect(ui.store.getState().screen).toBe('picker');
    expect(ui.store.getState().checkpoint).toBeUndefined();
    // The list still has the keys.
    await ui.press(KEYS.down);
    await ui.waitForFrame((f) => highlighted(pickerLines(f), '❯') === 1);
  });
});

describe('a paste', () => {
  async function table() {
    ui = await startUi();
    const checkpoint = ui.demo.checkpoints[0]!;
    await openTable(ui, checkpoint);
    return { ui, checkpoint, before: ui.demo.state.permissionsOf(checkpoint).length };
  }

  /** Nothing was run: no dialog, nothing deleted, and the table still takes keys one at a time. */
  async function nothingRan(ui: UiHarness, checkpoint: string, before: number) {
    await settle();
    expect(ui.store.getState().dialog, ui.lastFrame()).toBeNull();
    expect(ui.lastFrame()).not.toContain('[y/N]');
    expect(ui.demo.requests.filter((r) => r.method === 'DELETE')).toEqual([]);
    expect(ui.demo.state.permissionsOf(checkpoint)).toHaveLength(before);
    await ui.press('j');
    await waitFor(() => ui.store.getState().cursor === 1, 'j to move the cursor after the paste');
  }

  it('pasted on the table in one write ("dy"), runs nothing', async () => {
    const { ui, checkpoint, before } = await table();
    await ui.press(`${PASTE_START}dy${PASTE_END}`);
    await nothingRan(ui, checkpoint, before);
  });

  it('pasted on the table across writes, runs nothing (the y came after the dialog opened)', async () => {
    const { ui, checkpoint, before } = await table();
    await ui.press(`${PASTE_START}d`);
    await ui.press(`y${PASTE_END}`);
    await nothingRan(ui, checkpoint, before);
  });

  it('into a field, its line breaks never submit, even when the paste comes in two writes', async () => {
    ui = await startUi();
    await ui.waitForText('Checkpoint id:');
    await ui.press(`${PASTE_START}first\r`);
    await ui.press(`second${PASTE_END}`);
    const frame = await ui.waitForFrame((f) => f.includes('Checkpoint id: first second'));
    expect(ui.store.getState().screen, frame).toBe('picker');
    expect(ui.store.getState().checkpoint).toBeUndefined();
  });
});
