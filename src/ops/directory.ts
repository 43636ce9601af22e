// The organization's project directory: how a project is read (one rule for "archived"), the whole list, the lookups
// one by one, the snapshot the UI shows and its merges, and how a text finds a project. The UI's catalog slice, the
// commands and the history all go through here; the cache file is directory-cache.ts.
import type { Client } from '../api/client';
import { readAll } from '../api/paginate';
import { ApiError } from '../api/errors';
import { projectIdProblem } from '../api/ids';
import { sanitizeLine } from '../api/sanitize';
import type { ListEnvelope, Project } from '../api/types';
import { fuzzyMatch, fuzzyScore, type Match } from './fuzzy';
import { cutsOf, readSegmented } from './directory-segments';
import { mapBounded, REQUESTS_AT_ONCE } from './pool';

export { fold, type Match } from './fuzzy';

/** What the tool keeps of a project: its id, its name (trimmed, '' for none) and whether it is archived. */
export interface ProjectInfo {
  id: string;
  name: string;
  archived: boolean;
}

/**
 * Archived by its status; by its archived_at only when it has no status. The API's status decides: a project it calls
 * active is active, whatever else it carries. The share screen, apply, dump and export all ask this.
 */
export function isArchived(project: Pick<Project, 'status' | 'archived_at'>): boolean {
  return project.status === 'archived' || (project.status == null && project.archived_at != null);
}

/** The status export writes: the API's own, else the one `isArchived` reads. */
export function projectStatus(project: Pick<Project, 'status' | 'archived_at'>): string {
  return project.status ?? (isArchived(project) ? 'archived' : 'active');
}

export function projectInfo(project: Project): ProjectInfo {
  return { id: project.id, name: project.name?.trim() || '', archived: isArchived(project) };
}

/**
 * Where a whole walk finds the ids it may cut the list at (the directory cache file, ids in the API's order) and leaves
 * what it read, whole (directory-cache.ts's file, which the UI reads and writes too).
 */
export interface DirectoryStore {
  load(): { projects: readonly { id: string }[] } | undefined;
  save(projects: readonly ProjectInfo[]): void;
}

/**
 * Every project of the organization, archived ones too, in pages of 100: a set (by id), in the API's order. `onPage`
 * sees each page as it comes (the share screen shows what has loaded so far). A walk may start `after` a project (the
 * rest of a walk cut short) and stop `until` the page that holds a project (the rest was read by such a walk). A whole
 * walk with a `cache` is read in segments cut at its ids (directory-segments.ts) and then written to it.
 */
export async function readDirectory<R extends { id: string } = Project>(
  client: Client,
  options: {
    signal?: AbortSignal;
    onPage?: (page: ListEnvelope<Project>) => void;
    keep?: (project: Project) => R;
    after?: string;
    until?: string;
    cache?: DirectoryStore;
  } = {},
): Promise<Map<string, NoInfer<R>>> {
  const { signal, onPage, keep, after, until, cache } = options;
  if (cache !== undefined && after === undefined && until === undefined) {
    const projects = await readSegmented(client, cutsOf(cache.load()?.projects.map((p) => p.id) ?? []), { signal, onPage });
    const all = new Map(projects.map((p) => [p.id, p]));
    cache.save([...all.values()].map(projectInfo));
    return new Map([...all.values()].map((p) => [p.id, keep ? keep(p) : (p as unknown as R)]));
  }
  const pages = client.projects.pages({ include_archived: true, after, limit: 100 }, { signal });
  const projects = await readAll<Project, R>(until === undefined ? pages : upTo(pages, until), { onPage, keep });
  return new Map(projects.map((p) => [p.id, p]));
}

/** The pages up to the one that holds the project `id` (all of them when none does). */
async function* upTo(pages: AsyncIterable<ListEnvelope<Project>>, id: string): AsyncGenerator<ListEnvelope<Project>> {
  for await (const page of pages) {
    yield page;
    if (page.data.some((project) => project.id === id)) return;
  }
}

/**
 * The lookup policy. Up to `oneByOne` projects are asked for by id (GET /organization/projects/{id}); more than that,
 * and the whole list is read instead (a list of 4,000 projects is 40 requests too). Lookups go `concurrency` at a
 * time, except the table's: a screenful of rows is named in one round trip (npm run bench: names_ratio).
 */
export const LOOKUPS = { oneByOne: 40, concurrency: REQUESTS_AT_ONCE, screenful: 24 } as const;

