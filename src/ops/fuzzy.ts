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

/**
 * What one letter matched at each place of `text` scores (fzf's bonus of a letter after the one before it), into
 * `out`: a one-letter query scores SCORE_MATCH + 2 × the best of these where the letter is, so they rank alike.
 */
export function letterBonuses(text: string, out: Uint8Array): void {
  let before = Kind.Other;
  for (let i = 0; i < text.length; i++) {
    const kind = kindOf(text.charCodeAt(i));
    out[i] = bonusOf(before, kind);
    before = kind;
  }
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
  const places: number[] = [];
  const score = scoreTerms(query, text, folded, places);
  if (score === undefined) return undefined;
  return { score, ranges: rangesOf(places, lastTerms.length > 1) };
}

/**
 * `fuzzyMatch`'s score alone, allocating nothing: a list ranks every text by it and asks the ranges only of the rows it
 * shows (the share screen: 10,000 names at every key).
 */
export function fuzzyScore(query: string, text: string, folded?: string): number | undefined {
  return scoreTerms(query, text, folded, undefined);
}

/** The sum of every term's best score, each term's places pushed to `places` when given; undefined when one is absent. */
function scoreTerms(query: string, text: string, folded: string | undefined, places: number[] | undefined): number | undefined {
  // The same query for every text of a list: its terms are parsed once.
  if (query !== lastQuery) [lastQuery, lastTerms] = [query, termsOf(query)];
  let lower: string | undefined = folded;
  let score = 0;
  for (const term of lastTerms) {
    const haystack = term.exact ? text : (lower ??= fold(text));
    const found = termScore(term.text, haystack, text, places);
    if (found === undefined) return undefined;
    score += found;
  }
  return score;
}

let lastQuery = '';
let lastTerms: ReturnType<typeof termsOf> = [];

// Scratch tables reused from one call to the next: the share screen matches 10,000 names at a key.
let scores = new Float64Array(256);
let runs = new Float64Array(256);
let froms = new Int32Array(256);
let bonuses = new Float64Array(64);

/**
 * One term's best score in `haystack` (`text`, folded unless the term is exact), its places pushed to `places` when
 * given. Only the stretch from the needle's first letter's first place to its last letter's last place is scored: no
 * match starts before or ends after it.
 */
function termScore(needle: string, haystack: string, text: string, places: number[] | undefined): number | undefined {
  const m = needle.length;
  const from = haystack.indexOf(needle[0]!);
  if (from < 0) return undefined;
  if (m === 1) {
    // One letter: its best place is the one with the biggest bonus (the first such); no table needed.
    let best = -1;
    let bestBonus = -1;
    for (let i = from; i >= 0; i = haystack.indexOf(needle, i + 1)) {
      const bonus = bonusOf(i === 0 ? Kind.Other : kindOf(text.charCodeAt(i - 1)), kindOf(text.charCodeAt(i)));
      if (bonus > bestBonus) [best, bestBonus] = [i, bonus];
      if (bonus === BONUS_BOUNDARY) break;
    }
    places?.push(best);
    return SCORE_MATCH + bestBonus * FIRST_LETTER_MULTIPLIER;
  }
  // The cheap test before scoring: every letter in order.
  let at = from + 1;
  for (let j = 1; j < m; j++) {
    at = haystack.indexOf(needle[j]!, at);
    if (at < 0) return undefined;
    at++;
  }
  const to = haystack.lastIndexOf(needle[m - 1]!) + 1;
  const n = to - from;
  if (bonuses.length < n) bonuses = new Float64Array(n * 2);
  let before = from === 0 ? Kind.Other : kindOf(text.charCodeAt(from - 1));
  for (let i = 0; i < n; i++) {
    const kind = kindOf(text.charCodeAt(from + i));
    bonuses[i] = bonusOf(before, kind);
    before = kind;
  }
  if (scores.length < n * m) {
    scores = new Float64Array(n * m * 2);
    runs = new Float64Array(n * m * 2);
    froms = new Int32Array(n * m * 2);
  }
  // scores[j*n+i]: the best with needle[j] at from+i; runs: the bonus its run of consecutive letters carries; froms:
  // where needle[j-1] is.
  for (let j = 0; j < m; j++) {
    const row = j * n;
    const up = row - n;
    const code = needle.charCodeAt(j);
    // The best earlier place for needle[j-1] with a gap before i, and where it is.
    let gapBest = NONE;
    let gapAt = -1;
    for (let i = 0; i < n; i++) {
      scores[row + i] = NONE;
      if (j > 0 && i >= 2) {
        const previous = scores[up + i - 2]!;
        gapBest += GAP_EXTENSION;
        if (previous + GAP_START > gapBest) {
          gapBest = previous + GAP_START;
          gapAt = i - 2;
        }
      }
      if (i < j || haystack.charCodeAt(from + i) !== code) continue;
      const bonus = bonuses[i]!;
      if (j === 0) {
        scores[row + i] = SCORE_MATCH + bonus * FIRST_LETTER_MULTIPLIER;
        runs[row + i] = bonus;
        continue;
      }
      const adjacent = scores[up + i - 1]!;
      let best = NONE;
      if (adjacent > NONE) {
        const carried = Math.max(runs[up + i - 1]!, BONUS_CONSECUTIVE, bonus);
        best = adjacent + SCORE_MATCH + carried;
        runs[row + i] = carried;
        froms[row + i] = i - 1;
      }
      if (gapBest > NONE / 2 && gapBest + SCORE_MATCH + bonus > best) {
        best = gapBest + SCORE_MATCH + bonus;
        runs[row + i] = bonus;
        froms[row + i] = gapAt;
      }
      scores[row + i] = best;
    }
  }
  const last = (m - 1) * n;
  let end = -1;
  for (let i = 0; i < n; i++) if (scores[last + i]! > NONE / 2 && (end < 0 || scores[last + i]! > scores[last + end]!)) end = i;
  if (end < 0) return undefined;
  if (places) {
    const start = places.length;
    for (let j = m - 1, i = end; j >= 0; j--) {
      places[start + j] = from + i;
      i = froms[j * n + i]!;
    }
  }
  return scores[last + end]!;
}

function rangesOf(places: number[], several: boolean): [number, number][] {
  // One term's places are in order already; several terms' may overlap and interleave.
  const sorted = several ? [...new Set(places)].sort((a, b) => a - b) : places;
  const ranges: [number, number][] = [];
  for (const at of sorted) {
    const lastRange = ranges.at(-1);
    if (lastRange && lastRange[1] === at) lastRange[1] = at + 1;
    else ranges.push([at, at + 1]);
  }
  return ranges;
}
