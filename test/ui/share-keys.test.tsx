// The share list's keys as in fzf's multi-select (issue #16, item 10): Tab picks and moves down.
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS } from '../helpers/keys';
import { waitFor } from '../helpers/wait';
import { linesOf, openTable, startUi, tick, type UiHarness } from './render';

let ui: UiHarness | undefined;
afterEach(async () => {
  await ui?.close();
  ui = undefined;
});

/** The list's rows: `›` on the highlighted one, then `[ ]`, `[x]` or ` ✓ `. */
const rows = (frame: string) => linesOf(frame).filter((line) => /^[› ](\[ \]|\[x\]| ✓ ) /.test(line));

/** The share screen of a checkpoint no project has access to, with the directory and access read and rows drawn. */
async function openShare(): Promise<UiHarness> {
  const started = await startUi({ size: { columns: 120, rows: 30 } });
  await openTable(started, started.demo.emptyCheckpoint);
  await started.press('a');
  const { store } = started;
  await waitFor(() => store.getState().directory.status === 'ready' && store.getState().access.status === 'ready', 'the projects');
  await started.waitForFrame((frame) => rows(frame).length > 4);
  return started;
}

describe('share: Tab', () => {
  it('picks the highlighted project and moves down: three Tabs pick three', async () => {
    ui = await openShare();
    for (let i = 0; i < 3; i++) await ui.press(KEYS.tab);
    const frame = await ui.waitForFrame((f) => rows(f)[3]?.startsWith('›') ?? false);
    const [a, b, c, d] = rows(frame);
    expect([a, b, c].map((line) => line!.slice(1, 4))).toEqual(['[x]', '[x]', '[x]']);
    expect(d!.slice(0, 4)).toBe('›[ ]');
    expect(frame).toMatch(/^3 picked/m);
  });
});

// Enter takes the first match of the text typed, also when it comes in the same burst as the text (nothing drawn in
// between: it took the first row of the list drawn before the text).
describe('share: Enter right behind the text', () => {
  it.each([
    ['in one burst with it', (ui: UiHarness, text: string) => ui.stdin.write(`${text}\r`)],
    ['key by key, faster than frames', (ui: UiHarness, text: string) => [...text, '\r'].forEach((key) => ui.stdin.write(key))],
  ])('reviews the project the text names, %s', async (_, typeAndEnter) => {
    ui = await openShare();
    const first = rows(ui.lastFrame())[0]!;
    // Not the first project of the list as drawn before the text.
    const target = ui.demo.state.projects().find((p) => p.status === 'active' && !first.includes(p.id))!;
    typeAndEnter(ui, target.id.slice(5, 17));
    await waitFor(() => ui!.store.getState().dialog?.kind === 'share-confirm', 'the review');
    const dialog = ui.store.getState().dialog;
    expect(dialog?.kind === 'share-confirm' && dialog.projectIds).toEqual([target.id]);
  });
});

// A frame drawn for nothing holds the next key's frame back by Ink's render window (bench: share_filter_ratio).
describe('share: frames only for what it shows', () => {
  it('a page of the directory read again that changes no project draws no frame', async () => {
    ui = await openShare();
    const drawn = ui.frames.length;
    // As the catalog publishes a page while the list is read again: the same projects, more of them counted as loaded.
    const { directory } = ui.store.getState();
    ui.store.setState({ directory: { ...directory, loaded: (directory.loaded ?? 0) + 100 } });
    await tick();
    await tick();
    expect(ui.frames.length).toBe(drawn);
    // What it shows still draws at once: a key.
    await ui.press('s');
    expect(ui.frames.length).toBeGreaterThan(drawn);
    expect(ui.lastFrame()).toMatch(/^Projects: s/m);
  });
});
