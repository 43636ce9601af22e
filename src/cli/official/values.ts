// Flag values as the official CLI reads them (internal/requestflag): `@path`, `@file://path`, `@data://path`, `@-`,
// `\@x`; and the YAML or JSON body a script pipes into `create`.
import { readFileSync } from 'node:fs';
import { OfficialUsageError } from './args';

/** Standard input, read once whoever asks first (`@-`, the body of create). */
export class Stdin {
  private text: Promise<string> | undefined;
  constructor(private readonly stream: NodeJS.ReadableStream & { isTTY?: boolean }) {}

  get isTerminal(): boolean {
    return this.stream.isTTY === true;
  }

  read(): Promise<string> {
    return (this.text ??= (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of this.stream as AsyncIterable<Buffer | string>) chunks.push(Buffer.from(chunk));
      return Buffer.concat(chunks).toString('utf8');
    })());
  }

  get wasRead(): boolean {
    return this.text !== undefined;
  }
}

/**
 * A value's text. *Inferred* from the official source, not seen working: a file's (or stdin's) text loses its
 * trailing line breaks, since every value here is one id or word and `echo id > file` adds one.
 */
export async function resolveValue(raw: string, flag: string, stdin: Stdin): Promise<string> {
  if (raw.startsWith('\\@')) return raw.slice(1);
  if (!raw.startsWith('@')) return raw;
  const rest = raw.slice(1);
  const read = (path: string, encoding: 'utf8' | 'base64') => {
    try {
      return readFileSync(path).toString(encoding);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new OfficialUsageError(`--${flag}: cannot read ${path}${code === 'ENOENT' ? ': no such file' : code ? ` (${code})` : ''}`);
    }
  };
  const trimmed = (text: string) => text.replace(/[\r\n]+$/, '');
  if (rest === '-') return trimmed(await stdin.read());
  if (rest.startsWith('file://')) return trimmed(read(rest.slice('file://'.length), 'utf8'));
  if (rest.startsWith('data://')) return read(rest.slice('data://'.length), 'base64');
  // `@name` that names no file and has no . or / is a literal (a handle, say); with . or / it must be a file.
  if (!/[./]/.test(rest)) {
    try {
      return trimmed(readFileSync(rest, 'utf8'));
    } catch {
      return raw;
    }
  }
  return trimmed(read(rest, 'utf8'));
}

/** The yaml package, read only when YAML is read or written (bundled, the CommonJS package is its default export). */
export async function loadYaml(): Promise<typeof import('yaml')> {
  const module = (await import('yaml')) as typeof import('yaml') & { default?: typeof import('yaml') };
  return typeof module.parse === 'function' ? module : module.default!;
}

/** The body piped into `create`: a YAML (or JSON) mapping, or nothing. */
export async function bodyFromStdin(stdin: Stdin): Promise<Record<string, unknown> | undefined> {
  if (stdin.isTerminal || stdin.wasRead) return undefined;
  const text = await stdin.read();
  if (text.trim() === '') return undefined;
  const { parse } = await loadYaml();
  let value: unknown;
  try {
    value = parse(text);
  } catch (error) {
    throw new OfficialUsageError(`the body on standard input is not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new OfficialUsageError('the body on standard input must be a mapping, like project_ids: [proj_a, proj_b]');
  }
  return value as Record<string, unknown>;
}
