// projects-access, export and history: reads across many requests, printed as JSON, CSV or text.
import type { Definition } from './types';
import {
  checkpointFrom,
  checkpointList,
  commonOptions,
  maxItemsFrom,
  outputName,
  ownFormat,
  rejectArguments,
  sinceFrom,
  UsageError,
  type CommonOptions,
} from './parse';
import { projectRefs, type ProjectRef } from './project-ref';

export type ExportFormat = 'csv' | 'json';
/** `history` prints text on a terminal and JSON otherwise, unless asked. */
export type HistoryFormat = 'text' | 'json' | 'jsonl';

export interface ProjectsAccessInvocation {
  kind: 'projects-access';
  project: ProjectRef;
  checkpoints: string[];
  /** --strict: an answer that could not cover every checkpoint (no ordinary key to list the jobs) exits 1. */
  strict: boolean;
  common: CommonOptions;
}
export interface ExportInvocation {
  kind: 'export';
  checkpoint?: string;
  format: ExportFormat;
  output?: string;
  common: CommonOptions;
}
export interface HistoryInvocation {
  kind: 'history';
  checkpoint?: string;
  project?: ProjectRef;
  /** Unix seconds. */
  since?: number;
  maxItems?: number;
  /** Undefined: text on a terminal, else JSON. */
  format?: HistoryFormat;
  common: CommonOptions;
}

export const PROJECTS_ACCESS: Definition<ProjectsAccessInvocation> = {
  synopsis: '--project-id ID|NAME [--checkpoint ID …] [--strict]',
  about: 'every checkpoint a project may use',
  summary: 'every checkpoint a project may use.',
  usage: 'ckpt-perms projects-access --project-id ID|NAME [--checkpoint ID …] [--strict]',
  flags: {
    'project-id': { label: '--project-id ID|NAME', text: 'the project: its id (proj_…) or its exact name' },
    checkpoint: { label: '--checkpoint ID', text: 'a checkpoint to check as well; repeat for more' },
    strict: { label: '--strict', text: 'exit 1 when the answer is partial (no ordinary key to list the jobs)' },
  },
  connection: 'global',
  walks: true,
  body: `The API cannot list a project's checkpoints, so each candidate checkpoint is asked in turn:
the fine-tuned models and intermediate checkpoints of the organization's fine-tuning jobs
(needs an ordinary key: --api-key or OPENAI_API_KEY), the checkpoints opened recently in the
UI with this organization, and every --checkpoint. Prints {"object": "list", "project_id",
"data": [{"fine_tuned_model_checkpoint", "permission"}], "checked", "failed": [{
"fine_tuned_model_checkpoint", "error"}], "skipped": [{"fine_tuned_model_checkpoint",
"reason"}]}; --format jsonl prints one data item per line. A recent checkpoint that is not
found (deleted since, or another organization's) is skipped and dropped from the recent list.
Without an ordinary key only the recent and the named checkpoints are checked: the answer is
partial, standard error says so, and the JSON carries "complete": false.
A progress bar shows on standard error when it is a terminal.
Exit codes: 0 every lookup answered, 1 some failed (what was found is still printed), or the
answer is partial and --strict was given.`,
  parse(values, rest) {
    const command = 'projects-access';
    rejectArguments(rest, command, ': give checkpoints as --checkpoint ID');
    const given = [...new Set(values['project-id'] ?? [])];
    if (given.length === 0) throw new UsageError('projects-access needs --project-id proj_… (or a project name)', command);
    if (given.length > 1) throw new UsageError('projects-access looks up one --project-id at a time', command);
    const [project] = projectRefs(given, command) as [ProjectRef];
    const checkpoints = checkpointList(values.checkpoint ?? [], command, '--checkpoint');
    return { kind: command, project, checkpoints, strict: values.strict ?? false, common: commonOptions(values, command) };
  },
};

