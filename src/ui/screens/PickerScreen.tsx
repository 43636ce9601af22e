// The checkpoint picker: type an id, or pick a recent checkpoint or one from the fine-tuning jobs.
// It also picks the source of a sync (`s` on the table): then Enter plans the sync instead of opening.
import { Box, Text } from 'ink';
import SelectInput from 'ink-select-input';
import { useEffect, useMemo, useState } from 'react';
import { useKeysFollow } from '../input/KeypressProvider';
import { HelpOverlay } from '../components/dialogs';
import { Field } from '../components/Field';
import { Frame, useBodyHeight } from '../components/Frame';
import { SubjectLine } from '../components/SubjectLine';
import { fit, fitMiddle, localDate, safe } from '../format';
import textWidth from '../../_vendor/string-width';
import { useActions, useAppStore } from '../hooks/useAppStore';
import { useHeld } from '../hooks/useHeld';
import { useKeymap } from '../hooks/useKeymap';
import { useList } from '../hooks/useList';
import { useMouse } from '../hooks/useMouse';
import { useQuit } from '../hooks/useQuit';
import { useTerminalSize } from '../hooks/useTerminalSize';
import { useTheme } from '../theme';
import { plural, type JobCheckpointEntry, type Jobs } from '../../store/app-store';
import { match } from '../../ops/directory';
import { Highlight } from '../components/Highlight';
import { checkpointIdProblem } from '../../api/ids';
import { looksLikeKey, scrubKeys } from '../../api/keys';

export interface PickerItem {
  key: string;
  value: string;
  label: string;
  /** The letters the filter matched, as places in `label`. */
  ranges?: [number, number][];
}

/**
 * Recent checkpoints first, then the jobs' models each followed by its intermediate checkpoints; filtered by `query`
 * fzf-like (directory.match over the id, its detail and its job), the best match first.
 */
export function pickerItems(recent: string[], jobs: Jobs, query: string, width: number, exclude?: string): PickerItem[] {
  // The ids' column is as wide as the longest (of all, so it stays put while typing), never taking the detail's share of
  // a narrow terminal; the detail gets the rest.
  const total = width - 4;
  const longestId = Math.max(0, ...recent.map((id) => textWidth(safe(id))), ...jobs.entries.map((entry) => textWidth(safe(entry.id))));
  const idWidth = Math.max(10, Math.min(longestId, total - 1 - Math.min(34, Math.max(12, width - 4 - 42))));
  /** A row's label, with where its detail starts and the columns it may take. */
  const layout = (id: string, detail: string) => {
    const shownId = fitMiddle(safe(id), idWidth, ID_HEAD);
    const used = textWidth(shownId);
    // A detail too long for its column starts earlier, in the padding after its own (shorter) id.
    const aligned = idWidth + 1;
    const start = textWidth(detail) <= total - aligned ? aligned : Math.min(aligned, Math.max(used + 2, total - textWidth(detail)));
    const room = Math.max(1, total - start);
    return { label: `${shownId}${' '.repeat(start - used)}${fit(detail, room)}`, start, room };
  };
  const scored: { item: PickerItem; score: number }[] = [];
  const add = (key: string, id: string, detail: string, ...more: string[]) => {
    if (id === exclude) return;
    const shown = safe(id);
    const found = match(query, [shown, detail, ...more].join('\u0000'));
    if (!found) return;
    const { label, start, room } = layout(id, detail);
    const ranges = labelRanges(found.ranges, shown.length, idWidth, detail, start, room);
    scored.push({ item: { key, value: id, label, ...(ranges.length > 0 ? { ranges } : {}) }, score: found.score });
  };
  for (const id of recent) add(`recent:${id}`, id, 'recent');
  for (const entry of jobs.entries) add(`job:${entry.id}`, entry.id, entryDetail(entry), entry.jobId);
  // Stable: equal scores (an empty query) keep recent first, then the jobs' order.
  return scored.sort((a, b) => b.score - a.score).map((s) => s.item);
}

/** A checkpoint's name, suffix and step are at its end: the cut favours the end. */
const ID_HEAD = 0.3;

/**
 * Matched places in `id\0detail\0…` as places in the label: the id cut in the middle (fitMiddle) keeps its head and
 * tail, the detail starts at `detailStart` and shows what fits in `detailRoom` columns.
 */
