// Every byte of stdout and stderr and the exit code of ~50 invocations of the built binary, recorded before the
// commands moved into one table (#30 item 7): the table must print what the hand-written switches printed.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mapBounded } from '../../src/ops/pool';
import { runCli } from '../helpers/cli';
import { useDemoCli } from '../helpers/demo-cli';

const demo = useDemoCli();
let dir: string;
const started = Math.floor(Date.now() / 1000);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ckpt-perms-bytes-'));
  writeFileSync(join(dir, 'access.yaml'), access());
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An access file naming one project by name and one by id, on the second-largest checkpoint. */
function access(): string {
  return 'checkpoints:\n  CKPT1:\n    projects:\n      - PROJ_A\n      - NAME_B\n';
}

/** What changes from run to run: the server's address, request ids and the times of what this run created. */
function normalise(text: string): string {
  const { server } = demo;
  return text
    .replaceAll(server.baseUrl, '<base-url>')
    .replaceAll(dir, '<dir>')
    .replace(/\breq_[0-9a-f]+/g, 'req_<id>')
    .replace(/\b1\d{9}\b/g, (n) => (Number(n) >= started ? '<now>' : n))
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/g, (iso) => (Date.parse(iso) / 1000 >= started - 1 ? '<now-iso>' : iso));
}

async function record(args: string[], extraEnv: Record<string, string> = {}): Promise<string> {
  const result = await runCli(args, { ...demo.env, TZ: 'UTC', XDG_STATE_HOME: dir, ...extraEnv });
  return normalise(`$ ckpt-perms ${args.join(' ')}\nexit ${result.code}\n--- stdout\n${result.stdout}--- stderr\n${result.stderr}`);
}

/** Records command lines that change nothing (help, refusals) four at a time, in their order. */
async function recordEach(lines: string[][]): Promise<string[]> {
  return (await mapBounded(lines, 4, (args) => record(args))).map((outcome) => {
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  });
}

const COMMANDS = [
  'list',
  'retrieve',
  'create',
  'delete',
  'sync',
  'projects-access',
  'export',
  'history',
  'dump',
  'plan',
  'apply',
  'demo-server',
];

describe('help and usage errors: bytes as before', () => {
  it('prints the same help', async () => {
    const outputs = await recordEach([['--help'], ['-h', '--demo'], ...COMMANDS.map((command) => [command, '--help'])]);
    expect(outputs.join('\n')).toMatchSnapshot();
  });

  it('refuses the same command lines with the same words and exit 2', async () => {
    const ckpt = 'ft:gpt-4o-mini-2024-07-18:acme-corp:support-triage:JOmZHrYw';
    const lines = [
      ['lst'],
      ['list', '--fromat', 'json'],
      ['list', ckpt, '--limit', '0'],
      ['list', ckpt, '--max-items', '0'],
      ['list', ckpt, '--permission-id', 'cp_1'],
      ['list', ckpt, '--order', 'up'],
      ['list', ckpt, '--format', 'text'],
      ['list', ckpt, '--project-id', 'proj_a', '--project-id', 'proj_b'],
      ['list', 'not-a-checkpoint'],
      ['list', ckpt, '--demo', '--api-key', 'x'],
      ['list', ckpt, '--no-audit-log'],
      ['retrieve', ckpt, '--after', 'bad id'],
      ['create', ckpt],
      ['create', ckpt, '--project-id', 'Billing Routng'],
      ['delete', ckpt],
      ['delete', ckpt, '--permission-id', 'proj_abc'],
      ['delete', ckpt, '--permission-id', 'cp_a', '--permission-id', 'cp_b'],
      ['sync', '--from', ckpt],
      ['sync', '--from', ckpt, '--to', ckpt],
      ['sync', '--from', ckpt, '--to', `${ckpt}x`, '--dry-run', '--yes'],
      ['sync', '--from', ckpt, '--to', `${ckpt}x`, '--format', 'jsonl'],
      ['projects-access'],
      ['projects-access', '--project-id', 'nope'],
      ['projects-access', '--project-id', 'proj_a', '--project-id', 'proj_b'],
      ['export', ckpt, '--format', 'jsonl'],
      ['export', ckpt, '--output', ''],
      ['history', ckpt, '--since', 'last week'],
      ['history', ckpt, '--format', 'csv'],
      ['dump', 'nope'],
      ['plan'],
      ['apply', 'extra'],
      ['demo-server', '--projects', '5'],
      ['demo-server', 'extra'],
      ['--page-size', '0'],
      ['--format', 'json'],
      ['one', 'two'],
      ['--timeout', '-5', 'list', ckpt],
    ];
    const outputs = await recordEach(lines);
    expect(outputs.join('\n')).toMatchSnapshot();
  });
});

