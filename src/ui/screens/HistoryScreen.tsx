// A checkpoint's history (H on the table): every grant and revoke from the audit log, newest first, a page at a time.
import { Box, Text } from 'ink';
import { actorText, type HistoryEntry } from '../../ops/history';
import type { HistoryView } from '../../store/app-store';
import { historyPage } from '../../store/slices/history';
import { sanitizeLine } from '../../api/sanitize';
import { HelpOverlay } from '../components/dialogs';
import { Frame, useBodyHeight } from '../components/Frame';
import { SubjectLine } from '../components/SubjectLine';
import { MessageLines, type MessageLine } from '../components/MessageLines';
import { cell, fit, fitMiddle, localDate, safe } from '../format';
import { useActions, useAppStore } from '../hooks/useAppStore';
import { useScreenKeymap } from '../hooks/useScreenKeymap';
import { useTerminalSize } from '../hooks/useTerminalSize';
import { keyFor, type Action, type HintState } from '../keymap';
import { useTheme } from '../theme';
import textWidth from '../../_vendor/string-width';

/** Lines above the rows: the checkpoint, where you are, the column headings. */
export const HISTORY_CHROME = 3;

export interface HistoryColumns {
  when: number;
  withTime: boolean;
  action: number;
  project: number;
  actor: number;
}

/**
 * The time loses its hour first. Names are what people read, as in the table: the project gets its longest name on the
 * page with its whole id when it can; the actor keeps its core (an email, `service account`) and its ids give way
 * first, then the project's id, and only then a name.
 */
export function historyColumns(width: number, longestActor = 40, longestName = 20, actorCore = longestActor): HistoryColumns {
  const available = Math.max(20, width - 2 - 3);
  const withTime = available >= 16 + 7 + 40;
  const when = withTime ? 16 : 10;
  const action = 7;
  const rest = Math.max(10, available - when - action);
  const projectWant = longestName + 3 + PROJECT_ID;
  const core = Math.min(Math.max(4, actorCore), Math.floor(rest / 2));
  // The whole actor when there is room for it beside the whole project; else its core.
  const actor = Math.max(core, Math.min(longestActor, rest - projectWant));
  return { when, withTime, action, project: rest - actor, actor };
}

/** A project id's length (`proj_` and 24). */
const PROJECT_ID = 29;
/** What an actor keeps longest: its email or kind; its ids are the `extra` that give way. */
function actorParts(entry: Pick<HistoryEntry, 'actor' | 'before_log'>): [string, string] {
  const label = safe(actorText(entry));
  const parts = /^(.+?) (\(API key .*\))$/.exec(label) ?? /^(service account) (.+)$/.exec(label);
  return parts ? [parts[1]!, parts[2]!] : [label, ''];
}

/** The columns an actor's core takes: its main part, and room for a cut id after it. */
export function actorCoreWidth(entry: Pick<HistoryEntry, 'actor' | 'before_log'>): number {
  const [main, extra] = actorParts(entry);
  return textWidth(main) + (extra ? 1 + Math.min(8, textWidth(extra)) : 0);
}

/**
 * `main` kept whole as long as it fits, `extra` after it cut in the middle into what is left, and dropped when
 * fewer than 8 columns are left for it: a project's name before its id, an actor before its API key's id.
 */
export function keepFirst(main: string, extra: string, width: number): string {
  if (extra === '') return fit(main, width);
  if (main === '') return fitMiddle(extra, width);
  const room = width - textWidth(main) - 1;
  return room >= Math.min(8, textWidth(extra)) ? `${main} ${fitMiddle(extra, room)}` : fit(main, width);
}

/** A history row's project: its name whole as long as it can be, then its id (`(proj_Svm…NJbE)`). */
export function projectCell(projectId: string, name: string | null | undefined, width: number): string {
  const shown = sanitizeLine(name ?? '').trim();
  const id = sanitizeLine(projectId);
  if (!shown) return fitMiddle(id, width);
  const room = width - textWidth(shown) - 3;
  return room >= 8 ? `${shown} (${fitMiddle(id, room)})` : fit(shown, width);
}

/** A history row's actor: `demo.admin@acme.com (API key key_Dm0…)`, the key's id giving way first. */
export function actorFitted(entry: Pick<HistoryEntry, 'actor' | 'before_log'>, width: number): string {
  const [main, extra] = actorParts(entry);
  return keepFirst(main, extra, width);
}

/** Older and newer only where there is such a page (none while the log is read, or after it failed). */
function historyHints(view: HistoryView, pageSize: number): HintState {
  const { page, pages } = historyPage(view, pageSize);
  const off: Action[] = [];
  if (view.status !== 'ready' || page >= pages - 1) off.push('nextPage');
  if (view.status !== 'ready' || page === 0) off.push('previousPage');
  return { off };
}

