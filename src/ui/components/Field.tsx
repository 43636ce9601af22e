// A labelled text field on one line: the label never wraps, the placeholder is cut to the room left, and NO_COLOR gets no grey.
import { Box, Text } from 'ink';
import textWidth from '../../_vendor/string-width';
import { fit, safe } from '../format';
import { useTheme } from '../theme';
import { TextField, type TextFieldProps as TextInputProps } from './TextField';

export function Field({
  label,
  labelColor,
  labelBold,
  width,
  placeholder = '',
  ...input
}: TextInputProps & {
  label: string;
  labelColor?: string;
  labelBold?: boolean;
  /** Columns for label and field together. */
  width: number;
}) {
  const theme = useTheme();
  // Pasted text may carry control characters or escape sequences: the field only ever holds (and echoes) clean text.
  const onChange = (value: string) => input.onChange(safe(value));
  // One column stays free for the cursor after the text.
  const room = Math.max(1, width - textWidth(label) - 1);
  const hint = fit(placeholder, room);
  return (
    <Box width={width}>
      <Box flexShrink={0}>
        <Text color={labelColor} bold={labelBold}>
          {label}
        </Text>
      </Box>
      {theme.muted !== undefined ? (
        <TextField {...input} onChange={onChange} placeholder={hint} />
      ) : (
        // ink-text-input greys its placeholder with chalk whatever the theme says: without colour it is drawn here.
        <>
          <TextField {...input} onChange={onChange} />
          {input.value === '' && hint !== '' ? <Text wrap="truncate">{fit(hint, room - 1)}</Text> : null}
        </>
      )}
    </Box>
  );
}
