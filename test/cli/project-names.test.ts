// Projects by name (#26 item 2): --project-id takes a project's exact name wherever it takes an id, found once
// connected; a name matching none or several is exit 2 with the candidates, and only the directory's reads were sent.
import { describe, expect, it } from 'vitest';
import { isArchived } from '../../src/ops/directory';
import { runCli } from '../helpers/cli';
import { useDemoCli } from '../helpers/demo-cli';
import { json, scriptedServer } from '../reliability/support';

const demo = useDemoCli();

/** Runs the binary against the demo and returns what it sent beside its result. */
async function run(args: string[]) {
  const before = demo.server.requests.length;
  const result = await runCli(args, demo.env);
  const sent = demo.server.requests.slice(before);
  return { ...result, sent, changes: sent.filter((r) => r.method !== 'GET') };
}

function projects() {
  const all = demo.server.state.projects();
  const [largest] = demo.server.checkpoints as [string];
  const shared = new Set(demo.server.state.permissionsOf(largest).map((p) => p.project_id));
  const unshared = all.find((p) => !isArchived(p) && !shared.has(p.id) && p.name !== 'Support Triage')!;
  const archived = all.find(isArchived)!;
  return { largest, unshared, archived };
}

describe('a project named by name', () => {
  it('create shares with it and delete revokes its permission, found with the project_id filter', async () => {
    const { largest, unshared } = projects();
    const created = await run(['create', largest, '--project-id', unshared.name!]);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout).data.map((p: { project_id: string }) => p.project_id)).toEqual([unshared.id]);
    expect(created.changes.map((r) => r.method)).toEqual(['POST']);
    const permission = demo.server.state.permissionsOf(largest).find((p) => p.project_id === unshared.id)!;
    expect(permission).toBeDefined();

    const deleted = await run(['delete', largest, '--project-id', unshared.name!]);
    expect(deleted.stderr).toBe('');
    expect(deleted.code).toBe(0);
    expect(JSON.parse(deleted.stdout)).toMatchObject({ id: permission.id, deleted: true });
    expect(deleted.sent.some((r) => r.method === 'GET' && r.query.project_id === unshared.id)).toBe(true);
    expect(deleted.changes.map((r) => [r.method, r.path])).toEqual([
      ['DELETE', `/v1/fine_tuning/checkpoints/${largest}/permissions/${permission.id}`],
    ]);
    expect(demo.server.state.permissionsOf(largest).some((p) => p.project_id === unshared.id)).toBe(false);
  });

  it('delete of a project without access revokes nothing: exit 1, saying so', async () => {
    const { largest, unshared } = projects();
    const result = await run(['delete', largest, '--project-id', unshared.id]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`ckpt-perms: ${unshared.id} has no access to ${largest}: nothing to revoke\n`);
    expect(result.changes).toEqual([]);
  });

  it('projects-access, history and list take the name too', async () => {
    const { largest } = projects();
    const project = demo.server.state.permissionsOf(largest)[3]!.project_id;
    const name = demo.server.state.projects().find((p) => p.id === project)!.name!;
    const access = await run(['projects-access', '--project-id', name, '--checkpoint', largest]);
    expect(access.code).toBe(0);
    expect(JSON.parse(access.stdout)).toMatchObject({ project_id: project, data: [{ fine_tuned_model_checkpoint: largest }] });
    const byName = await run(['history', largest, '--project-id', name, '--format', 'json']);
    const byId = await run(['history', largest, '--project-id', project, '--format', 'json']);
    expect(byName.code).toBe(0);
    expect(JSON.parse(byName.stdout).entries.length).toBeGreaterThan(0);
    expect(byName.stdout).toBe(byId.stdout);
    const list = await run(['list', largest, '--project-id', name]);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout).data.map((p: { project_id: string }) => p.project_id)).toEqual([project]);
  });
});

describe('a name that finds no project, or one that cannot have access: exit 2, nothing changed', () => {
  it.each([
    [
      ['create', '--project-id', 'Support Triag'],
      /^ckpt-perms: --project-id: no project is named "Support Triag": did you mean "Support Triage"\? \(see ckpt-perms create --help\)\n$/,
    ],
    [['delete', '--project-id', 'support triage'], /no project is named "support triage": did you mean "Support Triage"\?/],
    [
      ['create', '--project-id', 'Nothing Like Any Project'],
      /no project is named "Nothing Like Any Project" \(a name must match exactly, letter case too; or give the id, proj_…\)/,
    ],
  ])('%j', async (args, message) => {
    const { largest } = projects();
    const [command, ...rest] = args as [string, ...string[]];
    const result = await run([command, largest, ...rest]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.sent.every((r) => r.method === 'GET' && r.path === '/v1/organization/projects')).toBe(true);
  });

  it('an archived project is named as such: refused for create, suggested with (archived)', async () => {
    const { largest, archived } = projects();
    const refused = await run(['create', largest, '--project-id', archived.name!]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      `--project-id "${archived.name}": ${archived.id} is archived, and an archived project cannot be given access`,
    );
    expect(refused.changes).toEqual([]);
    const typo = await run(['create', largest, '--project-id', `${archived.name}x`]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain(`did you mean "${archived.name}" (archived)`);
  });
});

describe('a name several projects share', () => {
  it('is exit 2 listing them (archived ones named), nothing shared', async () => {
    const projectList = [
      { id: 'proj_TwinA0000000000000000001', object: 'organization.project', name: 'Twin', created_at: 1, status: 'active' },
      { id: 'proj_TwinB0000000000000000002', object: 'organization.project', name: 'Twin', created_at: 2, status: 'active' },
      { id: 'proj_OldC00000000000000000003', object: 'organization.project', name: 'Old', created_at: 3, status: 'archived' },
      { id: 'proj_OldD00000000000000000004', object: 'organization.project', name: 'Old', created_at: 4, status: 'archived' },
    ];
    const api = await scriptedServer((req, res) => {
      if (req.method === 'GET' && req.url.startsWith('/v1/organization/projects')) {
        return json(res, {
          object: 'list',
          data: projectList,
          first_id: projectList[0]!.id,
          last_id: projectList.at(-1)!.id,
          has_more: false,
        });
      }
      res.writeHead(500).end();
    });
    try {
      const env = { OPENAI_BASE_URL: api.baseUrl, OPENAI_ADMIN_KEY: 'sk-admin-names0123456789abcdef' };
      const ckpt = 'ft:gpt-4o-mini-2024-07-18:acme:twins:AAAA1111';
      const twins = await runCli(['create', ckpt, '--project-id', 'Twin'], env);
      expect(twins.code).toBe(2);
      expect(twins.stderr).toMatch(
        /--project-id "Twin" names 2 projects: proj_TwinA0000000000000000001, proj_TwinB0000000000000000002; give one by its id/,
      );
      const old = await runCli(['delete', ckpt, '--project-id', 'Old'], env);
      expect(old.code).toBe(2);
      expect(old.stderr).toMatch(
        /names 2 projects: proj_OldC00000000000000000003 \(archived\), proj_OldD00000000000000000004 \(archived\)/,
      );
      expect(api.requests.every((r) => r.method === 'GET' && r.url.startsWith('/v1/organization/projects'))).toBe(true);
    } finally {
      await api.close();
    }
  });
});
