// Shell completion: the scripts in real shells (bash always; zsh when installed), completing `ckpt-perms fi<Tab>` and a
// checkpoint id from the recent list, and the candidates behind them, which never come from the API.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fileRecent, recentFilePath } from '../../src/store/recent';
import { organizationScope } from '../../src/store/scope';
import { CLI, cliOnPath, runCli } from '../helpers/cli';
import { testEnv } from '../helpers/env';
import { GROUP } from '../helpers/official';
import { closeAll, spawnTerminal } from '../helpers/pty';

const ADMIN = 'sk-admin-completionTestKeyQ7wErT9yUiOpAs';
const RECENT = [
  'ft:gpt-4o-mini-2024-07-18:acme-corp:support-triage:JOmZHrYw',
  'ft:gpt-4.1-mini-2025-04-14:acme-corp:billing-insights:2oPd5MjL',
];

const installed = (shell: string) => {
  try {
    execFileSync(shell, ['-c', 'true'], { env: testEnv(), stdio: 'ignore' });
    return true;
  } catch {
    console.warn(`${shell} completion test skipped: ${shell} is not installed (apt-get install ${shell} to run it)`);
    return false;
  }
};
const hasZsh = installed('zsh');
const hasFish = installed('fish');

const state = mkdtempSync(join(tmpdir(), 'ckpt-completion-'));
let port: number;
let connections = 0;
const guard = createServer((socket) => {
  connections++;
  socket.destroy();
});
let env: Record<string, string>;

beforeAll(async () => {
  await new Promise<void>((resolve) => guard.listen(0, '127.0.0.1', resolve));
  port = (guard.address() as { port: number }).port;
  const baseUrl = `http://127.0.0.1:${port}/v1`;
  env = { XDG_STATE_HOME: state, OPENAI_BASE_URL: baseUrl, OPENAI_ADMIN_KEY: ADMIN, PATH: `${cliOnPath()}:${process.env.PATH}` };
  // The recent list as the UI keeps it, for this organization.
  fileRecent(recentFilePath(env), organizationScope(baseUrl, undefined, ADMIN)).save(RECENT);
});

afterAll(async () => {
  await new Promise((resolve) => guard.close(resolve));
});

afterEach(closeAll);

const candidates = async (...words: string[]) => {
  const result = await runCli(['__complete', ...words], env);
  expect(result).toMatchObject({ code: 0, stderr: '' });
  return result.stdout.split('\n').filter(Boolean);
};

describe('the candidates', () => {
  it('commands, subcommands, flags, flag values and recent checkpoints, without a single connection to the API', async () => {
    expect(await candidates('')).toEqual(expect.arrayContaining(['list', 'sync', GROUP, '@completion', ...RECENT]));
    expect(await candidates(GROUP, '')).toEqual(['list', 'retrieve', 'create', 'delete']);
    expect(await candidates(GROUP, 'list', '')).toEqual(RECENT);
    expect(await candidates(GROUP, 'list', '--')).toEqual(
      expect.arrayContaining(['--fine-tuned-model-checkpoint', '--max-items', '--format', '--transform']),
    );
    expect(await candidates(GROUP, 'list', '--format', '')).toEqual(['auto', 'explore', 'json', 'jsonl', 'pretty', 'raw', 'yaml']);
    expect(await candidates('history', '--format', '')).toEqual(['text', 'json', 'jsonl']);
    expect(await candidates('history', '--')).toEqual(expect.arrayContaining(['--since', '--project-id', '--max-items']));
    expect(await candidates(GROUP, 'delete', RECENT[0]!, '')).toEqual([]);
    expect(await candidates(GROUP, 'create', '--project-id', '')).toEqual([]);
    expect(await candidates('list', '--order', '')).toEqual(['ascending', 'descending']);
    expect(await candidates('sync', '--from', '')).toEqual(RECENT);
    expect(await candidates('export', '')).toEqual(RECENT);
    expect(connections).toBe(0);
  });

  it('@completion prints a script for each shell; an unknown or missing shell is exit 1 with the list', async () => {
    for (const shell of ['bash', 'zsh', 'fish', 'pwsh']) {
      const result = await runCli(['@completion', shell]);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('ckpt-perms __complete');
    }
    for (const args of [['@completion'], ['@completion', 'tcsh']]) {
      const result = await runCli(args);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/bash, zsh, fish, pwsh/);
    }
  });
});

