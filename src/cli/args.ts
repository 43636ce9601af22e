// The command line, parsed with node:util parseArgs and checked before anything is sent.
import { parseArgs } from 'node:util';
import type { ConnectionFlags } from '../api/config';
import { checkpointIdProblem, permissionIdProblem, projectIdProblem } from '../api/ids';
import { scrubKeys } from '../api/keys';
import { hasControlCharacters, sanitizeLine } from '../api/sanitize';
import type { PermissionQuery } from '../api/client';
import type { Order } from '../api/types';

/** The command line was wrong: exit 2, nothing sent. */
export class UsageError extends Error {
  override name = 'UsageError';
  constructor(
    message: string,
    readonly command?: CommandName,
  ) {
    super(message);
  }
}

export const COMMANDS = [
  'list',
  'retrieve',
  'create',
  'delete',
  'sync',
  'projects-access',
  'export',
  'history',
  'dump',
  'plan',
  'apply',
  'demo-server',
] as const;
export type CommandName = (typeof COMMANDS)[number];
export type OutputFormat = 'json' | 'jsonl';
/** `sync` prints its plan as text unless asked for JSON. */
export type SyncFormat = 'text' | 'json';
export type ExportFormat = 'csv' | 'json';
/** `history` prints text on a terminal and JSON otherwise, unless asked. */
export type HistoryFormat = 'text' | 'json' | 'jsonl';

