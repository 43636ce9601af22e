// The bench's terminal: scripts/pty-screen.mjs (the screen reader the tests and the README pictures use too) at the
// bench's size, with a longer wait (the scale figures start on 10,000 projects at 300 ms). Its waits resolve with the
// arrival stamp of the chunk after which the screen first held, so there is no polling interval in a figure.
import { PtyScreen } from '../../scripts/pty-screen.mjs';

export const KEYS = { right: '\u001b[C', left: '\u001b[D' };

export class Terminal extends PtyScreen {
  constructor(options) {
    super({ cols: 100, rows: 30, ...options });
  }

  /** Resolves with { at, lines } once test(lines) holds. */
  waitFor(test, { timeoutMs = 20_000, what = 'the screen' } = {}) {
    return super.waitFor(test, { timeoutMs, what });
  }

  /** Sends the bytes of a key; returns the stamp taken just before. */
  press(key) {
    return this.write(key);
  }
}
