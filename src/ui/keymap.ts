// Every key of every screen, in one table: the input handlers, the footer hints and the help overlay all read it.
import type { Key } from 'ink';
import type { Dialog } from '../store/app-store';

export type Context =
  | 'prompt'
  | 'picker-field'
  | 'picker-list'
  | 'source-field'
  | 'source-list'
  | 'table'
  | 'project'
  | 'history'
  | 'share'
  | 'revoke'
  | 'confirm'
  | 'sync'
  | 'outcomes'
  | 'filter'
  | 'help';

export type Action =
  | 'up'
  | 'down'
  | 'pageUp'
  | 'pageDown'
  | 'top'
  | 'bottom'
  | 'nextPage'
  | 'previousPage'
  | 'firstPage'
  | 'lastPage'
  | 'mark'
  | 'clearMarks'
  | 'revoke'
  | 'share'
  | 'sync'
  | 'export'
  | 'undo'
  | 'copyId'
  | 'copyProjectId'
  | 'openProject'
  | 'history'
  | 'prune'
  | 'filter'
  | 'order'
  | 'reload'
  | 'help'
  | 'back'
  | 'quit'
  | 'submit'
  | 'focusList'
  | 'focusField'
  | 'toggle'
  | 'confirm'
  | 'cancel'
  | 'close';

type KeyName = { [K in keyof Key]-?: NonNullable<Key[K]> extends boolean ? K : never }[keyof Key];

/** A key: a printed character, or one of Ink's named keys. */
export type KeySpec = { input: string } | { key: KeyName };

export interface Binding {
  action: Action;
  keys: KeySpec[];
  /** How the keys are written in hints and help. */
  label: string;
  description: string;
  /** The footer's short word for it; bindings without one are only in the help overlay. */
  hint?: string;
  /** The footer's shorter key label, when `label` lists several keys. */
  hintLabel?: string;
}

const k = (key: KeyName): KeySpec => ({ key });
const c = (input: string): KeySpec => ({ input });

/** Ctrl+C is Ink's own (no keys here to match): it quits from anywhere, also inside fields and dialogs. */
export const CTRL_C: Binding = { action: 'quit', keys: [], label: 'Ctrl+C', description: 'quit (everywhere)' };
/** Where a text field has the keys, q is a letter: the footer names Ctrl+C instead. */
const CTRL_C_HINT: Binding = { ...CTRL_C, hint: 'quit' };

const HELP: Binding = { action: 'help', keys: [c('?')], label: '?', description: 'help', hint: 'help' };
/**
 * In a screen whose field has the keys, `?` is a character to type, except in the empty field, where it opens help:
 * the field offers it to the screen (TextField's onEmptyKey), so no handler here reads it.
 */
