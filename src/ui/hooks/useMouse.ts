// A screen's mouse: left clicks (with double clicks told apart) and the wheel, from the one key pipeline's mouse events.
import { useRef } from 'react';
import { useInputHandler } from '../input/KeypressProvider';
import { createClickCounter } from '../mouse';

export interface MouseHandlers {
  /** A left click on screen line `y` (0 is the title bar); `count` 2 for the second press of a double click. */
  click?(y: number, count: 1 | 2): void;
  /** One notch of the wheel: 1 down, -1 up. */
  wheel?(direction: 1 | -1): void;
}

export function useMouse(handlers: MouseHandlers, options: { isActive?: boolean } = {}): void {
  const clicks = useRef<ReturnType<typeof createClickCounter>>(null);
  clicks.current ??= createClickCounter();
  useInputHandler(
    'screen',
    (event) => {
      if (event.kind !== 'mouse') return false;
      if (event.action === 'wheelDown' || event.action === 'wheelUp') handlers.wheel?.(event.action === 'wheelDown' ? 1 : -1);
      else if (event.action === 'press' && event.button === 0) handlers.click?.(event.y, clicks.current!(event.x, event.y));
      // Releases, drags and other buttons do nothing here, and nothing below is asked about them.
      return true;
    },
    options,
  );
}
