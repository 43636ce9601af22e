// Completion never runs data (#23 item 3): a checkpoint id holding `$(touch …)` once came back on the next Tab of
// bash, which ran it. Both ends are tried in a real bash: the script never expands a candidate, whatever `__complete`
// prints, and the binary never offers an id no checkpoint has, whatever the recent file holds.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test, type TestContext } from 'vitest';
import { CLI, cliOnPath, runCli } from '../helpers/cli';
import { testEnv } from '../helpers/env';
import { KEYS } from '../helpers/keys';
import { closeAll, spawnTerminal, type Terminal } from '../helpers/pty';
import { waitFor } from '../helpers/wait';
import { startUi } from '../ui/render';
import { countAs } from './figures';

afterEach(closeAll);

const GOOD = 'ft:gpt-4o-mini-2024-07-18:org:weather:B7R9VjQd';
const PREFIX = 'ft:gpt-4o-mini-2024-07-18:org:';

/** A directory for the files a run of hostile text would create, and ids that would create them. */
function traps(ctx: TestContext) {
  const dir = mkdtempSync(join(tmpdir(), 'ckpt-pwned-'));
  ctx.onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const dollar = join(dir, 'PWNED_dollar');
  const backquote = join(dir, 'PWNED_backquote');
  return {
    ids: [`${PREFIX}x$(touch\${IFS}${dollar}):B7R9VjQd`, `${PREFIX}y\`touch\${IFS}${backquote}\`:B7R9VjQd`],
    /** The files a run of them has created. */
    ran: () => [dollar, backquote].filter((file) => existsSync(file)),
  };
}

/** A folder holding a `ckpt-perms` whose __complete prints `lines` (an older binary, a damaged install). */
function fakeOnPath(ctx: TestContext, lines: string[]): string {
  const bin = mkdtempSync(join(tmpdir(), 'ckpt-completion-bin-'));
  ctx.onTestFinished(() => rmSync(bin, { recursive: true, force: true }));
  const script = [
    '#!/bin/sh',
    `if [ "$1" = "@completion" ]; then exec "${process.execPath}" "${CLI}" "$@"; fi`,
    `cat <<'EOF'\n${lines.join('\n')}\nEOF`,
    '',
  ].join('\n');
  writeFileSync(join(bin, 'ckpt-perms'), script);
  chmodSync(join(bin, 'ckpt-perms'), 0o755);
  return bin;
}

/**
 * An interactive shell (`argv`) in a pty, started through node (which the harness runs), with `bin` first on its PATH
 * and the completion script loaded by the command `load`.
 */
async function shell(argv: string[], bin: string, env: Record<string, string>, load: string): Promise<Terminal> {
  const [name, ...args] = argv;
  const term = spawnTerminal({
    command: ['-e', `require('node:child_process').spawnSync(${JSON.stringify(name)}, ${JSON.stringify(args)}, { stdio: 'inherit' })`],
    // PS1 for bash, PROMPT for zsh.
    env: { ...env, PATH: `${bin}:${process.env.PATH}`, PS1: 'READY$ ', PROMPT: 'READY$ ', HISTFILE: '/dev/null' },
    cols: 250,
    rows: 20,
  });
  await term.waitFor('READY$');
  await term.type(`${load}\r`);
  await term.waitFor(/READY\$ .*\n.*READY\$/s);
  return term;
}

const bash = (bin: string, env: Record<string, string>) =>
  shell(['bash', '--norc', '--noprofile', '-i'], bin, env, 'source <(ckpt-perms @completion bash)');

/** Tab after `ckpt-perms list PREFIX` completes the one good id. */
async function completesTheGoodOne(term: Terminal): Promise<void> {
  await term.type(`ckpt-perms list ${PREFIX}`);
  await term.press('\t');
  await term.waitFor(`READY$ ckpt-perms list ${GOOD}`);
}

/** Tab after `ckpt-perms list PREFIX`, then a command that prints once bash is done with the completion. */
async function tabThenSync(term: Terminal, mark: string): Promise<void> {
  await term.type(`ckpt-perms list ${PREFIX}`);
  await term.press('\t');
  // Ctrl+U empties the line: bash reads it only after the completion has run.
  await term.type(`\u0015echo ${mark}$((6*7))\r`);
  await term.waitFor(`${mark}42`);
}

