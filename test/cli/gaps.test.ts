// Small gaps of the command line (issue #16, item 14): what the API's JSON cannot say goes to stderr, and a project id
// given as a permission id is refused before anything is sent.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { useDemoCli } from '../helpers/demo-cli';

const demo = useDemoCli();

describe('create', () => {
  it('says on stderr which projects already had access (the API creates nothing for them and says nothing)', async () => {
    const checkpoint = demo.server.checkpoints[1]!;
    const holder = demo.server.state.permissionsOf(checkpoint)[0]!.project_id;
    const fresh = demo.server.state
      .projects()
      .find((p) => p.status === 'active' && !demo.server.state.permissionsOf(checkpoint).some((q) => q.project_id === p.id))!.id;
    const result = await runCli(['create', checkpoint, '--project-id', holder, '--project-id', fresh], demo.env);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).data.map((p: { project_id: string }) => p.project_id)).toEqual([fresh]);
    expect(result.stderr).toBe(`ckpt-perms: already had access, nothing created: ${holder}\n`);

    const again = await runCli(['create', checkpoint, '--project-id', holder, '--project-id', fresh], demo.env);
    expect(JSON.parse(again.stdout).data).toEqual([]);
    expect(again.stderr).toBe(`ckpt-perms: 2 already had access, nothing created for them: ${holder}, ${fresh}\n`);
  });

  it('says nothing on stderr when every project gained access', async () => {
    const checkpoint = demo.server.emptyCheckpoint;
    const fresh = demo.server.state.projects().find((p) => p.status === 'active')!.id;
    const result = await runCli(['create', checkpoint, '--project-id', fresh], demo.env);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
  });
});

describe('delete', () => {
  it('refuses a project id given as the permission id, exit 2, nothing sent', async () => {
    const checkpoint = demo.server.checkpoints[0]!;
    const project = demo.server.state.permissionsOf(checkpoint)[0]!.project_id;
    const before = demo.server.requests.length;
    const result = await runCli(['delete', checkpoint, '--permission-id', project], demo.env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--permission-id: "${project}" is a project id, not a permission id (cp_…)`);
    expect(result.stderr).toContain(`--project-id ${project} shows its permission`);
    expect(demo.server.requests.length).toBe(before);
  });

  it('refuses an id that is not cp_…, exit 2', async () => {
    const result = await runCli(['delete', demo.server.checkpoints[0]!, '--permission-id', 'perm_123'], demo.env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"perm_123" is not a permission id (permission ids look like cp_abc123…)');
  });
});
