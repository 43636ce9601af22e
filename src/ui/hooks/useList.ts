// A list's cursor held where every key of a burst sees the move of the one before (not the last frame's value).
import { useRef, useState } from 'react';
import { moveCursor, nearEnd, type ListMove } from '../list';

export interface ListCursor {
  /** The cursor to draw (within the rows there are now). */
  cursor: number;
  move(move: ListMove): void;
  /** The cursor as the keys so far have left it, before the next frame: what Enter takes. */
  current(): number;
}

/**
 * `count` rows, `page` on screen. A change of `resetKey` (the list's query, say) puts the cursor back on the first row;
 * `onNearEnd` is called when a move brings the cursor within a page of the end.
 */
export function useList(count: number, page: number, options: { resetKey?: unknown; onNearEnd?: () => void } = {}): ListCursor {
  const state = useRef({ cursor: 0, resetKey: options.resetKey });
  const [, redraw] = useState(0);
  if (state.current.resetKey !== options.resetKey) state.current = { cursor: 0, resetKey: options.resetKey };
  const latest = useRef({ count, page, onNearEnd: options.onNearEnd });
  latest.current = { count, page, onNearEnd: options.onNearEnd };
  const current = () => Math.max(0, Math.min(state.current.cursor, latest.current.count - 1));
  return {
    cursor: current(),
    current,
    move(move) {
      const { count: rows, page: size, onNearEnd } = latest.current;
      const to = moveCursor(current(), move, rows, size);
      state.current = { ...state.current, cursor: to };
      redraw((n) => n + 1);
      if (onNearEnd && nearEnd(to, rows, size)) onNearEnd();
    },
  };
}
