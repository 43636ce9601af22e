// Keys are masked after decoding: a server that echoes the key with JSON escapes (\u0073\u006b…) gets it back
// masked in every place a body or its message is printed, since any JSON reader would decode it to the key.
import { describe, expect, test, type TestContext } from 'vitest';
import { runCli } from '../helpers/cli';
import { GROUP, runOfficialCli } from '../helpers/official';
import { countAs } from './figures';
import { keyOccurrences, scriptedServer, type ScriptedServer } from './support';

const ADMIN = 'sk-admin-ESCCANARYq7Zx3Kp9Vb2Nm8RtWy4dLe';
const CHECKPOINT = 'ft:gpt-4o-mini-2024-07-18:org:weather:B7R9VjQd';
/** Every character of the key as a \uXXXX escape, as JSON allows. */
const ESCAPED = [...ADMIN].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');

/** The output with every JSON escape decoded, as a reader of it would see it. */
const decoded = (text: string) => text.replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

async function echoingServer(ctx: TestContext): Promise<ScriptedServer> {
  const server = await scriptedServer((_req, res) => {
    res.writeHead(401, { 'content-type': 'application/json', 'x-request-id': 'req_escaped' });
    res.end(
      `{"error":{"message":"Incorrect API key provided: ${ESCAPED}. You can find your API key at https://platform.openai.com/account/api-keys.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}`,
    );
  });
  ctx.onTestFinished(() => server.close());
  return server;
}

const RUNS: { label: string; official: boolean; args: string[] }[] = [
  { label: 'the official family (json)', official: true, args: [GROUP, 'list', CHECKPOINT] },
  { label: 'the official family (--format raw)', official: true, args: [GROUP, 'list', CHECKPOINT, '--format', 'raw'] },
  { label: 'the official family (--format-error raw)', official: true, args: [GROUP, 'list', CHECKPOINT, '--format-error', 'raw'] },
  { label: 'the official family (--debug)', official: true, args: [GROUP, 'list', CHECKPOINT, '--debug'] },
  { label: 'list (the error line)', official: false, args: ['list', CHECKPOINT] },
  { label: 'list --debug', official: false, args: ['list', CHECKPOINT, '--debug'] },
];

describe.concurrent('a key echoed with JSON escapes', () => {
  test.for(RUNS)('$label: masked, exit 1', async ({ official, args }, ctx) => {
    const figure = countAs(ctx, 'leak');
    const server = await echoingServer(ctx);
    const env = { OPENAI_BASE_URL: server.baseUrl, OPENAI_ADMIN_KEY: ADMIN };
    const result = official ? await runOfficialCli(args, env) : await runCli(args, env);
    const printed = decoded(`${result.stdout}${result.stderr}`);
    figure.leaked(keyOccurrences(printed, ADMIN));
    expect(keyOccurrences(printed, ADMIN)).toBe(0);
    expect(result.code).toBe(1);
    // The server's words are still there, the key masked in them.
    expect(printed).toContain('Incorrect API key provided: sk-admin-…');
  });
});
