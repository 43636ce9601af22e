// sync, dump, plan and apply: changes planned against the server, and access files.
import { checkpointIdProblem } from '../../api/ids';
import { hasControlCharacters } from '../../api/sanitize';
import type { Definition } from './types';
import { checkpointList, commonOptions, outputName, ownFormat, rejectArguments, UsageError, type CommonOptions } from './parse';

/** `sync`, `plan` and `apply` print text unless asked for JSON. */
export type SyncFormat = 'text' | 'json';

export interface SyncInvocation {
  kind: 'sync';
  from: string;
  to: string;
  prune: boolean;
  dryRun: boolean;
  yes: boolean;
  format: SyncFormat;
  common: CommonOptions;
}
export interface DumpInvocation {
  kind: 'dump';
  checkpoints: string[];
  output?: string;
  /** --strict: a dump that could not find every checkpoint (no ordinary key to list the jobs) exits 1. */
  strict: boolean;
  common: CommonOptions;
}
export interface PlanInvocation {
  kind: 'plan';
  file: string;
  exitCode: boolean;
  format: SyncFormat;
  common: CommonOptions;
}
export interface ApplyInvocation {
  kind: 'apply';
  file: string;
  yes: boolean;
  format: SyncFormat;
  common: CommonOptions;
}

const TEXT_OR_JSON = ['text', 'json'] as const;

export const SYNC: Definition<SyncInvocation> = {
  synopsis: '--from CHECKPOINT --to CHECKPOINT [--prune] [--dry-run | --yes] [--format text|json]',
  about: 'give the target every project the source has (--prune: and only those)',
  summary: "give one checkpoint's projects access to another checkpoint.",
  usage: 'ckpt-perms sync --from CHECKPOINT --to CHECKPOINT [--prune] [--dry-run | --yes] [--format text|json]',
  flags: {
    from: { label: '--from CHECKPOINT', text: 'the checkpoint whose projects should have access' },
    to: { label: '--to CHECKPOINT', text: 'the checkpoint to share with them' },
    prune: {
      label: '--prune',
      text: "also revoke the target's permissions of projects the source does not\nhave, so both end up with the same projects (default: only add)",
    },
    'dry-run': { label: '--dry-run', text: 'show the plan and stop: nothing is changed' },
    yes: { label: '--yes', text: 'apply the plan without asking' },
    format: { label: '--format text|json', text: 'the plan and the outcomes as text (default) or as one JSON document' },
  },
  connection: 'own-format',
  walks: true,
  body: `First prints the plan: the projects to add (and with --prune to remove), how many both
have, and how many only the target has. Then, in a terminal, it asks "Apply? [y/N]" (only y
or yes applies). Without a terminal, or with --format json, it never asks: without --yes it
changes nothing and exits 2. After applying, one line per project names the outcome.
Ctrl+C (or SIGTERM) while applying starts no new change and waits for those in flight; every
outcome is then printed (done, failed, not started) and it exits 130 (143). A second Ctrl+C
stops at once. Running the same command again finishes the job.
Exit codes: 0 done (or already in sync, or not confirmed), 1 a change or a read failed,
2 the command line was wrong or --yes is missing, 130/143 interrupted.`,
  parse(values, rest) {
    const command = 'sync';
    rejectArguments(rest, command, ': give the checkpoints as --from and --to');
    const { from, to } = values;
    if (from === undefined) throw new UsageError('sync needs --from CHECKPOINT (the checkpoint whose projects to copy)', command);
    if (to === undefined) throw new UsageError('sync needs --to CHECKPOINT (the checkpoint to give them access)', command);
    for (const [flag, id] of [
      ['--from', from],
      ['--to', to],
    ] as const) {
      const problem = checkpointIdProblem(id);
      if (problem) throw new UsageError(`${flag}: ${problem}`, command);
    }
    if (from === to) throw new UsageError('--from and --to are the same checkpoint: give two different ones', command);
    const dryRun = values['dry-run'] ?? false;
    const yes = values.yes ?? false;
    if (dryRun && yes) throw new UsageError('--dry-run and --yes contradict each other: give one of them', command);
    return {
      kind: command,
      from,
      to,
      prune: values.prune ?? false,
      dryRun,
      yes,
      format: ownFormat(values.format, TEXT_OR_JSON, 'text', command),
      common: commonOptions(values, command, false),
    };
  },
};

