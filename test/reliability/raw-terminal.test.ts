// --format raw of the official family: the body as received when piped; on a terminal, a server's control characters
// (a raw CR would send the cursor back and let the rest of the body overwrite the line) written as \uXXXX escapes.
import { afterEach, describe, expect, test, type TestContext } from 'vitest';
import { GROUP, runOfficialCli } from '../helpers/official';
import { closeAll, spawnTerminal } from '../helpers/pty';
import { countAs } from './figures';
import { scriptedServer, type ScriptedServer } from './support';

afterEach(closeAll);

const CHECKPOINT = 'ft:gpt-4o-mini-2024-07-18:org:weather:B7R9VjQd';
// Valid JSON: CR is whitespace between tokens, U+0085 (a C1 control) may stand raw in a string.
const BODY =
  '{"object":"list","data":[{"object":"checkpoint.permission","id":"cp_1","created_at":1,"project_id":"proj_VISIBLE"}],' +
  '"first_id":"cp_1","note":"next\u0085line",\r"has_more":false,"last_id":"cp_1"}';

async function rawServer(ctx: TestContext): Promise<ScriptedServer> {
  const server = await scriptedServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(BODY);
  });
  ctx.onTestFinished(() => server.close());
  return server;
}

describe('--format raw', () => {
  test('on a terminal: the CR and the C1 control are shown escaped, the line whole', async (ctx) => {
    countAs(ctx, 'bad-input');
    const server = await rawServer(ctx);
    const env = { OPENAI_BASE_URL: server.baseUrl, OPENAI_ADMIN_KEY: 'sk-admin-x', CI: 'false' };
    const term = spawnTerminal({ args: [GROUP, 'list', CHECKPOINT, '--format', 'raw'], env, cols: 400, rows: 10 });
    expect((await term.waitForExit()).exitCode).toBe(0);
    // The pty turns each line break into CR LF: any other CR came from the server.
    expect(term.raw().replace(/\r\n/g, '\n')).not.toMatch(/[\r\u0085]/);
    const screen = term.screen();
    expect(screen).toContain('"project_id":"proj_VISIBLE"');
    expect(screen).toContain('"note":"next\\u0085line",\\u000d"has_more":false');
    expect(screen).toMatch(/^\{"object":"list"/m);
  });

  test('piped: the bytes as received', async (ctx) => {
    countAs(ctx, 'bad-input');
    const server = await rawServer(ctx);
    const env = { OPENAI_BASE_URL: server.baseUrl, OPENAI_ADMIN_KEY: 'sk-admin-x' };
    const result = await runOfficialCli([GROUP, 'list', CHECKPOINT, '--format', 'raw'], env);
    expect([result.code, result.stderr]).toEqual([0, '']);
    expect(result.stdout).toBe(`${BODY}\n`);
  });
});
