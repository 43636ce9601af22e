// Ink draws every frame into a grid of styled cells (one per column and row: 3,000 at 100×30). For each line it
// writes, it asks @alcalzone/ansi-tokenize to split it into characters (tokenize: one Intl.Segmenter step and one
// object per character), to give each character its styles (styledCharsFromTokens: a new array per character), and
// to turn each row back into a string (styledCharsToString: three Sets and half a dozen arrays between every two
// neighbouring cells, even plain ones). Together that is most of the garbage a table frame makes.
//
// These three give the same results with far less work for the text this UI draws: lines of NARROW characters (see
// ../string-width) and colour codes are split without the segmenter, characters styled alike share one styles array,
// and no escape codes are worked out between neighbours styled alike. Anything else goes to the library. Ink's only
// user of ansi-tokenize is its Output, which ../ink/output.ts replaces and which imports this module instead
// (../README.md); test/_vendor/ansi-tokenize.test.ts checks the two agree.
import * as library from '@alcalzone/ansi-tokenize';
import type { AnsiCode, StyledChar, Token } from '@alcalzone/ansi-tokenize';
import { isNarrow } from '../string-width';

export * from '@alcalzone/ansi-tokenize';

const ESC = 0x1b;
const OPEN_BRACKET = 0x5b;
const SEMICOLON = 0x3b;
const LETTER_M = 0x6d;
const isDigit = (code: number) => code >= 0x30 && code <= 0x39;

/** The tokens of one colour or style sequence (`\x1b[1;36m` is two), as the library makes them; kept, they are few. */
const sgrTokens = new Map<string, Token[]>();
const SGR_TOKENS_KEPT = 512;

function tokensOfSgr(sequence: string): Token[] {
  let tokens = sgrTokens.get(sequence);
  if (!tokens) {
    if (sgrTokens.size >= SGR_TOKENS_KEPT) sgrTokens.clear();
    tokens = library.tokenize(sequence);
    sgrTokens.set(sequence, tokens);
  }
  return tokens;
}

/** The library's tokens for a line of NARROW characters and SGR sequences; undefined for any other line. */
function tokenizeNarrow(line: string, endChar: number): Token[] | undefined {
  const tokens: Token[] = [];
  let visible = 0;
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
      for (const token of tokensOfSgr(line.slice(i, end + 1))) tokens.push(token);
      i = end + 1;
      continue;
    }
    if (!isNarrow(code)) return undefined;
    tokens.push({ type: 'char', value: line[i]!, fullWidth: false });
    i++;
    if (++visible >= endChar) {
      // The library stops after a whole grapheme: a mark that would join this character is its to split.
      if (i < line.length && line.charCodeAt(i) !== ESC && !isNarrow(line.charCodeAt(i))) return undefined;
      break;
    }
  }
  return tokens;
}

export function tokenize(line: string, endChar = Number.POSITIVE_INFINITY): Token[] {
  return tokenizeNarrow(line, endChar) ?? library.tokenize(line, endChar);
}

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