describe('commands against the demo: bytes as before', () => {
  it('reads', async () => {
    const { server } = demo;
    const [largest, second] = server.checkpoints as [string, string];
    const project = server.state.permissionsOf(largest)[7]!.project_id;
    const lines = [
      ['--version'],
      ['list', largest],
      ['list', largest, '--format', 'jsonl', '--limit', '3'],
      ['list', largest, '--max-items', '15', '--limit', '10'],
      ['list', '--fine-tuned-model-checkpoint', largest, '--max-items', '-1', '--format', 'jsonl', '--order', 'ascending'],
      ['list', largest, '--project-id', project],
      ['list'],
      ['retrieve', largest, '--limit', '3', '--order', 'ascending'],
      ['export', largest],
      ['export', largest, '--format', 'json'],
      ['history', largest, '--max-items', '5'],
      ['history', largest, '--max-items', '3', '--format', 'jsonl'],
      ['history', largest, '--format', 'text', '--project-id', project],
      ['history', largest, '--since', '2025-12-20', '--format', 'text'],
      ['projects-access', '--project-id', project, '--checkpoint', largest, '--checkpoint', second],
      ['projects-access', '--project-id', project, '--checkpoint', largest, '--format', 'jsonl'],
      ['projects-access', '--project-id', 'proj_doesnotexist0000000000', '--checkpoint', largest],
      ['dump', largest, second],
      ['sync', '--from', largest, '--to', second, '--dry-run'],
      ['sync', '--from', largest, '--to', second, '--prune', '--format', 'json', '--dry-run'],
      ['sync', '--from', largest, '--to', second],
      ['list', 'ft:gpt-4o-mini-2024-07-18:acme-corp:nothing-here:AAAAAAAA'],
    ];
    const outputs: string[] = [];
    for (const line of lines) outputs.push(await record(line));
    expect(outputs.join('\n')).toMatchSnapshot();
  });

  it('plans and changes', async () => {
    const { server } = demo;
    const [, second, third] = server.checkpoints as [string, string, string];
    const has = new Set(server.state.permissionsOf(third).map((p) => p.project_id));
    const active = server.state.projects().filter((p) => p.status === 'active' && !has.has(p.id));
    const [a, b, c] = active as [(typeof active)[0], (typeof active)[0], (typeof active)[0]];
    const file = join(dir, 'access.yaml');
    writeFileSync(file, access().replace('CKPT1', third).replace('PROJ_A', a.id).replace('NAME_B', b.name!));
    const outputs: string[] = [];
    for (const line of [
      ['plan', '-f', file],
      ['plan', '-f', file, '--format', 'json', '--exit-code'],
      ['apply', '-f', file],
      ['apply', '-f', file, '--yes'],
      // Nothing left to do: text says nothing more after the plan, JSON prints the document; exit 0 without asking.
      ['apply', '-f', file],
      ['apply', '-f', file, '--format', 'json'],
      ['plan', '-f', file, '--exit-code'],
      ['create', second, '--project-id', c.id, '--format', 'jsonl'],
      ['create', second, '--project-id', c.id],
    ])
      outputs.push(await record(line));
    const created = server.state.permissionsOf(second).find((p) => p.project_id === c.id)!;
    outputs.push(await record(['delete', second, '--permission-id', created.id]));
    outputs.push(await record(['delete', second, '--permission-id', created.id]));
    expect(outputs.join('\n').replaceAll(created.id, '<created>')).toMatchSnapshot();
  });
});
