// The command table: each of ckpt-perms' own commands is one definition (flags, parse, run, help). The parser, the
// help and the dispatch read it; run() imports the command's code lazily, so a run reads only the chunks it uses.
import type { CliProcess } from '../process';
import type { OpsIO } from '../ops-io';
import { GLOBAL, type OptionName } from './flags';
import type { Values } from './parse';
import { CREATE, DELETE, LIST, RETRIEVE } from './api';
import { EXPORT, HISTORY, PROJECTS_ACCESS } from './reads';
import { APPLY, DUMP, PLAN, SYNC } from './changes';
import { DEMO_SERVER } from './demo';

/** One flag's line in a command's help: `  --after ID            start after …` (text lines after the first indented). */
export interface FlagHelp {
  label: string;
  text: string;
}

/** What a command is given to run: the process's streams as the commands write them. */
export interface RunContext extends OpsIO {
  proc: CliProcess;
  /** stdout is a terminal. */
  terminal: boolean;
  /** stdout takes colour (a terminal, FORCE_COLOR, NO_COLOR: src/cli/colour.ts). */
  colour: boolean;
  /** stdout's width when it is a terminal. */
  columns?: number;
}

export interface Definition<I> {
  /** The overview's line after the command's name (more lines after \n), then what it does. */
  synopsis: string;
  about?: string;
  /** The command's help: its first line after `ckpt-perms NAME: `, the usage line, then the flags, then `body`. */
  summary: string;
  usage: string;
  /** Its own flags in the order of its help; null: taken, but said in the usage line only. */
  flags: Partial<Record<OptionName, FlagHelp | null>>;
  /** The connection flags under its help: with --format json|jsonl, without (the command has its own), or none. */
  connection: 'global' | 'own-format' | 'none';
  /** Reads whole lists: takes --max-pages. */
  walks?: boolean;
  body?: string;
  parse(values: Values, rest: string[]): I;
  run(invocation: I, context: RunContext): Promise<number>;
}

export const TABLE = {
  list: LIST,
  retrieve: RETRIEVE,
  create: CREATE,
  delete: DELETE,
  sync: SYNC,
  'projects-access': PROJECTS_ACCESS,
  export: EXPORT,
  history: HISTORY,
  dump: DUMP,
  plan: PLAN,
  apply: APPLY,
  'demo-server': DEMO_SERVER,
};

export type CommandName = keyof typeof TABLE;
export const COMMANDS = Object.keys(TABLE) as CommandName[];

/** A command's invocation: what its parse returns. */
export type CommandInvocation = { [K in CommandName]: ReturnType<(typeof TABLE)[K]['parse']> }[CommandName];

export function definitionOf(command: CommandName): Definition<CommandInvocation> {
  return TABLE[command] as Definition<CommandInvocation>;
}

/** The flags a definition takes: the global ones (and --max-pages for a walk), then its own. */
export function flagsOf(definition: Pick<Definition<unknown>, 'flags' | 'connection' | 'walks'>): OptionName[] {
  const own = Object.keys(definition.flags) as OptionName[];
  const base: OptionName[] = definition.connection === 'none' ? [] : [...GLOBAL, ...(definition.walks ? (['max-pages'] as const) : [])];
  const tail: OptionName[] = definition.connection === 'none' ? ['help', 'version'] : [];
  return [...new Set([...base, ...own, ...tail])];
}

export const ALLOWED = Object.fromEntries(COMMANDS.map((name) => [name, flagsOf(TABLE[name])])) as Record<CommandName, OptionName[]>;
