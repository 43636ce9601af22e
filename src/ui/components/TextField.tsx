// ink-text-input with the keys of readline, keeping every key of a chunk. ink-text-input reads one key per chunk (three
// Backspaces read together become one "text" of three DEL characters), types Ctrl+U as a `u`, and computes each key
// from the value it last drew (keys arriving before the next redraw overwrite one another). So here the field's line
// (text and cursor) is kept by this wrapper: each chunk is split into its keys (src/ui/line-edit.ts) and applied in
// order, and ink-text-input draws the line. Its own key handling is left without effect: after each key it is drawn
// afresh, with its cursor where the line's is.
import { Box, useInput, useStdin } from 'ink';
import TextInput, { type Props as TextInputProps } from 'ink-text-input';
import { useLayoutEffect, useRef, useState } from 'react';
import { applyKey, keysOf, type Line } from '../line-edit';

export type TextFieldProps = TextInputProps & {
  /** A key typed into the empty field, offered to the screen first (`?` opens help): true when the screen took it. */
  onEmptyKey?: (key: string) => boolean;
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

export function TextField({ value, onChange, onSubmit, onEmptyKey, focus = true, ...rest }: TextFieldProps) {
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

  // The chunk the keys came in, as the terminal sent it: Ink's parsed key cannot tell Backspace from Delete, nor three
  // Backspaces from one. Read before any input handler runs (prepended), then used by this field's handler below.
  const { internal_eventEmitter: events } = useStdin();
  const chunk = useRef('');
  useLayoutEffect(() => {
    if (!focus) return;
    const record = (data: string) => {
      chunk.current = data;
    };
    events.prependListener('input', record);
    return () => {
      events.removeListener('input', record);
    };
  }, [events, focus]);

  const latest = useRef({ onChange, onSubmit, onEmptyKey });
  latest.current = { onChange, onSubmit, onEmptyKey };
  useInput(
    () => {
      const typed = chunk.current;
      chunk.current = '';
      const before = line.current;
      if (before.text === '' && typed.length === 1 && latest.current.onEmptyKey?.(typed)) return;
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
      for (const key of keysOf(typed)) {
        if (key.kind === 'submit') {
          commit();
          latest.current.onSubmit?.(edited.text);
          continue;
        }
        edited = applyKey(edited, key);
      }
      commit();
    },
    { isActive: focus },
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
