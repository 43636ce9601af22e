// The command table's shapes: a definition, a flag's help line, the commands' names and what a run is given. The
// definitions import these and nothing of the table's index, so the index (which imports every definition) is a leaf.
import type { CliProcess } from '../process';
import type { OpsIO } from '../ops-io';
import type { OptionName, Values } from './flags';

/** ckpt-perms' own commands; index.ts's TABLE has one definition for each (checked by `satisfies`). */
export type CommandName =
  'list' | 'retrieve' | 'create' | 'delete' | 'sync' | 'projects-access' | 'export' | 'history' | 'dump' | 'plan' | 'apply' | 'demo-server';

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

/** A command as the parser and the help read it; how it runs is in runners.ts (lazy imports the dispatch alone reaches). */
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
  /** Reads whole lists: takes --max-pages and --no-cache. */
  walks?: boolean;
  body?: string;
  parse(values: Values, rest: string[]): I;
}
