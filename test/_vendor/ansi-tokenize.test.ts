// src/_vendor/ansi-tokenize stands in for ansi-tokenize in Ink's output: tokens, styled characters and strings must be identical.
import * as library from '@alcalzone/ansi-tokenize';
import { describe, expect, it } from 'vitest';
import { mulberry32, randInt } from '../../src/demo/random';
import { forgetSharedCells, styledCharsFromTokens, styledCharsOfLine, styledCharsToString } from '../../src/_vendor/ansi-tokenize';
import { NARROW } from '../../src/_vendor/string-width';

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
const TEXT = ['a', 'Z', ' ', '·', '…', '›', '●', '─', '7', '_', '→', 'é'];
// Rarer: wide, emoji, combining, escapes the fast path does not take (the library's answer is the one to match).
const RARE = [
  '日',
  '🚀',
  'e\u0301',
  '\u001b]8;;https://example.com\u0007',
  '\u001b[',
  '\u001b[1',
  '\u001bx',
  '\u009b31m',
  '\u001b[1;3;31m',
  '\u001b[38;5;9m',
  '\u001b[m',
];

/** Draws integers below `n` from the demo's seeded generator: the same lines every run. */
function random(seed: number) {
  const rng = mulberry32(seed);
  return (n: number) => randInt(rng, 0, n - 1);
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
    } else if (roll === 3 && next(8) === 0) line += RARE[next(RARE.length)];
    else line += TEXT[next(TEXT.length)];
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

/** What Ink's own Output makes of a line. */
const libraryCells = (line: string) => library.styledCharsFromTokens(library.tokenize(line));

describe('styledCharsOfLine', () => {
  it('gives every line the cells the library gives it', () => {
    const next = random(7);
    for (let round = 0; round < 3000; round++) {
      const line = styledLine(next);
      expect(styledCharsOfLine(line), JSON.stringify(line)).toEqual(libraryCells(line));
      expect(styledCharsFromTokens(library.tokenize(line))).toEqual(libraryCells(line));
    }
  });

  it('gives each narrow character, plain and styled, the cell the library gives it', () => {
    for (let code = 0; code <= 0xffff; code++) {
      const char = String.fromCharCode(code);
      if (NARROW.test(char))
        expect(styledCharsOfLine(`x${char}\u001b[1m${char}`), code.toString(16)).toEqual(libraryCells(`x${char}\u001b[1m${char}`));
    }
  });

  it('shares cells and styles arrays between lines and frames, and changes none of them', () => {
    // From none shared: past a few thousand, all are forgotten, and one of these lines could fall on either side.
    forgetSharedCells();
    const line = '\u001b[36mabc\u001b[1mde\u001b[22m\u001b[39mf a';
    const before = libraryCells(line);
    const chars = styledCharsOfLine(line);
    expect(chars[0]!.styles).toBe(chars[2]!.styles);
    expect(chars[3]!.styles).toBe(chars[4]!.styles);
    expect(chars[2]!.styles).not.toBe(chars[3]!.styles);
    expect(chars[5]!.styles).toEqual([]);
    // The same character in the same styles is one cell, in this line and in the next frame's.
    expect(chars[7]).not.toBe(chars[0]);
    const again = styledCharsOfLine(`\u001b[36mcab\u001b[39maf`);
    expect(again[0]).toBe(chars[2]);
    expect(again[1]).toBe(chars[0]);
    expect(again[3]).toBe(chars[7]);
    expect(again[4]).toBe(chars[5]);
    expect(chars).toEqual(before);
  });

  it('leaves wide, combining and other lines to the library', () => {
    for (const line of ['ab日', 'e\u0301x', '🚀 go', 'a\u001b]8;;https://example.com\u0007b', '\u001b[1', 'x\u001bx'])
      expect(styledCharsOfLine(line), JSON.stringify(line)).toEqual(libraryCells(line));
  });
});

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
