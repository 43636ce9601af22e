// The picker with hundreds of fine-tuning jobs (demo --jobs 500): the first rows while the later pages of jobs are still
// held back by a proxy, rows appended under a cursor that stays put, filtering what has loaded, every row at the end.
import { afterEach, describe, expect, it } from 'vitest';
import { failingProxy, type FailingProxy } from '../helpers/proxy';
import { KEYS } from '../helpers/keys';
import { jobEntries, lineFor, listLines } from './picker-rows';
import { linesOf, openTable, startUi, type UiHarness } from './render';

let ui: UiHarness | undefined;
let proxy: FailingProxy | undefined;
afterEach(async () => {
  proxy?.release();
  await ui?.close();
  await proxy?.close();
  ui = proxy = undefined;
});

/** Whether a request is for a page of jobs after the first. */
const laterJobs = (path: string, search: string) => path === '/fine_tuning/jobs' && search.includes('after=');

/** The picker over 500 jobs behind a proxy that treats the pages of jobs after the first as `rule` says. */
async function startBehindProxy(rule: 'hold' | 'fail', columns = 120): Promise<UiHarness> {
  ui = await startUi({
    demo: { jobs: 500 },
    size: { columns, rows: 30 },
    via: async (demo) => {
      proxy = await failingProxy(demo.baseUrl, undefined, 503, { [rule]: laterJobs });
      return proxy.url;
    },
  });
  return ui;
}

/** The picker over 500 jobs, the pages of jobs after the first held by the proxy until `proxy.release()`. */
const startHeld = () => startBehindProxy('hold');

/** The list line with the cursor, and which line of the screen it is on. */
function highlighted(frame: string): { line: string; at: number } {
  const lines = linesOf(frame);
  const at = lines.findIndex((line) => line.startsWith('❯ '));
  return { line: lines[at] ?? '', at };
}

