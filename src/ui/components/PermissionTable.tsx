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

/** Widths for a terminal `width` columns wide: ids keep their full length as long as anything else can give way. */
export function tableColumns(width: number): Columns {
  const available = Math.max(20, width - MARK - GAPS);
  let permission = 27;
  let project = 29;
  let nameMin = 14;
  const styles: [Columns['createdStyle'], number][] = [
    ['full', 25],
    ['date', 19],
    ['age', 8],
  ];
  let [createdStyle, created] = styles[0]!;
  for (const [style, size] of styles) {
    [createdStyle, created] = [style, size];
    if (permission + project + nameMin + created <= available) break;
  }
  let over = permission + project + nameMin + created - available;
  if (over > 0) {
    const cut = Math.min(over, nameMin - 6);
    nameMin -= cut;
    over -= cut;
  }
  if (over > 0) {
    const fromPermission = Math.min(permission - 9, Math.ceil(over / 2));
    permission -= fromPermission;
    project -= Math.min(project - 9, over - fromPermission);
  }
  const name = Math.max(nameMin, available - permission - project - created);
  return { permission, project, name, created, createdStyle };
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
        const name = known
          ? safe(known.name) || '(no name)'
          : directory.status === 'loading' || directory.status === 'idle'
            ? '…'
            : '(unknown project)';
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
