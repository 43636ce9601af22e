// The sentences a screen shows in place of its rows (loading, an error, nothing to show), each cut to the width.
import { Box, Text } from 'ink';
import { fit } from '../format';
import { useTheme } from '../theme';

export interface MessageLine {
  text: string;
  tone?: 'error' | 'warning';
}

export function MessageLines({ lines, width }: { lines: MessageLine[]; width: number }) {
  const theme = useTheme();
  return (
    <Box flexDirection="column">
      {lines.map((line, i) => (
        <Text key={i} color={line.tone ? theme.tone[line.tone] : theme.muted} wrap="truncate">
          {fit(line.text, width)}
        </Text>
      ))}
    </Box>
  );
}
