// One project's access: every checkpoint it can use, found by looking each candidate up; d revokes it there.
import { Box, Text } from 'ink';
import { HelpOverlay, RevokeDialog, UndoDialog, useProjectLabel } from '../components/dialogs';
import { Frame, useBodyHeight } from '../components/Frame';
import { SubjectLine } from '../components/SubjectLine';
import { List } from '../components/List';
import { createdText } from '../components/PermissionTable';
import { cell, fit, fitMiddle, safe } from '../format';
import { useActions, useAppStore } from '../hooks/useAppStore';
import { useScreenKeymap } from '../hooks/useScreenKeymap';
import { useMouse } from '../hooks/useMouse';
import { rowAt } from '../list';
import { useTerminalSize } from '../hooks/useTerminalSize';
import { contextOf } from '../keymap';
import { useTheme } from '../theme';
import { progressBar } from '../../ops/progress';
import type { ProjectView } from '../../store/app-store';

/** Lines above the rows: the project, where the lookups are, the column headings. */
export const PROJECT_CHROME = 3;

export interface ProjectColumns {
  checkpoint: number;
  permission: number;
  created: number;
  createdStyle: 'date' | 'age';
}

/** The checkpoint id gets what is left: it is cut in the middle, keeping its telling end. */
export function projectColumns(width: number): ProjectColumns {
  const available = Math.max(20, width - 2 - 2);
  let permission = 27;
  let created = 19;
  let createdStyle: ProjectColumns['createdStyle'] = 'date';
  const left = () => available - permission - created;
  if (left() < 24) [created, createdStyle] = [8, 'age'];
  if (left() < 24) permission = Math.max(12, permission - (24 - left()));
  return { checkpoint: Math.max(10, left()), permission, created, createdStyle };
}

export function ProjectScreen() {
  const view = useAppStore((s) => s.project);
  const dialog = useAppStore((s) => s.dialog);
  const actions = useActions();
  const labelOf = useProjectLabel();
  const { columns } = useTerminalSize();
  const bodyHeight = useBodyHeight();
  const theme = useTheme();

  const rowsHeight = Math.max(1, bodyHeight - PROJECT_CHROME);
  useScreenKeymap('project', {
    up: () => actions.moveProjectCursor(-1),
    down: () => actions.moveProjectCursor(1),
    pageUp: () => actions.moveProjectCursor(-rowsHeight),
    pageDown: () => actions.moveProjectCursor(rowsHeight),
    top: () => actions.moveProjectCursor(-Infinity),
    bottom: () => actions.moveProjectCursor(Infinity),
    revoke: actions.askProjectRevoke,
    reload: actions.reloadProject,
    undo: actions.askUndo,
    back: actions.goBack,
  });

  // A click puts the cursor on a checkpoint's row; the wheel moves it a row a notch.
  useMouse(
    {
      wheel: (direction) => actions.moveProjectCursor(direction),
      click: (y) => {
        if (!view) return;
        const row = rowAt(y - 1 - PROJECT_CHROME, view.cursor, view.rows.length, rowsHeight);
        if (row !== undefined) actions.moveProjectCursor(row - view.cursor);
      },
    },
    { isActive: dialog === null },
  );

  if (!view) return null;
  const layout = projectColumns(columns);
  const area = { width: columns, height: Math.max(1, bodyHeight - 1) };

  let body;
  if (dialog?.kind === 'project-revoke') body = <RevokeDialog dialog={dialog} {...area} />;
  else if (dialog?.kind === 'undo') body = <UndoDialog dialog={dialog} {...area} />;
  else if (dialog?.kind === 'help') body = <HelpOverlay context="project" {...area} />;
  else body = <AccessRows view={view} columns={layout} width={columns} height={rowsHeight} />;

  return (
    <Frame
      title="Project access"
      context={contextOf(dialog, 'project')}
      hints={dialog === null && view.rows.length === 0 ? { off: ['revoke'] } : undefined}
    >
      <SubjectLine label="Project " subject={fit(labelOf(view.projectId), Math.max(10, columns - 8))} />
      {dialog !== null ? null : (
        <>
          <Text color={theme.accent} wrap="truncate">
            {fit(statusLine(view), columns)}
          </Text>
          <Text bold color={theme.muted} wrap="truncate">
            {fit(
              `  ${cell('CHECKPOINT', layout.checkpoint)} ${cell('PERMISSION', layout.permission)} ${cell('CREATED', layout.created)}`,
              columns,
            )}
          </Text>
        </>
      )}
      <Box flexDirection="column" height={dialog !== null ? area.height : rowsHeight} overflowY="hidden">
        {body}
      </Box>
    </Frame>
  );
}

/** `[#####-----] 5/12 checking…`, then `Checked 12 checkpoints · 8 can use it · 1 failed`. */
export function statusLine(view: ProjectView): string {
  if (view.status === 'listing') return 'Finding the checkpoints to check (fine-tuning jobs and recent ones)…';
  const note = view.note ? ` · ${view.note}` : '';
  if (view.status === 'checking') return `${progressBar(view.done, view.total)} checking which checkpoints it can use…${note}`;
  const failed = view.failed.length > 0 ? ` · ${view.failed.length} failed (listed below)` : '';
  return `Checked ${view.total} checkpoint${view.total === 1 ? '' : 's'} · ${view.rows.length} can use it${failed}${note}`;
}

/** The checkpoints found, then the lookups that failed; only as many lines as fit, around the highlighted row. */
function AccessRows({ view, columns, width, height }: { view: ProjectView; columns: ProjectColumns; width: number; height: number }) {
  const theme = useTheme();
  const nowMs = Date.now();
  const lines: { key: string; text: string; current?: boolean; tone?: 'error' | 'muted' }[] = view.rows.map((row, index) => ({
    key: row.permission.id,
    current: index === view.cursor,
    text: [
      index === view.cursor ? '› ' : '  ',
      cell(safe(row.checkpoint), columns.checkpoint, (t, w) => fitMiddle(t, w, 0.3)),
      ' ',
      cell(safe(row.permission.id), columns.permission, fitMiddle),
      ' ',
      cell(createdText(row.permission.created_at, columns.createdStyle, nowMs), columns.created),
    ].join(''),
  }));
  if (view.status === 'ready' && view.rows.length === 0) {
    lines.push({ key: 'none', text: `  It can use none of the ${view.total} checkpoints checked.`, tone: 'muted' });
  }
  for (const failure of view.failed) {
    lines.push({
      key: `failed:${failure.checkpoint}`,
      text: `✗ ${fitMiddle(safe(failure.checkpoint), 30, 0.3)}: ${safe(failure.reason)}`,
      tone: 'error',
    });
  }
  return (
    <List
      count={lines.length}
      cursor={view.cursor}
      height={height}
      renderRow={(index) => {
        const line = lines[index]!;
        return (
          <Text
            key={line.key}
            inverse={line.current}
            color={line.tone === 'error' ? theme.tone.error : line.tone === 'muted' ? theme.muted : undefined}
            wrap="truncate"
          >
            {fit(line.text, width)}
          </Text>
        );
      }}
    />
  );
}
