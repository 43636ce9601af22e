// The table's dialogs: revoke, share confirmation, undo, outcomes of a batch, filter, help. Each owns its keys.
import { Box, Text } from 'ink';
import { useMemo, useState } from 'react';
import type { Dialog, GrantInfo, Outcome, Tone } from '../../store/app-store';
import { plural } from '../../store/app-store';
import { projectMatches } from '../../store/slices/catalog';
import { projectLabel, sanitizeLine } from '../../api/sanitize';
import { match } from '../../ops/directory';
import { fit, fitMiddle, localDate, safe } from '../format';
import { useActions, useAppStore } from '../hooks/useAppStore';
import { useKeymap } from '../hooks/useKeymap';
import { useQuit } from '../hooks/useQuit';
import { useList } from '../hooks/useList';
import { useMouse } from '../hooks/useMouse';
import { rowAt } from '../list';
import { useScroll } from '../hooks/useScroll';
import { CTRL_C, hintsFor, KEYMAP, type Context } from '../keymap';
import { useTheme } from '../theme';
import { DialogBox, type DialogLine } from './DialogBox';
import { Field } from './Field';
import { Highlight } from './Highlight';
import { List } from './List';

interface Area {
  width: number;
  height: number;
}

/** The checkpoint as a dialog line shows it: cut in the middle, since its end tells it from its siblings. */
export function checkpointIn(checkpoint: string, width: number): string {
  return fitMiddle(safe(checkpoint), Math.max(10, width - 4 - 12), 0.3);
}

/** `proj_… (Name)` with the names the directory has read (api/sanitize.ts projectLabel: safe for the terminal). */
export function useProjectLabel(): (projectId: string) => string {
  // The directory, not its byId: names are added to that one in place (store/slices/catalog.ts).
  const { byId } = useAppStore((s) => s.directory);
  return (projectId) => projectLabel(projectId, byId[projectId]?.name);
}

const ONE_REVOKE_TITLE = "Revoke this project's access to the checkpoint?";

/** What a revoke of one permission names: the project, the checkpoint and the permission (and who granted it, when known). */
function oneRevokeLines(
  projectId: string,
  checkpoint: string,
  permissionId: string,
  labelOf: (id: string) => string,
  width: number,
  grant: GrantInfo | undefined,
): DialogLine[] {
  const lines: DialogLine[] = [
    { text: `Project     ${labelOf(projectId)}`, bold: true },
    { text: `Checkpoint  ${checkpointIn(checkpoint, width)}` },
    { text: `Permission  ${safe(permissionId)}` },
  ];
  // Only when the audit log has answered: the dialog never waits for it.
  if (grant?.status === 'known') lines.push({ text: `            granted by ${safe(grant.actor.label)} on ${localDate(grant.at)}` });
  return lines;
}

/** Who granted the permission, once the audit log has said (the store asked when the dialog opened). */
const useGrant = (permissionId: string | undefined) => useAppStore((s) => (permissionId ? s.grants[permissionId] : undefined));

/**
 * Revoke on the table (the highlighted row or the marked ones) or in the project view (one project's permission on a
 * checkpoint, not necessarily the table's): the same question, a different confirm.
 */
export function RevokeDialog({ dialog, width, height }: Area & { dialog: Extract<Dialog, { kind: 'revoke' | 'project-revoke' }> }) {
  const tableCheckpoint = useAppStore((s) => s.checkpoint) ?? '';
  const actions = useActions();
  const labelOf = useProjectLabel();
  const [checkpoint, targets, confirm] =
    dialog.kind === 'revoke'
      ? [tableCheckpoint, dialog.targets, actions.confirmRevoke]
      : [dialog.checkpoint, [{ ...dialog.permission, project_id: dialog.projectId }], actions.confirmProjectRevoke];
  const grant = useGrant(targets.length === 1 ? targets[0]!.id : undefined);
  const lines: DialogLine[] =
    targets.length === 1
      ? oneRevokeLines(targets[0]!.project_id, checkpoint, targets[0]!.id, labelOf, width, grant)
      : [
          { text: `Checkpoint  ${checkpointIn(checkpoint, width)}` },
          ...targets.map((t) => ({ text: `• ${labelOf(t.project_id)}  ${safe(t.id)}` })),
        ];
  const title = targets.length === 1 ? ONE_REVOKE_TITLE : `Revoke access for ${plural(targets.length, 'marked project')}?`;
  return (
    <Question context="revoke" title={title} tone="error" lines={lines} confirm={() => void confirm()} width={width} height={height} />
  );
}