function labelRanges(
  ranges: [number, number][],
  idLength: number,
  idWidth: number,
  detail: string,
  detailStart: number,
  detailRoom: number,
): [number, number][] {
  const cut = idLength > idWidth;
  const tail = cut ? Math.floor((idWidth - 1) * (1 - ID_HEAD)) : 0;
  const head = cut ? idWidth - 1 - tail : idLength;
  const detailShown = Math.min(detail.length, detail.length > detailRoom ? detailRoom - 1 : detailRoom);
  const out: [number, number][] = [];
  for (const [start, end] of ranges) {
    for (let at = start; at < end; at++) {
      let place: number | undefined;
      if (at < idLength) place = at < head ? at : cut && at >= idLength - tail ? head + 1 + (at - (idLength - tail)) : undefined;
      else if (at > idLength && at - idLength - 1 < detailShown) place = detailStart + (at - idLength - 1);
      if (place === undefined) continue;
      const last = out.at(-1);
      if (last && last[1] === place) last[1] = place + 1;
      else out.push([place, place + 1]);
    }
  }
  return out;
}

function entryDetail(entry: JobCheckpointEntry): string {
  const date = localDate(entry.createdAt);
  if (entry.kind === 'model') return `model · ${date} · ${safe(entry.baseModel)}`;
  const loss = entry.trainLoss === undefined ? '' : ` · loss ${entry.trainLoss.toFixed(3)}`;
  return `step ${entry.step ?? '?'}${loss} · ${date}`;
}

