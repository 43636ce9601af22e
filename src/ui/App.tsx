// The root: the key prompt until a client exists, then the screen the store says is current.
import { Box, Text, useApp } from 'ink';
import { useState } from 'react';
import type { AppStore } from '../store/app-store';
import { fit } from './format';
import { StoreContext, useAppStore } from './hooks/useAppStore';
import { useTerminalSize } from './hooks/useTerminalSize';
import { KeypressProvider, useInputHandler } from './input/KeypressProvider';
import { SessionContext, type Session } from './hooks/useSession';
import { HistoryScreen } from './screens/HistoryScreen';
import { KeyPrompt } from './screens/KeyPrompt';
import { PickerScreen } from './screens/PickerScreen';
import { ProjectScreen } from './screens/ProjectScreen';
import { ShareScreen } from './screens/ShareScreen';
import { TableScreen } from './screens/TableScreen';
import { ThemeContext, type Theme } from './theme';
import { COLOR_THEME } from './theme';

function Screens() {
  const screen = useAppStore((s) => s.screen);
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
  useInputHandler('global', (event) => event.kind === 'key' && event.input === 'q' && !event.key.ctrl && (onQuit(), true));
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
  let body;
  if (columns < MIN_COLUMNS || rows < MIN_ROWS) {
    body = <TooSmall columns={columns} rows={rows} onQuit={() => quit('q')} />;
  } else if (current) {
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
  return <ThemeContext.Provider value={theme}>{body}</ThemeContext.Provider>;
}
