// Sync on screen: s, the source picked, the plan, y, the outcomes; the server’s state checked after.
import { afterEach, describe, expect, it } from 'vitest';
import { hintsFor } from '../../src/ui/keymap';
import { idle, projectsOn } from '../helpers/harness';
import { KEYS } from '../helpers/keys';
import { waitFor } from '../helpers/wait';
import { linesOf, openTable, pickSyncSource, rowLines, startUi, type UiHarness } from './render';

let ui: UiHarness | undefined;
afterEach(async () => {
  await ui?.close();
  ui = undefined;
});

describe('sync', () => {
  it('s → the source picker says so → the plan with [y/N] (p shows what prune removes) → y → every outcome; the server has the source’s projects', async () => {
    ui = await startUi();
    const [target, source] = [ui.demo.checkpoints[1]!, ui.demo.checkpoints[2]!];
    await openTable(ui, target);
    const before = projectsOn(ui, target);
    const toAdd = [...projectsOn(ui, source)].filter((id) => !before.has(id));
    expect(toAdd.length).toBeGreaterThan(0);

    await ui.press('s');
    let frame = await ui.waitForText('Pick the source for syncing');
    expect(frame).toContain(`into ${target}`);
    expect(linesOf(frame).at(-1)).toBe(hintsFor('source-field'));
    // Esc goes back to the table, nothing synced.
    await ui.press(KEYS.esc);
    frame = await ui.waitForText('Not synced: nothing was changed');
    expect(frame).toContain('Page 1');

    await pickSyncSource(ui, source);
    frame = await ui.waitForText('[y/N]');
    expect(frame).toContain(`Sync into this checkpoint: add ${toAdd.length} projects? [y/N]`);
    expect(frame).toMatch(/From {2}ft:/);
    expect(frame).toContain(`Into  ${target}`);
    const names = new Map(ui.demo.state.projects().map((p) => [p.id, p.name]));
    const first = [...toAdd].sort()[0]!;
    expect(frame).toContain(`+ ${first} (${names.get(first)})`);
    expect(linesOf(frame).at(-1)).toBe(hintsFor('sync', Infinity, { words: { prune: 'prune: off' } }));
    expect(linesOf(frame).at(-1)).toContain('p prune: off');

    // p: the plan read again with prune, naming what would lose access; p again takes it back.
    await ui.press('p');
    frame = await ui.waitForFrame((f) => f.includes('and remove') && idle(ui!));
    const pruned = [...before].filter((id) => !projectsOn(ui!, source).has(id)).sort();
    expect(frame).toContain(`remove ${pruned.length} projects? [y/N]`);
    expect(frame).toContain(`− ${pruned[0]!}`);
    expect(linesOf(frame).at(-1)).toContain('p prune: on');
    await ui.press('p');
    frame = await ui.waitForFrame((f) => !f.includes('and remove') && f.includes('[y/N]') && idle(ui!));

    const mark = ui.demo.requests.length;
    await ui.press('y');
    frame = await ui.waitForText(`Sync: ${toAdd.length} added`);
    await waitFor(() => idle(ui!), 'the reload');
    expect(ui.lastFrame()).toContain(`✓ added ${first} (${names.get(first)})`);
    expect(ui.lastFrame()).toContain(`Synced: ${toAdd.length} added`);
    const after = projectsOn(ui, target);
    for (const id of projectsOn(ui, source)) expect(after.has(id)).toBe(true);
    for (const id of before) expect(after.has(id)).toBe(true);
    expect(ui.demo.requests.slice(mark).filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(ui.demo.requests.slice(mark).filter((r) => r.method === 'DELETE')).toHaveLength(0);

    await ui.press(KEYS.enter);
    frame = await ui.waitForFrame((f) => rowLines(f).length === 5);
    // The table was read again: the new permissions are the newest rows.
    expect(rowLines(frame)[0]).toContain(ui.demo.state.permissionsOf(target).at(-1)!.id.slice(0, 6));
  });
});
