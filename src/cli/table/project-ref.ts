// A project as the command line names it: kept as given at parse time and resolved to an id once connected, so a
// reference that needs the server (a name, #26) has a place to be looked up. Ids are checked at parse time: a
// malformed one is refused before anything is sent.
import { projectIdProblem } from '../../api/ids';
import { UsageError } from './usage-error';
import type { CommandName } from './types';

/** Today only `--project-id proj_…`; a `{ by: 'name' }` reference (#26) would resolve through findProject (ops/directory.ts). */
export interface ProjectRef {
  by: 'id';
  id: string;
}

/** The --project-id values, each checked, duplicates dropped (in the order given). */
export function projectRefs(ids: readonly string[], command: CommandName): ProjectRef[] {
  const refs: ProjectRef[] = [];
  for (const id of ids) {
    const problem = projectIdProblem(id);
    if (problem) throw new UsageError(`--project-id: ${problem}`, command);
    if (!refs.some((ref) => ref.id === id)) refs.push({ by: 'id', id });
  }
  return refs;
}

/** The project's id, once connected. */
export async function resolveProject(ref: ProjectRef): Promise<string> {
  return ref.id;
}

export function resolveProjects(refs: readonly ProjectRef[]): Promise<string[]> {
  return Promise.all(refs.map(resolveProject));
}
