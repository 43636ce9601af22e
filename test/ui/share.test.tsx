// Sharing from the table: filter the organization's projects, pick with Tab, paste ids, review, confirm.
import { afterEach, describe, expect, it } from 'vitest';
import type { Project } from '../../src/api/types';
import { hintsFor } from '../../src/ui/keymap';
import { KEYS } from '../helpers/keys';
import { waitFor } from '../helpers/wait';
import { linesOf, openTable, rowLines, startUi, type UiHarness } from './render';

let ui: UiHarness | undefined;
afterEach(async () => {
  await ui?.close();
  ui = undefined;
});

interface Setup {
  ui: UiHarness;
  checkpoint: string;
  active: Project[];
  withAccess: Project[];
  without: Project[];
}

/** The table of a checkpoint some projects have access to, then `a` and the share screen with access read. */
async function startShare(): Promise<Setup> {
  ui = await startUi();
  const checkpoint = ui.demo.checkpoints[1]!;
  await openTable(ui, checkpoint);
  const granted = new Set(ui.demo.state.permissionsOf(checkpoint).map((p) => p.project_id));
  const active = ui.demo.state.projects().filter((p) => p.status === 'active');
  const withAccess = active.filter((p) => granted.has(p.id));
  const without = active.filter((p) => !granted.has(p.id));
  expect(withAccess.length).toBeGreaterThan(2);
  expect(without.length).toBeGreaterThan(3);
  await ui.press('a');
  await ui.waitForFrame((f) => f.includes(`${withAccess.length} have access`));
  return { ui, checkpoint, active, withAccess, without };
}

/** Project lines of the share list: `[ ]`, `[x]` or ` ✓ ` then the name. */
const projectLines = (frame: string) => linesOf(frame).filter((line) => /^[› ](\[ \]|\[x\]| ✓ ) /.test(line));
const statusOf = (frame: string) => linesOf(frame).find((line) => / picked · /.test(line)) ?? '';
/** A piece of a project id that is no complete id (no `proj_`), so it only filters. */
const fragment = (project: Project) => project.id.slice(5, 17);

