// A text with the letters a filter matched drawn bold and underlined (colour aside, so NO_COLOR shows them too).
import { Text } from 'ink';
import type { ReactNode } from 'react';

/** `text` cut into runs, each marked when inside one of `ranges` ([start, end) in UTF-16 places, sorted). */
export function segments(text: string, ranges: readonly [number, number][]): { text: string; hit: boolean }[] {
  const out: { text: string; hit: boolean }[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start >= text.length) break;
    if (start > at) out.push({ text: text.slice(at, start), hit: false });
    out.push({ text: text.slice(Math.max(at, start), Math.min(end, text.length)), hit: true });
    at = Math.min(end, text.length);
  }
  if (at < text.length) out.push({ text: text.slice(at), hit: false });
  return out;
}

/** The runs of `text` as Ink text: the matched ones bold and underlined. */
export function Highlight({ text, ranges }: { text: string; ranges: readonly [number, number][] }): ReactNode {
  if (ranges.length === 0) return text;
  return segments(text, ranges).map((s, i) =>
    s.hit ? (
      <Text key={i} bold underline>
        {s.text}
      </Text>
    ) : (
      s.text
    ),
  );
}
