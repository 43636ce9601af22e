// Routes key presses to a screen's handlers through the one keymap.
import { useInput } from 'ink';
import { useCallback, useRef } from 'react';
import { actionFor, type Action, type Context } from '../keymap';

export type Handlers = Partial<Record<Action, () => void>>;

const CONFIRMATIONS: Context[] = ['revoke', 'confirm', 'sync'];

export function useKeymap(context: Context, handlers: Handlers, options: { isActive?: boolean } = {}): void {
  // One stable listener reading the latest handlers: Ink re-subscribes a changed listener only after
  // the frame is drawn, and a key arriving in between would otherwise reach the previous render's.
  const latest = useRef(handlers);
  latest.current = handlers;
  const onInput = useCallback<Parameters<typeof useInput>[0]>(
    (input, key) => {
      const action = actionFor(context, input, key);
      if (action) {
        latest.current[action]?.();
        return;
      }
      // Keys typed faster than they are read arrive together ("jjj"): each counts, except in a
      // confirmation, where only a y pressed on its own may answer (a pasted "dy" must not revoke).
      if (input.length > 1 && !CONFIRMATIONS.includes(context)) {
        for (const char of input) {
          const each = actionFor(context, char, key);
          if (each) latest.current[each]?.();
        }
      }
    },
    [context],
  );
  useInput(onInput, { isActive: options.isActive ?? true });
}
