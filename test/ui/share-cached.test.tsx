// The share screen's count line on a start from the directory cache (issues 24 item 8, 27 item 1): a cache of the whole
// directory is being refreshed; one a walk cut short left is still loading, from the count it had.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { directoryCacheFile, fileDirectoryCache } from '../../src/ops/directory-cache';
import { attachDirectoryCache } from '../../src/store/directory-cache';
import { organizationScope } from '../../src/store/scope';
import { linesOf, startUi, type UiHarness } from './render';

let ui: UiHarness | undefined;
let dir: string | undefined;
afterEach(async () => {
  await ui?.close();
  ui = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

// Waits long enough for a loaded machine; the directory takes 20 s at this latency, so it is still loading after them.
const SLOW = 10_000;
const PROJECTS = 10_000;
const statusOf = (frame: string) => linesOf(frame).find((line) => / picked · /.test(line)) ?? '';
const number = (text: string) => Number(text.replaceAll(',', ''));

/** The share screen over a cache of the demo's first `cached` projects, whole (no cursor) or cut short after them. */
async function shareFrom(cached: number, whole: boolean): Promise<{ status: string; active: number }> {
  const home = (dir = mkdtempSync(join(tmpdir(), 'ckpt-perms-share-cached-')));
  let active = 0;
  ui = await startUi({
    demo: { projects: PROJECTS, latencyMs: 200 },
    readAhead: true,
    size: { columns: 120, rows: 30 },
    prepare: (store, demo) => {
      const scope = organizationScope(demo.baseUrl, undefined, demo.adminKey);
      const cache = fileDirectoryCache(directoryCacheFile({ XDG_CACHE_HOME: home }, scope), scope);
      const projects = demo.state
        .projects()
        .slice(0, cached)
        .map((p) => ({ id: p.id, name: p.name ?? '', archived: p.status === 'archived' }));
      active = projects.filter((p) => !p.archived).length;
      cache.save(projects, whole ? undefined : projects.at(-1)!.id);
      attachDirectoryCache(store, cache);
    },
  });
  ui.store.getState().openCheckpoint(ui.demo.checkpoints[0]!);
  await ui.waitForFrame((f) => /^Page 1 · /m.test(f) && !f.includes('loading…'), SLOW);
  await ui.press('a');
  const frame = await ui.waitForFrame((f) => /projects · refreshing|loaded so far · loading…/.test(statusOf(f)), SLOW);
  expect(ui.store.getState().directory.status).toBe('loading');
  return { status: statusOf(frame), active };
}

describe('the share screen on a cached directory', () => {
  it('a whole one: `N projects · refreshing`, every cached project listed', async () => {
    const { status, active } = await shareFrom(PROJECTS, true);
    expect(status).toMatch(/ ([\d,]+) projects · refreshing/);
    expect(number(/ ([\d,]+) projects · refreshing/.exec(status)![1]!)).toBe(active);
    expect(status).not.toMatch(/loaded so far/);
  });

  it('one a walk cut short left: `N loaded so far · loading…` from the cached count, not refreshing', async () => {
    const { status, active } = await shareFrom(1_000, false);
    expect(number(/([\d,]+) loaded so far · loading…/.exec(status)![1]!)).toBeGreaterThanOrEqual(active);
    expect(status).not.toMatch(/refreshing/);
  });
});
