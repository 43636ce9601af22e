// Help, made from the command table: each command's flags with their lines, its usage and its prose.
import { COMMANDS, TABLE } from './table/index';
import type { CommandName, Definition, FlagHelp } from './table/types';
import { UI } from './table/ui';

const INDENT = ' '.repeat(24);

/** `  --after ID            start after …`: the text from column 25 (at least one space after the label), a longer label on a line of its own. */
function flagLines({ label, text }: FlagHelp): string {
  const [first, ...more] = text.split('\n');
  const head = label.length < 22 ? `  ${label.padEnd(22)}${first}` : `  ${label}\n${INDENT}${first}`;
  return [head, ...more.map((line) => `${INDENT}${line}`)].join('\n');
}

const CONNECTION_FLAGS: FlagHelp[] = [
  { label: '--admin-api-key KEY', text: 'admin key for permissions and projects (else OPENAI_ADMIN_KEY)' },
  { label: '--api-key KEY', text: 'ordinary project key, only for browsing fine-tuning jobs (else OPENAI_API_KEY)' },
  {
    label: '--base-url URL',
    text: 'API base URL (else OPENAI_BASE_URL, default https://api.openai.com/v1);\nplain http:// only to 127.0.0.1, ::1 or localhost',
  },
  {
    label: '--allow-insecure-http',
    text: 'plain http:// to another host too (an internal gateway; the key travels\nunencrypted: a warning on stderr)',
  },
  { label: '--organization ID', text: 'OpenAI-Organization header (else OPENAI_ORG_ID)' },
  { label: '--project ID', text: 'OpenAI-Project header (else OPENAI_PROJECT_ID)' },
  { label: '--debug', text: 'each request and response with its headers on stderr (keys redacted;\nnot in the UI)' },
  {
    label: '--mtls-client-cert-file FILE, --mtls-client-key-file FILE',
    text: 'a client certificate and its key (PEM) for a gateway that requires\nmutual TLS (else OPENAI_MTLS_CLIENT_CERT_FILE / _KEY_FILE); both or\nneither, with an explicit https:// base URL',
  },
  { label: '--timeout MS', text: 'per request, default 30000' },
  { label: '--max-retries N', text: 'default 2 (retries 408, 409, 429, 5xx and connection errors)' },
  {
    label: '--max-pages N',
    text: 'the most pages a walk through a list reads before it stops with an\nerror, default 2000 (commands that read whole lists, and the UI)',
  },
  {
    label: '--no-cache',
    text: "neither read nor write the cached list of the organization's projects\n(commands that read whole lists, and the UI)",
  },
];
const FORMAT_FLAG: FlagHelp = {
  label: '--format json|jsonl',
  text: 'pretty JSON as the API sends it (default), or one item per line (not in the UI)',
};
const LAST_FLAGS: FlagHelp[] = [
  {
    label: '--demo',
    text: 'run against the embedded demo API (no key needed); with --no-audit-log,\na demo organization without audit logging',
  },
  { label: '-h, --help', text: 'this help          -v, --version   the version' },
];

/** The connection flags, with the global --format unless the command documents its own above them. */
function connectionHelp(withFormat: boolean): string {
  const flags = [...CONNECTION_FLAGS, ...(withFormat ? [FORMAT_FLAG] : []), ...LAST_FLAGS];
  return `Connection (every command but demo-server):\n${flags.map(flagLines).join('\n')}`;
}

/** `  ckpt-perms list     SYNOPSIS`, further lines under the synopsis. */
function overviewLines(name: string, definition: Pick<Definition<unknown>, 'synopsis' | 'about'>): string {
  const [first, ...more] = [...definition.synopsis.split('\n'), ...(definition.about?.split('\n') ?? [])];
  const head = name === '' ? `  ckpt-perms ${first}` : `  ckpt-perms ${name.padEnd(8)} ${first}`;
  return [head, ...more.map((line) => `${' '.repeat(22)}${line}`)].join('\n');
}

function overview(): string {
  const usage = [
    overviewLines('', UI),
    ...COMMANDS.map((name) => overviewLines(name, TABLE[name])),
    overviewLines('fine-tuning:checkpoints:permissions', {
      synopsis: 'list|retrieve|create|delete …',
      about: "the official openai CLI's commands, as a drop-in (alias openai=ckpt-perms; --help there)",
    }),
    overviewLines('@completion', { synopsis: 'bash|zsh|fish|pwsh', about: 'a shell completion script' }),
  ];
  return `ckpt-perms: who may use a fine-tuned OpenAI model checkpoint.

Usage:
${usage.join('\n')}

The checkpoint may also be the first argument after the command.
Try it without a key:  ckpt-perms --demo
                       ckpt-perms list --demo ft:gpt-4o-mini-2024-07-18:acme-corp:support-triage:JOmZHrYw

${connectionHelp(true)}

The UI's own flags: --page-size N (rows per page, 1-100; default: what fits the terminal),
--order (default descending), --no-cache (neither read nor write the cached list of the
organization's projects) and --no-mouse (keep the terminal's own selection: no clicks, no wheel).
Without an admin key it asks for one (masked, never stored).

Exit codes: 0 success, 1 the API or the network failed, 2 the command line was wrong.
Run ckpt-perms COMMAND --help for one command.`;
}

function commandHelp(name: CommandName): string {
  const definition: Definition<unknown> = TABLE[name];
  const flags = Object.values(definition.flags).filter((flag): flag is FlagHelp => flag != null);
  const sections = [`ckpt-perms ${name}: ${definition.summary}`, `Usage: ${definition.usage}`, flags.map(flagLines).join('\n')];
  if (definition.body !== undefined) sections.push(definition.body);
  if (definition.connection !== 'none') sections.push(connectionHelp(definition.connection === 'global'));
  return sections.join('\n\n');
}

export function helpText(command?: CommandName): string {
  return `${command ? commandHelp(command) : overview()}\n`;
}
