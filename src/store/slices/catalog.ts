// What the organization has: its projects (names for the table, the share list), its fine-tuning jobs (the
// picker), and the checkpoints opened lately.
import { AbortError, adviceFirstLine } from '../../api/errors';
import { projectIdProblem } from '../../api/ids';
import { sanitizeLine } from '../../api/sanitize';
import { idsStartingWith, LOOKUPS, lookUpProjects, matching, projectInfo, resolve } from '../../ops/directory';
import { jobsWithCheckpoints, type JobResult } from '../../ops/jobs';
import { directoryWalk, PUBLISH_MS } from '../directory-walk';
import type { CatalogActions, CatalogState, Directory, JobCheckpointEntry, Jobs, ProjectInfo, SliceCreator } from '../types';

/** The newest jobs the picker lists: hundreds load behind the first rows, a page of jobs at a time. */
const JOBS_LIMIT = 2_000;
const CHECKPOINTS_PER_JOB = 20;

export const createCatalogSlice: SliceCreator<CatalogState & CatalogActions> =
  ({ client, tasks, flashes, concurrency, recent, now }) =>
  (set, get) => {
    const { readWhole, showLoaded } = directoryWalk({ client, tasks, flashes, now, get, set });
    /** The read of the directory under way: a caller that needs it whole waits for it. */
    let reading: Promise<void> | undefined;
    return {
      directory: { status: 'idle', byId: {}, active: [] },
      recent: recent.load(),
      jobs: { status: client.hasApiKey ? 'idle' : 'unavailable', entries: [] },

      loadDirectory() {
        const { directory } = get();
        if (directory.status === 'loading') return reading ?? Promise.resolve();
        if (directory.status === 'ready') return Promise.resolve();
        reading = readWhole().finally(() => (reading = undefined));
        return reading;
      },

      showLoadedProjects() {
        showLoaded();
      },

      async lookUpProjects(projectIds) {
        const task = tasks.start('names');
        const { directory } = get();
        // A directory read in full knows every project: one it lacks is not the organization's.
        if (directory.status === 'ready') return task.end();
        const wanted = [...new Set(projectIds)].filter((id) => !directory.byId[id] && !directory.unknown?.[id] && !projectIdProblem(id));
        if (wanted.length === 0) return task.end();
        // Answers that arrive together are shown together: one change of state, one frame.
        let batch: (ProjectInfo | string)[] = [];
        const found = (result: ProjectInfo | string) => {
          if (batch.push(result) > 1) return;
          setImmediate(() => {
            const results = batch;
            batch = [];
            // Dropped (another page, the store gone): its answers are no longer wanted. Ended is fine: the last came in.
            if (task.signal.aborted) return;
            const current = get().directory;
            // Added to the directory's own byId (a copy of 10,000 projects per batch is megabytes of garbage): the
            // new directory object is what its readers see change.
            const { byId } = current;
            const unknown = { ...current.unknown };
            const added: ProjectInfo[] = [];
            for (const result of results) {
              if (typeof result === 'string') unknown[result] = true;
              else if (!byId[result.id]) {
                byId[result.id] = result;
                if (!result.archived) added.push(result);
              }
            }
            const active = added.length > 0 ? [...current.active, ...added] : current.active;
            set({ directory: { ...current, unknown, active } });
          });
        };
        try {
          await lookUpProjects(client, wanted, {
            concurrency: LOOKUPS.screenful,
            signal: task.signal,
            stop: task.signal,
            onAnswer: (id, project) => found(project ? projectInfo(project) : id),
          });
        } finally {
          task.end();
        }
      },

      async loadJobs() {
        if (!client.hasApiKey) {
          set({ jobs: { status: 'unavailable', entries: [] } });
          return;
        }
        if (get().jobs.status === 'loading') return;
        set({ jobs: { status: 'loading', entries: [] } });
        // The rows so far stay when a later request fails: what was read can still be picked.
        const entries: JobCheckpointEntry[] = [];
        let skipped = 0;
        const skippedNote = () => (skipped > 0 ? { skipped } : {});
        // Shown at most every PUBLISH_MS (the first rows at once): each showing filters and draws every row so far.
        let progress: Jobs['progress'];
        let shownAt = -Infinity;
        let timer: NodeJS.Timeout | undefined;
        const show = () => {
          // Shown at once while a timer is still pending (a busy event loop runs it late): that timer must not show
          // this snapshot again after the load has ended.
          clearTimeout(timer);
          timer = undefined;
          shownAt = now();
          set({ jobs: { status: 'loading', entries: [...entries], progress, ...skippedNote() } });
        };
        try {
          // The picker lists the jobs' rows as they are read, appended in the jobs' order; the project view
          // (candidateCheckpoints) reads them all.
          let read = 0;
          await jobsWithCheckpoints(client, {
            maxJobs: JOBS_LIMIT,
            checkpointsPerJob: CHECKPOINTS_PER_JOB,
            concurrency,
            signal: tasks.signal,
            onSkipped: (count) => (skipped += count),
            onProgress: ({ ready, listed, allListed }) => {
              for (const result of ready) entries.push(...jobEntries(result));
              read += ready.length;
              progress = { read, listed, ...(allListed ? { of: listed } : {}) };
              const wait = shownAt + PUBLISH_MS - now();
              if (wait <= 0) show();
              else timer ??= setTimeout(show, wait);
            },
          });
          clearTimeout(timer);
          set({ jobs: { status: 'ready', entries, ...skippedNote() } });
          flashes.clearRetryNotice();
        } catch (error) {
          clearTimeout(timer);
          if (error instanceof AbortError) return;
          set({ jobs: { status: 'failed', entries, error: adviceFirstLine(error), ...skippedNote() } });
          flashes.clearRetryNotice();
        }
      },
    };
  };

