// The UI on a real terminal looks the same whatever CI says (issue #16, item 15): CI=true once drew a blank screen that
// still took keys (Ink drew only the last frame), CI=false turned every style off, the field's cursor included.
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS } from '../helpers/keys';
import { closeAll, spawnTerminal, type Terminal } from '../helpers/pty';

afterEach(closeAll);

/** The SGR parameters the program wrote, each sequence's list split (`\x1b[0;1;36m` → ['0', '1', '36']). */
function sgr(term: Terminal): string[][] {
  return [...term.raw().matchAll(/\u001b\[([0-9;]*)m/g)].map((match) => match[1]!.split(';'));
}

const inverse = (term: Terminal) => sgr(term).some((params) => params.includes('7'));
const coloured = (term: Terminal) => sgr(term).some((params) => params.some((p) => /^(3[0-8]|9[0-7])$/.test(p)));

describe('a real terminal, whatever CI says', () => {
  for (const ci of ['true', '1', 'false'])
    it(`CI=${ci}: every frame is drawn, in colour, with the inverse cursor`, async () => {
      const term = spawnTerminal({ args: ['--demo'], cols: 100, rows: 24, env: { CI: ci } });
      await term.waitFor('Pick a checkpoint');
      await term.press('t');
      await term.waitFor(/^Checkpoint id: t/m);
      expect(coloured(term), 'some text in colour').toBe(true);
      expect(inverse(term), 'the cursor and the title in inverse video').toBe(true);
      await term.press(KEYS.ctrlC);
      expect((await term.waitForExit()).exitCode).toBe(0);
    });

  it('NO_COLOR (with CI set): no colour, but bold and inverse stay, so the cursor shows', async () => {
    const term = spawnTerminal({ args: ['--demo'], cols: 100, rows: 24, env: { CI: 'true', NO_COLOR: '1' } });
    await term.waitFor('Pick a checkpoint');
    await term.press('t');
    await term.waitFor(/^Checkpoint id: t/m);
    expect(coloured(term)).toBe(false);
    expect(inverse(term)).toBe(true);
  });

  it('FORCE_COLOR=0 turns every style off, as asked', async () => {
    const term = spawnTerminal({ args: ['--demo'], cols: 100, rows: 24, env: { FORCE_COLOR: '0' } });
    await term.waitFor('Pick a checkpoint');
    expect(coloured(term)).toBe(false);
    expect(inverse(term)).toBe(false);
  });
});
