// The permission table's columns, fitted to a terminal's width: the UI's table and the command line's are these.
import type { Permission } from '../api/types';
import { cell, fitMiddle, localDate, relativeAge, safe } from './format';

export interface Columns {
  /** 0 when the terminal is too narrow for it: the revoke dialog still names the permission. */
  permission: number;
  project: number;
  name: number;
  created: number;
  createdStyle: 'full' | 'date' | 'age';
}

/** The spaces between the four columns. */
const GAPS = 4;
const MARK = 2;
/** What a project's name is given before anything else grows: most names fit whole in it. */
const NAME = 19;
/** Where a name stops growing at the ids' expense, once the permission column has gone. */
const NAME_FULL = 28;
/** An id cut in the middle still tells ids apart: `proj_Svm…NJbE`, `cp_q44p…CuY`. */
const ID_CUT = 14;

/**
 * Widths for a terminal `width` columns wide. The name is what people read: it keeps its width longest. The time of
 * day gives way first, then the permission id (cut in the middle), the date, the project id (cut in the middle), then
 * the permission id column goes; only then the name. Room left over goes to the name.
 */
export function tableColumns(width: number): Columns {
  let available = Math.max(20, width - MARK - GAPS);
  let project = 29;
  let permission = 27;
  let name = NAME;
  let created = 26;
  let createdStyle: Columns['createdStyle'] = 'full';
  const over = () => project + permission + name + created - available;
  const shrink = (now: number, floor: number) => Math.max(floor, now - Math.max(0, over()));
  if (over() > 0) [created, createdStyle] = [19, 'date'];
  permission = shrink(permission, ID_CUT);
  if (over() > 0) [created, createdStyle] = [8, 'age'];
  project = shrink(project, ID_CUT);
  if (over() > 0) {
    // Narrow: the permission column goes (with its gap), and its room goes to the name, then the project id.
    permission = 0;
    available += 1;
    name = Math.min(NAME_FULL, name - over());
    project = Math.min(29, project - Math.min(0, over()));
  }
  name = shrink(name, 6);
  project = shrink(project, 10);
  return { permission, project, name: name + Math.max(0, -over()), created, createdStyle };
}

export function createdText(unixSeconds: number, style: Columns['createdStyle'], nowMs: number): string {
  const age = relativeAge(unixSeconds, nowMs);
  if (style === 'age') return age;
  if (style === 'date') return `${localDate(unixSeconds)} ${age}`;
  return `${localDate(unixSeconds, true)}  ${age}`;
}

/** The heading over the rows; `lead` stands over the UI's cursor and mark. */
export function headingLine(columns: Columns, lead = '  '): string {
  return [
    lead,
    ...(columns.permission > 0 ? [cell('PERMISSION', columns.permission), ' '] : []),
    cell('PROJECT ID', columns.project),
    ' ',
    cell('PROJECT NAME', columns.name),
    ' ',
    cell('CREATED', columns.created),
  ].join('');
}

/** A permission's cells, fitted to the columns: the UI's rows and the command line's table are these. */
export function permissionCells(
  columns: Columns,
  row: Pick<Permission, 'id' | 'project_id' | 'created_at'>,
  name: string,
  nowMs: number,
): string {
  return [
    ...(columns.permission > 0 ? [cell(safe(row.id), columns.permission, fitMiddle), ' '] : []),
    cell(safe(row.project_id), columns.project, fitMiddle),
    ' ',
    cell(name, columns.name),
    ' ',
    cell(createdText(row.created_at, columns.createdStyle, nowMs), columns.created),
  ].join('');
}

/** A project's name as the table shows it: `(no name)` for an empty one, `(archived)` after an archived one's. */
export function projectNameText(project: { name: string; archived: boolean }): string {
  return `${safe(project.name) || '(no name)'}${project.archived ? ' (archived)' : ''}`;
}
