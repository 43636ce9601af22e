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
  answer,
  lines,
  footer,
  width,
  height,
  tone = 'info',
  scroll = 0,
}: {
  title: string;
  /** `[y/N]`: kept in full after the title however narrow the terminal. */
  answer?: string;
  lines: DialogLine[];
  footer: string;
  width: number;
  height: number;
  tone?: Tone;
  /** First line shown, for dialogs that scroll. */
  scroll?: number;
}) {
  const theme = useTheme();
  // Borders only while at least three lines (or all of them) still fit inside; the key hint,
  // which the frame's footer repeats, only when everything else fits.
  const bordered = width >= 20 && height - 3 >= Math.min(lines.length, 3);
  const inner = bordered ? width - 4 : width;
  let room = Math.max(0, height - (bordered ? 2 : 0) - 1);
  const withFooter = room > lines.length - scroll;
  if (withFooter) room -= 1;
  let shown = lines.slice(scroll, scroll + room);
  const hidden = lines.length - scroll - shown.length;
  // With room for one line only, that line is worth more than the note that others follow.
  if (hidden > 0 && room > 1) shown = [...shown.slice(0, room - 1), { text: `…and ${hidden + 1} more (↓ scrolls)` }];
  const body = (
    <>
      <Text bold color={theme.tone[tone]} wrap="truncate">
        {answer ? `${fit(title, Math.max(1, inner - answer.length - 1))} ${answer}` : fit(title, inner)}
      </Text>
      {shown.map((line, i) => (
        <Text key={i} color={line.tone ? theme.tone[line.tone] : undefined} bold={line.bold} wrap="truncate">
          {fit(line.text, inner)}
        </Text>
      ))}
      {withFooter ? (
        <Text color={theme.muted} wrap="truncate">
          {fit(footer, inner)}
        </Text>
      ) : null}
    </>
  );
  if (!bordered) return <Box flexDirection="column">{body}</Box>;
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.tone[tone]} paddingX={1} width={width}>
      {body}
    </Box>
  );
}
