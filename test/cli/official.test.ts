// The drop-in for the official CLI (`ckpt-perms fine-tuning:checkpoints:permissions …`), the built binary against the
// demo API over loopback: one document per item across every page, each format, --max-items, --transform, -r, keys,
// API errors as the official prints them, --debug without a key.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { startDemoServer, type DemoServer } from '../../src/demo/server';
import { runCli } from '../helpers/cli';
import { GROUP, jsonDocuments, runOfficialCli } from '../helpers/official';

let server: DemoServer;
let largest: string;
let env: Record<string, string>;
/** The largest checkpoint's permissions as the API lists them by default: newest first. */
let newestFirst: unknown[];

beforeAll(async () => {
  server = await startDemoServer();
  largest = server.checkpoints[0]!;
  // The seed's examples pass the admin key as --api-key: no OPENAI_ADMIN_KEY here.
  env = { OPENAI_BASE_URL: server.baseUrl, OPENAI_API_KEY: server.adminKey };
  newestFirst = server.state.permissionsOf(largest).slice().reverse();
});

afterAll(async () => {
  await server.close();
});

const list = (...args: string[]) => runOfficialCli([GROUP, 'list', largest, ...args], env);

describe('list: every item of every page, one document each', () => {
  it('json: 137 documents, two-space indented, in the API order, exit 0', async () => {
    expect(newestFirst).toHaveLength(137);
    const result = await list();
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const documents = jsonDocuments(result.stdout);
    expect(documents).toHaveLength(137);
    expect(documents.map((doc) => JSON.parse(doc))).toEqual(newestFirst);
    expect(result.stdout).toBe(newestFirst.map((item) => `${JSON.stringify(item, null, 2)}\n`).join(''));
    // Without --limit none is sent: the API's default pages of 10.
    const pages = server.requests.filter((r) => r.path.endsWith(`${largest}/permissions`) && r.method === 'GET').slice(-14);
    expect(pages.map((r) => r.query.limit)).toEqual(Array(14).fill(undefined));
  });

  it('jsonl: 137 lines, yaml: 137 documents with the same values, pretty: 137 boxes', async () => {
    const [jsonl, yaml, pretty] = await Promise.all([list('--format', 'jsonl'), list('--format', 'YAML'), list('--format', 'pretty')]);
    for (const result of [jsonl, yaml, pretty]) expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(
      jsonl.stdout
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line)),
    ).toEqual(newestFirst);
    const docs = parseAllDocuments(yaml.stdout);
    expect(Array.isArray(docs) && docs.every((doc) => doc.errors.length === 0)).toBe(true);
    expect((docs as { toJS(): unknown }[]).map((doc) => doc.toJS())).toEqual(newestFirst);
    expect(pretty.stdout.match(/╭/g)).toHaveLength(137);
    expect(pretty.stdout).toContain(`│ project_id: ${(newestFirst[0] as { project_id: string }).project_id}`);
  });

  it('--max-items 5 prints five, -1 all, 0 none; --limit is sent when given', async () => {
    const [five, all, none, limited] = await Promise.all([
      list('--max-items', '5'),
      list('--max-items', '-1', '--format', 'jsonl'),
      list('--max-items', '0'),
      list('--limit', '50', '--format', 'jsonl', '--max-items', '60'),
    ]);
    expect(jsonDocuments(five.stdout).map((doc) => JSON.parse(doc))).toEqual(newestFirst.slice(0, 5));
    expect(all.stdout.trimEnd().split('\n')).toHaveLength(137);
    expect(none).toMatchObject({ code: 0, stdout: '' });
    expect(
      limited.stdout
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line)),
    ).toEqual(newestFirst.slice(0, 60));
  });

  it('--transform project_id -r prints 137 bare project ids; without -r, JSON strings', async () => {
    const [bare, quoted] = await Promise.all([list('--transform', 'project_id', '-r'), list('--transform', 'project_id')]);
    const ids = newestFirst.map((item) => (item as { project_id: string }).project_id);
    expect(bare).toMatchObject({ code: 0, stdout: `${ids.join('\n')}\n` });
    expect(quoted.stdout).toBe(ids.map((id) => `"${id}"\n`).join(''));
  });

  it('--format raw prints exactly the first page body, once, whatever --max-items says', async () => {
    const result = await list('--format', 'raw', '--max-items', '3');
    expect(result.code).toBe(0);
    const response = await fetch(`${server.baseUrl}/fine_tuning/checkpoints/${largest}/permissions`, {
      headers: { authorization: `Bearer ${server.adminKey}` },
    });
    expect(result.stdout).toBe(`${await response.text()}\n`);
  });

  it('retrieve prints the page as one document; --transform applies to the whole of it', async () => {
    const [page, count] = await Promise.all([
      runOfficialCli([GROUP, 'retrieve', '--fine-tuned-model-checkpoint', largest, '--limit', '3'], env),
      runOfficialCli([GROUP, 'retrieve', largest, '--limit', '3', '--transform', 'data.#'], env),
    ]);
    expect(jsonDocuments(page.stdout)).toHaveLength(1);
    expect(JSON.parse(page.stdout)).toMatchObject({ object: 'list', data: newestFirst.slice(0, 3), has_more: true });
    expect(count.stdout).toBe('3\n');
  });

  it('colours JSON with FORCE_COLOR exactly 1 (never YAML), not with FORCE_COLOR=0, =true or in a pipe', async () => {
    const [forced, off, yaml, piped, notOne] = await Promise.all([
      list('--max-items', '1', '--format', 'json').then(() =>
        runOfficialCli([GROUP, 'list', largest, '--max-items', '1'], { ...env, FORCE_COLOR: '1' }),
      ),
      runOfficialCli([GROUP, 'list', largest, '--max-items', '1'], { ...env, FORCE_COLOR: '0' }),
      runOfficialCli([GROUP, 'list', largest, '--max-items', '1', '--format', 'yaml'], { ...env, FORCE_COLOR: '1' }),
      list('--max-items', '1'),
      runOfficialCli([GROUP, 'list', largest, '--max-items', '1'], { ...env, FORCE_COLOR: 'true' }),
    ]);
    // tidwall/pretty's TerminalStyle: keys bold bright blue, strings green, and the brackets, ':' and ',' bold.
    expect(forced.stdout.startsWith('\u001b[1m{\u001b[0m\n  \u001b[1m\u001b[94m"object"\u001b[0m\u001b[1m:\u001b[0m \u001b[32m"')).toBe(
      true,
    );
    expect(forced.stdout).toContain('\u001b[1m,\u001b[0m\n  \u001b[1m\u001b[94m"id"\u001b[0m\u001b[1m:\u001b[0m \u001b[32m"cp_');
    expect(forced.stdout).toContain('\u001b[1m\u001b[94m"created_at"\u001b[0m\u001b[1m:\u001b[0m \u001b[33m');
    expect(forced.stdout.endsWith('\u001b[1m}\u001b[0m\n')).toBe(true);
    for (const plain of [off, yaml, piped, notOne]) expect(plain.stdout).not.toContain('\u001b[');
  });

  it('--format explore without a terminal prints json, with a warning on stderr', async () => {
    const result = await list('--format', 'explore', '--max-items', '2');
    expect(result.code).toBe(0);
    expect(jsonDocuments(result.stdout)).toHaveLength(2);
    expect(result.stderr).toBe("Warning: Output format 'explore' not supported for non-terminal output; falling back to 'json'\n");
  });
});

