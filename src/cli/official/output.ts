// The official CLI's output: its formats, colour rules, the pager on a terminal, and --debug's request dumps.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import stringWidth from '../../_vendor/string-width';
import { redactKeys } from '../../api/keys';
import { escapeControlsAsGo, escapeControlsForTerminal, escapeJsonForTerminal } from '../../api/sanitize';
import type { Format } from './args';
import { getPath } from './gjson';
import { loadYaml } from './values';
import { compactLine, isScalar, pretty, toValue, type JsonNode } from './json';

type Env = Record<string, string | undefined>;
type Terminal = NodeJS.WritableStream & { isTTY?: boolean; rows?: number; columns?: number };

export { useColour } from '../colour';

export interface RenderOptions {
  format: Exclude<Format, 'auto' | 'explore'>;
  colour: boolean;
  /** -r: a string result without quotes. */
  rawOutput: boolean;
  /** Control characters of a bare string are escaped on a terminal. */
  terminal: boolean;
  title: string;
  /** The terminal's width (80 off a terminal), for `pretty`. */
  columns: number;
  /** Keys to mask in `pretty`'s text before it is measured and cut (the sink masks every format again after). */
  secrets?: readonly (string | undefined)[];
}

/** One document in the chosen format, ending with a line break. */
export async function render(node: JsonNode, options: RenderOptions): Promise<string> {
  // -r comes before the format: a string is printed bare whatever the format (raw included).
  if (options.rawOutput && node.kind === 'string') {
    // The string itself in a pipe; on a terminal its control characters escaped, as JSON writes them.
    if (!options.terminal) return `${node.value}\n`;
    return `${escapeJsonForTerminal(JSON.stringify(node.value).slice(1, -1).replace(/\\"/g, '"'))}\n`;
  }
  switch (options.format) {
    case 'json':
      return escapeJsonForTerminal(pretty(node, options.colour));
    case 'jsonl':
      return `${escapeJsonForTerminal(compactLine(node, options.colour))}\n`;
    case 'raw':
      // The bytes as received in a pipe; on a terminal, a server's control characters escaped, not acted on.
      return `${options.terminal ? escapeControlsForTerminal(node.raw) : node.raw}\n`;
    case 'yaml':
      return yamlOf(node);
    case 'pretty':
      return prettyView(node, options.title, options.colour, options.columns, options.secrets ?? []);
  }
}

/**
 * YAML of the value. A string holding a character a terminal acts on (C1 controls, bidi overrides, line separators)
 * is written double-quoted with that character as a \uXXXX escape: the same value, inert on a screen.
 */
async function yamlOf(node: JsonNode): Promise<string> {
  const { Document, Scalar, visit } = await loadYaml();
  const document = new Document(toValue(node));
  visit(document, {
    Scalar(_, scalar) {
      if (typeof scalar.value === 'string' && escapeJsonForTerminal(scalar.value) !== scalar.value) scalar.type = Scalar.QUOTE_DOUBLE;
    },
  });
  return escapeJsonForTerminal(document.toString({ lineWidth: 0 }));
}

/** The official's sanitizeTerminalString: control characters (C0, DEL, C1) as escapes. */
const sanitizeView = escapeControlsAsGo;

/** Cut to `width` columns (reflow's truncate). */
function truncate(text: string, width: number): string {
  let out = '';
  for (const char of text) {
    if (stringWidth(out + char) > width) break;
    out += char;
  }
  return out;
}

/**
 * `pretty`, as the official's jsonview.RenderJSON draws it: the title indented 2 spaces, then a rounded box holding
 * `key: value` lines, numbered `1.` list items, yes/no, `(empty)` and `(none)`, strings cut with … to the width.
 * Colours (lipgloss's 256-colour styles) only when colour is on.
 */
function prettyView(node: JsonNode, title: string, colour: boolean, columns: number, secrets: readonly (string | undefined)[]): string {
  const paint = (code: string, text: string) => (colour ? `\u001b[${code}m${text}\u001b[0m` : text);
  const key = (text: string) => paint('38;5;75', text);
  const str = (text: string) => paint('38;5;113', text);
  const num = (text: string) => paint('38;5;215', text);
  const bool = (text: string) => paint('38;5;207', text);
  const none = (text: string) => paint('3;38;5;245', text);
  const bullet = (text: string) => paint('38;5;242', text);
  const indentOf = (depth: number) => ' '.repeat(depth * 2);
  const format = (value: JsonNode, depth: number, width: number): string => {
    switch (value.kind) {
      case 'string': {
        let text = redactKeys(sanitizeView(value.value), secrets);
        if (text === '') return none('(empty)');
        if (stringWidth(text) > width) text = `${truncate(text, width - 1)}…`;
        return str(text);
      }
      case 'number':
        return num(value.raw);
      case 'true':
        return bool('yes');
      case 'false':
        return bool('no');
      case 'null':
        return none('null');
      case 'array': {
        if (value.items.length === 0) return none(' (none)');
        const numberWidth = `${value.items.length}. `.length;
        return `\n${value.items
          .map((item, index) => {
            const number = `${index + 1}.`;
            let numbering = indentOf(depth) + bullet(number);
            let itemWidth = width;
            if (isScalar(item)) {
              numbering += ' '.repeat(numberWidth - number.length);
              itemWidth = width - stringWidth(numbering);
            }
            return numbering + format(item, depth + 1, itemWidth);
          })
          .join('\n')}`;
      }
      case 'object': {
        if (value.entries.length === 0) return none('(empty)');
        return `\n${value.entries
          .map(([name, child]) => {
            let keyText = indentOf(depth) + key(`${redactKeys(sanitizeView(name), secrets)}:`);
            let itemWidth = width;
            if (isScalar(child)) {
              keyText += ' ';
              itemWidth = width - stringWidth(keyText);
            }
            return keyText + format(child, depth + 1, itemWidth);
          })
          .join('\n')}`;
      }
    }
  };
  const lines = format(node, 0, columns - 4)
    .replace(/^\n+/, '')
    .split('\n');
  const inner = Math.max(...lines.map((line) => stringWidth(line)));
  const border = (text: string) => paint('38;5;63', text);
  const body = lines.map((line) => `${border('│')} ${line}${' '.repeat(inner - stringWidth(line))} ${border('│')}`);
  const top = border(`╭${'─'.repeat(inner + 2)}╮`);
  const bottom = border(`╰${'─'.repeat(inner + 2)}╯`);
  return `${paint('1', `  ${title}`)}\n${[top, ...body, bottom].join('\n')}\n`;
}

