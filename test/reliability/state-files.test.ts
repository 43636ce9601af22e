// The state and cache files: a FIFO (or anything but a regular file) where recent.json or the directory cache should
// be is never read, so neither Tab nor the UI hangs on it; and their directories are private (0700), also when they
// were there before with a looser mode.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test, type TestContext } from 'vitest';
import { directoryCacheFile, fileDirectoryCache } from '../../src/ops/directory-cache';
import { fileRecent, recentFilePath } from '../../src/store/recent';
import { organizationScope } from '../../src/store/scope';
import { runCli } from '../helpers/cli';
import { closeAll, spawnTerminal, startDemoServerProcess } from '../helpers/pty';
import { countAs } from './figures';

afterEach(closeAll);

function tempDir(ctx: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'ckpt-state-'));
  ctx.onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const SCOPE = '0123456789abcdef0123456789abcdef';

describe('a FIFO at a state or cache path is ignored', () => {
  test('__complete with a FIFO at recent.json answers at once, with no candidates', async (ctx) => {
    countAs(ctx, 'bad-input');
    const home = tempDir(ctx);
    const env = { HOME: home, XDG_STATE_HOME: join(home, 'state') };
    mkdirSync(join(home, 'state', 'ckpt-perms'), { recursive: true });
    execFileSync('mkfifo', [recentFilePath(env)]);
    // Reading the FIFO would wait for a writer for ever: the child is killed at the ceiling and the test fails.
    const result = await runCli(['__complete', 'list', '--fine-tuned-model-checkpoint', ''], env, 20_000).catch((error: Error) => ({
      code: -1,
      stdout: '',
      stderr: `killed: ${error.message}`,
    }));
    expect(result).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(statSync(recentFilePath(env)).isFIFO()).toBe(true);
  });

  test('the UI with FIFOs at recent.json and at the directory cache draws its table', async (ctx) => {
    countAs(ctx, 'bad-input');
    const home = tempDir(ctx);
    const server = await startDemoServerProcess();
    const env = { HOME: home, XDG_STATE_HOME: join(home, 'state'), XDG_CACHE_HOME: join(home, 'cache') };
    const cache = directoryCacheFile(env, organizationScope(server.baseUrl, undefined, server.adminKey));
    for (const file of [recentFilePath(env), cache]) {
      mkdirSync(join(file, '..'), { recursive: true });
      execFileSync('mkfifo', [file]);
    }
    const term = spawnTerminal({
      args: [server.checkpoints[0]!, '--base-url', server.baseUrl, '--admin-api-key', server.adminKey],
      env,
      cols: 120,
      rows: 30,
    });
    await term.waitFor(/^Page 1 · /m, { timeoutMs: 20_000 });
  });

  test('a FIFO at either file loads as nothing, without blocking', (ctx) => {
    countAs(ctx, 'bad-input');
    const dir = tempDir(ctx);
    const fifo = join(dir, 'fifo.json');
    execFileSync('mkfifo', [fifo]);
    // With no writer, an open that blocked would hang this test: the O_NONBLOCK open and the type check come first.
    expect(fileRecent(fifo, SCOPE).load()).toEqual([]);
    expect(fileDirectoryCache(fifo, SCOPE).load()).toBeUndefined();
  });
});

describe('the state and cache directories are 0700', () => {
  test('made 0755 beforehand: tightened to 0700 when the files are written', (ctx) => {
    countAs(ctx, 'leak');
    const home = tempDir(ctx);
    const env = { HOME: home, XDG_STATE_HOME: join(home, 'state'), XDG_CACHE_HOME: join(home, 'cache') };
    const recent = recentFilePath(env);
    const cache = directoryCacheFile(env, SCOPE);
    for (const file of [recent, cache]) {
      mkdirSync(join(file, '..'), { recursive: true });
      chmodSync(join(file, '..'), 0o755);
    }
    fileRecent(recent, SCOPE).save(['ft:gpt-4o-mini-2024-07-18:org:weather:B7R9VjQd']);
    fileDirectoryCache(cache, SCOPE).save([{ id: 'proj_abc', name: 'Sales', archived: false }]);
    for (const file of [recent, cache]) {
      expect(statSync(file).mode & 0o777, file).toBe(0o600);
      expect(statSync(join(file, '..')).mode & 0o777, join(file, '..')).toBe(0o700);
    }
  });

  test('made by the tool: 0700 whatever the umask', (ctx) => {
    countAs(ctx, 'leak');
    const home = tempDir(ctx);
    const env = { HOME: home };
    fileRecent(recentFilePath(env), SCOPE).save(['ft:gpt-4o-mini-2024-07-18:org:weather:B7R9VjQd']);
    expect(statSync(join(recentFilePath(env), '..')).mode & 0o777).toBe(0o700);
  });
});
