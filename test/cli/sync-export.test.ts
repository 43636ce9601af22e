// sync, projects-access and export as a script (and a person at a terminal) would run them: the built binary against the demo API.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createClient } from '../../src/api/client';
import { startDemoServer, type DemoServer } from '../../src/demo/server';
import { EXPORT_COLUMNS, exportFileName } from '../../src/ops/export';
import { runCli } from '../helpers/cli';
import { csvObjects } from '../helpers/csv';
import {
  archiveProject,
  expectedExportRows,
  permissionOf,
  projectsOf,
  projectsWithoutAccess,
  renameProject,
  writesSince,
} from '../helpers/demo-data';
import { failingProxy } from '../helpers/proxy';
import { closeAll, spawnTerminal } from '../helpers/pty';

let server: DemoServer;
let env: Record<string, string>;
let stateDir: string;
let from: string;
let to: string;

async function freshServer(): Promise<void> {
  server = await startDemoServer();
  env = { OPENAI_BASE_URL: server.baseUrl, OPENAI_ADMIN_KEY: server.adminKey, XDG_STATE_HOME: stateDir };
  from = server.checkpoints[2]!; // 12 permissions
  to = server.checkpoints[3]!; // 9
}

beforeAll(() => {
  // Never this machine's recent checkpoints.
  stateDir = mkdtempSync(join(tmpdir(), 'ckpt-perms-cli-state-'));
});

afterAll(() => {
  rmSync(stateDir, { recursive: true, force: true });
});

const union = (a: string[], b: string[]) => [...new Set([...a, ...b])].sort();
const lines = (text: string) => text.split('\n').filter(Boolean);
/** One line on stderr and nothing else: no stack trace. */
const oneLine = (stderr: string) => expect(stderr.split('\n')).toHaveLength(2);

