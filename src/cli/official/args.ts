// The official CLI's command line (openai-cli 1.8.0, urfave/cli v3): `fine-tuning:checkpoints:permissions
// list|retrieve|create|delete`, its flags and positional arguments, and its usage errors (exit 1).

export const GROUP = 'fine-tuning:checkpoints:permissions';
export const SUBCOMMANDS = ['list', 'retrieve', 'create', 'delete'] as const;
export type Subcommand = (typeof SUBCOMMANDS)[number];
export const FORMATS = ['auto', 'explore', 'json', 'jsonl', 'pretty', 'raw', 'yaml'] as const;
export type Format = (typeof FORMATS)[number];

/** A usage error as urfave words it; `help` names the command whose --help to point to. */
export class OfficialUsageError extends Error {
  override name = 'OfficialUsageError';
  constructor(
    message: string,
    readonly help?: Subcommand | 'group',
  ) {
    super(message);
  }
}

type Kind = 'string' | 'int' | 'bool' | 'strings';
interface FlagSpec {
  kind: Kind;
  short?: string;
}

/** The root's flags: accepted before or after the group and command (the official wants some before: a harmless superset). */
export const GLOBAL_FLAGS: Record<string, FlagSpec> = {
  format: { kind: 'string' },
  'format-error': { kind: 'string' },
  transform: { kind: 'string' },
  'transform-error': { kind: 'string' },
  'raw-output': { kind: 'bool', short: 'r' },
  'api-key': { kind: 'string' },
  'admin-api-key': { kind: 'string' },
  organization: { kind: 'string' },
  project: { kind: 'string' },
  'base-url': { kind: 'string' },
  debug: { kind: 'bool' },
  'mtls-client-cert-file': { kind: 'string' },
  'mtls-client-key-file': { kind: 'string' },
  help: { kind: 'bool', short: 'h' },
  version: { kind: 'bool', short: 'v' },
  // ckpt-perms' own, kept for the drop-in too.
  timeout: { kind: 'int' },
  'max-retries': { kind: 'int' },
  demo: { kind: 'bool' },
};

const CHECKPOINT: Record<string, FlagSpec> = { 'fine-tuned-model-checkpoint': { kind: 'string' } };
const LIST_FLAGS: Record<string, FlagSpec> = {
  ...CHECKPOINT,
  after: { kind: 'string' },
  limit: { kind: 'int' },
  order: { kind: 'string' },
  'project-id': { kind: 'string' },
  'max-items': { kind: 'int' },
  // ckpt-perms' own: the most pages list reads.
  'max-pages': { kind: 'int' },
};
export const COMMAND_FLAGS: Record<Subcommand, Record<string, FlagSpec>> = {
  list: LIST_FLAGS,
  retrieve: LIST_FLAGS,
  create: { ...CHECKPOINT, 'project-id': { kind: 'strings' }, 'max-items': { kind: 'int' } },
  delete: { ...CHECKPOINT, 'permission-id': { kind: 'string' } },
};
/** Positional arguments, in order, and the flag each stands for. */
export const POSITIONALS: Record<Subcommand, string[]> = {
  list: ['fine-tuned-model-checkpoint'],
  retrieve: ['fine-tuned-model-checkpoint'],
  create: ['fine-tuned-model-checkpoint'],
  delete: ['fine-tuned-model-checkpoint', 'permission-id'],
};

export interface OfficialArgs {
  /** Undefined when only the group was given (its help is shown). */
  command?: Subcommand;
  help: boolean;
  version: boolean;
  /** Global flags as given (strings; booleans as 'true'). */
  global: Map<string, string>;
  /** The command's request values as given (`@file` not yet read), positionals merged in. */
  values: Map<string, string>;
  /** `--project-id` of create, one value per flag. */
  projectIds: string[];
}

const NUMBER = /^[+-]?\d+$/;