/** Whether `count` projects are looked up one by one rather than by reading the whole list. */
export const lookUpOneByOne = (count: number): boolean => count <= LOOKUPS.oneByOne;

export interface LookupOptions {
  concurrency?: number;
  signal?: AbortSignal;
  /** Once aborted, no further lookup starts. */
  stop?: AbortSignal;
  /** Each answer as it comes: the project, or undefined for one the API does not know (404). */
  onAnswer?: (id: string, project: Project | undefined) => void;
}

export interface Lookups {
  found: Map<string, Project>;
  /** Ids the API answered 404 for: not projects of this organization. */
  unknown: string[];
  /** Lookups that failed otherwise (the caller decides: names are a nicety, a plan is not). */
  failed: { id: string; error: unknown }[];
}

/** Projects asked for by id, a few at a time. */
export async function lookUpProjects(client: Client, ids: readonly string[], options: LookupOptions = {}): Promise<Lookups> {
  const results = await mapBounded(
    ids,
    options.concurrency ?? LOOKUPS.concurrency,
    async (id) => {
      try {
        const project = await client.projects.retrieve(id, { signal: options.signal });
        options.onAnswer?.(id, project);
        return project;
      } catch (error) {
        if (!(error instanceof ApiError && error.status === 404)) throw error;
        options.onAnswer?.(id, undefined);
        return undefined;
      }
    },
    { stop: options.stop },
  );
  const out: Lookups = { found: new Map(), unknown: [], failed: [] };
  for (const result of results) {
    if (!result.ok) out.failed.push({ id: result.item, error: result.error });
    else if (result.value) out.found.set(result.item, result.value);
    else out.unknown.push(result.item);
  }
  return out;
}

/** The projects the UI shows: every one known by id, and the active ones in the order they came (the share list). */
export interface DirectorySnapshot {
  byId: Record<string, ProjectInfo>;
  active: ProjectInfo[];
}

const sameProject = (a: ProjectInfo | undefined, b: ProjectInfo) => a !== undefined && a.name === b.name && a.archived === b.archived;

export function snapshotOf(byId: Record<string, ProjectInfo>): DirectorySnapshot {
  return { byId, active: Object.values(byId).filter((p) => !p.archived) };
}

/**
 * Fresh answers over what was known (the cache, the rows' lookups), written into `current.byId` itself: a copy of
 * 10,000 projects every few pages is megabytes of garbage (bench memory_ratio). The store shows it as a new directory
 * object, which its readers select. Nothing changed (the cache was right): the same snapshot back, so the share screen
 * sorts nothing again.
 */
export function mergeInto(current: DirectorySnapshot, fresh: Record<string, ProjectInfo>): DirectorySnapshot {
  const changed = Object.entries(fresh).some(([id, info]) => !sameProject(current.byId[id], info));
  return changed ? snapshotOf(Object.assign(current.byId, fresh)) : current;
}

/** The whole directory as read in full, replacing what was known; the same snapshot back when it was exactly that. */
export function replaceWith(current: DirectorySnapshot, all: Record<string, ProjectInfo>): DirectorySnapshot {
  const ids = Object.keys(all);
  const unchanged = ids.length === Object.keys(current.byId).length && ids.every((id) => sameProject(current.byId[id], all[id]!));
  return unchanged ? current : snapshotOf(all);
}

/**
 * Where `query` is in `text`, fzf-like (ops/fuzzy.ts): letters in order, smart case, every space-separated term;
 * higher scores first; ranges [start, end) to highlight. Undefined when absent. Every list the user types into uses it.
 */
export function match(query: string, text: string): Match | undefined {
  return fuzzyMatch(query, text);
}

/** `match` with the text already folded (`fold`): the share screen folds 10,000 names once, not at every key. */
export function matchFolded(query: string, text: string, folded: string): Match | undefined {
  return fuzzyMatch(query, text, folded);
}

/** `matchFolded`'s score alone, allocating nothing: a list of 10,000 ranks by it and highlights only what it shows. */
export function scoreFolded(query: string, text: string, folded: string): number | undefined {
  return fuzzyScore(query, text, folded);
}

/** A project named by some text. */
export type Resolved<P> = { id: string } | { ambiguous: P[]; by: 'name' | 'piece' | 'id-start' } | { none: true };

/** What resolve compares: a ProjectInfo, or a project with its name as the API wrote it (access files). */
export interface Named {
  id: string;
  name: string;
  archived: boolean;
}