describe('sync', () => {
  beforeEach(freshServer);
  afterEach(async () => {
    await closeAll();
    await server.close();
  });

  /** The plan as the server's state says it must be. */
  const expectedPlan = () => {
    const source = projectsOf(server, from);
    const target = projectsOf(server, to);
    return {
      source,
      target,
      add: source.filter((id) => !target.includes(id)),
      unchanged: source.filter((id) => target.includes(id)),
      kept: target.filter((id) => !source.includes(id)),
      remove: server.state
        .permissionsOf(to)
        .filter((p) => !source.includes(p.project_id))
        .sort((a, b) => a.project_id.localeCompare(b.project_id)),
    };
  };
  const nameOf = (id: string) => server.state.projects().find((p) => p.id === id)?.name;

  it('--dry-run prints the plan with project names and changes nothing', async () => {
    const { source, target, add, unchanged, kept } = expectedPlan();
    expect(add.length).toBeGreaterThan(1);
    const mark = server.requests.length;
    const result = await runCli(['sync', '--from', from, '--to', to, '--dry-run'], env);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect([projectsOf(server, from), projectsOf(server, to)]).toEqual([source, target]);
    expect(writesSince(server, mark)).toEqual([]);

    const n = (count: number) => String(count).padStart(2);
    expect(result.stdout).toBe(
      [
        `Sync ${from} → ${to}`,
        `  add       ${n(add.length)}  ${add[0]} (${nameOf(add[0]!)})`,
        ...add.slice(1).map((id) => `${' '.repeat(14)}  ${id} (${nameOf(id)})`),
        `  unchanged ${n(unchanged.length)}`,
        `  kept      ${n(kept.length)}  (only on the target; --prune would remove them)`,
        'dry run: nothing changed',
        '',
      ].join('\n'),
    );
  });

  it('without a terminal and without --yes prints the plan, changes nothing and exits 2', async () => {
    const { target, remove } = expectedPlan();
    const mark = server.requests.length;
    const result = await runCli(['sync', '--from', from, '--to', to, '--prune'], env);
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/^Sync .* \(prune\)\n {2}add +\d+ {2}proj_/);
    const first = remove[0]!;
    expect(result.stdout).toMatch(
      new RegExp(`\\n {2}remove +${remove.length} {2}${first.project_id} \\(${nameOf(first.project_id)}\\) {2}${first.id}\\n`),
    );
    expect(result.stdout).not.toContain('kept');
    expect(result.stderr).toBe(
      'ckpt-perms: nothing changed (no terminal to confirm in): pass --yes to apply this plan, or --dry-run to only show it\n',
    );
    expect(projectsOf(server, to)).toEqual(target);
    expect(writesSince(server, mark)).toEqual([]);
  });

  it('--yes makes the target a superset of the source and reports each project', async () => {
    const { source, target, add } = expectedPlan();
    const result = await runCli(['sync', '--from', from, '--to', to, '--yes'], env);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(projectsOf(server, to)).toEqual(union(source, target));

    const out = lines(result.stdout);
    const report = out.slice(out.findIndex((line) => line.startsWith('✓')));
    expect(report).toEqual([
      ...add.map((id) => `✓ added ${id} (${nameOf(id)}) (permission ${permissionOf(server, to, id)!.id})`),
      `done: ${add.length} added, 0 removed, 0 failed`,
    ]);

    // Run again: nothing left to do.
    const again = await runCli(['sync', '--from', from, '--to', to, '--yes'], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/\n {2}add +0\n {2}unchanged 12\n {2}kept .*\nalready in sync: nothing to do\n$/);
  });

  it('--prune --yes makes the sets equal', async () => {
    const { source, add, remove } = expectedPlan();
    const result = await runCli(['sync', '--from', from, '--to', to, '--prune', '--yes'], env);
    expect(result.code).toBe(0);
    expect(projectsOf(server, to)).toEqual(source);
    for (const p of remove) expect(result.stdout).toContain(`\n✓ removed ${p.project_id} (${nameOf(p.project_id)}) (permission ${p.id})\n`);
    expect(result.stdout).toMatch(new RegExp(`\\ndone: ${add.length} added, ${remove.length} removed, 0 failed\\n$`));
  });

  it('--format json prints the plan and the outcomes as one document', async () => {
    const { target, add, unchanged, remove } = expectedPlan();
    const dry = await runCli(['sync', '--from', from, '--to', to, '--format', 'json', '--prune', '--dry-run'], env);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toEqual({
      from,
      to,
      prune: true,
      add: add.map((id) => ({ project_id: id, project_name: nameOf(id) })),
      remove: remove.map((p) => ({ project_id: p.project_id, project_name: nameOf(p.project_id), permission_id: p.id })),
      unchanged,
      kept: [],
      applied: false,
    });

    // JSON never asks: without --yes, the plan, one line on stderr, exit 2.
    const unconfirmed = await runCli(['sync', '--from', from, '--to', to, '--format', 'json'], env);
    expect(unconfirmed.code).toBe(2);
    expect(JSON.parse(unconfirmed.stdout).applied).toBe(false);
    expect(unconfirmed.stderr).toMatch(/^ckpt-perms: nothing changed \(--format json never asks\): pass --yes/);
    oneLine(unconfirmed.stderr);
    expect(projectsOf(server, to)).toEqual(target);

    const applied = await runCli(['sync', '--from', from, '--to', to, '--format', 'json', '--yes'], env);
    expect(applied.code).toBe(0);
    const document = JSON.parse(applied.stdout);
    expect(document.applied).toBe(true);
    expect(document.interrupted).toBe(null);
    expect(document.outcomes).toEqual(
      add.map((id) => ({
        project_id: id,
        action: 'add',
        status: 'done',
        ok: true,
        permission_id: permissionOf(server, to, id)!.id,
        reason: null,
      })),
    );
  });

  it('names a project that could not be added, gives the others access, and exits 1', async () => {
    const { add } = expectedPlan();
    const archived = add[0]!;
    archiveProject(server, archived);
    const result = await runCli(['sync', '--from', from, '--to', to, '--yes'], env);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      new RegExp(`^✗ not added ${archived} \\(.*\\): 400 invalid_request_error: .*archived.*\\(request req_\\w+\\)$`, 'm'),
    );
    expect(result.stdout).toMatch(new RegExp(`\\ndone: ${add.length - 1} added, 0 removed, 1 failed\\n$`));
    expect(result.stderr).toBe(`ckpt-perms: 1 of ${add.length} changes failed (listed above)\n`);
    const target = projectsOf(server, to);
    for (const id of add) expect(target.includes(id)).toBe(id !== archived);
  });

  it('still plans and applies, with ids only, when the project names cannot be read', async () => {
    const { add } = expectedPlan();
    const proxy = await failingProxy(server.baseUrl, '/organization/projects', 403);
    try {
      const result = await runCli(['sync', '--from', from, '--to', to, '--yes', '--max-retries', '0'], {
        ...env,
        OPENAI_BASE_URL: proxy.url,
      });
      expect(result.code).toBe(0);
      expect(result.stderr).toMatch(/^ckpt-perms: project names unavailable, showing ids only \(403 .*failed by the test proxy/);
      oneLine(result.stderr);
      expect(result.stdout).toContain(`  add       ${String(add.length).padStart(2)}  ${add[0]}\n`);
      expect(result.stdout).toContain(`✓ added ${add[0]} (permission ${permissionOf(server, to, add[0]!)!.id})\n`);
    } finally {
      await proxy.close();
    }
  });

  describe('in a terminal', () => {
    it('asks before applying: n changes nothing, y applies', async () => {
      const before = projectsOf(server, to);
      const no = spawnTerminal({ args: ['sync', '--from', from, '--to', to], env, cols: 200, rows: 40 });
      await no.waitFor('Apply? [y/N]');
      expect(projectsOf(server, to)).toEqual(before);
      await no.type('n\r');
      expect((await no.waitForExit()).exitCode).toBe(0);
      expect(no.screen()).toContain('not applied: nothing changed');
      expect(projectsOf(server, to)).toEqual(before);

      const yes = spawnTerminal({ args: ['sync', '--from', from, '--to', to, '--prune'], env, cols: 200, rows: 60 });
      await yes.waitFor('Apply? [y/N]');
      await yes.type('yes\r');
      expect((await yes.waitForExit()).exitCode).toBe(0);
      expect(yes.screen()).toMatch(/done: \d+ added, \d+ removed, 0 failed/);
      expect(projectsOf(server, to)).toEqual(projectsOf(server, from));
    });

    it('takes Enter alone as No', async () => {
      const before = projectsOf(server, to);
      const term = spawnTerminal({ args: ['sync', '--from', from, '--to', to], env, cols: 200, rows: 40 });
      await term.waitFor('Apply? [y/N]');
      await term.type('\r');
      expect((await term.waitForExit()).exitCode).toBe(0);
      expect(term.screen()).toContain('not applied: nothing changed');
      expect(projectsOf(server, to)).toEqual(before);
    });
  });
});

