// The share list's filter over 10,000 projects: ranked by the score alone, narrowed as the text grows, the letters worked
// out only for the rows shown; the same projects in the same order as matching each one whole (directory.match).
import { describe, expect, it } from 'vitest';
import { buildDemoSeed } from '../../src/demo/seed';
import { match } from '../../src/ops/directory';
import { byName, filterProjects, matchedRanges, searchTexts, type Filtered } from '../../src/ui/share-filter';

const seed = buildDemoSeed(10_000, 10_000);
const projects = byName(seed.projects.filter((p) => p.status === 'active').map((p) => ({ id: p.id, name: p.name ?? '', archived: false })));
const texts = searchTexts(projects);

/** Every project matched whole, best first, ties in the list's order. */
const expected = (query: string) =>
  texts.shown
    .map((text, index) => ({ index, found: match(query, text) }))
    .filter((c) => c.found !== undefined)
    .sort((a, b) => b.found!.score - a.found!.score || a.index - b.index)
    .map((c) => c.index);

describe('the share filter at 10,000 projects', () => {
  // `p` keeps every project (each id starts proj_), all scored alike: the list's order.
  it.each(['s', 'p', 'x', 'sup', 'Sup', 'support tri', 'rel 2', 'l t 9', 'zq'])('%j keeps what match keeps, in its order', (query) => {
    const want = expected(query);
    expect([...filterProjects(texts, query).indexes]).toEqual(want);
  });

  it('narrows as a text grows, to what the whole text matches from scratch', () => {
    let previous: Filtered | undefined;
    for (const query of ['s', 'su', 'sup', 'supp', 'support', 'support ', 'support t', 'support tr', 'support tR']) {
      previous = filterProjects(texts, query, previous);
      expect([...previous.indexes]).toEqual(expected(query.trim()));
    }
    expect(previous!.indexes.length).toBeGreaterThan(0);
  });

  it('an empty filter keeps every project in order; the letters of a row are the ones match finds', () => {
    expect([...filterProjects(texts, '  ').indexes]).toEqual(projects.map((_, i) => i));
    const filtered = filterProjects(texts, 'sup tri');
    for (const index of filtered.indexes.slice(0, 30))
      expect(matchedRanges(filtered, index)).toEqual(match('sup tri', texts.shown[index]!)!.ranges);
    expect(matchedRanges(filterProjects(texts, ''), 0)).toEqual([]);
  });
});
