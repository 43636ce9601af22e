// Sync, project view, export and undo on screen: keys in, frames out, the server's state checked after.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exportFileName } from '../../src/ops/export';
import { hintsFor, KEYMAP } from '../../src/ui/keymap';
import { KEYS, linesOf, openTable, oversizedFrames, rowLines, startUi, waitFor, type Harness } from './render';

let ui: Harness | undefined;
const temporary: string[] = [];
afterEach(async () => {
  await ui?.close();
  ui = undefined;
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const projectsOn = (ui: Harness, checkpoint: string) => new Set(ui.demo.state.permissionsOf(checkpoint).map((p) => p.project_id));
const idle = (ui: Harness) => ui.store.getState().busy === null && !ui.store.getState().loading;

/** s, then the source picked from the picker's list: a part of its id typed to filter, Tab, Enter. */
async function pickSource(ui: Harness, source: string): Promise<void> {
  await ui.press('s');
  await ui.waitForText('Pick the source');
  await waitFor(() => ui.store.getState().jobs.status === 'ready', 'the jobs');
  // The tail tells a checkpoint from its siblings: one line of the list matches it.
  const tail = source.split(':').slice(-2).join(':');
  await ui.type(tail);
  await ui.waitForFrame((frame) => frame.split('\n').filter((line) => line.startsWith('  ft:')).length === 1);
  await ui.press(KEYS.tab);
  await ui.waitForFrame((frame) => frame.split('\n').some((line) => line.startsWith('❯ ') && line.includes(source.slice(-8))));
  await ui.press(KEYS.enter);
}

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

    await pickSource(ui, source);
    frame = await ui.waitForText('[y/N]');
    expect(frame).toContain(`Sync into this checkpoint: add ${toAdd.length} projects? [y/N]`);
    expect(frame).toMatch(/From {2}ft:/);
    expect(frame).toContain(`Into  ${target}`);
    const names = new Map(ui.demo.state.projects().map((p) => [p.id, p.name]));
    const first = [...toAdd].sort()[0]!;
    expect(frame).toContain(`+ ${first} (${names.get(first)})`);
    expect(linesOf(frame).at(-1)).toBe(hintsFor('sync'));

    // p: the plan read again with prune, naming what would lose access; p again takes it back.
    await ui.press('p');
    frame = await ui.waitForFrame((f) => f.includes('and remove') && idle(ui!));
    const pruned = [...before].filter((id) => !projectsOn(ui!, source).has(id)).sort();
    expect(frame).toContain(`remove ${pruned.length} projects? [y/N]`);
    expect(frame).toContain(`− ${pruned[0]!}`);
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
    let frame = await ui.waitForText('Checked 12 checkpoints · 8 can use it', 5000);
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

describe('export', () => {
  it('e writes the CSV and the flash names the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ckpt-perms-export-'));
    temporary.push(dir);
    ui = await startUi({ exportDir: dir, size: { columns: 180, rows: 20 } });
    const checkpoint = ui.demo.checkpoints[1]!;
    await openTable(ui, checkpoint);
    await ui.press('e');
    const file = join(dir, exportFileName(checkpoint, 'csv'));
    const frame = await ui.waitForText('Exported 24 permissions to');
    expect(frame).toContain(`Exported 24 permissions to ${file}`);
    expect(readFileSync(file, 'utf8').trimEnd().split('\r\n')).toHaveLength(25);
  });

  it('at 80 columns the flash keeps the file’s name, cut in the middle', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ckpt-perms-export-'));
    temporary.push(dir);
    ui = await startUi({ exportDir: dir, size: { columns: 80, rows: 24 } });
    const checkpoint = ui.demo.checkpoints[1]!;
    await openTable(ui, checkpoint);
    await ui.press('e');
    const frame = await ui.waitForText('Exported 24 permissions to');
    expect(frame).toContain('2oPd5MjL.permissions.csv');
    expect(existsSync(join(dir, exportFileName(checkpoint, 'csv')))).toBe(true);
  });
});

