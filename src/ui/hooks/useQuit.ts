// q (and Ctrl+C): ends the UI, unless a change to access runs; then it is stopped first, so its outcomes are seen.
import { useApp } from 'ink';
import { useContext } from 'react';
import { StoreContext } from './useAppStore';

export function useQuit(): (key?: 'q' | 'ctrl-c') => void {
  const { exit } = useApp();
  const store = useContext(StoreContext);
  return (key = 'q') => {
    if (!store || store.getState().requestQuit(key)) exit();
  };
}
