// What each reliability test counts towards: the figures line that `npm run test:reliability` ends with.
import type { TestContext } from 'vitest';

export type Figure = 'fault' | 'bad-input' | 'outcome' | 'leak' | 'false-report';

export interface ReliabilityMeta {
  figure: Figure;
  /** Outcome tests: items whose reported outcome disagreed with the server (or was never reported). */
  lost?: number;
  /** Leak tests: occurrences of a key found in output or files. */
  leaked?: number;
  /** False-report tests: claims of success (or actions taken) for what did not happen or was never asked. */
  falseReports?: number;
}

declare module 'vitest' {
  interface TaskMeta {
    reliability?: ReliabilityMeta;
  }
}

/**
 * Marks the running test as one of the figures. An outcome or leak test records what it measured
 * before it asserts, so a failing test still adds its count (a false-report test likewise); a fault or bad-input test counts as
 * survived or refused when it passes.
 */
export function countAs(ctx: TestContext, figure: Figure) {
  const meta: ReliabilityMeta = { figure };
  ctx.task.meta.reliability = meta;
  return {
    lost(n: number) {
      meta.lost = (meta.lost ?? 0) + n;
    },
    leaked(n: number) {
      meta.leaked = (meta.leaked ?? 0) + n;
    },
    falseReports(n: number) {
      meta.falseReports = (meta.falseReports ?? 0) + n;
    },
  };
}
