// What the command definitions parse their flags with: checked before anything is sent, wrong input exit 2.
import type { ConnectionFlags } from '../../api/config';
import { checkpointIdProblem, permissionIdProblem } from '../../api/ids';
import { scrubKeys } from '../../api/keys';
import { hasControlCharacters, sanitizeLine } from '../../api/sanitize';
import type { PermissionQuery } from '../../api/client';
import type { Order } from '../../api/types';
import { CONNECTION, type Values } from './flags';
import { projectRefs, type ProjectRef } from './project-ref';
import type { CommandName } from './types';
import { UsageError } from './usage-error';

export { UsageError } from './usage-error';

/** table: aligned text for people (list and projects-access; the default when stdout is a terminal). */
export type OutputFormat = 'json' | 'jsonl' | 'table';

/** The commands with a table form for the global --format. */
const TABLED: readonly (CommandName | undefined)[] = ['list', 'projects-access'];

export interface CommonOptions {
  /** With --demo: false for --no-audit-log (the demo organization then has no audit logging). */
  demoAuditLog: boolean;
  /** The global --format; sync and export read their own (`SyncFormat`, `ExportFormat`) and leave this 'json'. */
  format: OutputFormat;
  /** --format was given: it wins over the terminal's table. */
  formatGiven?: boolean;
  demo: boolean;
  /** --debug: each request and response with its headers on stderr (src/cli/debug.ts). */
  debug?: boolean;
  /** --no-cache: the cached list of the organization's projects is neither read nor written. */
  noCache?: boolean;
  connection: ConnectionFlags;
}

/** `7d`, `24h`, `30m`: that long before now. */
const AGO: Record<string, number> = { d: 86_400_000, h: 3_600_000, m: 60_000 };

/**
 * `2025-12-01` (local midnight), an ISO date and time (`2025-12-01T09:30`, `…Z`, `…+02:00`), Unix seconds, or relative
 * to `now`: `7d`, `24h`, `30m`, `today` and `yesterday` (local midnight).
 */
export function sinceFrom(raw: string, command: CommandName, now: number = Date.now()): number {
  const text = raw.trim();
  let ms = NaN;
  const ago = /^(\d{1,6})([dhm])$/.exec(text);
  const day = /^(today|yesterday)$/i.exec(text)?.[1]?.toLowerCase();
  if (ago) ms = now - Number(ago[1]) * AGO[ago[2]!]!;
  else if (day) {
    const midnight = new Date(now);
    midnight.setHours(0, 0, 0, 0);
    if (day === 'yesterday') midnight.setDate(midnight.getDate() - 1);
    ms = midnight.getTime();
  } else if (/^\d{9,11}$/.test(text)) ms = Number(text) * 1000;
  else if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const [year, month, date] = text.split('-').map(Number) as [number, number, number];
    const local = new Date(year, month - 1, date);
    if (local.getFullYear() === year && local.getMonth() === month - 1 && local.getDate() === date) ms = local.getTime();
  } else if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i.test(text)) {
    ms = Date.parse(text.replace(' ', 'T'));
  }
  if (!Number.isFinite(ms)) {
    throw new UsageError(
      `--since must be a date (2025-12-01), a date and time (2025-12-01T09:30, local unless it ends in Z or an offset), Unix seconds, or relative: 7d, 24h, 30m, today, yesterday (got "${shown(raw)}")`,
      command,
    );
  }
  return Math.floor(ms / 1000);
}

/** A command whose --format is not the global json|jsonl. */
export function ownFormat<T extends string>(raw: string | undefined, allowed: readonly T[], fallback: T, command: CommandName): T {
  if (raw === undefined) return fallback;
  // --format table asks for the form for people anywhere: a command's text is its table.
  if (raw === 'table' && (allowed as readonly string[]).includes('text')) return 'text' as T;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new UsageError(`--format of ${command} must be ${allowed.join(' or ')} (got "${shown(raw)}")`, command);
  }
  return raw as T;
}

export function checkpointFrom(values: Values, rest: string[], command: CommandName): string | undefined {
  if (rest.length > 1) throw new UsageError(`unexpected argument "${shown(rest[1]!)}"`, command);
  const flag = values['fine-tuned-model-checkpoint'];
  const positional = rest[0];
  if (flag !== undefined && positional !== undefined && flag !== positional) {
    throw new UsageError('two different checkpoints given: use either the argument or --fine-tuned-model-checkpoint', command);
  }
  const checkpoint = flag ?? positional;
  if (checkpoint !== undefined) {
    const problem = checkpointIdProblem(checkpoint);
    if (problem) throw new UsageError(problem, command);
  }
  return checkpoint;
}

