// The one table of keys: no key means two things on one screen, and sentences on the screen name its keys.
import { describe, expect, it } from 'vitest';
import { actionFor, KEYMAP, keyFor, type Context, type KeySpec } from '../../src/ui/keymap';

const name = (spec: KeySpec) => ('key' in spec ? spec.key : spec.input);

describe('the keymap', () => {
  it('binds each key to one action per context', () => {
    const clashes: string[] = [];
    for (const [context, bindings] of Object.entries(KEYMAP) as [Context, (typeof KEYMAP)[Context]][]) {
      const seen = new Map<string, string>();
      for (const binding of bindings) {
        for (const spec of binding.keys) {
          const before = seen.get(name(spec));
          if (before !== undefined && before !== binding.action)
            clashes.push(`${context}: ${name(spec)} is ${before} and ${binding.action}`);
          seen.set(name(spec), binding.action);
        }
      }
    }
    expect(clashes).toEqual([]);
  });

  it('answers every yes/no question alike: y confirms; n, N, Esc and Enter cancel; ↑ ↓ j k scroll', () => {
    const noKey = { ctrl: false, meta: false } as Parameters<typeof actionFor>[2];
    for (const context of ['revoke', 'confirm', 'sync'] as const) {
      expect(actionFor(context, 'y', noKey)).toBe('confirm');
      for (const input of ['n', 'N']) expect(actionFor(context, input, noKey)).toBe('cancel');
      expect(actionFor(context, '', { ...noKey, escape: true })).toBe('cancel');
      expect(actionFor(context, '\r', { ...noKey, return: true })).toBe('cancel');
      expect(actionFor(context, 'k', noKey)).toBe('up');
      expect(actionFor(context, '', { ...noKey, downArrow: true })).toBe('down');
    }
  });

  it('names the key a sentence on the screen mentions, and refuses an action the context lacks', () => {
    expect(keyFor('table', 'reload')).toBe('r');
    expect(keyFor('table', 'revoke')).toBe('d');
    expect(keyFor('table', 'back')).toBe('Esc');
    expect(() => keyFor('outcomes', 'revoke')).toThrow(/no key for revoke in outcomes/);
  });
});
