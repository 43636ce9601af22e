// The terminal modes the UI turns on while it runs, in one place: what launch-ui writes on start and on every way out
// (q, Ctrl+C, a crash, SIGTERM, SIGHUP), so the shell never inherits a mode it did not ask for.

export interface ModeOptions {
  /** Mouse reports (clicks and the wheel); off with --no-mouse, so the terminal's own selection works. */
  mouse: boolean;
}

// SGR mouse reporting: button presses and releases (1000), wheel included, as `ESC[<b;x;yM` (1006, no 223-column limit).
const MOUSE_ON = '\u001b[?1000h\u001b[?1006h';
const MOUSE_OFF = '\u001b[?1000l\u001b[?1006l';

/** Written once the UI has its own screen. */
export function modesOn(options: ModeOptions): string {
  return options.mouse ? MOUSE_ON : '';
}

/** Written on every exit path; turning off a mode that is not on does nothing, so it is always written whole. */
export function modesOff(): string {
  return MOUSE_OFF;
}
