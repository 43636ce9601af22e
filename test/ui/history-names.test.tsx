// Issue 28 item 7: at 80 columns the history keeps each project's name; its id and the actor's key id give way first.
import { afterEach, expect, it } from 'vitest';
import { linesOf, openTable, startUi, type UiHarness } from './render';

let ui: UiHarness | undefined;
afterEach(async () => {
  await ui?.close();
  ui = undefined;
});

const historyRows = (frame: string) => linesOf(frame).filter((line) => /^ {2}\d{4}-\d\d-\d\d( \d\d:\d\d)? +(granted|revoked) /.test(line));

it('history at 80×24 shows every row’s project name whole, and the key id gives way before the actor', async () => {
  ui = await startUi({ size: { columns: 80, rows: 24 } });
  const h = ui;
  await openTable(h, h.demo.checkpoints[0]!);
  await h.press('H');
  const frame = await h.waitForFrame((f) => historyRows(f).length > 0 && h.store.getState().history?.status === 'ready');
  const rows = historyRows(h.lastFrame() ?? frame);
  const entries = h.store.getState().history!.entries;
  const byId = h.store.getState().directory.byId;
  expect(rows.length).toBeGreaterThan(3);
  rows.forEach((line, i) => {
    const entry = entries[i]!;
    const name = byId[entry.project_id]?.name || entry.project_name;
    expect(name, `row ${i} ${entry.project_id}`).toBeTruthy();
    expect(line, `row ${i}`).toContain(name!);
    // The id after the name, cut in the middle (its end still tells projects apart), or gone when the name needs the room.
    const after = line.slice(line.indexOf(name!) + name!.length);
    expect(after.startsWith(' (') ? after : `${entry.project_id.slice(-3)})`).toContain(`${entry.project_id.slice(-3)})`);
    if (entry.actor?.email && !entry.before_log) expect(line).toContain(entry.actor.email);
  });
});
