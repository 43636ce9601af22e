// Bad input on the command line: every odd id either reaches the API as exactly itself (one encoded path segment) or
// is refused with exit 2 and one line, and then nothing at all was sent.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startDemoServer, type DemoServer } from '../../src/demo/server';
import { runCli, type CliResult } from '../helpers/cli';
import { countAs } from './figures';
import { apiError, expectRefused, runMain, scriptedServer } from './support';

let server: DemoServer;
let env: Record<string, string>;
/** The demo's largest checkpoint (a constant: test rows are built before the server starts). */
const largest = 'ft:gpt-4o-mini-2024-07-18:acme-corp:support-triage:JOmZHrYw';
/** A key, pasted where an id belongs. */
const KEYLIKE = 'sk-admin-PastedByMistake0123456789abcdEF';

beforeAll(async () => {
  server = await startDemoServer();
  expect(server.checkpoints[0]).toBe(largest);
  env = { OPENAI_BASE_URL: server.baseUrl, OPENAI_ADMIN_KEY: server.adminKey };
});
afterAll(() => server.close());

type Runner = (args: string[], env: Record<string, string>) => Promise<CliResult>;

/** Runs the command line (in this process unless told) against the demo API; `requestsTo(path)` are the demo's requests for that decoded path. */
async function run(args: string[], runner: Runner = runMain) {
  const result = await runner(args, env);
  return { ...result, requestsTo: (path: string) => server.requests.filter((r) => r.path === path) };
}

/**
 * Runs the command line against a server of its own that records every request (so tests can run side by side): a
 * refused command line must leave it with none.
 */
async function refuse(args: string[], runner: Runner = runMain) {
  const api = await scriptedServer((_req, res) => apiError(res, 500, 'should not have been asked'));
  try {
    const result = await runner(args, { OPENAI_BASE_URL: api.baseUrl, OPENAI_ADMIN_KEY: 'sk-admin-badinput0123456789abcdef' });
    return { ...result, requests: api.requests };
  } finally {
    await api.close();
  }
}

const permissionsPath = (checkpoint: string) => `/v1/fine_tuning/checkpoints/${checkpoint}/permissions`;

