// The number of terminal columns a text takes. string-width is right for every script and emoji, but slow for the
// text this UI draws most: its first non-ASCII call compiles large Unicode-property patterns (10–20 ms) and every
// call walks the text grapheme by grapheme (a table row: ~0.1 ms warm, far more cold). Nearly all of our text is
// ASCII plus a few narrow symbols (· … – → ● › ─), one column each: that case is counted directly, and anything
// else still goes to string-width. The bundle and the tests give Ink (and the libraries it measures text with) this
// function in place of string-width (../README.md), and the UI measures with it too; test/_vendor/string-width.test.ts
// checks the two agree.
import stringWidth from 'string-width';
import { withoutStyles } from '../../api/sanitize';

/**
 * Characters one column wide wherever they stand: each is a grapheme of its own (none combines with a neighbour),
 * none is an emoji, a control or East Asian wide (the ambiguous ones count as narrow, string-width's default), and
 * each is a single UTF-16 unit.
 */
const NARROW_RANGES: readonly (readonly [number, number])[] = [
  [0x20, 0x7e], // ASCII
  [0xa0, 0xac], // Latin-1, without the soft hyphen
  [0xae, 0x2ff], // Latin-1, Latin Extended, IPA, spacing modifiers (combining marks start at U+0300)
  [0x2010, 0x2027], // dashes, quotes, bullets, … (zero-width spaces and joiners excluded)
  [0x2030, 0x205e], // ‰ › ‹ ‼ and more (bidi controls excluded)
  [0x2190, 0x2193], // ← ↑ → ↓
  [0x2500, 0x257f], // box drawing
  [0x25cb, 0x25cb], // ○
  [0x25cf, 0x25cf], // ●
];

const hex = (n: number) => `\\u${n.toString(16).padStart(4, '0')}`;
export const NARROW = new RegExp(`^[${NARROW_RANGES.map(([from, to]) => `${hex(from)}-${hex(to)}`).join('')}]*$`);

/** Whether the UTF-16 unit `code` is one of the NARROW characters. */
export function isNarrow(code: number): boolean {
  for (const [from, to] of NARROW_RANGES) if (code >= from && code <= to) return true;
  return false;
}

export interface WidthOptions {
  ambiguousIsNarrow?: boolean;
  countAnsiEscapeCodes?: boolean;
}

export default function textWidth(text: string, options?: WidthOptions): number {
  if (typeof text === 'string' && options?.ambiguousIsNarrow !== false && !options?.countAnsiEscapeCodes) {
    // Colour and style sequences take no room; any other escape leaves the text to string-width.
    const plain = text.includes('\u001b') ? withoutStyles(text) : text;
    if (NARROW.test(plain)) return plain.length;
  }
  return stringWidth(text, options);
}
