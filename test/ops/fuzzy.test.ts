// Issue 28 item 1: fzf-like matching, as a table of (query, candidates, expected order, highlights). Every list the user
// types into (the picker, share, `/`, the sync source picker) goes through directory.match.
import { describe, expect, it } from 'vitest';
import { buildDemoSeed } from '../../src/demo/seed';
import { fold, match, scoreFolded } from '../../src/ops/directory';

/** The candidates that match, best first (ties in the order given, as the lists keep them). */
const ranked = (query: string, candidates: string[]) =>
  candidates
    .map((text, index) => ({ text, index, found: match(query, text) }))
    .filter((c) => c.found !== undefined)
    .sort((a, b) => b.found!.score - a.found!.score || a.index - b.index)
    .map((c) => c.text);

/** The text with its highlighted ranges in brackets: `[Sup]port [T]riage`. */
const marked = (query: string, text: string) => {
  const found = match(query, text);
  if (!found) return undefined;
  let out = '';
  let at = 0;
  for (const [start, end] of found.ranges) {
    out += `${text.slice(at, start)}[${text.slice(start, end)}]`;
    at = end;
  }
  return out + text.slice(at);
};

const NAMES = ['Sales Evals', 'Support Triage', 'Search Relevance', 'Search Relevance 2', 'Support Tagging EU', 'strange'];

describe('match: fzf-like', () => {
  it.each([
    // query, candidates, the matches best first
    // Word starts count: the R of Relevance beats the r two letters into strange, which beats the r inside Support.
    ['sr', NAMES, ['Search Relevance', 'Search Relevance 2', 'strange', 'Support Triage', 'Support Tagging EU']],
    ['triage', NAMES, ['Support Triage']],
    ['sup tri', NAMES, ['Support Triage']],
    ['tri sup', NAMES, ['Support Triage']],
    ['srel 2', NAMES, ['Search Relevance 2']],
    ['eu tag', NAMES, ['Support Tagging EU']],
    // Smart case: a capital makes its term exact.
    ['St', NAMES, ['Support Triage', 'Support Tagging EU']],
    ['st', NAMES, ['strange', 'Support Triage', 'Support Tagging EU']],
    ['EVAL', NAMES, []],
    ['xyz', NAMES, []],
    ['', ['b', 'a'], ['b', 'a']],
  ])('%j ranks %j', (query, candidates, expected) => {
    expect(ranked(query, candidates)).toEqual(expected);
  });

  it.each([
    ['sup tri', 'Support Triage', '[Sup]port [Tri]age'],
    ['st', 'Support Triage', '[S]upport [T]riage'],
    ['st', 'strange', '[st]range'],
    ['412', 'ft:gpt-4o-mini:acme-corp:support-triage:Ab:ckpt-step-412', 'ft:gpt-4o-mini:acme-corp:support-triage:Ab:ckpt-step-[412]'],
    [
      'trg412',
      'ft:gpt-4o-mini:acme-corp:support-triage:Ab:ckpt-step-412',
      'ft:gpt-4o-mini:acme-corp:support-[tr]ia[g]e:Ab:ckpt-step-[412]',
    ],
    ['İs', 'İstanbul ops', '[İs]tanbul ops'],
  ])('%j in %j highlights %j', (query, text, expected) => {
    expect(marked(query, text)).toBe(expected);
  });

  it('trg412 puts support-triage’s step 412 first among the demo’s checkpoints and models', () => {
    const seed = buildDemoSeed();
    const candidates = seed.jobs.flatMap((job) => [
      ...(job.fine_tuned_model ? [job.fine_tuned_model] : []),
      ...(seed.jobCheckpoints.get(job.id) ?? []).map((c) => c.fine_tuned_model_checkpoint),
    ]);
    const best = ranked('trg412', candidates);
    expect(best[0]).toMatch(/:support-triage:.*:ckpt-step-412$/);
    // Every other checkpoint with a t, r, g, 4, 1, 2 in order matches too, below it.
    expect(best.length).toBeGreaterThan(1);
  });
});

// A list of 10,000 ranks by the score alone and asks the ranges only of the rows it shows; only the stretch from the
// first letter's first place to the last letter's last place is scored. Expected highlights and scores as before both.
describe('match: the score alone, and the stretch scored', () => {
  it.each([
    ['ab', 'xa-b ab', 'xa-b [ab]', 56],
    ['abc', 'cab c-abc abc_x', 'cab c-[abc] abc_x', 80],
    ['ss', 'ss s', '[ss] s', 56],
    ['ss', 'Class Sets', 'Class [S]et[s]', 44],
    ['ml', 'mail ml-ops', 'mail [ml]-ops', 56],
    ['eu', 'Sales EU Evals eu', 'Sales [EU] Evals eu', 56],
    ['412', 'build 4 1 2 412x', 'build 4 1 2 [412]x', 80],
    ['rel2', 'Search Relevance 12 2', 'Search [Rel]evance 12 [2]', 92],
    ['sup Tr', 'Support Triage', '[Sup]port [Tr]iage', 136],
    ['a a', 'banana', 'b[a]nana', 32],
    ['aa', 'a', undefined, undefined],
    ['ba', 'ab', undefined, undefined],
  ])('%j in %j: %j, score %j', (query, text, highlighted, score) => {
    expect(marked(query, text)).toBe(highlighted);
    expect(match(query, text)?.score).toBe(score);
    expect(scoreFolded(query, text, fold(text))).toBe(score);
  });

  it('scores every demo project name and id as match does, for queries of one letter, several, and several terms', () => {
    const seed = buildDemoSeed(2_000, 2_000);
    const texts = seed.projects.map((p) => `${p.name}\u0000${p.id}`);
    const queries = ['s', 'S', 'x', 'sup', 'Sup', 'rel 2', 'l t 9', 'eu tag', 'proj', 'zq', 'aaa'];
    let matched = 0;
    for (const query of queries) {
      for (const text of texts) {
        const score = scoreFolded(query, text, fold(text));
        expect(score).toBe(match(query, text)?.score);
        if (score !== undefined) matched++;
      }
    }
    // Both kinds of answer were compared.
    expect(matched).toBeGreaterThan(texts.length);
    expect(matched).toBeLessThan(texts.length * queries.length);
  });
});