const OPTIONS = {
  'fine-tuned-model-checkpoint': { type: 'string' },
  after: { type: 'string' },
  limit: { type: 'string' },
  order: { type: 'string' },
  'project-id': { type: 'string', multiple: true },
  'max-items': { type: 'string' },
  'max-pages': { type: 'string' },
  'permission-id': { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  prune: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  yes: { type: 'boolean' },
  checkpoint: { type: 'string', multiple: true },
  output: { type: 'string' },
  since: { type: 'string' },
  file: { type: 'string', short: 'f' },
  'exit-code': { type: 'boolean' },
  port: { type: 'string' },
  permissions: { type: 'string' },
  projects: { type: 'string' },
  latency: { type: 'string' },
  faults: { type: 'string' },
  'page-size': { type: 'string' },
  'no-cache': { type: 'boolean' },
  'admin-api-key': { type: 'string' },
  'api-key': { type: 'string' },
  'base-url': { type: 'string' },
  organization: { type: 'string' },
  project: { type: 'string' },
  'mtls-client-cert-file': { type: 'string' },
  'mtls-client-key-file': { type: 'string' },
  'allow-insecure-http': { type: 'boolean' },
  debug: { type: 'boolean' },
  timeout: { type: 'string' },
  'max-retries': { type: 'string' },
  format: { type: 'string' },
  demo: { type: 'boolean' },
  'no-audit-log': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

type OptionName = keyof typeof OPTIONS;

/** Where to connect and as whom: what --demo replaces with its own. */
const CONNECTION = [
  'admin-api-key',
  'api-key',
  'base-url',
  'organization',
  'project',
  'mtls-client-cert-file',
  'mtls-client-key-file',
  'allow-insecure-http',
] as const satisfies readonly OptionName[];

const GLOBAL: OptionName[] = [...CONNECTION, 'debug', 'timeout', 'max-retries', 'format', 'demo', 'no-audit-log', 'help', 'version'];
/** The commands that walk through pages take --max-pages, their ceiling. */
const WALKS: OptionName[] = [...GLOBAL, 'max-pages'];
export const ALLOWED: Record<CommandName, OptionName[]> = {
  list: [...WALKS, 'fine-tuned-model-checkpoint', 'after', 'limit', 'order', 'project-id', 'max-items'],
  retrieve: [...GLOBAL, 'fine-tuned-model-checkpoint', 'after', 'limit', 'order', 'project-id'],
  create: [...GLOBAL, 'fine-tuned-model-checkpoint', 'project-id'],
  delete: [...GLOBAL, 'fine-tuned-model-checkpoint', 'permission-id'],
  sync: [...WALKS, 'from', 'to', 'prune', 'dry-run', 'yes'],
  'projects-access': [...WALKS, 'project-id', 'checkpoint'],
  export: [...WALKS, 'fine-tuned-model-checkpoint', 'output'],
  history: [...WALKS, 'fine-tuned-model-checkpoint', 'project-id', 'since', 'max-items'],
  dump: [...WALKS, 'checkpoint', 'output'],
  plan: [...WALKS, 'file', 'exit-code'],
  apply: [...WALKS, 'file', 'yes'],
  'demo-server': ['port', 'permissions', 'projects', 'latency', 'faults', 'no-audit-log', 'help', 'version'],
};

/** Flags with a numeric value: `--max-items -1` is read as the value -1, not as an option. */
const NUMERIC: OptionName[] = [
  'limit',
  'max-items',
  'max-pages',
  'timeout',
  'max-retries',
  'port',
  'permissions',
  'projects',
  'latency',
  'page-size',
];

/** The interactive UI's launch: `ckpt-perms [CHECKPOINT]` with the connection flags and these. */
// (--debug writes on stderr: not under the UI's screen.)
export const UI_OPTIONS: OptionName[] = [
  ...GLOBAL.filter((name) => name !== 'format' && name !== 'debug'),
  'max-pages',
  'page-size',
  'order',
  'no-cache',
];

export interface CommonOptions {
  /** With --demo: false for --no-audit-log (the demo organization then has no audit logging). */
  demoAuditLog: boolean;
  /** The global --format; sync and export read their own (`SyncFormat`, `ExportFormat`) and leave this 'json'. */
  format: OutputFormat;
  demo: boolean;
  /** --debug: each request and response with its headers on stderr (src/cli/debug.ts). */
  debug?: boolean;
  connection: ConnectionFlags;
}

export type Invocation =
  | { kind: 'help'; command?: CommandName }
  | { kind: 'version' }
  | { kind: 'ui'; checkpoint?: string; pageSize?: number; order?: Order; noCache?: boolean; common: CommonOptions }
  | { kind: 'list'; checkpoint?: string; query: PermissionQuery; maxItems?: number; common: CommonOptions }
  | { kind: 'retrieve'; checkpoint?: string; query: PermissionQuery; common: CommonOptions }
  | { kind: 'create'; checkpoint?: string; projectIds: string[]; common: CommonOptions }
  | { kind: 'delete'; checkpoint?: string; permissionId: string; common: CommonOptions }
  | { kind: 'sync'; from: string; to: string; prune: boolean; dryRun: boolean; yes: boolean; format: SyncFormat; common: CommonOptions }
  | { kind: 'projects-access'; projectId: string; checkpoints: string[]; common: CommonOptions }
  | { kind: 'export'; checkpoint?: string; format: ExportFormat; output?: string; common: CommonOptions }
  | { kind: 'dump'; checkpoints: string[]; output?: string; common: CommonOptions }
  | { kind: 'plan'; file: string; exitCode: boolean; format: SyncFormat; common: CommonOptions }
  | { kind: 'apply'; file: string; yes: boolean; format: SyncFormat; common: CommonOptions }
  | {
      kind: 'history';
      checkpoint?: string;
      projectId?: string;
      /** Unix seconds. */
      since?: number;
      maxItems?: number;
      /** Undefined: text on a terminal, else JSON. */
      format?: HistoryFormat;
      common: CommonOptions;
    }
  | {
      kind: 'demo-server';
      port: number;
      permissions?: number;
      projects?: number;
      latencyMs: number;
      faults?: string;
      /** --no-audit-log: answer as an organization without audit logging. */
      auditLog: boolean;
    };

type Values = ReturnType<typeof parseAll>['values'];

function parseAll(args: string[]) {
  return parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true, tokens: true });
}