describe('API errors as the official prints them', () => {
  it('a 404: the request line on stderr, the error object on stdout, exit 1', async () => {
    const result = await runOfficialCli([GROUP, 'list', 'ft:gpt-4o-mini:acme:nope:XXXX'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `GET "${server.baseUrl}/fine_tuning/checkpoints/ft:gpt-4o-mini:acme:nope:XXXX/permissions": 404 Not Found\n`,
    );
    expect(JSON.parse(result.stdout)).toEqual({
      message: 'The model `ft:gpt-4o-mini:acme:nope:XXXX` does not exist or you do not have access to it.',
      type: 'invalid_request_error',
      param: null,
      code: 'model_not_found',
    });
  });

  it('--format-error and --transform-error shape the error object; -r never applies to it', async () => {
    const result = await runOfficialCli(
      [GROUP, 'delete', largest, 'cp_doesNotExist000000000000', '--format-error', 'jsonl', '--transform-error', 'message', '-r'],
      env,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^DELETE ".*\/permissions\/cp_doesNotExist000000000000": 404 Not Found\n$/);
    expect(result.stdout).toBe('"No permission found with id \'cp_doesNotExist000000000000\'."\n');
  });

  it('usage errors are urfave lines, exit 1, nothing sent', async () => {
    const before = server.requests.length;
    const [unknown, extra, missing, badInt] = await Promise.all([
      runOfficialCli([GROUP, 'list', largest, '--limt', '5'], env),
      runOfficialCli([GROUP, 'list', largest, 'two', 'three'], env),
      runOfficialCli([GROUP, 'create', largest], env),
      runOfficialCli([GROUP, 'list', largest, '--limit', 'ten'], env),
    ]);
    expect(unknown.stderr).toBe('Incorrect Usage: flag provided but not defined: -limt\n\nDid you mean "--limit"?\n\n');
    expect(extra.stderr).toBe('Unexpected extra arguments: [two three]\n');
    expect(missing.stderr).toBe(
      'Required flag "project-id" not set\nRun \'openai fine-tuning:checkpoints:permissions create --help\' for usage information\n',
    );
    expect(badInt.stderr).toBe('Incorrect Usage: invalid value "ten" for flag -limit: strconv.ParseInt: parsing "ten": invalid syntax\n\n');
    for (const result of [unknown, extra, missing, badInt]) expect(result.code).toBe(1);
    expect(server.requests.length).toBe(before);
  });
});

describe('--transform and --transform-error: the whole GJSON syntax, as the official CLI applies it', () => {
  it('a multipath, a query with an unquoted value, a modifier with an argument and .. (JSON Lines)', async () => {
    const first = newestFirst[0] as { id: string; project_id: string };
    const [multi, query, sortedKeys, lines, nested] = await Promise.all([
      list('--max-items', '2', '--format', 'jsonl', '--transform', '{id,"project":project_id}'),
      runOfficialCli([GROUP, 'retrieve', largest, '--limit', '3', '--transform', `data.#(project_id==${first.project_id})#.id`], env),
      list('--max-items', '2', '--transform', '@pretty:{"sortKeys":true}'),
      runOfficialCli([GROUP, 'retrieve', largest, '--limit', '3', '--transform', '..0.data.#'], env),
      // Once refused before anything was sent; an item has no `data`, so it is printed unchanged.
      list('--max-items', '1', '--format', 'jsonl', '--transform', 'data.#(a.#(b==1))'),
    ]);
    for (const result of [multi, query, sortedKeys, lines, nested]) expect(result).toMatchObject({ code: 0, stderr: '' });
    const two = newestFirst.slice(0, 2) as { id: string; project_id: string }[];
    expect(multi.stdout).toBe(two.map((item) => `${JSON.stringify({ id: item.id, project: item.project_id })}\n`).join(''));
    const matching = (newestFirst.slice(0, 3) as { id: string; project_id: string }[]).filter(
      (item) => item.project_id === first.project_id,
    );
    expect(JSON.parse(query.stdout)).toEqual(matching.map((item) => item.id));
    const sorted = (item: object) => Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : 1)));
    expect(Object.keys(two[0]!)).not.toEqual(Object.keys(sorted(two[0]!)));
    expect(sortedKeys.stdout).toBe(two.map((item) => `${JSON.stringify(sorted(item), null, 2)}\n`).join(''));
    expect(lines.stdout).toBe('3\n');
    expect(JSON.parse(nested.stdout)).toEqual(newestFirst[0]);
  });

  it('--transform-error takes a multipath, a query with an unquoted value, a modifier with an argument and ..', async () => {
    const args = [GROUP, 'delete', largest, 'cp_doesNotExist000000000000', '--format-error', 'jsonl'];
    const [plain, shaped, query, sortedKeys, lines] = await Promise.all([
      runOfficialCli(args, env),
      runOfficialCli([...args, '--transform-error', '{"msg":message,type}'], env),
      runOfficialCli([...args, '--transform-error', '@values.#(==invalid_request_error)'], env),
      runOfficialCli([...args, '--transform-error', '@pretty:{"sortKeys":true}'], env),
      runOfficialCli([...args, '--transform-error', '..0.message'], env),
    ]);
    for (const result of [plain, shaped, query, sortedKeys, lines]) expect(result.code).toBe(1);
    const error = JSON.parse(plain.stdout) as { message: string; type: string };
    expect(error.type).toBe('invalid_request_error');
    expect(shaped.stdout).toBe(`${JSON.stringify({ msg: error.message, type: error.type })}\n`);
    expect(query.stdout).toBe('"invalid_request_error"\n');
    const sorted = Object.fromEntries(Object.entries(error).sort(([a], [b]) => (a < b ? -1 : 1)));
    expect(Object.keys(error)).not.toEqual(Object.keys(sorted));
    expect(sortedKeys.stdout).toBe(`${JSON.stringify(sorted)}\n`);
    expect(lines.stdout).toBe(`${JSON.stringify(error.message)}\n`);
  });
});

