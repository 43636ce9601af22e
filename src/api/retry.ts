// Retry policy of the official OpenAI SDKs: which answers to retry, and how long to wait.

export type HeaderLookup = (name: string) => string | undefined;

const INITIAL_RETRY_DELAY_S = 0.5;
const MAX_RETRY_DELAY_S = 8;
const MAX_SERVER_DELAY_MS = 60_000;

/** Whether an HTTP answer is worth another attempt. */
export function shouldRetryStatus(status: number, header: HeaderLookup): boolean {
  const hint = header('x-should-retry');
  if (hint === 'true') return true;
  if (hint === 'false') return false;
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * Milliseconds to wait before retry number `retriesDone + 1`: the server's `retry-after-ms` or
 * `retry-after` (seconds or an HTTP date) when it is between 0 and 60 s, else exponential
 * back-off from 0.5 s to 8 s with up to 25% jitter taken off.
 */
export function retryDelayMs(
  retriesDone: number,
  header: HeaderLookup | undefined,
  now: number = Date.now(),
  random: () => number = Math.random,
): number {
  const fromServer = header ? serverRequestedDelayMs(header, now) : undefined;
  if (fromServer !== undefined && fromServer >= 0 && fromServer < MAX_SERVER_DELAY_MS) return fromServer;
  const seconds = Math.min(INITIAL_RETRY_DELAY_S * 2 ** retriesDone, MAX_RETRY_DELAY_S);
  return seconds * (1 - random() * 0.25) * 1000;
}

function serverRequestedDelayMs(header: HeaderLookup, now: number): number | undefined {
  const ms = header('retry-after-ms');
  if (ms !== undefined && ms.trim() !== '') {
    const value = Number(ms);
    if (Number.isFinite(value)) return value;
  }
  const after = header('retry-after');
  if (after === undefined || after.trim() === '') return undefined;
  const seconds = Number(after);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : date - now;
}
