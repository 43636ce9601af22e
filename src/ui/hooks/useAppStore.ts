// Components select from the store handed to the app; they never create one.
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { AppActions, AppState, AppStore } from '../../store/app-store';

export const StoreContext = createContext<AppStore | null>(null);

export function useAppStore<T>(selector: (state: AppState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStore outside <StoreContext.Provider>');
  return useStore(store, selector);
}

/** The store's actions (stable functions), for handlers: data is selected with useAppStore, so it is never stale. */
export function useActions(): AppActions {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useActions outside <StoreContext.Provider>');
  return store.getState();
}

/** The store's state as it stands when called: a handler of a key in a burst sees what the keys before it did. */
export function useCurrentState(): () => AppState {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useCurrentState outside <StoreContext.Provider>');
  return store.getState;
}