describe('create and delete', () => {
  const checkpoint = () => server.checkpoints[1]!;
  const freeProjects = () => {
    const taken = new Set(server.state.permissionsOf(checkpoint()).map((p) => p.project_id));
    return server.state
      .projects()
      .filter((p) => p.status === 'active' && !taken.has(p.id))
      .map((p) => p.id);
  };

  it('create takes a YAML body on stdin and prints each permission created; delete takes both positionals', async () => {
    const [a, b] = freeProjects();
    const created = await runOfficialCli([GROUP, 'create', checkpoint(), '--format', 'jsonl'], env, `project_ids: [${a}, ${b}]\n`);
    expect(created).toMatchObject({ code: 0, stderr: '' });
    const items = created.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; project_id: string });
    expect(items.map((item) => item.project_id).sort()).toEqual([a, b].sort());
    expect(server.state.permissionsOf(checkpoint()).map((p) => p.project_id)).toEqual(expect.arrayContaining([a, b]));

    const deleted = await runOfficialCli([GROUP, 'delete', checkpoint(), items[0]!.id], env);
    expect(deleted).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(deleted.stdout)).toEqual({ object: 'checkpoint.permission', id: items[0]!.id, deleted: true });
    expect(server.state.permissionsOf(checkpoint()).some((p) => p.id === items[0]!.id)).toBe(false);
  });

  it('flag values from @file, and --project-id flags win over a JSON body', async () => {
    const [a, b] = freeProjects();
    const dir = mkdtempSync(join(tmpdir(), 'ckpt-official-'));
    writeFileSync(join(dir, 'project.txt'), a!);
    const result = await runOfficialCli(
      [
        GROUP,
        'create',
        '--fine-tuned-model-checkpoint',
        checkpoint(),
        '--project-id',
        `@${join(dir, 'project.txt')}`,
        '-r',
        '--transform',
        'project_id',
      ],
      env,
      JSON.stringify({ project_ids: [b] }),
    );
    expect(result).toMatchObject({ code: 0, stdout: `${a}\n` });
    expect(server.state.permissionsOf(checkpoint()).some((p) => p.project_id === b)).toBe(false);
  });

  it("a file's text is not trimmed: a line break in it is refused, nothing sent", async () => {
    const [a] = freeProjects();
    const dir = mkdtempSync(join(tmpdir(), 'ckpt-official-'));
    writeFileSync(join(dir, 'project.txt'), `${a}\n`);
    const before = server.requests.length;
    const result = await runOfficialCli([GROUP, 'create', checkpoint(), '--project-id', `@${join(dir, 'project.txt')}`], env);
    expect(result).toMatchObject({
      code: 1,
      stdout: '',
      stderr: '--project-id: a value contains control characters or looks like an API key\n',
    });
    expect(server.requests.length).toBe(before);
  });
});

