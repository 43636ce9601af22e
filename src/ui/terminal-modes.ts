// The terminal modes the UI turns on while it runs, and the sequences that turn them off again: launch-ui writes the
// one on start and the other on every way out (q, Ctrl+C, SIGTERM/SIGHUP, a crash).
const ESC = '\u001b';

export interface TerminalModes {
  /**
   * Bracketed paste (`ESC[?2004h`): the terminal marks pasted text with `ESC[200~ … ESC[201~`, so while it is on only
   * that is a paste, and every other Enter is Enter however fast it came (input/reader.ts).
   */
  bracketedPaste: boolean;
}

// Terminals known to ignore the mode: the Linux console (console_codes(4) has no ?2004) and a dumb terminal. There the
// reader keeps telling a paste by its shape.
const WITHOUT_BRACKETED_PASTE = new Set(['dumb', 'linux']);

export function terminalModesFor(env: Record<string, string | undefined>): TerminalModes {
  return { bracketedPaste: !WITHOUT_BRACKETED_PASTE.has(env.TERM ?? '') };
}

/** What to write as the UI starts. */
export function modesOn(modes: TerminalModes): string {
  return modes.bracketedPaste ? `${ESC}[?2004h` : '';
}

/** What to write as the UI ends, whichever way. */
export function modesOff(modes: TerminalModes): string {
  return modes.bracketedPaste ? `${ESC}[?2004l` : '';
}
