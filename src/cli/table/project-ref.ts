// A project as the command line names it: kept as given at parse time and resolved to an id once connected
// (src/cli/project-names.ts). Ids are checked at parse time, and so is what a name must not hold: a malformed one is
// refused before anything is sent.
import { projectIdProblem } from '../../api/ids';
import { looksLikeKey } from '../../api/keys';
import { hasControlCharacters } from '../../api/sanitize';
import { UsageError } from './usage-error';
import type { CommandName } from './types';

/** `--project-id proj_…`, or `--project-id "Billing Copilot"`: a project's exact name, looked up once connected. */
export type ProjectRef = { by: 'id'; id: string } | { by: 'name'; name: string };

/** What the user wrote: an id or a name. */
export const refText = (ref: ProjectRef): string => (ref.by === 'id' ? ref.id : ref.name);

/** The --project-id values, each checked, duplicates dropped (in the order given). */
export function projectRefs(given: readonly string[], command: CommandName): ProjectRef[] {
  const refs: ProjectRef[] = [];
  for (const text of given) {
    const ref = projectRef(text, command);
    if (!refs.some((known) => refText(known) === refText(ref))) refs.push(ref);
  }
  return refs;
}

function projectRef(text: string, command: CommandName): ProjectRef {
  // Anything starting proj_ (any case) is meant as an id, and must be a well-formed one.
  if (/^proj_/i.test(text)) {
    const problem = projectIdProblem(text);
    if (problem) throw new UsageError(`--project-id: ${problem}`, command);
    return { by: 'id', id: text };
  }
  if (text.trim() === '') throw new UsageError('--project-id needs a project id (proj_…) or a project name', command);
  if (hasControlCharacters(text)) throw new UsageError('--project-id: the project name contains control characters', command);
  // Its words say why and never repeat it.
  if (looksLikeKey(text)) throw new UsageError(`--project-id: ${projectIdProblem(text)}`, command);
  return { by: 'name', name: text };
}
