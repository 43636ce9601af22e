// The root: the key prompt until a client exists, then the screen the store says is current.
import { Box, Text, useApp } from 'ink';
import { useState } from 'react';
import type { AppState, AppStore } from '../store/app-store';
import { fit } from './format';
import { StoreContext, useAppStore, useCurrentState } from './hooks/useAppStore';
import { useTerminalSize } from './hooks/useTerminalSize';
import { KeypressProvider, useInputHandler, useKeysFollow } from './input/KeypressProvider';
import { SessionContext, type Session } from './hooks/useSession';
import { HistoryScreen } from './screens/HistoryScreen';
import { KeyPrompt } from './screens/KeyPrompt';
import { PickerScreen } from './screens/PickerScreen';
import { ProjectScreen } from './screens/ProjectScreen';
import { ShareScreen } from './screens/ShareScreen';
import { TableScreen } from './screens/TableScreen';
import { ThemeContext, type Theme } from './theme';
import { COLOR_THEME } from './theme';

/** What has the keys: the screen and its dialog. */
const viewOf = (state: AppState) => `${state.screen} ${state.dialog?.kind ?? ''}`;

function Screens() {
  const screen = useAppStore((s) => s.screen);
  const now = useCurrentState();
  // Keys read with the one that opens a screen or a dialog are for it: they wait until it is drawn.
  useKeysFollow(useAppStore(viewOf), () => viewOf(now()));
  if (screen === 'table') return <TableScreen />;
  if (screen === 'share') return <ShareScreen />;
  if (screen === 'project') return <ProjectScreen />;
  if (screen === 'history') return <HistoryScreen />;
  return <PickerScreen />;
}

/** Below this the screens cannot show what they must (a dialog naming project and checkpoint). */
export const MIN_COLUMNS = 40;
export const MIN_ROWS = 10;

function TooSmall({ columns, rows, onQuit }: { columns: number; rows: number; onQuit: () => void }) {
  // The screens stay mounted below (what was typed survives): no key but q and Ctrl+C (the global layer's) reaches them.
  useInputHandler('cover', (event) => {
    if (event.kind !== 'key') return true;
    if (event.key.ctrl) return event.input !== 'c';
    if (event.input === 'q') onQuit();
    return true;
  });
  const lines = [`Terminal too small: ${columns}×${rows}`, `ckpt-perms needs ${MIN_COLUMNS}×${MIN_ROWS}`, 'q quits'];
  return (
    <Box flexDirection="column">
      {lines.slice(0, Math.max(1, rows - 1)).map((line) => (
        <Text key={line} wrap="truncate">
          {fit(line, columns)}
        </Text>
      ))}
    </Box>
  );
}

export interface Connected {
  store: AppStore;
  session: Session;
}

/** The app inside the one key pipeline (input/KeypressProvider.tsx): every key handler below reads from it. */
export function App({ bracketedPaste, ...props }: Parameters<typeof Root>[0] & { bracketedPaste?: boolean }) {
  return (
    <KeypressProvider bracketedPaste={bracketedPaste}>
      <Root {...props} />
    </KeypressProvider>
  );
}

function Root({
  connected,
  connect,
  host,
  theme = COLOR_THEME,
}: {
  /** Ready when a key was given (or the demo); otherwise `connect` turns a typed key into one. */
  connected?: Connected;
  connect?: (key: string) => Promise<Connected | string>;
  host: string;
  theme?: Theme;
}) {
  const [current, setCurrent] = useState(connected);
  const { columns, rows } = useTerminalSize();
  const { exit } = useApp();
  const quit = (key: 'q' | 'ctrl-c') => {
    if (!current || current.store.getState().requestQuit(key)) exit();
  };
  // Ctrl+C, from anywhere (fields and dialogs too), when Ink leaves it to the app (launch-ui: exitOnCtrlC false): a
  // change to access running is stopped first, as with q, and a second Ctrl+C quits anyway.
  useInputHandler('global', (event) => event.kind === 'key' && event.key.ctrl && event.input === 'c' && (quit('ctrl-c'), true));
  const tooSmall = columns < MIN_COLUMNS || rows < MIN_ROWS;
  let body;
  if (current) {
    body = (
      <SessionContext.Provider value={current.session}>
        <StoreContext.Provider value={current.store}>
          <Screens />
        </StoreContext.Provider>
      </SessionContext.Provider>
    );
  } else {
    body = (
      <KeyPrompt
        host={host}
        onKey={async (key) => {
          if (!connect) return 'no way to use a key here';
          const result = await connect(key);
          if (typeof result === 'string') return result;
          setCurrent(result);
          return undefined;
        }}
      />
    );
  }
  // Too small, the screens are hidden, not unmounted: every field's text and cursor, and each list's place, are there
  // when the terminal grows again.
  return (
    <ThemeContext.Provider value={theme}>
      {tooSmall ? <TooSmall columns={columns} rows={rows} onQuit={() => quit('q')} /> : null}
      <Box key="screens" flexDirection="column" display={tooSmall ? 'none' : 'flex'}>
        {body}
      </Box>
    </ThemeContext.Provider>
  );
}
