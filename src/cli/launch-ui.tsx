// Starts the interactive UI: checks for a terminal, connects (asking for a key if needed), and restores the terminal after.
import { render } from 'ink';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { createClient, DEFAULT_BASE_URL, INSECURE_HTTP_WARNING, type Client, type ClientOptions } from '../api/client';
import { clientOptionsFrom } from '../api/config';
import { adviceFirstLine, CkptPermsError, describeError, isAuthError } from '../api/errors';
import { maskKey, scrubKeys } from '../api/keys';
import { sanitizeLine } from '../api/sanitize';
import { createAppStore, type AppStore } from '../store/app-store';
import { unfinishedReport } from '../store/slices/ui';
import { directoryCacheFile, fileDirectoryCache } from '../ops/directory-cache';
import { attachDirectoryCache } from '../store/directory-cache';
import { fileRecent, memoryRecent, recentFilePath } from '../store/recent';
import { scopeOf } from '../store/scope';
import { App, type Connected } from '../ui/App';
import { FRAME_LINES, frameHeight } from '../ui/components/Frame';
import { hostOf } from '../ui/format';
import { TABLE_CHROME } from '../ui/screens/TableScreen';
import { modesOff, modesOn, terminalModesFor } from '../ui/terminal-modes';
import { themeFor } from '../ui/theme';
import { ADMIN_KEY_PREFIX, generateKey, PROJECT_KEY_PREFIX } from '../demo/keys';
import type { DemoServer } from '../demo/server';
import type { Invocation } from './args';
import { UsageError } from './args';
import { SIGNAL_EXIT_CODES } from './interrupt';

type UiInvocation = Extract<Invocation, { kind: 'ui' }>;

