// src/ui/styled-chars.ts replaces ansi-tokenize's styledCharsToString in Ink's output: the strings must be identical.
import * as library from '@alcalzone/ansi-tokenize';
import { describe, expect, it } from 'vitest';
import { styledCharsToString } from '../../src/ui/styled-chars';

const OPEN_CLOSE = [
  ['\u001b[1m', '\u001b[22m'],
  ['\u001b[2m', '\u001b[22m'],
  ['\u001b[3m', '\u001b[23m'],
  ['\u001b[4m', '\u001b[24m'],
  ['\u001b[7m', '\u001b[27m'],
  ['\u001b[31m', '\u001b[39m'],
  ['\u001b[36m', '\u001b[39m'],
  ['\u001b[90m', '\u001b[39m'],
  ['\u001b[38;5;208m', '\u001b[39m'],
  ['\u001b[38;2;10;200;30m', '\u001b[39m'],
  ['\u001b[44m', '\u001b[49m'],
  ['\u001b[48;5;17m', '\u001b[49m'],
] as const;
const TEXT = ['a', 'Z', ' ', '·', '…', '›', '●', '─', '日', '7', '_'];

function random(seed: number) {
  let state = seed;
  return (n: number) => (state = (state * 1103515245 + 12345) % 2 ** 31) % n;
}

/** A line as chalk and Ink write it: styles opened and closed around runs, sometimes nested, sometimes left open. */
function styledLine(next: (n: number) => number): string {
  let line = '';
  const open: (typeof OPEN_CLOSE)[number][] = [];
  const length = next(60);
  for (let i = 0; i < length; i++) {
    const roll = next(10);
    if (roll === 0) {
      const style = OPEN_CLOSE[next(OPEN_CLOSE.length)]!;
      open.push(style);
      line += style[0];
    } else if (roll === 1 && open.length > 0) line += open.splice(next(open.length), 1)[0]![1];
    else if (roll === 2 && open.length > 0 && next(4) === 0) {
      line += '\u001b[0m';
      open.length = 0;
    } else line += TEXT[next(TEXT.length)];
  }
  if (next(3) > 0) for (const style of open.reverse()) line += style[1];
  return line;
}

/** A row of Ink's grid: blank cells, with the characters of a few writes placed over them. */
function gridRow(next: (n: number) => number): library.StyledChar[] {
  const row: library.StyledChar[] = Array.from({ length: 40 }, () => ({ type: 'char', value: ' ', fullWidth: false, styles: [] }));
  for (let writes = next(3); writes >= 0; writes--) {
    const chars = library.styledCharsFromTokens(library.tokenize(styledLine(next)));
    let x = next(20);
    for (const char of chars) if (x < row.length) row[x++] = char;
  }
  return row;
}

describe('styledCharsToString', () => {
  it('gives exactly the string ansi-tokenize gives, for lines and for rows of the grid', () => {
    const next = random(42);
    for (let round = 0; round < 3000; round++) {
      const chars = round % 2 === 0 ? library.styledCharsFromTokens(library.tokenize(styledLine(next))) : gridRow(next);
      expect(styledCharsToString(chars), JSON.stringify(chars.map((c) => c.value).join(''))).toBe(library.styledCharsToString(chars));
    }
  });

  it('keeps the escape codes: styles switched where they change and closed at the end', () => {
    const chars = library.styledCharsFromTokens(library.tokenize('ab\u001b[1mcd\u001b[7mef\u001b[27m\u001b[22mgh\u001b[36mij'));
    const out = styledCharsToString(chars);
    expect(out).toBe(library.styledCharsToString(chars));
    expect(out).toBe('ab\u001b[1mcd\u001b[7mef\u001b[27m\u001b[22mgh\u001b[36mij\u001b[39m');
    expect(styledCharsToString([])).toBe('');
  });
});