/** An interactive shell in a pseudo-terminal (started through node, which the harness runs), the script loaded. */
function shell(argv: string[]) {
  const term = spawnTerminal({
    command: [
      '-e',
      `require('node:child_process').spawnSync(${JSON.stringify(argv[0])}, ${JSON.stringify(argv.slice(1))}, { stdio: 'inherit' })`,
    ],
    env: { ...env, PS1: 'READY$ ', PROMPT: 'READY$ ', HISTFILE: '/dev/null' },
    cols: 200,
    rows: 20,
  });
  return term;
}

async function tab(term: ReturnType<typeof spawnTerminal>, typed: string): Promise<void> {
  await term.type(typed);
  await term.press('\t');
}

describe('in a real shell', () => {
  it('bash: ckpt-perms fi<Tab> completes the group; a recent checkpoint id completes after the command', async () => {
    const term = shell(['bash', '--norc', '--noprofile', '-i']);
    await term.waitFor('READY$');
    await term.type('source <(ckpt-perms @completion bash)\r');
    await term.waitFor(/READY\$ .*\n.*READY\$/s);
    await tab(term, 'ckpt-perms fi');
    await term.waitFor(`READY$ ckpt-perms ${GROUP}`);
    await tab(term, 'list ft:gpt-4o-mini');
    // The completion added a space after each word (the screen's lines are trimmed at their ends).
    await term.waitFor(`READY$ ckpt-perms ${GROUP} list ${RECENT[0]}`);
    expect(connections).toBe(0);
  });

  it.skipIf(!hasZsh)('zsh: ckpt-perms fi<Tab> completes the group; a recent checkpoint id completes after the command', async () => {
    const term = shell(['zsh', '-f', '-i']);
    await term.waitFor('READY$');
    await term.type('autoload -U compinit && compinit -u && source <(ckpt-perms @completion zsh)\r');
    await term.waitFor(/READY\$ .*\n.*READY\$/s);
    await tab(term, 'ckpt-perms fi');
    await term.waitFor(`READY$ ckpt-perms ${GROUP}`);
    await tab(term, 'list ft:gpt-4o-mini');
    // The completion added a space after each word (the screen's lines are trimmed at their ends).
    await term.waitFor(`READY$ ckpt-perms ${GROUP} list ${RECENT[0]}`);
    expect(connections).toBe(0);
  });

  it.skipIf(!hasZsh)('zsh: installed in $fpath as the README says, each Tab completes (not only the first)', async () => {
    const functions = mkdtempSync(join(tmpdir(), 'ckpt-completion-fpath-'));
    writeFileSync(
      join(functions, '_ckpt-perms'),
      execFileSync(process.execPath, [CLI, '@completion', 'zsh'], { env: testEnv(), encoding: 'utf8' }),
    );
    const term = shell(['zsh', '-f', '-i']);
    await term.waitFor('READY$');
    await term.type(`fpath=(${functions} $fpath); autoload -U compinit && compinit -u\r`);
    await term.waitFor(/READY\$ .*\n.*READY\$/s);
    await tab(term, 'ckpt-perms fi');
    await term.waitFor(`READY$ ckpt-perms ${GROUP}`);
    await tab(term, 'l');
    await term.waitFor(`READY$ ckpt-perms ${GROUP} list`);
    await tab(term, '--format y');
    await term.waitFor(`READY$ ckpt-perms ${GROUP} list --format yaml`);
  });

  it.skipIf(!hasFish)('fish: its completion engine (complete -C) gives the group, the subcommands and a recent checkpoint id', () => {
    const complete = (line: string) =>
      execFileSync('fish', ['--no-config', '-c', `ckpt-perms @completion fish | source; complete -C${JSON.stringify(line)}`], {
        env: testEnv(env),
        encoding: 'utf8',
      })
        .split('\n')
        .filter(Boolean);
    expect(complete('ckpt-perms fi')).toEqual([GROUP]);
    expect(complete(`ckpt-perms ${GROUP} de`)).toEqual(['delete']);
    expect(complete(`ckpt-perms ${GROUP} list ft:gpt-4o-mini`)).toEqual([RECENT[0]]);
    expect(connections).toBe(0);
  });
});
