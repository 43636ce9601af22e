// Ink's Output (ink/build/output.js in 6.8.0), which gathers what a frame writes where, draws it into a grid of
// styled cells and reads the grid back as lines. Ink starts each frame's grid with a new blank cell, and a new styles
// array, for every column and row: 3,000 of each at 100×30, about a megabyte of garbage a frame. Here every blank
// cell is one shared object: cells are only ever replaced, never changed. Text goes through ../ansi-tokenize and
// ../string-width. The bundle and the tests give Ink this class in place of its own (../README.md);
// test/_vendor/ink.test.tsx compares the two frame by frame.
import sliceAnsi from 'slice-ansi';
import { styledCharsOfLine, styledCharsToString, type StyledChar } from '../ansi-tokenize';
import { BoundedCache } from './bounded-cache';
import textWidth from '../string-width';

export interface Clip {
  x1?: number;
  x2?: number;
  y1?: number;
  y2?: number;
}

type Transformer = (line: string, index: number) => string;

type Operation =
  { type: 'write'; x: number; y: number; text: string; transformers: Transformer[] } | { type: 'clip'; clip: Clip } | { type: 'unclip' };

const BLANK: StyledChar = Object.freeze({ type: 'char', value: ' ', fullWidth: false, styles: Object.freeze([]) as never });

/**
 * The cells of lines drawn lately, kept from frame to frame: a page flip redraws the same header, borders and hints
 * (never changed: cells are only replaced).
 */
const linesDrawn = new BoundedCache<StyledChar[]>();

/** What one frame has worked out already (Ink keeps these per frame too). */
class FrameCaches {
  private readonly widths = new Map<string, number>();
  private readonly blockWidths = new Map<string, number>();

  getStyledChars(line: string): StyledChar[] {
    let chars = linesDrawn.get(line);
    if (chars === undefined) {
      chars = styledCharsOfLine(line);
      linesDrawn.set(line, chars);
    }
    return chars;
  }

  getStringWidth(text: string): number {
    let width = this.widths.get(text);
    if (width === undefined) {
      width = textWidth(text);
      this.widths.set(text, width);
    }
    return width;
  }

  getWidestLine(text: string): number {
    let width = this.blockWidths.get(text);
    if (width === undefined) {
      width = 0;
      for (const line of text.split('\n')) width = Math.max(width, this.getStringWidth(line));
      this.blockWidths.set(text, width);
    }
    return width;
  }
}

export default class Output {
  readonly width: number;
  readonly height: number;
  private readonly operations: Operation[] = [];
  private readonly caches = new FrameCaches();

  constructor({ width, height }: { width: number; height: number }) {
    this.width = width;
    this.height = height;
  }

  write(x: number, y: number, text: string, { transformers }: { transformers: Transformer[] }): void {
    if (!text) return;
    this.operations.push({ type: 'write', x, y, text, transformers });
  }

  clip(clip: Clip): void {
    this.operations.push({ type: 'clip', clip });
  }

  unclip(): void {
    this.operations.push({ type: 'unclip' });
  }

  get(): { output: string; height: number } {
    // Every row exists from the start, so that margins and padding at the bottom are kept.
    const grid: StyledChar[][] = [];
    for (let y = 0; y < this.height; y++) grid.push(new Array<StyledChar>(this.width).fill(BLANK));
    const clips: Clip[] = [];
    for (const operation of this.operations) {
      if (operation.type === 'clip') clips.push(operation.clip);
      else if (operation.type === 'unclip') clips.pop();
      else this.draw(grid, operation, clips.at(-1));
    }
    const output = grid
      // A write past the right edge can leave holes in a row.
      .map((row) => styledCharsToString(row.filter((cell) => cell !== undefined)).trimEnd())
      .join('\n');
    return { output, height: grid.length };
  }

  private draw(grid: StyledChar[][], operation: Extract<Operation, { type: 'write' }>, clip: Clip | undefined): void {
    const { text, transformers } = operation;
    let { x, y } = operation;
    let lines = text.split('\n');
    if (clip) {
      const clipsX = typeof clip.x1 === 'number' && typeof clip.x2 === 'number';
      const clipsY = typeof clip.y1 === 'number' && typeof clip.y2 === 'number';
      // Wholly outside the clip: nothing to draw.
      if (clipsX && (x + this.caches.getWidestLine(text) < clip.x1! || x > clip.x2!)) return;
      if (clipsY && (y + lines.length < clip.y1! || y > clip.y2!)) return;
      if (clipsX) {
        lines = lines.map((line) => {
          const from = x < clip.x1! ? clip.x1! - x : 0;
          const width = this.caches.getStringWidth(line);
          const to = x + width > clip.x2! ? clip.x2! - x : width;
          return sliceAnsi(line, from, to);
        });
        if (x < clip.x1!) x = clip.x1!;
      }
      if (clipsY) {
        const from = y < clip.y1! ? clip.y1! - y : 0;
        const to = y + lines.length > clip.y2! ? clip.y2! - y : lines.length;
        lines = lines.slice(from, to);
        if (y < clip.y1!) y = clip.y1!;
      }
    }
    let row = y;
    for (let index = 0; index < lines.length; index++) {
      const cells = grid[row];
      // Text taller than the grid: the rows below it are not drawn (nor counted).
      if (!cells) continue;
      let line = lines[index]!;
      for (const transform of transformers) line = transform(line, index);
      let column = x;
      for (const char of this.caches.getStyledChars(line)) {
        cells[column] = char;
        // As wide as the text was measured; a wide character's other columns are blanked in its style.
        const width = Math.max(1, this.caches.getStringWidth(char.value));
        for (let extra = 1; extra < width; extra++)
          cells[column + extra] = { type: 'char', value: '', fullWidth: false, styles: char.styles };
        column += width;
      }
      row++;
    }
  }
}
