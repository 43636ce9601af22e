// A program under a real pseudo-terminal (node-pty), its screen kept by a headless xterm. Every chunk
// of output is stamped with process.hrtime.bigint() as it arrives; a wait resolves with the stamp of
// the chunk after which the screen first satisfied the predicate (xterm parses asynchronously, so the
// stamp, not the moment the parse finished, is when the program had drawn it).
import pty from '@lydell/node-pty';
import xterm from '@xterm/headless';

export const KEYS = { right: '\u001b[C', left: '\u001b[D' };

export class Terminal {
  constructor({ file = process.execPath, args, env, cwd, cols = 100, rows = 30 }) {
    this.term = new xterm.Terminal({ cols, rows, allowProposedApi: true, scrollback: 0 });
    this.waiters = new Set();
    this.exitInfo = undefined;
    this.startedAt = process.hrtime.bigint();
    this.pty = pty.spawn(file, args, { name: 'xterm-256color', cols, rows, cwd, env });
    this.pty.onData((data) => {
      const at = process.hrtime.bigint();
      this.term.write(data, () => this.check(at));
    });
    // Answers the program asks the terminal for (cursor position, device attributes), as a terminal would.
    this.term.onData((reply) => {
      if (!this.exitInfo) this.pty.write(reply);
    });
    this.exited = new Promise((resolve) =>
      this.pty.onExit((info) => {
        this.exitInfo = info;
        resolve(info);
        // Parsing of the last chunks may still be pending: give the waiters one more look first.
        setTimeout(() => {
          for (const waiter of this.waiters)
            waiter.fail(new Error(`the program exited (code ${info.exitCode}, signal ${info.signal}) first\n${this.screen()}`));
        }, 50);
      }),
    );
  }

  get pid() {
    return this.pty.pid;
  }

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

  check(at) {
    if (this.waiters.size === 0) return;
    const lines = this.lines();
    for (const waiter of this.waiters) {
      if (waiter.test(lines)) waiter.done(at, lines);
    }
  }

  /** Resolves with { at, lines } once test(lines) holds (checked now, and after every chunk of output). */
  waitFor(test, { timeoutMs = 20_000, what = 'the screen' } = {}) {
    return new Promise((resolve, reject) => {
      const waiter = {
        test,
        done: (at, lines) => {
          this.waiters.delete(waiter);
          clearTimeout(timer);
          resolve({ at, lines });
        },
        fail: (error) => {
          this.waiters.delete(waiter);
          clearTimeout(timer);
          reject(error);
        },
      };
      const timer = setTimeout(
        () => waiter.fail(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; the screen:\n${this.screen()}`)),
        timeoutMs,
      );
      this.waiters.add(waiter);
      const lines = this.lines();
      if (test(lines)) waiter.done(process.hrtime.bigint(), lines);
    });
  }

  /** Sends the bytes of a key; returns when they were sent. */
  press(key) {
    const at = process.hrtime.bigint();
    this.pty.write(key);
    return at;
  }

  /** SIGHUP (a closed terminal), SIGKILL after a second; resolves once the program has gone. */
  async close() {
    if (!this.exitInfo) {
      try {
        this.pty.kill('SIGHUP');
      } catch {}
      const gone = await Promise.race([this.exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 1000))]);
      if (!gone) {
        try {
          this.pty.kill('SIGKILL');
        } catch {}
        await this.exited;
      }
    }
    this.term.dispose();
  }
}
