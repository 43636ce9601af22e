#!/usr/bin/env node
// npm run bench: how fast and lean ckpt-perms is, each figure a ratio to a baseline measured in the same
// session, alternately (A B A B …) so machine noise hits both sides. See bench/README.md.
//
//   node bench/run.mjs [--json] [--check] [--only version,startup,table,list,flip,memory,bulk,scale]
//
// Prints a table (or, with --json, one JSON object) of medians; exit code 0 even when a budget fails
// (it is a report) unless --check is given; 1 when a figure could not be measured at all.
import { spawn, execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { bundleLikeProduct } from './lib/build-options.mjs';
import { FakeStdin, FakeStdout } from './lib/fake-tty.mjs';
import { KEYS, Terminal } from './lib/terminal.mjs';

const began = process.hrtime.bigint();
const root = fileURLToPath(new URL('..', import.meta.url));
const BUILD = join(root, 'bench/.build');
const CLI = join(root, 'dist/cli.js');

const { values: flags } = parseArgs({
  options: { json: { type: 'boolean' }, check: { type: 'boolean' }, only: { type: 'string' } },
});
const SECTIONS = ['version', 'startup', 'table', 'list', 'flip', 'memory', 'bulk', 'scale'];
const only = flags.only ? new Set(flags.only.split(',').map((s) => s.trim())) : new Set(SECTIONS);
for (const name of only) if (!SECTIONS.includes(name)) throw new Error(`--only: unknown section ${name} (one of ${SECTIONS.join(', ')})`);

/** Repetitions: sized so the whole run stays well under 5 minutes on 2 cores. */
const REPS = {
  version: 20, // pairs
  startup: 15, // pairs
  table: 15, // pairs
  list: 5, // rounds of every listing program
  flipsUncached: 30, // new pages
  flipsCached: 25, // pairs of (cached page flip, plain re-render)
  bulk: 3, // pairs of (bulk revoke of 200, 200 deletes in a row)
  names: 5, // cold starts on 10,000 projects at 300 ms
  flipsForward: 10, // forward flips after a one-second pause, 300 ms latency
  shareWarm: 5, // warm starts, then the share screen
  shareKeys: 20, // characters typed into the share field, alternately with cached page flips
};
/** The API's latency and the organization of the scale figures. */
const SCALE_LATENCY_MS = 300;
const SCALE_ORG = { projects: 10_000, permissions: 10_000 };
/** Idle time before a key in the in-process UI: more than Ink's 30 fps render throttle, as between a person's key presses. */
const PACE_MS = 60;
const COLS = 100;
const ROWS = 30;

// Ink (in this process for the in-process figures, and in the children) draws only the last frame
// when it thinks it runs in CI, and chalk drops colours when any CI variable is set.
for (const name of ['CI', 'CONTINUOUS_INTEGRATION']) delete process.env[name];

const progress = (text) => process.stderr.write(`bench: ${text}\n`);
const ms = (ns) => Number(ns) / 1e6;
const now = () => process.hrtime.bigint();
const sleep = (t) => new Promise((resolve) => setTimeout(resolve, t));
const tick = () => new Promise((resolve) => setImmediate(resolve));

// ---- everything started here is stopped here, whatever happens ----
const cleanups = new Set();
/** Registers `fn` to run at the end (or on Ctrl+C); returns a function that runs it now, once. */
function onCleanup(fn) {
  let done = false;
  const once = async () => {
    if (done) return;
    done = true;
    cleanups.delete(once);
    await fn();
  };
  cleanups.add(once);
  return once;
}
async function cleanupAll() {
  const all = [...cleanups].reverse();
  cleanups.clear();
  for (const fn of all) {
    try {
      await fn();
    } catch {
      // Best effort: the rest must still run.
    }
  }
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    progress(`${signal}: stopping every child and server`);
    void cleanupAll().then(() => process.exit(130));
  });
}

