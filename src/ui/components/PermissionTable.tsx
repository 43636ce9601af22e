// The permission rows of one page: only as many as fit are drawn, around the highlighted row.
import { Text } from 'ink';
import type { Permission } from '../../api/types';
import type { Directory } from '../../store/app-store';
import { permissionCells, projectNameText, type Columns } from '../table-columns';
import { useTheme } from '../theme';
import { List } from './List';

export { createdText, headingLine, tableColumns, type Columns } from '../table-columns';

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
  // A page taller than the terminal scrolls within itself (the one list window); the API page stays the same.
  return (
    <List
      count={rows.length}
      cursor={cursor}
      height={height}
      renderRow={(index) => {
        const row = rows[index]!;
        const marked = Boolean(marks[row.id]);
        const known = directory.byId[row.project_id];
        // An archived or unknown project still shows its id (its own column) and says what it is.
        const name = known
          ? projectNameText(known)
          : directory.unknown?.[row.project_id] || directory.status === 'ready' || directory.status === 'failed'
            ? '(unknown project)'
            : '…';
        const text = [
          // Cursor and mark are characters too, for terminals that show no inverse video or colour.
          index === cursor ? '›' : ' ',
          marked ? '●' : ' ',
          permissionCells(columns, row, name, nowMs),
        ].join('');
        return (
          <Text key={row.id} inverse={index === cursor} color={marked ? theme.accent : undefined} bold={marked} wrap="truncate">
            {text}
          </Text>
        );
      }}
    />
  );
}