/** A yes/no question (revoke, undo, share): y confirms, N/Esc/Enter cancels, ↑/↓ scroll lines that do not fit. */
function Question({
  context,
  title,
  tone,
  lines,
  confirm,
  width,
  height,
}: Area & { context: 'revoke' | 'confirm'; title: string; tone?: Tone; lines: DialogLine[]; confirm: () => void }) {
  const actions = useActions();
  // Lines that do not fit end in "…and N more (↓ scrolls)".
  const { scroll, up, down } = useScroll(lines.length);
  useKeymap(context, { confirm, cancel: actions.closeDialog, up, down });
  const footer = hintsFor(context);
  return <DialogBox title={title} answer="[y/N]" tone={tone} lines={lines} scroll={scroll} footer={footer} width={width} height={height} />;
}

/**
 * Undo of the last step: a revoke's projects get access again by one create call, under new permission ids; a share's
 * permissions are revoked.
 */
export function UndoDialog({ dialog, width, height }: Area & { dialog: Extract<Dialog, { kind: 'undo' }> }) {
  // The checkpoint the change was made on: the table's, or another one in the project view or before another was opened.
  const { checkpoint, change, permissions } = dialog;
  const actions = useActions();
  const labelOf = useProjectLabel();
  const count = plural(new Set(permissions.map((p) => p.project_id)).size, 'project');
  const lines: DialogLine[] =
    change === 'revoke'
      ? [
          { text: 'The permission ids will be new: revoked ids cannot come back.' },
          { text: `Checkpoint  ${checkpointIn(checkpoint, width)}` },
          ...permissions.map((p) => ({ text: `+ ${labelOf(p.project_id)}  (was ${safe(p.id)})`, tone: 'success' as const })),
        ]
      : [
          { text: 'The share is taken back: these projects lose the access it gave them.' },
          { text: `Checkpoint  ${checkpointIn(checkpoint, width)}` },
          ...permissions.map((p) => ({ text: `- ${labelOf(p.project_id)}  ${safe(p.id)}`, tone: 'error' as const })),
        ];
  // The checkpoint in the title when it can be told apart there (cut in the middle); else only on its own line.
  const [before, after] = change === 'revoke' ? ['Share', `again with ${count}?`] : ['Undo the share: revoke', `from ${count}?`];
  const room = width - 4 - '[y/N]'.length - 1 - `${before}  ${after}`.length;
  const title = room >= 16 ? `${before} ${fitMiddle(safe(checkpoint), room, 0.3)} ${after}` : `${before} it ${after}`;
  const tone = change === 'revoke' ? undefined : 'error';
  return (
    <Question
      context="confirm"
      title={title}
      tone={tone}
      lines={lines}
      confirm={() => void actions.confirmUndo()}
      width={width}
      height={height}
    />
  );
}

export function ConfirmShareDialog({ dialog, width, height }: Area & { dialog: Extract<Dialog, { kind: 'share-confirm' }> }) {
  const checkpoint = useAppStore((s) => s.checkpoint) ?? '';
  const actions = useActions();
  const labelOf = useProjectLabel();
  const lines: DialogLine[] = [
    { text: `Checkpoint  ${checkpointIn(checkpoint, width)}` },
    ...dialog.projectIds.map((id) => ({ text: `+ ${labelOf(id)}`, tone: 'success' as const })),
    ...dialog.skipped.map((o) => ({
      text: `× ${labelOf(o.projectId)}: ${safe(o.reason)}`,
      tone: 'warning' as const,
    })),
  ];
  const title =
    dialog.projectIds.length > 0 ? `Share with ${plural(dialog.projectIds.length, 'project')}?` : 'Nothing can be shared: see why below';
  return (
    <Question context="confirm" title={title} lines={lines} confirm={() => void actions.confirmShare()} width={width} height={height} />
  );
}

export function outcomeLines(outcomes: Outcome[], labelOf: (id: string) => string): DialogLine[] {
  return outcomes.map((o) => {
    const who = labelOf(o.projectId);
    // A sync both adds and removes: each line says which it was.
    const verb = o.action === 'add' ? (o.ok ? 'added ' : 'not added ') : o.action === 'remove' ? (o.ok ? 'removed ' : 'not removed ') : '';
    return o.ok
      ? { text: `✓ ${verb}${who}${o.permissionId ? `  ${safe(o.permissionId)}` : ''}`, tone: 'success' }
      : { text: `✗ ${verb}${who}: ${safe(o.reason ?? 'failed')}`, tone: 'error' };
  });
}