const FIELD_HELP: Binding = { action: 'help', keys: [], label: '?', description: 'help (when the field is empty)', hint: 'help' };
const QUIT: Binding = { action: 'quit', keys: [c('q')], label: 'q', description: 'quit', hint: 'quit' };
const UP: Binding = { action: 'up', keys: [k('upArrow'), c('k')], label: '↑/k', description: 'move up' };
const DOWN: Binding = { action: 'down', keys: [k('downArrow'), c('j')], label: '↓/j', description: 'move down' };
// A screenful at a time, and to either end, in a list with a highlight. Where a text field has the keys, Home and End
// move its cursor: those lists take PgUp and PgDn only.
const PAGE_UP: Binding = { action: 'pageUp', keys: [k('pageUp')], label: 'PgUp', description: 'up a screenful' };
const PAGE_DOWN: Binding = { action: 'pageDown', keys: [k('pageDown')], label: 'PgDn', description: 'down a screenful' };
const LIST_ENDS: Binding[] = [
  { action: 'top', keys: [k('home')], label: 'Home', description: 'first row' },
  { action: 'bottom', keys: [k('end')], label: 'End', description: 'last row' },
];
const FOCUS_LIST: Binding = {
  action: 'focusList',
  keys: [k('tab'), k('downArrow')],
  label: 'Tab/↓',
  description: 'go to the list',
  hint: 'list',
};
const FOCUS_FIELD: Binding = {
  action: 'focusField',
  keys: [k('tab'), k('escape')],
  label: 'Tab/Esc',
  description: 'back to the field',
  hint: 'field',
};
const RELOAD_JOBS: Binding = { action: 'reload', keys: [c('r')], label: 'r', description: 'reload the fine-tuning jobs' };
// Paging, on the table and the history: the keys are the same, what a page is differs.
const NEXT_PAGE: Binding = {
  action: 'nextPage',
  keys: [k('rightArrow'), k('pageDown'), c('n')],
  label: '→/PgDn/n',
  description: 'next page',
  hint: 'next',
  hintLabel: '→',
};
const PREVIOUS_PAGE: Binding = {
  action: 'previousPage',
  keys: [k('leftArrow'), k('pageUp'), c('p')],
  label: '←/PgUp/p',
  description: 'previous page',
  hint: 'prev',
  hintLabel: '←',
};
const FIRST_PAGE: Binding = { action: 'firstPage', keys: [c('g'), k('home')], label: 'g/Home', description: 'first page' };
/** One request: the first page of the other order, shown reversed. */
const LAST_PAGE: Binding = { action: 'lastPage', keys: [c('G'), k('end')], label: 'G/End', description: 'last page' };
/** d or Delete revokes, on the table and in the project view. */
const REVOKE: Binding = {
  action: 'revoke',
  keys: [c('d'), k('delete')],
  label: 'd/Del',
  description: 'revoke',
  hint: 'revoke',
  hintLabel: 'd',
};
/** y and Y copy the highlighted row's ids (OSC 52); in the help only, as the footer must fit 80 columns. */
const COPY: Binding[] = [
  { action: 'copyId', keys: [c('y')], label: 'y', description: 'copy the permission id (OSC 52)' },
  { action: 'copyProjectId', keys: [c('Y')], label: 'Y', description: 'copy the project id (OSC 52)' },
];
/** ↑ and ↓ in a dialog or the help: its lines scroll. */
const SCROLL: Binding[] = [
  { ...UP, description: 'scroll up' },
  { ...DOWN, description: 'scroll down' },
];
/** No, in every yes/no question: Enter too, so a stray Enter never answers yes. */
const CANCEL: Binding = {
  action: 'cancel',
  keys: [c('n'), c('N'), k('escape'), k('return')],
  label: 'N/Esc/Enter',
  description: 'cancel',
  hint: 'cancel',
};
/** y answers a question; `what` is what it does. */
const yes = (what: string, hint = what): Binding => ({ action: 'confirm', keys: [c('y'), c('Y')], label: 'y', description: what, hint });

/**
 * The picker's two contexts, its field and its list, for opening a checkpoint or (after `s` on the table) for
 * picking the source of a sync: only what Enter and Esc do differs.
 */
function pickerContexts(enter: { does: (which: 'typed' | 'highlighted') => string; hint: string }, esc: { does: string; hint: string }) {
  const submit = (which: 'typed' | 'highlighted'): Binding => ({
    action: 'submit',
    keys: [k('return')],
    label: 'Enter',
    description: enter.does(which),
    hint: enter.hint,
  });
  const back: Binding = { action: 'back', keys: [k('escape')], label: 'Esc', description: esc.does, hint: esc.hint };
  return {
    field: [submit('typed'), FOCUS_LIST, back, FIELD_HELP, CTRL_C_HINT],
    list: [submit('highlighted'), UP, DOWN, PAGE_UP, PAGE_DOWN, ...LIST_ENDS, FOCUS_FIELD, RELOAD_JOBS, HELP, QUIT],
  };
}
const PICKER = pickerContexts(
  { does: (which) => `open the ${which} checkpoint`, hint: 'open' },
  { does: 'clear the field, or back to the table', hint: 'clear' },
);
// Picking where a sync takes its projects from: Enter syncs instead of opening.
const SOURCE = pickerContexts(
  { does: (which) => `sync from the ${which} checkpoint (a plan comes first)`, hint: 'sync from it' },
  { does: 'clear the field, or back to the table (nothing synced)', hint: 'back' },
);

