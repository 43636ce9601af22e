// The share list's filter over every active project (10,000 and more): a first letter is read from an index, a longer
// filter scores every name (or those the shorter one kept) allocating nothing per name, and only the rows on screen work
// out which letters matched (npm run bench: share_filter_ratio).
import { fold, scoreFolded, matchFolded } from '../ops/directory';
import { letterIndex, oneLetterMatches, type LetterIndex } from '../ops/fuzzy-letters';
import type { ProjectInfo } from '../store/app-store';
import { safe } from './format';

/** By name as a person reads them (the locale's order), then by id. */
export function byName(projects: ProjectInfo[]): ProjectInfo[] {
  // One collator for the whole sort: localeCompare makes one per comparison, which 10,000 projects feel. Numbers in
  // names in their order: Search Relevance 2 before Search Relevance 11.
  const { compare } = new Intl.Collator(undefined, { numeric: true });
  return [...projects].sort((a, b) => compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

// Sorted and folded once per snapshot of the directory (a new one only when a project changed), not at each opening of
// the share screen: 10,000 names take a tenth of a second to sort.
const prepared = new WeakMap<ProjectInfo[], { sorted: ProjectInfo[]; texts: SearchTexts }>();

/** The active projects by name, with what a filter is matched against. */
export function shareProjects(active: ProjectInfo[]): { sorted: ProjectInfo[]; texts: SearchTexts } {
  let found = prepared.get(active);
  if (!found) {
    const sorted = byName(active);
    prepared.set(active, (found = { sorted, texts: searchTexts(sorted) }));
  }
  return found;
}

/** What a filter is matched against, per project: its name as shown (sanitised) and its id, and the same folded once. */
export interface SearchTexts {
  shown: string[];
  folded: string[];
}

export function searchTexts(projects: ProjectInfo[]): SearchTexts {
  const shown = projects.map((p) => `${safe(p.name)}\u0000${p.id}`);
  return { shown, folded: shown.map(fold) };
}

// Per snapshot's texts, the projects under each letter, ranked: a first letter typed into the empty field ranks all
// 10,000 without scoring one.
const letterIndexes = new WeakMap<SearchTexts, LetterIndex>();

/** Makes the texts' one-letter index now (15-40 ms for 10,000 projects). */
export function indexLetters(texts: SearchTexts): void {
  if (!letterIndexes.has(texts)) letterIndexes.set(texts, letterIndex(texts.shown, texts.folded));
}

/** How long texts stay the list's before their index is made: longer than a loading directory takes to change. */
const INDEX_AFTER_MS = 500;
let indexing: { texts: SearchTexts; timer: NodeJS.Timeout } | undefined;

/**
 * Makes the texts' one-letter index once they have been the list's for INDEX_AFTER_MS, the screen left or not: after the
 * list is drawn, and once for a directory that loads (a new snapshot every page or 200 ms on the share screen).
 */
export function indexLettersSoon(texts: SearchTexts): void {
  if (letterIndexes.has(texts) || indexing?.texts === texts) return;
  clearTimeout(indexing?.timer);
  const timer = setTimeout(() => {
    indexing = undefined;
    indexLetters(texts);
  }, INDEX_AFTER_MS);
  indexing = { texts, timer: timer.unref() };
}

/** The projects a filter keeps (their indexes), best match first, ties in the order given. Never changed once made. */
export interface Filtered {
  filter: string;
  texts: SearchTexts;
  indexes: Int32Array;
}

// Every index in order, once per directory: the empty filter (Esc) costs nothing.
const everyIndex = new WeakMap<SearchTexts, Int32Array>();

/**
 * The projects `filter` matches (fzf-like, directory.match). One letter is read from the index; a filter that only grew
 * keeps narrowing the previous matches instead of all 10,000 projects.
 */
export function filterProjects(texts: SearchTexts, filter: string, previous?: Filtered): Filtered {
  const query = filter.trim();
  const count = texts.shown.length;
  if (query === '') {
    let all = everyIndex.get(texts);
    if (!all) everyIndex.set(texts, (all = Int32Array.from({ length: count }, (_, i) => i)));
    return { filter: query, texts, indexes: all };
  }
  const letters = letterIndexes.get(texts);
  const letter = letters && oneLetterMatches(letters, query);
  if (letter) return { filter: query, texts, indexes: letter };
  // A longer query matches a subset of what the shorter one did (terms added or lengthened, smart case included):
  // those marked, then scored in the list's order, which equal scores keep.
  const narrowing = previous !== undefined && previous.texts === texts && previous.filter !== '' && query.startsWith(previous.filter);
  const candidates = narrowing ? new Uint8Array(count) : undefined;
  if (candidates) for (const index of previous!.indexes) candidates[index] = 1;
  const matched = new Int32Array(narrowing ? previous!.indexes.length : count);
  const scores = new Int32Array(matched.length);
  let found = 0;
  for (let index = 0; index < count; index++) {
    if (candidates && !candidates[index]) continue;
    const score = scoreFolded(query, texts.shown[index]!, texts.folded[index]!);
    if (score === undefined) continue;
    matched[found] = index;
    scores[found++] = score;
  }
  return { filter: query, texts, indexes: byScore(matched.subarray(0, found), scores) };
}

/**
 * `matched` (in the list's order) best score first, equal scores in that order: the scores are whole numbers (fzf's
 * weights) within a few hundred of each other, so counted into place rather than compared, in two passes.
 */
function byScore(matched: Int32Array, scores: Int32Array): Int32Array {
  let low = 0;
  let high = 0;
  for (let k = 0; k < matched.length; k++) {
    if (k === 0 || scores[k]! < low) low = scores[k]!;
    if (k === 0 || scores[k]! > high) high = scores[k]!;
  }
  // starts[s]: where the matches scoring high - s go.
  const starts = new Int32Array(high - low + 2);
  for (let k = 0; k < matched.length; k++) starts[high - scores[k]! + 1]!++;
  for (let s = 1; s < starts.length; s++) starts[s]! += starts[s - 1]!;
  const ranked = new Int32Array(matched.length);
  for (let k = 0; k < matched.length; k++) ranked[starts[high - scores[k]!]!++] = matched[k]!;
  return ranked;
}

/** The letters the filter matched in project `index`'s name and id: asked only for the rows on screen. */
export function matchedRanges(filtered: Filtered, index: number): [number, number][] {
  if (filtered.filter === '') return [];
  return matchFolded(filtered.filter, filtered.texts.shown[index]!, filtered.texts.folded[index]!)?.ranges ?? [];
}

/** Per project of the list, 1 when it has access already: read once per answer about access, not at every key. */
export function accessMarks(projects: ProjectInfo[], projectIds: Record<string, unknown>): Uint8Array {
  return Uint8Array.from(projects, (p) => (projectIds[p.id] ? 1 : 0));
}

/** The matching projects, the ones that can be picked first: those with access already go below them. */
export function shareList(filtered: Filtered, already: Uint8Array): Int32Array {
  const { indexes } = filtered;
  const order = new Int32Array(indexes.length);
  let pickable = 0;
  for (const index of indexes) if (!already[index]) order[pickable++] = index;
  let below = pickable;
  for (const index of indexes) if (already[index]) order[below++] = index;
  return order;
}
