// Asks for an admin key when none was given: masked, never echoed, kept only in memory.
import { Box, Text, useApp } from 'ink';
import { useState } from 'react';
import { frameHeight } from '../components/Frame';
import { TextField } from '../components/TextField';
import { notAnAdminKey } from '../../api/keys';
import { cell, fit, safe } from '../format';
import { useKeymap } from '../hooks/useKeymap';
import { useTerminalSize } from '../hooks/useTerminalSize';
import { hintsFor } from '../keymap';
import { useTheme } from '../theme';

export function KeyPrompt({ host, onKey }: { host: string; onKey: (key: string) => Promise<string | undefined> }) {
  const { exit } = useApp();
  const { columns, rows } = useTerminalSize();
  const theme = useTheme();
  const [value, setValue] = useState('');
  const [checking, setChecking] = useState(false);
  const [problem, setProblem] = useState<string>();
  useKeymap('prompt', { quit: () => exit() }, { isActive: !checking });

  const submit = async (typed: string) => {
    // A pasted key often brings a newline or spaces around it: those go. One inside is a broken copy, not part of the key.
    const key = typed.trim();
    if (key === '' || checking) return;
    if (/\s/.test(key)) {
      setValue('');
      setProblem('The key has a space inside it: paste it again (nothing was sent)');
      return;
    }
    const notAdmin = notAnAdminKey(key);
    if (notAdmin) {
      setValue('');
      setProblem(`${notAdmin[0]!.toUpperCase()}${notAdmin.slice(1)} (nothing was sent)`);
      return;
    }
    setChecking(true);
    setProblem(undefined);
    const failure = await onKey(key);
    setValue('');
    setChecking(false);
    if (failure) setProblem(failure);
  };

  const lines = [
    'Listing, sharing and revoking checkpoint access needs an OpenAI admin key.',
    'Admin keys start with sk-admin-. An organization owner creates one on',
    'platform.openai.com under Organization settings → Admin keys.',
    'Set OPENAI_ADMIN_KEY to skip this prompt; try --demo to use no key at all.',
  ];
  return (
    <Box flexDirection="column" width={columns} height={frameHeight(rows)}>
      <Box flexShrink={0}>
        <Text inverse bold wrap="truncate">
          {cell(`ckpt-perms · Admin key │ ${host}`, columns)}
        </Text>
      </Box>
      {/* The explanation wraps, and on a short terminal is clipped: the field and its keys always show. */}
      <Box flexDirection="column" flexShrink={1} overflowY="hidden">
        {lines.map((line) => (
          <Box key={line} flexShrink={0}>
            <Text color={theme.muted}>{line}</Text>
          </Box>
        ))}
      </Box>
      <Box flexShrink={0}>
        <Text bold color={theme.accent}>
          Admin key:{' '}
        </Text>
        {/* Whitespace before a key is dropped as it arrives (a paste's final line break is Enter); the rest is judged on Enter. */}
        <TextField
          value={value}
          onChange={(typed) => setValue(typed.replace(/^\s+/, ''))}
          mask="•"
          focus={!checking}
          onSubmit={(typed) => void submit(typed)}
        />
      </Box>
      <Box flexShrink={0}>
        {problem && !checking ? (
          // A refusal wraps rather than being cut: its advice comes first, the server's words after.
          <Text color={theme.tone.error}>{safe(problem)}</Text>
        ) : (
          <Text color={theme.muted} wrap="truncate">
            {fit(checking ? 'Checking the key…' : 'Not shown, not stored: it stays in memory until you quit.', columns)}
          </Text>
        )}
      </Box>
      <Box flexGrow={1} />
      <Box flexShrink={0}>
        <Text color={theme.muted} wrap="truncate">
          {fit(hintsFor('prompt'), columns)}
        </Text>
      </Box>
    </Box>
  );
}
