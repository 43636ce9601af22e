// The one listener on the terminal's input: every key, paste and mouse event goes through a stack of handlers (a dialog
// first, then a focused text field, then the screen, then the global keys), stopping at the first that takes it.
import { useStdin } from 'ink';
import { createContext, useContext, useEffect, useLayoutEffect, useRef, type ReactNode } from 'react';
import { createReader, type InputEvent } from './reader';

/**
 * Who is asked first: what covers the screens (the too-small notice, the screens kept below it), an open dialog, a
 * focused text field, the screen, the keys that work everywhere.
 */
export type Layer = 'cover' | 'dialog' | 'field' | 'screen' | 'global';
const RANK: Record<Layer, number> = { cover: -1, dialog: 0, field: 1, screen: 2, global: 3 };

/** True when the handler took the event: no handler below it sees it. */
export type InputHandler = (event: InputEvent) => boolean;

interface Entry {
  layer: Layer;
  /** The handler of the latest render: a key read before the next frame still reaches the current code. */
  handler: { current: InputHandler };
  /** Asked at each event: a key that moved the focus counts for the next key of its burst, before any frame. */
  active: () => boolean;
}

/** What a component drew (the screen, its dialog) and what it is now: keys wait while the two differ. */
interface View {
  drawn: unknown;
  now(): unknown;
}

export interface KeyStack {
  register(entry: Entry): () => void;
  dispatch(event: InputEvent): boolean;
  /** Events in order, each dispatched once what the events before it opened (a screen, a dialog) is drawn. */
  feed(event: InputEvent): void;
  watch(view: View): () => void;
  /** A view was drawn: the events waiting for it go on. */
  drawn(): void;
}

export function createKeyStack(): KeyStack {
  // Newest first within a layer: what opened last is on top.
  let entries: Entry[] = [];
  let views: View[] = [];
  const waiting: InputEvent[] = [];
  const undrawn = () => views.some((view) => !Object.is(view.now(), view.drawn));
  // A key read with the one that opened a screen or dialog is that screen's: it waits until its handlers are there.
  const drain = () => {
    while (waiting.length > 0 && !undrawn()) stack.dispatch(waiting.shift()!);
  };
  const stack: KeyStack = {
    register(entry) {
      entries = [entry, ...entries];
      return () => {
        entries = entries.filter((e) => e !== entry);
      };
    },
    dispatch(event) {
      const ordered = [...entries].sort((a, b) => RANK[a.layer] - RANK[b.layer]);
      return ordered.some((entry) => entry.active() && entry.handler.current(event));
    },
    feed(event) {
      // Ctrl+C is never held: the way out always works.
      if (event.kind === 'key' && event.key.ctrl && event.input === 'c') return void stack.dispatch(event);
      waiting.push(event);
      drain();
    },
    watch(view) {
      views = [...views, view];
      return () => {
        views = views.filter((v) => v !== view);
        stack.drawn();
      };
    },
    drawn() {
      // After the commit's layout effects: every handler of what was drawn is registered by then.
      if (waiting.length > 0) queueMicrotask(drain);
    },
  };
  return stack;
}

const KeyStackContext = createContext<KeyStack | null>(null);

/** `bracketedPaste`: the terminal's bracketed paste mode is on (ui/terminal-modes.ts), so only bracketed text is a paste. */
export function KeypressProvider({ children, bracketedPaste = false }: { children: ReactNode; bracketedPaste?: boolean }) {
  const { internal_eventEmitter: events, internal_exitOnCtrlC: inkQuitsOnCtrlC, setRawMode, isRawModeSupported } = useStdin();
  const stack = useRef<KeyStack>(null);
  stack.current ??= createKeyStack();
  useEffect(() => {
    if (isRawModeSupported) setRawMode(true);
    const reader = createReader({ bracketedPaste });
    const onInput = (data: string) => {
      for (const event of reader.read(data)) {
        // Ink quits on Ctrl+C itself unless the app asked to (launch-ui does).
        if (event.kind === 'key' && inkQuitsOnCtrlC && event.key.ctrl && event.input === 'c') continue;
        // Each key on its own, in this turn: the next is routed by the focus as this one left it (not drawn yet).
        stack.current!.feed(event);
      }
    };
    events.on('input', onInput);
    return () => {
      events.removeListener('input', onInput);
      if (isRawModeSupported) setRawMode(false);
    };
  }, [events, inkQuitsOnCtrlC, setRawMode, isRawModeSupported, bracketedPaste]);
  return <KeyStackContext.Provider value={stack.current}>{children}</KeyStackContext.Provider>;
}

/**
 * Whether a handler takes events: as of the last frame, or (a function) as of each event, for a focus that a key
 * moves at once (hooks/useHeld.ts): the keys after it in the same burst go where it left the focus.
 */
export type Activity = boolean | (() => boolean);

/** Puts `handler` on the stack at `layer` while the component is mounted and `isActive`. */
export function useInputHandler(layer: Layer, handler: InputHandler, options: { isActive?: Activity } = {}): void {
  const stack = useContext(KeyStackContext);
  if (!stack) throw new Error('useInputHandler outside KeypressProvider');
  const latest = useRef(handler);
  latest.current = handler;
  const isActive = options.isActive ?? true;
  const active = typeof isActive === 'function' ? isActive : () => isActive;
  const entry = useRef<Entry>(null);
  entry.current ??= { layer, handler: latest, active };
  entry.current.active = active;
  // Registered as the frame is committed, not after it: a key read right after the frame reaches it.
  useLayoutEffect(() => stack.register(entry.current!), [stack]);
}

/**
 * Keys read in the same burst as one that changes `drawn` (the screen, its dialog) wait until the change is drawn, so
 * they reach the handlers of what it opened, not those of what it closed. `now` is its value as the keys left it.
 */
export function useKeysFollow(drawn: unknown, now: () => unknown): void {
  const stack = useContext(KeyStackContext);
  if (!stack) throw new Error('useKeysFollow outside KeypressProvider');
  const view = useRef<View>(null);
  view.current ??= { drawn, now };
  view.current.now = now;
  useLayoutEffect(() => stack.watch(view.current!), [stack]);
  useLayoutEffect(() => {
    view.current!.drawn = drawn;
    stack.drawn();
  });
}