describe('export and projects-access', () => {
  let outDir: string;
  let checkpoint: string;

  beforeAll(async () => {
    stateDir = mkdtempSync(join(tmpdir(), 'ckpt-perms-cli-state-'));
    await freshServer();
    outDir = mkdtempSync(join(tmpdir(), 'ckpt-perms-export-'));
    checkpoint = server.checkpoints[1]!; // 24 permissions
    const permissions = server.state.permissionsOf(checkpoint);
    renameProject(server, permissions[0]!.project_id, '=HYPERLINK("http://x.example"), "two"\nlines');
    renameProject(server, permissions[1]!.project_id, 'Evil\u001b]0;pwned\u0007Name\u202E');
  });

  afterAll(async () => {
    await closeAll();
    await server.close();
    rmSync(outDir, { recursive: true, force: true });
  });

  /** The export's rows as the server's state says, with what CSV does to the two odd names. */
  const expectedCsv = () =>
    expectedExportRows(server, checkpoint).map((row) => ({
      ...row,
      project_name: row.project_name.startsWith('=')
        ? `'${row.project_name}`
        : row.project_name.replace(/\u001b\]0;pwned\u0007|\u202E/g, ''),
    }));
  const byId = (rows: Record<string, string>[]) => [...rows].sort((a, b) => a.permission_id!.localeCompare(b.permission_id!));

  it('export prints CSV that reads back as the server’s rows', async () => {
    const result = await runCli(['export', '--fine-tuned-model-checkpoint', checkpoint], env);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout.split('\r\n')[0]).toBe(EXPORT_COLUMNS.join(','));
    const rows = csvObjects(result.stdout);
    expect(byId(rows)).toEqual(expectedCsv());
    expect(rows.map((r) => r.project_name)).toContain(`'=HYPERLINK("http://x.example"), "two"\nlines`);
    expect(rows.map((r) => r.project_name)).toContain('EvilName');
    expect(result.stdout).not.toMatch(/[\u001b\u0007\u202e]/);
  });

  it('export --output FILE writes the file whole, says so on stderr, and replaces an old one', async () => {
    const file = join(outDir, 'perms.csv');
    writeFileSync(file, 'old content that is longer than nothing\n');
    const result = await runCli(['export', checkpoint, '--output', file], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`ckpt-perms: wrote 24 permissions to ${file}\n`);
    expect(byId(csvObjects(readFileSync(file, 'utf8')))).toEqual(expectedCsv());
    // No temporary file left behind.
    expect(readdirSync(outDir)).toEqual(['perms.csv']);
  });

  it('export --output DIR names the file after the checkpoint; a .json name gets JSON', async () => {
    const dir = join(outDir, 'dir');
    mkdirSync(dir);
    const toDir = await runCli(['export', checkpoint, '--output', dir], env);
    expect(toDir.code).toBe(0);
    const file = join(dir, exportFileName(checkpoint, 'csv'));
    expect(toDir.stderr).toBe(`ckpt-perms: wrote 24 permissions to ${file}\n`);
    expect(statSync(file).mode & 0o777).toBe(0o644 & ~process.umask());
    expect(csvObjects(readFileSync(file, 'utf8'))).toHaveLength(24);

    const jsonFile = join(outDir, 'perms.json');
    const asJson = await runCli(['export', checkpoint, '--output', jsonFile], env);
    expect(asJson.code).toBe(0);
    expect(JSON.parse(readFileSync(jsonFile, 'utf8')).permissions).toHaveLength(24);
  });

  it('export --output - is standard output; a replaced file keeps its permissions', async () => {
    const dash = await runCli(['export', checkpoint, '--output', '-'], env);
    expect(dash).toMatchObject({ code: 0, stderr: '' });
    expect(csvObjects(dash.stdout)).toHaveLength(24);

    const file = join(outDir, 'private.csv');
    writeFileSync(file, 'old\n', { mode: 0o600 });
    const result = await runCli(['export', checkpoint, '--output', file], env);
    expect(result.code).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(csvObjects(readFileSync(file, 'utf8'))).toHaveLength(24);
  });

  it('export --format json prints the checkpoint and every row', async () => {
    const result = await runCli(['export', checkpoint, '--format', 'json'], env);
    expect(result.code).toBe(0);
    const document = JSON.parse(result.stdout);
    expect(Object.keys(document)).toEqual(['fine_tuned_model_checkpoint', 'permissions']);
    expect(document.fine_tuned_model_checkpoint).toBe(checkpoint);
    // JSON keeps the names exactly (escaped so a terminal shows them inert).
    expect(byId(document.permissions)).toEqual(expectedExportRows(server, checkpoint));
    expect(result.stdout).not.toMatch(/[\u001b\u0007\u202e]/);
  });

  it('export never prints or writes a key, even one a server put in a project name', async () => {
    const project = server.state.permissionsOf(checkpoint)[2]!.project_id;
    renameProject(server, project, `leak ${server.adminKey}`);
    try {
      const out = await runCli(['export', checkpoint], env);
      const file = join(outDir, 'leak.csv');
      await runCli(['export', checkpoint, '--output', file], env);
      for (const text of [out.stdout, readFileSync(file, 'utf8')]) {
        expect(text).toContain('leak sk-admin-');
        expect(text).not.toContain(server.adminKey);
      }
    } finally {
      renameProject(server, project, 'Plain again');
    }
  });

  it('export to a directory that does not exist is refused before anything is sent', async () => {
    const mark = server.requests.length;
    const result = await runCli(['export', checkpoint, '--output', join(outDir, 'missing', 'x.csv')], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^ckpt-perms: --output: the directory .*missing does not exist \(see ckpt-perms export --help\)\n$/);
    expect(server.requests.length).toBe(mark);
  });

  describe('projects-access', () => {
    let project: string;
    let withAccess: string[];

    beforeAll(async () => {
      project = projectsWithoutAccess(server, server.checkpoints)[0]!;
      withAccess = server.checkpoints.filter((_, i) => i % 4 !== 2);
      const client = createClient({ baseURL: server.baseUrl, adminApiKey: server.adminKey });
      for (const c of withAccess) await client.permissions.create(c, [project]);
      await client.close();
    });

    const expectedData = () => withAccess.map((c) => ({ fine_tuned_model_checkpoint: c, permission: permissionOf(server, c, project) }));

    it('finds every checkpoint the server says the project may use, from --checkpoint given repeatedly', async () => {
      const args = server.checkpoints.flatMap((c) => ['--checkpoint', c]);
      const result = await runCli(['projects-access', '--project-id', project, ...args], env);
      // No ordinary key: only the named checkpoints were checked, and it says so.
      expect(result.code).toBe(0);
      expect(result.stderr).toMatch(/^ckpt-perms: partial answer: checked only \d+ checkpoints? [^\n]*\n$/);
      expect(JSON.parse(result.stdout)).toEqual({
        object: 'list',
        project_id: project,
        data: expectedData(),
        checked: 12,
        failed: [],
        skipped: [],
        complete: false,
      });
      expect(result.stdout).toBe(`${JSON.stringify(JSON.parse(result.stdout), null, 2)}\n`);
    });

    it('checks the recent checkpoints kept in the state directory, and prints one item a line with --format jsonl', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'ckpt-perms-recent-'));
      try {
        mkdirSync(join(dir, 'ckpt-perms'));
        writeFileSync(join(dir, 'ckpt-perms', 'recent.json'), JSON.stringify({ checkpoints: server.checkpoints }));
        const result = await runCli(['projects-access', '--project-id', project, '--format', 'jsonl'], { ...env, XDG_STATE_HOME: dir });
        expect(result.code).toBe(0);
        expect(result.stderr).toMatch(/^ckpt-perms: partial answer: checked only \d+ checkpoints? [^\n]*\n$/);
        expect(lines(result.stdout).map((line) => JSON.parse(line))).toEqual(expectedData());
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('browses the fine-tuning jobs with an ordinary key', async () => {
      const result = await runCli(['projects-access', '--project-id', project], { ...env, OPENAI_API_KEY: server.apiKey });
      expect(result.code).toBe(0);
      const document = JSON.parse(result.stdout);
      expect(document.checked).toBe(12);
      expect([...document.data].sort((a, b) => a.fine_tuned_model_checkpoint.localeCompare(b.fine_tuned_model_checkpoint))).toEqual(
        expectedData().sort((a, b) => a.fine_tuned_model_checkpoint.localeCompare(b.fine_tuned_model_checkpoint)),
      );
    });

    it('prints what it found, lists the failed lookup and exits 1', async () => {
      const gone = 'ft:gpt-4o-mini-2024-07-18:acme-corp:gone:zzz';
      const result = await runCli(['projects-access', '--project-id', project, '--checkpoint', withAccess[0]!, '--checkpoint', gone], env);
      expect(result.code).toBe(1);
      const document = JSON.parse(result.stdout);
      expect(document.data).toEqual(expectedData().slice(0, 1));
      expect(document.checked).toBe(2);
      expect(document.failed).toEqual([
        {
          fine_tuned_model_checkpoint: gone,
          error: expect.stringMatching(/^404 model_not_found: .*\(request req_\w+\); check the checkpoint id/),
        },
      ]);
      expect(result.stderr).toMatch(
        /^ckpt-perms: 1 of 2 checkpoint lookups failed \(see "failed"\)\nckpt-perms: partial answer: checked only 2 checkpoints [^\n]*\n$/,
      );
    });

    it('refuses a project the organization does not have, exit 1', async () => {
      const result = await runCli(['projects-access', '--project-id', 'proj_doesnotexist', '--checkpoint', withAccess[0]!], env);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^ckpt-perms: 404 .*proj_doesnotexist/);
      oneLine(result.stderr);
    });

    it('says how to give checkpoints when it has none, exit 2, nothing sent', async () => {
      const mark = server.requests.length;
      const result = await runCli(['projects-access', '--project-id', project], env);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^ckpt-perms: no checkpoints to check: give them with --checkpoint ID .*--api-key or OPENAI_API_KEY/);
      oneLine(result.stderr);
      expect(server.requests.length).toBe(mark);
    });

    it('draws a progress bar on a terminal’s stderr and erases it', async () => {
      const args = server.checkpoints.flatMap((c) => ['--checkpoint', c]);
      const term = spawnTerminal({ args: ['projects-access', '--project-id', project, ...args], env, cols: 200, rows: 100 });
      expect((await term.waitForExit()).exitCode).toBe(0);
      const raw = term.raw();
      expect(raw).toContain('\r[--------------------] 0/12 checkpoints');
      expect(raw).toContain('\r[####################] 12/12 checkpoints');
      expect(term.screen()).not.toContain('checkpoints\n');
      expect(term.screen()).not.toMatch(/\[#*-*\] \d+\/12/);
      // stdout is the terminal too: the table for people (issue 26), under the erased bar.
      expect(term.screen()).toMatch(new RegExp(`^${project}.* may use \\d+ of the 12 checkpoints checked$`, 'm'));
    });
  });
});

