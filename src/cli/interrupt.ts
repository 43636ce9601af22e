// Ctrl+C (SIGINT) or SIGTERM while a command changes things: the first stops the batch in an orderly way, the
// second gives up on what is in flight, and the command still prints every outcome it knows.

export interface Interrupts {
  /** Aborted at the first signal: start no new change; those in flight finish, so their outcome is known. */
  readonly stop: AbortSignal;
  /** Aborted at the second signal: requests in flight are given up (their outcome is unknown). */
  readonly abort: AbortSignal;
  /** The first signal received, if any. */
  readonly received: 'SIGINT' | 'SIGTERM' | undefined;
  /** 130 after SIGINT, 143 after SIGTERM (128 + the signal's number, as a shell reports it). */
  readonly exitCode: number | undefined;
  /** Back to the default: a signal ends the process. */
  dispose(): void;
}

type SignalSource = Pick<NodeJS.Process, 'on' | 'off'>;

/** 128 + the signal's number, as a shell reports a process a signal ended. */
export const SIGNAL_EXIT_CODES = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;

/**
 * Catches SIGINT and SIGTERM until disposed. `onFirst` is told at the first (to say that the run is
 * stopping). After the second, a third signal is no longer caught: it ends the process at once.
 */
export function catchInterrupts(options: { source?: SignalSource; onFirst?: (signal: 'SIGINT' | 'SIGTERM') => void } = {}): Interrupts {
  const source = options.source ?? process;
  const stop = new AbortController();
  const abort = new AbortController();
  let received: 'SIGINT' | 'SIGTERM' | undefined;
  const handlers = {
    SIGINT: () => on('SIGINT'),
    SIGTERM: () => on('SIGTERM'),
  };
  const dispose = () => {
    source.off('SIGINT', handlers.SIGINT);
    source.off('SIGTERM', handlers.SIGTERM);
  };
  const on = (signal: 'SIGINT' | 'SIGTERM') => {
    if (!stop.signal.aborted) {
      received = signal;
      stop.abort();
      options.onFirst?.(signal);
      return;
    }
    abort.abort();
    dispose();
  };
  source.on('SIGINT', handlers.SIGINT);
  source.on('SIGTERM', handlers.SIGTERM);
  return {
    stop: stop.signal,
    abort: abort.signal,
    get received() {
      return received;
    },
    get exitCode() {
      return received === undefined ? undefined : SIGNAL_EXIT_CODES[received];
    },
    dispose,
  };
}
