// The terminal modes the UI turns on while it runs, and the sequences that turn them off again: launch-ui writes the
// one on start and the other on every way out (q, Ctrl+C, SIGTERM/SIGHUP, a crash).
const ESC = '\u001b';

export interface TerminalModes {
  /**
   * Bracketed paste (`ESC[?2004h`): the terminal marks pasted text with `ESC[200~ … ESC[201~`, so while it is on only
   * that is a paste, and every other Enter is Enter however fast it came (input/reader.ts).
   */
  bracketedPaste: boolean;
  /**
   * SGR mouse reports: presses and releases, the wheel included (1000), as `ESC[<b;x;yM` (1006, no 223-column limit).
   * Off with --no-mouse, so the terminal's own selection works.
   */
  mouse: boolean;
}

// Terminals known to ignore the mode: the Linux console (console_codes(4) has no ?2004) and a dumb terminal. There the
// reader keeps telling a paste by its shape.
const WITHOUT_BRACKETED_PASTE = new Set(['dumb', 'linux']);

export function terminalModesFor(env: Record<string, string | undefined>, options: { mouse: boolean }): TerminalModes {
  return { bracketedPaste: !WITHOUT_BRACKETED_PASTE.has(env.TERM ?? ''), mouse: options.mouse };
}

/** What to write as the UI starts. */
export function modesOn(modes: TerminalModes): string {
  return (modes.bracketedPaste ? `${ESC}[?2004h` : '') + (modes.mouse ? `${ESC}[?1000h${ESC}[?1006h` : '');
}

/** What to write as the UI ends, whichever way. */
export function modesOff(modes: TerminalModes): string {
  return (modes.mouse ? `${ESC}[?1000l${ESC}[?1006l` : '') + (modes.bracketedPaste ? `${ESC}[?2004l` : '');
}
