// A program under a real pseudo-terminal (node-pty), its screen kept by a headless xterm: the one screen reader of the
// pty tests (test/helpers/pty.ts), the bench (bench/lib/terminal.mjs) and the README pictures (scripts/screenshot.mjs).
import pty from '@lydell/node-pty';
// The CJS bundle assigns its exports in a loop Node cannot see through, so ESM gets only a default export.
import xterm from '@xterm/headless';

const BEGIN_SYNCHRONIZED_UPDATE = '\u001b[?2026h';
const END_SYNCHRONIZED_UPDATE = '\u001b[?2026l';

export class PtyScreen {
  constructor({ file = process.execPath, args = [], env, cwd = process.cwd(), cols = 80, rows = 24, scrollback = 0 }) {
    // The proposed API gives access to buffer (the screen) and parser (for hooks such as the cursor's visibility).
    this.term = new xterm.Terminal({ cols, rows, allowProposedApi: true, scrollback });
    this.output = '';
    this.pending = Promise.resolve();
    this.waiters = new Set();
    this.parsedListeners = new Set();
    // Whether the output parsed so far ends inside a synchronized update, and its last bytes (a marker split in two).
    this.inFrame = false;
    this.tail = '';
    this.exitInfo = undefined;
    this.startedAt = process.hrtime.bigint();
    // node-pty sets TERM to `name`: the environment's own TERM must win (a test of TERM=linux).
    this.pty = pty.spawn(file, args, { name: env?.TERM ?? 'xterm-256color', cols, rows, cwd, env });
    this.pty.onData((data) => {
      // Stamped as it arrives: xterm parses later, and the stamp, not the end of parsing, is when the program drew it.
      const at = process.hrtime.bigint();
      this.output += data;
      // Parsing is asynchronous and in order: the latest write's callback means the screen has caught up.
      this.pending = new Promise((resolve) =>
        this.term.write(data, () => {
          this.parsed(data, at);
          resolve();
        }),
      );
    });
    // Replies the program asks the terminal for (cursor position, device attributes) go back as a real terminal's would.
    this.term.onData((reply) => {
      if (!this.exitInfo) this.pty.write(reply);
    });
    // node-pty delays onExit until the pty's socket has closed, so all output has arrived by then; it may not be parsed yet.
    this.exited = new Promise((resolve) =>
      this.pty.onExit(({ exitCode, signal }) => {
        this.exitInfo = { exitCode, signal };
        resolve(this.exitInfo);
        void this.flush().then(() => {
          for (const waiter of this.waiters) waiter.exited();
        });
      }),
    );
  }

  get pid() {
    return this.pty.pid;
  }

  get cols() {
    return this.term.cols;
  }

  get rows() {
    return this.term.rows;
  }

  /** The exit status once the program has ended. */
  get exit() {
    return this.exitInfo;
  }

  /** Everything the program wrote, escape sequences included. */
  raw() {
    return this.output;
  }

  /** Runs `listener(at)` after xterm has parsed each chunk (at: the chunk's arrival stamp); returns the unsubscribe. */
  onParsed(listener) {
    this.parsedListeners.add(listener);
    return () => this.parsedListeners.delete(listener);
  }

  parsed(data, at) {
    // Ink brackets each frame in a synchronized update, which a real terminal shows only once complete.
    const seen = this.tail + data;
    const begin = seen.lastIndexOf(BEGIN_SYNCHRONIZED_UPDATE);
    const end = seen.lastIndexOf(END_SYNCHRONIZED_UPDATE);
    if (begin !== end) this.inFrame = begin > end;
    this.tail = seen.slice(-(BEGIN_SYNCHRONIZED_UPDATE.length - 1));
    for (const listener of this.parsedListeners) listener(at);
    if (this.waiters.size === 0) return;
    const lines = this.lines();
    for (const waiter of this.waiters) waiter.check(at, lines);
  }

  /** Whether the screen shows a frame half drawn (the pty may hand a frame over in pieces). */
  midFrame() {
    return this.inFrame;
  }

  /** Resolves once xterm has parsed every byte received so far. */
  async flush() {
    let seen;
    do {
      seen = this.pending;
      await seen;
    } while (seen !== this.pending);
  }

  /** The visible rows, right-trimmed, as parsed so far. */
  lines() {
    const buffer = this.term.buffer.active;
    const lines = [];
    for (let y = 0; y < this.term.rows; y++)
      lines.push(
        buffer
          .getLine(buffer.viewportY + y)
          ?.translateToString(true)
          .trimEnd() ?? '',
      );
    return lines;
  }

  screen() {
    return this.lines().join('\n');
  }

  /**
   * Resolves with { at, lines } once test(lines) holds: checked now and after each chunk is parsed, so there is no polling
   * interval; `at` is the arrival stamp of the chunk that made it hold. With wholeFrames, never on a frame half drawn.
   * Fails after timeoutMs, or at once when the program has exited and its last output does not satisfy the test.
   */
  waitFor(test, { timeoutMs = 10_000, what = 'the screen', wholeFrames = false, details = () => this.screen() } = {}) {
    return new Promise((resolve, reject) => {
      const settle = (outcome) => {
        this.waiters.delete(waiter);
        clearTimeout(timer);
        outcome();
      };
      const waiter = {
        check: (at, lines) => {
          if (wholeFrames && this.inFrame) return;
          // A test that throws fails the wait, not the parse callback it runs in.
          let held;
          try {
            held = test(lines);
          } catch (error) {
            settle(() => reject(error));
            return;
          }
          if (held) settle(() => resolve({ at, lines }));
        },
        exited: () => {
          if (!this.waiters.has(waiter)) return;
          waiter.check(process.hrtime.bigint(), this.lines());
          if (!this.waiters.has(waiter)) return;
          const { exitCode, signal } = this.exitInfo;
          const how = signal ? `code ${exitCode}, signal ${signal}` : `code ${exitCode}`;
          settle(() => reject(new Error(`the program exited (${how}) while waiting for ${what}\n${details()}`)));
        },
      };
      const timer = setTimeout(
        () => settle(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${details()}`))),
        timeoutMs,
      );
      this.waiters.add(waiter);
      waiter.check(process.hrtime.bigint(), this.lines());
      if (this.exitInfo) void this.flush().then(waiter.exited);
    });
  }

  /** Sends bytes (a key, a paste) as they are; returns the stamp taken just before. */
  write(bytes) {
    const at = process.hrtime.bigint();
    this.pty.write(bytes);
    return at;
  }

  /** Resizes the window: xterm first (after it has caught up), so the program's redraw after SIGWINCH lands on the new size. */
  async resize(cols, rows) {
    await this.flush();
    this.term.resize(cols, rows);
    if (!this.exitInfo) this.pty.resize(cols, rows);
  }

  /** Sends a signal (SIGHUP, as when a terminal window closes, unless told otherwise) if the program still runs. */
  kill(signal) {
    if (this.exitInfo) return;
    try {
      this.pty.kill(signal);
    } catch {
      // Already gone between the check and the signal.
    }
  }

  /** SIGHUP, then SIGKILL if the program is still there after graceMs; resolves once it has gone. The screen stays readable. */
  async close({ graceMs = 1000 } = {}) {
    if (this.exitInfo) return;
    this.kill();
    let timer;
    const gone = await Promise.race([
      this.exited.then(() => true),
      new Promise((resolve) => (timer = setTimeout(() => resolve(false), graceMs))),
    ]);
    clearTimeout(timer);
    if (!gone) this.kill('SIGKILL');
    await this.exited;
  }
}
