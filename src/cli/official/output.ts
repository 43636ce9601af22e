// The official CLI's output: its formats, colour rules, the pager on a terminal, and --debug's request dumps.
import { spawn, type ChildProcess } from 'node:child_process';
import { redactKeys } from '../../api/keys';
import { escapeControlsForTerminal, escapeJsonForTerminal, sanitizeLine } from '../../api/sanitize';
import type { Format } from './args';
import { getPath } from './gjson';
import { loadYaml } from './values';
import { compactLine, isScalar, pretty, toValue, ugly, type JsonNode } from './json';

type Env = Record<string, string | undefined>;
type Terminal = NodeJS.WritableStream & { isTTY?: boolean; rows?: number };

/** Colour when stdout is a terminal; FORCE_COLOR=1 forces it on, FORCE_COLOR=0 off; NO_COLOR turns it off. */
export function useColour(stream: Terminal, env: Env): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return !/^(0|false)$/i.test(force);
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
  if (options.rawOutput && node.kind === 'string' && options.format !== 'raw') {
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
  // The official pages output taller than the terminal minus 3 lines.
  const limit = Math.max(1, (stdout.rows || 24) - 3);
  let held = '';
  let lines = 0;
  let pager: ChildProcess | undefined;
  let pagerGone = false;
  let pagerExit: Promise<void> | undefined;
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
      lines += text.split('\n').length - 1;
      if (lines <= limit) return;
      const command = env.PAGER?.trim() || 'less';
      process.on('SIGINT', keepRunning);
      pager = spawn(command, {
        shell: true,
        stdio: ['pipe', 'inherit', 'inherit'],
        env: { ...env, LESS: `-X -r -P ${title.replace(/[?:.%\\]/g, '\\$&')}` },
      });
      pager.stdin?.on('error', () => (pagerGone = true));
      pagerExit = new Promise((resolve) => {
        const gone = () => {
          pagerGone = true;
          resolve();
        };
        pager!.once('exit', gone);
        pager!.once('error', gone);
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
      await pagerExit;
      process.off('SIGINT', keepRunning);
    },
  };
}

/** The pager was quit before the output ended: the rest of a listing need not be fetched. */
export class PagerClosed extends Error {
  override name = 'PagerClosed';
  constructor() {
    super('the pager was closed');
  }
}
