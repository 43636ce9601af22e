// The bounded batch runner behind bulk revoke and the jobs list.
import { describe, expect, it } from 'vitest';
import { inChunks, mapBounded, NotStartedError } from '../../src/ops/pool';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('mapBounded', () => {
  it('runs each item once, at most `limit` at a time, and keeps the items’ order', async () => {
    let inFlight = 0;
    let most = 0;
    const calls: number[] = [];
    const items = Array.from({ length: 11 }, (_, i) => i);
    const settled = await mapBounded(items, 3, async (n) => {
      calls.push(n);
      inFlight++;
      most = Math.max(most, inFlight);
      // Later items finish first, so order cannot come from completion order.
      await tick(2 + (11 - n));
      inFlight--;
      return n * 10;
    });
    expect(most).toBe(3);
    expect(calls.sort((a, b) => a - b)).toEqual(items);
    expect(settled.map((s) => s.item)).toEqual(items);
    expect(settled.map((s) => (s.ok ? s.value : null))).toEqual(items.map((n) => n * 10));
  });

  it('keeps every failure next to its item and goes on with the rest', async () => {
    const boom = new Error('boom');
    const settled = await mapBounded(['a', 'b', 'c', 'd'], 2, async (s) => {
      if (s === 'b' || s === 'd') throw boom;
      return s.toUpperCase();
    });
    expect(settled).toEqual([
      { item: 'a', ok: true, value: 'A' },
      { item: 'b', ok: false, error: boom },
      { item: 'c', ok: true, value: 'C' },
      { item: 'd', ok: false, error: boom },
    ]);
  });

  it('handles no items, and a limit below 1 still makes progress', async () => {
    let called = 0;
    expect(await mapBounded([], 4, async () => called++)).toEqual([]);
    expect(called).toBe(0);
    const settled = await mapBounded([1, 2], 0, async (n) => n + 1);
    expect(settled.map((s) => s.ok && s.value)).toEqual([2, 3]);
  });
});

describe('mapBounded with a stop signal', () => {
  it('starts nothing once stopped, lets the running items finish, and settles the rest as not started', async () => {
    const stop = new AbortController();
    const started: number[] = [];
    const settled = await mapBounded(
      [0, 1, 2, 3, 4, 5, 6, 7],
      2,
      async (n) => {
        started.push(n);
        if (n === 2) stop.abort();
        await tick(1);
        return n;
      },
      { stop: stop.signal },
    );
    // 0 and 1 ran, 2 started and stopped the batch while running: it still finishes, nothing after it starts.
    expect(started).toEqual([0, 1, 2]);
    expect(settled.map((s) => (s.ok ? 'done' : s.error instanceof NotStartedError ? 'not started' : 'failed'))).toEqual([
      'done',
      'done',
      'done',
      'not started',
      'not started',
      'not started',
      'not started',
      'not started',
    ]);
  });
});

describe('inChunks', () => {
  it('cuts a list into runs of the size, the last one shorter, nothing for nothing', () => {
    const ids = Array.from({ length: 45 }, (_, i) => `proj_${i}`);
    const chunks = inChunks(ids, 20);
    expect(chunks.map((c) => c.length)).toEqual([20, 20, 5]);
    expect(chunks.flat()).toEqual(ids);
    expect(inChunks(ids.slice(0, 20), 20)).toEqual([ids.slice(0, 20)]);
    expect(inChunks([], 20)).toEqual([]);
  });
});
