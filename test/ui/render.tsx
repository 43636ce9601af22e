// Screen tests: the real App over a real client and store, talking to a started demo server; keys in, frames out.
import { EventEmitter } from 'node:events';
import stringWidth from 'string-width';
import { render as inkRender } from 'ink';
import { render as testingRender } from 'ink-testing-library';
import { DEFAULT_TIMEOUT_MS } from '../../src/api/client';
import type { AppStore } from '../../src/store/app-store';
import { App } from '../../src/ui/App';
import type { Theme } from '../../src/ui/theme';
import { harness, type Harness, type HarnessOptions } from '../helpers/harness';
import { KEYS } from '../helpers/keys';
import { WAIT_MS, waitFor } from '../helpers/wait';

export interface Stdin {
  write(data: string): void;
  /** Ink listens for 'readable' while any input hook is active: 0 once the app has exited. */
  listenerCount(event: string): number;
}

/** One turn of the event loop. */
export const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Lets Ink and React finish with a key. One turn is not enough: Ink flushes a lone Esc on a
 * setImmediate, and in Ink's legacy root React runs effects (which re-subscribe every useInput
 * handler with the new render's values) on later turns, so a key written too soon goes to a
 * handler of the previous render. A person cannot type that fast; a test can.
 */
export async function settle(): Promise<void> {
  for (let i = 0; i < 8; i++) await tick();
}

/** One key per write (Ink parses a write as one key, or as one paste), then waits for it to settle. */
export async function press(stdin: Stdin, key: string): Promise<void> {
  stdin.write(key);
  await settle();
}

/** Printable text, one character per key. */
export async function type(stdin: Stdin, text: string): Promise<void> {
  for (const char of text) await press(stdin, char);
}

/** Polls the last frame until `predicate` holds; on timeout throws with the last frame to read. */
export async function waitForFrame(
  lastFrame: () => string | undefined,
  predicate: (frame: string) => boolean,
  timeout = WAIT_MS,
): Promise<string> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const frame = lastFrame() ?? '';
    if (predicate(frame)) {
      // The keys that follow must reach the handlers of this frame, not of the one before.
      await settle();
      return lastFrame() ?? frame;
    }
    if (Date.now() > deadline) {
      throw new Error(`waitForFrame timed out after ${timeout} ms (${predicate.toString()}); last frame:\n${frame}`);
    }
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
  /** Like a terminal being resized. */
  resize(columns: number, rows: number) {
    this.columns = columns;
    this.rows = rows;
    this.emit('resize');
  }
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

/** The harness (demo API, client, store) with the App drawn by Ink: keys in, frames out. */
export interface UiHarness extends Harness {
  stdin: Stdin;
  frames: string[];
  lastFrame: () => string;
  /**
   * Only for a sized terminal (`size`): resizes it, waits for the first frame that fits the new size and returns its
   * index in `frames`. Outside CI, Ink answers a resize itself before the app re-renders (an empty frame, then the old
   * layout at the new width): those frames are not the app's answer to the new size, so checks start from the index.
   */
  resize(columns: number, rows: number): Promise<number>;
  press(key: string): Promise<void>;
  type(text: string): Promise<void>;
  waitForFrame(predicate: (frame: string) => boolean, timeout?: number): Promise<string>;
  /** The frame once it contains `text`. */
  waitForText(text: string, timeout?: number): Promise<string>;
  close(): Promise<void>;
}

export interface UiHarnessOptions extends HarnessOptions {
  theme?: Theme;
  /** A terminal of this size instead of ink-testing-library's 100 columns without rows. */
  size?: { columns: number; rows: number };
  /** The terminal's bracketed paste mode on, as launch-ui turns it on: only bracketed text is a paste. */
  bracketedPaste?: boolean;
  /** Called with the store before the first render. */
  prepare?: (store: AppStore, demo: Harness['demo']) => void | Promise<void>;
}