describe('keys as the official takes them', () => {
  it('the admin key wins over --api-key when both are given; --api-key alone is sent to the admin endpoints', async () => {
    const wrong = 'sk-proj-notTheAdminKey0000000000000000';
    const [adminWins, apiOnly, wrongAdmin] = await Promise.all([
      runOfficialCli([GROUP, 'retrieve', largest, '--api-key', wrong], {
        OPENAI_BASE_URL: server.baseUrl,
        OPENAI_ADMIN_KEY: server.adminKey,
      }),
      runOfficialCli([GROUP, 'retrieve', largest, '--api-key', server.adminKey], { OPENAI_BASE_URL: server.baseUrl }),
      runOfficialCli([GROUP, 'retrieve', largest, '--admin-api-key', wrong], env),
    ]);
    expect(adminWins.code).toBe(0);
    expect(apiOnly.code).toBe(0);
    expect(wrongAdmin.code).toBe(1);
    expect(wrongAdmin.stderr).toMatch(/401 Unauthorized/);
  });
});

describe('keys as the official takes them, for our own commands too', () => {
  it('list with OPENAI_API_KEY alone sends it to the admin endpoint; a project key gets the admin-key hint', async () => {
    const [admin, project] = await Promise.all([
      runCli(['list', largest, '--limit', '2'], { OPENAI_BASE_URL: server.baseUrl, OPENAI_API_KEY: server.adminKey }),
      runCli(['list', largest], { OPENAI_BASE_URL: server.baseUrl, OPENAI_API_KEY: server.apiKey }),
    ]);
    expect(admin.code).toBe(0);
    expect(JSON.parse(admin.stdout).data).toEqual(newestFirst.slice(0, 2));
    expect(project.code).toBe(1);
    expect(project.stderr).toMatch(
      /Missing scopes.*; the key is not an admin key: these calls need an organization admin key \(sk-admin-…\)/,
    );
  });
});