describe('picker with 500 fine-tuning jobs', () => {
  it('shows the first page of jobs while the rest are held, filters what has loaded, and lists every checkpoint at the end', async () => {
    const { demo, waitForText, waitForFrame, type, press } = await startHeld();
    const entries = jobEntries(demo);
    const firstPage = demo.state
      .jobs()
      .slice(0, 100)
      .filter((job) => job.fine_tuned_model).length;
    // Every job of the first page read, the next page not answered: the rows are there, and it says it is loading.
    const frame = await waitForText(`loading jobs · ${firstPage} so far`);
    expect(listLines(frame)[0]).toContain(entries[0]!.id.slice(-12));
    expect(lineFor(frame, entries[1]!.id, entries[1]!.detail)).toBeDefined();
    expect(proxy!.requests.filter((r) => r.startsWith('GET /v1/fine_tuning/jobs?'))).toHaveLength(2);

    // A model of a job on the fourth page: not there yet, so nothing matches its id.
    const later = demo.state.jobs()[350]!.fine_tuned_model!;
    const piece = later.split(':').at(-1)!;
    await type(piece);
    const none = await waitForText(`0 match "${piece}"`);
    expect(none).toContain(`loading jobs · ${firstPage} so far`);
    proxy!.release();
    // It appears under the typed text once its page has loaded, the best match, while the rest may still be loading.
    const found = await waitForFrame((f) => listLines(f)[0]?.includes(later.slice(-12)) === true);
    expect(linesOf(found)[1]).toBe(`Checkpoint id: ${piece}`);

    await press(KEYS.esc);
    const all = await waitForText(`${entries.length} from fine-tuning jobs`);
    expect(all).not.toContain('loading jobs');
    await press(KEYS.tab);
    await press(KEYS.end);
    const last = entries.at(-1)!;
    const bottom = await waitForFrame((f) => highlighted(f).line.includes(last.id.slice(-12)));
    expect(highlighted(bottom).line).toContain(last.detail);
  });

  it('keeps the highlighted row on its line while the held jobs arrive below it, and ↓ then goes on to them', async () => {
    const { demo, waitForText, waitForFrame, press } = await startHeld();
    const entries = jobEntries(demo);
    const firstPage = demo.state
      .jobs()
      .slice(0, 100)
      .filter((job) => job.fine_tuned_model).length;
    await waitForText(`loading jobs · ${firstPage} so far`);
    await press(KEYS.tab);
    // The last row loaded so far, on the list's bottom line.
    await press(KEYS.end);
    const before = await waitForFrame((f) => highlighted(f).at > 0);
    const { line, at } = highlighted(before);
    // The first page's last row (a checkpoint's id ends in its step, which others share: its detail tells it apart).
    const firstJobs = new Set(
      demo.state
        .jobs()
        .slice(0, 100)
        .map((job) => job.id),
    );
    const index = entries.findLastIndex((entry) => firstJobs.has(entry.jobId));
    expect(line).toContain(entries[index]!.id.slice(-12));
    expect(line).toContain(entries[index]!.detail);
    proxy!.release();
    const after = await waitForText(`${entries.length} from fine-tuning jobs`);
    // The same row, on the same line, the rows above it as they were.
    expect(highlighted(after)).toEqual({ line, at });
    expect(listLines(after)).toEqual(listLines(before));
    // Below it, the rows that came in: ↓ goes on to the next one, the list scrolling a line.
    await press(KEYS.down);
    const next = await waitForFrame((f) => highlighted(f).line.includes(entries[index + 1]!.id.slice(-12)));
    expect(highlighted(next).at).toBe(at);
    expect(listLines(next).slice(0, -1)).toEqual(
      listLines(before)
        .slice(1)
        .map((l) => l.replace(/^❯ /, '  ')),
    );
  });

  it('the sync source picker lists the first page while the rest are held, then a source from a later page', async () => {
    const ui = await startHeld();
    const { demo, waitForText, waitForFrame, type, press } = ui;
    const entries = jobEntries(demo);
    const firstPage = demo.state
      .jobs()
      .slice(0, 100)
      .filter((job) => job.fine_tuned_model).length;
    await openTable(ui, demo.checkpoints[0]!);
    await press('s');
    const frame = await waitForText(`loading jobs · ${firstPage} so far`);
    expect(frame).toContain('Pick the source for syncing');
    expect(listLines(frame)[0]).toContain(entries[0]!.id.slice(-12));
    const later = demo.state.jobs()[350]!.fine_tuned_model!;
    const piece = later.split(':').at(-1)!;
    await type(piece);
    await waitForText(`0 match "${piece}"`);
    proxy!.release();
    await waitForFrame((f) => listLines(f)[0]?.includes(later.slice(-12)) === true);
    await press(KEYS.tab);
    await press(KEYS.enter);
    // A source no project can use yet: the plan says there is nothing to add.
    const plan = await waitForFrame((f) => /nothing to add|Already in sync|\[y\/N\]/.test(f));
    expect(plan).toContain(piece);
  });

  it('keeps the rows read when a later page of jobs fails, and says the rest could not be read', async () => {
    ui = await startBehindProxy('fail', 160);
    const firstPage = ui.demo.state
      .jobs()
      .slice(0, 100)
      .filter((job) => job.fine_tuned_model);
    const rows = jobEntries(ui.demo).filter((entry) => firstPage.some((job) => job.id === entry.jobId)).length;
    const frame = await ui.waitForText('the rest could not be read');
    expect(frame).toContain(`${rows} from fine-tuning jobs, the rest could not be read (Tab, then r retries)`);
    expect(ui.store.getState().jobs.entries).toHaveLength(rows);
    expect(listLines(frame)[0]).toContain(firstPage[0]!.fine_tuned_model!.slice(-12));
  });

  it('under a query, the highlighted row stays highlighted when a better match arrives above it', async () => {
    const { demo, waitForText, waitForFrame, type, press } = await startHeld();
    const firstPage = demo.state
      .jobs()
      .slice(0, 100)
      .filter((job) => job.fine_tuned_model).length;
    await waitForText(`loading jobs · ${firstPage} so far`);
    // A job on a later page named as one of the first page's, numbered (`security-drafts-2`): the first page's rows
    // match its name only loosely, it matches best.
    const suffix = (model: string | null) => model?.split(':')[3] ?? '';
    const firstNames = new Set(
      demo.state
        .jobs()
        .slice(0, 100)
        .map((job) => suffix(job.fine_tuned_model)),
    );
    const later = demo.state
      .jobs()
      .slice(100)
      .map((job) => job.fine_tuned_model!)
      .find((model) => firstNames.has(suffix(model).replace(/-\d+$/, '')) && /-\d+$/.test(suffix(model)))!;
    const name = suffix(later);
    await type(name);
    const loose = await waitForFrame((f) => f.includes(`match "${name}"`) && listLines(f).length >= 2);
    expect(loose).not.toContain(later.slice(-12));
    await press(KEYS.tab);
    await press(KEYS.down);
    const before = await waitForFrame((f) => listLines(f)[1]?.startsWith('❯ ') === true);
    const chosen = highlighted(before).line;
    proxy!.release();
    const after = await waitForFrame((f) => listLines(f)[0]?.includes(later.slice(-12)) === true);
    expect(highlighted(after).line).toBe(chosen);
    expect(listLines(after).findIndex((l) => l.startsWith('❯ '))).toBeGreaterThan(1);
  });

  it('Enter on a piece of an id takes the row marked ↵ while later pages are still held, as fzf does', async () => {
    const { demo, waitForText, waitForFrame, type, press, store } = await startHeld();
    const firstPage = demo.state
      .jobs()
      .slice(0, 100)
      .filter((job) => job.fine_tuned_model);
    await waitForText(`loading jobs · ${firstPage.length} so far`);
    const model = firstPage[40]!.fine_tuned_model!;
    const piece = model.split(':').at(-1)!;
    await type(piece);
    await waitForFrame((f) => linesOf(f).some((line) => line.startsWith('↵ ') && line.includes(model.slice(-12))));
    await press(KEYS.enter);
    await waitForFrame((f) => f.includes('Page 1'));
    expect(store.getState().checkpoint).toBe(model);
    expect(store.getState().jobs.status).toBe('loading');
  });
});
