// y and Y: an id to the terminal's clipboard, and a flash line that says which.
import { useStdout } from 'ink';
import { useContext } from 'react';
import type { AppState } from '../../store/app-store';
import { osc52 } from '../clipboard';
import { safe } from '../format';
import { StoreContext } from './useAppStore';

/** Copies what `pick` reads from the store as the key is handled (a `jy` burst copies the row j moved to). */
export function useCopy(): (what: string, pick: (state: AppState) => string | undefined) => void {
  const { stdout } = useStdout();
  const store = useContext(StoreContext);
  if (!store) throw new Error('useCopy outside <StoreContext.Provider>');
  return (what, pick) => {
    const text = pick(store.getState());
    if (text === undefined || text === '') {
      store.getState().setFlash({ tone: 'info', text: `No row here: no ${what} to copy` });
      return;
    }
    // Written beside Ink's frames, not through them: the sequence moves no cursor and draws nothing.
    stdout.write(osc52(text));
    store.getState().setFlash({ tone: 'success', text: `Copied the ${what} ${safe(text)} to the clipboard (OSC 52)` });
  };
}
