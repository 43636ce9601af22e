// Routes key presses to a screen's or a dialog's handlers through the one keymap.
import { actionFor, type Action, type Context } from '../keymap';
import { useInputHandler, type Activity, type Layer } from '../input/KeypressProvider';

export type Handlers = Partial<Record<Action, () => void>>;

const CONFIRMATIONS: Context[] = ['revoke', 'confirm', 'sync'];
const DIALOGS: Context[] = [...CONFIRMATIONS, 'outcomes', 'filter', 'help'];

/**
 * A key takes the action the keymap binds it to here, when this screen handles that action; else it goes on down the
 * stack. Dialogs' contexts sit above the screens'. A paste never runs an action.
 */
export function useKeymap(context: Context, handlers: Handlers, options: { isActive?: Activity } = {}): void {
  const layer: Layer = DIALOGS.includes(context) ? 'dialog' : 'screen';
  useInputHandler(
    layer,
    (event) => {
      if (event.kind !== 'key') return false;
      // In a confirmation only a y pressed on its own may answer: keys read together (a pasted "dy") do nothing there.
      if (event.burst && CONFIRMATIONS.includes(context)) return !event.key.ctrl;
      const action = actionFor(context, event.input, event.key);
      const handler = action && handlers[action];
      if (!handler) return false;
      handler();
      return true;
    },
    options,
  );
}
