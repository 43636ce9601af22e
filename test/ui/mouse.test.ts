// Clicks and double clicks (issue #28 item 4): the counter is pure, with the clock handed to it.
import { describe, expect, it } from 'vitest';
import { createClickCounter, DOUBLE_CLICK_MS } from '../../src/ui/mouse';

describe('createClickCounter', () => {
  const run = (presses: [x: number, y: number, at: number][]) => {
    let now = 0;
    const count = createClickCounter(() => now);
    return presses.map(([x, y, at]) => ((now = at), count(x, y)));
  };

  it.each([
    ['one press', [[1, 1, 0]], [1]],
    [
      'two on one cell, soon',
      [
        [1, 1, 0],
        [1, 1, DOUBLE_CLICK_MS],
      ],
      [1, 2],
    ],
    [
      'two on one cell, too far apart',
      [
        [1, 1, 0],
        [1, 1, DOUBLE_CLICK_MS + 1],
      ],
      [1, 1],
    ],
    [
      'two on different cells',
      [
        [1, 1, 0],
        [2, 1, 10],
      ],
      [1, 1],
    ],
    [
      'three: the third starts again',
      [
        [1, 1, 0],
        [1, 1, 10],
        [1, 1, 20],
      ],
      [1, 2, 1],
    ],
  ] as const)('%s', (_name, presses, expected) => {
    expect(run(presses.map((p) => [...p] as [number, number, number]))).toEqual(expected);
  });
});