export const KEYMAP: Record<Context, Binding[]> = {
  prompt: [
    { action: 'submit', keys: [k('return')], label: 'Enter', description: 'use this key', hint: 'continue' },
    { action: 'quit', keys: [k('escape')], label: 'Esc', description: 'quit', hint: 'quit' },
  ],
  'picker-field': PICKER.field,
  'picker-list': PICKER.list,
  'source-field': SOURCE.field,
  'source-list': SOURCE.list,
  table: [
    UP,
    DOWN,
    NEXT_PAGE,
    PREVIOUS_PAGE,
    FIRST_PAGE,
    LAST_PAGE,
    { action: 'mark', keys: [c(' ')], label: 'space', description: 'mark or unmark the row', hint: 'mark' },
    { action: 'clearMarks', keys: [c('c')], label: 'c', description: 'clear every mark (on every page)' },
    { ...REVOKE, description: 'revoke the row (or the marked rows)' },
    { action: 'share', keys: [c('a')], label: 'a', description: 'share with more projects', hint: 'share' },
    { action: 'filter', keys: [c('/')], label: '/', description: 'filter by project (Esc clears)', hint: 'filter' },
    { action: 'order', keys: [c('o')], label: 'o', description: 'toggle newest / oldest first' },
    { action: 'reload', keys: [c('r')], label: 'r', description: 'reload the page' },
    // No footer hints for these: the footer must fit 80 columns; `?` lists them.
    ...COPY,
    { action: 'openProject', keys: [k('return')], label: 'Enter', description: "every checkpoint the row's project can use" },
    { action: 'sync', keys: [c('s')], label: 's', description: 'sync: give this checkpoint the projects of another' },
    { action: 'export', keys: [c('e')], label: 'e', description: 'export every permission to a CSV file here' },
    { action: 'undo', keys: [c('u')], label: 'u', description: 'undo the last revoke or share, then the one before' },
    // Upper-case H: h and l stay free for ← and →, beside j and k.
    { action: 'history', keys: [c('H')], label: 'H', description: 'history: who granted and revoked access, and when (audit log)' },
    {
      action: 'back',
      keys: [k('escape')],
      label: 'Esc',
      description: 'stop a revoke, share or load; clear the filter; or pick another checkpoint',
    },
    HELP,
    QUIT,
  ],
  project: [
    UP,
    DOWN,
    PAGE_UP,
    PAGE_DOWN,
    ...LIST_ENDS,
    { ...REVOKE, description: 'revoke the project on this checkpoint' },
    { action: 'reload', keys: [c('r')], label: 'r', description: 'look every checkpoint up again', hint: 'reload' },
    { action: 'undo', keys: [c('u')], label: 'u', description: 'undo the last revoke or share, then the one before' },
    { action: 'back', keys: [k('escape')], label: 'Esc', description: 'back to the table', hint: 'back' },
    HELP,
    QUIT,
  ],
  history: [
    { ...NEXT_PAGE, description: 'next page (older)', hint: 'older' },
    { ...PREVIOUS_PAGE, description: 'previous page (newer)', hint: 'newer' },
    { ...FIRST_PAGE, description: 'first page (the newest)' },
    { action: 'reload', keys: [c('r')], label: 'r', description: 'read the audit log again', hint: 'reload' },
    { action: 'back', keys: [k('escape')], label: 'Esc', description: 'stop reading, or back to the table', hint: 'back' },
    HELP,
    QUIT,
  ],
  share: [
    { action: 'up', keys: [k('upArrow')], label: '↑', description: 'move up' },
    { action: 'down', keys: [k('downArrow')], label: '↓', description: 'move down' },
    PAGE_UP,
    PAGE_DOWN,
    { action: 'toggle', keys: [k('tab')], label: 'Tab', description: 'pick or unpick the project', hint: 'pick' },
    { action: 'submit', keys: [k('return')], label: 'Enter', description: 'review: picked + typed ids', hint: 'review' },
    {
      action: 'back',
      keys: [k('escape')],
      label: 'Esc',
      description: 'stop a running share, clear the field, or back to the table',
      hint: 'back',
    },
    FIELD_HELP,
    CTRL_C_HINT,
  ],
  revoke: [yes('revoke'), CANCEL, ...SCROLL],
  confirm: [yes('share'), CANCEL, ...SCROLL],
  sync: [
    yes('apply the plan', 'sync'),
    {
      action: 'prune',
      keys: [c('p'), c('P')],
      label: 'p',
      description: 'prune: also remove projects the source lacks (or keep them)',
      hint: 'prune',
    },
    CANCEL,
    ...SCROLL,
  ],
  outcomes: [...SCROLL, { action: 'close', keys: [k('return'), k('escape')], label: 'Enter/Esc', description: 'close', hint: 'close' }],
  filter: [
    {
      action: 'submit',
      keys: [k('return')],
      label: 'Enter',
      description: 'filter by the highlighted project (or the whole id typed)',
      hint: 'filter',
    },
    { action: 'up', keys: [k('upArrow')], label: '↑', description: 'move up the matching projects' },
    { action: 'down', keys: [k('downArrow')], label: '↓', description: 'move down the matching projects' },
    PAGE_UP,
    PAGE_DOWN,
    { action: 'cancel', keys: [k('escape')], label: 'Esc', description: 'cancel', hint: 'cancel' },
  ],
  help: [
    { action: 'close', keys: [k('escape'), c('?'), k('return')], label: 'Esc/?', description: 'close help', hint: 'close' },
    QUIT,
    ...SCROLL,
  ],
};

