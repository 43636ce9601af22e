// Projects named on the command line, found once connected: an id is used as given (the API says when it does not
// know it); a name must be one project's exact name, read from the organization's directory once per command.
// A name matching none or several is a usage error (exit 2) listing the candidates; nothing is changed.
import type { Client } from '../api/client';
import type { Project } from '../api/types';
import { findProject, isArchived, readDirectory, type DirectoryStore } from '../ops/directory';
import { didYouMean } from './did-you-mean';
import { shown } from './table/parse';
import type { CommandName } from './table/types';
import type { ProjectRef } from './table/project-ref';
import { UsageError } from './table/usage-error';

export interface Naming {
  command: CommandName;
  /** create: an archived project cannot be given access, so a name finding only an archived one is refused. */
  activeOnly?: boolean;
  signal?: AbortSignal;
  /** The directory cache file: a name read from the whole list is read in segments and the file written. */
  cache?: DirectoryStore;
}

/** The projects' ids, in the order given, each once (a name and the id of the same project are one project). */
export async function resolveProjects(client: Client, refs: readonly ProjectRef[], naming: Naming): Promise<string[]> {
  let directory: Map<string, Project> | undefined;
  const ids: string[] = [];
  for (const ref of refs) {
    if (ref.by === 'id') {
      ids.push(ref.id);
      continue;
    }
    directory ??= await readDirectory(client, { signal: naming.signal, cache: naming.cache });
    ids.push(await byName(client, ref.name, directory, naming));
  }
  return [...new Set(ids)];
}

export async function resolveProject(client: Client, ref: ProjectRef, naming: Naming): Promise<string> {
  const [id] = await resolveProjects(client, [ref], naming);
  return id!;
}

async function byName(client: Client, name: string, directory: Map<string, Project>, naming: Naming): Promise<string> {
  const found = await findProject(client, name, { directory });
  const quoted = `"${shown(name)}"`;
  if ('project' in found) {
    if (naming.activeOnly && isArchived(found.project)) {
      throw new UsageError(
        `--project-id ${quoted}: ${found.project.id} is archived, and an archived project cannot be given access`,
        naming.command,
      );
    }
    return found.project.id;
  }
  if ('ambiguous' in found) {
    const ids = found.ambiguous.map((p) => `${p.id}${isArchived(p) ? ' (archived)' : ''}`);
    throw new UsageError(`--project-id ${quoted} names ${ids.length} projects: ${ids.join(', ')}; give one by its id`, naming.command);
  }
  throw new UsageError(`--project-id: no project is named ${quoted}${nearNames(name, [...directory.values()])}`, naming.command);
}

/** `: did you mean "Billing Routing" or "Old Billing" (archived)?`, or how names are matched when none is near. */
function nearNames(name: string, projects: Project[]): string {
  const byName = new Map<string, Project[]>();
  for (const project of projects) {
    const key = project.name?.trim();
    if (key) byName.set(key, [...(byName.get(key) ?? []), project]);
  }
  const guess = didYouMean(name, byName.keys(), (candidate) => {
    const archived = byName.get(candidate)!.every(isArchived);
    return `"${shown(candidate)}"${archived ? ' (archived)' : ''}`;
  });
  return guess ? `: ${guess}` : ' (a name must match exactly, letter case too; or give the id, proj_…)';
}