// ---- statistics ----
const sorted = (xs) => [...xs].sort((a, b) => a - b);
function median(xs) {
  const s = sorted(xs);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
/** Nearest-rank percentile. */
function percentile(xs, p) {
  const s = sorted(xs);
  return s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)];
}
const round = (x, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;
/** How steady a ratio is: the ratio within each pair (A_i ÷ B_i), its median and range, and the raw times. */
function pairs(as, bs) {
  const ratios = as.map((a, i) => a / bs[i]);
  return {
    pair_ratio: { median: round(median(ratios)), min: round(Math.min(...ratios)), max: round(Math.max(...ratios)) },
    samples_ms: { a: as.map((x) => round(x, 2)), b: bs.map((x) => round(x, 2)) },
  };
}

// ---- the figures ----
const BUDGETS = {
  startup_ratio: { op: '<=', budget: 1.25 },
  table_ratio: { op: '<=', budget: 1.6 },
  version_ratio: { op: '<=', budget: 1.5 },
  list_all_ratio: { op: '<=', budget: 1.15 },
  list_all_vs_sdk: { op: '<=', budget: 0.9 },
  requests_10k: { op: '=', budget: 100 },
  page_flip_cached_ratio: { op: '<=', budget: 2 },
  page_flip_uncached: { op: 'report', unit: 'ms' },
  memory_ratio: { op: '<=', budget: 1.3 },
  bulk_revoke_ratio: { op: '<=', budget: 0.3 },
  names_ratio: { op: '<=', budget: 1.6 },
  flip_forward_ratio: { op: '<=', budget: 0.2 },
  share_warm_ratio: { op: '<=', budget: 1.5 },
  share_filter_ratio: { op: '<=', budget: 2 },
  page_requests_per_page: { op: '<=', budget: 2 },
  // Not budgeted: the listing against the baselines run as plain, unbundled scripts.
  list_all_ratio_unbundled: { op: 'report' },
  list_all_vs_sdk_unbundled: { op: 'report' },
};
const figures = {};
function setFigure(name, value, detail, extra = {}) {
  const { op, budget, unit } = BUDGETS[name];
  const pass = op === 'report' ? null : op === '=' ? value === budget : value <= budget;
  figures[name] = { value: round(value), op, budget: budget ?? null, unit: unit ?? 'ratio', pass, detail, ...extra };
}
function failFigures(names, error) {
  for (const name of names) {
    const { op, budget, unit } = BUDGETS[name];
    figures[name] = { value: null, op, budget: budget ?? null, unit: unit ?? 'ratio', pass: false, error: String(error?.stack ?? error) };
  }
}

// ---- children ----
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

/** n pairs of (a, b), alternately, after one warm-up pair that is not counted. */
async function alternate(n, a, b, { warmup = true } = {}) {
  if (warmup) {
    await a(-1);
    await b(-1);
  }
  const as = [];
  const bs = [];
  for (let i = 0; i < n; i++) {
    as.push(await a(i));
    bs.push(await b(i));
  }
  return { as, bs };
}

const hasLine = (lines, text) => lines.some((line) => line.includes(text));
const tableShown = (page) => (lines) =>
  lines.some((line) => line.includes(`Page ${page} ·`) && !line.includes('loading…')) && lines.some((line) => line.includes('cp_'));

// ---- set-up: bundles and shared state ----
if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build (npm run bench does)`);
// The binary measured: a rebuild during the run (someone else's npm run build) would mix two builds.
const cliAtStart = statSync(CLI);
const stateDir = mkdtempSync(join(tmpdir(), 'ckpt-perms-bench-'));
onCleanup(() => rmSync(stateDir, { recursive: true, force: true }));
mkdirSync(BUILD, { recursive: true });

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
async function bigServer() {
  if (!server10k) {
    server10k = await demo.startDemoServer({ permissions: 10_000 });
    onCleanup(() => server10k.close());
  }
  return server10k;
}

// ---- version_ratio ----
async function benchVersion() {
  const version = execFileSync(process.execPath, [CLI, '--version'], { env: childEnv(), encoding: 'utf8' }).trim();
  const expected = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  if (!version.includes(expected)) throw new Error(`--version printed ${JSON.stringify(version)}, not ${expected}`);
  const { as, bs } = await alternate(
    REPS.version,
    async () => (await timeToExit([CLI, '--version'])).ms,
    async () => (await timeToExit(['-e', '0'])).ms,
  );
  const a = median(as);
  const b = median(bs);
  setFigure('version_ratio', a / b, `--version ${a.toFixed(1)} ms ÷ node -e 0 ${b.toFixed(1)} ms (medians of ${REPS.version} pairs)`, {
    median_ms: { ckpt_perms: round(a, 1), node_e_0: round(b, 1) },
    runs: REPS.version,
    ...pairs(as, bs),
  });
}

// ---- startup_ratio and table_ratio ----
const minimalShown = (lines) => hasLine(lines, 'minimal ink app ready');

async function benchStartup() {
  const { as, bs } = await alternate(
    REPS.startup,
    () => timeToScreen([CLI, '--demo'], (lines) => hasLine(lines, 'Pick a checkpoint'), 'the picker'),
    () => timeToScreen([built.minimal], minimalShown, 'the minimal app'),
  );
  const a = median(as);
  const b = median(bs);
  setFigure(
    'startup_ratio',
    a / b,
    `--demo picker ${a.toFixed(1)} ms ÷ minimal Ink ${b.toFixed(1)} ms (medians of ${REPS.startup} pairs)`,
    {
      median_ms: { picker: round(a, 1), minimal_ink: round(b, 1) },
      runs: REPS.startup,
      ...pairs(as, bs),
    },
  );
}

async function demoLargestCheckpoint() {
  const server = await demo.startDemoServer();
  try {
    return server.checkpoints[0];
  } finally {
    await server.close();
  }
}

async function benchTable() {
  const largest = await demoLargestCheckpoint();
  const { as, bs } = await alternate(
    REPS.table,
    () => timeToScreen([CLI, '--demo', largest], tableShown(1), 'the table with rows'),
    () => timeToScreen([built.minimal], minimalShown, 'the minimal app'),
  );
  const a = median(as);
  const b = median(bs);
  setFigure(
    'table_ratio',
    a / b,
    `--demo <largest> rows ${a.toFixed(1)} ms ÷ minimal Ink ${b.toFixed(1)} ms (medians of ${REPS.table} pairs)`,
    {
      median_ms: { table: round(a, 1), minimal_ink: round(b, 1) },
      runs: REPS.table,
      checkpoint: largest,
      ...pairs(as, bs),
    },
  );
}

// ---- list_all_ratio, list_all_vs_sdk, requests_10k ----
async function benchList() {
  const server = await bigServer();
  const checkpoint = server.checkpoints[0];
  const env = childEnv({ BENCH_ADMIN_KEY: server.adminKey });
  const programs = {
    ckpt_perms: [CLI, 'list', checkpoint, '--max-items', '-1', '--base-url', server.baseUrl, '--admin-api-key', server.adminKey],
    undici: [built.listUndici, server.baseUrl, checkpoint],
    sdk: [built.listSdk, server.baseUrl, checkpoint],
    undici_unbundled: [join(root, 'bench/scripts/list-undici.mjs'), server.baseUrl, checkpoint],
    sdk_unbundled: [join(root, 'bench/scripts/list-sdk.mjs'), server.baseUrl, checkpoint],
  };

  // Once, output read back: every program must print the same 10,000 permissions, or the comparison means nothing.
  let reference;
  for (const [name, args] of Object.entries(programs)) {
    const before = server.requests.length;
    const { out } = await timeToExit(args, { stdout: 'pipe', env });
    const envelope = JSON.parse(out);
    if (envelope.data.length !== 10_000) throw new Error(`${name} listed ${envelope.data.length} permissions, not 10000`);
    const ids = envelope.data.map((p) => p.id).join(',');
    reference ??= ids;
    if (ids !== reference) throw new Error(`${name} listed other permissions (or another order) than ckpt-perms`);
    if (name === 'ckpt_perms' && server.requests.length - before !== 100)
      progress(`note: ckpt-perms made ${server.requests.length - before} requests`);
  }

  const devNull = openSync('/dev/null', 'w');
  try {
    const times = Object.fromEntries(Object.keys(programs).map((name) => [name, []]));
    const requestCounts = [];
    for (let r = -1; r < REPS.list; r++) {
      for (const [name, args] of Object.entries(programs)) {
        const before = server.requests.length;
        const { ms: t } = await timeToExit(args, { stdout: devNull, env });
        if (name === 'ckpt_perms') requestCounts.push(server.requests.length - before);
        if (r >= 0) times[name].push(t);
      }
    }
    const m = Object.fromEntries(Object.entries(times).map(([name, xs]) => [name, median(xs)]));
    const median_ms = Object.fromEntries(Object.entries(m).map(([name, x]) => [name, round(x, 1)]));
    const runs = REPS.list;
    const vs = (name) => pairs(times.ckpt_perms, times[name]);
    setFigure(
      'list_all_ratio',
      m.ckpt_perms / m.undici,
      `ckpt-perms ${m.ckpt_perms.toFixed(0)} ms ÷ undici loop ${m.undici.toFixed(0)} ms (bundled; medians of ${runs} rounds)`,
      { median_ms, runs, ...vs('undici') },
    );
    setFigure(
      'list_all_vs_sdk',
      m.ckpt_perms / m.sdk,
      `ckpt-perms ${m.ckpt_perms.toFixed(0)} ms ÷ openai SDK ${m.sdk.toFixed(0)} ms (bundled; medians of ${runs} rounds)`,
      { median_ms, runs, ...vs('sdk') },
    );
    setFigure(
      'list_all_ratio_unbundled',
      m.ckpt_perms / m.undici_unbundled,
      `÷ the undici loop run as a plain script ${m.undici_unbundled.toFixed(0)} ms`,
      { median_ms, runs, ...vs('undici_unbundled') },
    );
    setFigure(
      'list_all_vs_sdk_unbundled',
      m.ckpt_perms / m.sdk_unbundled,
      `÷ the SDK script run as a plain script ${m.sdk_unbundled.toFixed(0)} ms`,
      { median_ms, runs, ...vs('sdk_unbundled') },
    );
    const counts = [...new Set(requestCounts)];
    setFigure('requests_10k', median(requestCounts), `requests per listing of 10,000 in the demo server's log: ${counts.join(', ')}`, {
      counts: requestCounts,
    });
  } finally {
    closeSync(devNull);
  }
}

