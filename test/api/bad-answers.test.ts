// Answers no well-behaved API gives: a loopback server that says exactly what each test scripts.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { beforeEach, describe, expect, it } from 'vitest';
import { createClient } from '../../src/api/client';
import { ApiError, InvalidResponseError } from '../../src/api/errors';
import { runCli } from '../helpers/cli';
import { useScriptedApi } from '../helpers/scripted-api';
import type { Script } from '../reliability/support';

const KEY = 'sk-admin-BadAnswersTestKey0123456789abcd';
/** What the server answers: each test sets it. */
let script: Script;
const scripted = useScriptedApi((req, res) => script(req, res), { adminApiKey: KEY });

function json(res: ServerResponse, body: string, status = 200, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': 'req_scripted', ...headers }).end(body);
}

beforeEach(() => {
  scripted.server.requests.length = 0;
});

describe('2xx answers that are not what the API promises', () => {
  for (const [body, words] of [
    ['null', 'JSON that is not an object'],
    ['[]', 'JSON that is not an object'],
    ['"ok"', 'JSON that is not an object'],
    ['{"object":"list"}', 'a list without a data array'],
  ] as const) {
    it(`refuses ${body} with the request id`, async () => {
      script = (_req, res) => json(res, body);
      const error = (await scripted.api.permissions.list('ft:x:y').catch((e: unknown) => e)) as InvalidResponseError;
      expect(error).toBeInstanceOf(InvalidResponseError);
      expect(error.message).toContain(words);
      expect(error.requestId).toBe('req_scripted');
    });
  }

  it('refuses an answer of more than 16 MB, and reads one just under it', async () => {
    const pad = (bytes: number) => `{"object":"list","data":[],"pad":"${'x'.repeat(bytes - 38)}"}`;
    script = (_req, res) => {
      // Streamed in 1 MB pieces without a length, as a broken server or proxy might.
      res.writeHead(200, { 'content-type': 'application/json' });
      const body = pad(17 * 1024 * 1024);
      for (let at = 0; at < body.length; at += 1 << 20) res.write(body.slice(at, at + (1 << 20)));
      res.end();
    };
    const error = await scripted.api.permissions.list('ft:x:y').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toBe('the server answered 200 with more than 16 MB, far more than any answer of this API');
    script = (_req, res) => json(res, pad(15 * 1024 * 1024));
    expect((await scripted.api.permissions.list('ft:x:y')).data).toEqual([]);
  });

  it('stops a walk whose cursors go round in a circle', async () => {
    script = (req, res) => {
      const after = new URL(req.url!, 'http://x').searchParams.get('after');
      const id = after === 'cp_a' ? 'cp_b' : 'cp_a';
      json(res, JSON.stringify({ object: 'list', data: [{ id }], first_id: id, last_id: id, has_more: true }));
    };
    const error = await (async () => {
      for await (const _ of scripted.api.permissions.all('ft:x:y')) void _;
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toMatch(/cursor cp_a a second time/);
    expect(scripted.server.requests).toHaveLength(3);
  });

  it('masks its key if a server ever echoes it into the output', async () => {
    script = (_req, res) => json(res, JSON.stringify({ object: 'list', data: [{ id: KEY }], has_more: false }));
    const result = await runCli(['list', 'ft:x:y'], { OPENAI_BASE_URL: scripted.server.baseUrl, OPENAI_ADMIN_KEY: KEY });
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain(KEY);
    expect(JSON.parse(result.stdout).data[0].id).toBe('sk-admin-…abcd');
  });
});

describe('error answers', () => {
  it('words an HTML gateway page once, without its markup', async () => {
    script = (_req, res) =>
      res
        .writeHead(502, { 'content-type': 'text/html' })
        .end('<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>');
    const error = (await scripted.api.permissions.list('ft:x:y').catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(502);
    expect(error.apiMessage).toBe('Bad Gateway (an HTML page, likely from a proxy or gateway, not the API)');
  });

  it('does not follow a redirect, so the key never reaches another origin', async () => {
    const elsewhere: IncomingMessage[] = [];
    const other = createServer((req, res) => {
      elsewhere.push(req);
      res.end('{}');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const target = `http://127.0.0.1:${(other.address() as { port: number }).port}/v1/steal`;
    script = (_req, res) => res.writeHead(307, { location: target }).end();
    const error = (await scripted.api.permissions.list('ft:x:y').catch((e: unknown) => e)) as ApiError;
    await new Promise((resolve) => other.close(resolve));
    expect(error).toBeInstanceOf(ApiError);
    expect(error.apiMessage).toContain(`unexpected redirect to ${target} (not followed`);
    expect(elsewhere).toHaveLength(0);
  });

  it('sends exactly the headers it should: the bearer key, organization and project', async () => {
    script = (_req, res) => json(res, '{"object":"list","data":[],"has_more":false}');
    const withOrg = createClient({
      baseURL: scripted.server.baseUrl,
      adminApiKey: KEY,
      organization: 'org-abc',
      project: 'proj_def',
      maxRetries: 0,
    });
    await withOrg.permissions.list('ft:x:y');
    await withOrg.close();
    const headers = scripted.server.requests[0]!.headers;
    expect(headers.authorization).toBe(`Bearer ${KEY}`);
    expect(headers['openai-organization']).toBe('org-abc');
    expect(headers['openai-project']).toBe('proj_def');
    expect(headers['user-agent']).toMatch(/^ckpt-perms\//);
  });
});
