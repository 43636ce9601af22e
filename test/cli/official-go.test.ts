// Integers as the official's flags read them: Go's strconv.ParseInt(s, 0, 64), its values and its error texts.
import { describe, expect, it } from 'vitest';
import { parseGoInt } from '../../src/cli/official/go';

describe('parseGoInt', () => {
  it.each([
    ['10', 10n],
    ['+5', 5n],
    ['-0x10', -16n],
    ['0x10', 16n],
    ['0X1f', 31n],
    ['0o17', 15n],
    ['017', 15n],
    ['0b101', 5n],
    ['1_000', 1000n],
    ['0x_1', 1n],
    ['0_7', 7n],
    ['0', 0n],
    ['9223372036854775807', 9223372036854775807n],
    ['-9223372036854775808', -9223372036854775808n],
  ])('%s is %s', (text, value) => {
    expect(parseGoInt(text)).toBe(value);
  });

  it.each(['', 'abc', '0x', '08', '1_', '_1', '1__0', '1.5', ' 1', '0o'])('%j is invalid syntax', (text) => {
    expect(parseGoInt(text)).toBe(`strconv.ParseInt: parsing ${JSON.stringify(text)}: invalid syntax`);
  });

  it('past int64 is out of range', () => {
    expect(parseGoInt('9223372036854775808')).toBe('strconv.ParseInt: parsing "9223372036854775808": value out of range');
  });
});
