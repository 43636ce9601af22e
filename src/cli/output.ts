// Writing results: the API's JSON, pretty with two spaces, or one item a line; inert on a terminal.
import { redactKeys } from '../api/keys';
import { escapeJsonForTerminal } from '../api/sanitize';
import type { OutputFormat } from './args';

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

/** A response in the chosen format: a list's items one a line for jsonl, else the whole value. */
export function formatResponse(value: unknown, format: OutputFormat): string {
  if (format === 'json') return formatJson(value);
  const data = (value as { object?: unknown; data?: unknown }).data;
  if ((value as { object?: unknown }).object === 'list' && Array.isArray(data)) {
    return data.map(formatJsonLine).join('');
  }
  return formatJsonLine(value);
}
