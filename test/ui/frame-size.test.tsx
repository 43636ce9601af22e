// Every frame fits the terminal: at most rows − 1 lines (a frame as tall as the terminal makes Ink clear the screen) and no wider.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { idle } from '../helpers/harness';
import { KEYS } from '../helpers/keys';
import { waitFor } from '../helpers/wait';
import { openTable, oversizedFrames as tooBig, pickSyncSource, startUi, type UiHarness } from './render';

let ui: UiHarness | undefined;
const temporary: string[] = [];
afterEach(async () => {
  await ui?.close();
  ui = undefined;
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Picker (field, list, help), table (help scrolled, filter), revoke dialogs (one, three, outcomes), share screen. */
async function walk(ui: UiHarness): Promise<void> {
  await waitFor(() => ui.store.getState().jobs.status === 'ready', 'the jobs');
  await ui.press(KEYS.tab);
  await ui.press(KEYS.down);
  await ui.press('?');
  expect(ui.lastFrame()).toMatch(/Keys|Esc\/\?/);
  await ui.press(KEYS.down);
  await ui.press(KEYS.esc);
  await ui.press(KEYS.esc);
  await openTable(ui, ui.demo.checkpoints[0]!);
  await ui.press('?');
  for (let i = 0; i < 4; i++) await ui.press(KEYS.down);
  await ui.press(KEYS.esc);
  await ui.press('/');
  await ui.press(KEYS.esc);
  await ui.press('d');
  expect(ui.store.getState().dialog?.kind).toBe('revoke');
  await ui.press(KEYS.esc);
  for (let i = 0; i < 3; i++) await ui.press(KEYS.space);
  await ui.press('d');
  await ui.press('y');
  await waitFor(() => ui.store.getState().dialog?.kind === 'outcomes' && !ui.store.getState().loading, 'the outcomes');
  await ui.press(KEYS.down);
  await ui.press(KEYS.enter);
  await ui.press('a');
  await waitFor(() => ui.store.getState().access.status === 'ready', 'the access list');
  await ui.type('bill');
  // The first Esc clears the field, the second leaves the share screen.
  await ui.press(KEYS.esc);
  await ui.press(KEYS.esc);
  await waitFor(() => ui.store.getState().screen === 'table', 'the table');
}

describe('frame size', () => {
  for (const [columns, rows] of [
    [60, 15],
    [40, 10],
  ] as const) {
    it(`keeps every frame within ${columns}×${rows}`, async () => {
      ui = await startUi({ size: { columns, rows } });
      await walk(ui);
      expect(ui.frames.length).toBeGreaterThan(20);
      expect(tooBig(ui.frames, columns, rows)).toEqual([]);
    });
  }

  it('keeps the picker’s field on one line at 40×10: the label whole, the placeholder cut', async () => {
    ui = await startUi({ size: { columns: 40, rows: 10 } });
    await waitFor(() => ui!.store.getState().jobs.status === 'ready', 'the jobs');
    const frame = await ui.waitForText('from fine-tuning jobs');
    const lines = frame.split('\n');
    expect(lines[1]).toMatch(/^Checkpoint id: ft:… \(type .*…$/);
    expect(lines[2]).toMatch(/^0 recent · /);
    await ui.type('ft:gpt');
    expect(ui.lastFrame().split('\n')[1]).toBe('Checkpoint id: ft:gpt');
  });

  it('names project, checkpoint and permission at once in a revoke dialog at 40×10, even after a resize', async () => {
    ui = await startUi({ size: { columns: 60, rows: 15 } });
    await openTable(ui, ui.demo.checkpoints[0]!);
    const target = ui.demo.state.permissionsOf(ui.demo.checkpoints[0]!).at(-1)!;
    await ui.press('d');
    await ui.resize(40, 10);
    const frame = await ui.waitForFrame((f) => f.split('\n').length === 9);
    expect(frame).toContain('[y/N]');
    expect(frame).toContain(`Project     ${target.project_id.slice(0, 10)}`);
    expect(frame).toContain('Checkpoint  ft:');
    expect(frame).toContain(`Permission  ${target.id.slice(0, 10)}`);
    await ui.press('y');
    await waitFor(() => !ui!.demo.state.permissionsOf(ui!.demo.checkpoints[0]!).some((p) => p.id === target.id), 'the revoke');
    expect(tooBig(ui.frames, 60, 15)).toEqual([]);
  });

  it('says the terminal is too small below 40×10 instead of drawing a broken frame, and comes back when it grows', async () => {
    ui = await startUi({ size: { columns: 60, rows: 15 } });
    await openTable(ui, ui.demo.checkpoints[0]!);
    await ui.resize(39, 12);
    let frame = await ui.waitForFrame((f) => f.includes('Terminal too small'));
    expect(frame).toContain('39×12');
    await ui.resize(60, 9);
    frame = await ui.waitForFrame((f) => f.includes('60×9'));
    expect(frame.split('\n').length).toBeLessThanOrEqual(8);
    await ui.resize(40, 10);
    frame = await ui.waitForFrame((f) => f.includes('Page 1'));
    expect(tooBig([frame], 40, 10)).toEqual([]);
  });

  it('follows a resize: frames after it fit the new size', async () => {
    ui = await startUi({ size: { columns: 100, rows: 24 } });
    await openTable(ui, ui.demo.checkpoints[0]!);
    expect(ui.lastFrame().split('\n')).toHaveLength(23);
    const from = await ui.resize(60, 15);
    await ui.waitForFrame((frame) => frame.split('\n').length === 14);
    await ui.press('?');
    await ui.press(KEYS.esc);
    await ui.press('d');
    expect(tooBig(ui.frames.slice(from), 60, 15)).toEqual([]);
  });
});

describe('frame size of sync, project view, export and undo', () => {
  for (const [columns, rows] of [
    [60, 15],
    [40, 10],
  ] as const) {
    it(`keeps the source picker, plan, outcomes, project view, its dialog, export and undo within ${columns}×${rows}`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'ckpt-perms-export-'));
      temporary.push(dir);
      ui = await startUi({ size: { columns, rows }, exportDir: dir });
      await openTable(ui, ui.demo.checkpoints[1]!);
      await pickSyncSource(ui, ui.demo.checkpoints[2]!);
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
      await waitFor(() => idle(ui!) && ui!.store.getState().undoSteps.length === 1, 'the revoke');
      await ui.press('u');
      expect(ui.store.getState().dialog?.kind).toBe('undo');
      await ui.press('y');
      await waitFor(() => ui!.store.getState().dialog?.kind === 'outcomes' && idle(ui!), 'the undo');
      expect(ui.frames.length).toBeGreaterThan(20);
      expect(tooBig(ui.frames, columns, rows)).toEqual([]);
    });
  }
});
