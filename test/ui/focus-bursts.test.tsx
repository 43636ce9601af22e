// Keys read together after a key that moves the focus (Tab between the picker's field and list): each key goes where
// the keys before it left the focus, not where the last frame showed it. Each burst is one write.
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS } from '../helpers/keys';
import { listLines } from './picker-rows';
import { startUi, type UiHarness } from './render';

let ui: UiHarness | undefined;
afterEach(async () => {
  await ui?.close();
  ui = undefined;
});

const highlighted = (frame: string) => listLines(frame).findIndex((line) => line.startsWith('❯'));

async function pickerWithJobs(): Promise<UiHarness> {
  // As the program runs in a terminal with bracketed paste: Tab and letters read together are keys, not a paste.
  ui = await startUi({ bracketedPaste: true });
  await ui.waitForText('from fine-tuning jobs');
  expect(listLines(ui.lastFrame()).length).toBeGreaterThan(3);
  return ui;
}

describe('a burst that starts by moving the focus in the picker', () => {
  it('Tab ↓↓ in one write: the list has the focus and the third row is highlighted', async () => {
    const ui = await pickerWithJobs();
    await ui.press(`${KEYS.tab}${KEYS.down}${KEYS.down}`);
    const frame = await ui.waitForFrame((f) => highlighted(f) === 2);
    expect(highlighted(frame), frame).toBe(2);
    await ui.press(KEYS.enter);
    const third = ui.store.getState().jobs.entries[2]!.id;
    await ui.waitForFrame(() => ui.store.getState().checkpoint === third);
  });

  it('Tab jj in one write: the j keys move the list, none is typed into the field', async () => {
    const ui = await pickerWithJobs();
    await ui.press(`${KEYS.tab}jj`);
    const frame = await ui.waitForFrame((f) => highlighted(f) === 2);
    expect(frame).toMatch(/Checkpoint id: (?!j)/);
    expect(frame).not.toContain('match "j');
  });

  it('in the list, Tab then text in one write: the text is typed into the field, the list keys run nothing', async () => {
    const ui = await pickerWithJobs();
    await ui.press(KEYS.tab);
    await ui.waitForFrame((f) => highlighted(f) === 0);
    // j and k move the list, r reloads the jobs: after the Tab they are letters of the field.
    await ui.press(`${KEYS.tab}jkr`);
    const frame = await ui.waitForText('Checkpoint id: jkr');
    expect(highlighted(frame), frame).toBe(-1);
  });
});
