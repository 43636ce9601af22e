// The interactive UI's launch, `ckpt-perms [CHECKPOINT]`: its flags and parse, as a command's are (its run: runners.ts).
import { checkpointIdProblem } from '../../api/ids';
import type { Order } from '../../api/types';
import { GLOBAL, type OptionName, type Values } from './flags';
import { commonOptions, integer, orderFrom, UsageError, type CommonOptions } from './parse';

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
};
