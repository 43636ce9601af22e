// src/_vendor/ink/ stands in for parts of Ink in the bundle and in the tests: Output (the frame grid), measure-text and
// wrap-text. Each must give exactly Ink's answers (but for the wrap cache's key, ink#998); the caches must stay bounded.
import { createRequire } from 'node:module';
import { Box, Text } from 'ink';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { mulberry32, randInt } from '../../src/demo/random';
import { MAX_ENTRIES } from '../../src/_vendor/ink/bounded-cache';
import measureText, { cache as measured } from '../../src/_vendor/ink/measure-text';
import Output from '../../src/_vendor/ink/output';
import wrapText, { cache as wrapped } from '../../src/_vendor/ink/wrap-text';

// Ink's own files as Node loads them, with the libraries as published: through vitest they would get src/_vendor/'s.
const require = createRequire(import.meta.url);
const { default: InkOutput } = require('../../node_modules/ink/build/output.js') as typeof import('../../node_modules/ink/build/output.js');
const { default: inkMeasureText } =
  require('../../node_modules/ink/build/measure-text.js') as typeof import('../../node_modules/ink/build/measure-text.js');
const { default: inkWrapText } =
  require('../../node_modules/ink/build/wrap-text.js') as typeof import('../../node_modules/ink/build/wrap-text.js');

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

describe('the wrap cache tells texts and widths apart (ink#998)', () => {
  const [ten, eleven] = ['一二三四五六七八九十', '一二三四五六七八九十1'];

  it('wrapText: the second text at 5 columns is wrapped, not the first one’s lines at 15 read back', () => {
    wrapped.clear();
    expect(wrapText(ten, 15, 'wrap')).toBe('一二三四五六七\n八九十');
    expect(wrapText(eleven, 5, 'wrap')).toBe('一二\n三四\n五六\n七八\n九十1');
    // Ink 6.8's own, with its key of text + width + type: this is the bug.
    expect(inkWrapText(ten, 15, 'wrap')).toBe('一二三四五六七\n八九十');
    expect(inkWrapText(eleven, 5, 'wrap')).toBe('一二三四五六七\n八九十');
  });

  it('Ink in the tests draws with this wrap-text, as the bundle does: both boxes come out right', () => {
    wrapped.clear();
    const first = render(
      <Box width={15}>
        <Text>{ten}</Text>
      </Box>,
    );
    const second = render(
      <Box width={5}>
        <Text>{eleven}</Text>
      </Box>,
    );
    try {
      expect(first.lastFrame()).toBe('一二三四五六七\n八九十');
      expect(second.lastFrame()).toBe('一二\n三四\n五六\n七八\n九十1');
      // The entries are in src/_vendor/'s cache: Ink called this module, not its own.
      expect(wrapped.size).toBeGreaterThan(0);
    } finally {
      first.unmount();
      second.unmount();
    }
  });
});
