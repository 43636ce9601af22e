// What the built binary keeps between runs per base URL and organization: the project directory's cache and the recent
// checkpoints; and projects-access with a recent checkpoint that is gone.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/api/client';
import { startDemoServer, type DemoServer } from '../../src/demo/server';
import { directoryCacheFile } from '../../src/ops/directory-cache';
import { organizationScope } from '../../src/store/scope';
import { runCli } from '../helpers/cli';
import { permissionOf, projectsWithoutAccess, renameProject } from '../helpers/demo-data';
import { closeAll, spawnTerminal } from '../helpers/pty';

let server: DemoServer;
let dir: string;

beforeAll(async () => {
  server = await startDemoServer();
});

afterAll(async () => {
  await server.close();
});

afterEach(async () => {
  await closeAll();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const fresh = () => {
  dir = mkdtempSync(join(tmpdir(), 'ckpt-perms-org-files-'));
  return {
    XDG_STATE_HOME: join(dir, 'state'),
    XDG_CACHE_HOME: join(dir, 'cache'),
    OPENAI_BASE_URL: server.baseUrl,
    OPENAI_ADMIN_KEY: server.adminKey,
  };
};
const scope = (organization?: string) => organizationScope(server.baseUrl, organization, server.adminKey);
const recentFile = () => join(dir, 'state', 'ckpt-perms', 'recent.json');

/** Opens `checkpoint` in the UI, waits for its names, quits. */
async function openInUi(env: Record<string, string>, checkpoint: string, extra: string[] = []): Promise<string> {
  const term = spawnTerminal({ args: [checkpoint, '--page-size', '5', ...extra], env, cols: 120, rows: 20 });
  const first = server.state.permissionsOf(checkpoint).at(-1)!;
  const name = server.state.projects().find((p) => p.id === first.project_id)!.name!;
  const screen = await term.waitFor((s) => s.includes('Page 1 ·') && s.includes(name));
  await term.press('q');
  expect((await term.waitForExit()).exitCode).toBe(0);
  return screen;
}

describe('the project directory cache (the binary)', () => {
  it('is written 0600 under $XDG_CACHE_HOME/ckpt-perms, holds no key, and gives the names on the next start at once', async () => {
    const env = fresh();
    const checkpoint = server.checkpoints[0]!;
    await openInUi(env, checkpoint);
    const file = directoryCacheFile(env, scope());
    expect(readdirSync(join(dir, 'cache', 'ckpt-perms'))).toEqual([file.split('/').at(-1)]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(server.adminKey);
    expect(text).not.toMatch(/sk-(admin|proj)-/);
    for (const name of readdirSync(join(dir, 'state', 'ckpt-perms'))) {
      expect(readFileSync(join(dir, 'state', 'ckpt-perms', name), 'utf8')).not.toContain(server.adminKey);
    }

    // Next start: the organization's project list never answers, the names are on screen anyway.
    server.injectFault('hang', { path: '/organization/projects' });
    await openInUi(env, checkpoint, ['--timeout', '60000']);
  });

  it('--no-cache neither reads nor writes it', async () => {
    const env = fresh();
    const checkpoint = server.checkpoints[0]!;
    const project = server.state.permissionsOf(checkpoint).at(-1)!.project_id;
    const file = directoryCacheFile(env, scope());
    await openInUi(env, checkpoint, ['--no-cache']);
    expect(existsSync(join(dir, 'cache'))).toBe(false);

    // A cache with another name for the first row's project: --no-cache shows the API's.
    mkdirSync(join(dir, 'cache', 'ckpt-perms'), { recursive: true });
    const cached = {
      kind: 'ckpt-perms project directory',
      version: 1,
      scope: scope(),
      projects: [[project, 'Only In The Cache', 'active']],
    };
    writeFileSync(file, JSON.stringify(cached), { mode: 0o600 });
    const before = statSync(file);
    const screen = await openInUi(env, checkpoint, ['--no-cache']);
    expect(screen).not.toContain('Only In The Cache');
    expect(readFileSync(file, 'utf8')).toBe(JSON.stringify(cached));
    expect(statSync(file).mtimeMs).toBe(before.mtimeMs);
  });

  it('is refreshed from the API on each start and kept per organization', async () => {
    const env = fresh();
    const checkpoint = server.checkpoints[0]!;
    const project = server.state.permissionsOf(checkpoint).at(-1)!.project_id;
    const original = server.state.projects().find((p) => p.id === project)!.name!;
    try {
      await openInUi(env, checkpoint);
      renameProject(server, project, 'Renamed For The Cache Test');
      await openInUi(env, checkpoint);
      const file = directoryCacheFile(env, scope());
      expect(readFileSync(file, 'utf8')).toContain('Renamed For The Cache Test');
      // Another organization (named with --organization) has its own file.
      await openInUi(env, checkpoint, ['--organization', 'org-other']);
      expect(readdirSync(join(dir, 'cache', 'ckpt-perms')).sort()).toEqual(
        [file, directoryCacheFile(env, scope('org-other'))].map((f) => f.split('/').at(-1)).sort(),
      );
    } finally {
      renameProject(server, project, original);
    }
  });
});

describe('recent checkpoints per organization (the binary)', () => {
  it('are kept per base URL and organization', async () => {
    const env = fresh();
    await openInUi(env, server.checkpoints[0]!);
    await openInUi(env, server.checkpoints[1]!, ['--organization', 'org-other']);
    const file = JSON.parse(readFileSync(recentFile(), 'utf8'));
    expect(file).toEqual({
      organizations: {
        [scope('org-other')]: { checkpoints: [server.checkpoints[1]] },
        [scope()]: { checkpoints: [server.checkpoints[0]] },
      },
    });
    expect(statSync(recentFile()).mode & 0o777).toBe(0o600);
  });

  it('projects-access skips a recent checkpoint that is gone or another organization’s, drops it, and exits 0', async () => {
    const env = fresh();
    const project = projectsWithoutAccess(server, server.checkpoints)[0]!;
    const client = createClient({ baseURL: server.baseUrl, adminApiKey: server.adminKey });
    await client.permissions.create(server.checkpoints[1]!, [project]);
    await client.close();
    const gone = 'ft:gpt-4o-mini-2024-07-18:other-org:elsewhere:Zx9Yw8Vu';
    const kept = [server.checkpoints[1]!, gone, server.checkpoints[2]!];
    mkdirSync(join(dir, 'state', 'ckpt-perms'), { recursive: true });
    writeFileSync(recentFile(), JSON.stringify({ organizations: { [scope()]: { checkpoints: kept } } }));

    const result = await runCli(['projects-access', '--project-id', project], env);
    expect(result.code).toBe(0);
    const document = JSON.parse(result.stdout);
    expect(document.data).toEqual([
      { fine_tuned_model_checkpoint: server.checkpoints[1], permission: permissionOf(server, server.checkpoints[1]!, project) },
    ]);
    expect(document.failed).toEqual([]);
    expect(document.checked).toBe(2);
    expect(document.skipped).toEqual([{ fine_tuned_model_checkpoint: gone, reason: expect.stringMatching(/not found \(404\)/) }]);
    // No ordinary key: the jobs were not listed, and the answer says it is partial.
    expect(result.stderr).toMatch(
      /^ckpt-perms: skipped 1 recent checkpoint\(s\) not found .*Zx9Yw8Vu\nckpt-perms: partial answer: checked only 2 checkpoints /,
    );
    expect(result.stderr.split('\n')).toHaveLength(3);
    expect(JSON.parse(readFileSync(recentFile(), 'utf8')).organizations[scope()].checkpoints).toEqual([
      server.checkpoints[1],
      server.checkpoints[2],
    ]);

    // Given on the command line, the same checkpoint is still a failure (exit 1): the user asked for it.
    const asked = await runCli(['projects-access', '--project-id', project, '--checkpoint', gone], env);
    expect(asked.code).toBe(1);
    expect(JSON.parse(asked.stdout).failed).toHaveLength(1);
  });
});