describe('undo', () => {
  it('u after revoking three marked rows asks to share again (new ids), y shares them again', async () => {
    ui = await startUi();
    const checkpoint = ui.demo.checkpoints[0]!;
    await openTable(ui, checkpoint);
    await ui.press('u');
    await ui.waitForText('Nothing to undo');

    const revoked = ui.demo.state.permissionsOf(checkpoint).reverse().slice(0, 3);
    for (let i = 0; i < 3; i++) await ui.press(KEYS.space);
    await ui.press('d');
    await ui.waitForText('[y/N]');
    await ui.press('y');
    await ui.waitForText('Revoke: 3 of 3 revoked');
    await waitFor(() => idle(ui!), 'the reload');
    await ui.press(KEYS.enter);

    await ui.press('u');
    let frame = await ui.waitForText('[y/N]');
    expect(frame).toMatch(/Share ft:.* again with 3 projects\? \[y\/N\]/);
    expect(frame).toContain('The permission ids will be new');
    for (const p of revoked) expect(frame).toContain(`+ ${p.project_id}`);
    await ui.press('y');
    frame = await ui.waitForText('Undo: 3 of 3 projects have access again');
    const now = ui.demo.state.permissionsOf(checkpoint);
    for (const p of revoked) {
      const again = now.find((q) => q.project_id === p.project_id);
      expect(again, `${p.project_id} has access again`).toBeDefined();
      expect(again!.id).not.toBe(p.id);
    }
    await waitFor(() => idle(ui!), 'the reload');
    await ui.press(KEYS.enter);
    await ui.press('u');
    await ui.waitForText('Nothing to undo');
  });
});

describe('keys and frames', () => {
  it('the help lists the new table keys; the footer still fits 80 columns', async () => {
    expect(hintsFor('table').length).toBeLessThanOrEqual(80);
    for (const key of ['s', 'e', 'u', 'Enter']) expect(KEYMAP.table.some((b) => b.label === key)).toBe(true);
    ui = await startUi({ size: { columns: 80, rows: 40 } });
    await openTable(ui, ui.demo.checkpoints[0]!);
    await ui.press('?');
    const frame = await ui.waitForText('Keys on this screen');
    expect(frame).toMatch(/s +sync/);
    expect(frame).toMatch(/e +export/);
    expect(frame).toMatch(/u +undo/);
    expect(frame).toMatch(/Enter +every checkpoint/);
  });

  for (const [columns, rows] of [
    [60, 15],
    [40, 10],
  ] as const) {
    it(`keeps the source picker, plan, outcomes, project view, its dialog, export and undo within ${columns}×${rows}`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'ckpt-perms-export-'));
      temporary.push(dir);
      ui = await startUi({ size: { columns, rows }, exportDir: dir });
      await openTable(ui, ui.demo.checkpoints[1]!);
      await pickSource(ui, ui.demo.checkpoints[2]!);
      await waitFor(() => ui!.store.getState().dialog?.kind === 'sync-plan' && idle(ui!), 'the plan');
      await ui.press('p');
      await waitFor(() => idle(ui!), 'the pruned plan');
      await ui.press(KEYS.down);
      await ui.press('y');
      await waitFor(() => ui!.store.getState().dialog?.kind === 'outcomes' && idle(ui!), 'the outcomes');
      await ui.press(KEYS.enter);
      await ui.press(KEYS.enter);
      await waitFor(() => ui!.store.getState().project?.status === 'ready', 'the project view');
      await ui.press('?');
      await ui.press(KEYS.esc);
      await ui.press('d');
      expect(ui.store.getState().dialog?.kind).toBe('project-revoke');
      await ui.press(KEYS.esc);
      await ui.press(KEYS.esc);
      await waitFor(() => ui!.store.getState().screen === 'table' && idle(ui!), 'the table');
      await ui.press('e');
      await waitFor(() => ui!.store.getState().flash?.text.startsWith('Exported') === true, 'the export');
      await ui.press('d');
      await ui.press('y');
      await waitFor(() => idle(ui!) && ui!.store.getState().lastRevoked.length === 1, 'the revoke');
      await ui.press('u');
      expect(ui.store.getState().dialog?.kind).toBe('undo');
      await ui.press('y');
      await waitFor(() => ui!.store.getState().dialog?.kind === 'outcomes' && idle(ui!), 'the undo');
      expect(ui.frames.length).toBeGreaterThan(20);
      expect(oversizedFrames(ui.frames, columns, rows)).toEqual([]);
    });
  }
});