export function PickerScreen() {
  const recent = useAppStore((s) => s.recent);
  const jobs = useAppStore((s) => s.jobs);
  const dialog = useAppStore((s) => s.dialog);
  const openedBefore = useAppStore((s) => s.checkpoint);
  const syncTarget = useAppStore((s) => s.syncTarget);
  const actions = useActions();
  const quit = useQuit();
  const { columns } = useTerminalSize();
  const bodyHeight = useBodyHeight();
  const theme = useTheme();
  // Both read at each key (hooks/useHeld.ts): a Tab sends the keys after it in its burst to the list (or the field)
  // before a frame shows it, and an Esc after typed text clears that text.
  const typed = useHeld('');
  const query = typed.value;
  const setQuery = typed.set;
  const focused = useHeld<'field' | 'list'>('field');
  const focus = focused.value;
  const setFocus = focused.set;
  /** The text of an Enter pressed before the job list arrived: its first match opens once the list is there. */
  const [waiting, setWaiting] = useState<string | undefined>(undefined);

  useEffect(() => {
    if (jobs.status === 'idle') void actions.loadJobs();
  }, [jobs.status, actions]);

  // Picking a sync's source: the checkpoint synced into is not one of the choices.
  const items = useMemo(() => pickerItems(recent, jobs, query, columns, syncTarget), [recent, jobs, query, columns, syncTarget]);
  const helpOpen = dialog?.kind === 'help';
  const fieldContext = syncTarget ? 'source-field' : 'picker-field';
  const listContext = syncTarget ? 'source-list' : 'picker-list';
  // `?` in the empty field opens help (typed after text, it is a character).
  const openHelpOn = (key: string) => key === '?' && (actions.openDialog({ kind: 'help' }), true);
  const choose = (id: string) => (syncTarget ? actions.pickSyncSource(id) : actions.openCheckpoint(id));
  const listLoading = jobs.status === 'idle' || jobs.status === 'loading';
  /** What Enter on `typed` takes from the list as it is (the text of this Enter: it may be ahead of the frame's query). */
  /** The rows for `text`: those drawn, or (typed in this burst, not drawn yet) those it will show. */
  const itemsFor = (text: string) => (text === query ? items : pickerItems(recent, jobs, text, columns, syncTarget));
  const firstMatch = (typed: string) => enterTakes(typed, itemsFor(typed));
  /** Enter on typed text, once the list it is matched against has loaded (or shows a match: see onSubmit). */
  const enter = (text: string) => {
    const typed = text.trim();
    const first = firstMatch(typed);
    // As in fzf: text that is not a whole id takes the first match; text that is no `ft:` id is never sent as one.
    if (first !== undefined) choose(first);
    else if (isWholeId(typed, recent, jobs) || typed.startsWith('ft:')) choose(typed);
    else actions.setFlash({ tone: 'error', text: `No checkpoint matches "${safe(scrubKeys(typed))}"` });
  };
  useEffect(() => {
    if (waiting === undefined || listLoading) return;
    setWaiting(undefined);
    enter(waiting);
    // Only the list's arrival (or a new Enter) runs the Enter that waited for it.
  }, [waiting, listLoading]);

  useKeymap(
    fieldContext,
    {
      focusList: () => itemsFor(typed.now()).length > 0 && setFocus('list'),
      back: () => {
        setWaiting(undefined);
        if (typed.now() !== '') setQuery('');
        else if (syncTarget) actions.cancelSyncSource();
        else if (openedBefore) actions.openCheckpoint(openedBefore);
      },
    },
    { isActive: () => focused.now() === 'field' && !helpOpen },
  );
  // In sync mode a line says which checkpoint gets the source's projects.
  const listHeight = Math.max(1, bodyHeight - 2 - (syncTarget ? 1 : 0));
  // Text typed in the same burst as the Tab changes the rows: the list's keys wait until those rows are drawn.
  useKeysFollow(query, () => (focused.now() === 'list' ? typed.now() : query));
  // Our cursor, not ink-select-input's: it counts every key of a burst. Back on the first row when the query changes.
  // Not when the jobs arrive (a page at a time, behind the first rows): the cursor stays on its row, on its line.
  const cursor = useList(items.length, listHeight, { resetKey: query.trim().toLowerCase(), keyOf: (i) => items[i]?.key });
  useKeymap(
    listContext,
    {
      submit: () => {
        const item = items[cursor.current()];
        if (item) choose(item.value);
      },
      up: () => cursor.move('up'),
      down: () => cursor.move('down'),
      pageUp: () => cursor.move('pageUp'),
      pageDown: () => cursor.move('pageDown'),
      top: () => cursor.move('top'),
      bottom: () => cursor.move('bottom'),
      focusField: () => setFocus('field'),
      reload: () => void actions.loadJobs(),
      help: () => actions.openDialog({ kind: 'help' }),
      quit: () => quit(),
    },
    { isActive: () => focused.now() === 'list' && !helpOpen },
  );

  // The list's first line: below the title, the sync's `into` line, the field and the status line.
  const listTop = 3 + (syncTarget ? 1 : 0);
  useMouse(
    {
      // The wheel and a click take the list; a double click opens (or syncs from) the row.
      wheel: (direction) => {
        if (items.length === 0) return;
        setFocus('list');
        cursor.move(direction > 0 ? 'down' : 'up');
      },
      click: (y, count) => {
        const row = cursor.window.start + (y - listTop);
        if (y < listTop || row >= cursor.window.end) return;
        setFocus('list');
        cursor.move({ to: row });
        if (count === 2) choose(items[row]!.value);
      },
    },
    { isActive: !helpOpen },
  );

  const listFocused = focus === 'list' && items.length > 0;
  const entered = enterTakes(query, items);
  const rows = cursor.window;
  const shownItems = items.slice(rows.start, rows.end);

  return (
    <Frame
      title={syncTarget ? 'Pick the source for syncing' : 'Pick a checkpoint'}
      context={helpOpen ? 'help' : listFocused ? listContext : fieldContext}
    >
      {syncTarget ? <SubjectLine label="into " subject={fitMiddle(safe(syncTarget), Math.max(10, columns - 5), 0.3)} /> : null}
      <Field
        label="Checkpoint id: "
        labelColor={focus === 'field' ? theme.accent : undefined}
        labelBold={focus === 'field'}
        width={columns}
        value={query}
        onChange={setQuery}
        focus={focus === 'field' && !helpOpen}
        hasKeys={() => focused.now() === 'field' && !helpOpen}
        onEmptyKey={openHelpOn}
        placeholder={`ft:… (type to filter the list, Enter ${syncTarget ? 'syncs from' : 'opens'} what you typed)`}
        onSubmit={(text) => {
          if (text.trim() === '') {
            actions.setFlash({ tone: 'info', text: 'Type a checkpoint id, or press Tab to pick one from the list' });
            return;
          }
          // A key is never a checkpoint, nor shown: refused at once, in words that do not repeat it.
          if (looksLikeKey(text.trim()))
            actions.setFlash({ tone: 'error', text: checkpointIdProblem(text.trim()) ?? 'not a checkpoint id' });
          // A whole id opens at once; anything else is matched against the list, so it waits for the list, unless
          // jobs' rows have come and one is marked ↵: Enter takes what it shows, as fzf does while its input streams in.
          else if (
            listLoading &&
            !isWholeId(text.trim(), recent, jobs) &&
            !(jobs.entries.length > 0 && firstMatch(text.trim()) !== undefined)
          )
            setWaiting(text.trim());
          else enter(text);
        }}
      />
      <Text color={theme.muted} wrap="truncate">
        {fit(
          waiting !== undefined
            ? `waiting for the job list… (then Enter takes the first match of "${safe(scrubKeys(waiting))}"; Esc stops)`
            : listStatus(recent.filter((id) => id !== syncTarget).length, jobs, items.length, query, enterTakes(query, items)),
          columns,
        )}
      </Text>
      {helpOpen ? (
        <HelpOverlay context={focus === 'list' ? listContext : fieldContext} width={columns} height={listHeight} />
      ) : (
        <Box height={listHeight} flexDirection="column" overflowY="hidden">
          {items.length > 0 ? (
            // ink-select-input draws the rows on screen; the keys reach our cursor (its own, digits 1–9 included, are off),
            // and it is drawn afresh, with its highlight on our cursor's row, when that moves.
            <SelectInput
              // Drawn afresh when the rows shown change too: left to itself it puts its highlight back on its first row.
              key={`${rows.start}:${cursor.cursor}:${shownItems.map((item) => item.value).join(' ')}`}
              items={shownItems}
              initialIndex={cursor.cursor - rows.start}
              isFocused={false}
              // The indicator is drawn with the row: it also marks the row Enter in the field takes (↵), as fzf does.
              indicatorComponent={() => null}
              itemComponent={(props) => {
                const { ranges, value } = props as unknown as PickerItem;
                const selected = Boolean(props.isSelected) && listFocused;
                return (
                  <Text wrap="truncate">
                    <Text color={theme.accent}>{selected ? '❯ ' : !listFocused && value === entered ? '↵ ' : '  '}</Text>
                    <Text inverse={selected}>
                      <Highlight text={props.label} ranges={ranges ?? []} />
                    </Text>
                  </Text>
                );
              }}
            />
          ) : null}
        </Box>
      )}
    </Frame>
  );
}

