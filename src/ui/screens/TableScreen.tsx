// The permission table of one checkpoint: where you are, the rows, and the dialogs that act on them.
import { Box, Text } from 'ink';
import { useContext } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ConfirmShareDialog, FilterPrompt, HelpOverlay, OutcomesDialog, RevokeDialog, UndoDialog } from '../components/dialogs';
import { MessageLines, type MessageLine } from '../components/MessageLines';
import { SyncPlanDialog } from '../components/SyncPlanDialog';
import { Frame, useBodyHeight } from '../components/Frame';
import { SubjectLine } from '../components/SubjectLine';
import { headingLine, PermissionTable, tableColumns } from '../components/PermissionTable';
import { fit, fitMiddle, safe } from '../format';
import { StoreContext, useActions, useAppStore, useCurrentState } from '../hooks/useAppStore';
import { useCopy } from '../hooks/useCopy';
import { useScreenKeymap } from '../hooks/useScreenKeymap';
import { useMouse } from '../hooks/useMouse';
import { rowAt } from '../list';
import { useTerminalSize } from '../hooks/useTerminalSize';
import { useTheme } from '../theme';
import { contextOf, keyFor, type Action, type HintState } from '../keymap';
import { listWindow } from '../list';
import type { Dialog } from '../../store/app-store';
import { selectTableView, type TableView } from '../../store/slices/table';
import { BUSY, canCancel } from '../../store/slices/ui';

/** Lines of the table screen above its rows: checkpoint, position, column headings. */
export const TABLE_CHROME = 3;

export function TableScreen() {
  const state = useAppStore(useShallow(selectTableView));
  const cancellable = useAppStore(canCancel);
  const actions = useActions();
  const { columns } = useTerminalSize();
  const bodyHeight = useBodyHeight();
  const theme = useTheme();
  const now = useCurrentState();
  const { dialog, page } = state;
  const copy = useCopy();
  const rowsHeight = Math.max(1, bodyHeight - TABLE_CHROME);

  useScreenKeymap('table', {
    up: () => actions.moveCursor(-1),
    down: () => actions.moveCursor(1),
    // The next page starts after the last row on screen (a page taller than the terminal scrolls within itself).
    nextPage: () => {
      const { page: shown, cursor } = now();
      actions.nextPage(shown ? listWindow(cursor, shown.rows.length, rowsHeight).end - 1 : undefined);
    },
    previousPage: actions.previousPage,
    firstPage: actions.firstPage,
    lastPage: actions.lastPage,
    mark: actions.toggleMark,
    clearMarks: actions.clearMarks,
    revoke: actions.askRevoke,
    share: actions.openShare,
    filter: () => actions.openDialog({ kind: 'filter' }),
    order: actions.toggleOrder,
    reload: actions.reload,
    openProject: actions.openProject,
    sync: actions.askSync,
    export: () => void actions.exportPermissions(),
    undo: actions.askUndo,
    copyId: () => copy('permission id', (s) => s.page?.rows[s.cursor]?.id),
    copyProjectId: () => copy('project id', (s) => s.page?.rows[s.cursor]?.project_id),
    history: actions.openHistory,
    back: () => (cancellable ? actions.cancelRunning() : actions.goBack()),
  });

  const store = useContext(StoreContext)!;
  useMouse(
    {
      // The wheel moves the cursor a row a notch, and at either end of the page turns the page.
      wheel: (direction) => {
        const { page, cursor } = store.getState();
        if (!page) return;
        if (direction > 0) {
          if (cursor < page.rows.length - 1) actions.moveCursor(1);
          else if (page.hasMore) actions.nextPage();
        } else if (cursor > 0) actions.moveCursor(-1);
        else if (page.pageNumber > 1) actions.previousPage();
      },
      // A click puts the cursor on the row; a double click marks it (and the cursor stays on it).
      click: (y, count) => {
        const { page, cursor } = store.getState();
        const row = page && rowAt(y - 1 - TABLE_CHROME, cursor, page.rows.length, rowsHeight);
        if (row === undefined || row === null) return;
        actions.moveCursor(row - cursor);
        if (count === 2) {
          actions.toggleMark();
          actions.moveCursor(row - store.getState().cursor);
        }
      },
    },
    { isActive: dialog === null },
  );
  const layout = tableColumns(columns);
  // A dialog takes the place of the position line and the column headings too: small terminals need the room.
  const overlay = dialog !== null && dialog.kind !== 'filter';
  const area = { width: columns, height: Math.max(1, bodyHeight - 1) };

  let body;
  if (dialog?.kind === 'revoke') body = <RevokeDialog dialog={dialog} {...area} />;
  else if (dialog?.kind === 'share-confirm') body = <ConfirmShareDialog dialog={dialog} {...area} />;
  else if (dialog?.kind === 'outcomes') body = <OutcomesDialog dialog={dialog} {...area} />;
  else if (dialog?.kind === 'sync-plan') body = <SyncPlanDialog dialog={dialog} {...area} />;
  else if (dialog?.kind === 'undo') body = <UndoDialog dialog={dialog} {...area} />;
  else if (dialog?.kind === 'help') body = <HelpOverlay context="table" {...area} />;
  else if (page && page.rows.length > 0) {
    body = (
      <PermissionTable
        rows={page.rows}
        cursor={state.cursor}
        marks={state.marks}
        directory={state.directory}
        columns={layout}
        height={rowsHeight}
        nowMs={Date.now()}
      />
    );
  } else body = <EmptyState state={state} width={columns} />;

  return (
    <Frame title="Permissions" context={contextOf(dialog, 'table')} hints={dialog ? dialogHints(dialog) : tableHints(state)}>
      <SubjectLine label="Checkpoint " subject={fitMiddle(safe(state.checkpoint), Math.max(10, columns - 11))} />
      {overlay ? null : dialog?.kind === 'filter' ? (
        <FilterPrompt width={columns} />
      ) : (
        <>
          <Text wrap="truncate" color={theme.accent}>
            {fit(positionLine(state, page ? listWindow(state.cursor, page.rows.length, rowsHeight) : undefined), columns)}
          </Text>
          <Text bold color={theme.muted} wrap="truncate">
            {fit(headingLine(layout), columns)}
          </Text>
        </>
      )}
      <Box flexDirection="column" height={overlay ? area.height : rowsHeight} overflowY="hidden">
        {body}
      </Box>
    </Frame>
  );
}

