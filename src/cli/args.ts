// The command line, parsed with node:util parseArgs against the command table and checked before anything is sent.
import { parseArgs } from 'node:util';
import { didYouMean } from './did-you-mean';
import { FLAGS, NUMERIC, type OptionName } from './table/flags';
import { ALLOWED, COMMANDS, TABLE, type CommandInvocation } from './table/index';
import { shown, UsageError } from './table/parse';
import type { CommandName } from './table/types';
import { UI, UI_OPTIONS, type UiInvocation } from './table/ui';

export { ALLOWED, COMMANDS } from './table/index';
export type { CommandName } from './table/types';
export { sinceFrom, UsageError, type CommonOptions, type OutputFormat } from './table/parse';
export { UI_OPTIONS } from './table/ui';
export type { SyncFormat } from './table/changes';
export type { ExportFormat, HistoryFormat } from './table/reads';

export type Invocation = { kind: 'help'; command?: CommandName } | { kind: 'version' } | UiInvocation | CommandInvocation;

function parseAll(args: string[]) {
  return parseArgs({ args, options: FLAGS, allowPositionals: true, strict: true, tokens: true });
}

export function parseCommandLine(argv: string[]): Invocation {
  const args = joinNegativeNumbers(argv);
  let parsed: ReturnType<typeof parseAll>;
  try {
    parsed = parseAll(args);
  } catch (error) {
    const command = commandIn(argv);
    throw new UsageError(parseArgsMessage(error, command ? ALLOWED[command] : UI_OPTIONS), command);
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
      const guess = didYouMean(first, COMMANDS);
      throw new UsageError(`unknown command "${shown(first)}"${guess && `: ${guess}`} (commands: ${COMMANDS.join(', ')})`);
    }
    return UI.parse(values, first);
  }

  for (const name of Object.keys(values) as OptionName[]) {
    if (!ALLOWED[command].includes(name)) {
      const guess = didYouMean(name, ALLOWED[command], (flag) => `--${flag}`);
      throw new UsageError(`--${name} is not an option of ${command}${guess && `: ${guess}`}`, command);
    }
  }
  return TABLE[command].parse(values, rest);
}

/** `--permission-id a --permission-id b` is a mistake to point out, not a choice to make silently. */
function rejectConflictingRepeats(tokens: ReturnType<typeof parseAll>['tokens'], command: CommandName | undefined): void {
  const firstValue = new Map<string, string | undefined>();
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const option = FLAGS[token.name as OptionName] as { multiple?: boolean } | undefined;
    if (option?.multiple) continue;
    if (firstValue.has(token.name) && firstValue.get(token.name) !== token.value) {
      throw new UsageError(`--${token.name} is given twice with different values: give it once`, command);
    }
    firstValue.set(token.name, token.value);
  }
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

/** parseArgs' refusal in our words; an unknown --flag gets the nearest of `known` (the command's flags). */
function parseArgsMessage(error: unknown, known: readonly OptionName[]): string {
  const err = error as { code?: string; message?: string };
  const option = /'(?:-\w, )?(-[^' ]*)/.exec(err.message ?? '')?.[1];
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const guess = option?.startsWith('--') ? didYouMean(option.slice(2), known, (flag) => `--${flag}`) : '';
      return `unknown option ${shown(option ?? '')}${guess && `: ${guess}`}`;
    }
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
