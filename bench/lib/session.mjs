// A bench run's shared set-up: the bundles, a state directory of the run's own, the children's environment, the
// demo server of 10,000 permissions, and the two ways a child is timed (to its exit, to a screen under a pty).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleLikeProduct } from './build-options.mjs';
import { onCleanup } from './cleanup.mjs';
import { COLS, ROWS, ms, now, progress } from './common.mjs';
import { Terminal } from './terminal.mjs';

/** Bundles the baselines and entries, then hands the figures what they share (see bench/figures/). */
export async function openSession(root) {
  const CLI = join(root, 'dist/cli.js');
  const BUILD = join(root, 'bench/.build');
  const stateDir = mkdtempSync(join(tmpdir(), 'ckpt-perms-bench-'));
  onCleanup(() => rmSync(stateDir, { recursive: true, force: true }));
  mkdirSync(BUILD, { recursive: true });

  function childEnv(extra = {}) {
    const env = {};
    for (const [name, value] of Object.entries(process.env)) {
      if (!/^OPENAI_|_PROXY$|^NO_PROXY$|^CI$|^CONTINUOUS_INTEGRATION$/i.test(name)) env[name] = value;
    }
    // A cache directory of the run's own: never the user's, and cold unless a figure fills it.
    return { ...env, TERM: 'xterm-256color', XDG_STATE_HOME: stateDir, XDG_CACHE_HOME: join(stateDir, 'cache'), ...extra };
  }

  /** Spawn → exit of `node ...args`, in ms; stdout to `stdout` (a fd, 'ignore' or 'pipe'). */
  function timeToExit(args, { stdout = 'ignore', env = childEnv() } = {}) {
    return new Promise((resolve, reject) => {
      const started = now();
      const child = spawn(process.execPath, args, { stdio: ['ignore', stdout, 'pipe'], env, cwd: root });
      const stop = onCleanup(() => child.kill('SIGKILL'));
      let err = '';
      let out = '';
      let exitedAt;
      let code;
      child.stderr.on('data', (chunk) => (err += chunk));
      child.stdout?.on('data', (chunk) => (out += chunk));
      child.once('exit', (c, signal) => {
        exitedAt = now();
        code = c ?? signal;
      });
      child.once('error', reject);
      child.once('close', () => {
        stop();
        if (code !== 0) reject(new Error(`node ${args.join(' ')} ended with ${code}: ${err.slice(0, 2000)}`));
        else resolve({ ms: ms(exitedAt - started), out });
      });
    });
  }

  /** Spawn → the first screen that satisfies `test`, under a 100×30 pty; the program is then closed. */
  async function timeToScreen(args, test, what) {
    const terminal = new Terminal({ args, env: childEnv(), cwd: root, cols: COLS, rows: ROWS });
    const stop = onCleanup(() => terminal.close());
    try {
      const { at } = await terminal.waitFor(test, { what });
      return ms(at - terminal.startedAt);
    } finally {
      await stop();
    }
  }

  progress('bundling the baselines and in-process entries with the product’s esbuild options (scripts/build-options.mjs)…');
  const built = {
    minimal: await bundleLikeProduct(root, join(root, 'bench/entries/minimal.jsx'), join(BUILD, 'minimal.mjs')),
    demo: await bundleLikeProduct(root, join(root, 'src/demo/server.ts'), join(BUILD, 'demo.mjs')),
    ui: await bundleLikeProduct(root, join(root, 'bench/entries/ui.js'), join(BUILD, 'ui.mjs')),
    listUndici: await bundleLikeProduct(root, join(root, 'bench/scripts/list-undici.mjs'), join(BUILD, 'list-undici.mjs')),
    listSdk: await bundleLikeProduct(root, join(root, 'bench/scripts/list-sdk.mjs'), join(BUILD, 'list-sdk.mjs')),
  };
  const demo = await import(pathToFileURL(built.demo).href);

  let server10k;
  /** The demo server with 10,000 permissions, started once for the figures that list or page through them. */
  async function bigServer() {
    if (!server10k) {
      server10k = await demo.startDemoServer({ permissions: 10_000 });
      onCleanup(() => server10k.close());
    }
    return server10k;
  }

  return { root, CLI, stateDir, built, demo, bigServer, childEnv, timeToExit, timeToScreen };
}