export interface UiProcess {
  env: Record<string, string | undefined>;
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

/** How long after the first table its names may take before the heap is collected anyway (see connectWith). */
const SIZE_FOR_MEMORY_AFTER_MS = 50;

// The alternate screen: the UI draws on its own page and the shell's screen comes back untouched on exit.
const ENTER_ALTERNATE_SCREEN = '\u001b[?1049h';
const LEAVE_ALTERNATE_SCREEN = '\u001b[?1049l';
const CLEAR_SCREEN = '\u001b[2J\u001b[H';

/** As many rows as the terminal shows below the header, within the API's 1–100. */
export function pageSizeFor(rows: number): number {
  return Math.max(1, Math.min(100, frameHeight(rows) - FRAME_LINES - TABLE_CHROME));
}

/**
 * Resolves with the exit code: 0, or 1 when the UI was ended while a change to access ran (its outcomes printed), or
 * 143 / 129 when SIGTERM / SIGHUP ended it.
 */
export async function launchUi(invocation: UiInvocation, proc: UiProcess): Promise<number> {
  if (!proc.stdin.isTTY || !proc.stdout.isTTY) {
    // Ink would try raw mode on a pipe and crash: say what to use instead.
    throw new UsageError(
      'the interactive UI needs a terminal (stdin and stdout must be a TTY); in scripts use ckpt-perms list, retrieve, create or delete',
    );
  }

  // A session pages through many short-lived rows. Left to itself V8 grows its young generation and heap under that
  // churn by half again and more, and keeps the memory: with a young generation that does not grow, and a heap
  // collected and sized for memory once the first table is shown, the process stays near what that table needed
  // (npm run bench: memory_ratio).
  setFlagsFromString('--semi-space-growth-factor=1');

  const { common } = invocation;
  /** Set for the demo: starts its API once the first frame is on screen. */
  let startDemo: (() => void) | undefined;
  const closers: (() => Promise<void>)[] = [];
  let baseOptions: ClientOptions;
  let host: string;
  if (common.demo) {
    // The demo API starts while the first frame is drawn: its keys are made here, its address
    // reaches the client when it listens, and requests wait for it.
    const [adminKey, apiKey] = [generateKey(ADMIN_KEY_PREFIX), generateKey(PROJECT_KEY_PREFIX)];
    let started: Promise<DemoServer> | undefined;
    const demo = new Promise<DemoServer>((resolve, reject) => {
      startDemo = () => {
        // The server's code too is read only now.
        started = import('../demo/server').then(({ startDemoServer }) =>
          startDemoServer({ adminKey, apiKey, auditLog: common.demoAuditLog }),
        );
        started.then(resolve, reject);
      };
    });
    closers.push(async () => {
      if (started) await (await started).close();
    });
    baseOptions = {
      baseURL: demo.then((server) => server.baseUrl),
      adminApiKey: adminKey,
      apiKey,
      timeoutMs: common.connection.timeoutMs,
      maxRetries: common.connection.maxRetries,
    };
    // The title says DEMO; the loopback port it listens on is nothing the user needs.
    host = '';
  } else {
    baseOptions = clientOptionsFrom(common.connection, proc.env, { adminFallback: 'admin-shaped' });
    if (baseOptions.allowInsecureHttp) proc.stderr.write(`${INSECURE_HTTP_WARNING}\n`);
    host = hostOf(typeof baseOptions.baseURL === 'string' ? baseOptions.baseURL : DEFAULT_BASE_URL);
  }
  // Checks the base URL, proxy and header values before anything is drawn.
  void createClient({ ...baseOptions, adminApiKey: undefined }).close();

  const pageSize = invocation.pageSize ?? pageSizeFor(proc.stdout.rows || 24);
  const clients: Client[] = [];
  const stores: AppStore[] = [];
  /** What a change to access that was running when the UI ended had done: printed once the screen is given back. */
  let unfinished: string[] = [];

  // The demo's checkpoints are not the user's: they are remembered for this run only.
  const demoRecent = memoryRecent();

  const connectWith = (client: Client, key: string): Connected => {
    // Recent checkpoints and the project directory are kept per base URL and organization (none for the demo).
    const scope = common.demo ? undefined : scopeOf(baseOptions, key);
    const recent = scope === undefined ? demoRecent : fileRecent(recentFilePath(proc.env), scope);
    const store = createAppStore({ client, recent, pageSize, order: invocation.order });
    stores.push(store);
    closers.unshift(async () => store.getState().dispose());
    if (scope !== undefined && !invocation.noCache) {
      const detach = attachDirectoryCache(store, fileDirectoryCache(directoryCacheFile(proc.env, scope), scope));
      closers.unshift(async () => detach());
    }
    // Once the first table is on screen the heap is collected and sized for memory (before it, that would only slow
    // the first frames down): when the names of its rows are in, or a moment after the table if they are not. Not at
    // once: the lookups the names wait for are still being sent, and would wait for the collection too. Not later:
    // until that collection, start-up's garbage and the names' and directory's answers pile up on the heap (the peak
    // of a session on a far or busy API was reached there).
    let sized = false;
    let timer: NodeJS.Timeout | undefined;
    const sizeNow = () => {
      if (sized) return;
      sized = true;
      sizeForMemory();
      clearTimeout(timer);
      setImmediate(() => {
        setFlagsFromString('--optimize-for-size');
        const stopWatching = watchHeap(store, collectGarbage());
        closers.push(async () => stopWatching());
      });
    };
    const sizeForMemory = store.subscribe((state) => {
      const { page, directory } = state;
      if (page === null) return;
      timer ??= setTimeout(sizeNow, SIZE_FOR_MEMORY_AFTER_MS).unref();
      const named = (id: string) => directory.byId[id] !== undefined || directory.unknown?.[id] === true;
      if (directory.status === 'ready' || directory.status === 'failed' || page.rows.every((row) => named(row.project_id))) sizeNow();
    });
    if (invocation.checkpoint !== undefined) store.getState().openCheckpoint(invocation.checkpoint);
    else void store.getState().loadJobs();
    return { store, session: { host, keyLabel: maskKey(key), demo: common.demo } };
  };

  let connected: Connected | undefined;
  if (baseOptions.adminApiKey) {
    const client = createClient(baseOptions);
    clients.push(client);
    connected = connectWith(client, baseOptions.adminApiKey.trim());
  }

  /** A typed key is tried with one small request before the UI trusts it. */
  const connect = async (key: string): Promise<Connected | string> => {
    let client: Client;
    try {
      client = createClient({ ...baseOptions, adminApiKey: key });
    } catch (error) {
      return scrubKeys(error instanceof CkptPermsError ? error.message : String(error), [key]);
    }
    try {
      await client.projects.list({ limit: 1 });
    } catch (error) {
      await client.close();
      // What to check comes first: the server's text after it can be long, and a narrow terminal cuts the end.
      return scrubKeys(
        isAuthError(error)
          ? `That key was refused: an organization admin key (sk-admin-…) is needed · ${describeError(error)}`
          : `The key could not be checked: ${adviceFirstLine(error)}`,
        [key],
      );
    }
    clients.push(client);
    return connectWith(client, key);
  };

  const modes = terminalModesFor(proc.env, { mouse: !invocation.noMouse });
  // The frame starts at the top-left of the UI's page: where a mouse report's row is counted from.
  proc.stdout.write(`${ENTER_ALTERNATE_SCREEN}\u001b[H${modesOn(modes)}`);
  const restore = () => proc.stdout.write(modesOff(modes) + LEAVE_ALTERNATE_SCREEN);
  // A terminal that shrinks re-wraps the old frame, and Ink cannot erase lines it did not count:
  // the whole (alternate) screen is cleared before Ink draws the frame for the new size.
  const clearOnResize = () => proc.stdout.write(CLEAR_SCREEN);
  proc.stdout.prependListener('resize', clearOnResize);
  // Pages fitted to the terminal grow with it (a --page-size stays as given); a shrink scrolls the page within itself.
  const refit = () => {
    if (invocation.pageSize !== undefined) return;
    for (const store of stores) store.getState().fitPageSize(pageSizeFor(proc.stdout.rows || 24));
  };
  proc.stdout.on('resize', refit);
  // Should anything end the process early, the shell still gets its screen (and its terminal's modes) back.
  process.once('exit', restore);
  /** SIGTERM or SIGHUP: the UI ends as with a second Ctrl+C, and the exit status says which signal it was. */
  let endedBy: 'SIGTERM' | 'SIGHUP' | undefined;
  let endOnSignal: ((signal: 'SIGTERM' | 'SIGHUP') => void) | undefined;
  const onTerm = () => endOnSignal?.('SIGTERM');
  const onHangUp = () => endOnSignal?.('SIGHUP');
  process.on('SIGTERM', onTerm);
  process.on('SIGHUP', onHangUp);
  try {
    const app = (
      <App connected={connected} connect={connect} host={host} theme={themeFor(proc.env)} bracketedPaste={modes.bracketedPaste} />
    );
    const instance = render(app, {
      stdin: proc.stdin,
      stdout: proc.stdout,
      stderr: proc.stderr,
      // The app's own Ctrl+C stops a change to access first (a second one quits anyway): src/ui/App.tsx.
      exitOnCtrlC: false,
      patchConsole: true,
      // A page that arrives just after the loading frame is drawn at once, not at the end of a 33 ms slot.
      maxFps: 120,
    });
    endOnSignal = (signal) => {
      endedBy ??= signal;
      instance.unmount();
    };
    if (startDemo) setImmediate(startDemo);
    await instance.waitUntilExit();
    unfinished = stores.flatMap((store) => unfinishedReport(store.getState(), endedBy && `ended by ${endedBy}`));
    instance.cleanup();
  } finally {
    proc.stdout.off('resize', clearOnResize);
    proc.stdout.off('resize', refit);
    process.off('exit', restore);
    process.off('SIGTERM', onTerm);
    process.off('SIGHUP', onHangUp);
    restore();
    for (const close of closers) await close().catch(() => undefined);
    for (const client of clients) await client.close().catch(() => undefined);
    // On the shell's screen, after it is given back, so it stays there to read.
    for (const line of unfinished) proc.stderr.write(`${scrubKeys(sanitizeLine(line))}\n`);
  }
  if (endedBy) return SIGNAL_EXIT_CODES[endedBy];
  return unfinished.length > 0 ? 1 : 0;
}

/**
 * One full garbage collection. Until its first, V8 lets the old generation fill to three or four times what is live
 * (start-up's leftovers, and whatever the first pages' frames promote); collected once the first table is shown, it
 * sizes the heap from what is live then. `gc` exists only in a context made after --expose-gc; it is returned for the
 * collections after (watchHeap).
 */
function collectGarbage(): () => void {
  setFlagsFromString('--expose-gc');
  const gc = process.getBuiltinModule('node:vm').runInNewContext('gc') as () => void;
  gc();
  return gc;
}

/** How far the heap may grow past what was live at the last collection before the UI collects it. */
const HEAP_STEP_BYTES = 3 * 1024 * 1024;
/** How often, at most, the heap is looked at while the store changes. */
const HEAP_CHECK_MS = 100;

/**
 * Paging churns short-lived rows, frames and answers, and V8 lets its old generation fill with what of them outlived a
 * young collection (some 7 MB past what is live, at a page every few milliseconds) before it marks. While the store
 * changes, the heap is looked at every HEAP_CHECK_MS and collected once it has grown HEAP_STEP_BYTES past what was live
 * after the last collection (V8's own included): a pause of a few milliseconds now and then while pages turn, nothing
 * at all while the UI waits for a key.
 */
function watchHeap(store: AppStore, gc: () => void): () => void {
  const used = () => getHeapStatistics().used_heap_size;
  let live = used();
  let timer: NodeJS.Timeout | undefined;
  const check = () => {
    timer = undefined;
    const now = used();
    if (now < live) live = now;
    else if (now - live > HEAP_STEP_BYTES) {
      gc();
      live = used();
    }
  };
  const unsubscribe = store.subscribe(() => {
    timer ??= setTimeout(check, HEAP_CHECK_MS).unref();
  });
  return () => {
    unsubscribe();
    clearTimeout(timer);
  };
}
