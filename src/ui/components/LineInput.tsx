// One line of editable text. Keys that arrive before the next render build on each other: ink-text-input computed
// each key from the value it last rendered, so of a fast burst (typing ahead, a paste split at an escape sequence)
// only the last key survived.
import { Text, useInput } from 'ink';
import { useReducer, useRef } from 'react';

export interface LineInputProps {
  value: string;
  onChange: (value: string) => void;
  /** Called with the text as edited so far, also when Enter comes in the same burst as the keys before it. */
  onSubmit?: (value: string) => void;
  placeholder?: string;
  /** The placeholder's colour (none: plain text, for NO_COLOR). */
  placeholderColor?: string;
  focus?: boolean;
  /** Drawn instead of each character (the key prompt). */
  mask?: string;
}

interface Edit {
  chars: string[];
  cursor: number;
  /** The last value handed to onChange: a different `value` prop was set from outside (cleared, cleaned). */
  sent: string;
}

export function LineInput({ value, onChange, onSubmit, placeholder = '', placeholderColor, focus = true, mask }: LineInputProps) {
  const edit = useRef<Edit>({ chars: [...value], cursor: [...value].length, sent: value });
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  if (value !== edit.current.sent) {
    const chars = [...value];
    edit.current = { chars, cursor: Math.min(edit.current.cursor, chars.length), sent: value };
  }

  useInput(
    (input, key) => {
      const current = edit.current;
      if (key.return) {
        onSubmit?.(current.chars.join(''));
        return;
      }
      if (key.upArrow || key.downArrow || key.tab || key.escape || key.pageUp || key.pageDown || key.ctrl || key.meta) return;
      let { chars, cursor } = current;
      if (key.leftArrow) cursor = Math.max(0, cursor - 1);
      else if (key.rightArrow) cursor = Math.min(chars.length, cursor + 1);
      else if (key.home) cursor = 0;
      else if (key.end) cursor = chars.length;
      else if (key.backspace || key.delete) {
        if (cursor === 0) return;
        chars = [...chars.slice(0, cursor - 1), ...chars.slice(cursor)];
        cursor--;
      } else if (input !== '') {
        const typed = [...input];
        chars = [...chars.slice(0, cursor), ...typed, ...chars.slice(cursor)];
        cursor += typed.length;
      } else return;
      const text = chars.join('');
      const changed = text !== current.sent;
      edit.current = { chars, cursor, sent: text };
      if (changed) onChange(text);
      else redraw();
    },
    { isActive: focus },
  );

  const { chars, cursor } = edit.current;
  const shown = mask ? chars.map(() => mask) : chars;
  if (shown.length === 0) {
    if (!focus) return <Text color={placeholderColor}>{placeholder}</Text>;
    return (
      <Text>
        <Text inverse>{placeholder[0] ?? ' '}</Text>
        <Text color={placeholderColor}>{placeholder.slice(1)}</Text>
      </Text>
    );
  }
  if (!focus) return <Text>{shown.join('')}</Text>;
  return (
    <Text>
      {shown.slice(0, cursor).join('')}
      <Text inverse>{shown[cursor] ?? ' '}</Text>
      {shown.slice(cursor + 1).join('')}
    </Text>
  );
}
