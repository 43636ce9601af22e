// The permission rows of one page: only as many as fit are drawn, around the highlighted row.
import { Box, Text } from 'ink';
import type { Permission } from '../../api/types';
import type { Directory } from '../../store/app-store';
import { cell, fitMiddle, localDate, relativeAge, safe } from '../format';
import { useTheme } from '../theme';

export interface Columns {
  permission: number;
  project: number;
  name: number;
  created: number;
  createdStyle: 'full' | 'date' | 'age';
}

const GAPS = 4;
const MARK = 2;

/**
 * Widths for a terminal `width` columns wide. The project id stays whole longest (it is what the
 * user recognises); the time of day gives way first, then the permission id (cut in the middle), the
 * date, and the name.
 */
export function tableColumns(width: number): Columns {
  const available = Math.max(20, width - MARK - GAPS);
  let project = 29;
  let permission = 27;
  let name = 14;
  let created = 26;
  let createdStyle: Columns['createdStyle'] = 'full';
  const over = () => project + permission + name + created - available;
  const shrink = (now: number, floor: number) => Math.max(floor, now - Math.max(0, over()));
  if (over() > 0) [created, createdStyle] = [19, 'date'];
  permission = shrink(permission, 12);
  if (over() > 0) [created, createdStyle] = [8, 'age'];
  name = shrink(name, 8);
  project = shrink(project, 12);
  permission = shrink(permission, 10);
  name = shrink(name, 6);
  return { permission, project, name: name + Math.max(0, -over()), created, createdStyle };
}

export function createdText(unixSeconds: number, style: Columns['createdStyle'], nowMs: number): string {
  const age = relativeAge(unixSeconds, nowMs);
  if (style === 'age') return age;
  if (style === 'date') return `${localDate(unixSeconds)} ${age}`;
  return `${localDate(unixSeconds, true)}  ${age}`;
}

export function headingLine(columns: Columns): string {
  return [
    '  ',
    cell('PERMISSION', columns.permission),
    ' ',
    cell('PROJECT ID', columns.project),
    ' ',
    cell('PROJECT NAME', columns.name),
    ' ',
    cell('CREATED', columns.created),
  ].join('');
}

export function PermissionTable({
  rows,
  cursor,
  marks,
  directory,
  columns,
  height,
  nowMs,
}: {
  rows: Permission[];
  cursor: number;
  marks: Record<string, unknown>;
  directory: Directory;
  columns: Columns;
  height: number;
  nowMs: number;
}) {
  const theme = useTheme();
  // A page taller than the terminal scrolls within itself; the API page stays the same.
  const visible = Math.max(1, height);
  const start = Math.max(0, Math.min(cursor - Math.floor(visible / 2), rows.length - visible));
  const shown = rows.slice(start, start + visible);
  return (
    <Box flexDirection="column">
      {shown.map((row, i) => {
        const index = start + i;
        const marked = Boolean(marks[row.id]);
        const known = directory.byId[row.project_id];
        // An archived or unknown project still shows its id (its own column) and says what it is.
        const name = known
          ? `${safe(known.name) || '(no name)'}${known.archived ? ' (archived)' : ''}`
          : directory.unknown?.[row.project_id] || directory.status === 'ready' || directory.status === 'failed'
            ? '(unknown project)'
            : '…';
        const text = [
          // Cursor and mark are characters too, for terminals that show no inverse video or colour.
          index === cursor ? '›' : ' ',
          marked ? '●' : ' ',
          cell(safe(row.id), columns.permission, fitMiddle),
          ' ',
          cell(safe(row.project_id), columns.project, fitMiddle),
          ' ',
          cell(name + (known?.archived ? ' (archived)' : ''), columns.name),
          ' ',
          cell(createdText(row.created_at, columns.createdStyle, nowMs), columns.created),
        ].join('');
        return (
          <Text key={row.id} inverse={index === cursor} color={marked ? theme.accent : undefined} bold={marked} wrap="truncate">
            {text}
          </Text>
        );
      })}
    </Box>
  );
}
