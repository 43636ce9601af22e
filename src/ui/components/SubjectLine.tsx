// The line under a screen's title naming what it is about: `Checkpoint ft:…`, `Project proj_… (Name)`.
import { Text } from 'ink';
import { useTheme } from '../theme';

/** A muted label, the subject in bold (already fitted to the width), and a muted tail. */
export function SubjectLine({ label, subject, after }: { label: string; subject: string; after?: string }) {
  const theme = useTheme();
  return (
    <Text wrap="truncate">
      <Text color={theme.muted}>{label}</Text>
      <Text bold>{subject}</Text>
      {after === undefined ? null : <Text color={theme.muted}>{after}</Text>}
    </Text>
  );
}
