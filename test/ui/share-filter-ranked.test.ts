// The share list over 10,000 projects for many random filters, typed letter by letter or at once, with the one-letter
// index made or not yet: the same rows in the same order (and so the same `N of M`) as the straightforward filter,
// which matches every project whole and sorts by score, ties in the list's order, those with access below.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildDemoSeed } from '../../src/demo/seed';
import { mulberry32, randInt, type Rng } from '../../src/demo/random';
import { match } from '../../src/ops/directory';
import { byName, filterProjects, indexLetters, indexLettersSoon, searchTexts, shareList, type Filtered } from '../../src/ui/share-filter';

const seed = buildDemoSeed(10_000, 10_000);
const projects = byName(seed.projects.filter((p) => p.status === 'active').map((p) => ({ id: p.id, name: p.name ?? '', archived: false })));
const rng = mulberry32(0x5ea7c4);
// About one project in five has access already.
const already = Uint8Array.from(projects, () => (rng() < 0.2 ? 1 : 0));

/** The straightforward list: every project matched whole, best first, ties in order, then those with access below. */
function straightforward(texts: string[], query: string): number[] {
  const matches = texts
    .map((text, index) => ({ index, found: match(query.trim(), text) }))
    .filter((c) => c.found !== undefined)
    .sort((a, b) => b.found!.score - a.found!.score || a.index - b.index)
    .map((c) => c.index);
  return [...matches.filter((i) => !already[i]), ...matches.filter((i) => already[i])];
}

/** A filter someone might type: a piece of a name or an id, in either case, sometimes two pieces or a stray letter. */
function randomFilter(rng: Rng, texts: string[]): string {
  const text = texts[randInt(rng, 0, texts.length - 1)]!.replace('\u0000', ' ');
  const start = randInt(rng, 0, text.length - 1);
  let piece = text.slice(start, start + randInt(rng, 1, 6)).trim() || 'a';
  if (rng() < 0.3) piece = piece.toUpperCase();
  else if (rng() < 0.6) piece = piece.toLowerCase();
  if (rng() < 0.25) piece += ` ${String.fromCharCode(randInt(rng, 97, 122))}`;
  if (rng() < 0.1) piece = `${String.fromCharCode(randInt(rng, 33, 126))}${piece}`;
  return piece;
}

describe('the share list for random filters', () => {
  // Each letter of the alphabet, digits, capitals (smart case) and symbols, then random filters.
  const letters = [...'abcdefghijklmnopqrstuvwxyz0123456789SPTRZ_-.!~'];
  const queries = [...letters, ...Array.from({ length: 60 }, () => randomFilter(rng, searchTexts(projects).shown))];

  it.each([
    ['made', true],
    ['not made yet', false],
  ])('typed at once, the letter index %s: the rows and count of the straightforward filter', (_, indexed) => {
    const texts = searchTexts(projects);
    if (indexed) indexLetters(texts);
    for (const query of queries) {
      const shown = shareList(filterProjects(texts, query), already);
      expect([...shown], query).toEqual(straightforward(texts.shown, query));
    }
  });

  it('typed letter by letter (each filter narrowing the last, Backspace and Esc too): the same at every key', () => {
    const texts = searchTexts(projects);
    indexLetters(texts);
    let compared = 0;
    for (const query of queries.slice(letters.length)) {
      let previous: Filtered | undefined;
      // Every prefix, then the whole filter again after a Backspace.
      const typed = [...Array.from(query, (_, i) => query.slice(0, i + 1)), query.slice(0, -1), query, ''];
      for (const text of typed) {
        previous = filterProjects(texts, text, previous);
        expect([...shareList(previous, already)], text).toEqual(straightforward(texts.shown, text));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(200);
  });
});

describe('the letter index of the list on screen', () => {
  afterEach(() => {
    vi.useRealTimers();
  });
  // Read from the index, a letter gives a piece of the index's own list each time; scored, a new list.
  const fromIndex = (texts: ReturnType<typeof searchTexts>) =>
    filterProjects(texts, 's').indexes.buffer === filterProjects(texts, 's').indexes.buffer;

  it('is made half a second after the list is drawn, however often it is drawn again; a newer list is indexed instead', () => {
    vi.useFakeTimers();
    const small = byName(projects.slice(0, 500));
    const first = searchTexts(small);
    const second = searchTexts(small);
    indexLettersSoon(first);
    vi.advanceTimersByTime(400);
    // Drawn again (the screen left and opened again): the wait is not started over.
    indexLettersSoon(first);
    vi.advanceTimersByTime(99);
    expect(fromIndex(first)).toBe(false);
    vi.advanceTimersByTime(1);
    expect(fromIndex(first)).toBe(true);
    // A directory that loads: each snapshot replaces the last before its wait is over, and only the last is indexed.
    const third = searchTexts(small);
    indexLettersSoon(second);
    vi.advanceTimersByTime(300);
    indexLettersSoon(third);
    vi.advanceTimersByTime(500);
    expect([fromIndex(second), fromIndex(third)]).toEqual([false, true]);
    expect([...filterProjects(third, 's').indexes]).toEqual([...filterProjects(second, 's').indexes]);
  });
});