describe('bash completion never runs a candidate', () => {
  test('the script: candidates with $(…) and `…` from __complete are neither run nor offered', async (ctx) => {
    countAs(ctx, 'bad-input');
    const { ids, ran } = traps(ctx);
    const term = await bash(fakeOnPath(ctx, [...ids, GOOD]), {});
    await tabThenSync(term, 'SCRIPT');
    expect(ran(), term.describe()).toEqual([]);
    // Still a completion: the one good candidate that starts so is taken whole.
    await completesTheGoodOne(term);
    expect(ran()).toEqual([]);
  });

  test('the data: a recent file holding such ids offers only the good one, and bash runs nothing', async (ctx) => {
    countAs(ctx, 'bad-input');
    const { ids, ran } = traps(ctx);
    const state = mkdtempSync(join(tmpdir(), 'ckpt-completion-state-'));
    ctx.onTestFinished(() => rmSync(state, { recursive: true, force: true }));
    mkdirSync(join(state, 'ckpt-perms'));
    // The file as a hostile server's ids would have left it (the format before organizations were told apart).
    writeFileSync(join(state, 'ckpt-perms', 'recent.json'), JSON.stringify({ checkpoints: [...ids, GOOD] }));
    const env = { XDG_STATE_HOME: state };
    const candidates = await runCli(['__complete', 'list', ''], env);
    expect(candidates.stdout.split('\n').filter(Boolean)).toEqual([GOOD]);

    const bin = cliOnPath();
    ctx.onTestFinished(() => rmSync(bin, { recursive: true, force: true }));
    const term = await bash(bin, env);
    await tabThenSync(term, 'DATA');
    expect(ran(), term.describe()).toEqual([]);
    await completesTheGoodOne(term);
  });
});

// zsh, fish and pwsh are tried only where installed: test/cli/completion.test.ts drives zsh and fish the same way.
test.skipIf(!installed('zsh'))('zsh: the script drops a candidate with $(…)', async (ctx) => {
  countAs(ctx, 'bad-input');
  const { ids, ran } = traps(ctx);
  const bin = fakeOnPath(ctx, [...ids, GOOD]);
  const term = await shell(['zsh', '-f', '-i'], bin, {}, 'autoload -U compinit && compinit -u && source <(ckpt-perms @completion zsh)');
  await completesTheGoodOne(term);
  expect(ran()).toEqual([]);
});

test.skipIf(!installed('fish'))('fish: the script neither runs nor offers a candidate with $(…) or `…`', (ctx) => {
  countAs(ctx, 'bad-input');
  const { ids, ran } = traps(ctx);
  const bin = fakeOnPath(ctx, [...ids, GOOD]);
  // fish's own completion engine, as a Tab would run it (complete -C prints the candidates it would offer).
  const offered = execFileSync(
    'fish',
    ['--no-config', '-c', `ckpt-perms @completion fish | source; complete -C${JSON.stringify(`ckpt-perms list ${PREFIX}`)}`],
    { env: testEnv({ PATH: `${bin}:${process.env.PATH}` }), encoding: 'utf8' },
  );
  expect(offered.split('\n').filter(Boolean)).toEqual([GOOD]);
  expect(ran()).toEqual([]);
});

function installed(shell: string): boolean {
  try {
    execFileSync(shell, ['-c', 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('typed into the picker', () => {
  test('an id with $(…) is refused as malformed: nothing sent, nothing remembered', async (ctx) => {
    countAs(ctx, 'bad-input');
    const ui = await startUi();
    ctx.onTestFinished(() => ui.close());
    await waitFor(() => ui.store.getState().screen === 'picker' && ui.frames.length > 0, 'the picker');
    const typed = 'ft:gpt-4o-mini-2024-07-18:org:x$(touch${IFS}/tmp/x):B7R9VjQd';
    const mark = ui.demo.requests.length;
    await ui.press(typed);
    await ui.press(KEYS.enter);
    await ui.waitForText('the checkpoint id contains "$"');
    expect(ui.store.getState().screen).toBe('picker');
    expect(ui.store.getState().recent).toEqual([]);
    expect(ui.demo.requests.slice(mark).filter((r) => r.path.includes('checkpoints/'))).toEqual([]);
  });
});