/** `--transform`: the path's result, or the value unchanged when it matches nothing. */
export function transformed(node: JsonNode, path: string | undefined): JsonNode {
  if (path === undefined || path === '') return node;
  return getPath(node, path) ?? node;
}

/** Where documents go: straight to stdout, or through $PAGER once they outgrow a terminal. */
export interface Sink {
  write(text: string): Promise<void>;
  end(): Promise<void>;
}

/** Lines a terminal `width` columns wide shows for `text` (long lines wrap), as the official counts them. */
export function terminalLines(text: string, width: number): number {
  const lines = text.split('\n');
  lines.pop();
  return lines.reduce((sum, line) => sum + Math.max(1, Math.ceil(stringWidth(line) / width)), 0);
}

/** exec.LookPath: a name with a slash as it is, else the first executable of that name on PATH. */
function lookPath(program: string, env: Env): string {
  const executable = (path: string) => {
    try {
      accessSync(path, constants.X_OK);
      return statSync(path).isFile();
    } catch {
      return false;
    }
  };
  if (program.includes('/')) {
    if (executable(program)) return program;
    throw new PagerFailed(`exec: ${JSON.stringify(program)}: stat ${program}: no such file or directory`);
  }
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    const path = join(dir === '' ? '.' : dir, program);
    if (executable(path)) return path;
  }
  throw new PagerFailed(`exec: ${JSON.stringify(program)}: executable file not found in $PATH`);
}

export function outputSink(stdout: Terminal, env: Env, secrets: readonly (string | undefined)[], title: string, paging: boolean): Sink {
  const clean = (text: string) => redactKeys(text, secrets);
  const direct = (text: string) =>
    new Promise<void>((resolve, reject) => {
      if (stdout.write(text, (error) => (error ? reject(error) : undefined))) resolve();
      else stdout.once('drain', resolve);
    });
  if (!paging || stdout.isTTY !== true) {
    return { write: (text) => direct(clean(text)), end: async () => undefined };
  }
  // The official pages once the output reaches the terminal's rows minus 3, counting wrapped lines.
  const width = stdout.columns || 100;
  const limit = (stdout.rows || 40) - 3;
  let held = '';
  let lines = 0;
  let pager: ChildProcess | undefined;
  let pagerGone = false;
  let pagerExit: Promise<number | null> | undefined;
  // While the pager runs, Ctrl+C is its business (less stops a search with it): this process must not die under it.
  const keepRunning = () => undefined;
  const toPager = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const input = pager?.stdin;
      if (pagerGone || !input || input.destroyed) return reject(new PagerClosed());
      if (input.write(text)) resolve();
      else input.once('drain', resolve);
    });
  return {
    async write(text) {
      text = clean(text);
      if (pager) return toPager(text);
      held += text;
      lines += terminalLines(text, width);
      if (lines < limit) return;
      // $PAGER is one program, run without a shell, as the official runs it (default less).
      const program = env.PAGER || 'less';
      const path = lookPath(program, env);
      process.on('SIGINT', keepRunning);
      pager = spawn(path, [], {
        argv0: program,
        stdio: ['pipe', 'inherit', 'inherit'],
        env: { ...env, LESS: `-r -P ${title}`, MORE: `-r -P ${title}` },
      });
      pager.stdin?.on('error', () => (pagerGone = true));
      pagerExit = new Promise((resolve) => {
        pager!.once('exit', (code) => {
          pagerGone = true;
          resolve(code);
        });
        pager!.once('error', () => {
          pagerGone = true;
          resolve(-1);
        });
      });
      const first = held;
      held = '';
      return toPager(first);
    },
    async end() {
      if (!pager) {
        if (held) await direct(held);
        return;
      }
      pager.stdin?.end();
      const code = await pagerExit;
      process.off('SIGINT', keepRunning);
      if (code !== 0) throw new PagerFailed(`Pager exited with non-zero exit status: ${code ?? 1}`);
    },
  };
}

/** The pager could not be run, or exited with an error: the official fails with its words. */
export class PagerFailed extends Error {
  override name = 'PagerFailed';
}

/** The pager was quit before the output ended: the rest of a listing need not be fetched. */
export class PagerClosed extends Error {
  override name = 'PagerClosed';
  constructor() {
    super('the pager was closed');
  }
}
