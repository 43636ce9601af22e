// `ckpt-perms history CHECKPOINT`: every grant and revoke from the audit log, oldest first; text on a terminal, else JSON.
import { projectLabel, sanitizeLine } from '../api/sanitize';
import { actorText, checkpointHistory, type HistoryEntry } from '../ops/history';
import type { HistoryFormat, Invocation } from './args';
import { requireCheckpoint, withClient } from './commands';
import { directoryCacheOf } from './directory-file';
import { localDate } from '../ui/time';
import { EXIT_OK } from './guard';
import { printed, type Output } from './output';
import { statusLine } from './status-line';
import { painter, plain, type Paint } from './colour';
import { resolveProject } from './project-names';

export interface HistoryIO {
  stdout: Output;
  env: Record<string, string | undefined>;
  /** stdout is a terminal: text unless --format says otherwise. */
  terminal: boolean;
  /** stdout takes colour: granted green, revoked red. */
  colour?: boolean;
  /** stderr when it is a terminal: how many events have been read, on one line redrawn in place and erased at the end. */
  progress?: NodeJS.WritableStream;
}

export async function runHistory(invocation: Extract<Invocation, { kind: 'history' }>, io: HistoryIO): Promise<number> {
  const format: HistoryFormat = invocation.format ?? (io.terminal ? 'text' : 'json');
  return withClient(invocation.common, io.env, async (client, demoCheckpoints, options) => {
    const checkpoint = requireCheckpoint(invocation.checkpoint, 'history', demoCheckpoints);
    const cache = directoryCacheOf(invocation.common, options, io.env);
    // The log cannot be asked for one checkpoint: a large organization's takes a while to read, 100 events a request.
    const line = io.progress ? statusLine(io.progress) : undefined;
    const onProgress = line
      ? (read: number) => line.show(`reading the audit log · ${read.toLocaleString('en-US')} sharing events so far`)
      : undefined;
    let entries;
    try {
      entries = await checkpointHistory(client, checkpoint, {
        since: invocation.since,
        projectId: invocation.project && (await resolveProject(client, invocation.project, { command: 'history', cache })),
        maxItems: invocation.maxItems,
        cache,
        onProgress,
      });
    } finally {
      line?.clear();
    }
    const rows = entries.map(toJson);
    const json = { fine_tuned_model_checkpoint: checkpoint, entries: rows };
    await io.stdout.write(printed({ json, rows, text: () => historyText(checkpoint, entries, painter(io.colour ?? false)) }, format));
    return EXIT_OK;
  });
}

/** One entry as JSON: the time in ISO 8601 (UTC) and in Unix seconds. */
function toJson(entry: HistoryEntry) {
  return {
    time: new Date(entry.at * 1000).toISOString(),
    effective_at: entry.at,
    action: entry.action,
    permission_id: entry.permission_id,
    project: { id: entry.project_id, name: entry.project_name },
    actor: entry.actor,
    granted_before_log: entry.before_log,
    audit_log_id: entry.event_id,
  };
}

/** `proj_abc (Support Triage)`, or the id alone when the name is unknown. */
export function projectText(entry: Pick<HistoryEntry, 'project_id' | 'project_name'>): string {
  return projectLabel(entry.project_id, entry.project_name);
}

/**
 * History of ft:… (oldest first, local time)
 * 2025-11-20 09:12  granted  proj_def (Billing Insights)  by alice@acme.com
 * 3 granted, 1 revoked, 15 granted before the log begins
 */
export function historyText(checkpoint: string, entries: HistoryEntry[], paint: Paint = plain): string {
  const lines = [`History of ${sanitizeLine(checkpoint)} (oldest first, local time)`];
  if (entries.length === 0) lines.push('no grants or revokes in the audit log for this checkpoint');
  const width = Math.min(60, Math.max(0, ...entries.map((entry) => projectText(entry).length)));
  for (const entry of entries) {
    const action = paint(entry.action === 'granted' ? 'success' : 'error', entry.action.padEnd(7));
    lines.push(`${localDate(entry.at, true)}  ${action}  ${projectText(entry).padEnd(width)}  ${actorText(entry, 'by ')}`);
  }
  const count = (test: (entry: HistoryEntry) => boolean) => entries.filter(test).length;
  const granted = count((e) => e.action === 'granted' && !e.before_log);
  const revoked = count((e) => e.action === 'revoked');
  const older = count((e) => e.before_log);
  if (entries.length > 0) lines.push(`${granted} granted, ${revoked} revoked, ${older} granted before the log begins`);
  return `${lines.join('\n')}\n`;
}
