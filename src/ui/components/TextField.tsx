// ink-text-input, keeping every key of a burst. It computes each key from the value it last drew, so keys that
// arrive before the next redraw (quick typing on a busy machine, a paste that Ink splits at an escape sequence)
// each start from that old value and overwrite one another. Here each change is carried over onto the text as
// edited so far; after such a burst the field is drawn afresh, so its cursor stands at the end of the text.
import TextInput, { type Props as TextInputProps } from 'ink-text-input';
import { useEffect, useRef, useState } from 'react';

export type TextFieldProps = TextInputProps;

/**
 * The edit that turned `drawn` into `next`, made on `latest` instead: text added at the end is added to the end,
 * a character taken from the end is taken from the end. Any other edit is kept as it is.
 */
export function carryOver(drawn: string, next: string, latest: string): string {
  if (drawn === latest) return next;
  if (next.startsWith(drawn)) return latest + next.slice(drawn.length);
  if (drawn.startsWith(next)) return latest.slice(0, Math.max(0, latest.length - (drawn.length - next.length)));
  return next;
}

export function TextField({ value, onChange, onSubmit, ...rest }: TextFieldProps) {
  // The value ink-text-input's key handler starts from: the one it was subscribed with (Ink re-subscribes it in an
  // effect, after the redraw; this ref follows in an effect too, so the two agree).
  const drawn = useRef(value);
  useEffect(() => {
    drawn.current = value;
  });
  // The text with every key so far; a new value from the parent replaces it.
  const latest = useRef(value);
  const seen = useRef(value);
  if (seen.current !== value) {
    seen.current = value;
    latest.current = value;
  }
  const [generation, setGeneration] = useState(0);
  const change = (next: string) => {
    const carried = carryOver(drawn.current, next, latest.current);
    // ink-text-input's cursor moved from where it was drawn too: draw it afresh, with the cursor at the end.
    if (carried !== next) setGeneration((n) => n + 1);
    latest.current = carried;
    onChange(carried);
  };
  return (
    <TextInput
      key={generation}
      {...rest}
      value={value}
      onChange={change}
      // Enter in the same burst as the keys before it sends them too.
      onSubmit={onSubmit && (() => onSubmit(latest.current))}
    />
  );
}
