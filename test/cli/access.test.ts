// Access as code (#19): dump, plan and apply, the built binary against the demo API, as an admin keeping the file in git.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../src/demo/server';
import { CLI, runCli } from '../helpers/cli';
import { closeAll, spawnTerminal } from '../helpers/pty';
import { archiveProject, projectsOf, projectsWithoutAccess, renameProject, writesSince } from '../helpers/demo-data';

let dir: string;
const servers: DemoServer[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ckpt-perms-access-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function demo(options: Parameters<typeof startDemoServer>[0] = {}): Promise<DemoServer> {
  const server = await startDemoServer(options);
  servers.push(server);
  return server;
}

const envOf = (server: DemoServer) => ({
  OPENAI_BASE_URL: server.baseUrl,
  OPENAI_ADMIN_KEY: server.adminKey,
  OPENAI_API_KEY: server.apiKey,
  XDG_STATE_HOME: dir,
});
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const nameOf = (server: DemoServer, id: string) => server.state.projects().find((p) => p.id === id)!.name!;
/** The whole file, checkpoint by checkpoint, as the server holds it. */
const serverAccess = (server: DemoServer) =>
  Object.fromEntries(server.checkpoints.map((c) => [c, projectsOf(server, c)]).sort(([a], [b]) => (a! < b! ? -1 : 1)));

describe('dump → plan → edit → plan → apply → plan', () => {
  it('round-trips: an unedited dump plans nothing; an edit plans exactly its two lines; apply makes the server match', async () => {
    const server = await demo({ latencyMs: 20 });
    const env = envOf(server);
    const [largest] = server.checkpoints;
    const accessFile = join(dir, 'round-trip.yaml');

    const dumped = await runCli(['dump', '--output', accessFile], env);
    expect([dumped.code, dumped.stderr]).toEqual([0, `ckpt-perms: wrote the access of 12 checkpoints to ${accessFile}\n`]);
    const text = readFileSync(accessFile, 'utf8');
    // Every checkpoint, every project id, each with its name as a comment.
    const parsed = parse(text) as { checkpoints: Record<string, { exclusive: boolean; projects: string[] }> };
    expect(Object.fromEntries(Object.entries(parsed.checkpoints).map(([c, v]) => [c, v.projects]))).toEqual(serverAccess(server));
    const someone = server.state.permissionsOf(largest!)[0]!.project_id;
    expect(text).toContain(`      - ${someone} # ${nameOf(server, someone)}\n`);
    // Stable: a second dump is the same file, byte for byte.
    expect((await runCli(['dump'], env)).stdout).toBe(text);

    const clean = await runCli(['plan', '-f', accessFile, '--exit-code'], env);
    expect([clean.code, clean.stderr]).toEqual([0, '']);
    expect(clean.stdout).toMatch(/\nNo changes: 12 checkpoints already as the file says \(\d+ unchanged\)\n$/);

    // The edit: one project added by its name, one removed by making the list exclusive.
    const newcomer = projectsWithoutAccess(server, [largest!])[0]!;
    const leaver = [...projectsOf(server, largest!)].sort()[0]!;
    const lines = text.split('\n');
    const at = lines.indexOf(`  ${largest}:`);
    expect(lines[at + 1]).toBe('    exclusive: false');
    lines[at + 1] = '    exclusive: true';
    const leaverLine = lines.findIndex((line, i) => i > at && line.startsWith(`      - ${leaver} `));
    lines.splice(leaverLine, 1, `      - ${nameOf(server, newcomer)}`);
    writeFileSync(accessFile, lines.join('\n'));

    const mark = server.requests.length;
    const pending = await runCli(['plan', '-f', accessFile, '--exit-code'], env);
    expect([pending.code, pending.stderr]).toEqual([3, '']);
    expect(pending.stdout.split('\n').filter((line) => /^\s+[+-] /.test(line))).toEqual([
      `  + ${newcomer} (${nameOf(server, newcomer)})`,
      `  - ${leaver} (${nameOf(server, leaver)})  ${server.state.permissionsOf(largest!).find((p) => p.project_id === leaver)!.id}`,
    ]);
    expect(writesSince(server, mark)).toEqual([]);

    const applied = await runCli(['apply', '-f', accessFile, '--yes'], env);
    expect([applied.code, applied.stderr]).toEqual([0, '']);
    expect(applied.stdout).toMatch(/\ndone: 1 added, 1 removed, 0 failed\n$/);
    const expected = { ...serverAccess(server) };
    expect(projectsOf(server, largest!)).toContain(newcomer);
    expect(projectsOf(server, largest!)).not.toContain(leaver);
    // The server is the file: a fresh dump lists exactly what the edited file says.
    const after = parse((await runCli(['dump'], env)).stdout) as typeof parsed;
    const edited = parse(readFileSync(accessFile, 'utf8')) as typeof parsed;
    const resolve = (p: string) => (p.startsWith('proj_') ? p : server.state.projects().find((x) => x.name === p)!.id);
    for (const [checkpoint, entry] of Object.entries(edited.checkpoints)) {
      expect(after.checkpoints[checkpoint]!.projects).toEqual(entry.projects.map(resolve).sort());
      expect(expected[checkpoint]).toEqual(after.checkpoints[checkpoint]!.projects);
    }

    const again = await runCli(['plan', '-f', accessFile, '--exit-code'], env);
    expect(again.code).toBe(0);
    const second = await runCli(['apply', '-f', accessFile, '--yes'], env);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/\nNo changes: /);
  });

  it('plan --format json gives each checkpoint its additions and removals with names', async () => {
    const server = await demo();
    const [largest] = server.checkpoints;
    const newcomer = projectsWithoutAccess(server, [largest!])[0]!;
    const accessFile = file('plan.json', JSON.stringify({ checkpoints: { [largest!]: { exclusive: true, projects: [newcomer] } } }));
    const result = await runCli(['plan', '-f', accessFile, '--format', 'json'], envOf(server));
    expect(result.code).toBe(0);
    const document = JSON.parse(result.stdout);
    expect(document.changes).toBe(true);
    expect(document.checkpoints).toHaveLength(1);
    expect(document.checkpoints[0].add).toEqual([{ project_id: newcomer, project_name: nameOf(server, newcomer) }]);
    expect(document.checkpoints[0].remove.map((r: { permission_id: string }) => r.permission_id).sort()).toEqual(
      server.state
        .permissionsOf(largest!)
        .map((p) => p.id)
        .sort(),
    );
  });
});

