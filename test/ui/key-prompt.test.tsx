// The admin key prompt: masked, checked with one request, never on screen, Esc quits.
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient, type Client } from '../../src/api/client';
import { maskKey } from '../../src/api/keys';
import { startDemoServer, type DemoServer } from '../../src/demo/server';
import { isAuthError } from '../../src/api/errors';
import { createAppStore } from '../../src/store/app-store';
import { memoryRecent } from '../../src/store/recent';
import { App, type Connected } from '../../src/ui/App';
import { KEYS } from '../helpers/keys';
import { press, type, waitForFrame } from './render';

let demo: DemoServer | undefined;
const clients: Client[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) await client.close();
  await demo?.close();
  demo = undefined;
});

/** The App as `ckpt-perms` without a key starts it: the prompt, and a connect that tries the key against the demo API. */
async function startPrompt() {
  demo = await startDemoServer();
  const server = demo;
  const tried: string[] = [];
  const connect = async (key: string): Promise<Connected | string> => {
    tried.push(key);
    const client = createClient({ baseURL: server.baseUrl, adminApiKey: key, maxRetries: 0 });
    clients.push(client);
    try {
      await client.projects.list({ limit: 1 });
    } catch (error) {
      return isAuthError(error) ? 'That key was refused' : 'The key could not be checked';
    }
    const store = createAppStore({ client, recent: memoryRecent() });
    return { store, session: { host: '127.0.0.1', keyLabel: maskKey(key), demo: false } };
  };
  const ui = render(<App connect={connect} host="127.0.0.1" />);
  return { ui, server, tried, keys: (text: string) => type(ui.stdin, text) };
}

describe('admin key prompt', () => {
  it('explains what an admin key is, masks what is typed, refuses a wrong key, and takes a pasted one with spaces around it', async () => {
    const { ui, server, tried, keys } = await startPrompt();
    let frame = ui.lastFrame()!;
    expect(frame).toContain('Admin key');
    expect(frame).toMatch(/sk-admin-/);
    expect(frame).toContain('Organization settings → Admin keys');

    const wrong = 'sk-admin-wrongwrongwrongwrong1234';
    await keys(wrong);
    frame = ui.lastFrame()!;
    expect(frame).toContain('•'.repeat(wrong.length));
    await press(ui.stdin, KEYS.enter);
    frame = await waitForFrame(ui.lastFrame, (f) => f.includes('That key was refused'));
    expect(tried).toEqual([wrong]);

    // A paste arrives as one chunk, with the spaces a copy often brings.
    await press(ui.stdin, `  ${server.adminKey} `);
    expect(ui.lastFrame()).toContain(`Admin key: ${'•'.repeat(server.adminKey.length + 1)}`);
    await press(ui.stdin, KEYS.enter);
    frame = await waitForFrame(ui.lastFrame, (f) => f.includes('Pick a checkpoint'));
    expect(tried.at(-1)).toBe(server.adminKey);
    expect(frame).toContain(`key ${maskKey(server.adminKey)}`);

    for (const f of ui.frames) {
      expect(f).not.toContain(server.adminKey);
      expect(f).not.toContain(wrong);
    }
    ui.unmount();
  });

  it('takes a key pasted with the line break a copy brings as the key and Enter', async () => {
    const { ui, server, tried } = await startPrompt();
    await press(ui.stdin, `  ${server.adminKey}  \r\n`);
    const frame = await waitForFrame(ui.lastFrame, (f) => f.includes('Pick a checkpoint'));
    expect(tried).toEqual([server.adminKey]);
    expect(frame).toContain(`key ${maskKey(server.adminKey)}`);
    ui.unmount();
  });

  it('refuses a project or service account key before sending anything, saying what an admin key looks like', async () => {
    const { ui, server, tried } = await startPrompt();
    const before = server.requests.length;
    // The demo's own project key, pasted in one chunk.
    await press(ui.stdin, server.apiKey);
    await press(ui.stdin, KEYS.enter);
    let frame = await waitForFrame(ui.lastFrame, (f) => f.includes('project key'));
    expect(frame).toContain('That is a project key: an admin key starts with sk-admin- (nothing was sent)');
    expect(frame).toMatch(/^Admin key: *$/m);
    // Pasted with its line break (one chunk: the key, then Enter): refused the same, and the field is empty after.
    await press(ui.stdin, 'sk-svcacct-abcdefghijklmnopqrstuvwxyz0123\r');
    frame = await waitForFrame(ui.lastFrame, (f) => f.includes('service account key'));
    expect(frame).toContain('That is a service account key: an admin key starts with sk-admin- (nothing was sent)');
    expect(frame).toMatch(/^Admin key: *$/m);
    expect(tried).toEqual([]);
    expect(server.requests.slice(before)).toEqual([]);
    for (const f of ui.frames) expect(f).not.toContain(server.apiKey);
    ui.unmount();
  });

  it('Esc quits without trying anything', async () => {
    const { ui, tried, keys } = await startPrompt();
    await keys('sk-admin-abc');
    await press(ui.stdin, KEYS.esc);
    expect(tried).toEqual([]);
    // Ink stops reading keys once the app has exited.
    expect((ui.stdin as unknown as { listenerCount(e: string): number }).listenerCount('readable')).toBe(0);
  });
});