/** The App over a fresh harness: 5 rows a page and the client's own timeout unless told otherwise. */
export async function startUi(options: UiHarnessOptions = {}): Promise<UiHarness> {
  const app = await harness({ ...options, pageSize: options.pageSize ?? 5, timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS });
  const { store, demo } = app;
  try {
    await options.prepare?.(store, demo);
  } catch (error) {
    await app.close();
    throw error;
  }
  const tree = (
    <App
      connected={{ store, session: { host: '127.0.0.1', keyLabel: 'sk-admin-…abcd', demo: true } }}
      host="127.0.0.1"
      theme={options.theme}
      bracketedPaste={options.bracketedPaste}
    />
  );

  let stdin: Stdin;
  let frames: string[];
  let lastFrame: () => string;
  let unmount: () => void;
  let resize: (columns: number, rows: number) => void = () => {
    throw new Error('resize needs a sized terminal (startUi({ size }))');
  };
  const resizeAndWait = async (columns: number, rows: number): Promise<number> => {
    const from = frames.length;
    resize(columns, rows);
    const fits = (i: number) => frames[i] !== '' && oversizedFrames([frames[i]!], columns, rows).length === 0;
    let first = -1;
    await waitFor(() => {
      for (let i = from; i < frames.length && first === -1; i++) if (fits(i)) first = i;
      return first !== -1;
    }, `a frame that fits ${columns}×${rows}`);
    await settle();
    return first;
  };
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
    resize = (columns, rows) => stdout.resize(columns, rows);
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
    ...app,
    stdin,
    frames,
    lastFrame,
    resize: resizeAndWait,
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
        await app.close();
      }
    },
  };
}

/** Opens `checkpoint` through the picker's field (pasted + Enter) and waits for its first page and the project names. */
export async function openTable(ui: UiHarness, checkpoint: string): Promise<string> {
  await waitFor(() => ui.store.getState().screen === 'picker' && ui.frames.length > 0, 'the picker');
  await settle();
  await ui.press(checkpoint);
  await ui.press(KEYS.enter);
  await waitFor(() => {
    const state = ui.store.getState();
    return state.screen === 'table' && state.page !== null && !state.loading && state.directory.status === 'ready';
  }, 'the first page and the project names');
  return ui.waitForFrame((frame) => frame.includes('Page 1') && !frame.includes('loading'));
}

/** s, then the source picked from the picker's list: a part of its id typed to filter, Tab, Enter. */
export async function pickSyncSource(ui: UiHarness, source: string): Promise<void> {
  await ui.press('s');
  await ui.waitForText('Pick the source');
  await waitFor(() => ui.store.getState().jobs.status === 'ready', 'the jobs');
  // The tail tells a checkpoint from its siblings: one line of the list matches it.
  const tail = source.split(':').slice(-2).join(':');
  await ui.type(tail);
  // The row Enter in the field takes is marked ↵ (issue 28 item 1).
  await ui.waitForFrame((frame) => frame.split('\n').filter((line) => /^(↵ | {2})ft:/.test(line)).length === 1);
  await ui.press(KEYS.tab);
  await ui.waitForFrame((frame) => frame.split('\n').some((line) => line.startsWith('❯ ') && line.includes(source.slice(-8))));
  await ui.press(KEYS.enter);
}

/** The frame's lines without trailing blanks. */
export const linesOf = (frame: string): string[] => frame.split('\n').map((line) => line.trimEnd());

/** Permission rows of the frame: the lines that start with a mark (or its room) and a `cp_` id. */
export function rowLines(frame: string): string[] {
  return frame.split('\n').filter((line) => /^[› ][● ]cp_[A-Za-z0-9]/.test(line));
}

/** Frames over the limit, with the frame, for the failure message: at most rows − 1 lines (a frame as tall as the terminal makes Ink clear the screen) and no wider. */
export function oversizedFrames(frames: string[], columns: number, rows: number): string[] {
  const problems: string[] = [];
  frames.forEach((frame, i) => {
    const lines = frame.split('\n');
    if (lines.length > rows - 1) problems.push(`frame ${i}: ${lines.length} lines (at most ${rows - 1})\n${frame}`);
    const wide = lines.find((line) => stringWidth(line) > columns);
    if (wide !== undefined) problems.push(`frame ${i}: a line of ${stringWidth(wide)} columns (at most ${columns}): ${wide}`);
  });
  return problems;
}
