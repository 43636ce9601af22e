// --since's relative forms, against a fixed clock: 7d, 24h, 30m are that long before now, today and yesterday local midnight.
import { describe, expect, it } from 'vitest';
import { sinceFrom, UsageError } from '../../src/cli/args';

// 2026-03-10 15:45:30 local time, whatever the zone the tests run in.
const now = new Date(2026, 2, 10, 15, 45, 30).getTime();
const seconds = (ms: number) => Math.floor(ms / 1000);

describe('sinceFrom', () => {
  it.each([
    ['7d', now - 7 * 86_400_000],
    ['24h', now - 24 * 3_600_000],
    ['30m', now - 30 * 60_000],
    [' 1d ', now - 86_400_000],
    ['today', new Date(2026, 2, 10).getTime()],
    ['yesterday', new Date(2026, 2, 9).getTime()],
    ['Yesterday', new Date(2026, 2, 9).getTime()],
  ])('%s is relative to now', (text, expected) => {
    expect(sinceFrom(text, 'history', now)).toBe(seconds(expected));
  });

  it('yesterday on the first of a month is the last day of the one before', () => {
    expect(sinceFrom('yesterday', 'history', new Date(2026, 2, 1, 0, 5).getTime())).toBe(seconds(new Date(2026, 1, 28).getTime()));
  });

  it('keeps dates, dates and times and Unix seconds as they were', () => {
    expect(sinceFrom('2025-12-01', 'history', now)).toBe(seconds(new Date(2025, 11, 1).getTime()));
    expect(sinceFrom('2025-12-01T09:30Z', 'history', now)).toBe(seconds(Date.UTC(2025, 11, 1, 9, 30)));
    expect(sinceFrom('1764547200', 'history', now)).toBe(1764547200);
  });

  it.each(['7', 'd', '7w', '-7d', '1.5d', 'last week', 'tomorrow', '7 d'])('refuses %j, naming the relative forms', (text) => {
    expect(() => sinceFrom(text, 'history', now)).toThrow(UsageError);
    expect(() => sinceFrom(text, 'history', now)).toThrow(/7d, 24h, 30m, today, yesterday/);
  });
});