describe.concurrent('checkpoint ids', () => {
  // Sent: the API is asked about exactly this id, and its 404 names it (so the server saw one segment, not a path).
  test.for<[string, string]>([
    ['dots, dashes and underscores', 'ft:gpt-4.1-mini-2025-04-14:my-org:custom_suffix:7q8mpxmy:ckpt-step-2000'],
    // "sk-" inside a word is not a key: the id is shown whole (it once came back as `…:ri sk-…tion:…`).
    ['a word holding "sk-"', 'ft:gpt-4o-mini-2024-07-18:acme:risk-classifier-production:abc'],
  ])('with %s reaches the API as exactly that id', async ([, id], ctx) => {
    countAs(ctx, 'bad-input');
    const result = await run(['list', id]);
    expect(result.requestsTo(permissionsPath(id)).map((r) => [r.method, r.status])).toEqual([['GET', 404]]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `ckpt-perms: 404 model_not_found: The model \`${id}\` does not exist or you do not have access to it. (request ${result.stderr.match(/req_[0-9a-f]{32}/)?.[0]}); check the checkpoint id: the exact name of a fine-tuned model or checkpoint (ft:…)\n`,
    );
  });

  test.for<[string, string, RegExp]>([
    // No real id holds them (#23 item 3): a shell completing one would act on `$(…)`, a server on `/` or `?`.
    ['a space', 'ft:gpt-4o-mini-2024-07-18:acme:with space:abc', /^ckpt-perms: the checkpoint id contains a space: checkpoint/],
    [
      'a slash',
      'ft:gpt-4o-mini-2024-07-18:acme:a/b:abc',
      /the checkpoint id contains "\/": checkpoint ids are made of letters, digits and : \. _ -/,
    ],
    ['a question mark', 'ft:gpt-4o-mini-2024-07-18:acme:what?limit=1:abc', /the checkpoint id contains "\?"/],
    ['a hash', 'ft:gpt-4o-mini-2024-07-18:acme:a#b:abc', /the checkpoint id contains "#"/],
    ['a percent sign', 'ft:gpt-4o-mini-2024-07-18:acme:100%:a%2Fb', /the checkpoint id contains "%"/],
    ['dot segments inside', 'ft:../../organization/projects', /the checkpoint id contains "\/"/],
    ['a command substitution', 'ft:gpt-4o-mini-2024-07-18:org:x$(touch${IFS}/tmp/PWNED):B7R9VjQd', /the checkpoint id contains "\$"/],
    ['backquotes', 'ft:gpt-4o-mini-2024-07-18:org:x`id`:B7R9VjQd', /the checkpoint id contains "`"/],
    ['non-ASCII letters', 'ft:gpt-4o-mini-2024-07-18:acme:ünïcødé-日本語-🚀:abc', /the checkpoint id contains a character outside ASCII/],
    [
      'a right-to-left override',
      'ft:gpt-4o-mini:acme:\u202Eexe.txt',
      /^ckpt-perms: the checkpoint id contains a character outside ASCII: [^\u202a-\u202e]*$/,
    ],
    ['".." alone', '..', /^ckpt-perms: "\.\." cannot be a checkpoint id \(see ckpt-perms list --help\)$/],
    ['"." alone', '.', /^ckpt-perms: "\." cannot be a checkpoint id/],
    ['a BEL', 'ft:a\u0007b', /^ckpt-perms: the checkpoint id contains control characters \(see ckpt-perms list --help\)$/],
    ['an escape sequence', 'ft:a\u001b[2Jb', /the checkpoint id contains control characters/],
    ['a tab', 'ft:a\tb', /the checkpoint id contains control characters/],
    ['a line break', 'ft:a\nb', /the checkpoint id contains control characters/],
    ['a DEL', 'ft:a\u007fb', /the checkpoint id contains control characters/],
    ['an 8-bit CSI (C1)', 'ft:a\u009b2Jb', /the checkpoint id contains control characters/],
    ['10,000 characters', `ft:${'x'.repeat(9_997)}`, /^ckpt-perms: the checkpoint id is 10000 characters long \(at most 512\)/],
    ['surrounding spaces', ' ft:a:b ', /the checkpoint id starts or ends with spaces/],
    ['nothing', '', /the checkpoint id is empty/],
  ])('with %s is refused: exit 2, one line, nothing sent', async ([, id, message], ctx) => {
    countAs(ctx, 'bad-input');
    const result = await refuse(['list', id]);
    expectRefused(result, message);
    expect(result.requests).toEqual([]);
  });

  test.for<[string, string[], RegExp]>([
    ['sync --from', ['sync', '--from', 'ft:a\u001b]0;x\u0007', '--to', largest], /--from: the checkpoint id contains control characters/],
    ['export', ['export', '..'], /"\.\." cannot be a checkpoint id/],
    [
      'projects-access --checkpoint',
      ['projects-access', '--project-id', 'proj_abc', '--checkpoint', `ft:${'y'.repeat(600)}`],
      /--checkpoint: the checkpoint id is 603 characters long/,
    ],
    ['create', ['create', 'ft:a\u0001b', '--project-id', 'proj_abc'], /the checkpoint id contains control characters/],
    ['the interactive UI', ['ft:gpt-4o-mini-2024-07-18:org:x$(id):B7R9VjQd'], /^ckpt-perms: the checkpoint id contains "\$"/],
  ])('given to %s is refused the same way', async ([, args, message], ctx) => {
    countAs(ctx, 'bad-input');
    const result = await refuse(args);
    expectRefused(result, message);
    expect(result.requests).toEqual([]);
  });

  test.for<[string, string[]]>([
    ['list, as the checkpoint', ['list', KEYLIKE]],
    ['sync --to', ['sync', '--from', largest, '--to', KEYLIKE]],
    ['delete --permission-id', ['delete', largest, '--permission-id', KEYLIKE]],
    ['list --after', ['list', largest, '--after', KEYLIKE]],
    ['create --project-id', ['create', largest, '--project-id', KEYLIKE]],
  ])('a key pasted where an id belongs (%s) is refused without echoing it, and never put in a URL', async ([, args], ctx) => {
    countAs(ctx, 'bad-input');
    const result = await refuse(args);
    expectRefused(
      result,
      /(checkpoint|permission|project) id looks like an API key: a key goes in OPENAI_ADMIN_KEY or --admin-api-key, never in an id/,
    );
    expect(result.stderr).not.toContain(KEYLIKE.slice(9));
    expect(result.requests).toEqual([]);
  });

  test('a permission id with a slash is sent as one segment; one with a space is refused', async (ctx) => {
    countAs(ctx, 'bad-input');
    const sent = await run(['delete', largest, '--permission-id', 'cp_a/../b']);
    expect(sent.requestsTo(`${permissionsPath(largest)}/cp_a/../b`).map((r) => [r.method, r.status])).toEqual([['DELETE', 404]]);
    expect(sent.code).toBe(1);
    expect(sent.stderr).toMatch(/^ckpt-perms: 404 invalid_request_error: No permission found with id 'cp_a\/\.\.\/b'\. \(request req_/);
    const refused = await refuse(['delete', largest, '--permission-id', 'cp_a b']);
    expectRefused(refused, /--permission-id: the permission id contains spaces/);
    expect(refused.requests).toEqual([]);
  });
});

describe.concurrent('project ids', () => {
  test.for<[string, string, RegExp]>([
    ['empty', '', /^ckpt-perms: --project-id needs a project id \(proj_…\) or a project name \(see ckpt-perms create --help\)$/],
    ['blank', '  ', /--project-id needs a project id \(proj_…\) or a project name/],
    ['a name with an escape sequence', 'Billing\u001b[2J', /^ckpt-perms: --project-id: the project name contains control characters /],
    ['only the prefix', 'proj_', /"proj_" is not a project id/],
    ['upper-case prefix', 'PROJ_abc', /"PROJ_abc" is not a project id/],
    ['an inner space', 'proj_a b', /"proj_a b" is not a project id/],
    ['non-ASCII', 'proj_ä', /"proj_ä" is not a project id/],
    ['an escape sequence', 'proj_a\u001b[2Jb', /--project-id: the project id contains control characters/],
    ['a C1 control', 'proj_a\u0085b', /--project-id: the project id contains control characters/],
  ])('%s is refused by create: exit 2, one line, nothing sent', async ([, projectId, message], ctx) => {
    countAs(ctx, 'bad-input');
    // A bad one after a good one: the whole command is refused, the good one is not shared either.
    const result = await refuse(['create', largest, '--project-id', 'proj_abc123', '--project-id', projectId]);
    expectRefused(result, message);
    expect(result.requests).toEqual([]);
  });

  test.for<[string, string[], RegExp]>([
    ['list --project-id', ['list', largest, '--project-id', 'proj_a b'], /--project-id: "proj_a b" is not a project id/],
    [
      'delete with a permission and a project',
      ['delete', largest, '--permission-id', 'cp_1', '--project-id', 'Support Triage'],
      /^ckpt-perms: give --permission-id or --project-id, not both /,
    ],
    [
      'delete with two projects',
      ['delete', largest, '--project-id', 'A', '--project-id', 'B'],
      /delete revokes one --project-id at a time/,
    ],
    ['delete with neither', ['delete', largest], /^ckpt-perms: delete needs --permission-id ID \(or --project-id ID\|NAME\) /],
    [
      'projects-access --project-id',
      ['projects-access', '--project-id', 'proj_\u001b]0;x\u0007', '--checkpoint', largest],
      /--project-id: the project id contains control characters/,
    ],
    [
      'projects-access with two projects',
      ['projects-access', '--project-id', 'proj_a', '--project-id', 'proj_b'],
      /projects-access looks up one --project-id at a time/,
    ],
  ])('%s with a bad value is refused', async ([, args, message], ctx) => {
    countAs(ctx, 'bad-input');
    const result = await refuse(args);
    expectRefused(result, message);
    expect(result.requests).toEqual([]);
  });

  test('a duplicated project id is shared once, in one create call', async (ctx) => {
    countAs(ctx, 'bad-input');
    const checkpoint = server.checkpoints[4]!;
    const before = server.state.permissionsOf(checkpoint).map((p) => p.project_id);
    const fresh = server.state.projects().find((p) => p.status === 'active' && !before.includes(p.id))!.id;
    const result = await run(['create', checkpoint, '--project-id', fresh, '--project-id', fresh, `--project-id=${fresh}`]);
    expect(result.code).toBe(0);
    expect(result.requestsTo(permissionsPath(checkpoint)).map((r) => [r.method, r.status])).toEqual([['POST', 200]]);
    expect(JSON.parse(result.stdout).data.map((p: { project_id: string }) => p.project_id)).toEqual([fresh]);
    const after = server.state.permissionsOf(checkpoint).map((p) => p.project_id);
    expect(after.filter((id) => id === fresh)).toHaveLength(1);
    expect(after).toHaveLength(before.length + 1);
  });
});

describe.concurrent('flags', () => {
  test.for<[string, string[], RegExp]>([
    [
      '--limit 0',
      ['--limit', '0'],
      /^ckpt-perms: --limit must be a whole number from 1 to 100 \(got "0"\) \(see ckpt-perms list --help\)$/,
    ],
    ['--limit -1', ['--limit', '-1'], /--limit must be a whole number from 1 to 100 \(got "-1"\)/],
    ['--limit 101', ['--limit', '101'], /--limit must be a whole number from 1 to 100 \(got "101"\)/],
    ['--limit 1.5', ['--limit', '1.5'], /--limit must be a whole number from 1 to 100 \(got "1\.5"\)/],
    ['--limit abc', ['--limit', 'abc'], /--limit must be a whole number from 1 to 100 \(got "abc"\)/],
    ['--limit 1e2', ['--limit', '1e2'], /--limit must be a whole number from 1 to 100 \(got "1e2"\)/],
    ['--limit with no value', ['--limit'], /--limit needs a value/],
    ['--order asc', ['--order', 'asc'], /^ckpt-perms: --order must be ascending or descending \(got "asc"\)/],
    ['--order DESCENDING', ['--order', 'DESCENDING'], /--order must be ascending or descending \(got "DESCENDING"\)/],
    ['--order empty', ['--order', ''], /--order must be ascending or descending \(got ""\)/],
    ['--order with an escape sequence', ['--order', 'x\u001b[2Jy'], /--order must be ascending or descending \(got "xy"\)/],
    ['--max-items 0', ['--max-items', '0'], /--max-items must be a whole number of at least 1 \(or -1 for all\) \(got "0"\)/],
    ['--max-items -2', ['--max-items', '-2'], /--max-items must be a whole number of at least 1 \(or -1 for all\) \(got "-2"\)/],
    ['--max-items 1.5', ['--max-items', '1.5'], /--max-items must be .* \(got "1\.5"\)/],
    ['--max-items abc', ['--max-items', 'abc'], /--max-items must be .* \(got "abc"\)/],
    ['--max-items with no value', ['--max-items'], /--max-items needs a value/],
    ['an unknown flag', ['--colour'], /^ckpt-perms: unknown option --colour \(see ckpt-perms list --help\)$/],
    ['an unknown short flag', ['-x'], /unknown option -x/],
    ['a flag of another command', ['--permission-id', 'cp_1'], /--permission-id is not an option of list/],
    ['--page-size (a UI flag)', ['--page-size', '5'], /--page-size is not an option of list/],
    ['--timeout 0', ['--timeout', '0'], /--timeout must be a whole number from 1 to 3600000 \(got "0"\)/],
    ['--max-retries 11', ['--max-retries', '11'], /--max-retries must be a whole number from 0 to 10 \(got "11"\)/],
    ['--format xml', ['--format', 'xml'], /--format must be json or jsonl \(got "xml"\)/],
  ])('list with %s: exit 2, one line naming it, nothing sent', async ([, flags, message], ctx) => {
    countAs(ctx, 'bad-input');
    const result = await refuse(['list', largest, ...flags]);
    expectRefused(result, message);
    expect(result.requests).toEqual([]);
  });

  test.for<[string, string[], RegExp]>([
    [
      'a misspelt command',
      ['lsit', largest],
      /^ckpt-perms: unknown command "lsit": did you mean list\? \(commands: list, retrieve, create, delete, sync, projects-access, export, history, dump, plan, apply, demo-server\)/,
    ],
    ['a command missing a letter', ['lst'], /^ckpt-perms: unknown command "lst": did you mean list\? \(commands: /],
    ['a command with a wrong letter', ['plam', '-f', 'x.yaml'], /unknown command "plam": did you mean plan\? /],
    ['a command near none', ['revoke', largest, '--permission-id', 'cp_1'], /^ckpt-perms: unknown command "revoke" \(commands: /],
    ['an upper-case command', ['LIST', largest], /unknown command "LIST": did you mean list\? /],
    [
      'a swapped flag',
      ['list', largest, '--fromat', 'json'],
      /^ckpt-perms: unknown option --fromat: did you mean --format\? \(see ckpt-perms list --help\)$/,
    ],
    [
      'a flag of the command, misspelt',
      ['history', largest, '--sinse', '7d'],
      /^ckpt-perms: unknown option --sinse: did you mean --since\? /,
    ],
    [
      'a flag near several',
      ['create', largest, '--project-ix', 'proj_a'],
      /unknown option --project-ix: did you mean --project-id or --project\? /,
    ],
    ['a flag another command has, near one of this', ['list', largest, '--prune'], /^ckpt-perms: --prune is not an option of list \(see/],
    [
      'a flag near none',
      ['list', largest, '--colour-scheme'],
      /^ckpt-perms: unknown option --colour-scheme \(see ckpt-perms list --help\)$/,
    ],
    ['a command word with an escape sequence', ['l\u001b]0;x\u0007ist'], /^ckpt-perms: unknown command "list" /],
    [
      '--page-size 0',
      ['--page-size', '0'],
      /^ckpt-perms: --page-size must be a whole number from 1 to 100 \(got "0"\) \(see ckpt-perms --help\)$/,
    ],
    ['--page-size 101', ['--page-size', '101'], /--page-size must be a whole number from 1 to 100 \(got "101"\)/],
    ['--page-size -3', ['--page-size', '-3'], /--page-size must be a whole number from 1 to 100 \(got "-3"\)/],
    ['--page-size abc', ['--page-size', 'abc'], /--page-size must be a whole number from 1 to 100 \(got "abc"\)/],
    ['--page-size 2.5', ['--page-size', '2.5'], /--page-size must be a whole number from 1 to 100 \(got "2\.5"\)/],
    ['--order for the UI', [largest, '--order', 'sideways'], /--order must be ascending or descending \(got "sideways"\)/],
    ['an unknown flag for the UI', ['--colour'], /unknown option --colour/],
  ])('%s: exit 2, one line naming it, nothing sent', async ([, args, message], ctx) => {
    countAs(ctx, 'bad-input');
    const result = await refuse(args);
    expectRefused(result, message);
    expect(result.requests).toEqual([]);
  });
});

// The rows above run `main` in this process; these go through the built binary, as a script runs it.
describe.concurrent('the same through the built binary', () => {
  test.for<[string, string[], RegExp]>([
    [
      'a control character in the checkpoint',
      ['list', 'ft:a\u001b[2Jb'],
      /^ckpt-perms: the checkpoint id contains control characters \(see ckpt-perms list --help\)$/,
    ],
    ['a malformed project id', ['create', largest, '--project-id', 'proj_a$b'], /--project-id: "proj_a\$b" is not a project id/],
    ['--limit 1.5', ['list', largest, '--limit', '1.5'], /--limit must be a whole number from 1 to 100 \(got "1\.5"\)/],
    ['--page-size 0', ['--page-size', '0'], /--page-size must be a whole number from 1 to 100 \(got "0"\)/],
    ['an unknown command', ['lsit', largest], /^ckpt-perms: unknown command "lsit"/],
    ['a key as the checkpoint', ['list', KEYLIKE], /the checkpoint id looks like an API key/],
    [
      'an id with a slash, a question mark and a space',
      ['list', 'ft:gpt-4o-mini-2024-07-18:acme:a/b?c d:abc'],
      /the checkpoint id contains "\/"/,
    ],
  ])('%s: exit 2, one line, nothing sent', async ([, args, message], ctx) => {
    countAs(ctx, 'bad-input');
    const result = await refuse(args, runCli);
    expectRefused(result, message);
    expect(result.requests).toEqual([]);
  });
});