// ---- page_flip_cached_ratio, page_flip_uncached (in-process) ----
async function benchFlip() {
  const ui = await import(pathToFileURL(built.ui).href);
  const server = await bigServer();
  const checkpoint = server.checkpoints[0];
  const client = ui.createClient({ baseURL: server.baseUrl, adminApiKey: server.adminKey, apiKey: server.apiKey });
  const pageSize = ui.pageSizeFor(ROWS);
  const store = ui.createAppStore({ client, recent: ui.memoryRecent(), pageSize });
  const stdout = new FakeStdout(COLS, ROWS);
  const stderr = new FakeStdout(COLS, ROWS);
  const stdin = new FakeStdin();
  let renders = 0;
  let lastRenderAt = 0n;
  const connected = { store, session: { host: new URL(server.baseUrl).host, keyLabel: 'sk-admin-…demo', demo: true } };
  const tree = () => ui.createElement(ui.App, { connected, host: new URL(server.baseUrl).host, theme: ui.themeFor(childEnv()) });
  store.getState().openCheckpoint(checkpoint);
  // The options of launch-ui.tsx (no debug mode: Ink throttles and diffs frames as it does for a user).
  const instance = ui.render(tree(), {
    stdout,
    stderr,
    stdin,
    exitOnCtrlC: true,
    patchConsole: false,
    onRender: () => {
      renders++;
      lastRenderAt = now();
    },
  });
  const stop = onCleanup(async () => {
    instance.unmount();
    store.getState().dispose();
    await client.close();
  });
  const idle = async (what) => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const s = store.getState();
      if (s.page && !s.loading && s.directory.status !== 'loading') return;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(2);
    }
  };
  const frameOf = (page) => (text) => text.includes(`Page ${page} ·`) && !text.includes('loading…') && text.includes('cp_');
  /** Key → the frame showing `page`: { write: ms to the frame's write, render: ms to the Ink render that made it, renders, requests }. */
  const flip = async (key, page) => {
    await sleep(PACE_MS);
    const requestsBefore = server.requests.length;
    const rendersBefore = renders;
    let renderedAt;
    const isFrame = frameOf(page);
    const frame = stdout.nextWrite(
      (text) => {
        if (!isFrame(text)) return false;
        // The Ink render that produced this write (its onRender ran just before the write).
        renderedAt = lastRenderAt;
        return true;
      },
      10_000,
      `page ${page}`,
    );
    const started = now();
    stdin.write(key);
    const { at } = await frame;
    await idle(`page ${page}`);
    return {
      write: ms(at - started),
      render: ms(renderedAt - started),
      renders: renders - rendersBefore,
      requests: server.requests.length - requestsBefore,
    };
  };

  try {
    await stdout.nextWrite(frameOf(1), 15_000, 'the first page');
    await idle('the first page and the project names');
    await sleep(200);

    // New pages: each asks the API (0 ms latency).
    const uncached = [];
    let page = 1;
    for (let i = 0; i < REPS.flipsUncached; i++) uncached.push(await flip(KEYS.right, ++page));
    const uncachedMs = uncached.map((f) => f.write);
    if (uncached.some((f) => f.requests === 0)) progress('note: an uncached page flip made no request');

    // Back through pages seen moments ago (cached), alternately with a plain re-render of the same table.
    const cached = [];
    const rerenders = [];
    for (let i = 0; i < REPS.flipsCached; i++) {
      cached.push(await flip(KEYS.left, --page));
      await sleep(PACE_MS);
      const before = renders;
      const started = now();
      instance.rerender(tree());
      while (renders === before) await tick();
      rerenders.push(ms(lastRenderAt - started));
    }
    const cachedRequests = cached.reduce((sum, f) => sum + f.requests, 0);
    const flipRender = median(cached.map((f) => f.render));
    const flipWrite = median(cached.map((f) => f.write));
    const rerender = median(rerenders);
    setFigure(
      'page_flip_cached_ratio',
      flipRender / rerender,
      `← to a visited page ${flipRender.toFixed(2)} ms ÷ re-render ${rerender.toFixed(2)} ms (to Ink's render; medians of ${REPS.flipsCached} pairs; ${cachedRequests} requests)`,
      {
        median_ms: { cached_flip_to_render: round(flipRender, 3), cached_flip_to_write: round(flipWrite, 3), rerender: round(rerender, 3) },
        renders_per_cached_flip: median(cached.map((f) => f.renders)),
        ...pairs(
          cached.map((f) => f.render),
          rerenders,
        ),
        requests_during_cached_flips: cachedRequests,
        page_size: pageSize,
        runs: REPS.flipsCached,
      },
    );
    setFigure(
      'page_flip_uncached',
      percentile(uncachedMs, 95),
      `→ to a new page, p95 of ${REPS.flipsUncached} (median ${median(uncachedMs).toFixed(1)} ms; 0 ms API latency)`,
      {
        median_ms: round(median(uncachedMs), 2),
        p95_ms: round(percentile(uncachedMs, 95), 2),
        renders_per_flip: median(uncached.map((f) => f.renders)),
        samples_ms: uncachedMs.map((x) => round(x, 2)),
        runs: REPS.flipsUncached,
      },
    );
  } finally {
    await stop();
  }
}

