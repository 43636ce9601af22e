// ink-text-input with the keys of readline, keeping every key. ink-text-input reads one key per chunk, types Ctrl+U as
// a `u`, and computes each key from the value it last drew (keys arriving before the next redraw overwrite one
// another). So here the field's line (text and cursor) is kept by this wrapper: the key pipeline (src/ui/input) gives
// it each key on its own and each paste whole, line-edit.ts applies them, and ink-text-input draws the line. Its own
// key handling is left without effect: after each key it is drawn afresh, with its cursor where the line's is.
import { Box } from 'ink';
import TextInput, { type Props as TextInputProps } from 'ink-text-input';
import { useLayoutEffect, useRef, useState } from 'react';
import { applyKey, keysOf, pastedText, type Line } from '../line-edit';
import { useInputHandler } from '../input/KeypressProvider';

export type TextFieldProps = TextInputProps & {
  /** A key typed into the empty field, offered to the screen first (`?` opens help): true when the screen took it. */
  onEmptyKey?: (key: string) => boolean;
  /** Whether the field has the keys, asked at each key (a focus a key moved: hooks/useHeld.ts); else `focus`. */
  hasKeys?: () => boolean;
};

// ink-text-input starts with its cursor after the value it is mounted with, and keeps it there (when it is within the
// text) as the value grows. A cursor before the end is placed by mounting a copy, hidden, with the text before the
// cursor, then showing it with the whole text: the field on screen keeps its text throughout.
interface Copy {
  id: number;
  /** Where this copy's cursor was placed (undefined: after the text, as mounted with it). */
  cursor?: number;
}

const NO_CHANGE = () => {};

export function TextField({ value, onChange, onSubmit, onEmptyKey, hasKeys, focus = true, ...rest }: TextFieldProps) {
  const line = useRef<Line>({ text: value, cursor: value.length });
  // A new value from the parent (cleared, trimmed, cleaned of control characters) replaces the line's text.
  if (line.current.text !== value) line.current = { text: value, cursor: value.length };

  const [copies, setCopies] = useState<{ shown: Copy; placing?: Copy }>({ shown: { id: 0 } });
  const nextId = useRef(1);
  const redraw = (cursor: number, length: number) => {
    const id = nextId.current++;
    setCopies((now) => (cursor >= length ? { shown: { id } } : { shown: now.shown, placing: { id, cursor } }));
  };
  useLayoutEffect(() => {
    if (copies.placing) setCopies({ shown: copies.placing });
  }, [copies.placing]);

  const latest = useRef({ onChange, onSubmit, onEmptyKey });
  latest.current = { onChange, onSubmit, onEmptyKey };
  // The field's own line is edited by every key and paste the key pipeline gives it: each key on its own, in order.
  useInputHandler(
    'field',
    (event) => {
      if (event.kind === 'mouse') return false;
      const before = line.current;
      if (event.kind === 'key' && !event.burst && before.text === '' && latest.current.onEmptyKey?.(event.sequence)) return true;
      const keys = event.kind === 'paste' ? [{ kind: 'insert' as const, text: pastedText(event.text) }] : keysOf(event.sequence);
      if (keys.every((key) => key.kind === 'ignored')) return false;
      let edited = before;
      // The line as edited so far goes to the parent before a submit: what it then does with its value (clears it,
      // say) comes after, and stays.
      const commit = () => {
        if (edited === line.current) return;
        const was = line.current;
        line.current = edited;
        redraw(edited.cursor, edited.text.length);
        if (edited.text !== was.text) latest.current.onChange(edited.text);
      };
      for (const key of keys) {
        if (key.kind === 'submit') {
          commit();
          latest.current.onSubmit?.(edited.text);
          continue;
        }
        edited = applyKey(edited, key);
      }
      commit();
      return true;
    },
    { isActive: hasKeys ?? focus },
  );

  const { shown, placing } = copies;
  const copy = (each: Copy, hidden: boolean) => (
    <Box key={each.id} display={hidden ? 'none' : 'flex'}>
      <TextInput
        {...rest}
        focus={focus}
        value={hidden && each.cursor !== undefined ? value.slice(0, each.cursor) : value}
        onChange={NO_CHANGE}
      />
    </Box>
  );
  return (
    <>
      {copy(shown, false)}
      {placing ? copy(placing, true) : null}
    </>
  );
}
