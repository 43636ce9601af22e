// One list's arithmetic (src/ui/list.ts): the cursor's moves, the rows on screen, the row under a line, near the end.
import { describe, expect, it } from 'vitest';
import { listWindow, moveCursor, nearEnd, rowAt, type ListMove } from '../../src/ui/list';

describe('list', () => {
  it('a burst of moves is their fold, stopping at either end', () => {
    const fold = (moves: ListMove[], count: number, page = 5) => moves.reduce((cursor, move) => moveCursor(cursor, move, count, page), 0);
    expect(fold(['down', 'down', 'down'], 10)).toBe(3);
    expect(fold(['down', 'down', 'down', 'up'], 10)).toBe(2);
    expect(fold(['down', 'down', 'down'], 2)).toBe(1);
    expect(fold(['up'], 10)).toBe(0);
    expect(fold(['pageDown', 'pageDown'], 12)).toBe(10);
    expect(fold(['bottom', 'pageUp'], 12)).toBe(6);
    expect(fold(['bottom', 'top'], 12)).toBe(0);
    expect(fold([{ to: 40 }], 12)).toBe(11);
    expect(fold(['down'], 0)).toBe(0);
  });

  it('the window keeps the cursor in the middle, never past an end', () => {
    expect(listWindow(0, 100, 5)).toEqual({ start: 0, end: 5 });
    expect(listWindow(3, 100, 5)).toEqual({ start: 1, end: 6 });
    expect(listWindow(99, 100, 5)).toEqual({ start: 95, end: 100 });
    expect(listWindow(2, 3, 5)).toEqual({ start: 0, end: 3 });
  });

  it('rowAt names the row drawn on a line, and nothing below the last', () => {
    expect(rowAt(0, 50, 100, 5)).toBe(48);
    expect(rowAt(4, 50, 100, 5)).toBe(52);
    expect(rowAt(5, 50, 100, 5)).toBeUndefined();
    expect(rowAt(2, 0, 2, 5)).toBeUndefined();
    expect(rowAt(-1, 0, 2, 5)).toBeUndefined();
  });

  it('nearEnd holds within the margin of the last row', () => {
    expect(nearEnd(94, 100, 5)).toBe(true);
    expect(nearEnd(93, 100, 5)).toBe(false);
    expect(nearEnd(0, 0, 5)).toBe(false);
  });
});