// A fine-tuned model in full (`ft:base:org:suffix:id`), or one of its checkpoints (`…:ckpt-step-N`).
const WHOLE_CHECKPOINT_ID = /^ft:[^:\s]+:[^:\s]*:[^:\s]*:[A-Za-z0-9]+(?::ckpt-step-\d+)?$/;

/** Whether Enter opens the text as written, list or no list: a whole checkpoint id, or one of the list's own. */
function isWholeId(typed: string, recent: string[], jobs: Jobs): boolean {
  return WHOLE_CHECKPOINT_ID.test(typed) || recent.includes(typed) || jobs.entries.some((entry) => entry.id === typed);
}

/** What Enter in the field opens instead of the text: the first match, unless the text is a whole id (or matches none). */
export function enterTakes(text: string, items: PickerItem[]): string | undefined {
  const typed = text.trim();
  if (typed === '' || WHOLE_CHECKPOINT_ID.test(typed) || items.some((item) => item.value === typed)) return undefined;
  return items[0]?.value;
}

function listStatus(recentCount: number, jobs: Jobs, shown: number, query: string, first: string | undefined): string {
  const parts = [`${recentCount} recent`];
  const progress = jobs.progress;
  // While they load, how far: the jobs read of those listed (of all, once every page of jobs is in).
  if (jobs.status === 'loading' && progress && progress.read > 0)
    parts.push(
      `loading jobs · ${progress.read.toLocaleString('en-US')} ${progress.of === undefined ? 'so far' : `of ${progress.of.toLocaleString('en-US')}`}`,
    );
  else if (jobs.status === 'loading') parts.push('loading fine-tuning jobs…');
  else if (jobs.status === 'ready')
    parts.push(
      `${jobs.entries.length} from fine-tuning jobs${jobs.skipped ? ` (${plural(jobs.skipped, 'malformed item')} from the API skipped)` : ''}`,
    );
  else if (jobs.status === 'failed')
    parts.push(
      `${jobs.entries.length > 0 ? `${jobs.entries.length} from fine-tuning jobs, the rest` : 'fine-tuning jobs'} could not be read (Tab, then r retries): ${jobs.error ?? ''}`,
    );
  else if (jobs.status === 'unavailable') parts.push('set OPENAI_API_KEY (or --api-key) to browse fine-tuning jobs');
  if (query.trim() === '') return parts.join(' · ');
  // The matches, and what Enter will open, come first: a narrow terminal cuts the end of this line.
  const matches = `${shown} match "${safe(query.trim())}"${first !== undefined ? ' (Enter takes the first)' : ''}`;
  return [matches, ...parts].join(' · ');
}
