// src/ui/ink/ stands in for parts of Ink in the bundle: Output (the frame grid), measure-text and wrap-text.
// Each must give exactly Ink's answers; the caches must stay bounded.
import { describe, expect, it } from 'vitest';
import InkOutput from '../../node_modules/ink/build/output.js';
import inkMeasureText from '../../node_modules/ink/build/measure-text.js';
import inkWrapText from '../../node_modules/ink/build/wrap-text.js';
import { mulberry32, randInt } from '../../src/demo/random';
import { MAX_ENTRIES } from '../../src/ui/ink/bounded-cache';
import measureText, { cache as measured } from '../../src/ui/ink/measure-text';
import Output from '../../src/ui/ink/output';
import wrapText, { cache as wrapped } from '../../src/ui/ink/wrap-text';

const SAMPLES = [
  '',
  'plain',
  '› ● cp_PzbfiPT9vsLsKXSScq1SGI86 proj_lgIp3XxyDmf07H6Yu6YRd6GV Data Platform Assi… 2025-12-27 11mo ago',
  'two\nlines · here',
  '\u001b[1mbold\u001b[22m and \u001b[36mcyan\u001b[39m words that run on past the edge of a narrow box',
  '日本語のプロジェクト名 and 🚀 emoji',
  'a\n\nb\n',
];
const WRAPS = ['wrap', 'truncate', 'truncate-end', 'truncate-middle', 'truncate-start'] as const;

describe("Ink's text measuring and wrapping, with bounded caches", () => {
  it('measures as Ink does', () => {
    for (const text of SAMPLES) expect(measureText(text), JSON.stringify(text)).toEqual(inkMeasureText(text));
  });

  it('wraps and truncates as Ink does, at every width', () => {
    for (const text of SAMPLES)
      for (const wrap of WRAPS)
        for (const width of [1, 3, 8, 20, 200])
          expect(wrapText(text, width, wrap), `${wrap} ${width} ${JSON.stringify(text)}`).toBe(inkWrapText(text, width, wrap));
  });

  it('keeps at most MAX_ENTRIES texts however many are shown, and answers the same after starting over', () => {
    for (let i = 0; i < MAX_ENTRIES * 3; i++) {
      const row = `row ${i} · proj_${i.toString(36).padStart(8, '0')}`;
      expect(measureText(row).width).toBe(row.length);
      expect(wrapText(row, 20, 'truncate')).toBe(inkWrapText(row, 20, 'truncate'));
      expect(measured.size).toBeLessThanOrEqual(MAX_ENTRIES);
      expect(wrapped.size).toBeLessThanOrEqual(MAX_ENTRIES);
    }
    expect(measured.size).toBeGreaterThan(0);
  });
});

describe("Ink's frame grid (Output)", () => {
  const PIECES = [
    'a',
    'bc',
    ' ',
    '·',
    '…',
    '›',
    '●',
    '─',
    '日本',
    '🚀',
    'e\u0301',
    '\n',
    '\u001b[1m',
    '\u001b[22m',
    '\u001b[36m',
    '\u001b[39m',
    '\u001b[7m',
    '\u001b[27m',
    '\u001b[0m',
  ];
  const bold: (line: string, index: number) => string = (line) => `\u001b[1m${line}\u001b[22m`;
  const numbered: (line: string, index: number) => string = (line, index) => `${index}${line}`;

  function random(seed: number) {
    const rng = mulberry32(seed);
    return (n: number) => randInt(rng, 0, n - 1);
  }

  it('draws every frame exactly as Ink does: writes, transformers, clips in both directions, text past the edges', () => {
    const next = random(99);
    for (let round = 0; round < 1500; round++) {
      const width = 1 + next(50);
      const height = 1 + next(12);
      const ours = new Output({ width, height });
      const ink = new InkOutput({ width, height });
      for (let step = next(12); step >= 0; step--) {
        const roll = next(10);
        if (roll < 7) {
          let text = '';
          for (let i = next(30); i > 0; i--) text += PIECES[next(PIECES.length)];
          const x = next(width + 6) - 3;
          const y = next(height + 4) - 2;
          const transformers = [bold, numbered].filter(() => next(3) === 0);
          ours.write(x, y, text, { transformers });
          ink.write(x, y, text, { transformers });
        } else if (roll < 9) {
          const clip = {
            x1: next(4) === 0 ? undefined : next(width),
            x2: next(4) === 0 ? undefined : next(width + 2),
            y1: next(4) === 0 ? undefined : next(height),
            y2: next(4) === 0 ? undefined : next(height + 2),
          };
          ours.clip(clip);
          ink.clip(clip);
        } else {
          ours.unclip();
          ink.unclip();
        }
      }
      expect(ours.get(), `round ${round}`).toEqual(ink.get());
    }
  });
});
