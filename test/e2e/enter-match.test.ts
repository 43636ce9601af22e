// Enter takes the highlighted match (issue #16, item 5), as in fzf: the built binary in a pseudo-terminal against a
// demo-server process, keys as a terminal sends them. Picker and sync source: text that is not a whole id opens the
// first match; share: Enter with nothing picked shares with the highlighted project (after the usual confirmation).
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS } from '../helpers/keys';
import { closeAll, demoConnection, spawnTerminal, startDemoServerProcess, type Terminal } from '../helpers/pty';

afterEach(closeAll);

/** The picker's list rows' ids (`❯ ` or two spaces, then the id). */
const listedIds = (term: Terminal) => term.lines().flatMap((line) => /^(?:❯ |↵ | {2})(ft:\S+)/.exec(line)?.[1] ?? []);

describe('Enter takes the highlighted match', () => {
  it('picker: a part of an id with two matches opens the first, not a 404 for the text', async () => {
    const server = await startDemoServerProcess();
    const term = spawnTerminal({ args: demoConnection(server), cols: 140, rows: 30 });
    await term.waitFor(/\d+ from fine-tuning jobs/);
    // The tail of the largest checkpoint's id: its model and at least one more line match.
    const fragment = server.checkpoints[0]!.split(':').at(-1)!.slice(0, 4);
    await term.type(fragment);
    await term.waitFor(`Checkpoint id: ${fragment}`);
    await term.waitFor('(Enter takes the first)');
    const first = listedIds(term)[0]!;
    expect(listedIds(term).length).toBeGreaterThanOrEqual(1);
    await term.press(KEYS.enter);
    const screen = await term.waitFor(/^Page 1 · /m);
    expect(screen).toContain(`Checkpoint ${first}`);
    expect(screen).not.toContain('does not exist');
  });

  it('sync source: a part of an id opens the plan for the first match, not "Unknown checkpoint"', async () => {
    const server = await startDemoServerProcess();
    const [source, target] = server.checkpoints as [string, string];
    const term = spawnTerminal({ args: [target, ...demoConnection(server)], cols: 140, rows: 30 });
    await term.waitFor(/^Page 1 · /m);
    await term.press('s');
    await term.waitFor('Pick the source');
    await term.waitFor(/\d+ from fine-tuning jobs/);
    const fragment = source.split(':').at(-1)!;
    await term.type(fragment);
    // The whole fragment in the field: with part of it typed, other lines match too.
    await term.waitFor(`Checkpoint id: ${fragment}`);
    await term.waitFor('(Enter takes the first)');
    expect(listedIds(term)[0]).toBe(source);
    await term.press(KEYS.enter);
    const screen = await term.waitFor(/\[y\/N\]|Already in sync|nothing to add/);
    expect(screen).not.toContain('Unknown checkpoint');
    expect(screen).toContain(source.split(':').at(-1)!);
  });

  it('share: Enter with nothing picked asks to share with the highlighted project', async () => {
    const server = await startDemoServerProcess();
    const term = spawnTerminal({ args: [server.checkpoints.at(-1)!, ...demoConnection(server)], cols: 140, rows: 30 });
    await term.waitFor(/^Page 1 · /m);
    await term.press('a');
    await term.waitFor(/\d+ picked · \d+ of \d+ active projects · \d+ have access/);
    const highlightedId = (screen: string) => /^›(?:\[ \]| ✓ ) .+? +(proj_\w+)/m.exec(screen)?.[1];
    const first = highlightedId(term.screen());
    expect(first).toBeDefined();
    await term.press(KEYS.down);
    const moved = await term.waitFor((screen) => highlightedId(screen) !== undefined && highlightedId(screen) !== first);
    const second = highlightedId(moved)!;
    await term.press(KEYS.enter);
    const screen = await term.waitFor('[y/N]');
    expect(screen).toContain('Share with 1 project? [y/N]');
    expect(screen).toContain(second);
    expect(screen).not.toContain('Pick projects with Tab');
  });
});
