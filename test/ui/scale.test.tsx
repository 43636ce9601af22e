// A large organization far away on screen: the table names its rows before the directory is read, and the share
// screen is usable at once, while the directory and the walk of who has access still load.
import { afterEach, describe, expect, it } from 'vitest';
import { archiveProject } from '../helpers/demo-data';
import { KEYS } from '../helpers/keys';
import { linesOf, startUi, type UiHarness } from './render';

let ui: UiHarness | undefined;
afterEach(async () => {
  await ui?.close();
  ui = undefined;
});

// Waits long enough for a loaded machine: the directory takes 20 s at this latency, so it is still loading after them.
const SLOW = 10_000;
const statusOf = (frame: string) => linesOf(frame).find((line) => / picked · /.test(line)) ?? '';
const projectLines = (frame: string) => linesOf(frame).filter((line) => /^[› ](\[ \]|\[x\]| ✓ ) /.test(line));

describe('the table of a large organization', () => {
  it('names its rows before the directory is read, and marks an archived project and one the API does not know', async () => {
    ui = await startUi({
      demo: { projects: 10_000, permissions: 2_000, latencyMs: 200 },
      readAhead: true,
      pageSize: 5,
      size: { columns: 120, rows: 30 },
      prepare: (_store, demo) => {
        const [archived, gone] = demo.state
          .permissionsOf(demo.checkpoints[0]!)
          .reverse()
          .slice(0, 2)
          .map((p) => p.project_id);
        archiveProject(demo, archived!);
        (demo.state as unknown as { projectIndex: Map<string, number> }).projectIndex.delete(gone!);
      },
    });
    const rows = ui.demo.state.permissionsOf(ui.demo.checkpoints[0]!).reverse().slice(0, 5);
    const names = new Map(ui.demo.state.projects().map((p) => [p.id, p.name!]));
    ui.store.getState().openCheckpoint(ui.demo.checkpoints[0]!);
    const frame = await ui.waitForFrame((f) => rows.slice(2).every((r) => f.includes(names.get(r.project_id)!)), SLOW);
    const lines = linesOf(frame);
    const line = (projectId: string) => lines.find((l) => l.includes(projectId)) ?? '';
    expect(line(rows[0]!.project_id)).toContain(`${names.get(rows[0]!.project_id)} (archived)`);
    expect(line(rows[1]!.project_id)).toContain('(unknown project)');
    expect(ui.store.getState().directory.status).toBe('loading');
  });
});

describe('share at once, 10,000 projects', () => {
  it('lists the projects loaded so far, says how far, filters, picks with Tab and reviews with Enter before the directory is complete', async () => {
    ui = await startUi({
      demo: { projects: 10_000, permissions: 2_000, latencyMs: 200 },
      readAhead: true,
      size: { columns: 120, rows: 30 },
    });
    ui.store.getState().openCheckpoint(ui.demo.checkpoints[0]!);
    await ui.waitForFrame((f) => /^Page 1 · /m.test(f) && !f.includes('loading…'), SLOW);
    await ui.press('a');
    let frame = await ui.waitForFrame((f) => /[\d,]+ loaded so far · loading…/.test(statusOf(f)) && projectLines(f).length > 5, SLOW);
    expect(ui.store.getState().directory.status).toBe('loading');
    expect(statusOf(frame)).toMatch(/checking which projects have access/);

    // A filter over what has loaded, as typed.
    const loaded = ui.store.getState().directory.active;
    const granted = new Set(ui.demo.state.permissionsOf(ui.demo.checkpoints[0]!).map((p) => p.project_id));
    const target = loaded.find((p) => !p.archived && !granted.has(p.id))!;
    await ui.type(target.id.slice(5, 17));
    frame = await ui.waitForFrame((f) => projectLines(f).length === 1, SLOW);
    expect(projectLines(frame)[0]).toContain(target.id);
    await ui.press(KEYS.tab);
    frame = await ui.waitForFrame((f) => statusOf(f).startsWith('1 picked'), SLOW);
    await ui.press(KEYS.enter);
    frame = await ui.waitForFrame((f) => f.includes(target.id) && /Share with 1 project|1 project/.test(f) && !statusOf(f), SLOW);
    const dialog = ui.store.getState().dialog;
    expect(dialog?.kind === 'share-confirm' && dialog.projectIds).toEqual([target.id]);
    expect(ui.store.getState().directory.status).toBe('loading');
  });
});
