// An honest share search while the organization's projects load (issue 24 item 8): the built binary in a pty against
// `demo-server --projects 10000 --latency 300`, first with a cold cache, then warm from the cache the first run left
// (issue 27 item 1: a walk cut short is resumed, and says it is loading).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS } from '../helpers/keys';
import { closeAll, spawnTerminal, startDemoServerProcess, type DemoServerProcess } from '../helpers/pty';

let dirs: string[] = [];
afterEach(async () => {
  await closeAll();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

const QUERY = 'underwriting summaries 7';
const NO_MATCH = new RegExp(`No active project matches "${QUERY}" among ([\\d,]+) loaded so far · loading…`);
const count = (text: string) => Number(text.replaceAll(',', ''));

/** The table of the demo's main checkpoint, then its share screen, with the state and cache directories given. */
async function share(server: DemoServerProcess, home: string) {
  const term = spawnTerminal({
    args: [server.checkpoints[0]!, '--base-url', server.baseUrl, '--admin-api-key', server.adminKey],
    env: { XDG_STATE_HOME: join(home, 'state'), XDG_CACHE_HOME: join(home, 'cache') },
    cols: 120,
    rows: 32,
  });
  await term.waitFor(/^Page 1 · 1–/m);
  await term.press('a');
  await term.waitFor('Projects: ');
  return term;
}

describe('the share search while the projects load', () => {
  it('says what it searched so far and searches again as projects arrive; warm, it starts from what the first run saw', async () => {
    const server = await startDemoServerProcess(['--projects', '10000', '--latency', '300']);
    const home = mkdtempSync(join(tmpdir(), 'ckpt-perms-share-loading-'));
    dirs.push(home);

    const cold = await share(server, home);
    await cold.press(QUERY);
    const first = NO_MATCH.exec(await cold.waitFor(NO_MATCH, { timeoutMs: 20_000 }))![1]!;
    // The same search, run again over more projects.
    await cold.waitFor((screen) => count(NO_MATCH.exec(screen)?.[1] ?? '0') > count(first), { timeoutMs: 20_000 });
    expect(cold.screen()).toMatch(/0 of [\d,]+ loaded so far · loading…/);
    const seen = count(NO_MATCH.exec(cold.screen())![1]!);
    // Leaving before the read ends keeps what loaded in the cache, and where it stopped: the next start is warm for all
    // of it and reads on from there (a cache of the whole directory says `N projects · refreshing`: test/ui/share-cached).
    await cold.press(KEYS.ctrlC);
    await cold.waitForExit();

    const warm = await share(server, home);
    const screen = await warm.waitFor(/([\d,]+) loaded so far · loading…/);
    expect(count(/([\d,]+) loaded so far/.exec(screen)![1]!), warm.describe()).toBeGreaterThanOrEqual(seen);
    expect(screen).not.toMatch(/refreshing/);
    expect(screen).not.toMatch(/\b([\d,]+) of \1\b/);
  });
});
