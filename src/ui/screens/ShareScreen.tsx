// Share the checkpoint with more projects, fzf-like: the field keeps the focus, Tab picks, Enter reviews.
import { Box, Text } from 'ink';
import { useEffect, useMemo, useRef } from 'react';
import { ConfirmShareDialog, HelpOverlay, OutcomesDialog } from '../components/dialogs';
import { Field } from '../components/Field';
import { List } from '../components/List';
import { Frame, useBodyHeight } from '../components/Frame';
import { SubjectLine } from '../components/SubjectLine';
import { cell, fit, fitMiddle, safe } from '../format';
import { useActions, useAppStore } from '../hooks/useAppStore';
import { useHeld } from '../hooks/useHeld';
import { useKeymap } from '../hooks/useKeymap';
import { useList } from '../hooks/useList';
import { useMouse } from '../hooks/useMouse';
import { rowAt } from '../list';
import { useTerminalSize } from '../hooks/useTerminalSize';
import { contextOf } from '../keymap';
import { useTheme } from '../theme';
import { projectLabel } from '../../api/sanitize';
import textWidth from '../../_vendor/string-width';
import { Highlight } from '../components/Highlight';
import type { ProjectInfo } from '../../store/app-store';
import { busyCancellable } from '../../store/slices/ui';
import { accessMarks, filterProjects, indexLettersSoon, matchedRanges, shareList, shareProjects, type Filtered } from '../share-filter';

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

export function ShareScreen() {
  const checkpoint = useAppStore((s) => s.checkpoint) ?? '';
  // What the screen shows of the directory, each on its own: a page of a refresh that changes no project draws no
  // frame (one then would hold the next key's frame back by Ink's render window).
  const active = useAppStore((s) => s.directory.active);
  const directoryStatus = useAppStore((s) => s.directory.status);
  const cached = useAppStore((s) => s.directory.cached);
  const directoryError = useAppStore((s) => s.directory.error);
  const resuming = useAppStore((s) => s.directory.resumeAfter !== undefined);
  const access = useAppStore((s) => s.access);
  const dialog = useAppStore((s) => s.dialog);
  const busy = useAppStore((s) => s.busy);
  const actions = useActions();
  const { columns } = useTerminalSize();
  const bodyHeight = useBodyHeight();
  const theme = useTheme();
  // Read at each key: an Esc in the burst that typed the text clears it (it does not leave the screen).
  const field = useHeld('');
  const text = field.value;
  const setText = field.set;
  // Kept in the store: leaving the screen and coming back finds them (until shared or unpicked).
  const picked = useAppStore((s) => s.sharePicks.projectIds);

  const { typedIds, filter } = splitShareField(text);
  const { sorted, texts } = shareProjects(active);
  // The index a first letter is read from, made a moment after the list is drawn (not holding its frame back).
  useEffect(() => indexLettersSoon(texts), [texts]);
  const previous = useRef<Filtered | undefined>(undefined);
  const filtered = useMemo(() => (previous.current = filterProjects(texts, filter, previous.current)), [filter, texts]);
  const hasAccess = (id: string) => Boolean(access.projectIds[id]);
  // Projects that already have access go below the ones that can be picked, so the cursor starts on a pickable one.
  // Keyed on `access`, not its set: the set grows in place while it is read (store/slices/share.ts).
  const already = useMemo(() => accessMarks(sorted, access.projectIds), [sorted, access]);
  // Counted once per answer about access, not at each key (10,000 ids).
  const accessCount = useMemo(() => Object.keys(access.projectIds).length, [access]);
  const order = useMemo(() => shareList(filtered, already), [filtered, already]);
  // The list for a filter as typed, drawn or not yet (keys that came faster than the frames).
  const orderFor = (typed: string) => (typed === filter ? order : shareList(filterProjects(texts, typed, filtered), already));
  const listHeight = Math.max(1, bodyHeight - 3);
  // While the directory loads, what a search has looked through is said: a project not yet loaded may still match.
  const total = sorted.length.toLocaleString('en-US');
  const loading = directoryStatus === 'loading';
  // A cache of the whole directory is being refreshed; one of a walk cut short is still being read to its end.
  const refreshing = loading && cached === true && !resuming;
  const searched = refreshing ? ` among ${total} · refreshing the list…` : loading ? ` among ${total} loaded so far · loading…` : '';
  const shown = filter.trim() === '' ? '' : `${order.length.toLocaleString('en-US')} of `;
  const projectsNote = refreshing
    ? `${shown}${total} projects · refreshing`
    : loading
      ? `${shown}${total} loaded so far · loading…`
      : `${order.length} of ${active.length} active projects${
          directoryStatus === 'failed' && sorted.length > 0 ? ' · the project list could not be read again (showing the last one)' : ''
        }`;
  // What is typed puts the highlight back on the first match.
  const cursor = useList(order.length, listHeight, { resetKey: text });
  const current = cursor.cursor;
  /**
   * What Tab and Enter take: the highlighted row of the list for the text as typed. Text that came in the same burst as
   * the key (not drawn yet) puts the highlight on its first match, as drawing it would.
   */
  const highlighted = (typed = text): ProjectInfo | undefined => {
    const rows = orderFor(splitShareField(typed).filter);
    const row = typed === text ? cursor.current() : 0;
    return row < rows.length ? sorted[rows[row]!] : undefined;
  };

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
        const row = rowAt(y - 4, cursor.current(), order.length, listHeight);
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
      back: () => (busyCancellable(busy) ? actions.cancelRunning() : field.now() !== '' ? setText('') : actions.goBack()),
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
  else if (directoryStatus === 'failed') {
    body = (
      <Text color={theme.tone.warning} wrap="truncate">
        {fit(`Type project ids instead: the organization's projects could not be listed (${directoryError ?? ''})`, columns)}
      </Text>
    );
  } else if (directoryStatus !== 'ready' && sorted.length === 0)
    body = <Text color={theme.muted}>Loading the organization's projects…</Text>;
  else if (order.length === 0)
    body = <Text color={theme.muted}>{fit(`No active project matches "${safe(filter)}"${searched}`, columns)}</Text>;
  else {
    body = (
      <List
        count={order.length}
        cursor={current}
        height={listHeight}
        renderRow={(index, isCurrent) => {
          const project = sorted[order[index]!]!;
          const already = hasAccess(project.id);
          const mark = already ? ' ✓ ' : picked.includes(project.id) ? '[x]' : '[ ]';
          // The highlight is also a character, for terminals that show no inverse video.
          const name = cell(safe(project.name) || '(no name)', nameWidth);
          const rest = ` ${cell(safe(project.id), idWidth, fitMiddle)}${already ? ' has access' : ''}`;
          // The letters the filter matched in the name (a cut name shows those before the cut).
          const shownName = safe(project.name);
          const hits = matchedRanges(filtered, order[index]!).filter(
            ([start, end]) => end <= shownName.length && start < textWidth(name) - 1,
          );
          return (
            <Text
              // By place, not by project: a key that changes the list updates the rows drawn instead of replacing them.
              key={index}
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
      ? `checking which projects have access (${accessCount} so far)…`
      : access.status === 'failed'
        ? 'could not check existing access'
        : `${accessCount} have access`;
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
              const first = highlighted(submitted);
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
