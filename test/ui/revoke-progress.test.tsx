// A bulk revoke's progress (issue #16, item 14): the outcome line counts the permissions done and says Esc stops it.
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS } from '../helpers/keys';
import { waitFor } from '../helpers/wait';
import { openTable, startUi, type UiHarness } from './render';

let ui: UiHarness | undefined;
afterEach(async () => {
  await ui?.close();
  ui = undefined;
});

describe('bulk revoke progress', () => {
  it('the line counts outcomes as they come and says Esc stops; every frame’s count only grows', async () => {
    // One request at a time, 100 ms each: the counts can be seen.
    ui = await startUi({ pageSize: 10, concurrency: 1, demo: { latencyMs: 100 } });
    await openTable(ui, ui.demo.checkpoints[0]!);
    for (let i = 0; i < 4; i++) await ui.press(KEYS.space);
    await ui.waitForText('4 marked');
    await ui.press('d');
    await ui.waitForText('[y/N]');
    const from = ui.frames.length;
    await ui.press('y');
    await ui.waitForText('Revoke: 4 of 4 revoked');
    await waitFor(() => ui!.store.getState().busy === null, 'the revoke to end');
    const counts = ui.frames
      .slice(from)
      .flatMap((frame) => [...(/Revoking 4 permissions… (\d) of 4 done · Esc stops/.exec(frame)?.slice(1) ?? [])])
      .map(Number);
    expect(counts[0]).toBe(0);
    expect(new Set(counts).size).toBeGreaterThanOrEqual(3);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
  });
});