export function parseCommandLine(argv: string[]): Invocation {
  const args = joinNegativeNumbers(argv);
  let parsed: ReturnType<typeof parseAll>;
  try {
    parsed = parseAll(args);
  } catch (error) {
    throw new UsageError(parseArgsMessage(error), commandIn(argv));
  }
  const { values, positionals, tokens } = parsed;
  rejectConflictingRepeats(tokens, commandIn(argv));
  const first = positionals[0];
  const command = COMMANDS.find((name) => name === first);
  const rest = command ? positionals.slice(1) : positionals;

  if (values.version) return { kind: 'version' };
  if (values.help) return { kind: 'help', command };

  if (!command) {
    // A bare checkpoint (or nothing) is the interactive UI's launch.
    if (first !== undefined && (rest.length > 1 || (!first.startsWith('ft:') && !first.includes(':')))) {
      throw new UsageError(`unknown command "${shown(first)}" (commands: ${COMMANDS.join(', ')})`);
    }
    for (const name of Object.keys(values) as OptionName[]) {
      if (!UI_OPTIONS.includes(name)) throw new UsageError(`--${name} is not an option of the interactive UI`);
    }
    if (first !== undefined) {
      const problem = checkpointIdProblem(first);
      if (problem) throw new UsageError(problem);
    }
    const order = values.order;
    if (order !== undefined && order !== 'ascending' && order !== 'descending') {
      throw new UsageError(`--order must be ascending or descending (got "${shown(order)}")`);
    }
    return {
      kind: 'ui',
      checkpoint: first,
      pageSize: integer(values['page-size'], '--page-size', 1, 100),
      order: order as Order | undefined,
      noCache: values['no-cache'] === true,
      common: commonOptions(values),
    };
  }

  for (const name of Object.keys(values) as OptionName[]) {
    if (!ALLOWED[command].includes(name)) {
      throw new UsageError(`--${name} is not an option of ${command}`, command);
    }
  }

  if (command === 'demo-server') {
    if (rest.length > 0) throw new UsageError(`unexpected argument "${shown(rest[0]!)}"`, command);
    return {
      kind: 'demo-server',
      port: integer(values.port, '--port', 0, 65_535, command) ?? 0,
      permissions: integer(values.permissions, '--permissions', 0, 100_000, command),
      projects: integer(values.projects, '--projects', 30, 100_000, command),
      auditLog: !values['no-audit-log'],
      latencyMs: integer(values.latency, '--latency', 0, 600_000, command) ?? 0,
      faults: values.faults,
    };
  }

  if (command === 'sync') return syncInvocation(values, rest);
  if (command === 'projects-access') return projectsAccessInvocation(values, rest);
  if (command === 'dump') return dumpInvocation(values, rest);
  if (command === 'plan' || command === 'apply') return accessFileInvocation(command, values, rest);

  const checkpoint = checkpointFrom(values, rest, command);
  if (command === 'export') return exportInvocation(values, checkpoint);
  if (command === 'history') return historyInvocation(values, checkpoint);
  const common = commonOptions(values, command);
  switch (command) {
    case 'list':
    case 'retrieve': {
      const query = permissionQuery(values, command);
      if (command === 'retrieve') return { kind: 'retrieve', checkpoint, query, common };
      const maxItems = maxItemsFrom(values['max-items'], command);
      return { kind: 'list', checkpoint, query, maxItems, common };
    }
    case 'create':
      return { kind: 'create', checkpoint, projectIds: projectIdsFrom(values['project-id'], command), common };
    case 'delete': {
      const permissionId = values['permission-id'];
      if (permissionId === undefined) throw new UsageError('delete needs --permission-id ID', command);
      const problem = permissionIdProblem(permissionId) ?? notAPermissionId(permissionId);
      if (problem) throw new UsageError(`--permission-id: ${problem}`, command);
      return { kind: 'delete', checkpoint, permissionId, common };
    }
  }
}

/** Permission ids start with cp_ (as project ids with proj_, which create checks): anything else is a mistake seen here. */
function notAPermissionId(id: string): string | undefined {
  if (id.startsWith('cp_')) return undefined;
  if (id.startsWith('proj_'))
    return `"${id}" is a project id, not a permission id (cp_…): ckpt-perms list CHECKPOINT --project-id ${id} shows its permission`;
  return `"${id}" is not a permission id (permission ids look like cp_abc123…)`;
}

function syncInvocation(values: Values, rest: string[]): Invocation {
  const command = 'sync';
  if (rest.length > 0) throw new UsageError(`unexpected argument "${shown(rest[0]!)}": give the checkpoints as --from and --to`, command);
  const from = values.from;
  const to = values.to;
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
    kind: 'sync',
    from,
    to,
    prune: values.prune ?? false,
    dryRun,
    yes,
    format: ownFormat(values.format, ['text', 'json'], 'text', command),
    common: commonOptions(values, command, false),
  };
}

function projectsAccessInvocation(values: Values, rest: string[]): Invocation {
  const command = 'projects-access';
  if (rest.length > 0) throw new UsageError(`unexpected argument "${shown(rest[0]!)}": give checkpoints as --checkpoint ID`, command);
  const projectIds = [...new Set(values['project-id'] ?? [])];
  if (projectIds.length === 0) throw new UsageError('projects-access needs --project-id proj_…', command);
  if (projectIds.length > 1) throw new UsageError('projects-access looks up one --project-id at a time', command);
  const projectId = projectIds[0]!;
  const problem = projectIdProblem(projectId);
  if (problem) throw new UsageError(`--project-id: ${problem}`, command);
  const checkpoints: string[] = [];
  for (const id of values.checkpoint ?? []) {
    const idProblem = checkpointIdProblem(id);
    if (idProblem) throw new UsageError(`--checkpoint: ${idProblem}`, command);
    if (!checkpoints.includes(id)) checkpoints.push(id);
  }
  return { kind: 'projects-access', projectId, checkpoints, common: commonOptions(values, command) };
}

