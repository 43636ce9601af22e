// Issue 28 item 1: fzf-like matching, as a table of (query, candidates, expected order, highlights). Every list the user
// types into (the picker, share, `/`, the sync source picker) goes through directory.match.
import { describe, expect, it } from 'vitest';
import { buildDemoSeed } from '../../src/demo/seed';
import { match } from '../../src/ops/directory';

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