export function HistoryScreen() {
  const view = useAppStore((s) => s.history);
  const pageSize = useAppStore((s) => s.pageSize);
  const dialog = useAppStore((s) => s.dialog);
  const actions = useActions();
  // The directory, not its byId: names are added to that one in place (store/slices/catalog.ts).
  const { byId } = useAppStore((s) => s.directory);
  const nameOf = (id: string) => byId[id]?.name || undefined;
  const { columns } = useTerminalSize();
  const bodyHeight = useBodyHeight();
  const theme = useTheme();

  useScreenKeymap('history', {
    nextPage: actions.historyNextPage,
    previousPage: actions.historyPreviousPage,
    firstPage: actions.historyFirstPage,
    reload: actions.reloadHistory,
    back: actions.cancelHistory,
  });

  if (!view) return null;
  const rows = historyPage(view, pageSize).rows;
  const layout = historyColumns(
    columns,
    Math.max(0, ...rows.map((entry) => textWidth(safe(actorText(entry))))),
    Math.max(0, ...rows.map((entry) => textWidth(sanitizeLine(nameOf(entry.project_id) ?? entry.project_name ?? '').trim()))),
    Math.max(0, ...rows.map(actorCoreWidth)),
  );
  const rowsHeight = Math.max(1, bodyHeight - HISTORY_CHROME);
  const help = dialog?.kind === 'help';
  const area = { width: columns, height: Math.max(1, bodyHeight - 1) };

  return (
    <Frame title="History" context={help ? 'help' : 'history'} hints={historyHints(view, pageSize)}>
      <SubjectLine label="Checkpoint " subject={fitMiddle(safe(view.checkpoint), Math.max(10, columns - 11))} />
      {help ? null : (
        <>
          <Text color={theme.accent} wrap="truncate">
            {fit(historyPositionLine(view, pageSize), columns)}
          </Text>
          <Text bold color={theme.muted} wrap="truncate">
            {fit(
              `  ${cell('WHEN', layout.when)} ${cell('ACTION', layout.action)} ${cell('PROJECT', layout.project)} ${cell('BY', layout.actor)}`,
              columns,
            )}
          </Text>
        </>
      )}
      <Box flexDirection="column" height={help ? area.height : rowsHeight} overflowY="hidden">
        {help ? (
          <HelpOverlay context="history" {...area} />
        ) : view.entries.length > 0 ? (
          <HistoryRows rows={rows.slice(0, rowsHeight)} columns={layout} width={columns} nameOf={nameOf} />
        ) : (
          <EmptyHistory view={view} width={columns} />
        )}
      </Box>
    </Frame>
  );
}

/** `Page 1 of 4 · 1–20 of 72 · newest first · 15 older than the log · loading…` */
export function historyPositionLine(view: HistoryView, pageSize: number): string {
  const { page, pages, first, rows } = historyPage(view, pageSize);
  const parts = [`Page ${page + 1} of ${pages}`];
  parts.push(rows.length > 0 ? `${first + 1}–${first + rows.length} of ${view.entries.length}` : 'no entries');
  parts.push('newest first');
  const older = view.entries.filter((e) => e.before_log).length;
  if (older > 0) parts.push(`${older} older than the log`);
  if (view.status === 'loading')
    parts.push(view.read ? `reading the audit log · ${view.read.toLocaleString('en-US')} events so far` : 'reading the audit log…');
  return parts.join(' · ');
}

function HistoryRows({
  rows,
  columns,
  width,
  nameOf,
}: {
  rows: HistoryEntry[];
  columns: HistoryColumns;
  width: number;
  nameOf: (id: string) => string | undefined;
}) {
  const theme = useTheme();
  return (
    <Box flexDirection="column">
      {rows.map((entry) => {
        const when = localDate(entry.at, columns.withTime);
        const project = projectCell(entry.project_id, nameOf(entry.project_id) ?? entry.project_name, columns.project);
        const tone = entry.action === 'revoked' ? theme.tone.error : theme.tone.success;
        return (
          <Text key={`${entry.permission_id}:${entry.action}:${entry.event_id ?? 'before'}`} wrap="truncate">
            {'  '}
            {cell(when, columns.when)} <Text color={tone}>{cell(entry.action, columns.action)}</Text> {cell(project, columns.project)}{' '}
            <Text color={entry.before_log ? theme.muted : undefined}>
              {actorFitted(entry, Math.max(1, width - 2 - 3 - columns.when - columns.action - columns.project))}
            </Text>
          </Text>
        );
      })}
    </Box>
  );
}

function EmptyHistory({ view, width }: { view: HistoryView; width: number }) {
  const back = `${keyFor('history', 'back')} goes back to the table`;
  const lines: MessageLine[] = [];
  if (view.status === 'loading') {
    lines.push({ text: 'Reading the audit log…' });
    // The log cannot be asked for one checkpoint: the organization's sharing events are all read, 100 a request.
    if (view.read) lines.push({ text: `${view.read.toLocaleString('en-US')} sharing events of the organization read so far` });
  } else if (view.noAuditLog) {
    lines.push({ text: 'No history to show: the audit log is empty or unavailable.', tone: 'warning' });
    lines.push({ text: 'An organization owner turns audit logging on in the organization settings.' });
    lines.push({ text: back });
  } else if (view.status === 'failed') {
    lines.push({ text: `Could not read the audit log: ${view.error ?? 'unknown error'}`, tone: 'error' });
    lines.push({ text: `${keyFor('history', 'reload')} tries again · ${back}` });
  } else {
    lines.push({ text: 'The audit log has no grant or revoke of this checkpoint.' });
    lines.push({ text: back });
  }
  return <MessageLines lines={lines} width={width} />;
}