/** `dump [CHECKPOINT …] [--checkpoint ID …] [--output FILE]` */
function dumpInvocation(values: Values, rest: string[]): Invocation {
  const command = 'dump';
  const checkpoints: string[] = [];
  for (const id of [...rest, ...(values.checkpoint ?? [])]) {
    const problem = checkpointIdProblem(id);
    if (problem) throw new UsageError(problem, command);
    if (!checkpoints.includes(id)) checkpoints.push(id);
  }
  const output = values.output;
  if (output !== undefined) {
    if (output.trim() === '') throw new UsageError('--output needs a file name (or - for standard output)', command);
    if (hasControlCharacters(output)) throw new UsageError('--output: the file name contains control characters', command);
  }
  return { kind: 'dump', checkpoints, output, common: commonOptions(values, command, false) };
}

/** `plan -f FILE [--exit-code]`, `apply -f FILE [--yes]`: the file is read (and checked) by the command. */
function accessFileInvocation(command: 'plan' | 'apply', values: Values, rest: string[]): Invocation {
  if (rest.length > 0) throw new UsageError(`unexpected argument "${shown(rest[0]!)}": give the access file as -f FILE`, command);
  const file = values.file;
  if (file === undefined || file.trim() === '')
    throw new UsageError(`${command} needs -f FILE (an access file: YAML, or JSON by its .json extension)`, command);
  if (hasControlCharacters(file)) throw new UsageError('-f: the file name contains control characters', command);
  const format = ownFormat(values.format, ['text', 'json'], 'text', command);
  const common = commonOptions(values, command, false);
  if (command === 'plan') return { kind: 'plan', file, exitCode: values['exit-code'] ?? false, format, common };
  return { kind: 'apply', file, yes: values.yes ?? false, format, common };
}

function exportInvocation(values: Values, checkpoint: string | undefined): Invocation {
  const command = 'export';
  const output = values.output;
  if (output !== undefined) {
    if (output.trim() === '') throw new UsageError('--output needs a file name (or - for standard output)', command);
    if (hasControlCharacters(output)) throw new UsageError('--output: the file name contains control characters', command);
  }
  // Without --format, a file named *.json gets JSON; everything else CSV.
  const fallback: ExportFormat = output !== undefined && /\.json$/i.test(output) ? 'json' : 'csv';
  return {
    kind: 'export',
    checkpoint,
    format: ownFormat(values.format, ['csv', 'json'], fallback, command),
    output,
    common: commonOptions(values, command, false),
  };
}

function historyInvocation(values: Values, checkpoint: string | undefined): Invocation {
  const command = 'history';
  const projectIds = [...new Set(values['project-id'] ?? [])];
  if (projectIds.length > 1) throw new UsageError('history filters by one --project-id at a time', command);
  const projectId = projectIds[0];
  if (projectId !== undefined) {
    const problem = projectIdProblem(projectId);
    if (problem) throw new UsageError(`--project-id: ${problem}`, command);
  }
  const format = values.format === undefined ? undefined : ownFormat(values.format, ['text', 'json', 'jsonl'], 'text', command);
  return {
    kind: 'history',
    checkpoint,
    projectId,
    since: values.since === undefined ? undefined : sinceFrom(values.since, command),
    maxItems: maxItemsFrom(values['max-items'], command),
    format,
    common: commonOptions(values, command, false),
  };
}

/** `2025-12-01` (local midnight), an ISO date and time (`2025-12-01T09:30`, `…Z`, `…+02:00`), or Unix seconds. */
export function sinceFrom(raw: string, command: CommandName): number {
  const text = raw.trim();
  let ms = NaN;
  if (/^\d{9,11}$/.test(text)) ms = Number(text) * 1000;
  else if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const [year, month, day] = text.split('-').map(Number) as [number, number, number];
    const date = new Date(year, month - 1, day);
    if (date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day) ms = date.getTime();
  } else if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i.test(text)) {
    ms = Date.parse(text.replace(' ', 'T'));
  }
  if (!Number.isFinite(ms)) {
    throw new UsageError(
      `--since must be a date (2025-12-01), a date and time (2025-12-01T09:30, local unless it ends in Z or an offset) or Unix seconds (got "${shown(raw)}")`,
      command,
    );
  }
  return Math.floor(ms / 1000);
}

