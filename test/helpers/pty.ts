// End-to-end harness: the built binary under a real pseudo-terminal, its screen read back through a headless xterm.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IPty } from '@lydell/node-pty';
import type { Terminal as XTerm } from '@xterm/headless';
import { PtyScreen, type PtyExit } from '../../scripts/pty-screen.mjs';
import { CLI } from './cli';
import { testEnv } from './env';
import { sleep, WAIT_MS } from './wait';

export type ScreenPredicate = string | RegExp | ((screen: string) => boolean);

export type { PtyExit };

export interface TerminalOptions {
  /** Arguments after `dist/cli.js`. */
  args?: string[];
  /** argv after `node`, instead of `[CLI, ...args]`: to run some other script under the same harness. */
  command?: string[];
  /** Added to testEnv()'s; XDG_STATE_HOME (and XDG_CACHE_HOME) here replace the temporary ones. */
  env?: Record<string, string>;
  cols?: number;
  rows?: number;
  cwd?: string;
}

export interface DemoServerProcess {
  baseUrl: string;
  adminKey: string;
  apiKey: string;
  checkpoints: string[];
  child: ChildProcess;
  /** Sends the signal (Ctrl+C by default) and resolves with the exit code once the process has gone. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

// Everything started here, so one afterEach(closeAll) cleans up whatever a test left running.
const open = new Set<{ close(): Promise<void> }>();

const POLL_MS = 20;
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Kills every pty session and demo server still running, and removes their temporary state directories. */
export async function closeAll(): Promise<void> {
  const all = [...open];
  open.clear();
  await Promise.all(all.map((item) => item.close()));
}

/** The flags that point ckpt-perms at a demo-server process, with both of its keys. */
export const demoConnection = (server: Pick<DemoServerProcess, 'baseUrl' | 'adminKey' | 'apiKey'>): string[] => [
  '--base-url',
  server.baseUrl,
  '--admin-api-key',
  server.adminKey,
  '--api-key',
  server.apiKey,
];

/**
 * The column of a text field's cursor (the inverse cell on the row that starts with `label`), or -1: how a test sees a
 * cursor move in a masked field, whose text does not change.
 */
export function fieldCursor(term: Terminal, label: string): number {
  const y = term.lines().findIndex((line) => line.startsWith(label));
  if (y < 0) return -1;
  const buffer = term.term.buffer.active;
  const line = buffer.getLine(buffer.viewportY + y);
  for (let x = 0; x < term.term.cols; x++) if (line?.getCell(x)?.isInverse()) return x;
  return -1;
}

/** Which of the picker's list rows is highlighted (`❯ `), among its rows (`❯ `, `↵ ` or two spaces before the id). */
export const highlightedPickerRow = (term: Terminal): number =>
  term
    .lines()
    .filter((line) => /^(?:❯ |↵ | {2})ft:/.test(line))
    .findIndex((line) => line.startsWith('❯ '));

/** `ckpt-perms demo-server [args]` as a child process, resolved once it listens and has printed its keys. */
export function startDemoServerProcess(args: string[] = [], timeoutMs = 30_000): Promise<DemoServerProcess> {
  const child = spawn(process.execPath, [CLI, 'demo-server', ...args], { env: testEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async (signal: NodeJS.Signals = 'SIGINT'): Promise<number | null> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  const entry = {
    close: async () => {
      // Ctrl+C first so the server closes its sockets; SIGKILL if it does not go within a second.
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGINT');
      if ((await Promise.race([exited.then(() => true), sleep(1000).then(() => false)])) === false) child.kill('SIGKILL');
      await exited;
    },
  };
  open.add(entry);

  let out = '';
  let err = '';
  let settled = false;
  return new Promise<DemoServerProcess>((resolve, reject) => {
    const fail = (message: string) => {
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      open.delete(entry);
      reject(new Error(`${message}\nstdout: ${out}\nstderr: ${err}`));
    };
    const timer = setTimeout(() => fail(`demo-server did not start within ${timeoutMs} ms`), timeoutMs);
    // stdout and stderr are separate pipes: the listening line may be read before the key lines it follows.
    const check = () => {
      if (settled || !err.includes('listening') || !out.endsWith('\n')) return;
      settled = true;
      clearTimeout(timer);
      child.removeListener('exit', onExit);
      const pairs = out
        .trim()
        .split('\n')
        .map((line) => line.split(/=(.*)/s) as [string, string | undefined]);
      const info = Object.fromEntries(pairs.filter(([name]) => name !== 'checkpoint'));
      const { base_url: baseUrl, admin_key: adminKey, api_key: apiKey } = info;
      if (!baseUrl || !adminKey || !apiKey) return fail('demo-server printed no base_url, admin_key or api_key');
      const checkpoints = pairs.filter(([name]) => name === 'checkpoint').map(([, id]) => id ?? '');
      resolve({ baseUrl, adminKey, apiKey, checkpoints, child, stop });
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
      fail(`demo-server exited (code ${code}, signal ${signal}) before listening`);
    child.once('exit', onExit);
    // Both pipes stay drained after start-up, so a chatty server never blocks on a full pipe.
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      check();
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      check();
    });
  });
}

/** A program running under a pseudo-terminal, as a user would see and drive it. */
export class Terminal {
  /** The temporary XDG_STATE_HOME given to the program (undefined when the caller set its own). */
  readonly stateDir: string | undefined;
  private readonly reader: PtyScreen;
  private hidden = false;

  constructor({ args = [], command, env = {}, cols = 80, rows = 24, cwd }: TerminalOptions = {}) {
    this.stateDir = env.XDG_STATE_HOME === undefined ? mkdtempSync(join(tmpdir(), 'ckpt-perms-pty-')) : undefined;
    const fullEnv = testEnv({
      TERM: 'xterm-256color',
      ...(this.stateDir === undefined ? {} : { XDG_STATE_HOME: this.stateDir }),
      // The project directory's cache too stays out of the user's home (a test gives its own to look at it).
      ...(this.stateDir === undefined ? {} : { XDG_CACHE_HOME: join(this.stateDir, 'cache') }),
      ...env,
    });

    this.reader = new PtyScreen({ args: command ?? [CLI, ...args], env: fullEnv, cols, rows, cwd, scrollback: 1000 });
    // DECTCEM is not among xterm's public modes, so watch `CSI ? 25 l` / `CSI ? 25 h` as the parser sees them.
    const watchCursor = (final: 'h' | 'l') =>
      this.term.parser.registerCsiHandler({ prefix: '?', final }, (params) => {
        if (params.includes(25)) this.hidden = final === 'l';
        return false; // let xterm's own handler run too
      });
    watchCursor('h');
    watchCursor('l');
    open.add(this);
  }

  get cols(): number {
    return this.reader.cols;
  }

  get rows(): number {
    return this.reader.rows;
  }

  get pid(): number {
    return this.reader.pid;
  }

  /** The headless xterm, for a test that reads the cells' attributes. */
  get term(): XTerm {
    return this.reader.term;
  }

  /** The exit status once the program has ended. */
  get exit(): PtyExit | undefined {
    return this.reader.exit;
  }

  /** Resolves once xterm has parsed every byte received so far. */
  flush(): Promise<void> {
    return this.reader.flush();
  }

  /** The visible rows, right-trimmed; call after flush()/waitFor()/press() to include the latest output. */
  lines(): string[] {
    return this.reader.lines();
  }

  screen(): string {
    return this.reader.screen();
  }

  /** Everything the program wrote, escape sequences included. */
  raw(): string {
    return this.reader.raw();
  }

  /** 'alternate' while a full-screen program owns the display (`CSI ? 1049 h`). */
  bufferType(): 'normal' | 'alternate' {
    return this.term.buffer.active.type;
  }

  /** Whether the program has the terminal's bracketed paste mode on (`CSI ? 2004 h`), as xterm keeps it. */
  bracketedPaste(): boolean {
    return this.term.modes.bracketedPasteMode;
  }

  /** Whether the program last hid the cursor (DECTCEM). */
  cursorHidden(): boolean {
    return this.hidden;
  }

  /** Sends the bytes of one key (see `KEYS` in ./keys), then lets pending I/O run once; use waitFor for the program's reaction. */
  async press(key: string): Promise<void> {
    await this.waitForIdle();
    await this.send(key);
  }

  /** Keys typed before the program asks for them (even before it has started): written at once, idle or not. */
  async typeAhead(keys: string): Promise<void> {
    await this.send(keys);
  }

  /**
   * Sends a key whose effect shows nowhere on the screen, and waits until the program has read it and is idle again. The
   * terminal hands keys over asynchronously: a program can look idle with the key still on its way, and a resize (a
   * signal) sent next can overtake it. The bytes read are counted from /proc (Linux; any read counts, the network's
   * too, so other traffic at that moment makes this return early); elsewhere this only waits for idle.
   */
  async pressAndWaitRead(key: string, { timeoutMs = WAIT_MS }: { timeoutMs?: number } = {}): Promise<void> {
    await this.waitForIdle();
    const before = this.bytesRead();
    await this.send(key);
    if (before !== undefined) {
      const deadline = Date.now() + timeoutMs;
      while ((this.bytesRead() ?? Infinity) < before + Buffer.byteLength(key)) {
        if (this.exit) return;
        if (Date.now() >= deadline)
          throw new Error(`the program did not read ${JSON.stringify(key)} in ${timeoutMs} ms\n${this.describe()}`);
        await sleep(2);
      }
    }
    await this.waitForIdle();
  }

  /** How many bytes the program has read so far (`rchar` in /proc/PID/io), or undefined where /proc is not. */
  private bytesRead(): number | undefined {
    try {
      const match = /^rchar: (\d+)$/m.exec(readFileSync(`/proc/${this.pid}/io`, 'utf8'));
      return match ? Number(match[1]) : undefined;
    } catch {
      return undefined;
    }
  }

  /** Writes the bytes at once, idle or not (keys typed ahead), then lets pending I/O run once. */
  private async send(keys: string): Promise<void> {
    if (this.exit)
      throw new Error(`cannot press ${JSON.stringify(keys)}: the program exited with ${this.exit.exitCode}\n${this.describe()}`);
    this.reader.write(keys);
    await tick();
    await this.flush();
  }

  /**
   * Waits until the program has finished with what it was doing: its main thread asleep (waiting for a key, a timer or
   * the network) at two looks in a row. A screen can be on show before the program is done with it: Ink writes a frame
   * as React commits it, and React subscribes the new frame's key handlers a moment later, so a key sent at once can
   * reach a handler of the frame before (the picker's list then ignores a ↓). On a loaded machine that moment can be
   * long. The state is read from /proc (Linux); elsewhere this returns at once.
   */
  async waitForIdle({ timeoutMs = WAIT_MS }: { timeoutMs?: number } = {}): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let asleepBefore = false;
    for (;;) {
      if (this.exit) return;
      const state = this.mainThreadState();
      if (state === undefined) return;
      if (state === 'S' && asleepBefore) return;
      asleepBefore = state === 'S';
      if (Date.now() >= deadline) throw new Error(`the program was still busy after ${timeoutMs} ms\n${this.describe()}`);
      await sleep(asleepBefore ? 1 : 5);
    }
  }

  /** The scheduling state of the program's main thread (R running, S asleep, …), or undefined where /proc is not. */
  private mainThreadState(): string | undefined {
    try {
      const stat = readFileSync(`/proc/${this.pid}/stat`, 'utf8');
      // pid (command name) state …: the name may hold spaces and parentheses, so read after the last ')'.
      return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    } catch {
      return undefined;
    }
  }

  /**
   * Waits until the program reads the keyboard key by key: the terminal in raw mode (no line editing, no echo), as Ink
   * sets it once its first input handler is mounted, just after the first frame. A key sent before that would sit in the
   * terminal's line buffer and be echoed by the terminal itself: type at a program's first screen only after this.
   */
  async waitForRawMode({ timeoutMs = WAIT_MS }: { timeoutMs?: number } = {}): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.rawMode()) {
      if (this.exit) throw new Error(`the program exited (code ${this.exit.exitCode}) before reading keys\n${this.describe()}`);
      if (Date.now() >= deadline) throw new Error(`the terminal was not in raw mode after ${timeoutMs} ms\n${this.describe()}`);
      await sleep(POLL_MS);
    }
  }

  /** Whether the terminal's line discipline is in raw mode, as `stty` reads it on the program's side of the pty. */
  private rawMode(): boolean {
    // node-pty has the name of the program's side of the pty, though its typings do not say so.
    const ptsName = (this.reader.pty as IPty & { ptsName?: string }).ptsName;
    if (!ptsName) throw new Error('waitForRawMode needs the name of the pseudo-terminal (node-pty on Linux or macOS)');
    const fd = openSync(ptsName, constants.O_RDWR | constants.O_NOCTTY | constants.O_NONBLOCK);
    try {
      const settings = spawnSync('stty', ['-a'], { stdio: [fd, 'pipe', 'pipe'], encoding: 'utf8' }).stdout;
      return /(^|\s)-icanon\b/.test(settings) && /(^|\s)-echo\b/.test(settings);
    } finally {
      closeSync(fd);
    }
  }

  /** Types text one character a write, as fast as the terminal takes them (once the program is idle): typing ahead. */
  async type(text: string): Promise<void> {
    await this.waitForIdle();
    for (const char of text) await this.send(char);
  }

  /**
   * Waits until the screen contains the string, matches the pattern or satisfies the function (checked as each chunk of
   * output is parsed); resolves with that screen, never one with a frame half drawn.
   */
  async waitFor(predicate: ScreenPredicate, { timeoutMs = WAIT_MS }: { timeoutMs?: number } = {}): Promise<string> {
    const test =
      typeof predicate === 'string'
        ? (s: string) => s.includes(predicate)
        : predicate instanceof RegExp
          ? (s: string) => predicate.test(s)
          : predicate;
    const { lines } = await this.reader.waitFor((lines) => test(lines.join('\n')), {
      timeoutMs,
      what: `the screen to show ${describePredicate(predicate)}`,
      wholeFrames: true,
      details: () => this.describe(),
    });
    return lines.join('\n');
  }

  /** Resolves with the exit status, after the final screen has been parsed. */
  async waitForExit(timeoutMs = WAIT_MS): Promise<PtyExit> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the program did not exit within ${timeoutMs} ms\n${this.describe()}`)), timeoutMs);
    });
    try {
      const exit = await Promise.race([this.reader.exited, timeout]);
      await this.flush();
      return exit;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Resizes the window: xterm first (after it has caught up), so the program's redraw after SIGWINCH lands on the new size. */
  resize(cols: number, rows: number): Promise<void> {
    return this.reader.resize(cols, rows);
  }

  /** Sends a signal (SIGHUP, as when a terminal window closes, unless told otherwise) if the program still runs. */
  kill(signal?: string): void {
    this.reader.kill(signal);
  }

  /** Kills the program (SIGKILL if SIGHUP is ignored) and removes its temporary state directory; the screen stays readable. */
  async close(): Promise<void> {
    open.delete(this);
    await this.reader.close();
    if (this.stateDir) rmSync(this.stateDir, { recursive: true, force: true });
  }

  /** The current screen in a frame, for error messages. */
  describe(): string {
    const rule = '─'.repeat(this.cols);
    return [
      `screen ${this.cols}x${this.rows}, ${this.bufferType()} buffer:`,
      `┌${rule}┐`,
      ...this.lines().map((line) => `│${line.padEnd(this.cols)}│`),
      `└${rule}┘`,
    ].join('\n');
  }
}

/** Starts a program under a pty: `node dist/cli.js ...args` unless `command` says otherwise. */
export function spawnTerminal(options: TerminalOptions = {}): Terminal {
  return new Terminal(options);
}

function describePredicate(predicate: ScreenPredicate): string {
  if (typeof predicate === 'string') return JSON.stringify(predicate);
  if (predicate instanceof RegExp) return String(predicate);
  return predicate.name ? `${predicate.name}()` : 'the given condition';
}
