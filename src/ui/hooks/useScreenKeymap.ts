// The keys of a screen with a list (table, project view, history): ? and q on each, none while a dialog has the keys.
import type { Context } from '../keymap';
import { useActions, useAppStore } from './useAppStore';
import { useKeymap, type Handlers } from './useKeymap';
import { useQuit } from './useQuit';

export function useScreenKeymap(context: Context, handlers: Handlers): void {
  const dialog = useAppStore((s) => s.dialog);
  const actions = useActions();
  const quit = useQuit();
  useKeymap(context, { help: () => actions.openDialog({ kind: 'help' }), quit: () => quit(), ...handlers }, { isActive: dialog === null });
}