/** The table's footer offers only what applies: no paging past an end, nothing to mark or revoke without rows. */
export function tableHints(state: Pick<TableView, 'page'>): HintState {
  const { page } = state;
  const off: Action[] = [];
  if (!page?.hasMore) off.push('nextPage');
  if (!page || !(page.hasPrevious ?? page.pageNumber > 1)) off.push('previousPage');
  if (!page || page.rows.length === 0) off.push('mark', 'revoke');
  return { off };
}

/** The sync plan's footer says whether prune is on. */
function dialogHints(dialog: Dialog): HintState {
  return dialog.kind === 'sync-plan' ? { words: { prune: `prune: ${dialog.plan.prune ? 'on' : 'off'}` } } : {};
}

/**
 * `Page 2 · 11–20 · more · newest first · filter proj_… · 3 marked · loading…` (`11–20 of 137` once the total is
 * known). The rows are those on screen (`window`,
 * indexes into the page): a page that scrolls within itself says so, ↓ rows below, ↑ rows above, ↕ both.
 */
export function positionLine(
  state: Pick<TableView, 'page' | 'order' | 'filter' | 'marks' | 'loading' | 'busy'>,
  window?: { start: number; end: number },
): string {
  const parts: string[] = [];
  const { page } = state;
  if (page?.fromEnd) {
    // G: counted from the end until a walk has counted every row.
    parts.push(page.pageNumber === 1 ? 'Last page' : `Page ${page.pageNumber} from the end`);
    parts.push(page.rows.length > 0 ? `${page.firstRow}–${page.lastRow} from the end` : 'no rows');
    parts.push(page.hasMore ? 'more' : 'end');
  } else if (page) {
    parts.push(`Page ${page.pageNumber}`);
    const count = page.rows.length;
    const { start, end } = window ?? { start: 0, end: count };
    const marker = start > 0 && end < count ? ' ↕' : start > 0 ? ' ↑' : end < count ? ' ↓' : '';
    const total = page.total !== undefined ? ` of ${page.total}` : '';
    if (count > 0) parts.push(`${page.firstRow + start}–${page.firstRow + end - 1}${total}${marker}`);
    else parts.push('no rows');
    parts.push(page.hasMore ? 'more' : 'end');
  } else {
    parts.push('Page 1');
  }
  parts.push(state.order === 'descending' ? 'newest first' : 'oldest first');
  parts.push(state.filter ? `filter ${safe(state.filter)}` : 'no filter');
  const marked = Object.keys(state.marks).length;
  if (marked > 0) parts.push(`${marked} marked`);
  if (state.busy !== null) parts.push(BUSY[state.busy].status);
  else if (state.loading) parts.push('loading…');
  return parts.join(' · ');
}

function EmptyState({ state, width }: { state: TableView; width: number }) {
  const lines: MessageLine[] = [];
  if (state.loading && !state.page) lines.push({ text: 'Loading permissions…' });
  else if (state.loadError && !state.page) {
    lines.push({ text: `Could not load the permissions: ${state.loadError}`, tone: 'error' });
    lines.push({ text: `${keyFor('table', 'reload')} tries again · ${keyFor('table', 'back')} picks another checkpoint` });
  } else if (state.filter) {
    lines.push({ text: `No permission for ${safe(state.filter)} on this checkpoint.` });
    lines.push({
      text: `${keyFor('table', 'back')} clears the filter · ${keyFor('table', 'share')} shares the checkpoint with more projects`,
    });
  } else if (state.page) {
    lines.push({ text: 'No project has access to this checkpoint yet.' });
    lines.push({ text: `Press ${keyFor('table', 'share')} to share it with projects of your organization.` });
  }
  return <MessageLines lines={lines} width={width} />;
}
