// The commands that read the organization's whole project list use the UI's directory cache file: the built binary
// against the demo API writes the file after a first run, reads the list in segments cut at its ids the next time
// (the cut ids show in the demo's log as `after`), and prints the same bytes either way; --no-cache neither reads nor
// writes it.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { directoryCacheFile, fileDirectoryCache } from '../../src/ops/directory-cache';
import { cutsOf } from '../../src/ops/directory-segments';
import { scopeOf } from '../../src/store/scope';
import { runCli } from '../helpers/cli';
import { useDemoCli } from '../helpers/demo-cli';
import { homeVars } from '../helpers/env';

const demo = useDemoCli({ permissions: 300, projects: 1_000 });
const homes: string[] = [];

afterEach(() => {
  for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
});

/** A home of its own: no cache file until a run writes one. */
function freshHome(): { env: Record<string, string>; file: string; scope: string } {
  const home = mkdtempSync(join(tmpdir(), 'ckpt-perms-dircache-'));
  homes.push(home);
  const env = { ...demo.env, HOME: home };
  const scope = scopeOf({ baseURL: demo.server.baseUrl, adminApiKey: demo.server.adminKey })!;
  return { env, file: directoryCacheFile(homeVars(home), scope), scope };
}

/** The `after` of each project list request since `from`, in the order they came ('' for none). */
function projectListsAfter(from: number): string[] {
  return demo.server.requests.slice(from).flatMap((r) => (r.path === '/v1/organization/projects' ? [r.query.after ?? ''] : []));
}

/** One way: from the start, each request after the last project of the page before. */
const oneWay = (ids: string[]) => ['', ...ids.filter((_, i) => i % 100 === 99 && i < ids.length - 1)];

const COMMANDS: [string, (checkpoint: string) => string[]][] = [
  ['export --format json', (checkpoint) => ['export', checkpoint, '--format', 'json']],
  ['export --format csv', (checkpoint) => ['export', checkpoint, '--format', 'csv']],
  ['dump', (checkpoint) => ['dump', checkpoint]],
  ['sync --dry-run', (checkpoint) => ['sync', '--from', checkpoint, '--to', demo.server.checkpoints[1]!, '--dry-run']],
];

describe.each(COMMANDS)('%s', (_, argsFor) => {
  it('prints the same bytes with and without the cache file; the first run writes it, the second reads in segments', async () => {
    const { env, file, scope } = freshHome();
    const args = argsFor(demo.server.checkpoints[0]!);
    const ids = demo.server.state.projects().map((p) => p.id);

    let mark = demo.server.requests.length;
    const cold = await runCli(args, env);
    expect(cold.stderr).toBe('');
    expect(cold.code).toBe(0);
    expect(projectListsAfter(mark)).toEqual(oneWay(ids));
    // Written whole, in the API's order, as the UI writes it.
    const cached = fileDirectoryCache(file, scope).load();
    expect(cached?.cursor).toBeUndefined();
    expect(cached?.projects.map((p) => p.id)).toEqual(ids);

    mark = demo.server.requests.length;
    const warm = await runCli(args, env);
    expect(warm.code).toBe(0);
    expect(warm.stdout).toBe(cold.stdout);
    // The four segments asked at once: the cut ids among the first four requests, and no request more than one way.
    const warmAfters = projectListsAfter(mark);
    expect(warmAfters.slice(0, 4)).toEqual(expect.arrayContaining(['', ...cutsOf(ids)]));
    expect(warmAfters.sort()).toEqual(oneWay(ids).sort());

    mark = demo.server.requests.length;
    const noCache = await runCli([...args, '--no-cache'], env);
    expect(noCache.code).toBe(0);
    expect(noCache.stdout).toBe(cold.stdout);
    expect(projectListsAfter(mark)).toEqual(oneWay(ids));
  });

  it('--no-cache writes no file', async () => {
    const { env, file } = freshHome();
    const result = await runCli([...argsFor(demo.server.checkpoints[0]!), '--no-cache'], env);
    expect(result.code).toBe(0);
    expect(existsSync(file)).toBe(false);
  });
});
