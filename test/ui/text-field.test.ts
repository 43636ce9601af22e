// The keys of a text field: each key of a chunk, readline's editing keys, and every other control key ignored.
import { describe, expect, it } from 'vitest';
import { applyKey, keysOf, type Line } from '../../src/ui/line-edit';

/** The line after the chunks, as a terminal sends them, read one chunk at a time. */
function typed(chunks: string[], start: Line = { text: '', cursor: 0 }): Line {
  let line = start;
  for (const chunk of chunks) for (const key of keysOf(chunk)) line = applyKey(line, key);
  return line;
}

const at = (text: string, cursor = text.length): Line => ({ text, cursor });

describe('keysOf', () => {
  it('reads every key of a chunk: three Backspaces are three', () => {
    expect(keysOf('\x7f\x7f\x7f')).toEqual([{ kind: 'backspace' }, { kind: 'backspace' }, { kind: 'backspace' }]);
    expect(typed(['triage', '\x7f\x7f\x7f'])).toEqual(at('tri'));
  });

  it('keeps the text around control keys in order', () => {
    expect(keysOf('ab\x15cd')).toEqual([{ kind: 'insert', text: 'ab' }, { kind: 'killToStart' }, { kind: 'insert', text: 'cd' }]);
  });

  it('never inserts a control key it does not edit with', () => {
    for (const chunk of [
      '\x00',
      '\x07',
      '\x0e',
      '\x10',
      '\x12',
      '\x14',
      '\x19',
      '\x1a',
      '\x1c',
      '\x1f',
      '\x85',
      '\x1b',
      '\x1b[Z',
      '\x1b[15~',
      '\x1bOP',
      '\t',
      '\n',
    ])
      expect(typed([chunk], at('abc'))).toEqual(at('abc'));
  });

  it('takes Enter (or a line break) that ends a chunk as submit, and one inside a paste as a space', () => {
    expect(keysOf('\r')).toEqual([{ kind: 'submit' }]);
    expect(keysOf('abc\r')).toEqual([{ kind: 'insert', text: 'abc' }, { kind: 'submit' }]);
    expect(keysOf('key  \r\n')).toEqual([{ kind: 'insert', text: 'key  ' }, { kind: 'submit' }]);
    expect(typed(['proj_a\r\nproj_b\tproj_c'])).toEqual(at('proj_a  proj_b proj_c'));
  });
});

describe('applyKey', () => {
  it('Ctrl+U clears to the start, Ctrl+K to the end', () => {
    expect(typed(['\x15'], at('triage'))).toEqual(at(''));
    expect(typed(['\x15'], at('ft:triage', 3))).toEqual(at('triage', 0));
    expect(typed(['\x0b'], at('ft:triage', 3))).toEqual(at('ft:', 3));
  });

  it('Ctrl+W deletes the word before the cursor up to a space; Alt+Backspace up to a letter-or-digit run', () => {
    expect(typed(['\x17'], at('proj_a proj_bcd'))).toEqual(at('proj_a '));
    expect(typed(['\x17'], at('proj_a proj_bcd  '))).toEqual(at('proj_a '));
    expect(typed(['\x1b\x7f'], at('ft:gpt-4o:acme:triage'))).toEqual(at('ft:gpt-4o:acme:'));
    expect(typed(['\x1b\x7f', '\x1b\x7f'], at('ft:gpt-4o:acme:triage'))).toEqual(at('ft:gpt-4o:'));
  });

  it('moves with Ctrl+A / Ctrl+E / Home / End / ← / →, and types where the cursor is', () => {
    expect(typed(['\x01', 'x'], at('abc'))).toEqual(at('xabc', 1));
    expect(typed(['\x1b[H', '\x05', 'x'], at('abc'))).toEqual(at('abcx'));
    expect(typed(['\x1b[1~', '\x1b[C', '\x1b[C', '-'], at('abc'))).toEqual(at('ab-c', 3));
    expect(typed(['\x1b[D', '\x1b[D', '\x1b[F', '!'], at('abc'))).toEqual(at('abc!'));
    expect(typed(['\x1b[D', '\x1b[D', '\x1b[D', '\x1b[D'], at('ab'))).toEqual(at('ab', 0));
  });

  it('Backspace deletes before the cursor, Delete under it', () => {
    expect(typed(['\x1b[D', '\x7f'], at('abc'))).toEqual(at('ac', 1));
    expect(typed(['\x1b[D', '\x1b[3~'], at('abc'))).toEqual(at('ab', 2));
    expect(typed(['\x7f'], at('', 0))).toEqual(at(''));
  });

  it('never splits a character outside the basic plane', () => {
    expect(typed(['\x7f'], at('a😀'))).toEqual(at('a'));
    expect(typed(['\x1b[D', 'x'], at('a😀'))).toEqual(at('ax😀', 2));
  });
});
