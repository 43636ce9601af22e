// The command table: each of ckpt-perms' own commands is one definition (flags, parse, help). The parser and the help
// read it; the dispatch runs a command through runners.ts, which imports its code lazily.
import { GLOBAL, type OptionName } from './flags';
import { CREATE, DELETE, LIST, RETRIEVE } from './api';
import { EXPORT, HISTORY, PROJECTS_ACCESS } from './reads';
import { APPLY, DUMP, PLAN, SYNC } from './changes';
import { DEMO_SERVER } from './demo';
import type { CommandName, Definition } from './types';

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
} satisfies { [K in CommandName]: Definition<{ kind: K }> };

export const COMMANDS = Object.keys(TABLE) as CommandName[];

/** A command's invocation: what its parse returns. */
export type CommandInvocation = { [K in CommandName]: ReturnType<(typeof TABLE)[K]['parse']> }[CommandName];

/** The flags a definition takes: the global ones (and --max-pages and --no-cache for a walk), then its own. */
export function flagsOf(definition: Pick<Definition<unknown>, 'flags' | 'connection' | 'walks'>): OptionName[] {
  const own = Object.keys(definition.flags) as OptionName[];
  const walk: OptionName[] = definition.walks ? ['max-pages', 'no-cache'] : [];
  const base: OptionName[] = definition.connection === 'none' ? [] : [...GLOBAL, ...walk];
  const tail: OptionName[] = definition.connection === 'none' ? ['help', 'version'] : [];
  return [...new Set([...base, ...own, ...tail])];
}

export const ALLOWED = Object.fromEntries(COMMANDS.map((name) => [name, flagsOf(TABLE[name])])) as Record<CommandName, OptionName[]>;
