import { describe, expect, it } from 'vitest';
import { retryDelayMs, shouldRetryStatus } from '../../src/api/retry';

const headers = (values: Record<string, string>) => (name: string) => values[name];

describe('retry policy (as the official SDK)', () => {
  it('retries 408, 409, 429 and 5xx, and follows x-should-retry', () => {
    const none = headers({});
    expect([408, 409, 429, 500, 502, 503, 504].every((s) => shouldRetryStatus(s, none))).toBe(true);
    expect([400, 401, 403, 404, 422].some((s) => shouldRetryStatus(s, none))).toBe(false);
    expect(shouldRetryStatus(400, headers({ 'x-should-retry': 'true' }))).toBe(true);
    expect(shouldRetryStatus(503, headers({ 'x-should-retry': 'false' }))).toBe(false);
  });

  it('waits retry-after-ms, else retry-after seconds, else an HTTP date', () => {
    const now = Date.parse('2026-11-28T12:00:00Z');
    expect(retryDelayMs(0, headers({ 'retry-after-ms': '250', 'retry-after': '9' }), now)).toBe(250);
    expect(retryDelayMs(0, headers({ 'retry-after': '3' }), now)).toBe(3000);
    expect(retryDelayMs(0, headers({ 'retry-after': 'Sat, 28 Nov 2026 12:00:05 GMT' }), now)).toBe(5000);
  });

  it('ignores a server wait of a minute or more and backs off exponentially with jitter', () => {
    const noJitter = () => 0;
    const fullJitter = () => 0.999999;
    expect(retryDelayMs(0, headers({ 'retry-after': '60' }), 0, noJitter)).toBe(500);
    expect(retryDelayMs(1, undefined, 0, noJitter)).toBe(1000);
    expect(retryDelayMs(2, undefined, 0, noJitter)).toBe(2000);
    expect(retryDelayMs(10, undefined, 0, noJitter)).toBe(8000);
    expect(retryDelayMs(0, undefined, 0, fullJitter)).toBeCloseTo(375, 0);
  });
});
