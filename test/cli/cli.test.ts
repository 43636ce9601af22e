// The built binary against the demo API, as a script would use it: flags in, JSON out, exit codes.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import packageJson from '../../package.json';
import { runCli } from '../helpers/cli';
import { useDemoCli } from '../helpers/demo-cli';

const demo = useDemoCli();
let largest: string;

beforeAll(() => {
  largest = demo.server.checkpoints[0]!;
});

const pretty = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

describe('list and retrieve', () => {
  it('prints one page exactly as the API sends it, pretty-printed with two spaces', async () => {
    const result = await runCli(['list', '--fine-tuned-model-checkpoint', largest], demo.env);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const page = JSON.parse(result.stdout);
    expect(result.stdout).toBe(pretty(page));
    expect(Object.keys(page)).toEqual(['object', 'data', 'first_id', 'last_id', 'has_more']);
    const newestFirst = demo.server.state.permissionsOf(largest).slice(-10).reverse();
    expect(page.data).toEqual(newestFirst);
    expect(page.has_more).toBe(true);
  });

  it('takes the checkpoint as the first argument and honours --limit, --order, --after', async () => {
    const all = demo.server.state.permissionsOf(largest);
    const result = await runCli(['retrieve', largest, '--limit', '5', '--order', 'ascending', '--after', all[9]!.id], demo.env);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).data).toEqual(all.slice(10, 15));
  });

  it('follows the cursors for --max-items -1 and prints one envelope with every permission', async () => {
    const mark = demo.server.requests.length;
    const result = await runCli(['list', largest, '--max-items', '-1'], demo.env);
    expect(result.code).toBe(0);
    const envelope = JSON.parse(result.stdout);
    const expected = demo.server.state.permissionsOf(largest).reverse();
    expect(envelope).toEqual({
      object: 'list',
      data: expected,
      first_id: expected[0]!.id,
      last_id: expected.at(-1)!.id,
      has_more: false,
    });
    // Pages of 100 when following cursors: the fewest requests. All of them: the first page, then one from each end.
    // (The pair may arrive in either order.)
    const asked = demo.server.requests.slice(mark).map((r) => `${r.query.limit} ${r.query.order ?? 'as asked'}`);
    expect([asked[0], ...asked.slice(1).sort()]).toEqual(['100 as asked', '100 as asked', '100 ascending']);
  });

  it('stops at --max-items N and says there is more', async () => {
    const result = await runCli(['list', largest, '--max-items', '15', '--limit', '10'], demo.env);
    const envelope = JSON.parse(result.stdout);
    expect(envelope.data).toHaveLength(15);
    expect(envelope.has_more).toBe(true);
  });

  it('prints one item per line with --format jsonl', async () => {
    const result = await runCli(['list', largest, '--max-items=-1', '--format', 'jsonl', '--order', 'ascending'], demo.env);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(137);
    expect(lines.map((line) => JSON.parse(line))).toEqual(demo.server.state.permissionsOf(largest));
  });

  it('filters by --project-id', async () => {
    const target = demo.server.state.permissionsOf(largest)[7]!;
    const result = await runCli(['list', largest, '--project-id', target.project_id], demo.env);
    expect(JSON.parse(result.stdout).data).toEqual([target]);
  });
});

describe('create and delete', () => {
  it('shares with several projects, then revokes one, as the server then shows', async () => {
    const ckpt = demo.server.checkpoints[3]!;
    const before = demo.server.state.permissionsOf(ckpt).map((p) => p.project_id);
    const fresh = demo.server.state
      .projects()
      .filter((p) => p.status === 'active' && !before.includes(p.id))
      .slice(0, 2)
      .map((p) => p.id);
    const created = await runCli(
      ['create', '--fine-tuned-model-checkpoint', ckpt, '--project-id', fresh[0]!, '--project-id', fresh[1]!, '--project-id', fresh[0]!],
      demo.env,
    );
    expect(created.code).toBe(0);
    const envelope = JSON.parse(created.stdout);
    expect(envelope.data.map((p: { project_id: string }) => p.project_id)).toEqual(fresh);
    expect(demo.server.state.permissionsOf(ckpt).map((p) => p.project_id)).toEqual([...before, ...fresh]);

    const victim = envelope.data[0].id as string;
    const deleted = await runCli(['delete', ckpt, '--permission-id', victim], demo.env);
    expect(deleted.code).toBe(0);
    expect(JSON.parse(deleted.stdout)).toEqual({ id: victim, object: 'checkpoint.permission', deleted: true });
    expect(demo.server.state.permissionsOf(ckpt).map((p) => p.id)).not.toContain(victim);
  });

  it('reports a failed delete with status, API message and request id on one line, exit 1', async () => {
    const result = await runCli(['delete', largest, '--permission-id', 'cp_doesnotexist'], demo.env);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^ckpt-perms: 404 invalid_request_error: .*cp_doesnotexist.* \(request req_[0-9a-f]{32}\)\n$/);
  });
});

