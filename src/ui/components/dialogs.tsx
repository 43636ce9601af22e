// The table's dialogs: revoke, share confirmation, outcomes of a batch, filter, help. Each owns its keys.
import { Box, Text } from 'ink';
import { useState } from 'react';
import type { Dialog, Outcome } from '../../store/app-store';
import { plural } from '../../store/app-store';
import { fit, fitMiddle, safe } from '../format';
import { useActions, useAppStore } from '../hooks/useAppStore';
import { useKeymap } from '../hooks/useKeymap';
import { CTRL_C, hintsFor, KEYMAP, type Context } from '../keymap';
import { useTheme } from '../theme';
import { DialogBox, type DialogLine } from './DialogBox';
import { Field } from './Field';

interface Area {
  width: number;
  height: number;
}

/** The checkpoint as a dialog line shows it: cut in the middle, since its end tells it from its siblings. */
function checkpointIn(checkpoint: string, width: number): string {
  return fitMiddle(safe(checkpoint), Math.max(10, width - 4 - 12), 0.3);
}

function useProjectName(): (projectId: string) => string | undefined {
  const byId = useAppStore((s) => s.directory.byId);
  return (projectId) => byId[projectId]?.name || undefined;
}

export function RevokeDialog({ dialog, width, height }: Area & { dialog: Extract<Dialog, { kind: 'revoke' }> }) {
  const checkpoint = useAppStore((s) => s.checkpoint) ?? '';
  const actions = useActions();
  const nameOf = useProjectName();
  const [scroll, setScroll] = useState(0);
  const { targets } = dialog;
  const label = (projectId: string) => {
    const name = nameOf(projectId);
    return name ? `${safe(projectId)} (${safe(name)})` : safe(projectId);
  };
  const lines: DialogLine[] =
    targets.length === 1
      ? [
          { text: `Project     ${label(targets[0]!.project_id)}`, bold: true },
          { text: `Checkpoint  ${checkpointIn(checkpoint, width)}` },
          { text: `Permission  ${safe(targets[0]!.id)}` },
        ]
      : [
          { text: `Checkpoint  ${checkpointIn(checkpoint, width)}` },
          ...targets.map((t) => ({ text: `• ${label(t.project_id)}  ${safe(t.id)}` })),
        ];
  // Lines that do not fit end in "…and N more (↓ scrolls)": ↓ and ↑ scroll.
  useKeymap('revoke', {
    confirm: () => void actions.confirmRevoke(),
    cancel: actions.closeDialog,
    up: () => setScroll((s) => Math.max(0, s - 1)),
    down: () => setScroll((s) => Math.min(Math.max(0, lines.length - 1), s + 1)),
  });
  const title =
    targets.length === 1
      ? 'Revoke this project\'s access to the checkpoint?'
      : `Revoke access for ${plural(targets.length, 'marked project')}?`;
  return <DialogBox title={title} answer="[y/N]" tone="error" lines={lines} scroll={scroll} footer={hintsFor('revoke')} width={width} height={height} />;
}

export function ConfirmShareDialog({ dialog, width, height }: Area & { dialog: Extract<Dialog, { kind: 'share-confirm' }> }) {
  const checkpoint = useAppStore((s) => s.checkpoint) ?? '';
  const actions = useActions();
  const nameOf = useProjectName();
  const [scroll, setScroll] = useState(0);
  const lines: DialogLine[] = [
    { text: `Checkpoint  ${checkpointIn(checkpoint, width)}` },
    ...dialog.projectIds.map((id) => ({ text: `+ ${safe(id)}${nameOf(id) ? ` (${safe(nameOf(id))})` : ''}`, tone: 'success' as const })),
    ...dialog.skipped.map((o) => ({ text: `× ${safe(o.projectId)}${nameOf(o.projectId) ? ` (${safe(nameOf(o.projectId))})` : ''}: ${safe(o.reason)}`, tone: 'warning' as const })),
  ];
  const title =
    dialog.projectIds.length > 0
      ? `Share with ${plural(dialog.projectIds.length, 'project')}?`
      : 'Nothing can be shared: see why below';
  useKeymap('confirm', {
    confirm: () => void actions.confirmShare(),
    cancel: actions.closeDialog,
    up: () => setScroll((s) => Math.max(0, s - 1)),
    down: () => setScroll((s) => Math.min(Math.max(0, lines.length - 1), s + 1)),
  });
  return <DialogBox title={title} answer="[y/N]" lines={lines} scroll={scroll} footer={hintsFor('confirm')} width={width} height={height} />;
}

export function outcomeLines(outcomes: Outcome[], nameOf: (id: string) => string | undefined): DialogLine[] {
  return outcomes.map((o) => {
    const name = nameOf(o.projectId);
    const who = `${safe(o.projectId)}${name ? ` (${safe(name)})` : ''}`;
    return o.ok
      ? { text: `✓ ${who}${o.permissionId ? `  ${safe(o.permissionId)}` : ''}`, tone: 'success' }
      : { text: `✗ ${who}: ${safe(o.reason ?? 'failed')}`, tone: 'error' };
  });
}

export function OutcomesDialog({ dialog, width, height }: Area & { dialog: Extract<Dialog, { kind: 'outcomes' }> }) {
  const actions = useActions();
  const nameOf = useProjectName();
  const [scroll, setScroll] = useState(0);
  const lines = outcomeLines(dialog.outcomes, nameOf);
  const failed = dialog.outcomes.some((o) => !o.ok);
  useKeymap('outcomes', {
    up: () => setScroll((s) => Math.max(0, s - 1)),
    down: () => setScroll((s) => Math.min(Math.max(0, lines.length - 1), s + 1)),
    close: actions.closeDialog,
  });
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

export function FilterPrompt({ width }: { width: number }) {
  const actions = useActions();
  // Starts empty (the header shows the current filter): typing replaces it, Enter on nothing clears it.
  const [value, setValue] = useState('');
  useKeymap('filter', { cancel: actions.closeDialog });
  const theme = useTheme();
  return (
    <Box flexDirection="column" width={width}>
      <Field
        label="Filter by project id or name: "
        labelColor={theme.accent}
        width={width}
        value={value}
        onChange={setValue}
        onSubmit={(text) => actions.setFilter(text)}
        placeholder="proj_… (empty clears)"
      />
      <Text color={theme.muted} wrap="truncate">
        {fit(hintsFor('filter'), width)}
      </Text>
    </Box>
  );
}

export function HelpOverlay({ context, width, height }: Area & { context: Context }) {
  const actions = useActions();
  const [scroll, setScroll] = useState(0);
  const bindings = KEYMAP[context].some((b) => b.label === CTRL_C.label) ? KEYMAP[context] : [...KEYMAP[context], CTRL_C];
  const labelWidth = Math.max(...bindings.map((b) => b.label.length)) + 2;
  const lines: DialogLine[] = bindings.map((b) => ({ text: `${b.label.padEnd(labelWidth)}${b.description}` }));
  // A short terminal shows only some keys ("…and N more (↓ scrolls)"): ↓ and ↑ scroll to the rest.
  useKeymap('help', {
    up: () => setScroll((s) => Math.max(0, s - 1)),
    down: () => setScroll((s) => Math.min(Math.max(0, lines.length - 1), s + 1)),
    close: actions.closeDialog,
  });
  return <DialogBox title="Keys on this screen" lines={lines} scroll={scroll} footer={hintsFor('help')} width={width} height={height} />;
}
