// --debug, for both command families: each request and response as the official CLI logs them (Go's log timestamp,
// then the message as httputil dumps it), headers only, the key redacted and any key or piece of one masked on top.
import type { ExchangeObserver, HeardResponse, SentRequest } from '../api/http';
import { scrubKeys } from '../api/keys';
import { sanitizeLine } from '../api/sanitize';

const REDACTED_WHOLE = new Set(['api-key', 'x-api-key', 'cookie', 'set-cookie']);

function timestamp(now = new Date()): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}/${two(now.getMonth() + 1)}/${two(now.getDate())} ${two(now.getHours())}:${two(now.getMinutes())}:${two(now.getSeconds())}`;
}

/** Go's canonical header name: `openai-organization` → `Openai-Organization`. */
function canonical(name: string): string {
  return name.toLowerCase().replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => dash + letter.toUpperCase());
}

function headerLines(headers: Readonly<Record<string, string | string[] | undefined>>, response: boolean): string[] {
  const out: string[] = [];
  for (const name of Object.keys(headers).sort()) {
    const lower = name.toLowerCase();
    const values = ([] as (string | undefined)[]).concat(headers[name]);
    for (const value of values) {
      if (value === undefined) continue;
      let shown = value;
      if (lower === 'authorization' || lower === 'proxy-authorization') shown = `${value.split(' ')[0]} <REDACTED>`;
      else if (REDACTED_WHOLE.has(lower) || (response && lower === 'location')) shown = '<REDACTED>';
      out.push(`${canonical(name)}: ${sanitizeLine(shown)}`);
    }
  }
  return out;
}

export function debugLogger(stderr: NodeJS.WritableStream, secrets: readonly (string | undefined)[]): Required<ExchangeObserver> {
  // log.Printf("Request Content:\n%s\n", dump): the dump's lines end in CRLF, a blank CRLF line closes it.
  const write = ([title, ...dump]: string[]) => stderr.write(scrubKeys(`${title}\n${dump.join('\r\n')}\r\n\r\n\n`, secrets));
  return {
    request(request: SentRequest) {
      const { url } = request;
      write([
        `${timestamp()} Request Content:`,
        `${request.method} ${url.pathname}${url.search} HTTP/1.1`,
        `Host: ${url.host}`,
        ...headerLines(request.headers, false),
      ]);
    },
    response(response: HeardResponse) {
      write([
        `${timestamp()} Response Content:`,
        `HTTP/1.1 ${response.status} ${response.statusText}`,
        ...headerLines(response.headers, true),
      ]);
    },
  };
}
