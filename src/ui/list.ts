// A list's cursor and the rows on screen, for every list with a highlight: pure, so a burst of keys is a fold of moves.

export type ListMove = 'up' | 'down' | 'pageUp' | 'pageDown' | 'top' | 'bottom' | { to: number };

/** Where the cursor stands after `move` among `count` rows, `page` of them on screen; it stops at either end. */
export function moveCursor(cursor: number, move: ListMove, count: number, page: number): number {
  if (count <= 0) return 0;
  const last = count - 1;
  const step = Math.max(1, page);
  const to =
    typeof move === 'object'
      ? move.to
      : {
          up: cursor - 1,
          down: cursor + 1,
          pageUp: cursor - step,
          pageDown: cursor + step,
          top: 0,
          bottom: last,
        }[move];
  return Math.max(0, Math.min(last, to));
}

/** The rows shown of `count` in `height` lines: the cursor kept in the middle where it can be, the window never past an end. */
export function listWindow(cursor: number, count: number, height: number): { start: number; end: number } {
  const rows = Math.max(1, height);
  const start = Math.max(0, Math.min(cursor - Math.floor(rows / 2), count - rows));
  return { start, end: Math.min(count, start + rows) };
}

/** The row drawn on line `y` of the list (0 is its first line), if any: what a mouse click there points at. */
export function rowAt(y: number, cursor: number, count: number, height: number): number | undefined {
  const { start, end } = listWindow(cursor, count, height);
  const row = start + y;
  return y >= 0 && row < end ? row : undefined;
}

/** Whether the cursor is within `margin` rows of the last: time to ask for more rows, for a list that has more to load. */
export function nearEnd(cursor: number, count: number, margin: number): boolean {
  return count > 0 && cursor >= count - 1 - Math.max(0, margin);
}
