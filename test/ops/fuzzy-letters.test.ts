// The one-letter index (the first key typed into the share field): for every letter, the same texts in the same order
// as matching each text whole and ranking by score, ties in the list's order.
import { describe, expect, it } from 'vitest';
import { buildDemoSeed } from '../../src/demo/seed';
import { fold, match } from '../../src/ops/directory';
import { letterIndex, oneLetterMatches } from '../../src/ops/fuzzy-letters';

/** Every text matched whole, best first, ties in the list's order. */
const ranked = (query: string, texts: string[]) =>
  texts
    .map((text, index) => ({ index, found: match(query, text) }))
    .filter((c) => c.found !== undefined)
    .sort((a, b) => b.found!.score - a.found!.score || a.index - b.index)
    .map((c) => c.index);

// Word starts, capitals inside words, digits after letters, letters beyond ASCII (some that fold to ASCII: the Kelvin
// sign is a k), a name that is only an id, and ones a terminal would not show as typed.
const ODD = [
  'Support Triage',
  'supportTriage v2',
  'SUPPORT-triage_eu',
  'İstanbul Ops',
  'Ärger ärger',
  '\u212aelvin kelvin',
  'naïve café 42',
  'x',
  '',
  'a\tb c',
  '12ab34',
  'proj_only',
];
const seed = buildDemoSeed(3_000, 3_000);
const texts = [...ODD, ...seed.projects.map((p) => `${p.name ?? ''}\u0000${p.id}`)];
const index = letterIndex(texts, texts.map(fold));

describe('one-letter index', () => {
  const printable = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).filter((c) => c !== ' ');
  it.each(printable)('%j: the texts match keeps, in its order', (letter) => {
    const found = oneLetterMatches(index, letter);
    expect(found).toBeDefined();
    expect([...found!]).toEqual(ranked(letter, texts));
  });

  it('ranks by where the letter is best placed: a word start, then a capital or digit inside a word, then the rest', () => {
    const words = ['cat', 'a cat', 'aCat', 'b cat', 'Cat', 'xc'];
    const small = letterIndex(words, words.map(fold));
    expect([...oneLetterMatches(small, 'c')!].map((i) => words[i])).toEqual(['cat', 'a cat', 'b cat', 'Cat', 'aCat', 'xc']);
    expect([...oneLetterMatches(small, 'C')!].map((i) => words[i])).toEqual(['Cat', 'aCat']);
    expect([...oneLetterMatches(small, 'z')!]).toEqual([]);
  });

  it.each(['', ' ', 'ab', 'ä', 'İ', '\u212a'])('%j is no ASCII letter: left to scoring', (query) => {
    expect(oneLetterMatches(index, query)).toBeUndefined();
  });
});