export function actionFor(context: Context, input: string, key: Key): Action | undefined {
  if (key.ctrl) return undefined;
  for (const binding of KEYMAP[context]) {
    // Ink reports a lone Escape with meta set, so meta only rules out Alt+letter, not named keys.
    if (binding.keys.some((spec) => ('key' in spec ? key[spec.key] : input === spec.input && !key.meta))) {
      return binding.action;
    }
  }
  return undefined;
}

/** The key a sentence on the screen names for an action ("r tries again"): the footer's short label, else the binding's. */
export function keyFor(context: Context, action: Action): string {
  const binding = KEYMAP[context].find((b) => b.action === action);
  if (!binding) throw new Error(`no key for ${action} in ${context}`);
  return binding.hintLabel ?? binding.label;
}

/** What the screen's state changes in its footer: keys that would do nothing now, and hints that show a setting. */
export interface HintState {
  /** Not offered: nothing to act on (an empty page, an error, a page still loading) or no page that way. */
  off?: readonly Action[];
  /** A hint's words as the state has them (`prune: on`). */
  words?: Partial<Record<Action, string>>;
}

/** `→ next · ← prev · …` for the footer. */
export function hintsFor(context: Context, width = Infinity, state: HintState = {}): string {
  const hinted = KEYMAP[context].filter((binding) => binding.hint && !state.off?.includes(binding.action));
  const words = (bindings: Binding[]) =>
    bindings.map((binding) => `${binding.hintLabel ?? binding.label} ${state.words?.[binding.action] ?? binding.hint}`).join(' · ');
  // However narrow: `? help · q quit` stay (where to learn the rest, and the way out); the others go from the end.
  const kept = hinted.filter((binding) => binding.action === 'help' || binding.action === 'quit');
  let others = hinted.filter((binding) => !kept.includes(binding));
  for (;;) {
    const line = words(hinted.filter((binding) => kept.includes(binding) || others.includes(binding)));
    if ([...line].length <= width || others.length === 0) return line;
    others = others.slice(0, -1);
  }
}

/** The keys a dialog takes, whichever screen it opens on: an open dialog takes every key from the screen. */
const DIALOG_CONTEXT: Record<Dialog['kind'], Context> = {
  revoke: 'revoke',
  'share-confirm': 'confirm',
  outcomes: 'outcomes',
  filter: 'filter',
  help: 'help',
  'sync-plan': 'sync',
  undo: 'confirm',
  'project-revoke': 'revoke',
};

/** The keys on show (the footer's hints): the open dialog's, else the screen's. */
export function contextOf(dialog: Dialog | null, screen: Context): Context {
  return dialog ? DIALOG_CONTEXT[dialog.kind] : screen;
}