describe('dump without checkpoints', () => {
  it('dumps the recent ones; one that answers 404 is skipped, said so, and leaves the recent list', async () => {
    const server = await demo();
    const state = mkdtempSync(join(tmpdir(), 'ckpt-perms-dump-recent-'));
    const gone = 'ft:gpt-4o-mini-2024-07-18:acme-corp:deleted:ZZZZZZZZ';
    const kept = server.checkpoints[2]!;
    mkdirSync(join(state, 'ckpt-perms'), { recursive: true });
    writeFileSync(join(state, 'ckpt-perms', 'recent.json'), JSON.stringify({ checkpoints: [gone, kept] }));
    try {
      // No ordinary key: the recent checkpoints are the only candidates.
      const result = await runCli(['dump'], { OPENAI_BASE_URL: server.baseUrl, OPENAI_ADMIN_KEY: server.adminKey, XDG_STATE_HOME: state });
      expect(result.code).toBe(0);
      expect(Object.keys((parse(result.stdout) as { checkpoints: object }).checkpoints)).toEqual([kept]);
      expect(result.stderr.split('\n')[0]).toBe(
        `ckpt-perms: skipped 1 checkpoint(s) not found (deleted, or another organization's): ${gone}`,
      );
      // No ordinary key: only the recent checkpoints, and it says so.
      expect(result.stderr.split('\n').slice(1)).toEqual([
        expect.stringMatching(/^ckpt-perms: partial dump: only \d+ checkpoints? opened recently/),
        '',
      ]);
      expect(readFileSync(join(state, 'ckpt-perms', 'recent.json'), 'utf8')).not.toContain(gone);
      // Named on the command line, the same checkpoint is an error.
      const named = await runCli(['dump', gone], envOf(server));
      expect(named.code).toBe(1);
      expect(named.stderr).toMatch(/^ckpt-perms: 404 model_not_found/);
    } finally {
      rmSync(state, { recursive: true, force: true });
    }
  });
});

