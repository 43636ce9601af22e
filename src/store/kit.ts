// What the store's action modules share with it: the state, the client, and a few of its internals.
import type { StoreApi } from 'zustand/vanilla';
import type { Client } from '../api/client';
import type { AppState, Busy } from './app-store';

export interface StoreKit {
  client: Client;
  get: () => AppState;
  set: StoreApi<AppState>['setState'];
  /** Requests in flight during a batch. */
  concurrency: number;
  /** Aborted when the store is disposed. */
  signal: AbortSignal;
  /** The user did something new: the outcome of the previous action is no longer news. */
  freshFlash(): void;
  /** Reads the table's current page again from the server (after a change there), keeping the cursor on its row. */
  reloadTable(): Promise<void>;
}

/** How the flash names what is running, in "Wait for the … to finish". */
const BUSY_WORDS: Record<Busy, string> = {
  revoke: 'running revoke',
  share: 'running share',
  plan: 'reading of both checkpoints',
  sync: 'running sync',
  undo: 'running undo',
  export: 'running export',
};

/** One thing at a time: true (and a flash saying what to wait for) while an action runs. */
export function refuseWhileBusy(kit: Pick<StoreKit, 'get' | 'set'>): boolean {
  const { busy } = kit.get();
  if (busy === null) return false;
  kit.set({ flash: { tone: 'info', text: `Wait for the ${BUSY_WORDS[busy]} to finish` } });
  return true;
}

/** One piece of work the user can stop: its own controller, and a signal that the store's disposal aborts too. */
export function stoppableWork(kit: Pick<StoreKit, 'signal'>): { controller: AbortController; signal: AbortSignal } {
  const controller = new AbortController();
  return { controller, signal: AbortSignal.any([controller.signal, kit.signal]) };
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
