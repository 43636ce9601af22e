// Turning values into cells of a fixed width; everything from the API passes through `safe` first.
import { sanitizeLine } from '../api/sanitize';
import textWidth from '../_vendor/string-width';

/** API data and user input, made inert for the terminal (one line, no controls, no escapes). */
export const safe = (text: string | undefined | null): string => sanitizeLine(text ?? '');

/** Cut to `width` columns, ending with … when cut. */
export function fit(text: string, width: number): string {
  if (width <= 0) return '';
  if (textWidth(text) <= width) return text;
  let out = '';
  for (const char of text) {
    if (textWidth(out + char) > width - 1) break;
    out += char;
  }
  return `${out}…`;
}

/** Cut in the middle (ids differ at both ends): `ft:gpt-4o-mi…support:JOmZHrYw`; `headShare` of the room goes to the start. */
export function fitMiddle(text: string, width: number, headShare = 0.5): string {
  if (width <= 0) return '';
  if (textWidth(text) <= width) return text;
  if (width < 5) return fit(text, width);
  const chars = [...text];
  const tail = Math.floor((width - 1) * (1 - headShare));
  const head = width - 1 - tail;
  return `${chars.slice(0, head).join('')}…${chars.slice(chars.length - tail).join('')}`;
}

/** Pads (or cuts) to exactly `width` columns. */
export function cell(text: string, width: number, cut: (t: string, w: number) => string = fit): string {
  const fitted = cut(text, width);
  return fitted + ' '.repeat(Math.max(0, width - textWidth(fitted)));
}

// In its own module so that the history command shows times as the screens do without loading the width tables.
export { localDate } from './time';

/** `5m ago`, `3h ago`, `12d ago`, `4mo ago`, `2y ago`. */
export function relativeAge(unixSeconds: number, nowMs: number): string {
  const seconds = Math.max(0, Math.floor(nowMs / 1000 - unixSeconds));
  if (seconds < 60) return 'just now';
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h ago`;
  const days = Math.floor(hours / 24);
  if (days < 60) return `${days}d ago`;
  const months = Math.floor(days / 30.44);
  if (months < 24) return `${months}mo ago`;
  return `${Math.floor(days / 365.25)}y ago`;
}

/** The host (and port) of a base URL, for the header. */
export function hostOf(baseURL: string): string {
  try {
    return new URL(baseURL).host;
  } catch {
    return baseURL;
  }
}

/**
 * `text` in `width` columns with the file name of `path` (which `text` contains) whole: the directory is cut in its
 * middle first (`Exported 137 permissions to /home/…/exports/name.csv`), then the words before it
 * (`Exported 137 …/name.csv`, `…/name.csv`); only a name wider than the terminal is itself cut, in its middle.
 */
export function fitPath(text: string, path: string, width: number): string {
  if (textWidth(text) <= width) return text;
  const at = text.indexOf(path);
  const slash = path.lastIndexOf('/');
  if (at < 0 || slash < 0) return fitMiddle(text, width, 0.4);
  const lead = text.slice(0, at);
  const dir = path.slice(0, slash + 1);
  const rest = path.slice(slash + 1) + text.slice(at + path.length);
  const room = width - textWidth(lead) - textWidth(rest);
  if (room >= 4) return `${lead}${fitMiddle(dir, room, 0.5)}${rest}`;
  // Then the words before the path give way, but for the first two (`Exported 137 …/name.csv`).
  const short = lead.split(' ').slice(0, 2).join(' ');
  for (const shown of [`${lead}…/${rest}`, `${short} …/${rest}`, `…/${rest}`, `…${rest}`]) if (textWidth(shown) <= width) return shown;
  return fitMiddle(rest, width, 0.4);
}
