// The read of the whole project directory (docs/architecture.md, Project directory): a walk cut short last time is
// resumed from its cursor, then the directory is read again from the start; what has loaded is published as it comes.
import { AbortError, adviceFirstLine, ApiError } from '../api/errors';
import { mergeInto, projectInfo, readDirectory, replaceWith } from '../ops/directory';
import type { Project } from '../api/types';
import type { AppState, Directory, ProjectInfo, StoreDeps } from './types';

/** How often what has loaded is shown while it loads: the directory on the share screen, the jobs in the picker. */
export const PUBLISH_MS = 200;
/**
 * Every this many pages, a walk that extends a partial directory publishes it with its cursor (the cache is written);
 * later, every quarter again of what it had read by the last time, so that a walk of 10,000 projects writes its file of
 * everything read so far 11 times, some 41,000 projects in all, rather than 20 times and 105,000 (a quit writes it too).
 */
export const MARK_EVERY_PAGES = 5;

export interface DirectoryWalkDeps extends Pick<StoreDeps, 'client' | 'tasks' | 'flashes' | 'now'> {
  get: () => AppState;
  set: (partial: Partial<AppState>) => void;
}

/** A cursor the API will not page after (a project gone, another organization's): the walk starts over instead. */
const refused = (error: unknown) => error instanceof ApiError && (error.status === 400 || error.status === 404);

/** Known whole: a complete cache, or one whose resumed walk reached the end. A read of it is a refresh. */
const whole = (directory: Directory) => directory.cached === true && directory.resumeAfter === undefined;

export function directoryWalk({ client, tasks, flashes, now, get, set }: DirectoryWalkDeps) {
  /** While a walk runs: shows what has loaded so far at once (the share screen opening, the quit). */
  let publishLoaded: (() => void) | undefined;

  /**
   * One walk. `marks`: it extends a directory known only in part, so it publishes every few pages with the last project
   * id read as the directory's `resumeAfter` (the cache keeps both; the next start resumes after it).
   */
  async function walk(loaded: { count: number }, options: { after?: string; until?: string; marks: boolean }) {
    let fresh: Record<string, ProjectInfo> = {};
    let publishedAt = now();
    let cursor: string | undefined;
    let pages = 0;
    let markedAt = 0;
    // What has loaded so far, shown over what was known before (the cache, the rows' lookups), which the API's own
    // answers replace.
    publishLoaded = () => {
      const current = get().directory;
      const { byId, active } = mergeInto(current, fresh);
      const mark = options.marks && cursor !== undefined ? { resumeAfter: cursor } : {};
      set({ directory: { ...current, status: 'loading', byId, active, loaded: loaded.count, ...mark } });
      fresh = {};
      publishedAt = now();
    };
    // The page's projects as kept, made once: the walk's set and what it shows hold the same 10,000 objects, not two.
    let pageRead = new Map<Project, ProjectInfo>();
    try {
      // A set: the share screen sorts the projects by name when it opens (sorting by locale loads ICU's collation data,
      // megabytes a session that never shares would carry), and the table looks rows up by id.
      return await readDirectory(client, {
        signal: tasks.signal,
        after: options.after,
        until: options.until,
        // Only what is shown: 10,000 whole projects need not be held while the rest load.
        keep: (project) => pageRead.get(project) ?? projectInfo(project),
        onPage: (page) => {
          pageRead = new Map(page.data.map((project) => [project, projectInfo(project)]));
          for (const [project, info] of pageRead) fresh[project.id] = info;
          loaded.count += page.data.length;
          cursor = page.data.at(-1)?.id ?? cursor;
          if (page.has_more !== true) return;
          pages++;
          if (options.marks && pages - markedAt >= Math.max(MARK_EVERY_PAGES, Math.floor(markedAt / 4))) {
            markedAt = pages;
            publishLoaded?.();
          }
          // Only the share screen lists the directory: the table's rows have their own lookups.
          else if (get().screen === 'share' && now() - publishedAt >= PUBLISH_MS) publishLoaded?.();
        },
      });
    } finally {
      publishLoaded = undefined;
    }
  }

  /** Reads the whole directory, resuming first where the last walk stopped. */
  async function readWhole(): Promise<void> {
    const start = get().directory;
    const cursor = start.resumeAfter;
    set({ directory: { ...start, status: 'loading', loaded: 0, error: undefined } });
    const loaded = { count: 0 };
    try {
      let rest: Map<string, ProjectInfo> | undefined;
      if (cursor !== undefined) {
        try {
          rest = await walk(loaded, { after: cursor, marks: true });
          // Whole now: shown and written without a cursor, and what follows is a refresh.
          const current = get().directory;
          set({ directory: { ...current, ...mergeInto(current, Object.fromEntries(rest)), loaded: loaded.count, resumeAfter: undefined } });
        } catch (error) {
          if (!refused(error)) throw error;
        }
      }
      // After a resumed walk, the start up to its cursor is what is left to read afresh.
      const head = await walk(loaded, { until: rest && cursor, marks: rest === undefined && !whole(start) });
      const all = Object.fromEntries(rest ? [...rest, ...head] : head);
      const { byId, active } = replaceWith(get().directory, all);
      set({ directory: { status: 'ready', byId, active, loaded: loaded.count } });
      tasks.drop('names');
      flashes.clearRetryNotice();
    } catch (error) {
      if (error instanceof AbortError) return;
      set({ directory: { status: 'failed', byId: {}, active: [], error: adviceFirstLine(error) } });
      flashes.clearRetryNotice();
    }
  }

  return { readWhole, showLoaded: () => publishLoaded?.() };
}
