// Ink draws every frame into a grid of styled cells (one per column and row: 3,000 at 100×30) and turns each row
// back into a string with @alcalzone/ansi-tokenize's styledCharsToString, which works out the escape codes between
// every two neighbouring cells with three new Sets and half a dozen arrays, even when both are plain. That is most of
// the garbage a table frame makes. This styledCharsToString gives the same string and skips the work where two
// neighbours are styled alike (almost every cell). The bundle gives it to Ink in place of the library's
// (scripts/build.mjs); test/ui/styled-chars.test.ts checks the two agree.
import { ansiCodesToString, diffAnsiCodes, type AnsiCode, type StyledChar } from '@alcalzone/ansi-tokenize';

export * from '@alcalzone/ansi-tokenize';

const NO_STYLES: AnsiCode[] = [];

/** The same codes in the same order: nothing to switch between the two. */
function sameStyles(a: AnsiCode[], b: AnsiCode[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.code !== b[i]!.code || a[i]!.endCode !== b[i]!.endCode) return false;
  return true;
}

export function styledCharsToString(chars: StyledChar[]): string {
  let out = '';
  let previous = NO_STYLES;
  for (const char of chars) {
    if (!sameStyles(previous, char.styles)) out += ansiCodesToString(diffAnsiCodes(previous, char.styles));
    out += char.value;
    previous = char.styles;
  }
  // Styles still open at the end are closed.
  if (previous.length > 0) out += ansiCodesToString(diffAnsiCodes(previous, NO_STYLES));
  return out;
}
