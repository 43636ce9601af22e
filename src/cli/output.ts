// Writing results: the API's JSON, pretty with two spaces, or one item a line, or a command's text or CSV; inert on a
// terminal.
import { redactKeys } from '../api/keys';
import { escapeJsonForTerminal } from '../api/sanitize';

export interface Output {
  write(text: string): Promise<void>;
}

/**
 * A writer that waits for the stream to drain, so large listings do not pile up in memory, and
 * masks the keys in use should a server ever echo one back.
 */
export function streamOutput(stream: NodeJS.WritableStream, secrets: readonly (string | undefined)[] = []): Output {
  return {
    write(text) {
      return new Promise((resolve, reject) => {
        const ok = stream.write(redactKeys(text, secrets), (error) => (error ? reject(error) : undefined));
        if (ok) resolve();
        else stream.once('drain', resolve);
      });
    },
  };
}

export function formatJson(value: unknown): string {
  return `${escapeJsonForTerminal(JSON.stringify(value, null, 2))}\n`;
}

export function formatJsonLine(value: unknown): string {
  return `${escapeJsonForTerminal(JSON.stringify(value))}\n`;
}

/** A command's result: its JSON value, its rows (one a line for jsonl), and its text and CSV forms where it has them. */
export interface Printable {
  json: unknown;
  rows?: readonly unknown[];
  text?: () => string;
  csv?: () => string;
  /** The table for people: its lines as they are ready (a row waits for its project's name, not for the others'). */
  table?: () => AsyncIterable<string>;
}

export type Form = 'json' | 'jsonl' | 'text' | 'csv' | 'table';

/** The one printer, written out: a table line by line as its rows are ready, any other form at once. */
export async function print(output: Output, result: Printable, form: Form): Promise<void> {
  if (form !== 'table') return output.write(printed(result, form));
  if (!result.table) throw new Error('no table form for this result');
  for await (const line of result.table()) await output.write(line);
}

/** The one printer: the result in the form the command line chose. */
export function printed(result: Printable, form: Form): string {
  switch (form) {
    case 'json':
      return formatJson(result.json);
    case 'jsonl':
      return result.rows ? result.rows.map(formatJsonLine).join('') : formatJsonLine(result.json);
    case 'table':
      throw new Error('a table is written line by line: print() writes it');
    case 'text':
    case 'csv': {
      const render = result[form];
      // The definitions accept a form only for commands that have it: reaching here is a bug, not bad input.
      if (!render) throw new Error(`no ${form} form for this result`);
      return render();
    }
  }
}

/** An API answer as a result: a list's items are its rows, anything else is one row. */
export function response(value: unknown): Printable {
  const data = (value as { data?: unknown }).data;
  const isList = (value as { object?: unknown }).object === 'list' && Array.isArray(data);
  return { json: value, rows: isList ? (data as unknown[]) : undefined };
}
