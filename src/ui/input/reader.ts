// The one reader of terminal input: Ink's input events (each an escape sequence or a run of text) in, single keys,
// folded pastes and mouse events out. Pure apart from the paste it is in the middle of; no React here.
import type { Key } from 'ink';

/** One key, as Ink would report it to useInput, with the bytes it came in. */
export interface KeyEvent {
  kind: 'key';
  input: string;
  key: Key;
  /** The key's own bytes (`\u001b[B`, `\u007f`, `a`): what a text field edits by. */
  sequence: string;
  /** Read together with other keys (typed faster than read, or pasted by a terminal without bracketed paste). */
  burst: boolean;
}

/** Text the terminal marked as pasted (`ESC[200~ … ESC[201~`), or a run of text with line breaks inside it. */
export interface PasteEvent {
  kind: 'paste';
  text: string;
  bracketed: boolean;
}

/** An SGR mouse report (`ESC[<b;x;yM`, `m` on release), with 0-based cell coordinates. */
export interface MouseEvent {
  kind: 'mouse';
  action: 'press' | 'release' | 'drag' | 'move' | 'wheelUp' | 'wheelDown';
  /** 0 left, 1 middle, 2 right (none for moves and wheels). */
  button?: number;
  x: number;
  y: number;
  shift: boolean;
  meta: boolean;
  ctrl: boolean;
}

export type InputEvent = KeyEvent | PasteEvent | MouseEvent;

