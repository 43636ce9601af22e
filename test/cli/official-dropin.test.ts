// The drop-in's second pass (#25): what the official CLI's source does, byte for byte, where scripts see it. The built
// binary against the demo API, or a small node:http server for bodies and headers the demo never sends. Every
// expected text below is written from ../shared/design/OFFICIAL-CLI.md and the official's source, not from our output.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, runCli } from '../helpers/cli';
import { useDemoCli } from '../helpers/demo-cli';
import { testEnv } from '../helpers/env';
import { GROUP, jsonDocuments, runOfficialCli } from '../helpers/official';

const demo = useDemoCli();
let largest: string;
/** As the official CLI takes its key: in OPENAI_API_KEY. */
let env: Record<string, string>;

beforeAll(() => {
  largest = demo.server.checkpoints[0]!;
  env = { OPENAI_BASE_URL: demo.server.baseUrl, OPENAI_API_KEY: demo.server.adminKey };
});

const listed = () => demo.server.requests.filter((r) => r.method === 'GET' && r.path.endsWith(`${largest}/permissions`));

/** A server that answers every request with `status` and `body`, keeping what it heard. */
async function answering(
  status: number,
  body: string,
): Promise<{ url: string; heard: { url: string; headers: IncomingHttpHeaders }[]; close: () => Promise<void> }> {
  const heard: { url: string; headers: IncomingHttpHeaders }[] = [];
  const http: Server = createServer((req, res) => {
    heard.push({ url: req.url ?? '', headers: req.headers });
    req.resume();
    res.writeHead(status, { 'content-type': 'application/json' }).end(body);
  });
  // As an HTTP proxy too: a CONNECT tunnel to any host ends at this same server.
  http.on('connect', (_req, client: Socket) => {
    const upstream = connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(client).pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/v1`, heard, close: () => new Promise((resolve) => http.close(() => resolve())) };
}

describe('the command line as urfave reads it', () => {
  it('positionals fill the path parameters not given as flags: delete --fine-tuned-model-checkpoint X cp_…', async () => {
    const checkpoint = demo.server.checkpoints[2]!;
    const permission = demo.server.state.permissionsOf(checkpoint)[0]!.id;
    const result = await runOfficialCli([GROUP, 'delete', '--fine-tuned-model-checkpoint', checkpoint, permission], env);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(result.stdout)).toEqual({ object: 'checkpoint.permission', id: permission, deleted: true });
  });

  it('integers as Go ParseInt base 0: 0x3, 0o2, 1_0', async () => {
    const before = listed().length;
    const [hex, ten] = await Promise.all([
      runOfficialCli([GROUP, 'list', largest, '--limit', '0x3', '--max-items', '0o2', '--format', 'jsonl'], env),
      runOfficialCli([GROUP, 'list', largest, '--max-items', '1_0', '--format', 'jsonl'], env),
    ]);
    expect(hex.code).toBe(0);
    expect(hex.stdout.trimEnd().split('\n')).toHaveLength(2);
    expect(ten.stdout.trimEnd().split('\n')).toHaveLength(10);
    expect(
      listed()
        .slice(before)
        .map((r) => r.query.limit),
    ).toContain('3');
  });

  it('--webhook-secret and OPENAI_WEBHOOK_SECRET are accepted (and unused)', async () => {
    const [flag, variable] = await Promise.all([
      runOfficialCli([GROUP, 'list', largest, '--max-items', '1', '--webhook-secret', 'whsec_test'], env),
      runOfficialCli([GROUP, 'list', largest, '--max-items', '1'], { ...env, OPENAI_WEBHOOK_SECRET: 'whsec_test' }),
    ]);
    for (const result of [flag, variable]) expect(result).toMatchObject({ code: 0, stderr: '' });
  });

  it("an unknown command: urfave's 'No help topic', with its closest name, exit 3", async () => {
    const result = await runOfficialCli([GROUP, 'lst', largest], env);
    expect(result).toEqual({ code: 3, stdout: '', stderr: "No help topic for 'lst'. list\n" });
  });

  it('usage errors as urfave words them, nothing more', async () => {
    const [needs, missing2, range] = await Promise.all([
      runOfficialCli([GROUP, 'list', largest, '--after'], env),
      runOfficialCli([GROUP, 'delete'], env),
      runOfficialCli([GROUP, 'list', largest, '--limit', '9223372036854775808'], env),
    ]);
    expect(needs).toEqual({ code: 1, stdout: '', stderr: 'Incorrect Usage: flag needs an argument: --after\n\n' });
    expect(missing2).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'Required flags "fine-tuned-model-checkpoint, permission-id" not set\nRun \'openai fine-tuning:checkpoints:permissions delete --help\' for usage information\n',
    });
    expect(range.stderr).toBe(
      'Incorrect Usage: invalid value "9223372036854775808" for flag -limit: strconv.ParseInt: parsing "9223372036854775808": value out of range\n\n',
    );
  });

  it('--help for a command: the NOTE line, typed placeholders, no defaults; then the global options', async () => {
    const result = await runOfficialCli([GROUP, 'list', '--help'], env);
    expect(result.code).toBe(0);
    expect(
      result.stdout.startsWith(`NAME:
   openai fine-tuning:checkpoints:permissions list - **NOTE:** This endpoint requires an [admin API key](../admin-api-keys).

USAGE:
   openai fine-tuning:checkpoints:permissions list

OPTIONS:
   --fine-tuned-model-checkpoint string  
   --after string                        Identifier for the last permission ID from the previous pagination request.
   --limit int                           Number of permissions to retrieve.
   --order string                        The order in which to retrieve permissions.
   --project-id string                   The ID of the project to get permissions for.
   --max-items int                       The maximum number of items to return (use -1 for unlimited).
   --help, -h                            show help

GLOBAL OPTIONS:
   --debug `),
    ).toBe(true);
    expect(result.stdout).toContain('\n   --api-key string                 [$OPENAI_API_KEY]\n');
    expect(result.stdout).toMatch(
      /\n {3}--format string +The format for displaying response data \(one of: auto, explore, json, jsonl, pretty, raw, yaml\)\n/,
    );
    const create = await runOfficialCli([GROUP, 'create', '-h'], env);
    expect(create.stdout).toContain('\n   --project-id string [ --project-id string ]  The project identifiers to grant access to.\n');
    expect(create.stdout).toContain(' - **NOTE:** Calling this endpoint requires an [admin API key](../admin-api-keys).\n');
  });
});

describe('piped stdin, for every command', () => {
  it('YAML keys fill the path and query parameters not given as flags; the flags win', async () => {
    const before = listed().length;
    const result = await runOfficialCli(
      [GROUP, 'list', '--limit', '4', '--max-items', '5', '--format', 'jsonl'],
      env,
      `fine_tuned_model_checkpoint: ${largest}\nlimit: 2\norder: ascending\n`,
    );
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout.trimEnd().split('\n')).toHaveLength(5);
    const sent = listed().slice(before);
    expect(sent.map((r) => r.query.limit)).toEqual(['4', '4']);
    expect(sent[0]!.query.order).toBe('ascending');
  });

  it('JSON works the same, for delete too; a path parameter is never read as a file', async () => {
    const checkpoint = demo.server.checkpoints[3]!;
    const permission = demo.server.state.permissionsOf(checkpoint)[0]!.id;
    const deleted = await runOfficialCli(
      [GROUP, 'delete'],
      env,
      JSON.stringify({ fine_tuned_model_checkpoint: checkpoint, permission_id: permission }),
    );
    expect(deleted).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(deleted.stdout)).toMatchObject({ id: permission, deleted: true });

    const dir = mkdtempSync(join(tmpdir(), 'ckpt-official-'));
    writeFileSync(join(dir, 'ckpt.txt'), largest);
    const before = demo.server.requests.length;
    const literal = await runOfficialCli([GROUP, 'retrieve', `@${join(dir, 'ckpt.txt')}`], env);
    // Taken as written, not as the file's text (a real checkpoint: read, it would have listed): the `@` is refused.
    expect(literal).toEqual({
      code: 1,
      stdout: '',
      stderr: 'the checkpoint id contains "@": checkpoint ids are made of letters, digits and : . _ -\n',
    });
    expect(demo.server.requests.length).toBe(before);
  });

  it('@- after stdin was read as the piped body is an error, nothing sent', async () => {
    const before = demo.server.requests.length;
    const result = await runOfficialCli([GROUP, 'list', largest, '--after', '@-'], env, 'limit: 2\n');
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: 'cannot read from stdin: stdin was already consumed by piped YAML/JSON input\n',
    });
    expect(demo.server.requests.length).toBe(before);
  });

  it('an open pipe that stays silent is not waited on', async () => {
    const child = spawn(process.execPath, [CLI, GROUP, 'list', largest, '--max-items', '1'], {
      env: testEnv(env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    clearTimeout(timer);
    child.stdin.destroy();
    expect(code).toBe(0);
    expect(jsonDocuments(stdout)).toHaveLength(1);
  });
});

describe('output', () => {
  const body = JSON.stringify({
    object: 'list',
    data: [{ id: 'cp_1', project_id: 'proj_a' }],
    ids: ['a', 'b'],
    matrix: [
      [1, 2],
      [3, 4],
    ],
    fit: ['x'.repeat(66)],
    nofit: ['x'.repeat(65)],
    has_more: false,
    tags: [],
    meta: {},
    note: '',
    long: 'y'.repeat(100),
  });

  // pretty.go's room for a one-line array is 80 minus the line's length so far counting its line break: `  "fit": ` leaves
  // 70 columns, `  "nofit": ` 68.
  it('json: arrays on one line when they fit in 80 minus their column, nested ones too', async () => {
    const api = await answering(200, body);
    try {
      const result = await runOfficialCli([GROUP, 'retrieve', 'ft:x', '--api-key', 'sk-test'], { OPENAI_BASE_URL: api.url });
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toBe(`{
  "object": "list",
  "data": [
    {
      "id": "cp_1",
      "project_id": "proj_a"
    }
  ],
  "ids": ["a", "b"],
  "matrix": [[1, 2], [3, 4]],
  "fit": ["${'x'.repeat(66)}"],
  "nofit": [
    "${'x'.repeat(65)}"
  ],
  "has_more": false,
  "tags": [],
  "meta": {},
  "note": "",
  "long": "${'y'.repeat(100)}"
}
`);
    } finally {
      await api.close();
    }
  });

  it('pretty: the title indented 2 spaces, numbered items, (none) and (empty), long values cut with …', async () => {
    const api = await answering(200, body);
    try {
      const result = await runOfficialCli([GROUP, 'retrieve', 'ft:x', '--api-key', 'sk-test', '--format', 'pretty'], {
        OPENAI_BASE_URL: api.url,
      });
      const lines = [
        'object: list',
        'data:',
        '  1.',
        '    id: cp_1',
        '    project_id: proj_a',
        'ids:',
        '  1. a',
        '  2. b',
        'matrix:',
        '  1.',
        '    1. 1',
        '    2. 2',
        '  2.',
        '    1. 3',
        '    2. 4',
        'fit:',
        `  1. ${'x'.repeat(66)}`,
        'nofit:',
        `  1. ${'x'.repeat(65)}`,
        'has_more: no',
        'tags: (none)',
        'meta:(empty)',
        'note: (empty)',
        `long: ${'y'.repeat(69)}…`,
      ];
      const inner = 76;
      expect(result.stdout).toBe(
        `  fine-tuning:checkpoints:permissions retrieve\n╭${'─'.repeat(inner + 2)}╮\n${lines
          .map((line) => `│ ${line.padEnd(inner)} │\n`)
          .join('')}╰${'─'.repeat(inner + 2)}╯\n`,
      );
    } finally {
      await api.close();
    }
  });

  it('--format-error pretty is titled Error; --format-error explore off a terminal warns after the request line', async () => {
    const [pretty, explore] = await Promise.all([
      runOfficialCli([GROUP, 'list', 'ft:gpt-4o-mini:acme:nope:XXXX', '--format-error', 'pretty'], env),
      runOfficialCli([GROUP, 'list', 'ft:gpt-4o-mini:acme:nope:XXXX', '--format-error', 'explore'], env),
    ]);
    expect(pretty.stdout.startsWith('  Error\n╭')).toBe(true);
    expect(pretty.stdout).toContain('│ code: model_not_found ');
    expect(explore.stderr).toBe(
      `GET "${demo.server.baseUrl}/fine_tuning/checkpoints/ft:gpt-4o-mini:acme:nope:XXXX/permissions": 404 Not Found\nWarning: Output format 'explore' not supported for non-terminal output; falling back to 'json'\n`,
    );
    expect(JSON.parse(explore.stdout)).toMatchObject({ code: 'model_not_found' });
  });

  it('-r applies with --format raw: the bare string', async () => {
    const result = await runOfficialCli([GROUP, 'list', largest, '--format', 'raw', '--transform', 'object', '-r'], env);
    expect(result).toEqual({ code: 0, stdout: 'list\n', stderr: '' });
  });

  it('an error body with no error member prints nothing on stdout', async () => {
    const api = await answering(400, JSON.stringify({ message: 'bad request' }));
    try {
      const result = await runOfficialCli([GROUP, 'retrieve', 'ft:x', '--api-key', 'sk-test'], { OPENAI_BASE_URL: api.url });
      expect(result).toEqual({
        code: 1,
        stdout: '',
        stderr: `GET "${api.url}/fine_tuning/checkpoints/ft:x/permissions": 400 Bad Request\n`,
      });
    } finally {
      await api.close();
    }
  });
});

describe('the connection', () => {
  it('OPENAI_CUSTOM_HEADERS adds one header a line', async () => {
    const api = await answering(200, JSON.stringify({ object: 'list', data: [], has_more: false }));
    try {
      const result = await runOfficialCli([GROUP, 'retrieve', 'ft:x', '--api-key', 'sk-test'], {
        OPENAI_BASE_URL: api.url,
        OPENAI_CUSTOM_HEADERS: 'X-Trace: abc 123\nX-Team: ml',
      });
      expect(result.code).toBe(0);
      expect(api.heard[0]!.headers).toMatchObject({ 'x-trace': 'abc 123', 'x-team': 'ml' });
    } finally {
      await api.close();
    }
  });

  it('plain http:// to another host: refused, or with --allow-insecure-http sent with a warning (both families)', async () => {
    // The recorder stands as the HTTP proxy, so a request to gateway.internal reaches it without any DNS.
    const api = await answering(200, JSON.stringify({ object: 'list', data: [], has_more: false, first_id: null, last_id: null }));
    const proxyEnv = { HTTP_PROXY: api.url.replace(/\/v1$/, ''), OPENAI_ADMIN_KEY: 'sk-admin-test' };
    try {
      const refused = await runOfficialCli([GROUP, 'retrieve', 'ft:x', '--base-url', 'http://gateway.internal/v1'], proxyEnv);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('refusing to send an API key over plain http to gateway.internal');
      expect(api.heard).toHaveLength(0);

      const allowed = await runOfficialCli(
        [GROUP, 'retrieve', 'ft:x', '--base-url', 'http://gateway.internal/v1', '--allow-insecure-http'],
        proxyEnv,
      );
      expect(allowed.code).toBe(0);
      expect(allowed.stderr).toBe(
        'Warning: --allow-insecure-http: the key is sent unencrypted over plain http:// to a host that is not this machine\n',
      );
      const own = await runCli(['list', 'ft:x', '--base-url', 'http://gateway.internal/v1', '--allow-insecure-http'], proxyEnv);
      expect(own.code).toBe(0);
      expect(own.stderr).toContain('Warning: --allow-insecure-http');
      expect(api.heard.map((h) => `${h.headers.host}${h.url}`)).toEqual([
        'gateway.internal/v1/fine_tuning/checkpoints/ft:x/permissions',
        expect.stringMatching(/^gateway\.internal\/v1\/fine_tuning\/checkpoints\/ft:x\/permissions/),
      ]);
    } finally {
      await api.close();
    }
  });
});
