// Narrow terminals (issue #16, item 12): names keep their width first, ids are cut in the middle (or the permission id
// column goes), and the hint line keeps `? help · q quit` whatever else it cuts.
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/wait';
import { linesOf, openTable, rowLines, startUi, type UiHarness } from './render';

let ui: UiHarness | undefined;
afterEach(async () => {
  await ui?.close();
  ui = undefined;
});

/** The rows on screen with the name each should show, read from the demo's directory. */
function rowsWithNames(h: UiHarness) {
  const { page, directory } = h.store.getState();
  return page!.rows.map((row) => ({ row, name: directory.byId[row.project_id]?.name ?? '' }));
}

describe('a narrow terminal', () => {
  it('at 80 columns every name of up to 22 characters shows whole, and the hint line ends with ? help · q quit', async () => {
    ui = await startUi({ size: { columns: 80, rows: 24 }, pageSize: 15 });
    await openTable(ui, ui.demo.checkpoints[0]!);
    const frame = ui.lastFrame();
    const lines = rowLines(frame);
    const expected = rowsWithNames(ui).filter(({ name }) => name.length <= 22);
    expect(expected.length).toBeGreaterThan(5);
    for (const { row, name } of expected) expect(lines.find((line) => line.includes(row.project_id)) ?? '', name).toContain(` ${name} `);
    expect(linesOf(frame).at(-1)).toMatch(/\? help · q quit$/);
  });

  it('at 60 columns the permission id column goes, names up to 28 show whole, project ids are cut in the middle', async () => {
    ui = await startUi({ size: { columns: 60, rows: 20 }, pageSize: 12 });
    await openTable(ui, ui.demo.checkpoints[0]!);
    const frame = ui.lastFrame();
    expect(frame).not.toContain('PERMISSION');
    expect(frame).toMatch(/^ {2}PROJECT ID +PROJECT NAME +CREATED/m);
    // Rows start with the cursor and mark columns, then the project id (no permission id).
    const lines = linesOf(frame).filter((line) => /^[› ][● ]proj_/.test(line));
    expect(lines.length).toBeGreaterThan(5);
    const rows = rowsWithNames(ui);
    for (const line of lines) {
      // `›●proj_SvmRm…SNJbE Risk Extraction US  3d ago`: the id's two ends tell which row it is.
      const [head, tail] = /(proj_\w+)…(\w+)/.exec(line)!.slice(1) as [string, string];
      const matching = rows.filter(({ row }) => row.project_id.startsWith(head) && row.project_id.endsWith(tail));
      expect(matching, line).toHaveLength(1);
      const { row, name } = matching[0]!;
      if (name.length <= 28) expect(line).toContain(` ${name}`);
      expect(line).not.toContain(row.id);
    }
  });

  it('at 40 columns the hint line still ends with ? help · q quit', async () => {
    ui = await startUi({ size: { columns: 40, rows: 12 }, pageSize: 5 });
    await openTable(ui, ui.demo.checkpoints[0]!);
    expect(linesOf(ui.lastFrame()).at(-1)).toMatch(/\? help · q quit$/);
  });

  it('the share list at 60 columns gives names 26 columns, the id cut in the middle', async () => {
    ui = await startUi({ size: { columns: 60, rows: 20 } });
    await openTable(ui, ui.demo.emptyCheckpoint);
    await ui.press('a');
    await waitFor(() => ui!.store.getState().directory.status === 'ready', 'the projects');
    const frame = await ui.waitForFrame((f) => /^›\[ \] /m.test(f));
    const line = linesOf(frame).find((l) => l.startsWith('›[ ] '))!;
    const first = [...ui.store.getState().directory.active].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))[0]!;
    expect(line).toContain(first.name);
    expect(line).toMatch(/proj_\w+…\w+/);
  });
});
