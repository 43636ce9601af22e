// Undo after a revoke made in the project view (issue #16, item 4): u there, or back on the table, shares again on the
// checkpoint the revoke was made on, and the dialog says what it will restore, and where.
import { afterEach, describe, expect, it } from 'vitest';
import { projectsOn } from '../helpers/harness';
import { KEYS } from '../helpers/keys';
import { waitFor } from '../helpers/wait';
import { openTable, startUi, type UiHarness } from './render';

let ui: UiHarness | undefined;
afterEach(async () => {
  await ui?.close();
  ui = undefined;
});

/** A project with access to three checkpoints, its view open, the second row revoked there (d y). */
async function revokedInProjectView() {
  ui = await startUi({ size: { columns: 140, rows: 30 } });
  const checkpoints = ui.demo.checkpoints;
  const taken = new Set(checkpoints.flatMap((c) => [...projectsOn(ui!, c)]));
  const project = ui.demo.state.projects().find((p) => p.status === 'active' && !taken.has(p.id))!;
  const on = checkpoints.slice(0, 3);
  for (const c of on) await ui.client.permissions.create(c, [project.id]);
  await openTable(ui, on[0]!);
  await ui.press(KEYS.enter);
  await ui.waitForText('3 can use it');
  await ui.press(KEYS.down);
  const victim = ui.store.getState().project!.rows[1]!;
  await ui.press('d');
  await ui.waitForText('[y/N]');
  await ui.press('y');
  await ui.waitForText('2 can use it');
  expect(projectsOn(ui, victim.checkpoint).has(project.id)).toBe(false);
  return { ui, project, victim, table: on[0]! };
}

describe('undo after a revoke in the project view', () => {
  it('u on the table, after Esc, asks to share that checkpoint again with the project, and y does', async () => {
    const { ui, project, victim, table } = await revokedInProjectView();
    expect(victim.checkpoint).not.toBe(table);
    await ui.press(KEYS.esc);
    await ui.waitForText('Page 1');
    await ui.press('u');
    const frame = await ui.waitForText('[y/N]');
    expect(frame).not.toContain('Nothing to undo');
    expect(frame).toContain(`Checkpoint  ${victim.checkpoint}`);
    expect(frame).toContain(`+ ${project.id} (${project.name})  (was ${victim.permission.id})`);
    await ui.press('y');
    await waitFor(() => projectsOn(ui, victim.checkpoint).has(project.id), 'the project to have access again');
    await ui.waitForText('Undone: 1 project has access again');
  });

  it('u in the project view itself undoes it there, and the row comes back', async () => {
    const { ui, project, victim } = await revokedInProjectView();
    await ui.press('u');
    const frame = await ui.waitForText('[y/N]');
    expect(frame).toContain(`Checkpoint  ${victim.checkpoint}`);
    await ui.press('y');
    await waitFor(() => projectsOn(ui, victim.checkpoint).has(project.id), 'the project to have access again');
    await ui.waitForText('3 can use it');
  });
});
