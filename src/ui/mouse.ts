// What a mouse press means: a click, or the second of a double click (the same cell again, soon after). Pure but for
// the clock it is handed.

/** Two presses on one cell this close together are a double click (the common desktop default is 500 ms). */
export const DOUBLE_CLICK_MS = 500;

/** Counts presses: 2 for the second of a double click, else 1 (a third press starts again). */
export function createClickCounter(now: () => number = () => performance.now()): (x: number, y: number) => 1 | 2 {
  let last: { x: number; y: number; at: number } | undefined;
  return (x, y) => {
    const at = now();
    const double = last !== undefined && last.x === x && last.y === y && at - last.at <= DOUBLE_CLICK_MS;
    last = double ? undefined : { x, y, at };
    return double ? 2 : 1;
  };
}