const ESC = '\u001b';
const PASTE_START = `${ESC}[200~`;
const PASTE_END = `${ESC}[201~`;
// After the ESC: `[<button;column;row` and M (pressed) or m (released).
const MOUSE = /^\[<(\d+);(\d+);(\d+)([Mm])$/;

const NO_KEY: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

// The named keys' sequences after ESC (xterm, VT220, rxvt, Linux console), with the name Ink gives each.
export const NAMED: Record<string, keyof Key> = {
  '[A': 'upArrow',
  '[B': 'downArrow',
  '[C': 'rightArrow',
  '[D': 'leftArrow',
  OA: 'upArrow',
  OB: 'downArrow',
  OC: 'rightArrow',
  OD: 'leftArrow',
  '[5~': 'pageUp',
  '[6~': 'pageDown',
  '[[5~': 'pageUp',
  '[[6~': 'pageDown',
  '[H': 'home',
  OH: 'home',
  '[1~': 'home',
  '[7~': 'home',
  '[F': 'end',
  OF: 'end',
  '[4~': 'end',
  '[8~': 'end',
  '[3~': 'delete',
  '[Z': 'tab',
};

/**
 * The key one sequence is, as Ink's useInput reports it (so the keymap matches as it did): Backspace (DEL) is
 * `delete` there, a lone Esc sets meta, Ctrl+letter gives the letter with ctrl, an upper-case letter sets shift.
 */
export function keyOf(sequence: string): { input: string; key: Key } {
  const key: Key = { ...NO_KEY };
  if (sequence === '\r' || sequence === `${ESC}\r`) return { input: '', key: { ...key, return: true, meta: sequence.length === 2 } };
  if (sequence === '\t') return { input: '', key: { ...key, tab: true } };
  if (sequence === '\u0008' || sequence === `${ESC}\u0008`)
    return { input: '', key: { ...key, backspace: true, meta: sequence.length === 2 } };
  if (sequence === '\u007f' || sequence === `${ESC}\u007f`)
    return { input: '', key: { ...key, delete: true, meta: sequence.length === 2 } };
  if (sequence === ESC || sequence === `${ESC}${ESC}`) return { input: '', key: { ...key, escape: true, meta: true } };
  if (sequence.startsWith(ESC)) {
    const body = sequence.slice(1);
    // Alt with a named key (`ESC ESC[A`): that key, with meta.
    if (body.startsWith(ESC)) {
      const inner = keyOf(body);
      return { input: inner.input, key: { ...inner.key, meta: true } };
    }
    const named = NAMED[body];
    if (named) return { input: '', key: { ...key, [named]: true, shift: body === '[Z' } };
    // Modified arrows (`ESC[1;5A`): the arrow, with its modifiers.
    const modified = /^\[1;(\d+)([A-DHF])$/.exec(body);
    if (modified) {
      const bits = Number(modified[1]) - 1;
      const name = NAMED[`[${modified[2]}`]!;
      return { input: '', key: { ...key, [name]: true, shift: (bits & 1) !== 0, meta: (bits & 2) !== 0, ctrl: (bits & 4) !== 0 } };
    }
    // Alt+character: the character with meta, as Ink strips the ESC.
    if ([...body].length === 1) return { input: body, key: { ...key, meta: true, shift: /[A-Z]/.test(body) } };
    return { input: body, key };
  }
  const code = sequence.codePointAt(0) ?? 0;
  if (sequence.length === 1 && code <= 0x1a && sequence !== '\n') {
    return { input: String.fromCharCode(code + 96), key: { ...key, ctrl: true } };
  }
  return { input: sequence, key: { ...key, shift: sequence.length === 1 && /[A-Z]/.test(sequence) } };
}

const key = (sequence: string, burst: boolean): KeyEvent => ({ kind: 'key', ...keyOf(sequence), sequence, burst });

export function mouseOf(sequence: string): MouseEvent | undefined {
  const match = sequence.startsWith(ESC) ? MOUSE.exec(sequence.slice(1)) : null;
  if (!match) return undefined;
  const code = Number(match[1]);
  const base = {
    kind: 'mouse' as const,
    x: Number(match[2]) - 1,
    y: Number(match[3]) - 1,
    shift: (code & 4) !== 0,
    meta: (code & 8) !== 0,
    ctrl: (code & 16) !== 0,
  };
  const button = code & 3;
  if (code & 64) return { ...base, action: button === 0 ? 'wheelUp' : 'wheelDown' };
  if (code & 32) return button === 3 ? { ...base, action: 'move' } : { ...base, action: 'drag', button };
  return { ...base, action: match[4] === 'm' ? 'release' : 'press', button };
}

const LINE_BREAKS = /[\r\n]+$/;

/**
 * A run of text as the keys it holds. Without bracketed paste a paste is known only by its shape: printable text with a
 * line break or Tab inside is a paste (its breaks must not submit half of it), and a line break that ends it is Enter.
 * Anything else is keys typed faster than they were read: each counts, on its own.
 */
function textEvents(run: string, alreadyBurst: boolean): InputEvent[] {
  const chars = [...run];
  if (chars.length === 1) return [key(run, alreadyBurst)];
  const body = run.replace(LINE_BREAKS, '');
  const enter = body !== run ? [key('\r', true)] : [];
  if (/[\r\n\t]/.test(body) && /[^\p{Cc}\s]/u.test(body)) return [{ kind: 'paste', text: body, bracketed: false }, ...enter];
  return [...[...body].map((char) => key(char, true)), ...enter];
}

/**
 * A run of text while bracketed paste is on: the terminal marks every paste, so this is keys, each on its own. A line
 * break is Enter: `\n` too, an Enter typed before the terminal was in raw mode (its line discipline made it one).
 */
function typedEvents(run: string, alreadyBurst: boolean): KeyEvent[] {
  const chars = [...run.replace(/\r\n/g, '\r').replace(/\n/g, '\r')];
  const burst = alreadyBurst || chars.length > 1;
  return chars.map((char) => key(char, burst));
}

export interface Reader {
  /** One of Ink's input events in; what it holds out (nothing while a paste is being read). */
  read(data: string): InputEvent[];
}

/** `bracketedPaste`: the UI turned the terminal's bracketed paste mode on, so only bracketed text is a paste. */
export function createReader({ bracketedPaste = false }: { bracketedPaste?: boolean } = {}): Reader {
  // A bracketed paste may come in several events (Ink cuts at each escape sequence) and several writes.
  let paste: string | undefined;
  // Events of the same turn of the event loop came from one read of stdin: they are a burst.
  let inTurn = false;
  return {
    read(data) {
      const burst = inTurn;
      if (!inTurn) {
        inTurn = true;
        queueMicrotask(() => {
          inTurn = false;
        });
      }
      if (paste !== undefined) {
        // Ctrl+C read on its own ends a paste whose end never came (a terminal that lost it): the way out always works.
        if (data === '\u0003') {
          const text = paste;
          paste = undefined;
          return [...(text === '' ? [] : [{ kind: 'paste' as const, text, bracketed: true }]), key(data, burst)];
        }
        const end = data.indexOf(PASTE_END);
        if (end === -1) {
          paste += data;
          return [];
        }
        const text = paste + data.slice(0, end);
        paste = undefined;
        const rest = data.slice(end + PASTE_END.length);
        return [{ kind: 'paste', text, bracketed: true }, ...(rest === '' ? [] : this.read(rest))];
      }
      if (data.startsWith(PASTE_START)) {
        paste = '';
        const rest = data.slice(PASTE_START.length);
        return rest === '' ? [] : this.read(rest);
      }
      if (data.startsWith(ESC)) {
        const mouse = mouseOf(data);
        return [mouse ?? key(data, burst)];
      }
      return bracketedPaste ? typedEvents(data, burst) : textEvents(data, burst);
    },
  };
}
