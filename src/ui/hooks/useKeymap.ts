// Routes key presses to a screen's handlers through the one keymap.
import { useInput } from 'ink';
import { actionFor, type Action, type Context } from '../keymap';

export type Handlers = Partial<Record<Action, () => void>>;

export function useKeymap(context: Context, handlers: Handlers, options: { isActive?: boolean } = {}): void {
  useInput(
    (input, key) => {
      const action = actionFor(context, input, key);
      if (action) handlers[action]?.();
    },
    { isActive: options.isActive ?? true },
  );
}
