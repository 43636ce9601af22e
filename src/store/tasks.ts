// Work the user can stop, by name: one of each at a time, each with a signal that the store's disposal aborts too.
import { setMaxListeners } from 'node:events';

/** The store's cancellable work. */
export type TaskName =
  /** The table page being read. */
  | 'page'
  /** The page after the one shown, read ahead of the user (one at most). */
  | 'prefetch'
  /** The projects of the rows on screen, looked up one by one while the directory loads. */
  | 'names'
  /** Which projects have access, read behind the share screen. */
  | 'access'
  /** A revoke, share or undo. */
  | 'batch'
  /** Both checkpoints of a sync, read into a plan. */
  | 'plan'
  /** The project view's lookups. */
  | 'lookup'
  /** The checkpoint's history, read from the audit log. */
  | 'history';

export interface Task {
  signal: AbortSignal;
  /** Aborted by the first stop(): start nothing new, let what is in flight finish. `signal` is aborted by the second. */
  stop: AbortSignal;
  /** Whether this is still the task of its name: false once another started or it was dropped (its result is then unwanted). */
  current(): boolean;
  /** Whether abort() or drop() stopped it (the store's disposal aside). */
  cancelled(): boolean;
  /** It is over: no longer running (nothing is aborted). */
  end(): void;
}

export interface Tasks {
  /** Starts the task `name`, dropping the one running under that name. */
  start(name: TaskName): Task;
  /** Stops it and lets it report that it stopped (it is still current); false when nothing of that name runs. */
  abort(name: TaskName): boolean;
  /**
   * A change's two steps: the first call stops it (`stop`: nothing new starts, what is in flight finishes), the next
   * aborts it as abort() does; false when nothing of that name runs.
   */
  stop(name: TaskName): 'stopped' | 'aborted' | false;
  /** Stops it quietly: it is no longer current, so whatever it brings back is ignored. */
  drop(name: TaskName): void;
  running(name: TaskName): boolean;
  /** Aborted by dispose(): for work that runs to its end unless the store goes (exports, syncs, directory reads). */
  signal: AbortSignal;
  /** Stops every task, and all work to come. */
  dispose(): void;
}

/** Requests that may share one task's signal: a screenful of name lookups (each adds an abort listener). */
const LISTENERS_PER_SIGNAL = 64;

export function createTasks(): Tasks {
  const root = new AbortController();
  // Node warns (on stderr, under the UI) past 10 listeners on one signal: every request of the run listens to this one.
  setMaxListeners(0, root.signal);
  const running = new Map<TaskName, AbortController>();
  const stops = new Map<AbortController, AbortController>();

  const tasks: Tasks = {
    start(name) {
      tasks.drop(name);
      const controller = new AbortController();
      const stop = new AbortController();
      running.set(name, controller);
      stops.set(controller, stop);
      const signal = AbortSignal.any([controller.signal, root.signal]);
      setMaxListeners(LISTENERS_PER_SIGNAL, signal);
      // An abort is a stop too: nothing new starts after it.
      const stopped = AbortSignal.any([stop.signal, signal]);
      setMaxListeners(LISTENERS_PER_SIGNAL, stopped);
      return {
        signal,
        stop: stopped,
        current: () => running.get(name) === controller,
        cancelled: () => controller.signal.aborted,
        end: () => {
          if (running.get(name) === controller) running.delete(name);
          stops.delete(controller);
        },
      };
    },
    abort(name) {
      const controller = running.get(name);
      controller?.abort();
      return controller !== undefined;
    },
    stop(name) {
      const controller = running.get(name);
      const stop = controller && stops.get(controller);
      if (!controller) return false;
      if (stop && !stop.signal.aborted) {
        stop.abort();
        return 'stopped';
      }
      controller.abort();
      return 'aborted';
    },
    drop(name) {
      running.get(name)?.abort();
      running.delete(name);
    },
    running: (name) => running.has(name),
    signal: root.signal,
    dispose() {
      root.abort();
    },
  };
  return tasks;
}