describe('the embedded demo', () => {
  it('runs any command with --demo and no key at all', async () => {
    const result = await runCli(['list', '--demo', largest, '--limit', '3']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).data).toHaveLength(3);
  });

  it('names the demo checkpoints when none is given', async () => {
    const result = await runCli(['list', '--demo']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(largest);
    expect(result.stderr).toMatch(/\(see ckpt-perms list --help\)\n$/);
    expect(result.stderr.split('\n')).toHaveLength(2);
  });
});

describe('help and version', () => {
  it('prints the version and help, exit 0', async () => {
    expect(await runCli(['--version'])).toEqual({ code: 0, stdout: `${packageJson.version}\n`, stderr: '' });
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['list', 'retrieve', 'create', 'delete', 'demo-server']) expect(help.stdout).toContain(`ckpt-perms ${command}`);
    const listHelp = await runCli(['list', '--help']);
    expect(listHelp.stdout).toContain('--max-items');
    expect(listHelp.stdout).not.toContain('--permission-id');
  });

  it("names the demo's real largest checkpoint wherever it tells a user to try one", async () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(`npm ci && npm run demo`);
    expect(readme).toContain(largest);
    expect(packageJson.scripts.demo).toContain('dist/cli.js --demo');
    expect((await runCli(['--help'])).stdout).toContain(`ckpt-perms list --demo ${largest}`);
  });
});