describe('help', () => {
  it('lists the new commands, and each has its own help', async () => {
    const help = await runCli(['--help']);
    for (const command of ['sync', 'projects-access', 'export']) expect(help.stdout).toContain(`ckpt-perms ${command}`);
    const sync = await runCli(['sync', '--help']);
    expect(sync.stdout).toContain('--prune');
    expect(sync.stdout).toContain('Apply? [y/N]');
    expect(sync.stdout).not.toContain('--permission-id ID ');
    expect(sync.stdout).toContain('--format text|json');
    expect(sync.stdout).not.toContain('--format json|jsonl');
    const exportHelp = (await runCli(['export', '--help'])).stdout;
    expect(exportHelp).toContain('--output FILE');
    expect(exportHelp).not.toContain('--format json|jsonl');
    expect(exportHelp).toContain('--max-retries N');
    expect((await runCli(['projects-access', '--help'])).stdout).toContain('--checkpoint ID');
  });
});

describe('bad input: one line, exit 2, nothing sent', () => {
  beforeAll(async () => {
    await freshServer();
  });
  afterAll(async () => {
    await server.close();
  });

  const cases: [string, string[], RegExp][] = [
    ['sync --from = --to', ['sync', '--from', 'ft:a:b', '--to', 'ft:a:b'], /--from and --to are the same checkpoint/],
    ['sync without --from', ['sync', '--to', 'ft:a:b'], /sync needs --from CHECKPOINT/],
    ['sync without --to', ['sync', '--from', 'ft:a:b'], /sync needs --to CHECKPOINT/],
    [
      'sync with a positional',
      ['sync', 'ft:a:b', '--from', 'ft:a:b', '--to', 'ft:c:d'],
      /unexpected argument "ft:a:b": give the checkpoints as --from and --to/,
    ],
    [
      'sync --from with control characters',
      ['sync', '--from', 'ft:a\u001b[2J:b', '--to', 'ft:c:d'],
      /--from: the checkpoint id contains control characters/,
    ],
    ['sync --to empty', ['sync', '--from', 'ft:a:b', '--to='], /--to: the checkpoint id is empty/],
    [
      'sync --dry-run --yes',
      ['sync', '--from', 'ft:a:b', '--to', 'ft:c:d', '--dry-run', '--yes'],
      /--dry-run and --yes contradict each other/,
    ],
    ['sync --to twice', ['sync', '--from', 'ft:a:b', '--to', 'ft:c:d', '--to', 'ft:e:f'], /--to is given twice with different values/],
    [
      'sync --format jsonl',
      ['sync', '--from', 'ft:a:b', '--to', 'ft:c:d', '--format', 'jsonl'],
      /--format of sync must be text or json \(got "jsonl"\)/,
    ],
    ['sync --output', ['sync', '--from', 'ft:a:b', '--to', 'ft:c:d', '--output', 'x'], /--output is not an option of sync/],
    ['sync --prune=yes', ['sync', '--from', 'ft:a:b', '--to', 'ft:c:d', '--prune=yes'], /--prune/],
    [
      'sync --max-retries 11',
      ['sync', '--from', 'ft:a:b', '--to', 'ft:c:d', '--max-retries', '11'],
      /--max-retries must be a whole number from 0 to 10/,
    ],
    ['export without a checkpoint', ['export'], /export needs a checkpoint/],
    ['export --format jsonl', ['export', 'ft:a:b', '--format', 'jsonl'], /--format of export must be csv or json \(got "jsonl"\)/],
    ['export --format xml', ['export', 'ft:a:b', '--format', 'xml'], /--format of export must be csv or json/],
    ['export --output empty', ['export', 'ft:a:b', '--output='], /--output needs a file name/],
    [
      'export --output twice',
      ['export', 'ft:a:b', '--output', 'a.csv', '--output', 'b.csv'],
      /--output is given twice with different values/,
    ],
    ['export --output without a value', ['export', 'ft:a:b', '--output'], /--output needs a value/],
    ['export with two checkpoints', ['export', 'ft:a:b', '--fine-tuned-model-checkpoint', 'ft:c:d'], /two different checkpoints given/],
    ['export --checkpoint', ['export', 'ft:a:b', '--checkpoint', 'ft:c:d'], /--checkpoint is not an option of export/],
    ['projects-access without --project-id', ['projects-access', '--checkpoint', 'ft:a:b'], /projects-access needs --project-id/],
    [
      'projects-access with two projects',
      ['projects-access', '--project-id', 'proj_a', '--project-id', 'proj_b'],
      /one --project-id at a time/,
    ],
    ['projects-access with a bad project', ['projects-access', '--project-id', 'proj_a b'], /--project-id: "proj_a b" is not a project id/],
    [
      'projects-access with a bad --checkpoint',
      ['projects-access', '--project-id', 'proj_a', '--checkpoint', ' ft:a:b'],
      /--checkpoint: the checkpoint id starts or ends with spaces/,
    ],
    ['projects-access with a positional', ['projects-access', 'ft:a:b', '--project-id', 'proj_a'], /unexpected argument "ft:a:b"/],
    ['projects-access --format csv', ['projects-access', '--project-id', 'proj_a', '--format', 'csv'], /--format must be json or jsonl/],
    ['projects-access --yes', ['projects-access', '--project-id', 'proj_a', '--yes'], /--yes is not an option of projects-access/],
  ];
  for (const [name, args, message] of cases) {
    it(name, async () => {
      const mark = server.requests.length;
      const result = await runCli(args, env);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(message);
      expect(result.stderr).toMatch(/^ckpt-perms: .*\(see ckpt-perms [a-z-]+ --help\)\n$/);
      oneLine(result.stderr);
      expect(server.requests.length).toBe(mark);
    });
  }
});
