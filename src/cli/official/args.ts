// The official CLI's command line (openai-cli 1.8.0 with urfave/cli v3.3.2, the version its go.mod pins):
// `fine-tuning:checkpoints:permissions list|retrieve|create|delete`, its flags, and its usage errors as urfave writes
// them. The flag tables below are also what --help and completion are made from.
import { parseGoInt } from './go';

export const GROUP = 'fine-tuning:checkpoints:permissions';
/** The official's root command name: its help and errors say `openai …` whatever the program is called. */
export const ROOT = 'openai';
export const SUBCOMMANDS = ['list', 'retrieve', 'create', 'delete'] as const;
export type Subcommand = (typeof SUBCOMMANDS)[number];
export const FORMATS = ['auto', 'explore', 'json', 'jsonl', 'pretty', 'raw', 'yaml'] as const;
export type Format = (typeof FORMATS)[number];

/**
 * A usage error. `incorrect`: urfave's flag-parsing errors (`Incorrect Usage: …`, a blank line, maybe `Did you mean`);
 * else the message alone, as the official's main prints an error. `exitCode` 3 for an unknown command.
 */
export class OfficialUsageError extends Error {
  override name = 'OfficialUsageError';
  constructor(
    message: string,
    readonly incorrect = false,
    readonly suggestion?: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

type Kind = 'string' | 'int' | 'bool' | 'strings';
export interface FlagSpec {
  kind: Kind;
  short?: string;
  usage?: string;
  env?: string;
  /** Where a request flag goes: a path parameter (never @file-expanded), a query parameter, the body. */
  path?: string;
  query?: string;
  body?: string;
  required?: boolean;
  /** ckpt-perms' own (not the official's): listed apart in --help. */
  own?: boolean;
  /** The official's default shown by urfave in help (its cli.StringFlag/BoolFlag ones). */
  shownDefault?: string;
  validate?: (value: string) => string | undefined;
}

const formatCheck = (value: string) =>
  (FORMATS as readonly string[]).includes(value.toLowerCase()) ? undefined : `format must be one of: ${FORMATS.join(', ')}`;
const baseUrlCheck = (value: string) =>
  value !== '' && !value.startsWith('http://') && !value.startsWith('https://')
    ? `--base-url ${JSON.stringify(value)} is missing a scheme (expected http:// or https://)`
    : undefined;

/** The root's flags, in the official's order: found anywhere on the line (urfave looks a flag up through the ancestors). */
export const GLOBAL_FLAGS: Record<string, FlagSpec> = {
  debug: { kind: 'bool', usage: 'Enable debug logging', shownDefault: 'false' },
  'base-url': { kind: 'string', usage: 'Override the base URL for API requests', shownDefault: 'url', validate: baseUrlCheck },
  format: {
    kind: 'string',
    usage: `The format for displaying response data (one of: ${FORMATS.join(', ')})`,
    shownDefault: '"auto"',
    validate: formatCheck,
  },
  'format-error': {
    kind: 'string',
    usage: `The format for displaying error data (one of: ${FORMATS.join(', ')})`,
    shownDefault: '"auto"',
    validate: formatCheck,
  },
  transform: { kind: 'string', usage: 'The GJSON transformation for data output.' },
  'transform-error': { kind: 'string', usage: 'The GJSON transformation for errors.' },
  'raw-output': {
    kind: 'bool',
    short: 'r',
    usage:
      'If the result is a string, print it without JSON quotes. This can be useful for making output transforms talk to non-JSON-based systems.',
    shownDefault: 'false',
  },
  'api-key': { kind: 'string', env: 'OPENAI_API_KEY' },
  'admin-api-key': { kind: 'string', env: 'OPENAI_ADMIN_KEY' },
  organization: { kind: 'string', env: 'OPENAI_ORG_ID' },
  project: { kind: 'string', env: 'OPENAI_PROJECT_ID' },
  'webhook-secret': { kind: 'string', env: 'OPENAI_WEBHOOK_SECRET' },
  'mtls-client-cert-file': {
    kind: 'string',
    env: 'OPENAI_MTLS_CLIENT_CERT_FILE',
    usage: 'Path to a PEM client certificate chain for mutual TLS (leaf first, followed by intermediates)',
  },
  'mtls-client-key-file': {
    kind: 'string',
    env: 'OPENAI_MTLS_CLIENT_KEY_FILE',
    usage: 'Path to the PEM private key for the mutual TLS client certificate',
  },
  help: { kind: 'bool', short: 'h', usage: 'show help' },
  version: { kind: 'bool', short: 'v', usage: 'print the version' },
  // ckpt-perms' own, kept for the drop-in too.
  timeout: { kind: 'int', own: true, usage: 'milliseconds per request (default: 30000)' },
  'max-retries': { kind: 'int', own: true, usage: 'retries of a failed request (default: 2)' },
  'allow-insecure-http': {
    kind: 'bool',
    own: true,
    usage: 'send the key over plain http:// to a host that is not this machine (an internal gateway); warns on stderr',
  },
  demo: { kind: 'bool', own: true, usage: 'the embedded demo API' },
};

const CHECKPOINT: Record<string, FlagSpec> = {
  'fine-tuned-model-checkpoint': { kind: 'string', path: 'fine_tuned_model_checkpoint', required: true },
};
const MAX_ITEMS: FlagSpec = { kind: 'int', usage: 'The maximum number of items to return (use -1 for unlimited).' };
const RETRIEVE_FLAGS: Record<string, FlagSpec> = {
  ...CHECKPOINT,
  after: { kind: 'string', query: 'after', usage: 'Identifier for the last permission ID from the previous pagination request.' },
  limit: { kind: 'int', query: 'limit', usage: 'Number of permissions to retrieve.' },
  order: { kind: 'string', query: 'order', usage: 'The order in which to retrieve permissions.' },
  'project-id': { kind: 'string', query: 'project_id', usage: 'The ID of the project to get permissions for.' },
};
export const COMMAND_FLAGS: Record<Subcommand, Record<string, FlagSpec>> = {
  list: {
    ...RETRIEVE_FLAGS,
    'max-items': MAX_ITEMS,
    'max-pages': { kind: 'int', own: true, usage: 'fail rather than read more than N pages (default 2000)' },
  },
  retrieve: RETRIEVE_FLAGS,
  create: {
    ...CHECKPOINT,
    'project-id': { kind: 'strings', body: 'project_ids', required: true, usage: 'The project identifiers to grant access to.' },
    'max-items': MAX_ITEMS,
  },
  delete: { ...CHECKPOINT, 'permission-id': { kind: 'string', path: 'permission_id', required: true } },
};
/** Positional arguments fill, in order, the path parameters not given as flags. */
export const POSITIONALS: Record<Subcommand, string[]> = {
  list: ['fine-tuned-model-checkpoint'],
  retrieve: ['fine-tuned-model-checkpoint'],
  create: ['fine-tuned-model-checkpoint'],
  delete: ['fine-tuned-model-checkpoint', 'permission-id'],
};
/** The API's line each command's help starts with. */
export const USAGE: Record<Subcommand, string> = {
  list: '**NOTE:** This endpoint requires an [admin API key](../admin-api-keys).',
  retrieve: '**NOTE:** This endpoint requires an [admin API key](../admin-api-keys).',
  create: '**NOTE:** Calling this endpoint requires an [admin API key](../admin-api-keys).',
  delete: '**NOTE:** This endpoint requires an [admin API key](../admin-api-keys).',
};

export interface OfficialArgs {
  /** Undefined when only the group was given (its help is shown). */
  command?: Subcommand;
  help: boolean;
  version: boolean;
  /** Global flags as given (booleans as 'true'/'false', integers in decimal). */
  global: Map<string, string>;
  /** The command's flags as given (`@file` not yet read), positionals merged in; integers in decimal. */
  values: Map<string, string>;
  /** `--project-id` of create, one value per flag. */
  projectIds: string[];
}

const BOOL_TRUE = ['1', 't', 'T', 'TRUE', 'true', 'True'];
const BOOL_FALSE = ['0', 'f', 'F', 'FALSE', 'false', 'False'];

/** A flag's value as urfave sets it: the error text is urfave's `invalid value … for flag -name: …`. */
export function setValue(spec: FlagSpec, name: string, value: string): string {
  const invalid = (why: string) => new OfficialUsageError(`invalid value ${JSON.stringify(value)} for flag -${name}: ${why}`, true);
  if (spec.kind === 'bool') {
    if (BOOL_TRUE.includes(value)) return 'true';
    if (BOOL_FALSE.includes(value)) return 'false';
    throw invalid('parse error');
  }
  if (spec.kind === 'int') {
    const parsed = parseGoInt(value);
    if (typeof parsed === 'string') throw invalid(parsed);
    return parsed.toString();
  }
  const problem = spec.validate?.(value);
  if (problem) throw invalid(problem);
  return value;
}

/** Did you mean: urfave's closest flag name by Jaro-Winkler, `help` and `h` among them. */
function suggestFlag(names: string[], provided: string): string | undefined {
  const suggestion = suggestCommand(names, provided);
  if (suggestion === '') return undefined;
  return suggestion.length === 1 ? `-${suggestion}` : `--${suggestion}`;
}

/** urfave's suggestCommand (and its flag suggestion): the closest of the names, `help` and `h`; '' when none is near. */
export function suggestCommand(names: readonly string[], provided: string): string {
  let distance = 0;
  let suggestion = '';
  for (const name of names) {
    for (const candidate of [name, 'help', 'h']) {
      const d = jaroWinkler(candidate, provided);
      if (d > distance) {
        distance = d;
        suggestion = candidate;
      }
    }
  }
  return suggestion;
}

function jaroDistance(a: string, b: string): number {
  if (a.length === 0 && b.length === 0) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  const hashA = new Array<boolean>(a.length).fill(false);
  const hashB = new Array<boolean>(b.length).fill(false);
  const maxDistance = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    const start = Math.max(0, i - maxDistance);
    const end = Math.min(b.length - 1, i + maxDistance);
    for (let j = start; j <= end; j++) {
      if (hashB[j]) continue;
      if (a[i] === b[j]) {
        hashA[i] = true;
        hashB[j] = true;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let j = 0;
  for (let i = 0; i < a.length; i++) {
    if (!hashA[i]) continue;
    while (!hashB[j]) j++;
    if (a[i] !== b[j]) transpositions++;
    j++;
  }
  transpositions /= 2;
  return (matches / a.length + matches / b.length + (matches - transpositions) / matches) / 3;
}

function jaroWinkler(a: string, b: string): number {
  const jaro = jaroDistance(a, b);
  if (jaro <= 0.7) return jaro;
  const prefix = Math.min(a.length, 4, b.length);
  let prefixMatch = 0;
  for (let i = 0; i < prefix && a[i] === b[i]; i++) prefixMatch++;
  return jaro + 0.1 * prefixMatch * (1 - jaro);
}

type Level = { flags: Record<string, FlagSpec>; subcommands: readonly string[] };

function lookup(levels: Level[], name: string): [string, FlagSpec] | undefined {
  for (const level of [...levels].reverse()) {
    for (const [flag, spec] of Object.entries(level.flags)) {
      if (flag === name || spec.short === name) return [flag, spec];
    }
  }
  return undefined;
}

/**
 * One command's turn of urfave's parseFlags: flags (its own and its ancestors') until a positional that names one of
 * its subcommands, which gets the rest. Returns the positionals; sets what it reads through `set`.
 */
function parseLevel(args: string[], levels: Level[], set: (flag: string, spec: FlagSpec, value: string) => void): string[] {
  const level = levels[levels.length - 1]!;
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const first = args[i]!.trim();
    if (first.length === 0) break;
    if (first === '--') return [...positionals, ...args.slice(i + 1)];
    if (first[0] !== '-') {
      if (level.subcommands.includes(first)) return [...positionals, ...args.slice(i)];
      positionals.push(first);
      continue;
    }
    if (first.length === 1) {
      positionals.push(first);
      break;
    }
    // `-5` and the like are not flags: they and the rest are positionals.
    if (first[1] !== '-' && !/\p{L}/u.test(first[1]!)) return [...positionals, ...args.slice(i)];
    let name = first.slice(first[1] === '-' ? 2 : 1);
    let value = '';
    const eq = name.indexOf('=');
    if (eq >= 0) {
      value = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    const found = lookup(levels, name);
    if (!found) {
      const own = Object.entries(level.flags).flatMap(([flag, spec]) => (spec.short ? [flag, spec.short] : [flag]));
      throw new OfficialUsageError(`flag provided but not defined: -${name}`, true, suggestFlag(own, name));
    }
    const [flag, spec] = found;
    if (spec.kind === 'bool') {
      set(flag, spec, setValue(spec, name, value === '' ? 'true' : value));
      continue;
    }
    if (value === '') {
      if (i + 1 >= args.length) throw new OfficialUsageError(`flag needs an argument: ${first}`, true);
      value = args[++i]!;
    }
    set(flag, spec, setValue(spec, name, value));
  }
  return positionals;
}

const HELP_FLAG: Record<string, FlagSpec> = { help: GLOBAL_FLAGS.help! };

export function parseOfficial(argv: readonly string[]): OfficialArgs {
  const global = new Map<string, string>();
  const values = new Map<string, string>();
  const projectIds: string[] = [];
  const root: Level = { flags: GLOBAL_FLAGS, subcommands: [GROUP] };
  const group: Level = { flags: HELP_FLAG, subcommands: SUBCOMMANDS };
  let command: Subcommand | undefined;
  const set = (flag: string, spec: FlagSpec, value: string) => {
    if (command && flag in COMMAND_FLAGS[command]) {
      if (spec.kind === 'strings') projectIds.push(value);
      else values.set(flag, value);
    } else global.set(flag, value);
  };

  const rest = parseLevel([...argv], [root], set);
  if (rest[0] !== GROUP) throw new OfficialUsageError(`No help topic for '${rest[0] ?? ''}'`, false, undefined, 3);
  const version = global.get('version') === 'true';
  const groupRest = parseLevel(rest.slice(1), [root, group], set);
  const help = () => global.get('help') === 'true';
  if (help() || version || groupRest.length === 0) return { command, help: help(), version, global, values, projectIds };
  if (!(SUBCOMMANDS as readonly string[]).includes(groupRest[0]!)) {
    // urfave's help action on the group: `No help topic for 'lst'. list`, exit 3.
    const name = groupRest[0]!;
    const suggestion = suggestCommand(SUBCOMMANDS, name);
    throw new OfficialUsageError(`No help topic for '${name}'${suggestion ? `. ${suggestion}` : ''}`, false, undefined, 3);
  }
  command = groupRest[0] as Subcommand;
  const leaf: Level = { flags: { ...COMMAND_FLAGS[command], ...HELP_FLAG }, subcommands: [] };
  const positionals = parseLevel(groupRest.slice(1), [root, group, leaf], set);
  if (help()) return { command, help: true, version, global, values, projectIds };

  // The positionals fill the path parameters not given as flags, in order; any left over is an error.
  const unused = [...positionals];
  for (const flag of POSITIONALS[command]) {
    if (!values.has(flag) && unused.length > 0) values.set(flag, unused.shift()!);
  }
  if (unused.length > 0) throw new OfficialUsageError(`Unexpected extra arguments: [${unused.join(' ')}]`);
  return { command, help: false, version, global, values, projectIds };
}

/** `--format` and `--format-error`, already checked by the flag's validator: case-insensitive. */
export function formatFrom(raw: string | undefined): Format {
  return (raw ?? 'auto').toLowerCase() as Format;
}
