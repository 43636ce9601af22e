// The share list's filter over every active project (10,000 and more): each key scores every name, allocating nothing
// per name, and only the rows on screen work out which letters matched (npm run bench: share_filter_ratio).
import { fold, scoreFolded, matchFolded } from '../ops/directory';
import type { ProjectInfo } from '../store/app-store';
import { safe } from './format';

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
  indexes: number[];
}

/**
 * The projects `filter` matches (fzf-like, directory.match). A filter that only grew keeps narrowing the previous
 * matches instead of all 10,000 projects.
 */
export function filterProjects(texts: SearchTexts, filter: string, previous?: Filtered): Filtered {
  const query = filter.trim();
  const count = texts.shown.length;
  if (query === '') return { filter: query, texts, indexes: Array.from({ length: count }, (_, i) => i) };
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
  const indexes = new Array<number>(found);
  for (let k = 0; k < found; k++) indexes[k] = ((sorted[k]! % count) + count) % count;
  return { filter: query, texts, indexes };
}

/** The letters the filter matched in project `index`'s name and id: asked only for the rows on screen. */
export function matchedRanges(filtered: Filtered, index: number): [number, number][] {
  if (filtered.filter === '') return [];
  return matchFolded(filtered.filter, filtered.texts.shown[index]!, filtered.texts.folded[index]!)?.ranges ?? [];
}

/** The matching projects, the ones that can be picked first: those with access already go below them. */
export function shareList(projects: ProjectInfo[], filtered: Filtered, hasAccess: (id: string) => boolean): number[] {
  const pickable: number[] = [];
  const already: number[] = [];
  for (const index of filtered.indexes) (hasAccess(projects[index]!.id) ? already : pickable).push(index);
  return pickable.concat(already);
}
