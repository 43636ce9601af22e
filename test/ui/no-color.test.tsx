// NO_COLOR: the theme without colours draws no colour at all (inverse video is allowed), on every screen and dialog.
import { afterEach, describe, expect, it } from 'vitest';
import { COLOR_THEME, NO_COLOR_THEME, type Theme } from '../../src/ui/theme';
import { KEYS } from '../helpers/keys';
import { waitFor } from '../helpers/wait';
import { openTable, startUi, type UiHarness } from './render';
import { coloursAsInATerminal } from './colours';

let ui: UiHarness | undefined;
afterEach(async () => {
  await ui?.close();
  ui = undefined;
});

coloursAsInATerminal();

/** SGR colour codes: foreground 30–38 and 90–97, background 40–48 and 100–107 (39/49 only reset a colour). */
function colourCodes(frames: string[]): string[] {
  const found = new Set<string>();
  for (const frame of frames) {
    for (const match of frame.matchAll(/\u001b\[([0-9;]*)m/g)) {
      for (const param of match[1]!.split(';')) {
        const n = Number(param);
        if ((n >= 30 && n <= 38) || (n >= 90 && n <= 97) || (n >= 40 && n <= 48) || (n >= 100 && n <= 107)) found.add(match[0]);
      }
    }
  }
  return [...found];
}

/** Picker (field with its placeholder, list, help), table (marks, help, filter prompt), revoke, outcomes, share screen, confirm. */
async function walk(theme: Theme): Promise<UiHarness> {
  ui = await startUi({ theme });
  await waitFor(() => ui!.store.getState().jobs.status === 'ready', 'the jobs');
  await ui.press(KEYS.tab);
  await ui.press('?');
  await ui.press(KEYS.esc);
  await ui.press(KEYS.esc);
  await openTable(ui, ui.demo.checkpoints[1]!);
  await ui.press(KEYS.space);
  await ui.press(KEYS.space);
  await ui.press('?');
  await ui.press(KEYS.esc);
  await ui.press('/');
  await ui.press(KEYS.esc);
  await ui.press('d');
  await ui.press('y');
  await waitFor(() => ui!.store.getState().dialog?.kind === 'outcomes' && ui!.store.getState().busy === null, 'the outcomes');
  await ui.press(KEYS.enter);
  await ui.press('a');
  await waitFor(() => ui!.store.getState().access.status === 'ready', 'the access list');
  await ui.press(KEYS.tab);
  await ui.press(KEYS.down);
  await ui.press(KEYS.tab);
  await ui.press(KEYS.enter);
  await ui.press(KEYS.esc);
  await ui.press(KEYS.esc);
  return ui;
}

describe('NO_COLOR', () => {
  it('the colour theme does colour (so the check below can fail)', async () => {
    const { frames } = await walk(COLOR_THEME);
    expect(colourCodes(frames).length).toBeGreaterThan(0);
  });

  it('draws no colour in any frame with NO_COLOR_THEME, and keeps inverse video', async () => {
    const { frames } = await walk(NO_COLOR_THEME);
    expect(frames.length).toBeGreaterThan(20);
    expect(colourCodes(frames)).toEqual([]);
    expect(frames.some((frame) => frame.includes('\u001b[7m'))).toBe(true);
  });
});
