// The number of terminal columns a text takes. string-width is right for every script and emoji, but slow for the
// text this UI draws most: its first non-ASCII call compiles large Unicode-property patterns (10–20 ms) and every
// call walks the text grapheme by grapheme (a table row: ~0.1 ms warm, far more cold). Nearly all of our text is
// ASCII plus a few narrow symbols (· … – → ● › ─), one column each: that case is counted directly, and anything
// else still goes to string-width. The bundle gives Ink (and the libraries it measures text with) this function
// in place of string-width (scripts/build.mjs); test/ui/width.test.ts checks the two agree.
import stringWidth from 'string-width';

/**
 * Characters one column wide wherever they stand: none combines with a neighbour, none is an emoji, a control or
 * East Asian wide (the ambiguous ones among them count as narrow, string-width's default).
 */
export const NARROW = /^[\u0020-\u007e\u00a0-\u00ac\u00ae-\u02ff\u2010-\u2027\u2030-\u205e\u2190-\u2193\u2500-\u257f\u25cb\u25cf]*$/;
/** Colour and style sequences (SGR): no width. */
const SGR = /\u001b\[[0-9;]*m/g;

export interface WidthOptions {
  ambiguousIsNarrow?: boolean;
  countAnsiEscapeCodes?: boolean;
}

export default function textWidth(text: string, options?: WidthOptions): number {
  if (typeof text === 'string' && options?.ambiguousIsNarrow !== false && !options?.countAnsiEscapeCodes) {
    const plain = text.includes('\u001b') ? text.replace(SGR, '') : text;
    // Every NARROW character is a single UTF-16 unit.
    if (NARROW.test(plain)) return plain.length;
  }
  return stringWidth(text, options);
}