/** A command whose --format is not the global json|jsonl. */
function ownFormat<T extends string>(raw: string | undefined, allowed: readonly T[], fallback: T, command: CommandName): T {
  if (raw === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new UsageError(`--format of ${command} must be ${allowed.join(' or ')} (got "${shown(raw)}")`, command);
  }
  return raw as T;
}

/** `--permission-id a --permission-id b` is a mistake to point out, not a choice to make silently. */
function rejectConflictingRepeats(tokens: ReturnType<typeof parseAll>['tokens'], command: CommandName | undefined): void {
  const firstValue = new Map<string, string | undefined>();
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const option = OPTIONS[token.name as OptionName] as { multiple?: boolean } | undefined;
    if (option?.multiple) continue;
    if (firstValue.has(token.name) && firstValue.get(token.name) !== token.value) {
      throw new UsageError(`--${token.name} is given twice with different values: give it once`, command);
    }
    firstValue.set(token.name, token.value);
  }
}

function checkpointFrom(values: Values, rest: string[], command: CommandName): string | undefined {
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

function commonOptions(values: Values, command?: CommandName, globalFormat = true): CommonOptions {
  const format = globalFormat ? (values.format ?? 'json') : 'json';
  if (format !== 'json' && format !== 'jsonl') {
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
    demo,
    demoAuditLog: !values['no-audit-log'],
    debug: values.debug ?? false,
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

function permissionQuery(values: Values, command: CommandName): PermissionQuery {
  const order = values.order;
  if (order !== undefined && order !== 'ascending' && order !== 'descending') {
    throw new UsageError(`--order must be ascending or descending (got "${shown(order)}")`, command);
  }
  const projectIds = values['project-id'] ?? [];
  if (projectIds.length > 1) throw new UsageError(`${command} filters by one --project-id at a time`, command);
  const projectId = projectIds[0];
  if (projectId !== undefined) {
    const problem = projectIdProblem(projectId);
    if (problem) throw new UsageError(`--project-id: ${problem}`, command);
  }
  const after = values.after;
  if (after !== undefined) {
    const problem = permissionIdProblem(after);
    if (problem) throw new UsageError(`--after: ${problem}`, command);
  }
  return {
    after,
    limit: integer(values.limit, '--limit', 1, 100, command),
    order: order as Order | undefined,
    project_id: projectId,
  };
}

function maxItemsFrom(raw: string | undefined, command: CommandName): number | undefined {
  if (raw === undefined) return undefined;
  if (raw.trim() === '-1') return -1;
  const value = integer(raw, '--max-items', 1, Number.MAX_SAFE_INTEGER, command, ' (or -1 for all)');
  return value;
}

function projectIdsFrom(raw: string[] | undefined, command: CommandName): string[] {
  if (!raw || raw.length === 0) throw new UsageError('create needs at least one --project-id proj_…', command);
  const unique: string[] = [];
  for (const id of raw) {
    const problem = projectIdProblem(id);
    if (problem) throw new UsageError(`--project-id: ${problem}`, command);
    if (!unique.includes(id)) unique.push(id);
  }
  return unique;
}

function integer(raw: string | undefined, flag: string, min: number, max: number, command?: CommandName, extra = ''): number | undefined {
  if (raw === undefined) return undefined;
  const text = raw.trim();
  const value = /^-?\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `a whole number of at least ${min}` : `a whole number from ${min} to ${max}`;
    throw new UsageError(`${flag} must be ${range}${extra} (got "${shown(raw)}")`, command);
  }
  return value;
}

function joinNegativeNumbers(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    const flag = arg.startsWith('--') ? (arg.slice(2) as OptionName) : undefined;
    if (flag && NUMERIC.includes(flag) && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}

function parseArgsMessage(error: unknown): string {
  const err = error as { code?: string; message?: string };
  const option = /'(?:-\w, )?(-[^' ]*)/.exec(err.message ?? '')?.[1];
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${shown(option ?? '')}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (option && /ambiguous/i.test(err.message ?? '')) {
        return `${shown(option)} needs a value (for a value that starts with "-", write ${shown(option)}=VALUE)`;
      }
      return option ? `${shown(option)} needs a value` : shown((err.message ?? 'invalid option value').split('\n')[0]!);
    default:
      return shown((err.message ?? String(error)).split('\n')[0]!);
  }
}

function commandIn(argv: string[]): CommandName | undefined {
  return COMMANDS.find((name) => argv.includes(name));
}

/** User input echoed in a message: one line, no control characters, no key, not a screenful. */
function shown(text: string): string {
  const line = scrubKeys(sanitizeLine(text));
  return line.length > 60 ? `${line.slice(0, 57)}…` : line;
}
