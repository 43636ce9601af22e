// The closing lines of a change run from the command line: the counts, and what an interrupted run left.
import type { ChangeOutcome } from './change';

export interface Tally {
  added: number;
  removed: number;
  plannedAdds: number;
  plannedRemoves: number;
  failed: number;
  unknown: number;
  notStarted: number;
}

/** What a count needs of an outcome (a sync's outcomes have no checkpoint). */
type Counted = Pick<ChangeOutcome, 'action' | 'status'>;

export function tally(outcomes: readonly Counted[]): Tally {
  const count = (test: (o: Counted) => boolean) => outcomes.filter(test).length;
  return {
    added: count((o) => o.action === 'add' && o.status === 'done'),
    removed: count((o) => o.action === 'remove' && o.status === 'done'),
    plannedAdds: count((o) => o.action === 'add'),
    plannedRemoves: count((o) => o.action === 'remove'),
    failed: count((o) => o.status === 'failed'),
    unknown: count((o) => o.status === 'unknown'),
    notStarted: count((o) => o.status === 'not started'),
  };
}

/** `interrupted: 45 of 137 removed, 92 not started; run the same command again to finish` */
export function interruptedLine(outcomes: readonly Counted[]): string {
  const t = tally(outcomes);
  const parts: string[] = [];
  if (t.plannedAdds > 0) parts.push(`${t.added} of ${t.plannedAdds} added`);
  if (t.plannedRemoves > 0) parts.push(`${t.removed} of ${t.plannedRemoves} removed`);
  if (t.failed > 0) parts.push(`${t.failed} failed`);
  if (t.unknown > 0) parts.push(`${t.unknown} unknown (interrupted in flight)`);
  parts.push(`${t.notStarted} not started`);
  const left = t.failed + t.unknown + t.notStarted;
  return `interrupted: ${parts.join(', ')}; ${left === 0 ? 'every change was made before it stopped' : 'run the same command again to finish'}`;
}

/** The last line of the outcomes: `done: 3 added, 1 removed, 0 failed` (`, 2 unknown, 5 not started` after a stop). */
export function doneLine(outcomes: readonly Counted[]): string {
  const t = tally(outcomes);
  const more = [t.unknown > 0 ? `, ${t.unknown} unknown` : '', t.notStarted > 0 ? `, ${t.notStarted} not started` : ''].join('');
  return `done: ${t.added} added, ${t.removed} removed, ${t.failed} failed${more}`;
}
