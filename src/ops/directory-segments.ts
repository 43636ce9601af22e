// The whole project directory read in up to four segments at once, cut at ids a directory cache holds in the API's
// order. The list has no `order`, so it cannot be walked from its other end; but where a known id still is, a walk can
// start after it. Segment k starts after its cut and stops once it reads the next cut (they meet); the last reads to
// the end. Whatever the cache says, the result is the one-way walk's: a segment that reaches the end without meeting
// its cut is that walk from there on (later segments dropped); a cut the API refuses, or a project read twice, and the
// one-way walk is read again from the start. Slower, never wrong.
import type { Client } from '../api/client';
import { ApiError } from '../api/errors';
import { FOLLOW_PAGE_SIZE } from '../api/paginate';
import type { ListEnvelope, Project } from '../api/types';

/** At most this many segments (requests in flight at once); each at least a page long, so two need two cached pages. */
export const MOST_SEGMENTS = 4;

export interface SegmentOptions {
  signal?: AbortSignal;
  onPage?: (page: ListEnvelope<Project>) => void;
}

/**
 * The cut ids for `cached` (ids in list order): S-1 ids spread evenly, each the last of a whole page of the cache, so a
 * cache that matches the list costs the one-way walk's requests. None when the cache is under two pages.
 */
export function cutsOf(cached: readonly string[]): string[] {
  const pages = Math.floor(cached.length / FOLLOW_PAGE_SIZE);
  const segments = Math.min(MOST_SEGMENTS, pages);
  if (segments < 2) return [];
  return Array.from({ length: segments - 1 }, (_, i) => cached[Math.round(((i + 1) * pages) / segments) * FOLLOW_PAGE_SIZE - 1]!);
}

/**
 * What one segment read: up to and including its stop id (`met`, and what the page said comes next: the next project's
 * id, `true` for more on a later page, `false` for the end), or to the end of the list; `refused`: its start was.
 */
type Segment = { projects: Project[]; met: true; next: string | boolean } | { projects: Project[]; met: false } | { refused: true };

/**
 * Every project in the one-way walk's order: in segments cut at `cuts` (read at once, each a walk with the client's
 * ceiling), or one way when there are none or the cuts cannot be trusted.
 */
export async function readSegmented(client: Client, cuts: readonly string[], options: SegmentOptions = {}): Promise<Project[]> {
  if (cuts.length === 0) return oneWay(client, options);
  const starts = [undefined, ...cuts];
  const stops = starts.map(() => new AbortController());
  const signalOf = (k: number) => (options.signal ? AbortSignal.any([options.signal, stops[k]!.signal]) : stops[k]!.signal);
  const dropFrom = (k: number) => stops.slice(k).forEach((stop) => stop.abort());
  const segments = starts.map((start, k) =>
    walkSegment(client, start, cuts[k], { ...options, signal: signalOf(k) }).then((segment) => {
      // At the end without meeting the next cut: this segment is the rest of the one-way walk.
      if (!('met' in segment && segment.met)) dropFrom(k + 1);
      return segment;
    }),
  );
  // A dropped segment's failure is nobody's.
  for (const segment of segments) segment.catch(() => undefined);
  try {
    const projects: Project[] = [];
    const seen = new Set<string>();
    let next: string | boolean | undefined;
    for (const segment of segments) {
      const read = await segment;
      // A cut met by the segment before it and refused as a cursor, or a server that did not go on from it: one way.
      if ('refused' in read || !follows(read.projects, next) || read.projects.some((p) => seen.has(p.id))) {
        dropFrom(0);
        return await oneWay(client, options);
      }
      for (const project of read.projects) seen.add(project.id);
      projects.push(...read.projects);
      if (!read.met) return projects;
      next = read.next;
    }
    return projects;
  } finally {
    // No request outlives the read: what was dropped is aborted and settled before it returns.
    dropFrom(0);
    await Promise.allSettled(segments);
  }
}

/** Whether a segment starts where the one before it said the list goes on (undefined: the first segment). */
function follows(projects: Project[], next: string | boolean | undefined): boolean {
  if (next === undefined) return true;
  const first = projects[0]?.id;
  return typeof next === 'string' ? first === next : next === (first !== undefined);
}

const oneWay = async (client: Client, options: SegmentOptions): Promise<Project[]> =>
  ((await walkSegment(client, undefined, undefined, options)) as { projects: Project[] }).projects;

/** One walk from after `start` (the beginning when undefined) until it reads `stop` or the list ends. */
async function walkSegment(client: Client, start: string | undefined, stop: string | undefined, options: SegmentOptions): Promise<Segment> {
  const projects: Project[] = [];
  let pages = 0;
  try {
    for await (const page of client.projects.pages(
      { include_archived: true, after: start, limit: FOLLOW_PAGE_SIZE },
      { signal: options.signal },
    )) {
      pages++;
      options.onPage?.(page);
      const at = stop === undefined ? -1 : page.data.findIndex((project) => project.id === stop);
      if (at >= 0) {
        projects.push(...page.data.slice(0, at + 1));
        return { projects, met: true, next: page.data[at + 1]?.id ?? page.has_more === true };
      }
      projects.push(...page.data);
    }
  } catch (error) {
    // A cut the API does not know as a cursor (deleted since, another organization's): refused at the first request.
    if (start !== undefined && pages === 0 && error instanceof ApiError && (error.status === 400 || error.status === 404))
      return { refused: true };
    throw error;
  }
  return { projects, met: false };
}
