// The package as users get it: `npm pack` on a copy of the repository without dist/ (so its prepack script must build
// it), installed with `npm install -g` into an empty prefix, and the installed binary run with only Node on its PATH and
// none of this repository's node_modules reachable from where it lives.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testEnv } from '../helpers/env';
import { KEYS } from '../helpers/keys';
import { closeAll, spawnTerminal } from '../helpers/pty';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const MODEL = 'ft:gpt-4o-mini-2024-07-18:acme-corp:support-triage:JOmZHrYw';

function run(file: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve, reject) => {
    execFile(file, args, { ...options, timeout: 90_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') return reject(error);
      resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
    });
  });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

describe.skipIf(process.platform === 'win32')('npm pack and a global install of the tarball', () => {
  let work: string;
  let packed: { filename: string; files: { path: string }[] };
  let prefix: string;
  let installed: string;
  let installReport: { added: number };
  /** The environment the installed binary runs in: a PATH holding only `node` and the prefix's bin, a fresh HOME. */
  let userEnv: NodeJS.ProcessEnv;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'ckpt-perms-pack-'));
    // The repository as a fresh clone has it (no dist/), with this checkout's node_modules for the build.
    const clone = join(work, 'clone');
    cpSync(ROOT, clone, {
      recursive: true,
      filter: (source) => !['node_modules', 'dist', '.git'].includes(basename(source)) && !source.endsWith('.tgz'),
    });
    symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'), 'dir');

    const pack = await run('npm', ['pack', '--json', '--pack-destination', work], { cwd: clone, env: testEnv() });
    expect(pack.code, pack.stderr).toBe(0);
    [packed] = JSON.parse(pack.stdout) as [typeof packed];

    // No dependencies, so nothing to fetch: --offline proves it.
    prefix = join(work, 'prefix');
    const install = await run(
      'npm',
      ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', '--json', join(work, packed.filename)],
      { cwd: work, env: testEnv() },
    );
    expect(install.code, install.stderr).toBe(0);
    installReport = JSON.parse(install.stdout) as typeof installReport;
    installed = join(prefix, 'lib', 'node_modules', 'ckpt-perms');

    const nodeBin = join(work, 'node-bin');
    mkdirSync(nodeBin);
    symlinkSync(process.execPath, join(nodeBin, 'node'));
    userEnv = { PATH: `${join(prefix, 'bin')}:${nodeBin}`, HOME: work, XDG_STATE_HOME: join(work, 'state'), TERM: 'dumb' };
  }, 180_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });
  afterEach(closeAll);

  it('packs the built bundle, the README, the licences and package.json, and no sources', () => {
    const paths = packed.files.map((file) => file.path);
    // dist/ did not exist in the copy: prepack built it.
    expect(paths).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'LICENSE',
        'dist/cli.js',
        'dist/THIRD-PARTY-NOTICES.txt',
        // The man page, built from docs/ (package.json "man"), and the docs themselves.
        'dist/ckpt-perms.1',
        'docs/README.md',
        'docs/commands.md',
        // The access file's JSON Schema, for editors (README: Access as code).
        'schema/access-file.schema.json',
      ]),
    );
    expect(paths.filter((path) => /^(src|test|scripts|bench|node_modules)\//.test(path))).toEqual([]);
    expect(paths.some((path) => path.startsWith('dist/chunks/'))).toBe(true);
  });

  it('installs exactly one package, under 3 MB, that needs no other package at run time', async () => {
    expect(installReport.added).toBe(1);
    expect(readdirSync(join(prefix, 'lib', 'node_modules'))).toEqual(['ckpt-perms']);
    expect(existsSync(join(installed, 'node_modules'))).toBe(false);
    const files = filesUnder(installed);
    const bytes = files.reduce((sum, file) => sum + statSync(file).size, 0);
    expect(bytes).toBeLessThan(3 * 1024 * 1024);
    // The notices of the bundled libraries and of the code ported here (the GJSON port) go with it.
    const notices = readFileSync(join(installed, 'dist', 'THIRD-PARTY-NOTICES.txt'), 'utf8');
    expect(notices).toContain('tidwall/gjson v1.19.0');
    expect(notices).toMatch(/^ink \d/m);

    // Every module the installed files import or require (esbuild parses them) is one of their own or Node's.
    const scan = await build({
      entryPoints: [join(installed, 'dist', 'cli.js')],
      absWorkingDir: installed,
      bundle: true,
      write: false,
      metafile: true,
      platform: 'node',
      format: 'esm',
      logLevel: 'silent',
    });
    const inputs = Object.keys(scan.metafile.inputs);
    expect(inputs.length).toBeGreaterThan(10);
    expect(inputs.filter((input) => !input.startsWith('dist/'))).toEqual([]);
    const outside = Object.values(scan.metafile.outputs)
      .flatMap((output) => output.imports)
      .filter((i) => i.external && !i.path.startsWith('node:') && !isBuiltin(i.path));
    expect(outside).toEqual([]);
    // And no other node_modules folder is on the installed files' module search path (the folders above them).
    const above: string[] = [];
    for (let dir = dirname(join(prefix, 'lib')); dir !== dirname(dir); dir = dirname(dir)) above.push(dir);
    expect(above.filter((dir) => existsSync(join(dir, 'node_modules')))).toEqual([]);
  });

  it('runs --version, --help and list --demo from the installed binary', async () => {
    const bin = join(prefix, 'bin', 'ckpt-perms');
    const versionRun = await run(bin, ['--version'], { cwd: work, env: userEnv });
    expect(versionRun).toMatchObject({ code: 0, stdout: `${version}\n` });

    const help = await run(bin, ['--help'], { cwd: work, env: userEnv });
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/^Usage:/m);
    expect(help.stdout).toContain('ckpt-perms list');

    const list = await run(bin, ['list', '--demo', MODEL], { cwd: work, env: userEnv });
    expect(list.code, list.stderr).toBe(0);
    const body = JSON.parse(list.stdout) as { object: string; data: { object: string }[] };
    expect(body.object).toBe('list');
    expect(body.data.length).toBeGreaterThan(0);
    expect(body.data.every((row) => row.object === 'checkpoint.permission')).toBe(true);
  });

  it('installs the man page where man looks for it', async () => {
    const page = join(prefix, 'share', 'man', 'man1', 'ckpt-perms.1');
    expect(readFileSync(page, 'utf8')).toMatch(/^\.TH "CKPT\\-PERMS" "1"/);
    // man itself reads it, when the machine has man (not every contributor's does).
    const which = await run('sh', ['-c', 'command -v man'], { cwd: work, env: { PATH: process.env.PATH } });
    if (which.code !== 0) return;
    const shown = await run('man', ['-P', 'cat', 'ckpt-perms'], {
      cwd: work,
      env: { PATH: process.env.PATH, MANPATH: join(prefix, 'share', 'man'), MANWIDTH: '100', HOME: work, LANG: 'C.UTF-8' },
    });
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toMatch(/^NAME\n\s+ckpt-perms - manage who may use a fine-tuned OpenAI model checkpoint/m);
    expect(shown.stdout).toMatch(/^COMMANDS$/m);
  });

  it('runs --demo in a terminal from the installed files', async () => {
    const term = spawnTerminal({
      command: [join(installed, 'dist', 'cli.js'), '--demo'],
      cwd: work,
      env: { HOME: work, NODE_PATH: '', NODE_OPTIONS: '' },
    });
    await term.waitFor(/Pick a checkpoint │ DEMO/);
    await term.waitFor(/\d+ from fine-tuning jobs/);
    await term.press(KEYS.ctrlC);
    expect((await term.waitForExit()).exitCode).toBe(0);
  });
});
