// Data from the network is hostile: the one place that makes it safe to show in a terminal.

// ESC-introduced sequences (CSI, OSC up to BEL or ST, other two-byte escapes), then any C0, DEL
// and C1 control left over, then bidi overrides/isolates and directional marks.
const ESCAPE_SEQUENCE = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[PX^_][^\u001b]*(?:\u001b\\)?|[@-Z\\-_])/g;
const CSI_8BIT = /\u009b[0-?]*[ -/]*[@-~]/g;
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const LINE_BREAKS = /[\t\n\r\u2028\u2029]+/g;
const BIDI = /[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]/g;

// What an id or a file name may not contain: C0 (tab and line breaks too), DEL, C1, and the Unicode line separators.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** Whether `text` holds a character that is not text on one line: a reason to refuse it rather than strip it. */
export function hasControlCharacters(text: string): boolean {
  return UNPRINTABLE.test(text);
}

/** Text for one line of a terminal: escape sequences, controls and bidi overrides removed, breaks folded. */
export function sanitizeLine(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(CSI_8BIT, '').replace(LINE_BREAKS, ' ').replace(CONTROL, '').replace(BIDI, '');
}

// Colour and style sequences (SGR), as chalk and Ink write them.
const STYLE_SEQUENCE = /\u001b\[[0-9;]*m/g;

/** `text` without its colour and style sequences; any other escape or control stays. */
export function withoutStyles(text: string): string {
  return text.replace(STYLE_SEQUENCE, '');
}

// JSON.stringify already escapes C0; these are the characters it leaves raw that a terminal acts on.
const JSON_UNSAFE = /[\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\u2028\u2029]/g;

/** JSON text with terminal-active characters written as \uXXXX escapes: the same JSON value, inert on a screen. */
export function escapeJsonForTerminal(json: string): string {
  return json.replace(JSON_UNSAFE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

// Every character a terminal acts on but the line break and the tab: C0, DEL, C1, bidi controls, line separators.
const TERMINAL_ACTIVE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\u2028\u2029]/g;

/** Text as received, for a terminal: each character it would act on (a raw CR overwrites the line) as a \uXXXX escape. */
export function escapeControlsForTerminal(text: string): string {
  return text.replace(TERMINAL_ACTIVE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

// The official CLI's sanitizeTerminalString: C0, DEL and C1, with Go's short names where it has them.
const VIEW_CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const GO_NAMED: Record<string, string> = { '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Text for the official family's `pretty` view: every control character written as an escape (`\n`, `\u001b`). */
export function escapeControlsAsGo(text: string): string {
  return text.replace(VIEW_CONTROL, (c) => GO_NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

// What an HTTP header value cannot carry (a line break would start another header): C0 but the tab, and DEL.
const HEADER_BREAKING = /[\u0000-\u0008\u000a-\u001f\u007f]/;

/** Whether `value` (from the user's environment) would break a request's header block. */
export function breaksHeader(value: string): boolean {
  return HEADER_BREAKING.test(value);
}

// The controls that make a file binary to the official CLI (it sends such a file base64): C0 but tab, line breaks,
// vertical tab, form feed and ESC.
const BINARY_CONTROL = /[\u0000-\u0008\u000e-\u001a\u001c-\u001f]/;

/** Whether decoded text holds a control character that only binary content has. */
export function hasBinaryControls(text: string): boolean {
  return BINARY_CONTROL.test(text);
}

/** `proj_… (Name)` for a terminal: the one way a project is named, always safe; the id alone when it has no name. */
export function projectLabel(projectId: string, name: string | null | undefined): string {
  const shown = sanitizeLine(name ?? '').trim();
  return shown ? `${sanitizeLine(projectId)} (${shown})` : sanitizeLine(projectId);
}