describe('bad input: a clear message, exit 2, nothing sent', () => {
  const cases: [string, string[], RegExp][] = [
    ['missing checkpoint', ['list'], /list needs a checkpoint/],
    ['--limit 0', ['list', 'ft:x:y', '--limit', '0'], /--limit must be a whole number from 1 to 100 \(got "0"\)/],
    ['--limit -1', ['list', 'ft:x:y', '--limit', '-1'], /--limit must be a whole number from 1 to 100/],
    ['--limit 101', ['list', 'ft:x:y', '--limit', '101'], /--limit must be/],
    ['--limit 1.5', ['list', 'ft:x:y', '--limit', '1.5'], /--limit must be/],
    ['--limit abc', ['list', 'ft:x:y', '--limit', 'abc'], /--limit must be a whole number from 1 to 100 \(got "abc"\)/],
    ['--limit without a value', ['list', 'ft:x:y', '--limit'], /--limit needs a value/],
    ['--order sideways', ['list', 'ft:x:y', '--order', 'sideways'], /--order must be ascending or descending \(got "sideways"\)/],
    ['--max-items 0', ['list', 'ft:x:y', '--max-items', '0'], /--max-items must be/],
    ['unknown flag', ['list', 'ft:x:y', '--colour'], /unknown option --colour/],
    ['flag of another command', ['list', 'ft:x:y', '--permission-id', 'cp_1'], /--permission-id is not an option of list/],
    ['unknown command', ['lsit', 'ft:x:y'], /unknown command "lsit"/],
    ['create without --project-id', ['create', 'ft:x:y'], /create needs at least one --project-id/],
    ['create with a malformed project id', ['create', 'ft:x:y', '--project-id', 'proj_a b'], /"proj_a b" is not a project id/],
    ['delete without --permission-id', ['delete', 'ft:x:y'], /delete needs --permission-id/],
    ['--format xml', ['list', 'ft:x:y', '--format', 'xml'], /--format must be json or jsonl/],
    ['a control character in the checkpoint', ['list', 'ft:x\u001b[2J:y'], /checkpoint id contains control characters/],
    ['a 10,000-character checkpoint', ['list', `ft:${'x'.repeat(10_000)}`], /checkpoint id is 10003 characters long \(at most 512\)/],
    [
      '--permission-id twice, differently',
      ['delete', 'ft:x:y', '--permission-id', 'cp_a', '--permission-id', 'cp_b'],
      /--permission-id is given twice with different values/,
    ],
    [
      'two different checkpoints',
      ['list', '--fine-tuned-model-checkpoint', 'ft:a:b', '--fine-tuned-model-checkpoint=ft:c:d'],
      /--fine-tuned-model-checkpoint is given twice/,
    ],
    [
      'a flag swallowing the next one',
      ['list', '--fine-tuned-model-checkpoint', '--limit', '5'],
      /--fine-tuned-model-checkpoint needs a value \(for a value that starts with "-", write --fine-tuned-model-checkpoint=VALUE\)/,
    ],
    ['--page-size 0 for the UI', ['ft:x:y', '--page-size', '0'], /--page-size must be a whole number from 1 to 100 \(got "0"\)/],
    ['--page-size 101 for the UI', ['--page-size', '101'], /--page-size must be a whole number from 1 to 100/],
    ['--page-size for a command', ['list', 'ft:x:y', '--page-size', '5'], /--page-size is not an option of list/],
    ['--format for the UI', ['ft:x:y', '--format', 'jsonl'], /--format is not an option of the interactive UI/],
    ['--limit for the UI', ['--limit', '5'], /--limit is not an option of the interactive UI/],
    ['--order sideways for the UI', ['--order', 'sideways'], /--order must be ascending or descending/],
    ['the UI without a terminal', ['ft:x:y'], /the interactive UI needs a terminal .* use ckpt-perms list, retrieve, create or delete/],
    ['the UI without a terminal or arguments', [], /the interactive UI needs a terminal/],
    [
      'a bad organization header',
      ['list', 'ft:x:y', '--organization', 'org 1\r\nX-Evil: 1'],
      /organization id .* contains spaces or characters that cannot be sent/,
    ],
  ];
  for (const [name, args, message] of cases) {
    it(name, async () => {
      const mark = demo.server.requests.length;
      const result = await runCli(args, demo.env);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(message);
      expect(result.stderr.split('\n')).toHaveLength(2); // one line, no stack trace
      expect(demo.server.requests.length).toBe(mark);
    });
  }

  it('refuses a plain-http base URL that is not loopback, before sending anything', async () => {
    const result = await runCli(['list', 'ft:x:y'], {
      OPENAI_BASE_URL: 'http://api.example.invalid/v1',
      OPENAI_ADMIN_KEY: demo.server.adminKey,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/refusing to send an API key over plain http to api\.example\.invalid/);
    expect(result.stderr + result.stdout).not.toContain(demo.server.adminKey);
  });

  it('asks for an admin key when there is none', async () => {
    const result = await runCli(['list', 'ft:x:y'], { OPENAI_BASE_URL: demo.server.baseUrl });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no admin API key: pass --admin-api-key or set OPENAI_ADMIN_KEY/);
  });
});

describe('an unreachable API', () => {
  it('is one network error line with what to check, exit 1', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as { port: number };
    await new Promise((resolve) => probe.close(resolve));
    const result = await runCli(['list', 'ft:x:y', '--max-retries', '0'], {
      OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1`,
      OPENAI_ADMIN_KEY: demo.server.adminKey,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `ckpt-perms: network error: 127.0.0.1:${port}: connection refused; check the base URL (--base-url, OPENAI_BASE_URL) and any proxy (HTTPS_PROXY, NO_PROXY)\n`,
    );
  });
});

describe('a bad key', () => {
  it('fails with exit 1 and never echoes the key, from a flag or the environment', async () => {
    const key = 'sk-admin-ThisIsNotARealKey0123456789wxyz';
    for (const [args, extraEnv] of [
      [['list', largest, '--admin-api-key', key], {}],
      [['list', largest], { OPENAI_ADMIN_KEY: key }],
    ] as const) {
      const result = await runCli([...args], { OPENAI_BASE_URL: demo.server.baseUrl, ...extraEnv });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^ckpt-perms: 401 invalid_api_key: Incorrect API key provided/);
      expect(result.stderr).toMatch(/; these calls need an organization admin key .*\n$/);
      expect(result.stderr.split('\n')).toHaveLength(2);
      expect(result.stdout + result.stderr).not.toContain(key);
      expect(result.stdout + result.stderr).not.toContain(key.slice(9, -4));
    }
  });
});
