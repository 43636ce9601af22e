// A sized terminal for Ink in this process (as test/ui/render.tsx has): stdout records every write with
// its hrtime stamp and lets a caller wait for a write that satisfies a predicate; stdin takes keys.
import { EventEmitter } from 'node:events';

export class FakeStdout extends EventEmitter {
  isTTY = true;
  writes = 0;
  waiters = new Set();
  constructor(columns, rows) {
    super();
    this.columns = columns;
    this.rows = rows;
  }
  write = (chunk, encoding, callback) => {
    const at = process.hrtime.bigint();
    const text = String(chunk);
    this.writes++;
    this.last = text;
    for (const waiter of this.waiters) if (waiter.test(text)) waiter.done(at, text);
    const cb = typeof encoding === 'function' ? encoding : callback;
    if (cb) queueMicrotask(cb);
    return true;
  };
  /** Resolves with { at } for the first write from now on that satisfies test(text): register before the key is sent. */
  nextWrite(test, timeoutMs = 10_000, what = 'a frame') {
    return new Promise((resolve, reject) => {
      const waiter = {
        test,
        done: (at, text) => {
          this.waiters.delete(waiter);
          clearTimeout(timer);
          resolve({ at, text });
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; the last write:\n${this.last}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }
}

/** Keys for Ink: what ink-testing-library's stdin does (one write is one key, or one paste). */
export class FakeStdin extends EventEmitter {
  isTTY = true;
  data = null;
  write = (data) => {
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
