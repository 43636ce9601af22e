// Editing one line of text with the keys of readline (bash, fzf): what a text field does with each key it reads.
// Pure: a chunk of terminal input in, the keys it holds out; a key and a line in, the line after it.
import type { Key } from 'ink';
import { sanitizeLine } from '../api/sanitize';
import { NAMED } from './input/reader';

/** The text of a field and where its cursor stands (a UTF-16 offset, never inside a surrogate pair). */
export interface Line {
  text: string;
  cursor: number;
}

export type EditKind =
  | 'backspace' // ← Backspace, Ctrl+H
  | 'deleteForward' // Delete, Ctrl+D
  | 'killToStart' // Ctrl+U
  | 'killToEnd' // Ctrl+K
  | 'killWordBack' // Ctrl+W: back to the previous space
  | 'killAlnumWordBack' // Alt+Backspace: back to the previous letter or digit run
  | 'killWordForward' // Alt+D
  | 'left' // ←, Ctrl+B
  | 'right' // →, Ctrl+F
  | 'wordLeft' // Alt+B, Ctrl+←
  | 'wordRight' // Alt+F, Ctrl+→
  | 'home' // Home, Ctrl+A
  | 'end' // End, Ctrl+E
  | 'submit' // Enter
  | 'ignored'; // any other control key or escape sequence: never inserted

export type LineKey = { kind: 'insert'; text: string } | { kind: EditKind };

const ESC = '\u001b';

// Control characters that edit; every other C0 or C1 control is ignored.
const CONTROL_KEYS: Record<string, EditKind> = {
  '\u0001': 'home',
  '\u0002': 'left',
  '\u0004': 'deleteForward',
  '\u0005': 'end',
  '\u0006': 'right',
  '\u0008': 'backspace',
  '\u000b': 'killToEnd',
  '\u0015': 'killToStart',
  '\u0017': 'killWordBack',
  '\u007f': 'backspace',
};

// What a field does with the named keys (their sequences, xterm, VT220, rxvt and Linux console forms, are the key
// reader's), then the word keys only a field has.
const FIELD_EDITS: Partial<Record<keyof Key, EditKind>> = {
  leftArrow: 'left',
  rightArrow: 'right',
  home: 'home',
  end: 'end',
  delete: 'deleteForward',
};
const SEQUENCES: Record<string, EditKind> = {
  ...Object.fromEntries(
    Object.entries(NAMED).flatMap(([sequence, name]) => {
      const edit = FIELD_EDITS[name];
      return edit ? [[sequence, edit]] : [];
    }),
  ),
  '[1;5D': 'wordLeft',
  '[1;3D': 'wordLeft',
  '[1;5C': 'wordRight',
  '[1;3C': 'wordRight',
  '\u007f': 'killAlnumWordBack',
  '\u0008': 'killAlnumWordBack',
  b: 'wordLeft',
  f: 'wordRight',
  d: 'killWordForward',
};

const isControl = (char: string) => {
  const code = char.codePointAt(0)!;
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
};

/**
 * The keys of one chunk of input, in order. Ink hands a field one chunk per escape sequence, and otherwise whatever
 * the terminal wrote at once: several keys typed faster than they are read (`\x7f\x7f\x7f`, `abc\r`), or a paste.
 * Each character counts. Enter (or a line break) that ends a chunk submits; Tab and line breaks inside one are text (a
 * paste's line break must not submit half of it) and become spaces, as separators. Tab alone is the screen's key.
 */
export function keysOf(chunk: string): LineKey[] {
  if (chunk.startsWith(ESC)) return [{ kind: SEQUENCES[chunk.slice(1)] ?? 'ignored' }];
  const body = chunk.replace(/[\r\n]+$/, '');
  if (body !== chunk) return [...(body === '' ? [] : keysOf(body)), { kind: 'submit' }];
  const keys: LineKey[] = [];
  let text = '';
  const flush = () => {
    if (text !== '') keys.push({ kind: 'insert', text });
    text = '';
  };
  const single = [...chunk].length === 1;
  for (const char of chunk) {
    if (!isControl(char)) text += char;
    else if (!single && (char === '\t' || char === '\r' || char === '\n')) text += ' ';
    else {
      flush();
      keys.push({ kind: CONTROL_KEYS[char] ?? 'ignored' });
    }
  }
  flush();
  return keys;
}

/** A paste as the text it inserts: on one line (its breaks and Tabs a space), no escape sequences or controls. */
export const pastedText = sanitizeLine;

// Where the cursor may stand: not between the two halves of a surrogate pair.
const previous = (text: string, at: number) =>
  at >= 2 && /[\udc00-\udfff]/.test(text[at - 1]!) && /[\ud800-\udbff]/.test(text[at - 2]!) ? at - 2 : Math.max(0, at - 1);
const next = (text: string, at: number) =>
  at < text.length - 1 && /[\ud800-\udbff]/.test(text[at]!) && /[\udc00-\udfff]/.test(text[at + 1]!)
    ? at + 2
    : Math.min(text.length, at + 1);

const isSpace = (char: string) => /\s/.test(char);
const isWordChar = (char: string) => /[\p{L}\p{N}]/u.test(char);

/** The start of the word before `at`: back over what is not a word, then over the word. */
function wordStart(text: string, at: number, inWord: (char: string) => boolean): number {
  let i = at;
  while (i > 0 && !inWord(text[i - 1]!)) i--;
  while (i > 0 && inWord(text[i - 1]!)) i--;
  return i;
}

function wordEnd(text: string, at: number, inWord: (char: string) => boolean): number {
  let i = at;
  while (i < text.length && !inWord(text[i]!)) i++;
  while (i < text.length && inWord(text[i]!)) i++;
  return i;
}

const notSpace = (char: string) => !isSpace(char);

/** The line after one key (Enter and ignored keys leave it as it is). */
export function applyKey(line: Line, key: LineKey): Line {
  const { text } = line;
  const cursor = Math.min(Math.max(0, line.cursor), text.length);
  const cut = (from: number, to: number, at: number): Line => ({ text: text.slice(0, from) + text.slice(to), cursor: at });
  switch (key.kind) {
    case 'insert':
      return { text: text.slice(0, cursor) + key.text + text.slice(cursor), cursor: cursor + key.text.length };
    case 'backspace': {
      const from = previous(text, cursor);
      return cut(from, cursor, from);
    }
    case 'deleteForward':
      return cut(cursor, next(text, cursor), cursor);
    case 'killToStart':
      return cut(0, cursor, 0);
    case 'killToEnd':
      return cut(cursor, text.length, cursor);
    case 'killWordBack': {
      const from = wordStart(text, cursor, notSpace);
      return cut(from, cursor, from);
    }
    case 'killAlnumWordBack': {
      const from = wordStart(text, cursor, isWordChar);
      return cut(from, cursor, from);
    }
    case 'killWordForward':
      return cut(cursor, wordEnd(text, cursor, isWordChar), cursor);
    case 'left':
      return { text, cursor: previous(text, cursor) };
    case 'right':
      return { text, cursor: next(text, cursor) };
    case 'wordLeft':
      return { text, cursor: wordStart(text, cursor, isWordChar) };
    case 'wordRight':
      return { text, cursor: wordEnd(text, cursor, isWordChar) };
    case 'home':
      return { text, cursor: 0 };
    case 'end':
      return { text, cursor: text.length };
    case 'submit':
    case 'ignored':
      return { text, cursor };
  }
}
