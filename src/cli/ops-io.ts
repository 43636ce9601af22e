// What the change commands (sync, create, apply, …: ops-commands.ts and access-commands.ts) share: their input and
// output, a question on the terminal, interrupts, one line per outcome, and the recent checkpoints that projects-access
// and dump look through. Its own module, so neither imports the other.
import { createInterface } from 'node:readline';
import { plain, type Paint } from './colour';
import type { ClientOptions } from '../api/client';
import { sanitizeLine } from '../api/sanitize';
import type { ChangeOutcome } from '../ops/change';
import { interruptedLine } from '../ops/change-lines';
import { fileRecent, recentFilePath, type RecentCheckpoints } from '../store/recent';
import { scopeOf } from '../store/scope';
import { EXIT_OK } from './guard';
import { catchInterrupts, type Interrupts } from './interrupt';
import type { Output } from './output';

/** Some change was not made (failed, not started, or not known). */
export const EXIT_FAILED = 1;

export interface OpsIO {
  stdout: Output;
  /** One line on stderr (`ckpt-perms: …`), cleaned of control characters and keys. */
  note(message: string): void;
  /** One line on stderr as it is (no prefix), cleaned of control characters and keys: `FILE:LINE:COL: message`. */
  line(text: string): void;
  /** stdout is a terminal (a table for people); its width; whether it takes colour (src/cli/colour.ts). */
  terminal?: boolean;
  columns?: number;
  colour?: boolean;
  /** stderr when it is a terminal, for the progress bar; undefined otherwise. */
  progress?: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  /** stdin and stdout are both terminals: sync may ask before it changes anything. */
  interactive: boolean;
  env: Record<string, string | undefined>;
  /** Keys in use, masked in anything written to a file too. */
  secrets: readonly (string | undefined)[];
}

/**
 * Runs a batch of changes with SIGINT and SIGTERM caught: the first stops it (nothing new starts,
 * what is in flight finishes), the second gives up on what is in flight; either way `run` goes on
 * to print every outcome. On a terminal, the first says so at once.
 */
export async function interruptible<T>(io: OpsIO, run: (interrupts: Interrupts) => Promise<T>): Promise<T> {
  const interrupts = catchInterrupts({
    onFirst: (signal) => {
      const again = signal === 'SIGINT' ? 'Ctrl+C' : 'SIGTERM';
      io.progress?.write(`\nstopping: no new change starts; waiting for those in flight (${again} again stops at once)\n`);
    },
  });
  try {
    return await run(interrupts);
  } finally {
    interrupts.dispose();
  }
}

/**
 * The exit code once a batch's outcomes are printed: an interrupt's (after the line that counts what was done), else
 * EXIT_FAILED after `failedNote` of the changes not done, else EXIT_OK.
 */
export function exitAfterChanges<T extends Pick<ChangeOutcome, 'action' | 'status'>>(
  io: OpsIO,
  interrupts: Interrupts,
  outcomes: readonly T[],
  failedNote: (notDone: T[]) => string,
): number {
  if (interrupts.exitCode !== undefined) {
    io.note(interruptedLine(outcomes));
    return interrupts.exitCode;
  }
  const notDone = outcomes.filter((o) => o.status !== 'done');
  if (notDone.length === 0) return EXIT_OK;
  io.note(failedNote(notDone));
  return EXIT_FAILED;
}

/**
 * `✓ added proj_… (Name) (permission cp_…)`, `✗ not removed …: reason`, `○ not started: add proj_…`,
 * `? unknown: remove …: reason` (a second interrupt gave up on its answer).
 */
export function outcomeLine(
  o: Pick<ChangeOutcome, 'action' | 'status' | 'permissionId' | 'reason'>,
  who: string,
  paint: Paint = plain,
): string {
  const permission = o.permissionId ? ` (permission ${sanitizeLine(o.permissionId)})` : '';
  const verb = o.action === 'add' ? 'added' : 'removed';
  const reason = sanitizeLine(o.reason ?? 'failed');
  switch (o.status) {
    case 'done':
      return paint('success', `✓ ${verb} ${who}${permission}`);
    case 'failed':
      return paint('error', `✗ not ${verb} ${who}${permission}: ${reason}`);
    case 'not started':
      return `○ not started: ${o.action} ${who}${permission}`;
    case 'unknown':
      return paint('warning', `? unknown: ${o.action} ${who}${permission}: ${reason}`);
  }
}

