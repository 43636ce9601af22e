// Share the checkpoint with more projects, fzf-like: the field keeps the focus, Tab picks, Enter reviews.
import { Box, Text } from 'ink';
import { useMemo, useRef, useState } from 'react';
import { ConfirmShareDialog, HelpOverlay, OutcomesDialog } from '../components/dialogs';
import { Field } from '../components/Field';
import { List } from '../components/List';
import { Frame, useBodyHeight } from '../components/Frame';
import { SubjectLine } from '../components/SubjectLine';
import { cell, fit, fitMiddle, safe } from '../format';
import { useActions, useAppStore } from '../hooks/useAppStore';
import { useKeymap } from '../hooks/useKeymap';
import { useList } from '../hooks/useList';
import { useMouse } from '../hooks/useMouse';
import { rowAt } from '../list';
import { useTerminalSize } from '../hooks/useTerminalSize';
import { contextOf } from '../keymap';
import { useTheme } from '../theme';
import { projectLabel } from '../../api/sanitize';
import textWidth from '../../_vendor/string-width';
import { fold, matchFolded } from '../../ops/directory';
import { Highlight } from '../components/Highlight';
import type { ProjectInfo } from '../../store/app-store';
import { busyCancellable } from '../../store/slices/ui';

/**
 * Complete `proj_…` words are ids to share with; the rest of what follows the last comma filters, spaces and all (a
 * name has several words). A `proj_…` word still being typed (last, nothing after it) filters as a piece of an id.
 */
export function splitShareField(text: string): { typedIds: string[]; filter: string } {
  const words = text.split(/[\s,]+/);
  const typing = /[\s,]$/.test(text) ? '' : (words.at(-1) ?? '');
  const typedIds = words.filter((word) => word.startsWith('proj_') && (word !== typing || /^proj_[A-Za-z0-9_-]{8,}$/.test(word)));
  const segment = text.slice(text.lastIndexOf(',') + 1);
  const filter = typing.startsWith('proj_')
    ? typing
    : segment
        .split(/\s+/)
        .filter((word) => word !== '' && !word.startsWith('proj_'))
        .join(' ');
  return { typedIds, filter };
}

