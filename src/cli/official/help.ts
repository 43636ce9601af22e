// --help of the official family, made from the flag tables in args.ts as urfave/cli v3.3.2 prints a command's help
// (its SubcommandHelpTemplate, a tabwriter with two spaces of padding, typed placeholders, no defaults for request
// flags). The official stops after OPTIONS; the GLOBAL OPTIONS after it, ckpt-perms' own flags with them, are ours.
import { COMMAND_FLAGS, GLOBAL_FLAGS, GROUP, ROOT, SUBCOMMANDS, USAGE, type FlagSpec, type Subcommand } from './args';

const PLACEHOLDER: Record<FlagSpec['kind'], string> = { string: 'string', strings: 'string', int: 'int', bool: '' };

/** urfave's stringifyFlag: `--name type, -s type` (a repeatable flag twice), a tab, the usage, the environment variable. */
function flagLine(name: string, spec: FlagSpec): string {
  const type = PLACEHOLDER[spec.kind];
  const names = [name, ...(spec.short ? [spec.short] : [])]
    .map((n) => `${n.length === 1 ? '-' : '--'}${n}${type ? ` ${type}` : ''}`)
    .join(', ');
  const shown = spec.kind === 'strings' ? `${names} [ ${names} ]` : names;
  return `${shown}\t${spec.usage ?? ''}${spec.env ? ` [$${spec.env}]` : ''}`;
}

/** Go's tabwriter (minwidth 1, padding 2): the first cells of a run of lines padded to the widest. */
function tabulate(lines: string[]): string[] {
  const width = Math.max(...lines.map((line) => line.indexOf('\t'))) + 2;
  return lines.map((line) => {
    const tab = line.indexOf('\t');
    return line.slice(0, tab).padEnd(width) + line.slice(tab + 1);
  });
}

const HELP_LINE = flagLine('help', GLOBAL_FLAGS.help!);

/** The root's flags; ckpt-perms' own after them, with the command's own (`extra`). */
function globalOptions(extra: [string, FlagSpec][] = []): string {
  const official = Object.entries(GLOBAL_FLAGS).filter(([name, spec]) => !spec.own && name !== 'help' && name !== 'version');
  const own = [...extra, ...Object.entries(GLOBAL_FLAGS).filter(([, spec]) => spec.own)];
  const rows = tabulate([...official, ...own].map(([name, spec]) => `   ${flagLine(name, spec)}`));
  return `GLOBAL OPTIONS:
${rows.slice(0, official.length).join('\n')}

   ckpt-perms adds:
${rows.slice(official.length).join('\n')}

Flag values other than the checkpoint and permission id may be @path (the file's text), @file://path,
@data://path (base64), @- (stdin); \\@x is a literal @x. Piped YAML or JSON on stdin fills what no flag gives.
`;
}

export function officialHelp(command: Subcommand | undefined): string {
  const name = `${ROOT} ${GROUP}`;
  if (command === undefined) {
    const column = Math.max(...SUBCOMMANDS.map((sub) => sub.length)) + 2;
    return `NAME:
   ${name}

USAGE:
   ${name} [command [command options]] 

CATEGORY:
   API RESOURCE

COMMANDS:
${(['create', 'retrieve', 'list', 'delete'] as const).map((sub) => `   ${sub.padEnd(column)}${USAGE[sub]}`).join('\n')}

OPTIONS:
   ${HELP_LINE.replace('\t', '  ')}

${globalOptions()}`;
  }
  const flags = Object.entries(COMMAND_FLAGS[command]);
  const options = tabulate([
    ...flags.filter(([, spec]) => !spec.own).map(([flag, spec]) => `   ${flagLine(flag, spec)}`),
    `   ${HELP_LINE}`,
  ]);
  return `NAME:
   ${name} ${command} - ${USAGE[command]}

USAGE:
   ${name} ${command}

OPTIONS:
${options.join('\n')}

${globalOptions(flags.filter(([, spec]) => spec.own))}`;
}
