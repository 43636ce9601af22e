// fzf's matching, ours in one module: letters in order, smart case, terms separated by spaces that must all match, and
// fzf's scores (a letter 16, a gap -3 then -1 a letter, a word start 8 and the first letter's bonus twice, a run of
// consecutive letters keeping its first letter's bonus). Each term takes its best place (fzf's v2, the table of scores
// kept as two rows), and the places are the ranges to highlight.

/** Where a query was found in a text: the score orders matches (higher first), ranges are [start, end) to highlight. */
export interface Match {
  score: number;
  ranges: [number, number][];
}

const SCORE_MATCH = 16;
const GAP_START = -3;
const GAP_EXTENSION = -1;
const BONUS_BOUNDARY = SCORE_MATCH / 2;
const BONUS_CAMEL = BONUS_BOUNDARY - 1;
const BONUS_CONSECUTIVE = -(GAP_START + GAP_EXTENSION);
const FIRST_LETTER_MULTIPLIER = 2;
const NONE = -1e9;

const enum Kind {
  Other,
  Lower,
  Upper,
  Digit,
}

function kindOf(code: number): Kind {
  if (code >= 97 && code <= 122) return Kind.Lower;
  if (code >= 65 && code <= 90) return Kind.Upper;
  if (code >= 48 && code <= 57) return Kind.Digit;
  // Letters beyond ASCII are letters too (a name in any script).
  return code > 127 && String.fromCharCode(code).toLowerCase() !== String.fromCharCode(code).toUpperCase() ? Kind.Lower : Kind.Other;
}

/** The bonus of a letter after one of kind `before`: a word's start, a capital inside a word, the first digit. */
function bonusOf(before: Kind, kind: Kind): number {
  if (kind === Kind.Other) return 0;
  if (before === Kind.Other) return BONUS_BOUNDARY;
  if ((before === Kind.Lower && kind === Kind.Upper) || (before !== Kind.Digit && kind === Kind.Digit)) return BONUS_CAMEL;
  return 0;
}

/** The terms of a query: spaces separate them; each is matched ignoring case unless it has a capital (smart case). */
export function termsOf(query: string): { text: string; exact: boolean }[] {
  return query
    .split(/\s+/)
    .filter((t) => t !== '')
    .map((t) => ({ text: t, exact: t !== t.toLowerCase() }));
}

/** A text lower-cased letter by letter, so each place in it is the same place in the text (`İ` lowers to two). */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const one = text[i]!.toLowerCase();
    out += one.length === 1 ? one : text[i]!;
  }
  return out;
}

/**
 * `query` in `text`, fzf-like; undefined when a term is not there. `folded` is `text` lower-cased (the same length),
 * passed by a caller that matches many texts again and again (the share screen lowers 10,000 names once).
 */
export function fuzzyMatch(query: string, text: string, folded?: string): Match | undefined {
  const terms = termsOf(query);
  if (terms.length === 0) return { score: 0, ranges: [] };
  let lower: string | undefined = folded;
  let score = 0;
  const places: number[] = [];
  for (const term of terms) {
    const haystack = term.exact ? text : (lower ??= fold(text));
    const found = matchTerm(term.exact ? term.text : term.text.toLowerCase(), haystack, text);
    if (!found) return undefined;
    score += found.score;
    places.push(...found.places);
  }
  return { score, ranges: rangesOf(places) };
}

/** Whether every letter of `needle` is in `haystack` in order: the cheap test before scoring. */
function inOrder(needle: string, haystack: string): boolean {
  let at = 0;
  for (let j = 0; j < needle.length; j++) {
    at = haystack.indexOf(needle[j]!, at);
    if (at < 0) return false;
    at++;
  }
  return true;
}

function matchTerm(needle: string, haystack: string, text: string): { score: number; places: number[] } | undefined {
  if (!inOrder(needle, haystack)) return undefined;
  const n = haystack.length;
  const m = needle.length;
  const bonus = new Array<number>(n);
  let before = Kind.Other;
  for (let i = 0; i < n; i++) {
    const kind = kindOf(text.charCodeAt(i));
    bonus[i] = bonusOf(before, kind);
    before = kind;
  }
  // score[j][i]: the best with needle[j] at i; run[j][i]: the bonus its run of consecutive letters carries; from[j][i]:
  // where needle[j-1] is.
  const score: Float64Array[] = [];
  const run: Float64Array[] = [];
  const from: Int32Array[] = [];
  for (let j = 0; j < m; j++) {
    const row = new Float64Array(n).fill(NONE);
    const runRow = new Float64Array(n);
    const fromRow = new Int32Array(n).fill(-1);
    const code = needle.charCodeAt(j);
    // The best earlier place for needle[j-1] with a gap before i, and where it is.
    let gapBest = NONE;
    let gapAt = -1;
    for (let i = j; i < n; i++) {
      if (j > 0 && i >= 2) {
        const previous = score[j - 1]![i - 2]!;
        gapBest += GAP_EXTENSION;
        if (previous + GAP_START > gapBest) [gapBest, gapAt] = [previous + GAP_START, i - 2];
      }
      if (haystack.charCodeAt(i) !== code) continue;
      if (j === 0) {
        row[i] = SCORE_MATCH + bonus[i]! * FIRST_LETTER_MULTIPLIER;
        runRow[i] = bonus[i]!;
        continue;
      }
      const adjacent = score[j - 1]![i - 1]!;
      let best = NONE;
      if (adjacent > NONE) {
        const carried = Math.max(run[j - 1]![i - 1]!, BONUS_CONSECUTIVE, bonus[i]!);
        best = adjacent + SCORE_MATCH + carried;
        runRow[i] = carried;
        fromRow[i] = i - 1;
      }
      if (gapBest > NONE && gapBest + SCORE_MATCH + bonus[i]! > best) {
        best = gapBest + SCORE_MATCH + bonus[i]!;
        runRow[i] = bonus[i]!;
        fromRow[i] = gapAt;
      }
      row[i] = best;
    }
    score.push(row);
    run.push(runRow);
    from.push(fromRow);
  }
  const last = score[m - 1]!;
  let end = -1;
  for (let i = 0; i < n; i++) if (last[i]! > NONE && (end < 0 || last[i]! > last[end]!)) end = i;
  if (end < 0) return undefined;
  const places = new Array<number>(m);
  for (let j = m - 1, i = end; j >= 0; j--) {
    places[j] = i;
    i = from[j]![i]!;
  }
  return { score: last[end]!, places };
}

function rangesOf(places: number[]): [number, number][] {
  const sorted = [...new Set(places)].sort((a, b) => a - b);
  const ranges: [number, number][] = [];
  for (const at of sorted) {
    const lastRange = ranges.at(-1);
    if (lastRange && lastRange[1] === at) lastRange[1] = at + 1;
    else ranges.push([at, at + 1]);
  }
  return ranges;
}
