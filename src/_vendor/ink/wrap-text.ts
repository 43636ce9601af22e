// Ink's wrap-text.js with a bounded cache (see bounded-cache.ts) and a key that tells texts and widths apart.
import cliTruncate from 'cli-truncate';
import wrapAnsi from 'wrap-ansi';
import { BoundedCache } from './bounded-cache';

type WrapType = 'wrap' | 'end' | 'middle' | 'truncate-end' | 'truncate' | 'truncate-middle' | 'truncate-start';

export const cache = new BoundedCache<string>();

export default function wrapText(text: string, maxWidth: number, wrapType: WrapType): string {
  // Ink 6.8 keys by text + width + type, so ('一二三四五六七八九十', 15) and ('一二三四五六七八九十1', 5) share a key and the
  // second gets the first's lines (vadimdemedes/ink#998): the text goes last, after two fields that cannot hold a '|'.
  const key = `${maxWidth}|${wrapType}|${text}`;
  const cached = cache.get(key);
  if (cached) return cached;
  let wrapped = text;
  if (wrapType === 'wrap') wrapped = wrapAnsi(text, maxWidth, { trim: false, hard: true });
  if (wrapType.startsWith('truncate')) {
    const position = wrapType === 'truncate-middle' ? 'middle' : wrapType === 'truncate-start' ? 'start' : 'end';
    wrapped = cliTruncate(text, maxWidth, { position });
  }
  cache.set(key, wrapped);
  return wrapped;
}