describe('--debug', () => {
  it('logs each request and response with headers, the key redacted, no bodies, no piece of any key', async () => {
    const result = await runOfficialCli([GROUP, 'list', largest, '--limit', '100', '--debug', '--format', 'jsonl'], {
      ...env,
      OPENAI_ADMIN_KEY: server.adminKey,
      OPENAI_API_KEY: server.apiKey,
    });
    expect(result.code).toBe(0);
    expect(result.stderr.match(/Request Content:/g)).toHaveLength(2);
    expect(result.stderr.match(/Response Content:/g)).toHaveLength(2);
    expect(result.stderr).toMatch(
      /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d Request Content:\nGET \/v1\/fine_tuning\/checkpoints\/.*\/permissions\?limit=100 HTTP\/1\.1\r\nHost: 127\.0\.0\.1:\d+\r\n/m,
    );
    // httputil's dump: CRLF line ends, a blank CRLF line, then log's own line break.
    expect(result.stderr).toContain('Authorization: Bearer <REDACTED>\r\n');
    expect(result.stderr).toMatch(/Response Content:\nHTTP\/1\.1 200 OK\r\n/);
    expect(result.stderr).toMatch(/\r\n\r\n\n\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d Response Content:/);
    expect(result.stderr).not.toContain('"data"');
    for (const key of [server.adminKey, server.apiKey]) {
      const secret = key.replace(/^sk-(admin|proj)-/, '');
      for (let i = 0; i + 8 <= secret.length; i++) expect(result.stderr + result.stdout).not.toContain(secret.slice(i, i + 8));
    }
  });
});

