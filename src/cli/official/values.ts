// Where a request's values come from besides the flags, as the official CLI reads them: piped stdin (YAML or JSON,
// its keys filling the parameters not given as flags) and flag values that name files (`@path`, `@file://path`,
// `@data://path`, `@-`, `\@x`), read as they are: not trimmed.
import { fstatSync, readFileSync } from 'node:fs';
import { OfficialUsageError } from './args';
import { hasBinaryControls } from '../../api/sanitize';

/** How long piped data may take to show up, as the official polls for it (10 ms). */
const POLL_MS = 10;

type Input = NodeJS.ReadableStream & { isTTY?: boolean; fd?: number };

/** Standard input, read once: as the piped body, or by one `@-`. */
export class Stdin {
  private text: Promise<string> | undefined;
  private consumedByPipe = false;
  constructor(private readonly stream: Input) {}

  /**
   * The official's isInputPiped: a non-empty regular file, or a pipe or socket with data (or its end) within the poll
   * time; never a terminal or /dev/null. An open pipe that stays silent is left alone: nothing waits on it.
   */
  async piped(): Promise<boolean> {
    if (this.stream.isTTY) return false;
    if (typeof this.stream.fd === 'number') {
      let stat;
      try {
        stat = fstatSync(this.stream.fd);
      } catch {
        return false;
      }
      if (stat.isFile()) return stat.size > 0;
      if (!stat.isFIFO() && !stat.isSocket()) return false;
    }
    return new Promise<boolean>((resolve) => {
      const stream = this.stream;
      let settled = false;
      const done = (available: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        stream.off('readable', onReady);
        stream.off('end', onReady);
        stream.off('error', onError);
        if (!available) stream.pause();
        resolve(available);
      };
      const onReady = () => done(true);
      const onError = () => done(false);
      stream.on('readable', onReady);
      stream.once('end', onReady);
      stream.once('error', onError);
      // After the poll time, one more turn of the event loop so that data already waiting is seen even when this
      // process was not scheduled during the wait.
      const timer = setTimeout(() => setImmediate(() => done(false)), POLL_MS);
    });
  }

  private readAll(): Promise<string> {
    return (this.text ??= (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of this.stream as AsyncIterable<Buffer | string>) chunks.push(Buffer.from(chunk));
      return Buffer.concat(chunks).toString('utf8');
    })());
  }

  /** The piped text ('' when nothing is piped); once read, `@-` can no longer have it. */
  async pipedText(): Promise<string> {
    if (!(await this.piped())) return '';
    const text = await this.readAll();
    if (text.length > 0) this.consumedByPipe = true;
    return text;
  }

  /** `@-`: stdin's text, once. */
  async forValue(): Promise<string> {
    if (this.consumedByPipe) throw new OfficialUsageError('cannot read from stdin: stdin was already consumed by piped YAML/JSON input');
    if (this.text) throw new OfficialUsageError('stdin has already been read by another parameter; it can only be read once');
    return this.readAll();
  }
}

/** The yaml package, read only when YAML is read or written (bundled, the CommonJS package is its default export). */
export async function loadYaml(): Promise<typeof import('yaml')> {
  const module = (await import('yaml')) as typeof import('yaml') & { default?: typeof import('yaml') };
  return typeof module.parse === 'function' ? module : module.default!;
}

/** The piped data: a mapping whose keys fill parameters, another value, or undefined when nothing is piped. */
export async function pipedData(stdin: Stdin): Promise<unknown> {
  const text = await stdin.pipedText();
  if (text.length === 0) return undefined;
  const { parse } = await loadYaml();
  try {
    return parse(text) ?? null;
  } catch (error) {
    throw new OfficialUsageError(`Failed to parse piped data as YAML/JSON:\n${(error as Error).message.split('\n')[0]}`);
  }
}

/** A piped value as the official hands it to a flag (formatForFlagSet): strings as they are, numbers as Go prints them. */
export function flagText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value) ?? 'null';
}

/** Text or binary, as the official tells a file's content (binary is sent base64). */
function isText(content: Buffer): boolean {
  const text = content.toString('utf8');
  return Buffer.from(text, 'utf8').equals(content) && !hasBinaryControls(text);
}

/** A flag value's text (not a path parameter's: those are never read as files). */
export async function resolveValue(raw: string, stdin: Stdin): Promise<string> {
  if (raw.startsWith('\\@')) return raw.slice(1);
  if (!raw.startsWith('@')) return raw;
  const rest = raw.slice(1);
  const isStdin = (path: string) => path === '-' || path === '/dev/fd/0' || path === '/dev/stdin';
  const read = async (path: string): Promise<Buffer> => {
    if (isStdin(path)) return Buffer.from(await stdin.forValue(), 'utf8');
    try {
      return readFileSync(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why =
        code === 'ENOENT'
          ? 'no such file or directory'
          : code === 'EACCES'
            ? 'permission denied'
            : code === 'EISDIR'
              ? 'is a directory'
              : code;
      throw new OfficialUsageError(`open ${path}: ${why}`);
    }
  };
  if (rest.startsWith('data://')) return (await read(rest.slice('data://'.length))).toString('base64');
  if (rest.startsWith('file://')) return (await read(rest.slice('file://'.length))).toString('utf8');
  let content: Buffer;
  try {
    content = await read(rest);
  } catch (error) {
    // `@name` without . or / that names no file is a literal (a handle, say); with them it was meant as a file.
    if (!isStdin(rest) && !/[./]/.test(rest)) return raw;
    throw error;
  }
  return isText(content) ? content.toString('utf8') : content.toString('base64');
}
