// The environment every test and every child process it starts runs in: what the test states, and nothing of the
// contributor's machine that would change what the program does (keys, servers, colours, pager, terminal, home).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Variables read by the program or the libraries it bundles (Ink's is-in-ci and supports-color, the pager, the
 * terminal size), and npm's own (set under `npm test`, they would configure an npm a test starts): removed unless a
 * test sets them. `testEnv` gives CI as `false`, as vitest.config.ts does: Ink prints only the final frame when it
 * thinks it runs in CI, a mode no user sees.
 */
const MACHINE_PREFIXES = /^(OPENAI_|XDG_|CI_|npm_)|_PROXY$/i;
const MACHINE = new Set([
  ...['HOME', 'NO_PROXY', 'NODE_OPTIONS', 'PAGER', 'MANPAGER', 'LESS', 'MORE', 'COLUMNS', 'LINES', 'INK_SCREEN_READER'],
  ...['NO_COLOR', 'FORCE_COLOR', 'COLORTERM', 'TERM', 'TERM_PROGRAM', 'TERM_PROGRAM_VERSION', 'TMUX'],
  ...['CI', 'CONTINUOUS_INTEGRATION', 'GITHUB_ACTIONS', 'GITEA_ACTIONS', 'CIRCLECI', 'TRAVIS', 'APPVEYOR', 'GITLAB_CI'],
  ...['BUILDKITE', 'DRONE', 'TEAMCITY_VERSION'],
]);

let home: string | undefined;

/** This test file's home: a temporary folder, made on first use (the setup file sets HOME to it). */
export function testHome(): string {
  home ??= mkdtempSync(join(tmpdir(), 'ckpt-perms-home-'));
  return home;
}

/** Removes the test file's home; the next file run in this process (vitest's isolate: false) gets a new one. */
export function removeTestHome(): void {
  if (home !== undefined) rmSync(home, { recursive: true, force: true });
  home = undefined;
}

/** HOME and the four XDG base directories, all inside `dir`, where the specification puts them by default. */
export function homeVars(dir: string): Record<string, string> {
  return {
    HOME: dir,
    XDG_CACHE_HOME: join(dir, '.cache'),
    XDG_CONFIG_HOME: join(dir, '.config'),
    XDG_DATA_HOME: join(dir, '.local', 'share'),
    XDG_STATE_HOME: join(dir, '.local', 'state'),
  };
}

/** `env` without the machine's variables above (PATH, TMPDIR, LANG and the like stay). */
export function withoutMachine(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !MACHINE_PREFIXES.test(name) && !MACHINE.has(name.toUpperCase())));
}

/**
 * A child's environment: this process's without the machine's variables, HOME and XDG_* in the test's temporary home
 * (or under the HOME given, when one is), `CI=false`, then `overrides`. A test states here all the child may see.
 */
export function testEnv(overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...withoutMachine(process.env), CI: 'false', ...homeVars(overrides.HOME ?? testHome()), ...overrides };
}