describe('a file of project ids', () => {
  it('asks only for the projects that would change, one by one, instead of the whole project list', async () => {
    const server = await demo();
    const [largest] = server.checkpoints;
    const newcomer = projectsWithoutAccess(server, [largest!])[0]!;
    const ids = [...projectsOf(server, largest!), newcomer];
    const name = file('ids.yaml', `checkpoints:\n  ${largest}:\n    projects:\n${ids.map((id) => `      - ${id}\n`).join('')}`);
    const mark = server.requests.length;
    const result = await runCli(['plan', '-f', name], envOf(server));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`  + ${newcomer} (${nameOf(server, newcomer)})\n  137 unchanged\n`);
    const projectReads = server.requests.slice(mark).filter((r) => r.path.includes('/organization/projects'));
    expect(projectReads.map((r) => r.path)).toEqual([`/v1/organization/projects/${newcomer}`]);
  });
});

describe('apply under faults', () => {
  it('429s, 500s and lost answers: re-run until it succeeds, the server matches the file and no project is granted twice', async () => {
    // The answers ask for a 10 ms wait (retry-after-ms) instead of the demo's `retry-after: 1`: the same retries, less waiting.
    const server = await demo({
      faults: { '429': 0.1, '500': 0.1, 'reset-after': 0.1 },
      faultRetry: { retryAfter: '', retryAfterMs: '10' },
    });
    const env = envOf(server);
    const [largest, second] = server.checkpoints;
    const fresh = projectsWithoutAccess(server, [largest!, second!]).slice(0, 45);
    const keep = projectsOf(server, second!).slice(0, 3);
    const accessFile = file(
      'faults.yaml',
      [
        'checkpoints:',
        `  ${largest}:`,
        '    projects:',
        ...fresh.map((id) => `      - ${nameOf(server, id)}`),
        `  ${second}:`,
        '    exclusive: true',
        '    projects:',
        ...[...keep, ...fresh.slice(0, 5)].map((id) => `      - ${id}`),
        '',
      ].join('\n'),
    );
    const before = projectsOf(server, largest!);
    const reported = new Map<string, string>();
    let runs = 0;
    for (let code = -1; code !== 0 && runs < 5; runs++) {
      const result = await runCli(['apply', '-f', accessFile, '--yes', '--format', 'json', '--max-retries', '4'], env);
      code = result.code;
      expect([0, 1]).toContain(code);
      if (result.stdout === '') continue; // a read failed before the plan: exit 1, nothing changed
      const document = JSON.parse(result.stdout);
      // What each run reports is true of the server.
      for (const outcome of document.outcomes ?? []) {
        const held = server.state.permissionsOf(outcome.checkpoint).find((p) => p.project_id === outcome.project_id);
        if (outcome.status === 'done' && outcome.action === 'add') {
          expect(held?.id).toBe(outcome.permission_id);
          reported.set(`${outcome.checkpoint} ${outcome.project_id}`, outcome.permission_id);
        }
        if (outcome.status === 'done' && outcome.action === 'remove') expect(held).toBeUndefined();
      }
    }
    expect(runs).toBeLessThan(5);
    expect(projectsOf(server, largest!)).toEqual([...new Set([...before, ...fresh])].sort());
    expect(projectsOf(server, second!)).toEqual([...keep, ...fresh.slice(0, 5)].sort());
    // One permission per project, and it is the one a run reported: nothing was granted twice.
    for (const checkpoint of [largest!, second!]) {
      const permissions = server.state.permissionsOf(checkpoint);
      expect(new Set(permissions.map((p) => p.project_id)).size).toBe(permissions.length);
    }
    for (const [key, id] of reported) {
      const [checkpoint, project] = key.split(' ');
      expect(server.state.permissionsOf(checkpoint!).find((p) => p.project_id === project)?.id).toBe(id);
    }
    // The faults did happen, lost answers included.
    expect(server.requests.some((r) => r.fault === 'reset-after')).toBe(true);
    expect(server.requests.some((r) => r.fault === '429')).toBe(true);
  });
});

