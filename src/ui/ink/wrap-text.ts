// Ink's wrap-text.js with a bounded cache (see bounded-cache.ts).
import cliTruncate from 'cli-truncate';
import wrapAnsi from 'wrap-ansi';
import { BoundedCache } from './bounded-cache';

type WrapType = 'wrap' | 'end' | 'middle' | 'truncate-end' | 'truncate' | 'truncate-middle' | 'truncate-start';

export const cache = new BoundedCache<string>();

export default function wrapText(text: string, maxWidth: number, wrapType: WrapType): string {
  const key = text + String(maxWidth) + String(wrapType);
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
