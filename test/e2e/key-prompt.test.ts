// The admin key prompt's refusals at 80×24 (issue #16, item 8): what to check comes first, so a narrow terminal cuts
// only the server's words; the built binary in a pseudo-terminal, with the key pasted as one write.
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../src/demo/server';
import { KEYS } from '../helpers/keys';
import { closeAll, spawnTerminal } from '../helpers/pty';

let demo: DemoServer | undefined;
afterEach(async () => {
  await closeAll();
  await demo?.close();
  demo = undefined;
});

/** A loopback port nothing listens on (it was free a moment ago). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The screen's lines from the refusal down to the footer, joined: the message wraps rather than being cut. */
const refusal = (screen: string, start: string) => {
  const lines = screen.split('\n');
  const from = lines.findIndex((line) => line.startsWith(start));
  return lines
    .slice(from, from + 4)
    .map((line) => line.trim())
    .join(' ');
};

describe('the admin key prompt at 80×24', () => {
  it('a project key is refused at once, before any request', async () => {
    demo = await startDemoServer();
    const term = spawnTerminal({ args: ['--base-url', demo.baseUrl], cols: 80, rows: 24 });
    await term.waitFor('Admin key:');
    await term.press(demo.apiKey);
    await term.waitFor('Admin key: ' + '•'.repeat(Math.min(demo.apiKey.length, 60)));
    await term.press(KEYS.enter);
    const screen = await term.waitFor('project key');
    expect(screen).toContain('That is a project key: an admin key starts with sk-admin- (nothing was sent)');
    expect(demo.requests).toEqual([]);
    expect(term.raw()).not.toContain(demo.apiKey);
  });

  it('a refused key: the advice comes first and is not cut, the server text after', async () => {
    demo = await startDemoServer();
    const term = spawnTerminal({ args: ['--base-url', demo.baseUrl], cols: 80, rows: 24 });
    await term.waitFor('Admin key:');
    await term.press('sk-admin-ThisIsNotTheDemoKey0123456789abcd');
    await term.press(KEYS.enter);
    const screen = await term.waitFor('That key was refused');
    const text = refusal(screen, 'That key was refused');
    expect(text).toContain(
      'That key was refused: an organization admin key (sk-admin-…) is needed · 401 invalid_api_key: Incorrect API key',
    );
    expect(screen).not.toContain('…is needed');
  });

  it('no connection: says to check the base URL and proxy before the server error', async () => {
    const port = await closedPort();
    const term = spawnTerminal({ args: ['--base-url', `http://127.0.0.1:${port}/v1`, '--max-retries', '0'], cols: 80, rows: 24 });
    await term.waitFor('Admin key:');
    await term.press('sk-admin-AnyKeyWillDoHere0123456789abcdef');
    await term.press(KEYS.enter);
    const screen = await term.waitFor('could not be checked', { timeoutMs: 15_000 });
    const text = refusal(screen, 'The key could not be checked');
    expect(text).toMatch(
      /^The key could not be checked: check the base URL \(--base-url, OPENAI_BASE_URL\) and any proxy \(HTTPS_PROXY, NO_PROXY\) · network error: .*refused/,
    );
  });
});
