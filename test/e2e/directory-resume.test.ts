// A second start after a short first one is warm for everything the first one saw (issue 27 item 1): the built binary
// in a pty against the demo API with 10,000 projects at 300 ms; the first run quits soon after its first names, the
// second lists the cached projects on the share screen at once and walks on after the cursor the first one left.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { directoryCacheFile, fileDirectoryCache } from '../../src/ops/directory-cache';
import { organizationScope } from '../../src/store/scope';
import { useDemoCli } from '../helpers/demo-cli';
import { KEYS } from '../helpers/keys';
import { closeAll, spawnTerminal } from '../helpers/pty';
import { waitFor } from '../helpers/wait';

let home: string | undefined;
afterEach(async () => {
  await closeAll();
  if (home) rmSync(home, { recursive: true, force: true });
  home = undefined;
});

const demo = useDemoCli({ projects: 10_000, latencyMs: 300 });
const count = (text: string) => Number(text.replaceAll(',', ''));

type Term = ReturnType<typeof spawnTerminal>;
const quits: [string, (term: Term) => Promise<void> | void][] = [
  ['q', (term) => term.press('q')],
  ['SIGTERM', (term) => term.kill('SIGTERM')],
];

describe('the project directory after a short first start', () => {
  it.each(quits)('first names, %s; start again: share lists every cached project at once, and the walk resumes', async (_, quit) => {
    const { server } = demo;
    const dir = (home = mkdtempSync(join(tmpdir(), 'ckpt-perms-resume-')));
    const env = { XDG_STATE_HOME: join(dir, 'state'), XDG_CACHE_HOME: join(dir, 'cache'), OPENAI_ADMIN_KEY: server.adminKey };
    const scope = organizationScope(server.baseUrl, undefined, server.adminKey);
    const cache = fileDirectoryCache(directoryCacheFile(env, scope), scope);
    const start = () => spawnTerminal({ args: [server.checkpoints[0]!, '--base-url', server.baseUrl], env, cols: 120, rows: 32 });
    const projectQueries = () => server.requests.filter((r) => r.method === 'GET' && r.path === '/v1/organization/projects');

    const mark = projectQueries().length;
    const first = start();
    // The first names: the table named, and a page of the directory answered.
    await first.waitFor((screen) => /^Page 1 · 1–/m.test(screen) && !screen.includes('loading…'));
    await waitFor(
      () =>
        projectQueries()
          .slice(mark)
          .some((r) => r.status === 200),
      'a page of projects answered',
    );
    await quit(first);
    await first.waitForExit();
    const cached = cache.load()!;
    expect(cached.projects.length).toBeLessThan(10_000);
    // Every project up to the cursor (and the rows' projects, looked up by id).
    const walked = server.state.projects().map((p) => p.id);
    const upTo = walked.indexOf(cached.cursor!);
    expect(upTo).toBeGreaterThanOrEqual(99);
    const ids = new Set(cached.projects.map((p) => p.id));
    expect(walked.slice(0, upTo + 1).filter((id) => !ids.has(id))).toEqual([]);
    const activeCached = cached.projects.filter((p) => !p.archived).length;

    const again = projectQueries().length;
    const second = start();
    await second.waitFor(/^Page 1 · 1–/m);
    await second.press('a');
    const screen = await second.waitFor(/([\d,]+) loaded so far · loading…/);
    // Every project the first run saw, on the share screen's first frame; the walk goes on, it does not refresh yet.
    expect(count(/([\d,]+) loaded so far · loading…/.exec(screen)![1]!), second.describe()).toBeGreaterThanOrEqual(activeCached);
    expect(screen).not.toMatch(/ projects · refreshing/);
    await waitFor(() => projectQueries().length > again, 'the second start’s first projects request');
    expect(projectQueries()[again]!.query).toEqual({ include_archived: 'true', after: cached.cursor, limit: '100' });
    await second.press(KEYS.ctrlC);
    await second.waitForExit();
  });
});
