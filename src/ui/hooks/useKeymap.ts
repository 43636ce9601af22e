// Routes key presses to a screen's handlers through the one keymap.
import { useInput } from 'ink';
import { useCallback, useRef } from 'react';
import { actionFor, type Action, type Context } from '../keymap';

export type Handlers = Partial<Record<Action, () => void>>;

export function useKeymap(context: Context, handlers: Handlers, options: { isActive?: boolean } = {}): void {
  // One stable listener reading the latest handlers: Ink re-subscribes a changed listener only after
  // the frame is drawn, and a key arriving in between would otherwise reach the previous render's.
  const latest = useRef(handlers);
  latest.current = handlers;
  const onInput = useCallback<Parameters<typeof useInput>[0]>(
    (input, key) => {
      const action = actionFor(context, input, key);
      if (action) latest.current[action]?.();
    },
    [context],
  );
  useInput(onInput, { isActive: options.isActive ?? true });
}