export const EXPORT: Definition<ExportInvocation> = {
  synopsis: '--fine-tuned-model-checkpoint ID [--format csv|json] [--output FILE]',
  about: "every permission with its project's name and status, for a spreadsheet",
  summary: "every permission of a checkpoint with its project's name and status.",
  usage: 'ckpt-perms export [CHECKPOINT] [--fine-tuned-model-checkpoint ID] [--format csv|json] [--output FILE]',
  flags: {
    format: {
      label: '--format csv|json',
      text: 'CSV (RFC 4180, the default) or JSON; here --format is not json|jsonl.\nWithout --format, an --output file ending in .json gets JSON.',
    },
    'fine-tuned-model-checkpoint': null,
    output: {
      label: '--output FILE',
      text: 'write to FILE instead of standard output (replaced whole, never half\nwritten); a directory gets a file named after the checkpoint; - is\nstandard output',
    },
  },
  connection: 'own-format',
  walks: true,
  body: `Columns: permission_id, project_id, project_name, project_status, created_at (UTC), newest
first. Cells a spreadsheet would run as a formula (starting with = + - @) get a leading '.`,
  parse(values, rest) {
    const command = 'export';
    const checkpoint = checkpointFrom(values, rest, command);
    const output = outputName(values.output, command);
    // Without --format, a file named *.json gets JSON; everything else CSV.
    const fallback: ExportFormat = output !== undefined && /\.json$/i.test(output) ? 'json' : 'csv';
    return {
      kind: command,
      checkpoint,
      format: ownFormat(values.format, ['csv', 'json'], fallback, command),
      output,
      common: commonOptions(values, command, false),
    };
  },
};

export const HISTORY: Definition<HistoryInvocation> = {
  synopsis: '--fine-tuned-model-checkpoint ID [--project-id ID] [--since DATE] [--max-items N]\n[--format text|json|jsonl]',
  about: 'every grant and revoke from the audit log, oldest first, with who did it',
  summary: 'who shared a checkpoint with a project, who revoked it, and when (the audit log).',
  usage: 'ckpt-perms history [CHECKPOINT] [--fine-tuned-model-checkpoint ID] [options]',
  flags: {
    'fine-tuned-model-checkpoint': null,
    'project-id': { label: '--project-id ID|NAME', text: "only this project's grants and revokes (its id, or its exact name)" },
    since: {
      label: '--since DATE',
      text: 'only events since DATE: 2025-12-01 (local midnight), 2025-12-01T09:30\n(local unless it ends in Z or an offset), Unix seconds, or 7d, 24h, 30m,\ntoday, yesterday',
    },
    'max-items': { label: '--max-items N', text: 'at most the N most recent entries (-1: all, the default)' },
    format: {
      label: '--format FORMAT',
      text: 'text (default on a terminal): one line an entry, in local time;\njson (default otherwise): one document, times in ISO 8601 (UTC);\njsonl: one entry a line',
    },
  },
  connection: 'own-format',
  walks: true,
  body: `Oldest first: the time, granted or revoked, the project (id and name), and who did it (a
user's email, an API key or a service account by id, or unknown). A revoke is joined to its
grant by the permission id; permissions granted before the audit log began are listed as
"granted before the log begins". An organization without audit logging gets one sentence
saying so (exit 1). Reading the log needs an admin key.`,
  parse(values, rest) {
    const command = 'history';
    const checkpoint = checkpointFrom(values, rest, command);
    const given = [...new Set(values['project-id'] ?? [])];
    if (given.length > 1) throw new UsageError('history filters by one --project-id at a time', command);
    const [project] = projectRefs(given, command);
    const format = values.format === undefined ? undefined : ownFormat(values.format, ['text', 'json', 'jsonl'], 'text', command);
    return {
      kind: command,
      checkpoint,
      project,
      since: values.since === undefined ? undefined : sinceFrom(values.since, command),
      maxItems: maxItemsFrom(values['max-items'], command),
      format,
      common: commonOptions(values, command, false),
    };
  },
};