describe('a bad file changes nothing: exit 2, FILE:LINE:COL', () => {
  const KEY = 'sk-admin-Zx9yW8vU7tS6rQ5pO4nM3lK2jI1hG0fE';

  const cases: {
    label: string;
    setup?: (server: DemoServer) => void;
    text: (server: DemoServer) => string;
    expect: (name: string) => RegExp;
  }[] = [
    {
      label: 'an unknown key (a typo of projects)',
      text: (s) => `checkpoints:\n  ${s.checkpoints[0]}:\n    exclusive: true\n    projcts:\n      - proj_abc\n`,
      expect: (f) => new RegExp(`^${f}:4:5: unknown key "projcts" \\(a checkpoint has "exclusive:" and "projects:"\\)$`, 'm'),
    },
    {
      label: 'an unknown key at the top',
      text: (s) => `checkpoint:\n  ${s.checkpoints[0]}:\n    projects: []\n`,
      expect: (f) => new RegExp(`^${f}:1:1: unknown key "checkpoint"`, 'm'),
    },
    {
      label: 'a name that two active projects have',
      setup: (s) => {
        const [a, b] = projectsWithoutAccess(s, [s.checkpoints[0]!]);
        renameProject(s, b!, nameOf(s, a!));
      },
      text: (s) =>
        `checkpoints:\n  ${s.checkpoints[0]}:\n    projects:\n      - ${nameOf(s, projectsWithoutAccess(s, [s.checkpoints[0]!])[0]!)}\n`,
      expect: (f) =>
        new RegExp(`^${f}:4:9: 2 active projects are named ".*" \\(proj_\\w+, proj_\\w+\\): list the one you mean by its id$`, 'm'),
    },
    {
      label: 'a name no project has',
      text: (s) => `checkpoints:\n  ${s.checkpoints[0]}:\n    projects:\n      - Nobody Has This Name\n`,
      expect: (f) => new RegExp(`^${f}:4:9: no project is named "Nobody Has This Name"`, 'm'),
    },
    {
      label: 'an archived project (by name and by id)',
      setup: (s) => {
        const [a, b] = projectsWithoutAccess(s, [s.checkpoints[0]!]);
        archiveProject(s, a!);
        archiveProject(s, b!);
      },
      text: (s) => {
        const [a, b] = s.state
          .projects()
          .filter((p) => p.status === 'archived' && !projectsOf(s, s.checkpoints[0]!).includes(p.id))
          .slice(-2);
        return `checkpoints:\n  ${s.checkpoints[0]}:\n    projects:\n      - ${a!.name}\n      - ${b!.id}\n`;
      },
      expect: (f) =>
        new RegExp(
          `^${f}:4:9: the project named ".*" \\(proj_\\w+\\) is archived: it cannot be given access\\n${f}:5:9: proj_\\w+ \\(.*\\) is archived`,
          'm',
        ),
    },
    {
      label: 'an archived project and an unknown id, in a file of ids only',
      setup: (s) => archiveProject(s, projectsWithoutAccess(s, [s.checkpoints[0]!])[0]!),
      text: (s) => {
        const archived = s.state
          .projects()
          .filter((p) => p.status === 'archived' && !projectsOf(s, s.checkpoints[0]!).includes(p.id))
          .at(-1)!;
        return `checkpoints:\n  ${s.checkpoints[0]}:\n    projects:\n      - ${archived.id}\n      - proj_doesNotExist123\n`;
      },
      expect: (f) =>
        new RegExp(
          `^${f}:4:9: proj_\\w+ \\(.*\\) is archived: it cannot be given access\n${f}:5:9: no project proj_doesNotExist123 in this organization$`,
          'm',
        ),
    },
    {
      label: 'malformed YAML',
      text: (s) => `checkpoints:\n  ${s.checkpoints[0]}:\n    projects: [proj_abc,\n  other: 1\n`,
      expect: (f) => new RegExp(`^${f}:\\d+:\\d+: not valid YAML: `, 'm'),
    },
    {
      label: 'a checkpoint that does not exist (404)',
      text: (s) =>
        `checkpoints:\n  ${s.checkpoints[0]}:\n    projects: []\n  ft:gpt-4o-mini-2024-07-18:acme-corp:nope:XXXXXXXX:\n    exclusive: true\n    projects: []\n`,
      expect: (f) =>
        new RegExp(
          `^${f}:4:3: checkpoint ft:gpt-4o-mini-2024-07-18:acme-corp:nope:XXXXXXXX does not exist, or this key cannot see it \\(404 model_not_found`,
          'm',
        ),
    },
    {
      label: 'a key pasted where a project id belongs',
      text: (s) => `checkpoints:\n  ${s.checkpoints[0]}:\n    projects:\n      - ${KEY}\n`,
      expect: (f) => new RegExp(`^${f}:4:9: this looks like an API key: a key never belongs in an access file`, 'm'),
    },
    {
      label: 'a key pasted where a checkpoint id belongs',
      text: () => `checkpoints:\n  ${KEY}:\n    exclusive: true\n    projects: []\n`,
      expect: (f) => new RegExp(`^${f}:2:3: this looks like an API key`, 'm'),
    },
  ];

  it.for(cases)('$label', async ({ setup, text, expect: message }) => {
    const server = await demo();
    setup?.(server);
    const name = file('bad.yaml', text(server));
    const before = serverAccess(server);
    const mark = server.requests.length;
    // apply --yes: the strongest case; nothing may change.
    const result = await runCli(['apply', '-f', name, '--yes'], envOf(server));
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    expect(result.stderr).toMatch(/\nckpt-perms: .*bad\.yaml: \d+ problems?; nothing was (changed|sent)\n$/);
    expect(result.stderr).not.toContain(KEY.slice(9));
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(writesSince(server, mark)).toEqual([]);
    expect(serverAccess(server)).toEqual(before);
    const plan = await runCli(['plan', '-f', name, '--exit-code'], envOf(server));
    expect(plan.code).toBe(2);
  });

  it('a JSON file with a syntax error or a trailing comma names its line', async () => {
    const server = await demo();
    const name = file('bad.json', '{\n  "checkpoints": {\n    "ft:x:y": { "projects": [], }\n  }\n}\n');
    const mark = server.requests.length;
    const result = await runCli(['plan', '-f', name], envOf(server));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^${name}:3:\\d+: not valid JSON: `));
    expect(server.requests.length).toBe(mark);
  });

  it('a missing file, and -f missing, are exit 2 with one line', async () => {
    const server = await demo();
    const missing = await runCli(['plan', '-f', join(dir, 'nope.yaml')], envOf(server));
    expect([missing.code, missing.stderr]).toEqual([
      2,
      `ckpt-perms: cannot read the access file ${join(dir, 'nope.yaml')}: no such file\n`,
    ]);
    const noFile = await runCli(['apply'], envOf(server));
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toMatch(/^ckpt-perms: apply needs -f FILE/);
  });

  it('apply without a terminal and without --yes shows the plan and changes nothing (exit 2)', async () => {
    const server = await demo();
    const [largest] = server.checkpoints;
    const newcomer = projectsWithoutAccess(server, [largest!])[0]!;
    const name = file('unconfirmed.yaml', `checkpoints:\n  ${largest}:\n    projects: [${newcomer}]\n`);
    const mark = server.requests.length;
    const result = await runCli(['apply', '-f', name], envOf(server));
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(`  + ${newcomer}`);
    expect(result.stderr).toBe('ckpt-perms: nothing changed (no terminal to confirm in): pass --yes to apply this plan\n');
    expect(writesSince(server, mark)).toEqual([]);
  });
});

describe('apply in a terminal', () => {
  afterEach(closeAll);

  it('asks before applying (n changes nothing, y applies), and Ctrl+C part-way prints every outcome, exit 130', async () => {
    const server = await demo({ latencyMs: 100 });
    const [largest] = server.checkpoints;
    const newcomer = projectsWithoutAccess(server, [largest!])[0]!;
    const small = file('small.yaml', `checkpoints:\n  ${largest}:\n    projects:\n      - ${nameOf(server, newcomer)}\n`);
    const env = envOf(server);

    const no = spawnTerminal({ args: ['apply', '-f', small], env, cols: 160, rows: 40 });
    await no.waitFor('Apply? [y/N]');
    await no.type('n\r');
    expect((await no.waitForExit()).exitCode).toBe(0);
    expect(no.screen()).toContain('not applied: nothing changed');
    expect(projectsOf(server, largest!)).not.toContain(newcomer);

    const yes = spawnTerminal({ args: ['apply', '-f', small], env, cols: 160, rows: 40 });
    await yes.waitFor('Apply? [y/N]');
    await yes.type('y\r');
    expect((await yes.waitForExit()).exitCode).toBe(0);
    expect(yes.screen()).toContain(`✓ added ${newcomer} (${nameOf(server, newcomer)})`);
    expect(projectsOf(server, largest!)).toContain(newcomer);

    // Everyone off the largest checkpoint: 138 deletes at 100 ms, four at a time; Ctrl+C once the first is answered.
    const all = file('none.yaml', `checkpoints:\n  ${largest}:\n    exclusive: true\n    projects: []\n`);
    // Its ~300 lines come at the end, all at once. node-pty drops what it has not read 200 ms after its child exits, and
    // a busy machine reads them later than that (the screen then stopped mid-line): the run goes under a holder that
    // keeps the terminal open after it, says how it ended, and goes when the test has read the screen.
    const stop = spawnTerminal({ command: ['-e', HOLD_TERMINAL, CLI, 'apply', '-f', all], env, cols: 160, rows: 400 });
    await stop.waitFor('Apply? [y/N]');
    const mark = server.requests.length;
    await stop.type('y\r');
    while (!writesSince(server, mark).some((r) => r.status !== undefined)) await new Promise((r) => setTimeout(r, 5));
    await stop.type('\u0003');
    expect(/^\[exit (\d+)\]$/m.exec(await stop.waitFor(/^\[exit \d+\]$/m))?.[1]).toBe('130');
    const screen = stop.screen();
    await stop.type('\r');
    expect((await stop.waitForExit()).exitCode).toBe(0);
    expect(screen).toContain('stopping: no new change starts; waiting for those in flight (Ctrl+C again stops at once)');
    const removed = (screen.match(/✓ removed /g) ?? []).length;
    const notStarted = (screen.match(/○ not started: remove /g) ?? []).length;
    expect(removed + notStarted, screen).toBe(138);
    expect(server.state.permissionsOf(largest!)).toHaveLength(notStarted);
    expect(screen).toContain(
      `ckpt-perms: interrupted: ${removed} of 138 removed, ${notStarted} not started; run the same command again to finish`,
    );
  });
});

/**
 * `node -e HOLD_TERMINAL CLI ARGS…`: runs ckpt-perms, then writes `[exit CODE]` and keeps the terminal open until a line
 * is typed. Ctrl+C reaches ckpt-perms (the holder ignores it), as it would from a shell.
 */
const HOLD_TERMINAL = [
  "process.on('SIGINT', () => {});",
  "const run = require('node:child_process').spawnSync(process.execPath, process.argv.slice(1), { stdio: 'inherit' });",
  "process.stdout.write('\\n[exit ' + run.status + ']\\n');",
  "require('node:fs').readSync(0, Buffer.alloc(1));",
].join(' ');

describe('the JSON Schema shipped in the package', () => {
  const schema = JSON.parse(readFileSync(new URL('../../schema/access-file.schema.json', import.meta.url), 'utf8'));
  const validate = new Ajv({ allErrors: true }).compile(schema);

  it('accepts a dump and the docs example (docs/access-files.md), and refuses what plan refuses as a file', async () => {
    const server = await demo();
    const dumped = parse((await runCli(['dump'], envOf(server))).stdout);
    expect(validate(dumped), JSON.stringify(validate.errors)).toBe(true);
    const readme = readFileSync(new URL('../../docs/access-files.md', import.meta.url), 'utf8');
    const example = /```yaml\n(# yaml-language-server[^\n]*\n[\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    expect(validate(parse(example!)), JSON.stringify(validate.errors)).toBe(true);

    for (const bad of [
      { checkpoints: { 'ft:a:b': { projcts: [] } } },
      { checkpoints: { 'ft:a:b': { exclusive: 'yes', projects: [] } } },
      { checkpoints: { 'ft:a:b': { exclusive: true } } },
      { checkpoint: {} },
      { checkpoints: { 'ft:a:b': { projects: [' spaced '] } } },
      { checkpoints: { 'ft:a:b': { projects: ['sk-admin-Zx9yW8vU7tS6rQ5pO4nM3lK2jI1hG0fE'] } } },
    ]) {
      expect(validate(bad), JSON.stringify(bad)).toBe(false);
    }
  });
});

describe('the command line of plan and apply', () => {
  it.for([
    [['plan', '-f'], /^ckpt-perms: --file needs a value \(see ckpt-perms plan --help\)\n$/],
    [['plan', '-f', 'a.yaml', 'extra'], /^ckpt-perms: unexpected argument "extra": give the access file as -f FILE/],
    [['apply', '-f', 'a.yaml', '--exit-code'], /^ckpt-perms: --exit-code is not an option of apply/],
    [['plan', '-f', 'a.yaml', '--format', 'yaml'], /^ckpt-perms: --format of plan must be text or json/],
  ] as [string[], RegExp][])('%j is refused: exit 2, one line', async ([args, message]) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});