/** By name as a person reads them (the locale's order), then by id. */
export function byName(projects: ProjectInfo[]): ProjectInfo[] {
  // One collator for the whole sort: localeCompare makes one per comparison, which 10,000 projects feel. Numbers in
  // names in their order: Search Relevance 2 before Search Relevance 11.
  const { compare } = new Intl.Collator(undefined, { numeric: true });
  return [...projects].sort((a, b) => compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** What a filter is matched against, per project: its name as shown (sanitised) and its id, and the same folded once. */
export function searchTexts(projects: ProjectInfo[]): { shown: string[]; folded: string[] } {
  const shown = projects.map((p) => `${safe(p.name)}\u0000${p.id}`);
  return { shown, folded: shown.map(fold) };
}

/** The projects a filter keeps, best match first (ties in the order given), with the letters matched in each name. */
export interface Filtered {
  filter: string;
  texts: { shown: string[]; folded: string[] };
  indexes: number[];
  ranges: Map<number, [number, number][]>;
}

/**
 * The projects `filter` matches (fzf-like, directory.match). A filter that only grew keeps narrowing the previous
 * matches instead of all 10,000 projects (npm run bench: share_filter_ratio).
 */
export function filterProjects(
  projects: ProjectInfo[],
  filter: string,
  texts: Filtered['texts'] = searchTexts(projects),
  previous?: Filtered,
): Filtered {
  const query = filter.trim();
  if (query === '') return { filter: query, texts, indexes: projects.map((_, i) => i), ranges: new Map() };
  // A longer query matches a subset of what the shorter one did (terms added or lengthened, smart case included).
  const narrowing = previous !== undefined && previous.texts === texts && previous.filter !== '' && query.startsWith(previous.filter);
  const candidates = narrowing ? previous.indexes : projects.map((_, i) => i);
  const found: { index: number; score: number }[] = [];
  const ranges = new Map<number, [number, number][]>();
  for (const index of candidates) {
    const hit = matchFolded(query, texts.shown[index]!, texts.folded[index]!);
    if (!hit) continue;
    found.push({ index, score: hit.score });
    ranges.set(index, hit.ranges);
  }
  found.sort((a, b) => b.score - a.score || a.index - b.index);
  return { filter: query, texts, indexes: found.map((f) => f.index), ranges };
}

/** The matching projects, the ones that can be picked first: those with access already go below them. */
export function shareList(projects: ProjectInfo[], filtered: Filtered, hasAccess: (id: string) => boolean): number[] {
  const pickable: number[] = [];
  const already: number[] = [];
  for (const index of filtered.indexes) (hasAccess(projects[index]!.id) ? already : pickable).push(index);
  return pickable.concat(already);
}

export function matchingProjects(projects: ProjectInfo[], filter: string): ProjectInfo[] {
  return filterProjects(projects, filter).indexes.map((i) => projects[i]!);
}

export function ShareScreen() {
  const checkpoint = useAppStore((s) => s.checkpoint) ?? '';
  const directory = useAppStore((s) => s.directory);
  const access = useAppStore((s) => s.access);
  const dialog = useAppStore((s) => s.dialog);
  const busy = useAppStore((s) => s.busy);
  const actions = useActions();
  const { columns } = useTerminalSize();
  const bodyHeight = useBodyHeight();
  const theme = useTheme();
  const [text, setText] = useState('');
  // Kept in the store: leaving the screen and coming back finds them (until shared or unpicked).
  const picked = useAppStore((s) => s.sharePicks.projectIds);

  const { typedIds, filter } = splitShareField(text);
  const sorted = useMemo(() => byName(directory.active), [directory.active]);
  const texts = useMemo(() => searchTexts(sorted), [sorted]);
  const previous = useRef<Filtered | undefined>(undefined);
  const filtered = useMemo(() => (previous.current = filterProjects(sorted, filter, texts, previous.current)), [sorted, filter, texts]);
  const hasAccess = (id: string) => Boolean(access.projectIds[id]);
  // Projects that already have access go below the ones that can be picked, so the cursor starts on a pickable one.
  const order = useMemo(() => shareList(sorted, filtered, (id) => Boolean(access.projectIds[id])), [sorted, filtered, access.projectIds]);
  const list = useMemo(() => order.map((i) => sorted[i]!), [order, sorted]);
  const listHeight = Math.max(1, bodyHeight - 3);
  // While the directory loads, what a search has looked through is said: a project not yet loaded may still match.
  const total = sorted.length.toLocaleString('en-US');
  const loading = directory.status === 'loading';
  // A cache of the whole directory is being refreshed; one of a walk cut short is still being read to its end.
  const refreshing = loading && directory.cached === true && directory.resumeAfter === undefined;
  const searched = refreshing ? ` among ${total} · refreshing the list…` : loading ? ` among ${total} loaded so far · loading…` : '';
  const shown = filter.trim() === '' ? '' : `${list.length.toLocaleString('en-US')} of `;
  const projectsNote = refreshing
    ? `${shown}${total} projects · refreshing`
    : loading
      ? `${shown}${total} loaded so far · loading…`
      : `${list.length} of ${directory.active.length} active projects${
          directory.status === 'failed' && sorted.length > 0 ? ' · the project list could not be read again (showing the last one)' : ''
        }`;
  // What is typed puts the highlight back on the first match.
  const cursor = useList(list.length, listHeight, { resetKey: text });
  const current = cursor.cursor;
  const highlighted = () => list[cursor.current()];

  /** Picks or unpicks the highlighted project; false when there is none, or it has access already. */
  const toggleHighlighted = (): boolean => {
    const project = highlighted();
    if (!project) return false;
    if (hasAccess(project.id)) {
      actions.setFlash({ tone: 'info', text: `${projectLabel(project.id, project.name)} already has access` });
      return false;
    }
    const picking = !picked.includes(project.id);
    actions.togglePick(project.id);
    // While the walk of who has access runs, a picked project is asked about at once (one request).
    if (picking) void actions.checkProjectAccess(project.id);
    return true;
  };
  // The list's first line: below the title, the checkpoint, the field and the count. A click highlights a project, a
  // double click picks or unpicks it (the cursor stays); the wheel moves a row a notch.
  useMouse(
    {
      wheel: (direction) => cursor.move(direction > 0 ? 'down' : 'up'),
      click: (y, count) => {
        const row = rowAt(y - 4, cursor.current(), list.length, listHeight);
        if (row === undefined) return;
        cursor.move({ to: row });
        if (count === 2) toggleHighlighted();
      },
    },
    { isActive: dialog === null },
  );

  useKeymap(
    'share',
    {
      up: () => cursor.move('up'),
      down: () => cursor.move('down'),
      pageUp: () => cursor.move('pageUp'),
      pageDown: () => cursor.move('pageDown'),
      toggle: () => {
        if (!toggleHighlighted()) return;
        // As fzf's multi-select: Tab picks and moves on, so Tab Tab Tab picks three.
        cursor.move('down');
      },
      // Esc clears what was typed first; a second Esc leaves (the picks are kept for when a is pressed again).
      // While something Esc stops runs (here, a share), Esc stops it: each project's outcome is then read from the server.
      back: () => (busyCancellable(busy) ? actions.cancelRunning() : text !== '' ? setText('') : actions.goBack()),
    },
    { isActive: dialog === null },
  );

  // The name is what people read: the id column (cut in the middle) gives way first, down to 14 (`proj_Svm…NJbE`).
  const idWidth = Math.max(14, Math.min(30, columns - 7 - 13 - 28));
  const nameWidth = Math.max(10, columns - 7 - idWidth - 13);

  // A dialog takes the field's and the count's lines too: small terminals need the room.
  const dialogArea = { width: columns, height: Math.max(1, bodyHeight - 1) };
  let body;
  if (dialog?.kind === 'share-confirm') body = <ConfirmShareDialog dialog={dialog} {...dialogArea} />;
  else if (dialog?.kind === 'outcomes') body = <OutcomesDialog dialog={dialog} {...dialogArea} />;
  else if (dialog?.kind === 'help') body = <HelpOverlay context="share" {...dialogArea} />;
  else if (directory.status === 'failed') {
    body = (
      <Text color={theme.tone.warning} wrap="truncate">
        {fit(`Type project ids instead: the organization's projects could not be listed (${directory.error ?? ''})`, columns)}
      </Text>
    );
  } else if (directory.status !== 'ready' && sorted.length === 0)
    body = <Text color={theme.muted}>Loading the organization's projects…</Text>;
  else if (list.length === 0)
    body = <Text color={theme.muted}>{fit(`No active project matches "${safe(filter)}"${searched}`, columns)}</Text>;
  else {
    body = (
      <List
        count={list.length}
        cursor={current}
        height={listHeight}
        renderRow={(index, isCurrent) => {
          const project = list[index]!;
          const already = hasAccess(project.id);
          const mark = already ? ' ✓ ' : picked.includes(project.id) ? '[x]' : '[ ]';
          // The highlight is also a character, for terminals that show no inverse video.
          const name = cell(safe(project.name) || '(no name)', nameWidth);
          const rest = ` ${cell(safe(project.id), idWidth, fitMiddle)}${already ? ' has access' : ''}`;
          // The letters the filter matched in the name (a cut name shows those before the cut).
          const shownName = safe(project.name);
          const hits = (filtered.ranges.get(order[index]!) ?? []).filter(
            ([start, end]) => end <= shownName.length && start < textWidth(name) - 1,
          );
          return (
            <Text
              key={project.id}
              inverse={isCurrent}
              color={already ? theme.muted : picked.includes(project.id) ? theme.tone.success : undefined}
              wrap="truncate"
            >
              {`${isCurrent ? '›' : ' '}${mark} `}
              <Highlight text={name} ranges={hits} />
              {fit(rest, Math.max(0, columns - 5 - nameWidth))}
            </Text>
          );
        }}
      />
    );
  }

  const accessNote =
    access.status === 'loading'
      ? `checking which projects have access (${Object.keys(access.projectIds).length} so far)…`
      : access.status === 'failed'
        ? 'could not check existing access'
        : `${Object.keys(access.projectIds).length} have access`;
  const chosen = [...new Set([...picked, ...typedIds])];
  const pickable = chosen.filter((id) => !hasAccess(id));
  const alreadyNote = chosen.length > pickable.length ? ` (+${chosen.length - pickable.length} already with access)` : '';

  return (
    <Frame title="Share" context={contextOf(dialog, 'share')}>
      <SubjectLine label="Share " subject={fitMiddle(safe(checkpoint), Math.max(10, columns - 30))} after=" with more projects" />
      {dialog !== null ? null : (
        <>
          <Field
            label="Projects: "
            labelColor={theme.accent}
            labelBold
            width={columns}
            value={text}
            onChange={setText}
            focus={dialog === null}
            // `?` in the empty field opens help (typed after text, it is a character).
            onEmptyKey={(key) => key === '?' && (actions.openDialog({ kind: 'help' }), true)}
            placeholder="type a name to filter, or paste proj_… ids"
            onSubmit={(submitted) => {
              if (busy) return;
              // The field's text as typed so far: an Enter right behind a paste sees the whole paste.
              const chosen = [...new Set([...picked, ...splitShareField(submitted).typedIds])];
              // Nothing picked or pasted: as in fzf, Enter takes the highlighted project.
              const first = highlighted();
              if (chosen.length === 0 && first) chosen.push(first.id);
              actions.reviewShare(chosen);
            }}
          />
          <Text color={theme.muted} wrap="truncate">
            {fit(`${pickable.length} picked${alreadyNote} · ${projectsNote} · ${accessNote}`, columns)}
          </Text>
        </>
      )}
      <Box flexDirection="column" height={dialog !== null ? dialogArea.height : listHeight} overflowY="hidden">
        {body}
      </Box>
    </Frame>
  );
}
