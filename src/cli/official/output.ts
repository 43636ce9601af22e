// The official CLI's output: its formats, colour rules, the pager on a terminal, and --debug's request dumps.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import stringWidth from '../../_vendor/string-width';
import { redactKeys } from '../../api/keys';
import { escapeJsonForTerminal, sanitizeLine } from '../../api/sanitize';
import type { Format } from './args';
import { getPath } from './gjson';
import { loadYaml } from './values';
import { compactLine, isScalar, pretty, toValue, ugly, type JsonNode } from './json';

type Env = Record<string, string | undefined>;
type Terminal = NodeJS.WritableStream & { isTTY?: boolean; rows?: number; columns?: number };

/**
 * The official's shouldUseColors: FORCE_COLOR exactly 1 turns colour on, exactly 0 off, else a terminal has it.
 * NO_COLOR turns it off too (ours: the official ignores it).
 */
export function useColour(stream: Terminal, env: Env): boolean {
  if (env.FORCE_COLOR === '1') return true;
  if (env.FORCE_COLOR === '0') return false;
  if (env.NO_COLOR) return false;
  return stream.isTTY === true;
}

export interface RenderOptions {
  format: Exclude<Format, 'auto' | 'explore'>;
  colour: boolean;
  /** -r: a string result without quotes. */
  rawOutput: boolean;
  /** Control characters of a bare string are escaped on a terminal. */
  terminal: boolean;
  title: string;
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
      return `${escapeJsonForTerminal(node.raw)}\n`;
    case 'yaml':
      return yamlOf(node);
    case 'pretty':
      return box(node, options.title, options.colour);
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

/** `pretty`: a bold title, then a rounded box of `key: value` lines (booleans as yes/no). */
function box(node: JsonNode, title: string, colour: boolean): string {
  const lines: string[] = [];
  const show = (child: JsonNode): string => {
    switch (child.kind) {
      case 'true':
        return 'yes';
      case 'false':
        return 'no';
      case 'string':
        return sanitizeLine(child.value);
      default:
        return sanitizeLine(isScalar(child) ? child.raw : ugly(child));
    }
  };
  const walk = (child: JsonNode, indent: string) => {
    if (child.kind === 'object') {
      for (const [key, value] of child.entries) {
        const name = sanitizeLine(key);
        if (value.kind === 'object' && value.entries.length > 0) {
          lines.push(`${indent}${name}:`);
          walk(value, `${indent}  `);
        } else if (value.kind === 'array' && value.items.length > 0 && !value.items.every(isScalar)) {
          lines.push(`${indent}${name}:`);
          walk(value, `${indent}  `);
        } else if (value.kind === 'array') {
          lines.push(`${indent}${name}: ${value.items.map(show).join(', ')}`);
        } else {
          lines.push(`${indent}${name}: ${show(value)}`);
        }
      }
    } else if (child.kind === 'array') {
      child.items.forEach((item, index) => {
        if (isScalar(item)) lines.push(`${indent}- ${show(item)}`);
        else {
          lines.push(`${indent}[${index}]`);
          walk(item, `${indent}  `);
        }
      });
    } else {
      lines.push(`${indent}${show(child)}`);
    }
  };
  walk(node, '');
  const width = Math.max(0, ...lines.map((line) => [...line].length));
  const bold = (text: string) => (colour ? `\u001b[1m${text}\u001b[0m` : text);
  const body = lines.map((line) => `│ ${line}${' '.repeat(width - [...line].length)} │`);
  return `${bold(title)}\n╭${'─'.repeat(width + 2)}╮\n${body.join('\n')}\n╰${'─'.repeat(width + 2)}╯\n`;
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
