// Which part of a screen has the keys (a field or a list), changed by a key at once: the key pipeline asks `now()` at
// each key, so the keys after a Tab in the same burst go where it moved the focus, before any frame shows it.
import { useRef, useState } from 'react';

export interface Focus<T> {
  /** The focus to draw. */
  focus: T;
  /** The focus as the keys so far have left it. */
  now(): T;
  set(to: T): void;
}

export function useFocus<T>(initial: T): Focus<T> {
  const held = useRef(initial);
  const [focus, draw] = useState(initial);
  return {
    focus,
    now: () => held.current,
    set(to) {
      held.current = to;
      draw(to);
    },
  };
}
