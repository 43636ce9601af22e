// Types of scripts/pty-screen.mjs for the tests (test/helpers/pty.ts).
import type { IPty } from '@lydell/node-pty';
import type { Terminal as XTerm } from '@xterm/headless';

export interface PtyExit {
  /** 0 when a signal ended the process: node-pty does not use 128+n. */
  exitCode: number;
  /** The signal number that ended the process, e.g. 9; node-pty reports 0 (not undefined) for a normal exit. */
  signal: number | undefined;
}

export interface PtyScreenOptions {
  /** The program; node by default. */
  file?: string;
  args?: string[];
  env: NodeJS.ProcessEnv;
  cwd?: string;
  cols?: number;
  rows?: number;
  scrollback?: number;
}

export interface WaitOptions {
  timeoutMs?: number;
  /** Named in the error: "timed out after … ms waiting for <what>". */
  what?: string;
  /** Never resolve on a frame half drawn (inside a synchronized update). */
  wholeFrames?: boolean;
  /** The text after the error's first line; the screen by default. */
  details?: () => string;
}

export class PtyScreen {
  constructor(options: PtyScreenOptions);
  readonly term: XTerm;
  readonly pty: IPty;
  /** process.hrtime.bigint() at spawn. */
  readonly startedAt: bigint;
  readonly exited: Promise<PtyExit>;
  readonly pid: number;
  readonly cols: number;
  readonly rows: number;
  readonly exit: PtyExit | undefined;
  raw(): string;
  onParsed(listener: (at: bigint) => void): () => void;
  midFrame(): boolean;
  flush(): Promise<void>;
  lines(): string[];
  screen(): string;
  waitFor(test: (lines: string[]) => boolean, options?: WaitOptions): Promise<{ at: bigint; lines: string[] }>;
  write(bytes: string): bigint;
  resize(cols: number, rows: number): Promise<void>;
  kill(signal?: string): void;
  close(options?: { graceMs?: number }): Promise<void>;
}
