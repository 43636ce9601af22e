// A screen's state that a key changes at once (its focus, a field's text): the handlers of the keys after it in the
// same burst read `now()`, what the keys so far left, before any frame shows it; the frame draws `value`.
import { useRef, useState } from 'react';

export interface Held<T> {
  /** What to draw. */
  value: T;
  /** As the keys so far have left it. */
  now(): T;
  set(to: T): void;
}

export function useHeld<T>(initial: T): Held<T> {
  const held = useRef(initial);
  const [value, draw] = useState(initial);
  return {
    value,
    now: () => held.current,
    set(to) {
      held.current = to;
      draw(to);
    },
  };
}
