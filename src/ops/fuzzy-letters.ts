// One-letter queries over a list of texts that stays the same for many keys (the share screen's 10,000 projects),
// answered from an index made once with the list: the first key typed into an empty field matches nearly every text,
// and scoring them all was that key's biggest cost. ASCII letters only; any other is scored as before.
import { letterBonuses } from './fuzzy';

/** Per ASCII letter, the texts that have it (their places in the list), ranked as fuzzyScore ranks them. */
export interface LetterIndex {
  ranked: Int32Array;
  /** Where each letter's texts start in `ranked` (and end: the next letter's start). */
  starts: Int32Array;
}

// Keys: a folded ASCII code as it is; a capital as typed (smart case: matched exactly) after them.
const CAPITALS = 128;
const KEYS = CAPITALS + 26;
// Buckets: per key, per bonus (fzf's bonuses are 0 to 8), the biggest first.
const BONUSES = 16;

/**
 * The index of `texts` (`folded` is each lower-cased place for place, as fold makes it): each text under each letter
 * it holds, best place first (the biggest bonus: one letter scores 16 + 2 × bonus), ties in the list's order.
 */
export function letterIndex(texts: readonly string[], folded: readonly string[]): LetterIndex {
  // The best bonus of each key in the text at hand (-1: not in it), and the keys it has.
  const best = new Int8Array(KEYS).fill(-1);
  const keys = new Int32Array(KEYS);
  // Every text's buckets, one after another (ends: where each text's stop), and how many texts each bucket holds.
  let buckets: Uint16Array = new Uint16Array(texts.length * 40);
  const ends = new Int32Array(texts.length);
  const sizes = new Int32Array(KEYS * BONUSES + 1);
  let bonuses = new Uint8Array(64);
  let p = 0;
  for (let t = 0; t < texts.length; t++) {
    const text = texts[t]!;
    const lower = folded[t]!;
    if (bonuses.length < text.length) bonuses = new Uint8Array(text.length * 2);
    letterBonuses(text, bonuses);
    let held = 0;
    for (let i = 0; i < text.length; i++) {
      const bonus = bonuses[i]!;
      const code = lower.charCodeAt(i);
      if (code < CAPITALS) {
        if (best[code]! < 0) keys[held++] = code;
        if (bonus > best[code]!) best[code] = bonus;
      }
      const capital = text.charCodeAt(i) - 65;
      if (capital >= 0 && capital < 26) {
        const key = CAPITALS + capital;
        if (best[key]! < 0) keys[held++] = key;
        if (bonus > best[key]!) best[key] = bonus;
      }
    }
    if (buckets.length < p + held) buckets = grown(buckets, p + held);
    for (let k = 0; k < held; k++) {
      const key = keys[k]!;
      const bucket = key * BONUSES + BONUSES - 1 - best[key]!;
      buckets[p++] = bucket;
      sizes[bucket + 1]!++;
      best[key] = -1;
    }
    ends[t] = p;
  }
  // sizes becomes where each bucket starts; the keys' starts are their first buckets'.
  for (let b = 1; b < sizes.length; b++) sizes[b]! += sizes[b - 1]!;
  const starts = Int32Array.from({ length: KEYS + 1 }, (_, key) => sizes[key * BONUSES]!);
  const ranked = new Int32Array(p);
  for (let t = 0, k = 0; t < texts.length; t++) for (; k < ends[t]!; k++) ranked[sizes[buckets[k]!]!++] = t;
  return { ranked, starts };
}

function grown(buckets: Uint16Array, needed: number): Uint16Array {
  const more = new Uint16Array(Math.max(needed, buckets.length * 2));
  more.set(buckets);
  return more;
}

/**
 * The texts a one-letter query matches, best first (the index's own: never to be changed); undefined for any other
 * query, a letter beyond ASCII included.
 */
export function oneLetterMatches(index: LetterIndex, query: string): Int32Array | undefined {
  if (query.length !== 1) return undefined;
  const code = query.charCodeAt(0);
  // As termsOf: a letter that lower-casing changes is matched exactly. A space is no term (it keeps every text).
  const key = code >= 65 && code <= 90 ? CAPITALS + code - 65 : code < CAPITALS && query.trim() !== '' ? code : -1;
  return key < 0 ? undefined : index.ranked.subarray(index.starts[key], index.starts[key + 1]);
}
