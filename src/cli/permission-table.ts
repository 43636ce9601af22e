// Permissions as a table for people (list, projects-access on a terminal): the UI's columns fitted to the terminal,
// project names from the directory cache, else looked up one by one; each row is printed once its own name is known.
import type { Client, ClientOptions } from '../api/client';
import { errorLine } from '../api/errors';
import { sanitizeLine } from '../api/sanitize';
import type { Permission } from '../api/types';
import { lookUpProjects, projectInfo, type ProjectInfo } from '../ops/directory';
import { directoryCacheOf } from './directory-file';
import type { CommonOptions } from './table/parse';
import { plural } from '../store/text';
import { cell, fitMiddle, localDate, relativeAge } from '../ui/format';
import { headingLine, permissionCells, projectNameText, tableColumns } from '../ui/table-columns';
import type { Paint } from './colour';

export interface TableOptions {
  /** The terminal's width (a file or pipe asked for a table gets the UI's widest layout). */
  columns?: number;
  paint: Paint;
  nowMs: number;
  /** What the directory cache knows (nothing for the demo, whose projects are its own). */
  cached: readonly ProjectInfo[];
  note(message: string): void;
}

const WIDE = 120;

/** The directory cache of this connection, for names only: every decision still waits for the API. */
export function cachedProjects(
  env: Record<string, string | undefined>,
  options: ClientOptions | undefined,
  common: Pick<CommonOptions, 'noCache'>,
): ProjectInfo[] {
  return directoryCacheOf(common, options, env)?.load()?.projects ?? [];
}

type Answer = ProjectInfo | 'unknown' | 'failed';

/**
 * The names of `ids`: the cached ones at once, the others asked for a few at a time (never the whole directory), each
 * promise settled by its own answer.
 */
function namesOf(client: Client, ids: readonly string[], options: TableOptions): Map<string, Promise<Answer>> {
  const known = new Map(options.cached.map((p) => [p.id, p]));
  const answers = new Map<string, Promise<Answer>>();
  const settle = new Map<string, (answer: Answer) => void>();
  for (const id of new Set(ids)) {
    const cached = known.get(id);
    if (cached) answers.set(id, Promise.resolve(cached));
    else answers.set(id, new Promise((resolve) => settle.set(id, resolve)));
  }
  const missing = [...settle.keys()];
  if (missing.length === 0) return answers;
  let noted = false;
  const failed = (error: unknown) => {
    if (!noted) options.note(`project names unavailable, showing ids only (${errorLine(error)})`);
    noted = true;
  };
  lookUpProjects(client, missing, { onAnswer: (id, project) => settle.get(id)?.(project ? projectInfo(project) : 'unknown') }).then(
    (lookups) => {
      for (const { id, error } of lookups.failed) {
        failed(error);
        settle.get(id)?.('failed');
      }
    },
    (error: unknown) => {
      failed(error);
      for (const resolve of settle.values()) resolve('failed');
    },
  );
  return answers;
}

function nameText(answer: Answer): string {
  if (answer === 'failed') return '';
  if (answer === 'unknown') return '(unknown project)';
  return projectNameText(answer);
}

/** list's table: permission, project id, project name, created (local date and age); `more` under it when there is. */
export async function* permissionRows(
  client: Client,
  permissions: readonly Permission[],
  options: TableOptions,
  more?: string,
): AsyncIterable<string> {
  if (permissions.length === 0) {
    yield 'no permissions: no project has access\n';
    return;
  }
  const columns = tableColumns(options.columns ?? WIDE);
  const names = namesOf(
    client,
    permissions.map((p) => p.project_id),
    options,
  );
  yield `${headingLine(columns, '').trimEnd()}\n`;
  for (const row of permissions) {
    const answer = await names.get(row.project_id)!;
    const line = permissionCells(columns, row, nameText(answer), options.nowMs).trimEnd();
    yield `${typeof answer === 'object' && answer.archived ? options.paint('warning', line) : line}\n`;
  }
  if (more) yield `${options.paint('info', more)}\n`;
}

/** projects-access's table under the project's line: checkpoint, permission id, since (local date and age). */
export function accessRows(
  project: string,
  rows: readonly { fine_tuned_model_checkpoint: string; permission: Permission }[],
  checked: number,
  columns = WIDE,
): string {
  const title = `${project} may use ${rows.length} of the ${plural(checked, 'checkpoint')} checked`;
  if (rows.length === 0) return `${title}\n`;
  const since = (at: number) => `${localDate(at)} ${relativeAge(at, Date.now())}`;
  const permission = 27;
  const sinceWidth = 20;
  const checkpoint = Math.max(20, Math.min(columns - permission - sinceWidth - 2, 80));
  const lines = [title, `${cell('CHECKPOINT', checkpoint)} ${cell('PERMISSION', permission)} SINCE`];
  for (const row of rows) {
    lines.push(
      `${cell(sanitizeLine(row.fine_tuned_model_checkpoint), checkpoint, fitMiddle)} ${cell(sanitizeLine(row.permission.id), permission, fitMiddle)} ${since(row.permission.created_at)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
