// The project view on screen: Enter on a row, every checkpoint its project can use, a revoke from there.
import { afterEach, describe, expect, it } from 'vitest';
import { hintsFor } from '../../src/ui/keymap';
import { projectsOn } from '../helpers/harness';
import { KEYS } from '../helpers/keys';
import { linesOf, openTable, rowLines, startUi, type UiHarness } from './render';

let ui: UiHarness | undefined;
afterEach(async () => {
  await ui?.close();
  ui = undefined;
});

describe('project view', () => {
  it('Enter on a row shows a progress bar, then every checkpoint the project can use; d y revokes one there; Esc back', async () => {
    ui = await startUi({ demo: { latencyMs: 15 } });
    const checkpoints = ui.demo.checkpoints;
    const taken = new Set(checkpoints.flatMap((c) => [...projectsOn(ui!, c)]));
    const project = ui.demo.state.projects().find((p) => p.status === 'active' && !taken.has(p.id))!;
    const on = checkpoints.slice(0, 8);
    for (const c of on) await ui.client.permissions.create(c, [project.id]);
    await openTable(ui, on[0]!);
    // The new permission is the newest: the first row.
    expect(rowLines(ui.lastFrame())[0]).toContain(project.id);

    const from = ui.frames.length;
    await ui.press(KEYS.enter);
    let frame = await ui.waitForText('Checked 12 checkpoints · 8 can use it');
    const progress = ui.frames.slice(from).flatMap((f) => /\[(#*)(-*)\] (\d+)\/12/.exec(f) ?? []);
    expect(progress.length, 'a frame showed the progress bar').toBeGreaterThan(0);
    expect(
      ui.frames.slice(from).some((f) => /\[#{1,9}-{1,9}\] \d+\/12 checking/.test(f)),
      'a frame showed the bar part-filled',
    ).toBe(true);
    expect(frame).toContain(`Project ${project.id} (${project.name})`);
    expect(linesOf(frame).at(-1)).toBe(hintsFor('project'));
    const permissions = on.map((c) => ui!.demo.state.permissionsOf(c).find((p) => p.project_id === project.id)!);
    for (const p of permissions) expect(frame).toContain(p.id);
    // The checkpoint column keeps the end of each id.
    expect(frame).toContain(on[2]!.slice(-12));

    // The third row: d names project, checkpoint and permission; y revokes it; the row goes.
    await ui.press(KEYS.down);
    await ui.press(KEYS.down);
    const victim = ui.store.getState().project!.rows[2]!;
    await ui.press('d');
    frame = await ui.waitForText('[y/N]');
    expect(frame).toContain(`Project     ${project.id} (${project.name})`);
    expect(frame).toContain(`Checkpoint  ${victim.checkpoint}`);
    expect(frame).toContain(`Permission  ${victim.permission.id}`);
    await ui.press('y');
    frame = await ui.waitForText('7 can use it');
    expect(frame).not.toContain(victim.permission.id);
    expect(frame).toContain(`Revoked ${project.id}`);
    expect(projectsOn(ui, victim.checkpoint).has(project.id)).toBe(false);

    await ui.press(KEYS.esc);
    frame = await ui.waitForText('Page 1');
    expect(ui.store.getState().screen).toBe('table');
  });
});