/**
 * How a text names a project:
 * - `exact` (access files): its name exactly as written, case and all; an active project before archived ones.
 * - `piece` (the UI's filter): a whole id it knows; else its name as shown, any case; else a piece of a name (or the
 *   start of an id). `ambiguous` lists the candidates.
 * A text that looks like a project id and is not one the directory knows is `none` here: each caller says why.
 */
export function resolve<P extends Named>(text: string, projects: Iterable<P>, mode: 'exact' | 'piece'): Resolved<P> {
  const all = [...projects];
  const byId = all.find((p) => p.id === text);
  if (byId) return { id: byId.id };
  if (mode === 'exact') {
    const named = all.filter((p) => p.name !== '' && p.name === text);
    const active = named.filter((p) => !p.archived);
    const candidates = active.length > 0 ? active : named;
    if (candidates.length === 1) return { id: candidates[0]!.id };
    return candidates.length > 1 ? { ambiguous: candidates, by: 'name' } : { none: true };
  }
  // Names are compared as they are shown (control characters removed), so what the user sees can be typed.
  const shown = sanitizeLine(text).trim();
  const lower = shown.toLowerCase();
  const exact = all.filter((p) => sanitizeLine(p.name).trim().toLowerCase() === lower);
  if (exact.length === 1) return { id: exact[0]!.id };
  if (exact.length > 1) return { ambiguous: exact, by: 'name' };
  const found = matching(text, all);
  // One project holding the piece as written decides, however many others match it fuzzily.
  const holding = found.filter((p) => sanitizeLine(p.name).toLowerCase().includes(lower) || p.id.toLowerCase().startsWith(lower));
  if (holding.length === 1 || found.length === 1) return { id: (holding.length === 1 ? holding : found)[0]!.id };
  return found.length > 1 ? { ambiguous: found, by: 'piece' } : { none: true };
}

/**
 * Projects whose name matches `text` (fzf-like, as shown) or whose id starts with it: the best match first, then by
 * name and id. Those whose name holds `text` as written (any case) come first: a piece that named one project before
 * fuzzy matching still names it.
 */
export function matching<P extends Named>(text: string, projects: Iterable<P>): P[] {
  const needle = sanitizeLine(text).trim();
  if (needle === '') return [];
  const lower = needle.toLowerCase();
  const scored: { project: P; holds: boolean; score: number }[] = [];
  for (const project of projects) {
    const name = sanitizeLine(project.name);
    // The score alone: the ranges are the rows' to work out (`/` lists a few of 10,000 matches).
    const score = fuzzyScore(needle, name);
    const idStart = project.id.toLowerCase().startsWith(lower);
    if (score !== undefined || idStart) scored.push({ project, holds: idStart || name.toLowerCase().includes(lower), score: score ?? 0 });
  }
  return scored
    .sort(
      (a, b) =>
        Number(b.holds) - Number(a.holds) ||
        b.score - a.score ||
        a.project.name.localeCompare(b.project.name) ||
        a.project.id.localeCompare(b.project.id),
    )
    .map((s) => s.project);
}

/** Ids in the directory that start with `text`: a piece of an id the user is still typing. */
export function idsStartingWith(text: string, projects: Iterable<Named>): string[] {
  return [...projects].map((p) => p.id).filter((id) => id.startsWith(text));
}

/** A project named on the command line: found, several that share the name, or none (a 404's error kept for its words). */
export type FoundProject = { project: Project } | { ambiguous: Project[] } | { none: true; error?: ApiError };

/**
 * A project named on the command line, as the API has it now (a cached directory is only ever shown): an id is asked
 * for alone; a name must be one project's exact name, read from `directory` or the organization's list.
 */
export async function findProject(
  client: Client,
  text: string,
  options: { directory?: Map<string, Project>; signal?: AbortSignal } = {},
): Promise<FoundProject> {
  if (!projectIdProblem(text)) {
    try {
      return { project: await client.projects.retrieve(text, { signal: options.signal }) };
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return { none: true, error };
      throw error;
    }
  }
  const directory = options.directory ?? (await readDirectory(client, { signal: options.signal }));
  const named = [...directory.values()].map((p) => ({ id: p.id, name: p.name ?? '', archived: isArchived(p) }));
  const found = resolve(text, named, 'exact');
  if ('id' in found) return { project: directory.get(found.id)! };
  if ('ambiguous' in found) return { ambiguous: found.ambiguous.map((p) => directory.get(p.id)!) };
  return { none: true };
}
