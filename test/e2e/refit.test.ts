// A terminal that grows (issue #16, item 13): pages fitted to it grow with it, from the same first row. The built binary
// in a pseudo-terminal, started at 60×15 and enlarged to 100×30.
import { afterEach, describe, expect, it } from 'vitest';
import { useDemoCli } from '../helpers/demo-cli';
import { KEYS } from '../helpers/keys';
import { closeAll, spawnTerminal } from '../helpers/pty';

afterEach(closeAll);

const demo = useDemoCli();

const position = (screen: string) => /^Page (\d+) · (\d+)–(\d+) /m.exec(screen)?.slice(1).map(Number);
/** The project id of the first row (the permission id column may be gone at 60 columns). */
const firstRowProject = (screen: string) => /^[› ][● ](?:cp_\S+ )?(proj_[\w…]+)/m.exec(screen)?.[1];

describe('a terminal that grows', () => {
  it('re-fits the page, keeping its first row; a --page-size stays as given', async () => {
    const { server } = demo;
    const checkpoint = server.checkpoints[0]!;
    const term = spawnTerminal({
      args: [checkpoint, '--base-url', server.baseUrl, '--admin-api-key', server.adminKey],
      cols: 60,
      rows: 15,
    });
    let screen = await term.waitFor(/^Page 1 · 1–\d+ /m);
    const size = position(screen)![2]!;
    await term.press(KEYS.right);
    screen = await term.waitFor(new RegExp(`^Page 2 · ${size + 1}–${2 * size} `, 'm'));
    const top = firstRowProject(screen)!;
    expect(top).toBeDefined();

    await term.resize(100, 30);
    screen = await term.waitFor((s) => {
      const at = position(s);
      return at !== undefined && at[0] === 2 && at[2]! - at[1]! + 1 > size && !s.includes('loading');
    });
    const [, first, last] = position(screen)!;
    expect(first).toBe(size + 1);
    expect(last! - first! + 1).toBeGreaterThan(size + 8);
    // The same row at the top: its id, now whole.
    const whole = firstRowProject(screen)!;
    const [head, tail] = top.split('…') as [string, string | undefined];
    expect(whole.startsWith(head)).toBe(true);
    if (tail) expect(whole.endsWith(tail)).toBe(true);

    // Given a page size, the page stays as given.
    const fixed = spawnTerminal({
      args: [checkpoint, '--base-url', server.baseUrl, '--admin-api-key', server.adminKey, '--page-size', '5'],
      cols: 60,
      rows: 15,
    });
    await fixed.waitFor(/^Page 1 · 1–5 /m);
    const mark = server.requests.length;
    await fixed.resize(100, 30);
    // The program's answer to the new size: a frame drawn wider than the old one, then nothing left to do.
    const wider = await fixed.waitFor((s) => /^Page 1 /m.test(s) && s.split('\n').some((line) => line.trimEnd().length > 60));
    await fixed.waitForIdle();
    expect(position(wider)).toEqual([1, 1, 5]);
    expect(position(fixed.screen())).toEqual([1, 1, 5]);
    // Nor was a page of another size asked for (the reading ahead of page 2 asks for 5 too).
    const resized = server.requests.slice(mark).filter((r) => r.path.endsWith('/permissions') && r.query.limit !== '5');
    expect(resized).toEqual([]);
  });
});
