// From an access file to plans: names resolved through the organization's project list, each checkpoint read in
// full, and every reason the file cannot be applied found before anything is changed.
import type { Client } from '../api/client';
import { ApiError, describeError } from '../api/errors';
import { projectLabel } from '../api/sanitize';
import type { Permission, Project } from '../api/types';
import { shown, type AccessFile, type CheckpointEntry, type FileProblem, type Position, type ProjectEntry } from './access-file';
import { planCheckpoint, type CheckpointPlan } from './change-plan';
import { isArchived, lookUpOneByOne, lookUpProjects, readDirectory, resolve, type DirectoryStore, type Named } from './directory';
import { mapBounded, REQUESTS_AT_ONCE, type Settled } from './pool';

export type AccessPlanning =
  { ok: true; plans: CheckpointPlan[]; directory: Map<string, Project> } | { ok: false; problems: FileProblem[] };

/** A project entry as the directory knows it. */
interface Resolved {
  id: string;
  entry: ProjectEntry;
  /** Why it cannot be granted (unknown id, archived): a problem only should it lack access. */
  cannotGrant?: string;
}

/**
 * Reads what the file needs (the project list, then every checkpoint's permissions, four at a
 * time) and plans each checkpoint. Names that match no active project or several, unknown or
 * archived projects that would need access, and checkpoints that do not exist are problems with
 * their place in the file; a failing read (other than a 404) is thrown.
 */
export async function planAccessFile(
  client: Client,
  file: AccessFile,
  options: { signal?: AbortSignal; directory?: Map<string, Project>; cache?: DirectoryStore } = {},
): Promise<AccessPlanning> {
  // The project list and the checkpoints are read side by side: a large organization's list is many pages.
  // Sets: which projects each checkpoint has.
  const reading = mapBounded(file.checkpoints, REQUESTS_AT_ONCE, (entry) =>
    client.permissions.readAll(entry.checkpoint, {}, { signal: options.signal }),
  );
  let directory: Map<string, Project>;
  const byIdOnly = file.checkpoints.every((entry) => entry.projects.every((project) => project.isId));
  if (options.directory || !byIdOnly) {
    try {
      directory = options.directory ?? (await readDirectory(client, { signal: options.signal, cache: options.cache }));
    } finally {
      await reading;
    }
  }
  const reads = await reading;
  // A file of ids needs only the projects that would change: asked one by one when they are few.
  directory ??= await projectsToChange(client, file, reads, options);
  const problems: FileProblem[] = [];
  // As written: an access file names a project exactly, case and all.
  const named: Named[] = [...directory.values()].map((p) => ({ id: p.id, name: p.name ?? '', archived: isArchived(p) }));

  const resolved = file.checkpoints.map((entry) => resolveProjects(entry, directory, named, problems));

  const plans: CheckpointPlan[] = [];
  reads.forEach((read, index) => {
    const entry = file.checkpoints[index]!;
    if (!read.ok) {
      if (read.error instanceof ApiError && read.error.status === 404) {
        problems.push({
          position: entry.position,
          message: `checkpoint ${shown(entry.checkpoint)} does not exist, or this key cannot see it (${describeError(read.error)})`,
        });
        return;
      }
      throw read.error;
    }
    const current: Permission[] = read.value;
    const has = new Set(current.map((p) => p.project_id));
    const ids: string[] = [];
    for (const project of resolved[index]!) {
      if (project.cannotGrant && !has.has(project.id)) problems.push({ position: project.entry.position, message: project.cannotGrant });
      ids.push(project.id);
    }
    plans.push(planCheckpoint(entry.checkpoint, ids, current, entry.exclusive));
  });
  problems.sort((a, b) => a.position.line - b.position.line || a.position.col - b.position.col);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, plans, directory };
}

/**
 * For a file that names every project by id: the projects that would gain or lose access, looked up
 * a few at a time (an unknown id is simply absent), or the whole list when there are many.
 */
async function projectsToChange(
  client: Client,
  file: AccessFile,
  reads: Settled<CheckpointEntry, Permission[]>[],
  { signal, cache }: { signal?: AbortSignal; cache?: DirectoryStore },
): Promise<Map<string, Project>> {
  const wanted = new Set<string>();
  reads.forEach((read, index) => {
    if (!read.ok) return;
    const entry = file.checkpoints[index]!;
    const listed = new Set(entry.projects.map((p) => p.text));
    const has = new Set(read.value.map((p) => p.project_id));
    for (const id of listed) if (!has.has(id)) wanted.add(id);
    if (entry.exclusive) for (const id of has) if (!listed.has(id)) wanted.add(id);
  });
  if (!lookUpOneByOne(wanted.size)) return readDirectory(client, { signal, cache });
  const { found, failed } = await lookUpProjects(client, [...wanted], { concurrency: REQUESTS_AT_ONCE, signal });
  if (failed.length > 0) throw failed[0]!.error;
  return new Map([...found.values()].map((p) => [p.id, p]));
}

function resolveProjects(entry: CheckpointEntry, directory: Map<string, Project>, named: Named[], problems: FileProblem[]): Resolved[] {
  const out: Resolved[] = [];
  const firstAt = new Map<string, Position>();
  for (const project of entry.projects) {
    const found = resolveOne(project, directory, named);
    if ('problem' in found) {
      problems.push({ position: project.position, message: found.problem });
      continue;
    }
    const earlier = firstAt.get(found.id);
    if (earlier) {
      problems.push({
        position: project.position,
        message: `${label(found.id, directory)} is listed twice for this checkpoint (also line ${earlier.line})`,
      });
      continue;
    }
    firstAt.set(found.id, project.position);
    out.push(found);
  }
  return out;
}

function resolveOne(project: ProjectEntry, directory: Map<string, Project>, named: Named[]): Resolved | { problem: string } {
  if (project.isId) {
    const known = directory.get(project.text);
    if (!known) return { id: project.text, entry: project, cannotGrant: `no project ${shown(project.text)} in this organization` };
    if (isArchived(known))
      return { id: known.id, entry: project, cannotGrant: `${label(known.id, directory)} is archived: it cannot be given access` };
    return { id: known.id, entry: project };
  }
  const found = resolve(project.text, named, 'exact');
  if ('id' in found) {
    if (!isArchived(directory.get(found.id)!)) return { id: found.id, entry: project };
    return {
      id: found.id,
      entry: project,
      cannotGrant: `the project named "${shown(project.text)}" (${found.id}) is archived: it cannot be given access`,
    };
  }
  if ('ambiguous' in found) {
    const candidates = found.ambiguous;
    if (candidates.every((p) => p.archived))
      return { problem: `no active project is named "${shown(project.text)}" (${candidates.length} archived ones are)` };
    const ids = candidates.map((p) => p.id).sort();
    return {
      problem: `${candidates.length} active projects are named "${shown(project.text)}" (${ids.join(', ')}): list the one you mean by its id`,
    };
  }
  const lower = project.text.toLowerCase();
  const close = [...new Set(named.map((p) => p.name))].filter((name) => name !== '' && name.toLowerCase() === lower);
  const hint = close.length > 0 ? ` (did you mean "${shown(close[0]!)}"?)` : '';
  return {
    problem: `no project is named "${shown(project.text)}"${hint}: a name must match a project's name exactly, or give its id (proj_…)`,
  };
}

/** `proj_… (Name)`, cleaned for a terminal. */
export function label(projectId: string, directory: Map<string, Pick<Project, 'name'>> | undefined): string {
  return projectLabel(projectId, directory?.get(projectId)?.name);
}
