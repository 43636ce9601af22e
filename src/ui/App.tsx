// The root: the key prompt until a client exists, then the screen the store says is current.
import { useState } from 'react';
import type { AppStore } from '../store/app-store';
import { StoreContext, useAppStore } from './hooks/useAppStore';
import { SessionContext, type Session } from './hooks/useSession';
import { KeyPrompt } from './screens/KeyPrompt';
import { PickerScreen } from './screens/PickerScreen';
import { ShareScreen } from './screens/ShareScreen';
import { TableScreen } from './screens/TableScreen';
import { ThemeContext, type Theme } from './theme';
import { COLOR_THEME } from './theme';

function Screens() {
  const screen = useAppStore((s) => s.screen);
  if (screen === 'table') return <TableScreen />;
  if (screen === 'share') return <ShareScreen />;
  return <PickerScreen />;
}

export interface Connected {
  store: AppStore;
  session: Session;
}

export function App({
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
  return <ThemeContext.Provider value={theme}>{body}</ThemeContext.Provider>;
}