// ---- memory_ratio (the binary under a pty) ----
function procStatus(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

async function benchMemory() {
  const server = await bigServer();
  const checkpoint = server.checkpoints[0];
  const terminal = new Terminal({
    args: [CLI, '--base-url', server.baseUrl, checkpoint],
    env: childEnv({ OPENAI_ADMIN_KEY: server.adminKey }),
    cwd: root,
    cols: COLS,
    rows: ROWS,
  });
  const stop = onCleanup(() => terminal.close());
  try {
    let { lines } = await terminal.waitFor(tableShown(1), { what: 'the first page' });
    const first = procStatus(terminal.pid);
    let page = 1;
    const started = now();
    while (!lines.some((line) => line.includes(`Page ${page} ·`) && line.includes('· end ·'))) {
      terminal.press(KEYS.right);
      page++;
      ({ lines } = await terminal.waitFor(tableShown(page), { what: `page ${page}`, timeoutMs: 10_000 }));
    }
    const seconds = ms(now() - started) / 1000;
    const last = procStatus(terminal.pid);
    setFigure(
      'memory_ratio',
      last.hwm / first.rss,
      `peak ${(last.hwm / 1024).toFixed(1)} MB after ${page} pages ÷ ${(first.rss / 1024).toFixed(1)} MB at the first table frame`,
      {
        rss_first_table_kb: first.rss,
        hwm_last_page_kb: last.hwm,
        rss_last_page_kb: last.rss,
        pages: page,
        paging_seconds: round(seconds, 1),
      },
    );
  } finally {
    await stop();
  }
}

// ---- bulk_revoke_ratio (in-process store + client) ----
async function benchBulk() {
  const ui = await import(pathToFileURL(built.ui).href);
  const COUNT = 200;
  const server = await demo.startDemoServer({ permissions: COUNT * 2 * REPS.bulk + 100 });
  const closeServer = onCleanup(() => server.close());
  const checkpoint = server.checkpoints[0];
  const client = ui.createClient({ baseURL: server.baseUrl, adminApiKey: server.adminKey, apiKey: server.apiKey });
  const store = ui.createAppStore({ client, recent: ui.memoryRecent(), pageSize: 20 });
  const stop = onCleanup(async () => {
    store.getState().dispose();
    await client.close();
  });
  try {
    store.getState().openCheckpoint(checkpoint);
    const deadline = Date.now() + 10_000;
    while (!(store.getState().page && !store.getState().loading && store.getState().directory.status === 'ready')) {
      if (Date.now() > deadline) throw new Error('timed out waiting for the table');
      await sleep(5);
    }
    const all = [];
    for await (const permission of client.permissions.all(checkpoint)) all.push(permission);
    const chunks = [];
    for (let i = 0; i + COUNT <= all.length - 100; i += COUNT) chunks.push(all.slice(i, i + COUNT));
    server.setLatency(50);

    let outcomesAt = [];
    const { as, bs } = await alternate(
      REPS.bulk,
      async (i) => {
        const targets = chunks[2 * i];
        store.setState({ marks: Object.fromEntries(targets.map((p) => [p.id, p])) });
        store.getState().askRevoke();
        const dialog = store.getState().dialog;
        if (dialog?.kind !== 'revoke' || dialog.targets.length !== COUNT)
          throw new Error(`the revoke dialog holds ${dialog?.targets?.length} targets`);
        let shown;
        const unsubscribe = store.subscribe((s) => {
          if (shown === undefined && s.busy === null) shown = now();
        });
        const started = now();
        await store.getState().confirmRevoke();
        const t = ms(now() - started);
        unsubscribe();
        const outcomes = store.getState().dialog?.outcomes ?? [];
        if (outcomes.length !== COUNT || !outcomes.every((o) => o.ok))
          throw new Error(`bulk revoke: ${outcomes.filter((o) => o.ok).length} of ${COUNT} revoked`);
        store.getState().closeDialog();
        outcomesAt.push(ms(shown - started));
        return t;
      },
      async (i) => {
        const targets = chunks[2 * i + 1];
        const started = now();
        for (const permission of targets) await client.permissions.delete(checkpoint, permission.id);
        return ms(now() - started);
      },
      { warmup: false },
    );
    const a = median(as);
    const b = median(bs);
    setFigure(
      'bulk_revoke_ratio',
      a / b,
      `confirmRevoke of ${COUNT} ${(a / 1000).toFixed(2)} s ÷ ${COUNT} deletes in a row ${(b / 1000).toFixed(2)} s (50 ms latency; medians of ${REPS.bulk} pairs)`,
      {
        median_ms: { confirm_revoke: round(a, 1), outcomes_shown: round(median(outcomesAt), 1), sequential: round(b, 1) },
        runs: REPS.bulk,
        ...pairs(as, bs),
      },
    );
  } finally {
    await stop();
    await closeServer();
  }
}

// ---- names_ratio, flip_forward_ratio, share_warm_ratio, share_filter_ratio, page_requests_per_page (the binary, 300 ms) ----
/** Table rows on screen (a permission id each). */
const rowLines = (lines) => lines.filter((line) => /\bcp_[0-9A-Za-z]{6}/.test(line));
/** Every row of the page has its project's name: none shows the placeholder `…` alone in its cell. */
const rowsNamed = (count) => (lines) => {
  const rows = rowLines(lines);
  return rows.length === count && rows.every((line) => !/\s…\s/.test(line));
};
const pageOnScreen = (page, count) => (lines) =>
  lines.some((line) => line.includes(`Page ${page} ·`) && !line.includes('loading…')) && rowLines(lines).length === count;

async function benchScale() {
  const server = await demo.startDemoServer({ ...SCALE_ORG, latencyMs: SCALE_LATENCY_MS });
  const closeServer = onCleanup(() => server.close());
  const checkpoint = server.checkpoints[0];
  const pageSize = 10;
  const launch = (cacheDir, args = [checkpoint]) =>
    new Terminal({
      args: [CLI, '--base-url', server.baseUrl, '--page-size', String(pageSize), ...args],
      env: childEnv({ OPENAI_ADMIN_KEY: server.adminKey, XDG_CACHE_HOME: cacheDir }),
      cwd: root,
      cols: COLS,
      rows: ROWS,
    });
  const cold = () => mkdtempSync(join(stateDir, 'cold-'));
  try {
    // names_ratio: launch → rows, launch → their names, in the same cold start.
    const rowsAt = [];
    const namesAt = [];
    for (let i = -1; i < REPS.names; i++) {
      const terminal = launch(cold());
      const stop = onCleanup(() => terminal.close());
      try {
        const rows = await terminal.waitFor(pageOnScreen(1, pageSize), { what: 'the first rows' });
        const names = await terminal.waitFor(rowsNamed(pageSize), { what: 'the names of the first rows' });
        if (i >= 0) {
          rowsAt.push(ms(rows.at - terminal.startedAt));
          namesAt.push(ms(names.at - terminal.startedAt));
        }
      } finally {
        await stop();
      }
    }
    const rowsMs = median(rowsAt);
    const namesMs = median(namesAt);
    setFigure(
      'names_ratio',
      namesMs / rowsMs,
      `launch → names of page 1 ${namesMs.toFixed(0)} ms ÷ launch → its rows ${rowsMs.toFixed(0)} ms (10,000 projects, ${SCALE_LATENCY_MS} ms, cold cache; medians of ${REPS.names})`,
      { median_ms: { names: round(namesMs, 1), rows: round(rowsMs, 1) }, runs: REPS.names, ...pairs(namesAt, rowsAt) },
    );

    // flip_forward_ratio and page_requests_per_page: a one-second pause on each page, then →.
    {
      const terminal = launch(cold());
      const stop = onCleanup(() => terminal.close());
      try {
        await terminal.waitFor(rowsNamed(pageSize), { what: 'page 1 with names' });
        const pagePath = `/v1/fine_tuning/checkpoints/${checkpoint}/permissions`;
        const from = server.requests.findLastIndex((r) => r.path === pagePath && r.query.after === undefined);
        const pageRequests = () =>
          server.requests.slice(from).filter((r) => r.method === 'GET' && r.path === pagePath && !r.query.project_id).length;
        const flips = [];
        for (let page = 2; page <= REPS.flipsForward + 1; page++) {
          await sleep(1000);
          const pressed = terminal.press(KEYS.right);
          const { at } = await terminal.waitFor(pageOnScreen(page, pageSize), { what: `page ${page}` });
          flips.push(ms(at - pressed));
        }
        await sleep(1000);
        const shown = REPS.flipsForward + 1;
        const requests = pageRequests();
        const p95 = percentile(flips, 95);
        setFigure(
          'flip_forward_ratio',
          p95 / SCALE_LATENCY_MS,
          `→ to the next page after a 1 s pause, p95 of ${REPS.flipsForward} ${p95.toFixed(1)} ms ÷ ${SCALE_LATENCY_MS} ms API latency (median ${median(flips).toFixed(1)} ms)`,
          { p95_ms: round(p95, 2), median_ms: round(median(flips), 2), samples_ms: flips.map((x) => round(x, 2)), runs: REPS.flipsForward },
        );
        setFigure(
          'page_requests_per_page',
          requests / shown,
          `${requests} page requests for ${shown} pages shown (the next page read ahead: one more at most)`,
          { requests, pages_shown: shown },
        );
      } finally {
        await stop();
      }
    }

    // share_warm_ratio: a warm cache (filled by one run that read the whole directory), launch → rows, then a → the
    // share screen listing all 10,000 active projects.
    const warm = cold();
    {
      server.setLatency(0);
      const terminal = launch(warm);
      const stop = onCleanup(() => terminal.close());
      try {
        await terminal.waitFor(rowsNamed(pageSize), { what: 'the first rows' });
        const deadline = Date.now() + 60_000;
        const written = () =>
          existsSync(join(warm, 'ckpt-perms')) && readdirSync(join(warm, 'ckpt-perms')).some((f) => f.startsWith('projects-'));
        while (!written()) {
          if (Date.now() > deadline) throw new Error('the directory cache was never written');
          await sleep(50);
        }
      } finally {
        await stop();
        server.setLatency(SCALE_LATENCY_MS);
      }
    }
    const active = server.state.projects().filter((p) => p.status === 'active').length;
    const listed = (lines) =>
      lines.some((line) => line.includes(`of ${active} active projects`)) && lines.some((line) => /^[› ](\[ \]| ✓ ) /.test(line));
    const warmRows = [];
    const warmShare = [];
    let shareTerminal;
    for (let i = -1; i < REPS.shareWarm; i++) {
      const terminal = launch(warm);
      const stop = onCleanup(() => terminal.close());
      let keep = false;
      try {
        const rows = await terminal.waitFor(pageOnScreen(1, pageSize), { what: 'the first rows' });
        terminal.press('a');
        const share = await terminal.waitFor(listed, { what: `the share screen listing ${active} projects` });
        if (i >= 0) {
          warmRows.push(ms(rows.at - terminal.startedAt));
          warmShare.push(ms(share.at - terminal.startedAt));
        }
        if (i === REPS.shareWarm - 1) {
          shareTerminal = { terminal, stop };
          keep = true;
        }
      } finally {
        if (!keep) await stop();
      }
    }
    const warmRowsMs = median(warmRows);
    const warmShareMs = median(warmShare);
    setFigure(
      'share_warm_ratio',
      warmShareMs / warmRowsMs,
      `warm start → share screen listing ${active.toLocaleString('en-US')} projects ${warmShareMs.toFixed(0)} ms ÷ → rows ${warmRowsMs.toFixed(0)} ms (a pressed at the rows; medians of ${REPS.shareWarm})`,
      {
        median_ms: { share: round(warmShareMs, 1), rows: round(warmRowsMs, 1) },
        active_projects: active,
        runs: REPS.shareWarm,
        ...pairs(warmShare, warmRows),
      },
    );

    // share_filter_ratio: in the last session, a character typed in the share field (key → frame) alternately with a
    // cached page flip on the table (← to a page seen moments ago); 60 ms apart, as a person types.
    {
      const { terminal, stop } = shareTerminal;
      try {
        const field = (text) => (lines) =>
          lines.some((line) => (text === '' ? line.startsWith('Projects: type') : new RegExp(`^Projects: ${text}\\s*$`).test(line)));
        const typed = [];
        const flipped = [];
        // Two pages seen on the table first, so ← and → flip between cached pages.
        terminal.press('\u001b');
        await terminal.waitFor(pageOnScreen(1, pageSize), { what: 'the table' });
        terminal.press(KEYS.right);
        await terminal.waitFor(pageOnScreen(2, pageSize), { what: 'page 2' });
        let page = 2;
        const text = 'supportxtriagex';
        for (let i = -2; i < REPS.shareKeys; i++) {
          // A cached flip.
          await sleep(PACE_MS * 2);
          page = page === 2 ? 1 : 2;
          const flipAt = terminal.press(page === 1 ? KEYS.left : KEYS.right);
          const flip = await terminal.waitFor(pageOnScreen(page, pageSize), { what: `page ${page}` });
          // A character in the share field (the screen opened fresh, the field empty).
          terminal.press('a');
          await terminal.waitFor(listed, { what: 'the share screen' });
          await sleep(PACE_MS * 2);
          const char = text[(i + 2) % text.length];
          const keyAt = terminal.press(char);
          const frame = await terminal.waitFor(field(char), { what: `"${char}" in the field` });
          if (i >= 0) {
            flipped.push(ms(flip.at - flipAt));
            typed.push(ms(frame.at - keyAt));
          }
          terminal.press('\u001b'); // clears the field
          await terminal.waitFor(field(''), { what: 'the cleared field' });
          await sleep(PACE_MS);
          terminal.press('\u001b'); // back to the table
          await terminal.waitFor(pageOnScreen(page, pageSize), { what: 'the table again' });
        }
        const typedP95 = percentile(typed, 95);
        const flipP95 = percentile(flipped, 95);
        setFigure(
          'share_filter_ratio',
          typedP95 / flipP95,
          `a character in the share field (${active.toLocaleString('en-US')} projects) p95 ${typedP95.toFixed(1)} ms ÷ a cached page flip p95 ${flipP95.toFixed(1)} ms (${REPS.shareKeys} pairs)`,
          {
            p95_ms: { typed: round(typedP95, 2), cached_flip: round(flipP95, 2) },
            median_ms: { typed: round(median(typed), 2), cached_flip: round(median(flipped), 2) },
            runs: REPS.shareKeys,
            ...pairs(typed, flipped),
          },
        );
      } finally {
        await stop();
      }
    }
  } finally {
    await closeServer();
  }
}

// ---- run ----
const plan = [
  ['version', ['version_ratio'], benchVersion],
  ['startup', ['startup_ratio'], benchStartup],
  ['table', ['table_ratio'], benchTable],
  ['list', ['list_all_ratio', 'list_all_vs_sdk', 'requests_10k', 'list_all_ratio_unbundled', 'list_all_vs_sdk_unbundled'], benchList],
  ['flip', ['page_flip_cached_ratio', 'page_flip_uncached'], benchFlip],
  ['memory', ['memory_ratio'], benchMemory],
  ['bulk', ['bulk_revoke_ratio'], benchBulk],
  ['scale', ['names_ratio', 'flip_forward_ratio', 'page_requests_per_page', 'share_warm_ratio', 'share_filter_ratio'], benchScale],
];
const sectionSeconds = {};
let measurementFailed = false;
try {
  for (const [section, names, run] of plan) {
    if (!only.has(section)) continue;
    progress(`${section}…`);
    const started = now();
    try {
      await run();
    } catch (error) {
      measurementFailed = true;
      progress(`${section} could not be measured: ${error?.stack ?? error}`);
      failFigures(names, error);
    }
    sectionSeconds[section] = round(ms(now() - started) / 1000, 1);
    progress(`${section} done in ${sectionSeconds[section]} s`);
  }
} finally {
  await cleanupAll();
}

const totalSeconds = round(ms(now() - began) / 1000, 1);
const budgeted = Object.values(figures).filter((f) => f.op !== 'report' || f.error);
const allPass = budgeted.every((f) => f.pass);
const cli = statSync(CLI);
const rebuilt = cli.mtimeMs !== cliAtStart.mtimeMs || cli.size !== cliAtStart.size;
if (rebuilt) progress('warning: dist/cli.js was rebuilt during the run: the figures may mix two builds; run again');
const report = {
  pass: allPass,
  total_seconds: totalSeconds,
  section_seconds: sectionSeconds,
  node: process.version,
  cpus: cpus().length,
  dist_cli: { bytes: cliAtStart.size, mtime: cliAtStart.mtime.toISOString(), rebuilt_during_run: rebuilt },
  figures,
};

if (flags.json) {
  // Pretty, but arrays of numbers (the raw samples) on one line each.
  const json = JSON.stringify(report, null, 2).replace(
    /\[\s*(-?[\d.e+-]+(?:,\s*-?[\d.e+-]+)*)\s*\]/g,
    (_, inner) => `[${inner.split(/,\s*/).join(', ')}]`,
  );
  process.stdout.write(`${json}\n`);
} else {
  const budgetText = (f) => (f.op === 'report' ? 'reported' : f.op === '=' ? `= ${f.budget}` : `≤ ${f.budget}`);
  const valueText = (f) =>
    f.value === null ? 'error' : f.unit === 'ms' ? `${f.value.toFixed(1)} ms` : f.op === '=' ? String(f.value) : f.value.toFixed(3);
  const resultText = (f) => (f.error ? 'ERROR' : f.pass === null ? 'info' : f.pass ? 'PASS' : 'FAIL');
  const rows = Object.entries(figures).map(([name, f]) => [
    name,
    valueText(f),
    budgetText(f),
    resultText(f),
    f.error ? f.error.split('\n')[0] : f.detail,
  ]);
  const header = ['figure', 'value', 'budget', 'result', 'how'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells) => cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ');
  const out = [
    `ckpt-perms bench · node ${process.version} · ${cpus().length} CPUs · ${totalSeconds} s`,
    line(header),
    line(widths.map((w) => '─'.repeat(w))),
    ...rows.map(line),
    '',
    allPass
      ? 'every budget holds'
      : `over budget: ${Object.entries(figures)
          .filter(([, f]) => f.pass === false)
          .map(([name]) => name)
          .join(', ')}`,
    ...(rebuilt ? ['warning: dist/cli.js was rebuilt during the run: the figures may mix two builds; run again'] : []),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

process.exitCode = measurementFailed ? 1 : flags.check && !allPass ? 1 : 0;
