// The edit a stale ink-text-input key handler made, carried over onto the text typed since.
import { describe, expect, it } from 'vitest';
import { carryOver } from '../../src/ui/components/TextField';

describe('carryOver', () => {
  it('passes a change through when nothing came in between', () => {
    expect(carryOver('abc', 'abcd', 'abc')).toBe('abcd');
    expect(carryOver('abc', 'aXbc', 'abc')).toBe('aXbc');
  });

  it('adds text typed at the end to what was typed since', () => {
    expect(carryOver('', 'b', 'a')).toBe('ab');
    expect(carryOver('ft:', 'ft:gpt', 'ft:g')).toBe('ft:ggpt');
  });

  it('takes a character from the end of what was typed since', () => {
    expect(carryOver('abc', 'ab', 'abcde')).toBe('abcd');
    expect(carryOver('a', '', '')).toBe('');
  });

  it('keeps any other edit as it is', () => {
    expect(carryOver('abc', 'Xbc', 'abcd')).toBe('Xbc');
  });
});
