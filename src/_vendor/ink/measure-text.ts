// Ink's measure-text.js with a bounded cache (see bounded-cache.ts).
import textWidth from '../string-width';
import { BoundedCache } from './bounded-cache';

export interface Dimensions {
  width: number;
  height: number;
}

export const cache = new BoundedCache<Dimensions>();

export default function measureText(text: string): Dimensions {
  if (text.length === 0) return { width: 0, height: 0 };
  const cached = cache.get(text);
  if (cached) return cached;
  const lines = text.split('\n');
  let width = 0;
  for (const line of lines) width = Math.max(width, textWidth(line));
  const dimensions = { width, height: lines.length };
  cache.set(text, dimensions);
  return dimensions;
}
