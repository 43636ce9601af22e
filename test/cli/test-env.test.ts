// The tests' own environment (helpers/env.ts, setup-env.ts): a contributor's settings reach neither a test nor a child.
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { testEnv } from '../helpers/env';

const CONTRIBUTOR: Record<string, string> = {
  OPENAI_API_KEY: 'sk-proj-contributor',
  OPENAI_ADMIN_KEY: 'sk-admin-contributor',
  OPENAI_BASE_URL: 'http://127.0.0.1:9',
  OPENAI_ORG_ID: 'org-contributor',
  OPENAI_PROJECT_ID: 'proj_contributor',
  OPENAI_CUSTOM_HEADERS: 'x-a: b',
  OPENAI_WEBHOOK_SECRET: 'whsec_contributor',
  NO_COLOR: '1',
  FORCE_COLOR: '3',
  PAGER: 'cat',
  LESS: '-R',
  MORE: '-d',
  COLUMNS: '50',
  LINES: '10',
  TERM: 'dumb',
  CONTINUOUS_INTEGRATION: 'true',
  GITHUB_ACTIONS: 'true',
  HTTPS_PROXY: 'http://127.0.0.1:9',
  http_proxy: 'http://127.0.0.1:9',
  XDG_CACHE_HOME: '/tmp/contributor-cache',
  XDG_STATE_HOME: '/tmp/contributor-state',
  XDG_CONFIG_HOME: '/tmp/contributor-config',
  XDG_DATA_HOME: '/tmp/contributor-data',
  HOME: '/tmp/contributor-home',
};

const saved = { ...process.env };
afterEach(() => {
  for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
  Object.assign(process.env, saved);
});

/** The environment a child started with `env` sees. */
const childEnv = (env: NodeJS.ProcessEnv): Record<string, string> =>
  JSON.parse(execFileSync(process.execPath, ['-e', 'process.stdout.write(JSON.stringify(process.env))'], { env, encoding: 'utf8' }));

describe('the environment of the tests', () => {
  it('a test file runs without the contributor settings, its HOME and XDG folders in a temporary folder, CI false', () => {
    for (const name of Object.keys(CONTRIBUTOR).filter((n) => !/^(HOME|XDG_|CONTINUOUS_INTEGRATION)/.test(n)))
      expect(process.env[name], name).toBeUndefined();
    for (const name of ['HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME', 'XDG_CONFIG_HOME', 'XDG_DATA_HOME'])
      expect(process.env[name], name).toMatch(new RegExp(`^${tmpdir()}/ckpt-perms-home-`));
    // As vitest.config.ts states them.
    expect([process.env.CI, process.env.CONTINUOUS_INTEGRATION]).toEqual(['false', 'false']);
  });

  it('a child gets none of them though this process had them; what the test states it gets', () => {
    Object.assign(process.env, CONTRIBUTOR);
    const seen = childEnv(testEnv({ OPENAI_ADMIN_KEY: 'sk-admin-stated', PAGER: 'less' }));
    const leaked = Object.entries(CONTRIBUTOR).filter(([name, value]) => seen[name] === value);
    expect(leaked).toEqual([]);
    expect(seen.OPENAI_ADMIN_KEY).toBe('sk-admin-stated');
    expect(seen.PAGER).toBe('less');
    expect(seen.CI).toBe('false');
    expect(seen.HOME).toMatch(new RegExp(`^${tmpdir()}/ckpt-perms-home-`));
    expect(seen.XDG_CACHE_HOME).toBe(`${seen.HOME}/.cache`);
    expect(seen.PATH).toBe(saved.PATH);
  });

  it('a HOME the test gives carries the XDG folders with it, where the program would look without them', () => {
    const seen = childEnv(testEnv({ HOME: '/tmp/given' }));
    expect(seen).toMatchObject({
      HOME: '/tmp/given',
      XDG_CACHE_HOME: '/tmp/given/.cache',
      XDG_CONFIG_HOME: '/tmp/given/.config',
      XDG_DATA_HOME: '/tmp/given/.local/share',
      XDG_STATE_HOME: '/tmp/given/.local/state',
    });
  });
});
