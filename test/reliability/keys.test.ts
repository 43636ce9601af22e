// Keys stay secret: every flow runs with a recognisable admin key (and project key), and every byte written to
// stdout, stderr, the screen and the disk is scanned for them. Only `sk-admin-…` and the last 4 characters may show.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { maskKey } from '../../src/api/keys';
import { startDemoServer, type DemoServer } from '../../src/demo/server';
import { closeAll, spawnTerminal } from '../helpers/pty';
import { KEYS } from '../helpers/keys';
import { countAs } from './figures';
import { apiError, closedPort, filesUnder, keyOccurrences, runCliIn, runMain, scriptedServer } from './support';

const ADMIN = 'sk-admin-LEAKCANARYq7Zx3Kp9Vb2Nm8RtWy4d';
const PROJECT = 'sk-proj-PRJCANARYh5Jw2Lc8Xs1Qe6Tz0aMv7';
const SECRETS = [ADMIN, PROJECT];

let demo: DemoServer;
let root: string;
/** HOME, XDG_STATE_HOME and the working directory of every run: all that may be written lands here. */
let home: string;
let state: string;
let work: string;
/** Each run's output, to scan at the end of its test. */
let seen: string[] = [];

beforeAll(async () => {
  demo = await startDemoServer({ adminKey: ADMIN, apiKey: PROJECT });
  root = mkdtempSync(join(tmpdir(), 'ckpt-perms-keys-'));
  home = mkdtempSync(join(root, 'home-'));
  state = mkdtempSync(join(root, 'state-'));
  work = mkdtempSync(join(root, 'work-'));
});
afterAll(async () => {
  await demo.close();
  rmSync(root, { recursive: true, force: true });
});
afterEach(async () => {
  seen = [];
  await closeAll();
});

const baseEnv = (baseUrl = demo.baseUrl): Record<string, string> => ({
  OPENAI_BASE_URL: baseUrl,
  OPENAI_ADMIN_KEY: ADMIN,
  OPENAI_API_KEY: PROJECT,
  HOME: home,
  XDG_STATE_HOME: state,
});

/** Runs the CLI in the work directory, keeps all it printed for the scan, and returns the result. */
async function cli(args: string[], env: Record<string, string> = baseEnv()) {
  const result = await runCliIn(work, args, env);
  // (Not the arguments: some of them are the key, given on purpose.)
  seen.push(`${result.stdout}${result.stderr}`);
  return result;
}

/** `cli` with `main` run in this process (what the binary runs, without a process start), for the long tables. */
async function inProcess(args: string[], env: Record<string, string> = baseEnv()) {
  const result = await runMain(args, env);
  seen.push(`${result.stdout}${result.stderr}`);
  return result;
}

/** Occurrences of either key in everything seen and every file written so far. */
function scan(): { occurrences: number; where: string[] } {
  const texts = [...seen, ...[home, state, work].flatMap((dir) => filesUnder(dir).map((f) => `${f.path}\n${f.text}`))];
  const where: string[] = [];
  let occurrences = 0;
  for (const text of texts) {
    for (const key of SECRETS) {
      const n = keyOccurrences(text, key);
      if (n > 0) where.push(`${n}× ${key.slice(0, 12)}… in: ${text.slice(0, 300)}`);
      occurrences += n;
    }
  }
  return { occurrences, where };
}

function expectNoLeak(t: ReturnType<typeof countAs>): void {
  const { occurrences, where } = scan();
  t.leaked(occurrences);
  expect(where).toEqual([]);
  expect(occurrences).toBe(0);
}

describe('the scanner', () => {
  test('finds the key, its middle, or a long enough piece of it, and lets the masked form pass', () => {
    expect(keyOccurrences(`a ${ADMIN} b`, ADMIN)).toBe(1);
    expect(keyOccurrences(`x${ADMIN.slice(9, -4)}x and ${ADMIN.slice(0, 20)}`, ADMIN)).toBe(2);
    expect(keyOccurrences(`Bearer ${encodeURIComponent(ADMIN)}`, ADMIN)).toBe(1);
    expect(keyOccurrences(`key ${maskKey(ADMIN)} · sk-admin-…${ADMIN.slice(-4)}`, ADMIN)).toBe(0);
  });
});

