// The / filter (issue #16, item 6): a piece of a name lists the matching projects to choose from (↑↓ Enter), a whole id
// filters at once, and a piece of an id is never sent as if it were one.
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS } from '../helpers/keys';
import { waitFor } from '../helpers/wait';
import { linesOf, openTable, startUi, type UiHarness } from './render';

let ui: UiHarness | undefined;
afterEach(async () => {
  await ui?.close();
  ui = undefined;
});

/** The table of the largest checkpoint, the filter prompt open. */
async function filterPrompt() {
  ui = await startUi({ size: { columns: 120, rows: 30 }, pageSize: 10 });
  const checkpoint = ui.demo.checkpoints[0]!;
  await openTable(ui, checkpoint);
  await waitFor(() => ui!.store.getState().directory.status === 'ready', 'the projects');
  await ui.press('/');
  await ui.waitForText('Filter by project name or id:');
  const holders = new Set(ui.demo.state.permissionsOf(checkpoint).map((p) => p.project_id));
  return { ui, checkpoint, holders };
}

const choices = (frame: string) => linesOf(frame).filter((line) => /^[› ] proj_\w+( \(.+\))?$/.test(line));

describe('the / filter', () => {
  it('a piece of a name lists the matches; ↓ Enter filters by the highlighted one', async () => {
    const { ui, holders } = await filterPrompt();
    const projects = ui.demo.state.projects().filter((p) => holders.has(p.id));
    // A word two or more holders' names share.
    const words = projects.flatMap((p) => (p.name ?? '').split(' '));
    const word = words.find((w) => w.length > 3 && projects.filter((p) => p.name?.includes(w)).length >= 2)!;
    await ui.type(word.toLowerCase());
    let frame = await ui.waitForFrame((f) => choices(f).length >= 2);
    expect(choices(frame)[0]!.startsWith('›')).toBe(true);
    await ui.press(KEYS.down);
    frame = await ui.waitForFrame((f) => choices(f)[1]?.startsWith('›') ?? false);
    const chosen = /^[› ] (proj_\w+)/.exec(choices(frame)[1]!)![1]!;
    await ui.press(KEYS.enter);
    await waitFor(() => ui.store.getState().filter === chosen && !ui.store.getState().loading, 'the filter');
    expect(ui.store.getState().page!.rows.every((row) => row.project_id === chosen)).toBe(true);
  });

  it('a piece of a project id takes the project it starts, not a filter for the piece', async () => {
    const { ui, holders } = await filterPrompt();
    const target = [...holders][3]!;
    const piece = target.slice(0, 9);
    const others = Object.keys(ui.store.getState().directory.byId).filter((id) => id.startsWith(piece));
    expect(others).toEqual([target]);
    await ui.press(piece);
    await ui.waitForFrame((f) => choices(f).length === 1);
    await ui.press(KEYS.enter);
    await waitFor(() => ui.store.getState().filter === target && !ui.store.getState().loading, 'the filter');
    expect(ui.lastFrame()).not.toContain(`No permission for ${piece}`);
  });

  it('a piece of an id that starts no project is refused with a clear line, and nothing is asked', async () => {
    const { ui } = await filterPrompt();
    const mark = ui.demo.requests.length;
    await ui.press('proj_ZZZZzzzz');
    await ui.press(KEYS.enter);
    const frame = await ui.waitForText('is not a whole project id');
    expect(frame).toContain('"proj_ZZZZzzzz" is not a whole project id: type all of it');
    expect(ui.demo.requests.slice(mark)).toEqual([]);
    expect(ui.store.getState().filter).toBeUndefined();
  });
});
