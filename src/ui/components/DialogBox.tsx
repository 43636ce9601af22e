// A bordered box of at most `height` lines: lines that do not fit are summarised, never pushed off screen.
import { Box, Text } from 'ink';
import { fit } from '../format';
import { useTheme } from '../theme';
import type { Tone } from '../../store/app-store';

export interface DialogLine {
  text: string;
  tone?: Tone;
  bold?: boolean;
}

export function DialogBox({
  title,
  lines,
  footer,
  width,
  height,
  tone = 'info',
  scroll = 0,
}: {
  title: string;
  lines: DialogLine[];
  footer: string;
  width: number;
  height: number;
  tone?: Tone;
  /** First line shown, for dialogs that scroll. */
  scroll?: number;
}) {
  const theme = useTheme();
  // Borders only when there is room for them and at least one line of content.
  const bordered = height >= 5 && width >= 20;
  const inner = bordered ? width - 4 : width;
  const room = Math.max(0, height - (bordered ? 2 : 0) - 2);
  let shown = lines.slice(scroll, scroll + room);
  const hidden = lines.length - scroll - shown.length;
  // With room for one line only, that line is worth more than the note that others follow.
  if (hidden > 0 && room > 1) shown = [...shown.slice(0, room - 1), { text: `…and ${hidden + 1} more (↓ scrolls)` }];
  const body = (
    <>
      <Text bold color={theme.tone[tone]} wrap="truncate">
        {fit(title, inner)}
      </Text>
      {shown.map((line, i) => (
        <Text key={i} color={line.tone ? theme.tone[line.tone] : undefined} bold={line.bold} wrap="truncate">
          {fit(line.text, inner)}
        </Text>
      ))}
      <Text color={theme.muted} wrap="truncate">
        {fit(footer, inner)}
      </Text>
    </>
  );
  if (!bordered) return <Box flexDirection="column">{body}</Box>;
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.tone[tone]} paddingX={1} width={width}>
      {body}
    </Box>
  );
}