describe('--project', () => {
  it('is sent as OpenAI-Project by both families (the flag, else OPENAI_PROJECT_ID)', async () => {
    const heard: (string | undefined)[] = [];
    const recorder = createServer((req, res) => {
      heard.push(req.headers['openai-project'] as string | undefined);
      res.setHeader('content-type', 'application/json');
      res.end('{"object":"list","data":[],"has_more":false}');
    });
    await new Promise<void>((resolve) => recorder.listen(0, '127.0.0.1', resolve));
    const base = {
      OPENAI_BASE_URL: `http://127.0.0.1:${(recorder.address() as { port: number }).port}/v1`,
      OPENAI_API_KEY: server.adminKey,
    };
    try {
      const results = [
        await runOfficialCli([GROUP, 'retrieve', largest, '--project', 'proj_officialFlag'], base),
        await runOfficialCli([GROUP, 'retrieve', largest], { ...base, OPENAI_PROJECT_ID: 'proj_officialEnv' }),
        await runCli(['retrieve', largest, '--project', 'proj_oursFlag'], base),
        await runCli(['retrieve', largest], { ...base, OPENAI_PROJECT_ID: 'proj_oursEnv' }),
      ];
      for (const result of results) expect(result.code).toBe(0);
      expect(heard).toEqual(['proj_officialFlag', 'proj_officialEnv', 'proj_oursFlag', 'proj_oursEnv']);
    } finally {
      await new Promise((resolve) => recorder.close(resolve));
    }
  });
});

describe('hostile text from the server', () => {
  it('yaml and json write terminal-active characters as \\u escapes (the same values); -r in a pipe prints the string itself', async () => {
    const nasty = 'proj_\u202eevil\u0085\u2028x';
    const body = JSON.stringify({
      object: 'list',
      data: [{ object: 'checkpoint.permission', id: 'cp_1', created_at: 1, project_id: nasty }],
      has_more: false,
    });
    const hostile = createServer((_, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(body);
    });
    await new Promise<void>((resolve) => hostile.listen(0, '127.0.0.1', resolve));
    const base = {
      OPENAI_BASE_URL: `http://127.0.0.1:${(hostile.address() as { port: number }).port}/v1`,
      OPENAI_API_KEY: server.adminKey,
    };
    try {
      const [yaml, json, bare] = await Promise.all([
        runOfficialCli([GROUP, 'list', largest, '--format', 'yaml'], base),
        runOfficialCli([GROUP, 'list', largest], base),
        runOfficialCli([GROUP, 'list', largest, '--transform', 'project_id', '-r'], base),
      ]);
      for (const text of [yaml.stdout, json.stdout]) expect(text).not.toMatch(/[\u0085\u202e\u2028]/);
      expect(yaml.stdout).toContain('project_id: "proj_\\u202eevil\\u0085\\u2028x"');
      expect(parseAllDocuments(yaml.stdout).map((doc) => (doc as { toJS(): { project_id: string } }).toJS().project_id)).toEqual([nasty]);
      expect(JSON.parse(json.stdout).project_id).toBe(nasty);
      expect(bare.stdout).toBe(`${nasty}\n`);
    } finally {
      await new Promise((resolve) => hostile.close(resolve));
    }
  });
});

describe('--debug for our own commands', () => {
  it('logs each exchange on stderr without a key, the output unchanged; the UI refuses it', async () => {
    const [debug, plain, ui] = await Promise.all([
      runCli(['list', largest, '--max-items', '15', '--limit', '10', '--debug'], { ...env, OPENAI_ADMIN_KEY: server.adminKey }),
      runCli(['list', largest, '--max-items', '15', '--limit', '10'], { ...env, OPENAI_ADMIN_KEY: server.adminKey }),
      runCli(['--debug'], env),
    ]);
    expect(debug.code).toBe(0);
    expect(debug.stdout).toBe(plain.stdout);
    expect(debug.stderr.match(/Request Content:\nGET \/v1\/fine_tuning\/checkpoints\/.*limit=\d+/g)).toHaveLength(2);
    expect(debug.stderr).toContain('Authorization: Bearer <REDACTED>');
    const secret = server.adminKey.replace(/^sk-admin-/, '');
    for (let i = 0; i + 8 <= secret.length; i++) expect(debug.stderr).not.toContain(secret.slice(i, i + 8));
    expect(ui.code).toBe(2);
    expect(ui.stderr).toMatch(/--debug is not an option of the interactive UI/);
  });
});
