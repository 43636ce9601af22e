// The built binary's picker against `demo-server --jobs 500 --latency 300`, the later pages of jobs held by a proxy
// until the test lets them go: the first rows, the count, filtering and the cursor while the rest load, every row at the end.
import { afterEach, describe, expect, it } from 'vitest';
import { buildDemoSeed } from '../../src/demo/seed';
import { KEYS } from '../helpers/keys';
import { failingProxy, type FailingProxy } from '../helpers/proxy';
import { closeAll, demoConnection, spawnTerminal, startDemoServerProcess } from '../helpers/pty';

let proxy: FailingProxy | undefined;
afterEach(async () => {
  proxy?.release();
  await closeAll();
  await proxy?.close();
  proxy = undefined;
});

const LOAD_MS = 200_000;

/** The picker's list lines, and the one with the cursor. */
const listRows = (screen: string) => screen.split('\n').filter((line) => /^(?:❯ |↵ | {2})ft:/.test(line));
const cursorRow = (screen: string) => {
  const lines = screen.split('\n');
  const at = lines.findIndex((line) => line.startsWith('❯ '));
  return { line: lines[at], at };
};

describe('picker with 500 fine-tuning jobs (pty, demo-server --jobs 500 --latency 300)', () => {
  it('lists the first jobs while the rest load, filters what has loaded, keeps the cursor put, and ends with every row', async () => {
    // The server's world, built here from the same seed: the newest jobs first.
    const seed = buildDemoSeed(137, 180, 500);
    const models = seed.jobs.filter((job) => job.fine_tuned_model);
    const firstPage = seed.jobs.slice(0, 100).filter((job) => job.fine_tuned_model).length;
    const rows = models.reduce((n, job) => n + 1 + seed.jobCheckpoints.get(job.id)!.length, 0);
    const oldest = models.at(-1)!;
    const lastRow = seed.jobCheckpoints.get(oldest.id)!.at(-1)!.fine_tuned_model_checkpoint;

    const server = await startDemoServerProcess(['--jobs', '500', '--latency', '300']);
    proxy = await failingProxy(server.baseUrl, undefined, 503, {
      hold: (path, search) => path === '/fine_tuning/jobs' && search.includes('after='),
    });
    const term = spawnTerminal({ args: demoConnection({ ...server, baseUrl: proxy.url }), cols: 120, rows: 30 });

    // The first page of jobs read, the second held: its rows are on screen, and it says how many so far.
    const first = await term.waitFor(`loading jobs · ${firstPage} so far`, { timeoutMs: LOAD_MS });
    expect(listRows(first)[0], term.describe()).toContain(models[0]!.fine_tuned_model!.slice(-12));
    expect(listRows(first).length).toBeGreaterThan(20);

    // A model of the second page: typed while it has not loaded, nothing matches; it appears once its page has come.
    const later = models[150]!.fine_tuned_model!;
    const piece = later.split(':').at(-1)!;
    await term.type(piece);
    await term.waitFor(`0 match "${piece}"`);
    proxy.release();
    const found = await term.waitFor((s) => listRows(s)[0]?.includes(later.slice(-12)) === true, { timeoutMs: LOAD_MS });
    expect(found).toMatch(/loading jobs · [\d,]+ (so far|of \d+)/);

    // Back to the whole list, the cursor on the last row loaded so far; the rows that come keep it on its row and line.
    await term.press(KEYS.esc);
    await term.waitFor(`Checkpoint id: ft:…`);
    await term.press(KEYS.tab);
    // The list has the keys (its hint is on the key line) before End is sent.
    await term.waitFor('Tab/Esc field');
    await term.press(KEYS.end);
    // The cursor on the list's bottom line: the last row loaded when End was read.
    const atEnd = (s: string) => listRows(s).at(-1)?.startsWith('❯ ') === true && listRows(s).length > 20;
    const before = cursorRow(await term.waitFor((s) => atEnd(s) && s.includes('loading jobs')));
    const counted = await term.waitFor(new RegExp(`loading jobs · [\\d,]+ of ${models.length}`), { timeoutMs: LOAD_MS });
    expect(cursorRow(counted), term.describe()).toEqual(before);

    const done = await term.waitFor(`${rows} from fine-tuning jobs`, { timeoutMs: LOAD_MS });
    expect(cursorRow(done)).toEqual(before);
    await term.press(KEYS.end);
    const bottom = await term.waitFor((s) => cursorRow(s).line?.includes(lastRow.slice(-14)) === true);
    expect(bottom).not.toContain('loading jobs');
  }, 300_000);
});
