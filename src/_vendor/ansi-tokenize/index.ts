// Ink draws every frame into a grid of styled cells (one per column and row: 3,000 at 100×30). For each line it
// writes, it asks @alcalzone/ansi-tokenize to split it into characters (tokenize: one Intl.Segmenter step and one
// object per character), to give each character its styles (styledCharsFromTokens: a new object and array per
// character), and to turn each row back into a string (styledCharsToString: three Sets and half a dozen arrays between
// every two neighbouring cells, even plain ones). Together that is most of the garbage a table frame makes.
//
// These give the same results with far less work for the text this UI draws: a line of NARROW characters (see
// ../string-width) and colour codes is read straight into cells without the segmenter or a token per character, the
// cells shared from frame to frame; and no escape codes are worked out between neighbours styled alike. Anything else
// goes to the library. Ink's only user of ansi-tokenize is its Output, which ../ink/output.ts replaces and which
// imports this module instead (../README.md); test/_vendor/ansi-tokenize.test.ts checks the two agree.
import * as library from '@alcalzone/ansi-tokenize';
import type { AnsiCode, StyledChar, Token } from '@alcalzone/ansi-tokenize';
import { isNarrow } from '../string-width';

export * from '@alcalzone/ansi-tokenize';

const ESC = 0x1b;
const OPEN_BRACKET = 0x5b;
const SEMICOLON = 0x3b;
const LETTER_M = 0x6d;
const isDigit = (code: number) => code >= 0x30 && code <= 0x39;

/** As the library's, but characters styled alike share one styles array (nothing changes a styles array). */
export function styledCharsFromTokens(tokens: Token[]): StyledChar[] {
  let styles: AnsiCode[] = [];
  const chars: StyledChar[] = [];
  for (const token of tokens) {
    if (token.type === 'ansi') styles = library.reduceAnsiCodesIncremental(styles, [token]);
    else chars.push({ ...token, styles });
  }
  return chars;
}

const NO_STYLES: AnsiCode[] = [];

// Cells shared across frames. A frame of the table is some 3,000 cells, and most of them are the same few characters in
// the same few styles as the frame before: a styles array is made once for each list of codes, and a cell once for each
// character in each styles array. Cells and styles arrays are never changed (Ink's Output, ../ink/output.ts, only
// replaces cells), so sharing them cannot show.
/** Styles array → SGR sequence → the styles array after it. */
const stylesAfter = new Map<AnsiCode[], Map<string, AnsiCode[]>>();
/** The codes of a styles array → the array. */
const stylesByCodes = new Map<string, AnsiCode[]>([['', NO_STYLES]]);
/** Styles array → character code → its cell. */
const cellsIn = new Map<AnsiCode[], Map<number, StyledChar>>();
let sharedCount = 0;
/** Past this many shared arrays and cells, all are forgotten (lines on screen keep theirs): a frame needs a few hundred. */
const SHARED_KEPT = 4096;

/** Forgets every shared cell and styles array (those on screen stay as they are). */
export function forgetSharedCells(): void {
  stylesAfter.clear();
  stylesByCodes.clear();
  stylesByCodes.set('', NO_STYLES);
  cellsIn.clear();
  sharedCount = 0;
}

function share(): void {
  if (++sharedCount >= SHARED_KEPT) forgetSharedCells();
}

function stylesAfterSgr(styles: AnsiCode[], sequence: string): AnsiCode[] {
  let next = stylesAfter.get(styles);
  if (next === undefined) stylesAfter.set(styles, (next = new Map()));
  let after = next.get(sequence);
  if (after === undefined) {
    after = styles;
    for (const token of library.tokenize(sequence)) if (token.type === 'ansi') after = library.reduceAnsiCodesIncremental(after, [token]);
    // One array for each list of codes, however a line came to it.
    const key = after.map((code) => `${code.code}\u0000${code.endCode}`).join('\u0001');
    after = stylesByCodes.get(key) ?? (stylesByCodes.set(key, after), after);
    next.set(sequence, after);
    share();
  }
  return after;
}

function cellOf(styles: AnsiCode[], line: string, index: number): StyledChar {
  const code = line.charCodeAt(index);
  let cells = cellsIn.get(styles);
  if (cells === undefined) cellsIn.set(styles, (cells = new Map()));
  let cell = cells.get(code);
  if (cell === undefined) {
    cell = { type: 'char', value: line[index]!, fullWidth: false, styles };
    cells.set(code, cell);
    share();
  }
  return cell;
}

/** A line of NARROW characters and SGR sequences as styled cells, shared (above); undefined for any other line. */
function styledNarrow(line: string): StyledChar[] | undefined {
  const chars: StyledChar[] = [];
  let styles = NO_STYLES;
  let i = 0;
  while (i < line.length) {
    const code = line.charCodeAt(i);
    if (code === ESC) {
      if (line.charCodeAt(i + 1) !== OPEN_BRACKET) return undefined;
      let end = i + 2;
      for (; end < line.length; end++) {
        const next = line.charCodeAt(end);
        if (next === LETTER_M) break;
        if (next !== SEMICOLON && !isDigit(next)) return undefined;
      }
      if (end >= line.length) return undefined;
      styles = stylesAfterSgr(styles, line.slice(i, end + 1));
      i = end + 1;
      continue;
    }
    if (!isNarrow(code)) return undefined;
    chars.push(cellOf(styles, line, i));
    i++;
  }
  return chars;
}

/**
 * `styledCharsFromTokens(tokenize(line))`, equal to the library's: for a line of narrow characters the cells are shared
 * with every other line that has them (so never change one); any other line is the library's.
 */
export function styledCharsOfLine(line: string): StyledChar[] {
  return styledNarrow(line) ?? styledCharsFromTokens(library.tokenize(line));
}

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
    if (!sameStyles(previous, char.styles)) out += library.ansiCodesToString(library.diffAnsiCodes(previous, char.styles));
    out += char.value;
    previous = char.styles;
  }
  // Styles still open at the end are closed.
  if (previous.length > 0) out += library.ansiCodesToString(library.diffAnsiCodes(previous, NO_STYLES));
  return out;
}
