// The sync plan: what y will do to the table's checkpoint, project by project; p toggles prune.
import type { Dialog } from '../../store/app-store';
import { plural } from '../../store/app-store';
import { safe } from '../format';
import { useActions, useAppStore } from '../hooks/useAppStore';
import { useKeymap } from '../hooks/useKeymap';
import { useScroll } from '../hooks/useScroll';
import { hintsFor } from '../keymap';
import { DialogBox, type DialogLine } from './DialogBox';
import { checkpointIn, useProjectLabel } from './dialogs';
import { sourceIsEmpty } from '../../store/slices/sync';

export function SyncPlanDialog({
  dialog,
  width,
  height,
}: {
  dialog: Extract<Dialog, { kind: 'sync-plan' }>;
  width: number;
  height: number;
}) {
  const actions = useActions();
  const labelOf = useProjectLabel();
  const rereading = useAppStore((s) => s.busy === 'plan');
  const { plan } = dialog;
  const nothing = plan.add.length === 0 && plan.remove.length === 0;
  const emptySource = sourceIsEmpty(plan);

  // The counts first (the lists may need scrolling), then every project that changes.
  const counts = [
    `add ${plan.add.length}`,
    ...(plan.prune ? [`remove ${plan.remove.length}`] : []),
    `unchanged ${plan.unchanged.length}`,
    ...(plan.prune ? [] : [`kept ${plan.kept.length} (only here)`]),
  ].join(' · ');
  // "From  " and "Into  " take 6 columns where checkpointIn counts on 12 ("Checkpoint  "): the ids get the difference.
  const lines: DialogLine[] = [
    { text: `From  ${checkpointIn(plan.from, width + 6)}` },
    { text: `Into  ${checkpointIn(plan.to, width + 6)}`, bold: true },
    { text: counts[0]!.toUpperCase() + counts.slice(1) },
    ...plan.add.map((id) => ({ text: `+ ${labelOf(id)}`, tone: 'success' as const })),
    ...plan.remove.map((p) => ({ text: `− ${labelOf(p.project_id)}  ${safe(p.id)}`, tone: 'error' as const })),
    {
      text: emptySource
        ? plan.prune
          ? 'Prune is on: the source shares with no project, so every project here loses access (p keeps them)'
          : plan.kept.length > 0
            ? `The source shares with no project. p would remove all ${plural(plan.kept.length, 'project')} from this checkpoint`
            : 'Neither checkpoint shares with any project'
        : plan.prune
          ? 'Prune is on: projects the source lacks lose access here (p keeps them)'
          : plan.kept.length > 0
            ? `p also removes the ${plural(plan.kept.length, 'project')} the source lacks`
            : 'Every project here is also on the source',
    },
  ];
  const { scroll, up, down } = useScroll(lines.length);
  useKeymap('sync', {
    confirm: () => void actions.confirmSync(),
    prune: actions.toggleSyncPrune,
    cancel: actions.closeDialog,
    up,
    down,
  });

  // Both numbers must show however narrow the box: the short form when the long one would be cut.
  const long = [
    plan.add.length > 0 ? `add ${plural(plan.add.length, 'project')}` : '',
    plan.remove.length > 0 ? `remove ${plural(plan.remove.length, 'project')}` : '',
  ]
    .filter(Boolean)
    .join(' and ');
  const short = [plan.add.length > 0 ? `add ${plan.add.length}` : '', plan.remove.length > 0 ? `remove ${plan.remove.length}` : '']
    .filter(Boolean)
    .join(', ');
  const room = width - 4 - '[y/N]'.length - 1;
  const question = `Sync into this checkpoint: ${long}?`.length <= room ? `Sync into this checkpoint: ${long}?` : `Sync: ${short} here?`;
  const title = rereading
    ? 'Reading both checkpoints again…'
    : nothing
      ? emptySource
        ? 'The source shares with no project: nothing to add'
        : 'Already in sync: nothing to add'
      : question;
  return (
    <DialogBox
      title={title}
      answer={nothing ? undefined : '[y/N]'}
      tone={plan.remove.length > 0 ? 'warning' : 'info'}
      lines={lines}
      scroll={scroll}
      footer={hintsFor('sync')}
      width={width}
      height={height}
    />
  );
}
