// A partial answer says so (#26 item 3): without an ordinary key the fine-tuning jobs cannot be listed, so
// projects-access and dump see only the recent and named checkpoints; stderr says which and how to check all, the JSON
// carries "complete": false, and --strict exits 1. With the key the answer is complete and printed as before.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organizationScope } from '../../src/store/scope';
import { runCli } from '../helpers/cli';
import { useDemoCli } from '../helpers/demo-cli';

const demo = useDemoCli();
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ckpt-perms-partial-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The admin key only (no ordinary key), with `recent` as the checkpoints opened recently in the UI. */
function adminOnly(recent: string[]): Record<string, string> {
  const state = mkdtempSync(join(dir, 'state-'));
  mkdirSync(join(state, 'ckpt-perms'), { recursive: true });
  const scope = organizationScope(demo.server.baseUrl, undefined, demo.server.adminKey);
  writeFileSync(join(state, 'ckpt-perms', 'recent.json'), JSON.stringify({ organizations: { [scope]: { checkpoints: recent } } }));
  return { ...demo.env, XDG_STATE_HOME: state };
}

const PARTIAL_ACCESS =
  /^ckpt-perms: partial answer: checked only 1 checkpoint \(opened recently in the UI, or named with --checkpoint\), not the fine-tuning jobs' models and checkpoints; listing the jobs needs an ordinary key \(--api-key or OPENAI_API_KEY\), or name every checkpoint to check with --checkpoint\n$/;

describe('projects-access', () => {
  it('without an ordinary key says the answer is partial, and carries "complete": false', async () => {
    const [largest] = demo.server.checkpoints as [string];
    const project = demo.server.state.permissionsOf(largest)[0]!.project_id;
    const result = await runCli(['projects-access', '--project-id', project, '--checkpoint', largest], adminOnly([]));
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(PARTIAL_ACCESS);
    const document = JSON.parse(result.stdout);
    expect(document.complete).toBe(false);
    expect(document.checked).toBe(1);
    const strict = await runCli(['projects-access', '--project-id', project, '--checkpoint', largest, '--strict'], adminOnly([]));
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(PARTIAL_ACCESS);
    expect(JSON.parse(strict.stdout)).toEqual(document);
  });

  it('with an ordinary key is complete: no note, no "complete" key, exit 0 even with --strict', async () => {
    const [largest] = demo.server.checkpoints as [string];
    const project = demo.server.state.permissionsOf(largest)[0]!.project_id;
    const env = { ...adminOnly([]), OPENAI_API_KEY: demo.server.apiKey };
    const result = await runCli(['projects-access', '--project-id', project, '--strict'], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const document = JSON.parse(result.stdout);
    expect(document).not.toHaveProperty('complete');
    expect(document.checked).toBeGreaterThan(1);
  });
});

describe('dump', () => {
  it('of the recent checkpoints only, without an ordinary key, says so; --strict exits 1', async () => {
    const [, second] = demo.server.checkpoints as [string, string];
    const result = await runCli(['dump'], adminOnly([second]));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(second);
    expect(result.stderr).toMatch(
      /^ckpt-perms: partial dump: only 1 checkpoint opened recently in the UI, not the fine-tuning jobs' models and checkpoints; listing the jobs needs an ordinary key \(--api-key or OPENAI_API_KEY\), or name the checkpoints \(ckpt-perms dump CHECKPOINT …\)\n$/,
    );
    const strict = await runCli(['dump', '--strict'], adminOnly([second]));
    expect(strict.code).toBe(1);
    expect(strict.stdout).toBe(result.stdout);
  });

  it('of named checkpoints is complete: nothing said, exit 0 with --strict', async () => {
    const [, second] = demo.server.checkpoints as [string, string];
    const result = await runCli(['dump', second, '--strict'], adminOnly([]));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });
});
