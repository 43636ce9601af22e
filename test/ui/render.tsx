// Screen tests: the real App over a real client and store, talking to a started demo server; keys in, frames out.
import { EventEmitter } from 'node:events';
import { render as inkRender } from 'ink';
import { render as testingRender } from 'ink-testing-library';
import { createClient, type Client } from '../../src/api/client';
import { startDemoServer, type DemoServer, type DemoServerOptions } from '../../src/demo/server';
import { createAppStore, type AppStore } from '../../src/store/app-store';
import { memoryRecent } from '../../src/store/recent';
import { App } from '../../src/ui/App';
import type { Theme } from '../../src/ui/theme';

export const KEYS = {
  enter: '\r',
  esc: '\u001B',
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  pageDown: '\u001B[6~',
  pageUp: '\u001B[5~',
  delete: '\u001B[3~',
  tab: '\t',
  space: ' ',
} as const;

export interface Stdin {
  write(data: string): void;
}

/** Lets Ink's input handling (its escape flush is a setImmediate) and React's updates run. */
export const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** One key per write, then a turn of the event loop so Ink sees it as one key. */
export async function press(stdin: Stdin, key: string): Promise<void> {
  stdin.write(key);
  await tick();
  await tick();
}

/** Printable text, one character per key. */
export async function type(stdin: Stdin, text: string): Promise<void> {
  for (const char of text) await press(stdin, char);
}

/** Polls the last frame until `predicate` holds; on timeout throws with the last frame to read. */
export async function waitForFrame(
  lastFrame: () => string | undefined,
  predicate: (frame: string) => boolean,
  timeout = 3000,
): Promise<string> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const frame = lastFrame() ?? '';
    if (predicate(frame)) return frame;
    if (Date.now() > deadline) {
      throw new Error(`waitForFrame timed out after ${timeout} ms (${predicate.toString()}); last frame:\n${frame}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Waits until `check` holds (server state, store state…). */
export async function waitFor(check: () => boolean, what: string, timeout = 3000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A terminal of a given size for Ink (ink-testing-library's stdout is 100 columns and has no rows). */
class SizedStdout extends EventEmitter {
  frames: string[] = [];
  isTTY = true;
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
  }
  write = (frame: string) => {
    this.frames.push(frame);
    return true;
  };
  lastFrame = () => this.frames.at(-1);
}

/** Keys for Ink: what ink-testing-library's stdin does. */
class FakeStdin extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  write = (data: string) => {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  };
  read = () => {
    const { data } = this;
    this.data = null;
    return data;
  };
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}

export interface Harness {
  demo: DemoServer;
  client: Client;
  store: AppStore;
  stdin: Stdin;
  frames: string[];
  lastFrame: () => string;
  press(key: string): Promise<void>;
  type(text: string): Promise<void>;
  waitForFrame(predicate: (frame: string) => boolean, timeout?: number): Promise<string>;
  /** The frame once it contains `text`. */
  waitForText(text: string, timeout?: number): Promise<string>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  demo?: DemoServerOptions;
  theme?: Theme;
  /** A terminal of this size instead of ink-testing-library's 100 columns without rows. */
  size?: { columns: number; rows: number };
  pageSize?: number;
  /** Called with the store before the first render. */
  prepare?: (store: AppStore, demo: DemoServer) => void | Promise<void>;
}

export async function startUi(options: HarnessOptions = {}): Promise<Harness> {
  const demo = await startDemoServer(options.demo);
  const client = createClient({ baseURL: demo.baseUrl, adminApiKey: demo.adminKey, apiKey: demo.apiKey, maxRetries: 0 });
  const store = createAppStore({ client, recent: memoryRecent(), pageSize: options.pageSize ?? 5 });
  await options.prepare?.(store, demo);
  const tree = (
    <App connected={{ store, session: { host: '127.0.0.1', keyLabel: 'sk-admin-…abcd', demo: true } }} host="127.0.0.1" theme={options.theme} />
  );

  let stdin: Stdin;
  let frames: string[];
  let lastFrame: () => string;
  let unmount: () => void;
  if (options.size) {
    const stdout = new SizedStdout(options.size.columns, options.size.rows);
    const fakeStdin = new FakeStdin();
    const instance = inkRender(tree, {
      stdout: stdout as unknown as NodeJS.WriteStream,
      stderr: new SizedStdout(options.size.columns, options.size.rows) as unknown as NodeJS.WriteStream,
      stdin: fakeStdin as unknown as NodeJS.ReadStream,
      debug: true,
      exitOnCtrlC: false,
      patchConsole: false,
    });
    stdin = fakeStdin;
    frames = stdout.frames;
    lastFrame = () => stdout.lastFrame() ?? '';
    unmount = () => {
      instance.unmount();
      instance.cleanup();
    };
  } else {
    const instance = testingRender(tree);
    stdin = instance.stdin;
    frames = instance.frames;
    lastFrame = () => instance.lastFrame() ?? '';
    unmount = () => {
      instance.unmount();
      instance.cleanup();
    };
  }

  let closed = false;
  return {
    demo,
    client,
    store,
    stdin,
    frames,
    lastFrame,
    press: (key) => press(stdin, key),
    type: (text) => type(stdin, text),
    waitForFrame: (predicate, timeout) => waitForFrame(lastFrame, predicate, timeout),
    waitForText: (text, timeout) => waitForFrame(lastFrame, (frame) => frame.includes(text), timeout),
    async close() {
      if (closed) return;
      closed = true;
      try {
        unmount();
      } finally {
        store.getState().dispose();
        await client.close();
        await demo.close();
      }
    },
  };
}

/** Opens `checkpoint` through the picker's field (typed + Enter) and waits for its first page. */
export async function openTable(ui: Harness, checkpoint: string): Promise<string> {
  await ui.waitForText('Checkpoint id:');
  await ui.type(checkpoint);
  await ui.press(KEYS.enter);
  await waitFor(() => {
    const state = ui.store.getState();
    return state.page !== null && !state.loading && state.directory.status === 'ready';
  }, 'the first page and the project names');
  return ui.waitForFrame((frame) => /Page 1 · \d+–\d+/.test(frame) && !frame.includes('loading'));
}

/** Permission rows of the frame: the lines that hold a `cp_` id. */
export function rowLines(frame: string): string[] {
  return frame.split('\n').filter((line) => /\bcp_[A-Za-z0-9]/.test(line));
}
