// The share list's filter over every active project (10,000 and more): each key scores every name, allocating nothing
// per name, and only the rows on screen work out which letters matched (npm run bench: share_filter_ratio).
import { fold, scoreFolded, matchFolded } from '../ops/directory';
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

/** The projects a filter keeps (their indexes), best match first, ties in the order given. */
export interface Filtered {
  filter: string;
  texts: SearchTexts;
  indexes: Int32Array;
}

// Every index in order, once per directory: the empty filter (Esc) costs nothing.
const everyIndex = new WeakMap<SearchTexts, Int32Array>();

/**
 * The projects `filter` matches (fzf-like, directory.match). A filter that only grew keeps narrowing the previous
 * matches instead of all 10,000 projects.
 */
export function filterProjects(texts: SearchTexts, filter: string, previous?: Filtered): Filtered {
  const query = filter.trim();
  const count = texts.shown.length;
  if (query === '') {
    let all = everyIndex.get(texts);
    if (!all) everyIndex.set(texts, (all = Int32Array.from({ length: count }, (_, i) => i)));
    return { filter: query, texts, indexes: all };
  }
  // A longer query matches a subset of what the shorter one did (terms added or lengthened, smart case included).
  const narrowing = previous !== undefined && previous.texts === texts && previous.filter !== '' && query.startsWith(previous.filter);
  const candidates = narrowing ? previous.indexes : undefined;
  const total = candidates?.length ?? count;
  // Score and index in one number, sorted as numbers: the best score first, then the lower index (exact while a
  // score times the projects stays under 2^53, far beyond any name).
  const keys = new Float64Array(total);
  let found = 0;
  for (let k = 0; k < total; k++) {
    const index = candidates ? candidates[k]! : k;
    const score = scoreFolded(query, texts.shown[index]!, texts.folded[index]!);
    if (score !== undefined) keys[found++] = index - score * count;
  }
  const sorted = keys.subarray(0, found).sort();
  const indexes = new Int32Array(found);
  for (let k = 0; k < found; k++) indexes[k] = ((sorted[k]! % count) + count) % count;
  return { filter: query, texts, indexes };
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
