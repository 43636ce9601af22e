// What the header says about this run: where it talks to, with which key (masked), and whether it is the demo.
import { createContext, useContext } from 'react';

export interface Session {
  /** `api.openai.com` or `127.0.0.1:41234`. */
  host: string;
  /** `sk-admin-…abcd`: never the key. */
  keyLabel: string;
  demo: boolean;
}

export const SessionContext = createContext<Session>({ host: '', keyLabel: '', demo: false });
export const useSession = () => useContext(SessionContext);
