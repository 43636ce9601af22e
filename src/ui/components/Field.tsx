// A labelled text field on one line: the label never wraps, the placeholder is cut to the room left, and NO_COLOR gets no grey.
import { Box, Text } from 'ink';
import stringWidth from 'string-width';
import { fit, safe } from '../format';
import { useTheme } from '../theme';
import { LineInput, type LineInputProps } from './LineInput';

export function Field({
  label,
  labelColor,
  labelBold,
  width,
  placeholder = '',
  ...input
}: Omit<LineInputProps, 'placeholderColor' | 'mask'> & {
  label: string;
  labelColor?: string;
  labelBold?: boolean;
  /** Columns for label and field together. */
  width: number;
}) {
  const theme = useTheme();
  // Pasted text may carry control characters or escape sequences: the field only ever holds (and echoes) clean text.
  const onChange = (value: string) => input.onChange(safe(value));
  const onSubmit = input.onSubmit && ((value: string) => input.onSubmit?.(safe(value)));
  // One column stays free for the cursor after the text.
  const room = Math.max(1, width - stringWidth(label) - 1);
  return (
    <Box width={width}>
      <Box flexShrink={0}>
        <Text color={labelColor} bold={labelBold}>
          {label}
        </Text>
      </Box>
      <LineInput {...input} onChange={onChange} onSubmit={onSubmit} placeholder={fit(placeholder, room)} placeholderColor={theme.muted} />
    </Box>
  );
}
