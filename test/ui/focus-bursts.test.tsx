// Keys read together after a key that moves the focus (Tab between the picker's field and list) or opens a screen or a
// dialog: each key goes where the keys before it left the focus, not where the last frame showed it. Each burst is one
// write, in a terminal with bracketed paste (as the program runs): letters read together are keys, not a paste.
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS } from '../helpers/keys';
import { listLines } from './picker-rows';
import { openTable, startUi, type UiHarness } from './render';

let ui: UiHarness | undefined;
afterEach(async () => {
  await ui?.close();
  ui = undefined;
});

const highlighted = (frame: string) => listLines(frame).findIndex((line) => line.startsWith('❯'));

async function pickerWithJobs(): Promise<UiHarness> {
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

  it('text, Tab and Enter in one write: Enter opens the highlighted row of what the text matched', async () => {
    const ui = await pickerWithJobs();
    const model = ui.store.getState().jobs.entries.find((entry) => entry.kind === 'model' && entry.id.includes('billing'))!;
    // Its id's last part matches it alone; unfiltered, the list's first row is another checkpoint.
    const tail = model.id.split(':').at(-1)!;
    expect(ui.store.getState().jobs.entries[0]!.id).not.toBe(model.id);
    await ui.press(`${tail}${KEYS.tab}${KEYS.enter}`);
    await ui.waitForFrame(() => ui.store.getState().checkpoint !== undefined);
    expect(ui.store.getState().checkpoint).toBe(model.id);
  });

  it('text that matches nothing, Tab and j in one write: the list has no row to take the focus, j is typed', async () => {
    const ui = await pickerWithJobs();
    await ui.press(`zzz${KEYS.tab}j`);
    const frame = await ui.waitForText('Checkpoint id: zzzj');
    expect(frame).toContain('0 match "zzzj"');
  });

  it('text then Esc in one write: the field is cleared', async () => {
    const ui = await pickerWithJobs();
    await ui.press(`ab${KEYS.esc}`);
    // A key typed next shows what the field held: "x" alone, not "abx".
    await ui.press('x');
    const frame = await ui.waitForText('match "');
    expect(frame).toContain('Checkpoint id: x');
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

describe('a burst that starts by opening a screen or a dialog on the table', () => {
  async function table(): Promise<UiHarness> {
    ui = await startUi({ bracketedPaste: true });
    await openTable(ui, ui.demo.checkpoints[0]!);
    return ui;
  }

  it('a then sal in one write: the share screen opens with "sal" in its field (s was sync on the table)', async () => {
    const ui = await table();
    await ui.press('asal');
    const frame = await ui.waitForText('Projects: sal');
    expect(ui.store.getState().screen, frame).toBe('share');
    expect(ui.store.getState().syncTarget).toBeUndefined();
  });

  it('/ then proj in one write: the filter prompt reads "proj" (p, r and o were page, reload and order keys)', async () => {
    const ui = await table();
    const { order, pageAfter } = ui.store.getState();
    await ui.press('/proj');
    await ui.waitForText('Filter by project name or id: proj');
    expect(ui.store.getState().order).toBe(order);
    expect(ui.store.getState().pageAfter).toBe(pageAfter);
  });

  it('? then jj in one write: the help has the keys, the table cursor stays', async () => {
    const ui = await table();
    await ui.press('?jj');
    await ui.waitForText('Keys on this screen');
    expect(ui.store.getState().cursor).toBe(0);
    // The help took the keys: it scrolled two lines.
    await ui.waitForFrame((frame) => frame.includes('Keys on this screen') && !frame.includes('move up') && !frame.includes('move down'));
  });

  it('s then Tab ↓↓ in one write: the sync source picker opens with its third row highlighted', async () => {
    const ui = await table();
    await ui.waitForFrame(() => ui.store.getState().jobs.status === 'ready');
    await ui.press(`s${KEYS.tab}${KEYS.down}${KEYS.down}`);
    const frame = await ui.waitForFrame((f) => f.includes('Pick the source') && highlighted(f) === 2);
    expect(highlighted(frame), frame).toBe(2);
  });

  it('on the share screen, text then Esc in one write: the field is cleared, the screen stays', async () => {
    const ui = await table();
    await ui.press('a');
    await ui.waitForText('Projects: ');
    await ui.press(`sal${KEYS.esc}`);
    // A key typed next shows what the field held: "x" alone, not "salx".
    await ui.press('x');
    const frame = await ui.waitForFrame((f) => /^Projects: \S/m.test(f));
    expect(frame).toMatch(/^Projects: x/m);
    expect(ui.store.getState().screen).toBe('share');
  });
});
