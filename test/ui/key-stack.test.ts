// The key pipeline's handler stack (src/ui/input/KeypressProvider.tsx): dialog, field, screen, global, in that order;
// the first handler that takes an event is the last to see it.
import { describe, expect, it } from 'vitest';
import { createKeyStack, type Layer } from '../../src/ui/input/KeypressProvider';
import { keyOf, type InputEvent } from '../../src/ui/input/reader';

const press = (sequence: string): InputEvent => ({ kind: 'key', ...keyOf(sequence), sequence, burst: false });

describe('the handler stack', () => {
  it('asks the dialog, then the field, the screen and the global keys, and stops at the first that takes the key', () => {
    const stack = createKeyStack();
    const asked: string[] = [];
    const add = (layer: Layer, takes: string, active = true) =>
      stack.register({
        layer,
        active: () => active,
        handler: { current: (event) => (asked.push(layer), event.kind === 'key' && event.input === takes) },
      });
    add('global', 'q');
    add('screen', 'j');
    add('dialog', 'y');
    add('field', 'x', false);
    expect(stack.dispatch(press('j'))).toBe(true);
    expect(asked).toEqual(['dialog', 'screen']);
    asked.length = 0;
    expect(stack.dispatch(press('y'))).toBe(true);
    expect(asked).toEqual(['dialog']);
    asked.length = 0;
    expect(stack.dispatch(press('z'))).toBe(false);
    expect(asked).toEqual(['dialog', 'screen', 'global']);
  });

  it('a handler taken off the stack is asked no more; the newest of a layer is asked first', () => {
    const stack = createKeyStack();
    const asked: string[] = [];
    const add = (name: string) =>
      stack.register({ layer: 'dialog', active: () => true, handler: { current: () => (asked.push(name), false) } });
    add('first');
    const remove = add('second');
    stack.dispatch(press('a'));
    expect(asked).toEqual(['second', 'first']);
    remove();
    asked.length = 0;
    stack.dispatch(press('a'));
    expect(asked).toEqual(['first']);
  });

  it('asks each handler whether it is active at each event: a key that moves the focus sends the next one elsewhere', () => {
    const stack = createKeyStack();
    let focus: 'field' | 'list' = 'field';
    const taken: string[] = [];
    const add = (layer: Layer, name: 'field' | 'list') =>
      stack.register({
        layer,
        active: () => focus === name,
        handler: {
          current: (event) => {
            if (event.kind !== 'key') return false;
            taken.push(`${name}:${event.sequence}`);
            if (event.key.tab) focus = name === 'field' ? 'list' : 'field';
            return true;
          },
        },
      });
    add('field', 'field');
    add('screen', 'list');
    for (const key of ['\t', 'j', '\t', 'a']) stack.dispatch(press(key));
    expect(taken).toEqual(['field:\t', 'list:j', 'list:\t', 'field:a']);
  });
});