describe('no key in any output or file', () => {
  test('every command: help, version, list, retrieve, create, delete, sync, projects-access, export', async (ctx) => {
    const t = countAs(ctx, 'leak');
    const [largest, second, third] = demo.checkpoints;
    const fresh = demo.state
      .projects()
      .find((p) => p.status === 'active' && !demo.state.permissionsOf(third!).some((q) => q.project_id === p.id))!;

    // Reads side by side; the changes (share, revoke, sync into the third checkpoint) one after another beside them.
    const ok = async (args: string[], env?: Record<string, string>) => expect((await cli(args, env)).code, args[0]).toBe(0);
    const changes = (async () => {
      const created = await cli(['create', third!, '--project-id', fresh.id]);
      expect(created.code).toBe(0);
      const permission = JSON.parse(created.stdout).data[0].id as string;
      await ok(['delete', third!, '--permission-id', permission]);
      await ok(['sync', '--from', second!, '--to', third!, '--dry-run']);
      await ok(['sync', '--from', second!, '--to', third!, '--prune', '--yes', '--format', 'json']);
    })();
    await Promise.all([
      changes,
      ...[['--help'], ['list', '--help'], ['sync', '--help'], ['--version']].map((args) => ok(args)),
      ok(['list', largest!]),
      ok(['list', largest!, '--max-items', '-1', '--format', 'jsonl']),
      ok(['retrieve', largest!, '--limit', '3']),
      ok(['projects-access', '--project-id', fresh.id]),
      ok(['export', largest!, '--output', join(work, 'access.csv')]),
      ok(['export', largest!, '--format', 'json']),
      ok(['export', largest!, '--output', work, '--format', 'json']),
      // The key as a flag instead of the environment.
      ok(['list', largest!, '--admin-api-key', ADMIN, '--api-key', PROJECT], { OPENAI_BASE_URL: demo.baseUrl, HOME: home }),
    ]);

    // The files really were written (so the scan read them).
    expect(
      filesUnder(work)
        .map((f) => f.path.slice(work.length + 1))
        .sort(),
    ).toEqual(['access.csv', 'ft_gpt-4o-mini-2024-07-18_acme-corp_support-triage_JOmZHrYw.permissions.json']);
    expectNoLeak(t);
  });

  test('every kind of error: a 401 echoing the key, a 404, refused and timed-out connections, bad command lines', async (ctx) => {
    const t = countAs(ctx, 'leak');
    // A server that answers every request with a 401 repeating the key it was sent, whole and in pieces.
    const echo = await scriptedServer((req, res) => {
      const key = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
      apiError(res, 401, `Incorrect API key provided: ${key}. Also known as ${key.slice(0, 24)} or …${key.slice(9, -4)}…`, {
        code: 'invalid_api_key',
      });
    });
    try {
      const refused = await cli(['list', 'ft:x:y'], baseEnv(echo.baseUrl));
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/^ckpt-perms: 401 invalid_api_key: Incorrect API key provided: sk-admin-…Wy4d\. /);
      // The echo server did get the key: it is the output that must not show it.
      expect(echo.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${ADMIN}`]);
      expect((await cli(['list', 'ft:x:y', '--admin-api-key', ADMIN], { OPENAI_BASE_URL: echo.baseUrl })).code).toBe(1);
      expect((await cli(['export', 'ft:x:y', '--output', join(work, 'never.csv')], baseEnv(echo.baseUrl))).code).toBe(1);
      expect((await cli(['projects-access', '--project-id', 'proj_abc'], baseEnv(echo.baseUrl))).code).toBe(1);
    } finally {
      await echo.close();
    }

    const unknown = await cli(['list', 'ft:gpt-4o-mini:acme:nothing-here:abc']);
    expect(unknown.stderr).toMatch(/^ckpt-perms: 404 model_not_found: /);
    const port = await closedPort();
    const down = await cli(['list', 'ft:x:y', '--max-retries', '0'], baseEnv(`http://127.0.0.1:${port}/v1`));
    expect(down.stderr).toMatch(/^ckpt-perms: network error: 127\.0\.0\.1:\d+: connection refused/);
    demo.injectFault('hang');
    const slow = await cli(['list', demo.checkpoints[0]!, '--timeout', '300', '--max-retries', '0']);
    expect(slow.stderr).toMatch(/^ckpt-perms: timeout: no answer from 127\.0\.0\.1:\d+ within 300 ms/);

    // The key where a value of another kind belongs: each refused, the key masked in the message (in this process).
    const refusals: Promise<void>[] = [];
    for (const args of [
      [ADMIN],
      ['list', 'ft:x:y', '--project-id', ADMIN],
      ['list', 'ft:x:y', '--after', ADMIN, '--limit', 'abc'],
      ['list', 'ft:x:y', '--admin-api-key', `${ADMIN} x`],
      ['list', 'ft:x:y', '--admin-api-key', ADMIN, '--admin-api-key', PROJECT],
      ['list', ADMIN, ADMIN],
      ['list', 'ft:x:y', '--base-url', `http://user:${ADMIN}@example.com/v1`],
      ['list', 'ft:x:y', '--base-url', `https://api.openai.com/v1?key=${ADMIN}`],
      ['list', 'ft:x:y', '--base-url', `not a url ${ADMIN}`],
      ['list', 'ft:x:y', '--organization', `org ${ADMIN}`],
    ]) {
      refusals.push(
        inProcess(args).then((result) => {
          expect(result.code, `${args.slice(0, 2).join(' ')}…: ${result.stderr}`).toBe(2);
          expect(result.stderr.split('\n')).toHaveLength(2);
        }),
      );
    }
    await Promise.all(refusals);
    expectNoLeak(t);
  });

  test('the official CLI drop-in: every command and format, --debug, a 401 echoing the key, usage errors holding it', async (ctx) => {
    const t = countAs(ctx, 'leak');
    const group = 'fine-tuning:checkpoints:permissions';
    const [largest, , third] = demo.checkpoints;
    const fresh = demo.state
      .projects()
      .filter((p) => p.status === 'active' && !demo.state.permissionsOf(third!).some((q) => q.project_id === p.id))
      .at(-1)!;
    const ok = async (args: string[], env?: Record<string, string>) =>
      expect((await cli([group, ...args], env)).code, args.join(' ')).toBe(0);
    const created = await cli([group, 'create', third!, '--project-id', fresh.id, '--debug', '--format', 'jsonl']);
    expect(created.code).toBe(0);
    expect(created.stderr).toContain('Authorization: Bearer <REDACTED>');
    await ok(['delete', third!, JSON.parse(created.stdout).id as string, '--debug']);
    await Promise.all([
      ...['json', 'jsonl', 'yaml', 'pretty', 'raw'].map((format) =>
        ok(['list', largest!, '--format', format, '--debug', '--limit', '100']),
      ),
      ok(['retrieve', largest!, '--debug', '--transform', '@this']),
      ok(['list', '--help']),
      // The key as flags, one dash or two, instead of the environment.
      ok(['-api-key', ADMIN, 'list', largest!, '--debug', '--max-items', '3'], { OPENAI_BASE_URL: demo.baseUrl, HOME: home }),
      ok(['list', largest!, '--admin-api-key', ADMIN, '--api-key', PROJECT, '--debug', '--max-items', '3'], {
        OPENAI_BASE_URL: demo.baseUrl,
        HOME: home,
      }),
    ]);

    const echo = await scriptedServer((req, res) => {
      const key = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
      apiError(res, 401, `Incorrect API key provided: ${key} (${key.slice(0, 24)})`, { code: 'invalid_api_key' });
    });
    try {
      for (const format of ['json', 'yaml', 'raw', 'pretty']) {
        const refused = await cli([group, 'list', 'ft:x:y', '--debug', '--format-error', format], baseEnv(echo.baseUrl));
        expect(refused.code).toBe(1);
        expect(refused.stdout).toContain('sk-admin-…Wy4d');
      }
    } finally {
      await echo.close();
    }
    for (const args of [
      ['list', 'ft:x:y', '--limit', ADMIN],
      ['list', ADMIN],
      ['delete', 'ft:x:y', ADMIN],
      ['list', 'ft:x:y', '--format', ADMIN],
      ['list', 'ft:x:y', '--transform', `[${ADMIN}]`],
    ]) {
      const result = await cli([group, ...args]);
      expect(result.code, args.join(' ')).toBe(1);
    }
    expectNoLeak(t);
  });

  test('a crash: an uncaught exception or unhandled rejection carrying the key is one masked line, exit 1, no stack', async (ctx) => {
    const t = countAs(ctx, 'leak');
    // The server never answers, so the command is still running when the injected bug fires. It fires once the command
    // sends its request (undici's diagnostics channel), so it is up and running then, however slow its start.
    const onFirstRequest = (bug: string) =>
      `import dc from 'node:diagnostics_channel';\n` +
      `const fire = () => { dc.unsubscribe('undici:request:create', fire); setTimeout(() => { ${bug} }, 0); };\n` +
      `dc.subscribe('undici:request:create', fire);\n`;
    const silent = await scriptedServer(() => undefined);
    try {
      for (const [kind, code] of [
        ['exception', onFirstRequest(`throw new Error('boom: ' + process.env.OPENAI_ADMIN_KEY + ' / ' + process.env.OPENAI_API_KEY);`)],
        [
          'rejection',
          onFirstRequest(`Promise.reject(new Error('boom: ' + process.env.OPENAI_ADMIN_KEY + ' / ' + process.env.OPENAI_API_KEY));`),
        ],
      ] as const) {
        const preload = join(root, `crash-${kind}.mjs`);
        writeFileSync(preload, code);
        const result = await cli(['list', 'ft:x:y', '--timeout', '10000'], {
          ...baseEnv(silent.baseUrl),
          NODE_OPTIONS: `--import=${preload}`,
        });
        expect(result.code, kind).toBe(1);
        expect(result.stdout).toBe('');
        expect(result.stderr, kind).toBe(`ckpt-perms: unexpected error: boom: ${maskKey(ADMIN)} / ${maskKey(PROJECT)}\n`);
      }
    } finally {
      await silent.close();
    }
    expectNoLeak(t);
  });
});

describe('no key on screen or on disk from the UI', () => {
  const spawnUi = (env: Record<string, string> = {}, args: string[] = []) =>
    spawnTerminal({
      args: ['--base-url', demo.baseUrl, ...args],
      env: { OPENAI_API_KEY: PROJECT, HOME: home, XDG_STATE_HOME: state, ...env },
      cwd: work,
      cols: 100,
      rows: 30,
    });

  test('key prompt (typed), picker, table, revoke, export, quit: the screen shows sk-admin-…Wy4d only; the state file holds ids, 0600', async (ctx) => {
    const t = countAs(ctx, 'leak');
    const term = spawnUi();
    await term.waitFor('Admin key:');
    // Typed before the terminal is in raw mode, the key would be echoed by the terminal itself.
    await term.waitForRawMode();
    await term.type(ADMIN);
    await term.waitFor(`Admin key: ${'•'.repeat(ADMIN.length)}`);
    await term.press(KEYS.enter);
    await term.waitFor('Pick a checkpoint');
    expect(term.lines()[0]).toContain(`key sk-admin-…${ADMIN.slice(-4)}`);
    await term.waitFor(/\d+ from fine-tuning jobs/);
    // The largest checkpoint, typed: the list below the field narrows to it.
    await term.type(demo.checkpoints[0]!);
    await term.waitFor(/^1 match "/m);
    await term.press(KEYS.enter);
    await term.waitFor(/^Page 1 · 1–/m);
    await term.press('d');
    await term.waitFor('[y/N]');
    await term.press('y');
    await term.waitFor(/^Revoked /m);
    await term.press('e');
    // The flash keeps the file's name whole (at 100 columns the words before it give way).
    await term.waitFor('.permissions.csv');
    await term.press('q');
    expect((await term.waitForExit()).exitCode).toBe(0);
    seen.push(term.raw());

    // The state file: only checkpoint ids, private, in a private directory.
    const recent = join(state, 'ckpt-perms', 'recent.json');
    expect(statSync(recent).mode & 0o777).toBe(0o600);
    expect(statSync(join(state, 'ckpt-perms')).mode & 0o777).toBe(0o700);
    const saved = JSON.parse(filesUnder(state).find((f) => f.path === recent)!.text);
    expect(Object.keys(saved)).toEqual(['organizations']);
    const lists = Object.values(saved.organizations) as { checkpoints: string[] }[];
    expect(lists).toHaveLength(1);
    expect(lists[0]!.checkpoints.length).toBeGreaterThan(0);
    for (const id of lists[0]!.checkpoints) expect(demo.state.checkpointIds()).toContain(id);
    expect(filesUnder(state).map((f) => f.path)).toEqual([recent]);
    // The organization's projects, cached under ~/.cache: ids, names and status, private (scanned for keys below).
    const cached = filesUnder(join(home, '.cache')).map((f) => f.path);
    expect(cached).toEqual([expect.stringMatching(/\/\.cache\/ckpt-perms\/projects-[0-9a-f]{32}\.json$/)]);
    expect(statSync(cached[0]!).mode & 0o777).toBe(0o600);
    expect(filesUnder(work).some((f) => f.path.endsWith('.permissions.csv'))).toBe(true);
    expectNoLeak(t);
  });

  test('a wrong key typed at the prompt, and echoed back by the server, is shown masked; so is the key given in the environment', async (ctx) => {
    const t = countAs(ctx, 'leak');
    const echo = await scriptedServer((req, res) => {
      const key = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
      apiError(res, 401, `Incorrect API key provided: ${key} (${key.slice(0, 24)})`, { code: 'invalid_api_key' });
    });
    try {
      const term = spawnTerminal({
        args: ['--base-url', echo.baseUrl],
        env: { HOME: home, XDG_STATE_HOME: state },
        cwd: work,
        cols: 160,
        rows: 20,
      });
      await term.waitFor('Admin key:');
      await term.waitForRawMode();
      await term.type(ADMIN);
      await term.waitFor(`Admin key: ${'•'.repeat(ADMIN.length)}`);
      await term.press(KEYS.enter);
      const screen = await term.waitFor('That key was refused');
      expect(screen).toContain(`Incorrect API key provided: ${maskKey(ADMIN)}`);
      await term.press(KEYS.esc);
      await term.waitForExit();
      seen.push(term.raw());

      // Given in the environment, the key reaches the table's error line the same way: masked.
      const withKey = spawnTerminal({
        args: ['ft:x:y', '--base-url', echo.baseUrl],
        env: { OPENAI_ADMIN_KEY: ADMIN, HOME: home, XDG_STATE_HOME: state },
        cwd: work,
        cols: 160,
        rows: 20,
      });
      await withKey.waitFor('Incorrect API key provided');
      await withKey.press('q');
      await withKey.waitForExit();
      seen.push(withKey.raw());
    } finally {
      await echo.close();
    }
    expectNoLeak(t);
  });

  test('a state file left readable, holding a key and a hostile id, is not shown and is rewritten with ids only, 0600', async (ctx) => {
    const t = countAs(ctx, 'leak');
    const own = mkdtempSync(join(root, 'tampered-'));
    const file = join(own, 'ckpt-perms', 'recent.json');
    mkdirSync(join(own, 'ckpt-perms'));
    const [largest, second] = demo.checkpoints;
    writeFileSync(file, JSON.stringify({ checkpoints: [ADMIN, `ft:x\u001b]0;pwned\u0007:y`, second, { key: ADMIN }] }), { mode: 0o644 });
    chmodSync(file, 0o644);
    const term = spawnUi({ OPENAI_ADMIN_KEY: ADMIN, XDG_STATE_HOME: own });
    await term.waitFor('1 recent');
    await term.waitForRawMode();
    await term.type(largest!);
    await term.waitFor(`Checkpoint id: ${largest}`);
    await term.press(KEYS.enter);
    await term.waitFor(/^Page 1 · 1–/m);
    await term.press('q');
    await term.waitForExit();
    seen.push(term.raw());
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(Object.values(saved.organizations)).toEqual([{ checkpoints: [largest, second] }]);
    expect(filesUnder(own).map((f) => f.path)).toEqual([file]);
    expectNoLeak(t);
  });

  test('a crash in the UI: the screen is given back, then one masked line, exit 1', async (ctx) => {
    const t = countAs(ctx, 'leak');
    const preload = join(root, 'crash-ui.mjs');
    // The bug fires when the test says (SIGUSR2), once the picker is on the screen: not after a time a slow start outlasts.
    writeFileSync(preload, `process.on('SIGUSR2', () => { throw new Error('boom: ' + process.env.OPENAI_ADMIN_KEY); });`);
    const term = spawnUi({ OPENAI_ADMIN_KEY: ADMIN, NODE_OPTIONS: `--import=${preload}` });
    await term.waitFor('Pick a checkpoint');
    term.kill('SIGUSR2');
    expect((await term.waitForExit()).exitCode).toBe(1);
    expect(term.bufferType()).toBe('normal');
    expect(term.screen()).toContain(`ckpt-perms: unexpected error: boom: ${maskKey(ADMIN)}`);
    expect(term.screen()).not.toMatch(/^\s+at /m);
    seen.push(term.raw());
    expectNoLeak(t);
  });
});
