// src/_vendor/string-width counts narrow text itself and leaves the rest to string-width: both must always agree.
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { mulberry32, randInt } from '../../src/demo/random';
import textWidth, { NARROW } from '../../src/_vendor/string-width';

/** Every code point textWidth counts without string-width. */
function fastPathCodePoints(): number[] {
  const points: number[] = [];
  for (let cp = 0; cp <= 0xffff; cp++) if (!(cp >= 0xd800 && cp <= 0xdfff) && NARROW.test(String.fromCodePoint(cp))) points.push(cp);
  return points;
}

describe('textWidth', () => {
  it('agrees with string-width on every code point of the BMP', () => {
    const differ: string[] = [];
    for (let cp = 0; cp <= 0xffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const char = String.fromCodePoint(cp);
      if (textWidth(char) !== stringWidth(char)) differ.push(cp.toString(16));
    }
    expect(differ).toEqual([]);
  });

  it('counts the fast-path characters one column each, alone and in any sequence', () => {
    const points = fastPathCodePoints();
    // The symbols the UI draws are among them.
    for (const char of '·…–→←●›─') expect(points).toContain(char.codePointAt(0) ?? -1);
    for (const cp of points) expect(stringWidth(String.fromCodePoint(cp)), cp.toString(16)).toBe(1);
    // Sequences: neighbours never join into one cluster (a combining pair would make string-width count fewer).
    const rng = mulberry32(7);
    const next = () => randInt(rng, 0, 2 ** 31 - 1);
    for (let round = 0; round < 2000; round++) {
      const length = 1 + (next() % 40);
      let text = '';
      for (let i = 0; i < length; i++) text += String.fromCodePoint(points[next() % points.length] ?? 0x20);
      expect(textWidth(text), JSON.stringify(text)).toBe(stringWidth(text));
    }
  });

  it('agrees on the text the UI draws, styled or not', () => {
    const samples = [
      '› ● cp_PzbfiPT9vsLsKXSScq1SGI86 proj_lgIp3XxyDmf07H6Yu6YRd6GV Data Platform Assi… 2025-12-27 11mo ago',
      'ckpt-perms · DEMO · sk-admin…Ab12',
      'Page 2 · 26–50 · more',
      '─'.repeat(80),
      '→ next · ← prev · space mark · d revoke · q quit',
      '\u001b[1m\u001b[36mPage 1\u001b[39m\u001b[22m · \u001b[7mrow\u001b[27m',
      '',
    ];
    for (const text of samples) expect(textWidth(text), JSON.stringify(text)).toBe(stringWidth(text));
  });

  it('leaves everything else to string-width: wide, emoji, combining, other escapes, options', () => {
    const samples = [
      '日本語のプロジェクト',
      'team 🚀 launch',
      '👩‍👩‍👧 family',
      'e\u0301 accent',
      'zero\u200bwidth',
      '\u001b]8;;https://example.com\u0007link\u001b]8;;\u0007',
      'Ａｂｃ fullwidth',
      '\u00ad soft hyphen',
      'tab\there',
    ];
    for (const text of samples) expect(textWidth(text), JSON.stringify(text)).toBe(stringWidth(text));
    // Ambiguous characters are wide when asked; escapes counted when asked.
    expect(textWidth('· → ●', { ambiguousIsNarrow: false })).toBe(stringWidth('· → ●', { ambiguousIsNarrow: false }));
    expect(textWidth('\u001b[1mx\u001b[22m', { countAnsiEscapeCodes: true })).toBe(
      stringWidth('\u001b[1mx\u001b[22m', { countAnsiEscapeCodes: true }),
    );
  });
});
