// The checkpoint picker: a field with the focus, and a list of recent checkpoints and those of the fine-tuning jobs.
import { afterEach, describe, expect, it } from 'vitest';
import type { DemoServer } from '../../src/demo/server';
import { memoryRecent } from '../../src/store/recent';
import { CTRL_C, hintsFor, KEYMAP } from '../../src/ui/keymap';
import { KEYS } from '../helpers/keys';
import { waitFor } from '../helpers/wait';
import { linesOf, startUi, type UiHarness } from './render';
import { jobEntries, lineFor, listLines } from './picker-rows';
import { coloursAsInATerminal } from './colours';

let ui: UiHarness | undefined;
afterEach(async () => {
  await ui?.close();
  ui = undefined;
});

async function startPicker(recent?: (demo: DemoServer) => string[]): Promise<UiHarness> {
  ui = await startUi({ recent: recent && ((demo) => memoryRecent(recent(demo))) });
  await ui.waitForText('from fine-tuning jobs');
  return ui;
}

describe('picker', () => {
  it('lists the recent checkpoints, then every job model and checkpoint with its step and loss', async () => {
    const { demo, lastFrame } = await startPicker((demo) => [demo.checkpoints[3]!]);
    const entries = jobEntries(demo);
    expect(entries.length).toBeGreaterThan(3);
    const frame = lastFrame();
    expect(frame).toContain(`1 recent · ${entries.length} from fine-tuning jobs`);
    const lines = listLines(frame);
    expect(lines).toHaveLength(entries.length + 1);
    // Recent first.
    expect(lines[0]).toContain(demo.checkpoints[3]!.slice(-12));
    expect(lines[0]).toContain('recent');
    for (const entry of entries) expect(lineFor(frame, entry.id, entry.detail), `${entry.id} ${entry.detail}\n${frame}`).toBeDefined();
    // And in the server's order.
    entries.forEach((entry, i) => expect(lines[i + 1]).toContain(entry.id.slice(-12)));
  });

  it('gives the field the focus at open: typed text shows in the field and filters the list', async () => {
    const { demo, type, waitForFrame } = await startPicker();
    const entries = jobEntries(demo);
    // One job's suffix (ft:model:org:suffix:…) picks that job's model and checkpoints.
    const job = entries[0]!;
    const suffix = job.id.split(':')[3]!;
    const expected = entries.filter(
      (e) => e.id.toLowerCase().includes(suffix) || e.detail.toLowerCase().includes(suffix) || e.jobId.includes(suffix),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(entries.length);

    await type(suffix);
    const frame = await waitForFrame((f) => f.includes(`match "${suffix}"`));
    expect(linesOf(frame)[1]).toBe(`Checkpoint id: ${suffix}`);
    expect(frame).toContain(`${expected.length} match "${suffix}"`);
    const lines = listLines(frame);
    expect(lines).toHaveLength(expected.length);
    expected.forEach((entry, i) => expect(lines[i]).toContain(entry.id.slice(-12)));
  });

  it('Tab moves to the list; ↓ then Enter opens the highlighted checkpoint on the table', async () => {
    const { demo, press, lastFrame, waitForFrame, store } = await startPicker();
    const entries = jobEntries(demo);
    await press(KEYS.tab);
    let frame = lastFrame();
    // The list has the focus: its hints, and the first entry highlighted.
    expect(linesOf(frame).at(-1)).toBe(hintsFor('picker-list'));
    expect(listLines(frame)[0]).toMatch(/^❯ /);
    await press(KEYS.down);
    frame = lastFrame();
    expect(listLines(frame)[0]).toMatch(/^ {2}/);
    expect(listLines(frame)[1]).toMatch(/^❯ /);
    await press(KEYS.enter);

    const second = entries[1]!.id;
    frame = await waitForFrame((f) => f.includes('Page 1 · 1–'));
    expect(store.getState().checkpoint).toBe(second);
    expect(frame).toContain(`Checkpoint ${second}`);
    // The server was asked for that checkpoint's permissions.
    expect(demo.requests.some((r) => r.method === 'GET' && r.path === `/v1/fine_tuning/checkpoints/${second}/permissions`)).toBe(true);
  });

  it('opens a typed checkpoint id on Enter', async () => {
    const { demo, type, press, waitForFrame } = await startPicker();
    const id = demo.checkpoints[1]!;
    const newest = demo.state.permissionsOf(id).reverse();
    await type(id);
    await press(KEYS.enter);
    const frame = await waitForFrame((f) => f.includes('Page 1 · 1–5'));
    expect(frame).toContain(`Checkpoint ${id}`);
    expect(frame).toContain(newest[0]!.id);
  });

  it('Esc in a non-empty field clears it (and the next key starts afresh); an empty field stays on the picker', async () => {
    const { type, press, lastFrame, store } = await startPicker();
    await type('nothing-like-this');
    expect(lastFrame()).toContain('0 match "nothing-like-this"');
    await press(KEYS.esc);
    let frame = lastFrame();
    expect(linesOf(frame)[1]).toMatch(/^Checkpoint id: ft:… \(type to filter/);
    expect(frame).not.toContain('nothing-like-this');
    expect(listLines(frame).length).toBeGreaterThan(0);
    await type('x');
    expect(linesOf(lastFrame())[1]).toBe('Checkpoint id: x');
    await press(KEYS.esc);
    await press(KEYS.esc);
    expect(store.getState().screen).toBe('picker');
    expect(lastFrame()).toContain('Pick a checkpoint');
  });

  it('takes q in the field as text, while q in the list quits', async () => {
    const { type, press, lastFrame, stdin } = await startPicker();
    await type('q');
    await type('x');
    expect(linesOf(lastFrame())[1]).toBe('Checkpoint id: qx');
    expect(stdin.listenerCount('readable')).toBeGreaterThan(0);

    await press(KEYS.esc);
    await press(KEYS.tab);
    await press('q');
    // The app exited: Ink stopped reading keys.
    await waitFor(() => stdin.listenerCount('readable') === 0, 'the app to exit');
  });

  it('shows every key of the list in the help overlay on ?, and closes it on Esc', async () => {
    const { press, lastFrame } = await startPicker();
    await press(KEYS.tab);
    await press('?');
    const frame = lastFrame();
    expect(frame).toContain('Keys on this screen');
    const lines = linesOf(frame);
    for (const binding of [...KEYMAP['picker-list'], CTRL_C]) {
      const line = lines.find((l) => new RegExp(`^│ ${re(binding.label)} +${re(binding.description)} +│$`).test(l));
      expect(line, `${binding.label} ${binding.description}\n${frame}`).toBeDefined();
    }
    expect(lines.at(-1)).toBe(hintsFor('help'));
    await press(KEYS.esc);
    expect(lastFrame()).not.toContain('Keys on this screen');
    expect(linesOf(lastFrame()).at(-1)).toBe(hintsFor('picker-list'));
  });

  it('the jobs arriving under the list leave its highlight on the recent checkpoint it was on', async () => {
    ui = await startUi({ demo: { latencyMs: 300 }, recent: (demo) => memoryRecent(demo.checkpoints.slice(0, 3)) });
    const recent = ui.demo.checkpoints[2]!;
    await ui.waitForText('loading fine-tuning jobs…');
    await ui.press(KEYS.tab);
    await ui.press(KEYS.down);
    await ui.press(KEYS.down);
    const before = await ui.waitForText('❯ ');
    expect(before).toContain('loading fine-tuning jobs…');
    expect(listLines(before).find((line) => line.startsWith('❯ '))).toContain(recent.slice(-8));
    const after = await ui.waitForText('from fine-tuning jobs');
    expect(listLines(after).find((line) => line.startsWith('❯ '))).toContain(recent.slice(-8));
  });
});

function re(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

describe('picker: fzf matching (issue 28 item 1)', () => {
  coloursAsInATerminal();

  it('trg412 puts support-triage’s step 412 first, its matched letters drawn, and marks it as the row Enter takes', async () => {
    const { demo, type, press, waitForFrame, store } = await startPicker();
    const step412 = jobEntries(demo).find((e) => /:support-triage:.*:ckpt-step-412$/.test(e.id))!;
    expect(step412).toBeDefined();
    await type('trg412');
    const frame = await waitForFrame((f) => f.includes('match "trg412"'));
    const lines = listLines(frame.replace(/\u001b\[[0-9;]*m/g, ''));
    expect(lines.length).toBeGreaterThan(1);
    expect(lines[0]).toMatch(/^↵ ft:/);
    expect(lines[0]).toContain(step412.id.slice(-14));
    expect(lines.slice(1).every((line) => line.startsWith('  '))).toBe(true);
    // The matched letters are underlined (bold and underline, so NO_COLOR shows them too): the 412 at the id's end.
    const raw = frame.split('\n').find((line) => /ckpt-step-412.*step 412/.test(line.replace(/\u001b\[[0-9;]*m/g, '')))!;
    expect(raw).toMatch(/\u001b\[4m(\u001b\[1m)?412/);
    expect(raw).toMatch(/\u001b\[4m(\u001b\[1m)?tr\u001b/);
    await press(KEYS.enter);
    await waitFor(() => store.getState().checkpoint === step412.id, 'the checkpoint Enter took');
  });
});
