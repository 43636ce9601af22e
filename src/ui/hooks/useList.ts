// A list's cursor held where every key of a burst sees the move of the one before (not the last frame's value).
import { useRef, useState } from 'react';
import { listWindow, moveCursor, nearEnd, type ListMove } from '../list';

export interface ListCursor {
  /** The cursor to draw (within the rows there are now). */
  cursor: number;
  /**
   * The rows on screen: around the cursor (list.ts listWindow) after a move; where they were when rows come in
   * without one, so the highlighted row keeps its line.
   */
  window: { start: number; end: number };
  move(move: ListMove): void;
  /** The cursor as the keys so far have left it, before the next frame: what Enter takes. */
  current(): number;
}

/**
 * `count` rows, `page` on screen. A change of `resetKey` (the list's query, say) puts the cursor back on the first row;
 * `onNearEnd` is called when a move brings the cursor within a page of the end. With `keyOf` (a row's identity), a
 * cursor the user moved follows its row when rows are added or reordered under it.
 */
export function useList(
  count: number,
  page: number,
  options: { resetKey?: unknown; onNearEnd?: () => void; keyOf?: (index: number) => string | undefined } = {},
): ListCursor {
  const fresh = () => ({
    cursor: 0,
    resetKey: options.resetKey,
    key: undefined as string | undefined,
    line: undefined as number | undefined,
    page,
    /** The window's first row as last drawn. */
    start: undefined as number | undefined,
  });
  const state = useRef(fresh());
  const [, redraw] = useState(0);
  if (state.current.resetKey !== options.resetKey) state.current = fresh();
  const { keyOf } = options;
  const held = state.current;
  if (keyOf && held.key !== undefined && keyOf(held.cursor) !== held.key) {
    const at = Array.from({ length: count }, (_, i) => i).find((i) => keyOf(i) === held.key);
    if (at !== undefined) held.cursor = at;
  }
  const latest = useRef({ count, page, onNearEnd: options.onNearEnd, keyOf });
  latest.current = { count, page, onNearEnd: options.onNearEnd, keyOf };
  const current = () => Math.max(0, Math.min(state.current.cursor, latest.current.count - 1));
  const cursor = current();
  const rows = Math.max(1, page);
  // The line of the screen the cursor was left on by its last move, kept while the rows change around it (not when
  // the screen's height changes: the window is then drawn afresh around the cursor).
  const line = held.page === page ? held.line : undefined;
  const start = line === undefined ? listWindow(cursor, count, page).start : Math.max(0, Math.min(cursor - line, count - rows));
  held.start = start;
  return {
    cursor,
    window: { start, end: Math.min(count, start + rows) },
    current,
    move(move) {
      const { count: total, page: size, onNearEnd, keyOf: keyAt } = latest.current;
      const from = current();
      const to = moveCursor(from, move, total, size);
      // Back towards the cursor in the middle no faster than the cursor moves: a window held while rows came in
      // scrolls on from where it is, it does not jump.
      const centred = listWindow(to, total, size).start;
      const was = state.current.start ?? centred;
      const step = Math.abs(to - from);
      const rows = Math.max(1, size);
      const start = Math.max(0, to - rows + 1, Math.min(to, total - rows, was + Math.max(-step, Math.min(step, centred - was))));
      state.current = { ...state.current, cursor: to, key: keyAt?.(to), line: to - start, page: size };
      redraw((n) => n + 1);
      if (onNearEnd && nearEnd(to, total, size)) onNearEnd();
    },
  };
}