// A project id in full: proj_ and (at OpenAI, and in the demo) 24 letters and digits; a shorter one is a piece of one.
const WHOLE_PROJECT_ID = /^proj_[A-Za-z0-9]{20,}$/;

/** Projects whose name holds `text` (case-insensitive, as shown), or whose id starts with it: the filter's choices. */
export function projectMatches(text: string, directory: Directory): ProjectInfo[] {
  return matching(text, Object.values(directory.byId));
}

/**
 * A filter is a whole project id, or a name (or a piece of one) that the directory knows exactly once. A piece of an
 * id is refused: the API would answer for that exact id, and say the checkpoint has no permission for it.
 */
export function resolveProject(text: string, directory: Directory): { id?: string; problem?: string } {
  const shown = sanitizeLine(text).trim();
  const projects = Object.values(directory.byId);
  if (!projectIdProblem(text)) {
    if (directory.byId[text]) return { id: text };
    const extending = idsStartingWith(text, projects).length;
    if (extending > 0)
      return {
        problem: `"${shown}" is only the start of a project id (${extending === 1 ? '1 project' : `${extending} projects`}): pick it from the list, or type the whole id`,
      };
    if (WHOLE_PROJECT_ID.test(text)) return { id: text };
    return { problem: `"${shown}" is not a whole project id: type all of it (proj_ and 24 letters and digits), or a part of the name` };
  }
  const found = resolve(text, projects, 'piece');
  if ('id' in found) return { id: found.id };
  if ('ambiguous' in found) {
    const n = found.ambiguous.length;
    return found.by === 'name'
      ? { problem: `${n} projects are named "${shown}": pick one from the list, or use its id` }
      : { problem: `${n} project names hold "${shown}": pick one from the list (↑↓ Enter)` };
  }
  if (!text.startsWith('proj_'))
    return { problem: `no project is named "${shown}", nor has it in its name: type a part of its name or its proj_… id` };
  return { problem: projectIdProblem(text) };
}

/** A job's rows in the picker: its fine-tuned model, then its other checkpoints (none when they could not be read). */
function jobEntries(result: JobResult): JobCheckpointEntry[] {
  const job = result.item;
  const entries: JobCheckpointEntry[] = [
    { id: job.fine_tuned_model, kind: 'model', jobId: job.id, baseModel: job.model, createdAt: job.finished_at ?? job.created_at },
  ];
  if (!result.ok) return entries;
  for (const c of result.value) {
    if (c.fine_tuned_model_checkpoint === job.fine_tuned_model) continue;
    entries.push({
      id: c.fine_tuned_model_checkpoint,
      kind: 'checkpoint',
      jobId: job.id,
      baseModel: job.model,
      step: c.step_number,
      trainLoss: c.metrics?.train_loss,
      createdAt: c.created_at,
    });
  }
  return entries;
}

/** The most projects a filter by name takes: more, and the user is asked to type more of the name. */
export const FILTER_PROJECTS = 20;

/**
 * The table's filter for what was typed: a project id (whole, or the start of one, as resolveProject says), or every
 * project whose name or id matches, which may be several (the rows are then the union of theirs), up to 20.
 */
export function projectFilter(text: string, directory: Directory): { filter: string; projects?: string[] } | { problem: string } {
  if (text.startsWith('proj_') || !projectIdProblem(text)) {
    const resolved = resolveProject(text, directory);
    return resolved.id ? { filter: resolved.id } : { problem: resolved.problem ?? 'not a project id' };
  }
  const shown = sanitizeLine(text).trim();
  // A project's whole name (any case) is that project, whatever else holds it.
  const named = Object.values(directory.byId).filter((p) => sanitizeLine(p.name).trim().toLowerCase() === shown.toLowerCase());
  if (named.length === 1) return { filter: named[0]!.id };
  const fuzzy = projectMatches(text, directory);
  if (fuzzy.length === 1) return { filter: fuzzy[0]!.id };
  if (fuzzy.length === 0) return { problem: resolveProject(text, directory).problem ?? 'no project matches' };
  // The union takes the projects whose name holds every word typed; letters merely in order (the list's fuzzy matches)
  // are for picking one with ↑↓ Enter, never a filter of dozens by accident.
  const terms = shown.toLowerCase().split(/\s+/);
  const matches = fuzzy.filter((p) => {
    const name = sanitizeLine(p.name).toLowerCase();
    return terms.every((term) => name.includes(term)) || p.id.toLowerCase().startsWith(terms[0]!);
  });
  if (matches.length === 1) return { filter: matches[0]!.id };
  if (matches.length === 0) {
    return { problem: `no project name holds "${shown}"; ${fuzzy.length} match it loosely: pick one from the list (↑↓ Enter)` };
  }
  if (matches.length > FILTER_PROJECTS) {
    return { problem: `"${shown}" matches ${matches.length} projects: type more of the name (a filter takes at most ${FILTER_PROJECTS})` };
  }
  return { filter: `"${shown}" (${matches.length} projects)`, projects: matches.map((p) => p.id) };
}