describe('share', () => {
  it('a opens the share screen on the organization’s active projects; Esc goes back to the table', async () => {
    const { ui, checkpoint, active, withAccess, without } = await startShare();
    let frame = ui.lastFrame();
    expect(frame).toContain(`Share ${checkpoint} with more projects`);
    expect(statusOf(frame)).toContain(`0 picked · ${active.length} of ${active.length} active projects`);
    expect(linesOf(frame).at(-1)).toBe(hintsFor('share'));
    // By name, as a person reads them, whatever order the API lists them in: the ones that can be picked first, those
    // that have access below them (issue 28 item 1), so the cursor starts on one that can be picked.
    const sortByName = (list: Project[]) => [...list].sort((a, b) => a.name!.localeCompare(b.name!) || a.id.localeCompare(b.id));
    const byName = [...sortByName(without), ...sortByName(withAccess)];
    const lines = projectLines(frame);
    expect(lines.length).toBeGreaterThan(5);
    lines.forEach((line, i) => expect(line).toContain(byName[i]!.id));
    expect(lines[0]).toMatch(/^›\[ \] /);
    await ui.press(KEYS.esc);
    frame = ui.lastFrame();
    expect(ui.store.getState().screen).toBe('table');
    expect(frame).toContain('ckpt-perms · Permissions │');
    expect(rowLines(frame)).toHaveLength(5);
  });

  it('typing a name filters the list to the projects the server has by that name', async () => {
    const { ui, active, without } = await startShare();
    const word = without[0]!.name!.split(' ')[0]!.toLowerCase();
    const expected = active.filter((p) => p.name!.toLowerCase().includes(word) || p.id.toLowerCase().includes(word));
    expect(expected.length).toBeLessThan(active.length);
    await ui.type(word);
    const frame = ui.lastFrame();
    expect(linesOf(frame)[2]).toBe(`Projects: ${word}`);
    expect(statusOf(frame)).toContain(`${expected.length} of ${active.length} active projects`);
    const lines = projectLines(frame);
    expect(lines).toHaveLength(Math.min(expected.length, 17));
    for (const line of lines) expect(expected.some((p) => line.includes(p.id))).toBe(true);
  });

  it('a name of several words filters by all of them, and Enter takes that project', async () => {
    const { ui, checkpoint, active, without } = await startShare();
    // A two-word name whose last word alone matches other projects too: filtering by that word alone is wrong.
    const target = without.find((p) => {
      const words = p.name!.split(' ');
      return words.length >= 2 && active.filter((q) => q.name!.toLowerCase().includes(words.at(-1)!.toLowerCase())).length > 1;
    })!;
    expect(target).toBeDefined();
    const name = target.name!;
    const expected = active.filter((p) => p.name!.toLowerCase().includes(name.toLowerCase()));
    await ui.type(name);
    const frame = ui.lastFrame();
    expect(statusOf(frame)).toContain(`${expected.length} of ${active.length} active projects`);
    expect(projectLines(frame)[0]).toContain(name);
    await ui.press(KEYS.enter);
    await ui.waitForText('[y/N]');
    expect(ui.store.getState().dialog).toMatchObject({ kind: 'share-confirm' });
    expect(ui.lastFrame()).toContain(target.id);
    await ui.press(KEYS.esc);
    expect(ui.demo.state.permissionsOf(checkpoint).some((p) => p.project_id === target.id)).toBe(false);
  });

  it('Tab picks and unpicks the highlighted project; one that has access shows so and is not picked', async () => {
    const { ui, without, withAccess } = await startShare();
    const target = without[1]!;
    await ui.type(fragment(target));
    let frame = ui.lastFrame();
    expect(projectLines(frame)).toHaveLength(1);
    expect(projectLines(frame)[0]).toMatch(/^.\[ \] /);
    await ui.press(KEYS.tab);
    frame = ui.lastFrame();
    expect(projectLines(frame)[0]).toMatch(/^.\[x\] /);
    expect(projectLines(frame)[0]).toContain(target.id);
    expect(statusOf(frame)).toMatch(/^1 picked/);
    await ui.press(KEYS.tab);
    frame = ui.lastFrame();
    expect(projectLines(frame)[0]).toMatch(/^.\[ \] /);
    expect(statusOf(frame)).toMatch(/^0 picked/);

    // Clear the field (Backspace) and find one that has access.
    for (let i = 0; i < fragment(target).length; i++) await ui.press('\u007f');
    expect(linesOf(ui.lastFrame())[2]).toMatch(/^Projects: type a name/);
    const granted = withAccess[0]!;
    await ui.type(fragment(granted));
    frame = ui.lastFrame();
    expect(projectLines(frame)).toHaveLength(1);
    expect(projectLines(frame)[0]).toMatch(/^. ✓ .*has access$/);
    expect(projectLines(frame)[0]).toContain(granted.id);
    await ui.press(KEYS.tab);
    frame = ui.lastFrame();
    expect(projectLines(frame)[0]).toMatch(/^. ✓ /);
    expect(statusOf(frame)).toMatch(/^0 picked/);
    expect(frame).toContain('already has access');
  });

  it('shares with a Tab-picked project and two pasted ids: review, y, the server has them, back on the table with outcomes', async () => {
    const { ui, checkpoint, without } = await startShare();
    const [picked, pastedA, pastedB] = [without[0]!, without[2]!, without[3]!];
    const before = ui.demo.state.permissionsOf(checkpoint).length;
    await ui.type(fragment(picked));
    await ui.press(KEYS.tab);
    // A paste arrives as one write.
    await ui.press(` ${pastedA.id},${pastedB.id}`);
    let frame = ui.lastFrame();
    expect(statusOf(frame)).toMatch(/^3 picked/);
    await ui.press(KEYS.enter);
    frame = ui.lastFrame();
    expect(frame).toContain('Share with 3 projects? [y/N]');
    const plus = linesOf(frame).filter((line) => line.startsWith('│ + '));
    expect(plus).toHaveLength(3);
    for (const project of [picked, pastedA, pastedB]) {
      expect(plus.some((line) => line.includes(`${project.id} (${project.name})`))).toBe(true);
    }
    expect(linesOf(frame).at(-1)).toBe(hintsFor('confirm'));

    await ui.press('y');
    frame = await ui.waitForFrame((f) => f.includes('Shared with 3 projects') && !f.includes('loading'));
    await waitFor(() => ui!.store.getState().busy === null, 'the share to end');
    const after = ui.demo.state.permissionsOf(checkpoint);
    expect(after).toHaveLength(before + 3);
    const added = after.slice(before);
    expect(added.map((p) => p.project_id).sort()).toEqual([picked.id, pastedA.id, pastedB.id].sort());
    expect(ui.demo.requests.filter((r) => r.method === 'POST')).toHaveLength(1);

    // Back on the table, with the outcomes on top.
    expect(ui.store.getState().screen).toBe('table');
    expect(frame).toContain('ckpt-perms · Permissions │');
    expect(frame).toContain('Share: 3 of 3 projects gained access');
    const ticks = linesOf(frame).filter((line) => line.startsWith('│ ✓ '));
    expect(ticks).toHaveLength(3);
    for (const permission of added) {
      expect(ticks.some((line) => line.includes(permission.project_id) && line.includes(permission.id))).toBe(true);
    }
    // Closing the outcomes shows the new permissions on top of the table (newest first).
    await ui.press(KEYS.enter);
    frame = ui.lastFrame();
    const rows = rowLines(frame);
    expect(
      rows
        .slice(0, 3)
        .map((row) => row.slice(2, 29))
        .sort(),
    ).toEqual(added.map((p) => p.id).sort());
  });
});