export function OutcomesDialog({ dialog, width, height }: Area & { dialog: Extract<Dialog, { kind: 'outcomes' }> }) {
  const actions = useActions();
  const labelOf = useProjectLabel();
  const lines = outcomeLines(dialog.outcomes, labelOf);
  const { scroll, up, down } = useScroll(lines.length);
  const failed = dialog.outcomes.some((o) => !o.ok);
  useKeymap('outcomes', { up, down, close: actions.closeDialog });
  return (
    <DialogBox
      title={dialog.title}
      tone={failed ? 'warning' : 'success'}
      lines={lines}
      scroll={scroll}
      footer={hintsFor('outcomes')}
      width={width}
      height={height}
    />
  );
}

/** How many matching projects the filter prompt lists under its field. */
const FILTER_CHOICES = 5;

export function FilterPrompt({ width }: { width: number }) {
  const actions = useActions();
  const directory = useAppStore((s) => s.directory);
  // Starts empty (the header shows the current filter): typing replaces it, Enter on nothing clears it.
  const [value, setValue] = useState('');
  const matches = useMemo(() => projectMatches(value, directory), [value, directory]);
  // What is typed puts the highlight back on the first match.
  const cursor = useList(matches.length, FILTER_CHOICES, { resetKey: value });
  useKeymap('filter', {
    cancel: actions.closeDialog,
    up: () => cursor.move('up'),
    down: () => cursor.move('down'),
    pageUp: () => cursor.move('pageUp'),
    pageDown: () => cursor.move('pageDown'),
  });
  // The matches start on line 3 (title, checkpoint, field): a click highlights one, a double click filters by it.
  useMouse({
    wheel: (direction) => cursor.move(direction > 0 ? 'down' : 'up'),
    click: (y, count) => {
      const row = rowAt(y - 3, cursor.current(), matches.length, FILTER_CHOICES);
      if (row === undefined) return;
      cursor.move({ to: row });
      if (count === 2) actions.setFilter(matches[row]!.id);
    },
  });
  const theme = useTheme();
  return (
    // Its lines never give way to the rows below: the table is what is cut while the prompt is open.
    <Box flexDirection="column" width={width} flexShrink={0}>
      <Field
        label="Filter by project name or id: "
        labelColor={theme.accent}
        width={width}
        value={value}
        onChange={setValue}
        onSubmit={(text) => {
          const typed = text.trim();
          const highlighted = projectMatches(typed, directory)[cursor.current()]?.id;
          // A whole id the directory knows, or the project a piece of an id starts (the highlighted one).
          if (typed.startsWith('proj_')) return actions.setFilter(directory.byId[typed] ? typed : (highlighted ?? typed));
          // A name: every project that matches, unless ↑↓ moved the highlight to one of them.
          actions.setFilter(cursor.current() > 0 && highlighted ? highlighted : typed);
        }}
        placeholder="part of a name, or proj_… (empty clears)"
      />
      <List
        count={matches.length}
        cursor={cursor.cursor}
        height={FILTER_CHOICES}
        renderRow={(index, current) => {
          const project = matches[index]!;
          const line = fit(`${current ? '›' : ' '} ${projectLabel(project.id, project.name)}`, width);
          // The name's matched letters, drawn as the other lists draw them: after `› proj_… (`.
          const name = sanitizeLine(project.name).trim();
          const at = line.indexOf(` (${name}`) + 2;
          const hits =
            at >= 2 ? (match(sanitizeLine(value).trim(), name)?.ranges ?? []).map(([s, e]): [number, number] => [s + at, e + at]) : [];
          return (
            <Text key={project.id} inverse={current} wrap="truncate">
              <Highlight text={line} ranges={hits.filter(([s]) => s < line.length - 1)} />
            </Text>
          );
        }}
      />
      {matches.length > FILTER_CHOICES ? (
        <Text color={theme.muted} wrap="truncate">
          {fit(`  ${matches.length} match (↑↓)`, width)}
        </Text>
      ) : null}
      <Text color={theme.muted} wrap="truncate">
        {fit(hintsFor('filter', width), width)}
      </Text>
    </Box>
  );
}

export function HelpOverlay({ context, width, height }: Area & { context: Context }) {
  const actions = useActions();
  const bindings = KEYMAP[context].some((b) => b.label === CTRL_C.label) ? KEYMAP[context] : [...KEYMAP[context], CTRL_C];
  const labelWidth = Math.max(...bindings.map((b) => b.label.length)) + 2;
  const lines: DialogLine[] = bindings.map((b) => ({ text: `${b.label.padEnd(labelWidth)}${b.description}` }));
  // A short terminal shows only some keys ("…and N more (↓ scrolls)"): ↓ and ↑ scroll to the rest.
  const { scroll, up, down } = useScroll(lines.length);
  const quit = useQuit();
  useKeymap('help', { up, down, close: actions.closeDialog, quit: () => quit() });
  return <DialogBox title="Keys on this screen" lines={lines} scroll={scroll} footer={hintsFor('help')} width={width} height={height} />;
}