/** Checkpoints as --checkpoint ID (and for dump as arguments too): each checked, duplicates dropped. */
export function checkpointList(ids: string[], command: CommandName, flag?: string): string[] {
  const checkpoints: string[] = [];
  for (const id of ids) {
    const problem = checkpointIdProblem(id);
    if (problem) throw new UsageError(flag ? `${flag}: ${problem}` : problem, command);
    if (!checkpoints.includes(id)) checkpoints.push(id);
  }
  return checkpoints;
}

/** --output FILE: a name, without control characters (whether its directory exists is the command's to say). */
export function outputName(output: string | undefined, command: CommandName): string | undefined {
  if (output !== undefined) {
    if (output.trim() === '') throw new UsageError('--output needs a file name (or - for standard output)', command);
    if (hasControlCharacters(output)) throw new UsageError('--output: the file name contains control characters', command);
  }
  return output;
}

export function rejectArguments(rest: string[], command: CommandName, hint = ''): void {
  if (rest.length > 0) throw new UsageError(`unexpected argument "${shown(rest[0]!)}"${hint}`, command);
}

export function commonOptions(values: Values, command?: CommandName, globalFormat = true): CommonOptions {
  const format = globalFormat ? (values.format ?? 'json') : 'json';
  // The message stays as it was: scripts and the recorded bytes read it; `table` is said in the commands' help.
  if (format !== 'json' && format !== 'jsonl' && !(format === 'table' && TABLED.includes(command))) {
    throw new UsageError(`--format must be json or jsonl (got "${shown(format)}")`, command);
  }
  const demo = values.demo ?? false;
  if (demo) {
    for (const flag of CONNECTION) {
      if (values[flag] !== undefined) throw new UsageError(`--demo uses the embedded demo API and its own keys: drop --${flag}`, command);
    }
  }
  if (values['no-audit-log'] && !demo) {
    throw new UsageError('--no-audit-log only changes the embedded demo API: give it with --demo', command);
  }
  return {
    format,
    formatGiven: globalFormat && values.format !== undefined,
    demo,
    demoAuditLog: !values['no-audit-log'],
    debug: values.debug ?? false,
    noCache: values['no-cache'] === true,
    connection: {
      adminApiKey: values['admin-api-key'],
      apiKey: values['api-key'],
      baseURL: values['base-url'],
      organization: values.organization,
      project: values.project,
      mtlsCertFile: values['mtls-client-cert-file'],
      mtlsKeyFile: values['mtls-client-key-file'],
      allowInsecureHttp: values['allow-insecure-http'],
      timeoutMs: integer(values.timeout, '--timeout', 1, 3_600_000, command),
      maxRetries: integer(values['max-retries'], '--max-retries', 0, 10, command),
      maxPages: integer(values['max-pages'], '--max-pages', 1, 1_000_000, command),
    },
  };
}

export function orderFrom(order: string | undefined, command?: CommandName): Order | undefined {
  if (order !== undefined && order !== 'ascending' && order !== 'descending') {
    throw new UsageError(`--order must be ascending or descending (got "${shown(order)}")`, command);
  }
  return order;
}

/** list's and retrieve's query; its project stays a reference, resolved once connected. */
export function permissionQuery(values: Values, command: CommandName): { query: PermissionQuery; project?: ProjectRef } {
  const order = orderFrom(values.order, command);
  const projects = values['project-id'] ?? [];
  if (projects.length > 1) throw new UsageError(`${command} filters by one --project-id at a time`, command);
  const [project] = projectRefs(projects, command);
  const after = values.after;
  if (after !== undefined) {
    const problem = permissionIdProblem(after);
    if (problem) throw new UsageError(`--after: ${problem}`, command);
  }
  return { query: { after, limit: integer(values.limit, '--limit', 1, 100, command), order }, project };
}

export function maxItemsFrom(raw: string | undefined, command: CommandName): number | undefined {
  if (raw === undefined) return undefined;
  if (raw.trim() === '-1') return -1;
  return integer(raw, '--max-items', 1, Number.MAX_SAFE_INTEGER, command, ' (or -1 for all)');
}

export function integer(
  raw: string | undefined,
  flag: string,
  min: number,
  max: number,
  command?: CommandName,
  extra = '',
): number | undefined {
  if (raw === undefined) return undefined;
  const text = raw.trim();
  const value = /^-?\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `a whole number of at least ${min}` : `a whole number from ${min} to ${max}`;
    throw new UsageError(`${flag} must be ${range}${extra} (got "${shown(raw)}")`, command);
  }
  return value;
}

/** User input echoed in a message: one line, no control characters, no key, not a screenful. */
export function shown(text: string): string {
  const line = scrubKeys(sanitizeLine(text));
  return line.length > 60 ? `${line.slice(0, 57)}…` : line;
}
