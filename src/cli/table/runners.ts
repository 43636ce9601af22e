// How each command runs: its implementation imported only when it runs (a chunk of its own in dist/). Only the
// dispatch (main.ts) imports this file, so the definitions never reach an implementation, and the implementations
// may import the parser's types (args.ts) without a circle.
import { forTerminal } from '../terminal-env';
import type { CommandInvocation } from './index';
import type { RunContext } from './types';
import type { UiInvocation } from './ui';

type Runnable = CommandInvocation | UiInvocation;
type Runner<K extends Runnable['kind']> = (invocation: Extract<Runnable, { kind: K }>, context: RunContext) => Promise<number>;

const runApi = (invocation: Extract<Runnable, { kind: 'list' | 'retrieve' | 'delete' }>, context: RunContext) =>
  import('../commands').then(({ runApiCommand }) => runApiCommand(invocation, context));

const RUNNERS: { [K in Runnable['kind']]: Runner<K> } = {
  list: runApi,
  retrieve: runApi,
  create: (invocation, context) => import('../ops-commands').then(({ runCreate }) => runCreate(invocation, context)),
  delete: runApi,
  sync: (invocation, context) => import('../ops-commands').then(({ runSync }) => runSync(invocation, context)),
  'projects-access': (invocation, context) =>
    import('../ops-commands').then(({ runProjectsAccess }) => runProjectsAccess(invocation, context)),
  export: (invocation, context) => import('../ops-commands').then(({ runExport }) => runExport(invocation, context)),
  history: (invocation, context) => import('../history-command').then(({ runHistory }) => runHistory(invocation, context)),
  dump: (invocation, context) => import('../access-commands').then(({ runDump }) => runDump(invocation, context)),
  plan: (invocation, context) => import('../access-commands').then(({ runPlanOrApply }) => runPlanOrApply(invocation, context)),
  apply: (invocation, context) => import('../access-commands').then(({ runPlanOrApply }) => runPlanOrApply(invocation, context)),
  'demo-server': (invocation, context) =>
    import('../demo-server').then(async ({ runDemoServer }) => {
      await runDemoServer(invocation, context.proc);
      return 0;
    }),
  ui: async (invocation, context) => {
    const { proc } = context;
    // Ink and chalk read the environment as they load: on a terminal, CI must not change what it shows.
    if ((proc.stdin as NodeJS.ReadStream | undefined)?.isTTY && (proc.stdout as NodeJS.WriteStream).isTTY) forTerminal(process.env);
    const { launchUi } = await withoutFetch(() => import('../launch-ui'));
    return launchUi(invocation, {
      env: proc.env,
      stdin: (proc.stdin ?? process.stdin) as NodeJS.ReadStream,
      stdout: proc.stdout as NodeJS.WriteStream,
      stderr: proc.stderr as NodeJS.WriteStream,
    });
  },
};

/** Runs the command (or the UI) the command line named. */
export function run(invocation: Runnable, context: RunContext): Promise<number> {
  // TypeScript cannot pair a member of the union with its own runner; RUNNERS' type does.
  return (RUNNERS[invocation.kind] as Runner<Runnable['kind']>)(invocation, context);
}

/**
 * Loads `load` with no global `fetch`. Ink's layout engine (yoga-layout) reads its embedded WebAssembly through
 * `fetch` when there is one, and in Node 20 the first touch of `fetch` loads Node's own copy of undici: some 50 ms
 * before the first frame. Without it yoga decodes the binary directly. `fetch` is back once the import settles
 * (yoga has finished loading by then: its module awaits the WebAssembly).
 */
async function withoutFetch<T>(load: () => Promise<T>): Promise<T> {
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  if (!descriptor?.configurable) return load();
  Object.defineProperty(globalThis, 'fetch', { value: undefined, configurable: true, writable: true });
  try {
    return await load();
  } finally {
    Object.defineProperty(globalThis, 'fetch', descriptor);
  }
}