export const DUMP: Definition<DumpInvocation> = {
  synopsis: '[CHECKPOINT …] [--output FILE] [--strict]',
  about: "today's sharing as an access file (YAML; JSON for a .json --output)",
  summary: "today's sharing of checkpoints as an access file.",
  usage: 'ckpt-perms dump [CHECKPOINT …] [--checkpoint ID …] [--output FILE] [--strict]',
  flags: {
    checkpoint: null,
    output: {
      label: '--output FILE',
      text: 'write to FILE (replaced whole, never half written) instead of standard\noutput; a name ending in .json gets JSON (without the names), else YAML',
    },
    strict: { label: '--strict', text: 'exit 1 when the dump is partial (no ordinary key to list the jobs)' },
  },
  connection: 'own-format',
  walks: true,
  body: `Without checkpoints, dumps those projects-access would check: the fine-tuning jobs' models and
checkpoints (needs an ordinary key: --api-key or OPENAI_API_KEY) and the ones opened recently.
Project ids are listed with their names as comments, everything sorted and no date, so the
diff of two dumps is the change of access. Without checkpoints and without an ordinary key,
only the recent ones are dumped: standard error says so (--strict: and it exits 1).`,
  parse(values, rest) {
    const command = 'dump';
    const checkpoints = checkpointList([...rest, ...(values.checkpoint ?? [])], command);
    const output = outputName(values.output, command);
    return { kind: command, checkpoints, output, strict: values.strict ?? false, common: commonOptions(values, command, false) };
  },
};

/** `plan -f FILE`, `apply -f FILE`: the file's name (the command reads and checks the file). */
function accessFileName(values: Parameters<Definition<unknown>['parse']>[0], rest: string[], command: 'plan' | 'apply'): string {
  rejectArguments(rest, command, ': give the access file as -f FILE');
  const file = values.file;
  if (file === undefined || file.trim() === '')
    throw new UsageError(`${command} needs -f FILE (an access file: YAML, or JSON by its .json extension)`, command);
  if (hasControlCharacters(file)) throw new UsageError('-f: the file name contains control characters', command);
  return file;
}

export const PLAN: Definition<PlanInvocation> = {
  synopsis: '-f FILE [--exit-code] [--format text|json]',
  about: 'what applying the access file would change (--exit-code: 3 when anything would)',
  summary: 'what applying an access file would change.',
  usage: 'ckpt-perms plan -f FILE [--exit-code] [--format text|json]',
  flags: {
    file: { label: '-f, --file FILE', text: 'the access file: YAML, or JSON when the name ends in .json' },
    'exit-code': { label: '--exit-code', text: 'exit 3 when changes are pending (for a CI drift check)' },
    format: { label: '--format text|json', text: 'the plan as text (default) or one JSON document' },
  },
  connection: 'own-format',
  walks: true,
  body: `The file:
  checkpoints:
    ft:gpt-4o-mini-2024-07-18:acme-corp:support-triage:JOmZHrYw:
      exclusive: true      # remove every project not listed (default false: only add)
      projects:
        - Billing Copilot  # a project's exact name (one active project), or
        - proj_abc123      # its id

Per checkpoint: "+ proj_… (Name)" to add, "- proj_… (Name)" to remove, and the count unchanged.
Only reads are sent. A wrong file (an unknown key, a name matching no active project or more
than one, an archived or unknown project that would need access, a checkpoint that does not
exist, malformed YAML) prints FILE:LINE:COL: what is wrong, one line each, and exits 2.
Exit codes: 0 nothing to change (or changes, without --exit-code), 3 changes pending with
--exit-code, 1 the API or the network failed, 2 the file or the command line is wrong.`,
  parse(values, rest) {
    const file = accessFileName(values, rest, 'plan');
    const format = ownFormat(values.format, TEXT_OR_JSON, 'text', 'plan');
    return { kind: 'plan', file, exitCode: values['exit-code'] ?? false, format, common: commonOptions(values, 'plan', false) };
  },
};

export const APPLY: Definition<ApplyInvocation> = {
  synopsis: '-f FILE [--yes] [--format text|json]',
  about: 'make the server match the access file',
  summary: 'make the server match an access file.',
  usage: 'ckpt-perms apply -f FILE [--yes] [--format text|json]',
  flags: {
    file: { label: '-f, --file FILE', text: 'the access file (see ckpt-perms plan --help)' },
    yes: { label: '--yes', text: 'apply without asking' },
    format: { label: '--format text|json', text: 'the plan and the outcomes as text (default) or one JSON document' },
  },
  connection: 'own-format',
  walks: true,
  body: `Prints the plan, asks "Apply? [y/N]" on a terminal (without one, and without --yes, it changes
nothing and exits 2), then applies it four requests at a time and prints every change's
outcome. A share whose answer was lost is read back before it is sent again (no project is
granted twice). Ctrl+C starts no new change and prints every outcome (exit 130, 143 for
SIGTERM); running apply again finishes the job, and then finds nothing to do.
Exit codes: 0 done (or nothing to do, or not confirmed), 1 a change or a read failed, 2 the
file or the command line is wrong, or --yes is missing.`,
  parse(values, rest) {
    const file = accessFileName(values, rest, 'apply');
    const format = ownFormat(values.format, TEXT_OR_JSON, 'text', 'apply');
    return { kind: 'apply', file, yes: values.yes ?? false, format, common: commonOptions(values, 'apply', false) };
  },
};