/** A plan not applied for want of a confirmation (no terminal and no --yes, or --format json without --yes). */
export const EXIT_NOT_CONFIRMED = 2;

/**
 * Whether a plan already printed may be applied: never when `stop` is given (nothing to do, a dry run: exit 0, the line
 * said in text, '' for none, the plan printed by `printJson` in JSON); with --yes at once; in text on a terminal, when
 * `Apply? [y/N]` is answered yes. Otherwise the exit code, nothing changed: 0 when the answer was no,
 * EXIT_NOT_CONFIRMED with no one to ask (said on stderr, with `howToApply`; in JSON the plan is printed first).
 */
export async function confirmApply(
  io: OpsIO,
  options: { yes: boolean; text: boolean; stop?: string; howToApply: string; printJson: () => Promise<void> },
): Promise<{ apply: true } | { apply: false; exitCode: number }> {
  if (options.stop !== undefined) {
    if (!options.text) await options.printJson();
    else if (options.stop !== '') await io.stdout.write(`${options.stop}\n`);
    return { apply: false, exitCode: EXIT_OK };
  }
  if (options.yes) return { apply: true };
  if (!options.text || !io.interactive) {
    if (!options.text) await options.printJson();
    const why = options.text ? 'no terminal to confirm in' : '--format json never asks';
    io.note(`nothing changed (${why}): ${options.howToApply}`);
    return { apply: false, exitCode: EXIT_NOT_CONFIRMED };
  }
  const answer = await askLine(io, 'Apply? [y/N] ');
  if (answer === undefined) await io.stdout.write('\n');
  if (!/^\s*(y|yes)\s*$/i.test(answer ?? '')) {
    await io.stdout.write('not applied: nothing changed\n');
    return { apply: false, exitCode: 0 };
  }
  return { apply: true };
}

/** One line from the terminal, or undefined at end of input. Cooked mode: Ctrl+C stays an interrupt. */
async function askLine(io: OpsIO, question: string): Promise<string | undefined> {
  await discardTypedAhead(io.stdin);
  await io.stdout.write(question);
  const reader = createInterface({ input: io.stdin, terminal: false });
  try {
    return await new Promise<string | undefined>((resolve) => {
      reader.once('line', resolve);
      reader.once('close', () => resolve(undefined));
    });
  } finally {
    reader.close();
  }
}

/**
 * Drops what was typed on the terminal before a question is asked: a `y` typed while the plan was still being read is
 * no answer to it. The terminal is put in raw mode for a moment so that a line not yet ended is dropped too.
 */
async function discardTypedAhead(stdin: NodeJS.ReadableStream): Promise<void> {
  const tty = stdin as NodeJS.ReadStream;
  if (!tty.isTTY || typeof tty.setRawMode !== 'function') return;
  const dropped: Buffer[] = [];
  const drop = (chunk: Buffer) => dropped.push(chunk);
  tty.setRawMode(true);
  tty.on('data', drop);
  // The read starts on the next tick; the poll phase of the loop's next turn reads all the terminal holds.
  for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve));
  tty.off('data', drop);
  tty.pause();
  tty.setRawMode(false);
  // A Ctrl+C among them was meant as one: in raw mode the terminal passed it on as a byte.
  if (Buffer.concat(dropped).includes(0x03)) process.kill(process.pid, 'SIGINT');
}

/**
 * The recent checkpoints of this connection's organization (from withClient's options), or undefined for the demo,
 * whose checkpoints are its own.
 */
export function recentOf(options: ClientOptions | undefined, env: Record<string, string | undefined>): RecentCheckpoints | undefined {
  const scope = options && scopeOf(options);
  return scope === undefined ? undefined : fileRecent(recentFilePath(env), scope);
}

/** Checkpoints that answered 404 (deleted, or another organization's) leave the recent list; it is rewritten only then. */
export function forgetRecent(recent: RecentCheckpoints | undefined, gone: readonly string[]): void {
  if (!recent) return;
  const list = recent.load();
  const kept = list.filter((id) => !gone.includes(id));
  if (kept.length < list.length) recent.save(kept);
}
