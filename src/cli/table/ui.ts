// The interactive UI's launch, `ckpt-perms [CHECKPOINT]`: its flags, parse and run, as a command's are.
import { checkpointIdProblem } from '../../api/ids';
import type { Order } from '../../api/types';
import { forTerminal } from '../terminal-env';
import { GLOBAL, type OptionName } from './flags';
import type { RunContext } from './index';
import { commonOptions, integer, orderFrom, UsageError, type CommonOptions, type Values } from './parse';

export interface UiInvocation {
  kind: 'ui';
  checkpoint?: string;
  pageSize?: number;
  order?: Order;
  noCache?: boolean;
  /** --no-mouse: no mouse reporting, so the terminal's own selection works. */
  noMouse?: boolean;
  common: CommonOptions;
}

/** The connection flags and these. (--debug writes on stderr: not under the UI's screen.) */
export const UI_OPTIONS: OptionName[] = [
  ...GLOBAL.filter((name) => name !== 'format' && name !== 'debug'),
  'max-pages',
  'page-size',
  'order',
  'no-cache',
  'no-mouse',
];

export const UI = {
  synopsis: '[CHECKPOINT] [--page-size N] [--order ascending|descending] [--no-cache] [--no-mouse]',
  about:
    'the interactive UI: pick a checkpoint, page through who has access,\nshare with more projects, revoke after a confirmation (press ? inside)',
  parse(values: Values, first: string | undefined): UiInvocation {
    for (const name of Object.keys(values) as OptionName[]) {
      if (!UI_OPTIONS.includes(name)) throw new UsageError(`--${name} is not an option of the interactive UI`);
    }
    if (first !== undefined) {
      const problem = checkpointIdProblem(first);
      if (problem) throw new UsageError(problem);
    }
    const order = orderFrom(values.order);
    return {
      kind: 'ui',
      checkpoint: first,
      pageSize: integer(values['page-size'], '--page-size', 1, 100),
      order,
      noCache: values['no-cache'] === true,
      noMouse: values['no-mouse'] === true,
      common: commonOptions(values),
    };
  },
  async run(invocation: UiInvocation, context: RunContext): Promise<number> {
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
