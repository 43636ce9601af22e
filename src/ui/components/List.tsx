// The rows of a list that fit, around its cursor (list.ts listWindow): one window arithmetic for every list drawn.
import { Box } from 'ink';
import type { ReactNode } from 'react';
import { listWindow } from '../list';

export function List({
  count,
  cursor,
  height,
  renderRow,
}: {
  count: number;
  cursor: number;
  height: number;
  /** One line: row `index`, the highlighted one when `current`. */
  renderRow: (index: number, current: boolean) => ReactNode;
}) {
  const { start, end } = listWindow(cursor, count, height);
  const rows: ReactNode[] = [];
  for (let index = start; index < end; index++) rows.push(renderRow(index, index === cursor));
  return <Box flexDirection="column">{rows}</Box>;
}
