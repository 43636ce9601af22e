// The key pipeline's reader (src/ui/input/reader.ts): Ink's input events in, single keys, pastes and mouse events out.
import { describe, expect, it } from 'vitest';
import { createReader, keyOf, mouseOf, type InputEvent } from '../../src/ui/input/reader';
import { KEYS } from '../helpers/keys';

/** What one reader makes of these events, read in the same turn (as Ink emits a read's events). */
const read = (...events: string[]): InputEvent[] => {
  const reader = createReader();
  return events.flatMap((event) => reader.read(event));
};
const sequences = (events: InputEvent[]) => events.map((e) => (e.kind === 'key' ? e.sequence : e.kind));

describe('the reader', () => {
  it('splits a run of text into its keys, each marked as read together', () => {
    const events = read('jjk');
    expect(sequences(events)).toEqual(['j', 'j', 'k']);
    expect(events.every((e) => e.kind === 'key' && e.burst)).toBe(true);
  });

  it('a key read alone is not a burst; escape sequences in the same read are', () => {
    const events = read(KEYS.down, KEYS.down);
    expect(events.map((e) => e.kind === 'key' && e.burst)).toEqual([false, true]);
    expect(events.every((e) => e.kind === 'key' && e.key.downArrow)).toBe(true);
  });

  it('text ending in a line break is its keys, then one Enter', () => {
    expect(sequences(read('ab\r\n'))).toEqual(['a', 'b', '\r']);
  });

  it('without bracketed paste, text with a line break inside is one paste (then Enter for a final break)', () => {
    expect(read('one\rtwo\r')).toEqual([
      { kind: 'paste', text: 'one\rtwo', bracketed: false },
      expect.objectContaining({ kind: 'key', sequence: '\r' }),
    ]);
    // Tabs alone are keys (Tab Tab Tab picks three), not a paste.
    expect(sequences(read('\t\t'))).toEqual(['\t', '\t']);
  });

  it('with bracketed paste on, only bracketed text is a paste: every other line break is Enter, however fast', () => {
    const reader = createReader({ bracketedPaste: true });
    const typed = reader.read('JOmZ\ra');
    expect(sequences(typed)).toEqual(['J', 'O', 'm', 'Z', '\r', 'a']);
    expect(typed.every((e) => e.kind === 'key' && e.burst)).toBe(true);
    expect(typed.filter((e) => e.kind === 'key' && e.key.return)).toHaveLength(1);
    // An Enter typed before raw mode comes as \n (the line discipline's ICRNL): Enter too, and \r\n is one Enter.
    expect(sequences(createReader({ bracketedPaste: true }).read('ab\ncd\r\n'))).toEqual(['a', 'b', '\r', 'c', 'd', '\r']);
    // A paste the terminal marked is still one paste, its line breaks inside it.
    expect(createReader({ bracketedPaste: true }).read('\u001b[200~one\rtwo\u001b[201~')).toEqual([
      { kind: 'paste', text: 'one\rtwo', bracketed: true },
    ]);
  });

  it('folds a bracketed paste into one event, across events and reads, escape sequences and all', () => {
    const reader = createReader();
    expect(reader.read('\u001b[200~')).toEqual([]);
    expect(reader.read('dy\r')).toEqual([]);
    expect(reader.read('\u001b[2J')).toEqual([]);
    expect(reader.read('z\u001b[201~')).toEqual([{ kind: 'paste', text: 'dy\r\u001b[2Jz', bracketed: true }]);
    // After it, keys are keys again.
    expect(sequences(reader.read('q'))).toEqual(['q']);
    expect(read('\u001b[200~ab\u001b[201~')).toEqual([{ kind: 'paste', text: 'ab', bracketed: true }]);
  });

  it('Ctrl+C read on its own ends a paste whose end never came, and is Ctrl+C', () => {
    const reader = createReader();
    reader.read('\u001b[200~');
    reader.read('half a paste');
    expect(reader.read(KEYS.ctrlC)).toEqual([
      { kind: 'paste', text: 'half a paste', bracketed: true },
      expect.objectContaining({ kind: 'key', input: 'c', key: expect.objectContaining({ ctrl: true }) }),
    ]);
  });

  it('decodes SGR mouse reports', () => {
    expect(mouseOf('\u001b[<0;10;5M')).toEqual({
      kind: 'mouse',
      action: 'press',
      button: 0,
      x: 9,
      y: 4,
      shift: false,
      meta: false,
      ctrl: false,
    });
    expect(mouseOf('\u001b[<0;10;5m')).toMatchObject({ action: 'release', button: 0 });
    expect(mouseOf('\u001b[<64;1;1M')).toMatchObject({ action: 'wheelUp', x: 0, y: 0 });
    expect(mouseOf('\u001b[<65;3;2M')).toMatchObject({ action: 'wheelDown' });
    expect(mouseOf('\u001b[<32;4;4M')).toMatchObject({ action: 'drag', button: 0 });
    expect(mouseOf('\u001b[<35;4;4M')).toMatchObject({ action: 'move' });
    expect(mouseOf('\u001b[<18;2;3M')).toMatchObject({ action: 'press', button: 2, ctrl: true });
    expect(read('\u001b[<2;7;8M')).toEqual([expect.objectContaining({ kind: 'mouse', button: 2, x: 6, y: 7 })]);
  });

  it('names keys as Ink does, so the keymap matches as before', () => {
    expect(keyOf(KEYS.up).key.upArrow).toBe(true);
    expect(keyOf(KEYS.pageDown).key.pageDown).toBe(true);
    expect(keyOf(KEYS.home).key.home).toBe(true);
    expect(keyOf(KEYS.end).key.end).toBe(true);
    expect(keyOf(KEYS.delete).key.delete).toBe(true);
    expect(keyOf(KEYS.enter).key.return).toBe(true);
    expect(keyOf(KEYS.tab).key.tab).toBe(true);
    expect(keyOf(KEYS.esc).key).toMatchObject({ escape: true, meta: true });
    expect(keyOf(KEYS.ctrlC)).toMatchObject({ input: 'c', key: { ctrl: true } });
    expect(keyOf('H')).toMatchObject({ input: 'H', key: { shift: true } });
    expect(keyOf('\u001bb')).toMatchObject({ input: 'b', key: { meta: true } });
    expect(keyOf('\u001b\u001b[A').key).toMatchObject({ upArrow: true, meta: true });
    expect(keyOf('\u001b[1;5C')).toMatchObject({ input: '', key: { rightArrow: true, ctrl: true } });
  });
});