export function parseOfficial(argv: readonly string[]): OfficialArgs {
  const global = new Map<string, string>();
  const values = new Map<string, string>();
  const projectIds: string[] = [];
  const positionals: string[] = [];
  let sawGroup = false;
  let command: Subcommand | undefined;
  let onlyPositionals = false;

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (onlyPositionals || arg === '-' || !arg.startsWith('-') || arg === '') {
      if (!sawGroup && arg === GROUP) sawGroup = true;
      else if (sawGroup && command === undefined && !onlyPositionals) {
        if (!(SUBCOMMANDS as readonly string[]).includes(arg)) {
          throw new OfficialUsageError(`No help topic for '${arg}' (commands: ${SUBCOMMANDS.join(', ')})`, 'group');
        }
        command = arg as Subcommand;
      } else positionals.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPositionals = true;
      continue;
    }
    // --name, --name=value, -name, -r: Go's flag syntax, one or two dashes alike.
    const body = arg.replace(/^--?/, '');
    const eq = body.indexOf('=');
    const given = eq < 0 ? body : body.slice(0, eq);
    const inline = eq < 0 ? undefined : body.slice(eq + 1);
    const local = command ? COMMAND_FLAGS[command] : {};
    const name =
      given in GLOBAL_FLAGS || given in local
        ? given
        : Object.keys(GLOBAL_FLAGS).find((flag) => GLOBAL_FLAGS[flag]!.short === given && given.length === 1);
    const spec = name === undefined ? undefined : (local[name] ?? GLOBAL_FLAGS[name]);
    if (name === undefined || spec === undefined) {
      throw new OfficialUsageError(`flag provided but not defined: -${given}`, command ?? 'group');
    }
    let value: string;
    if (spec.kind === 'bool') {
      value = inline ?? 'true';
      if (!/^(true|false|1|0|t|f|TRUE|FALSE|True|False)$/.test(value)) {
        throw new OfficialUsageError(`invalid boolean value "${value}" for flag -${name}: parse error`, command ?? 'group');
      }
      value = /^(true|1|t|TRUE|True)$/.test(value) ? 'true' : 'false';
    } else {
      if (inline !== undefined) value = inline;
      else if (i + 1 < argv.length) value = argv[++i]!;
      else throw new OfficialUsageError(`flag needs an argument: -${name}`, command ?? 'group');
      if (spec.kind === 'int' && !NUMBER.test(value.trim())) {
        throw new OfficialUsageError(`invalid value "${value}" for flag -${name}: parse error`, command ?? 'group');
      }
    }
    if (name in GLOBAL_FLAGS && !(name in local)) global.set(name, value);
    else if (spec.kind === 'strings') projectIds.push(value);
    else values.set(name, value);
  }

  if (!sawGroup) throw new OfficialUsageError(`expected the command ${GROUP}`);
  const help = global.get('help') === 'true';
  const version = global.get('version') === 'true';
  if (command === undefined || help || version) return { command, help, version, global, values, projectIds };

  const slots = POSITIONALS[command];
  if (positionals.length > slots.length) {
    throw new OfficialUsageError(`Unexpected extra arguments: [${positionals.slice(slots.length).join(' ')}]`, command);
  }
  positionals.forEach((value, index) => {
    const flag = slots[index]!;
    const fromFlag = values.get(flag);
    if (fromFlag !== undefined && fromFlag !== value) {
      throw new OfficialUsageError(`the ${flag} is given twice, as an argument and as --${flag}, with different values`, command);
    }
    values.set(flag, value);
  });
  return { command, help, version, global, values, projectIds };
}

/** `--format` and `--format-error`: case-insensitive, one of FORMATS. */
export function formatFrom(raw: string | undefined, flag: string): Format {
  const value = (raw ?? 'auto').toLowerCase();
  if (!(FORMATS as readonly string[]).includes(value)) {
    throw new OfficialUsageError(`invalid value "${raw}" for flag -${flag}: must be one of ${FORMATS.join(', ')}`);
  }
  return value as Format;
}
