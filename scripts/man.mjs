// The man page, ckpt-perms.1, made from the documentation: README's opening and the docs/ pages, in the order a
// reader of `man ckpt-perms` wants them. marked-man renders the Markdown as roff; links between pages become
// their words, as a man page cannot follow them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Marked } from 'marked';
import markedMan from 'marked-man';

/** The docs/ pages in the man page, each one section named in capitals. */
export const MAN_SECTIONS = [
  ['ui.md', 'THE TERMINAL UI'],
  ['commands.md', 'COMMANDS'],
  ['drop-in.md', 'A DROP-IN FOR THE OFFICIAL CLI'],
  ['access-files.md', 'ACCESS AS CODE'],
  ['history.md', 'HISTORY'],
  ['security.md', 'SAFETY'],
  ['demo.md', 'THE DEMO API'],
];

const unlink = (markdown) => markdown.replace(/!\[[^\]]*\]\([^)]*\)\n?/g, '').replace(/\[([^\]]+)\]\((?!https?:)[^)]*\)/g, '$1');

/** A page's body: its title and the line of links under it dropped, its sections one level down. */
function section(root, file, title) {
  const lines = readFileSync(join(root, 'docs', file), 'utf8').split('\n');
  let fenced = false;
  const body = lines
    .slice(1)
    .filter((line) => !line.startsWith('[← README]'))
    .map((line) => {
      if (line.startsWith('```')) fenced = !fenced;
      return !fenced && /^#{2,} /.test(line) ? `#${line}` : line;
    });
  return `## ${title}\n${unlink(body.join('\n'))}`;
}

/** README's first paragraphs, up to its first section: what the tool is. */
function description(root) {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const start = readme.indexOf('\n') + 1;
  return unlink(readme.slice(start, readme.indexOf('\n## ', start))).trim();
}

/** The roff text; the date in its header is SOURCE_DATE_EPOCH's when set (reproducible builds), else today. */
export function manPage(root, version) {
  const markdown = [
    '# ckpt-perms(1) -- manage who may use a fine-tuned OpenAI model checkpoint',
    '## SYNOPSIS',
    '`ckpt-perms` [CHECKPOINT] [`--demo`] [`--admin-api-key` KEY] [`--base-url` URL] [`--page-size` N]',
    '`ckpt-perms` COMMAND [ARGUMENTS] [OPTIONS]',
    '`ckpt-perms` `fine-tuning:checkpoints:permissions` list|retrieve|create|delete [OPTIONS]',
    '## DESCRIPTION',
    description(root),
    ...MAN_SECTIONS.map(([file, title]) => section(root, file, title)),
    '## SEE ALSO',
    'openai(1), less(1). The same text, with links, is in the package: README.md and docs/.',
  ].join('\n\n');
  // Source lines are wrapped for reading, not breaks: the man reader fills paragraphs to its own width.
  return new Marked({ ...markedMan, gfm: true, breaks: false, manVersion: version }).parse(markdown);
}
