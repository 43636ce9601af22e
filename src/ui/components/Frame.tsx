// Every screen's frame: title bar, a body of fixed height, the flash line and the key hints.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { scrubKeys } from '../../api/keys';
import { useAppStore } from '../hooks/useAppStore';
import { useSession } from '../hooks/useSession';
import { useTerminalSize } from '../hooks/useTerminalSize';
import textWidth from '../../_vendor/string-width';
import { cell, fit, fitPath, safe } from '../format';
import type { Flash } from '../../store/app-store';
import { hintsFor, type Context, type HintState } from '../keymap';
import { useTheme } from '../theme';

/** Lines the frame itself takes: title, flash, hints. */
export const FRAME_LINES = 3;

/**
 * The frame is one line shorter than the terminal: a frame as tall as the terminal makes Ink
 * clear the whole screen on every update (flicker, lost scrollback).
 */
export function frameHeight(rows: number): number {
  return Math.max(FRAME_LINES + 1, rows - 1);
}

export function Frame({
  title,
  context,
  hints,
  children,
}: {
  title: string;
  context: Context;
  /** The keys that apply in the screen's state (all of the context's, unless it says). */
  hints?: HintState;
  children: ReactNode;
}) {
  const { columns, rows } = useTerminalSize();
  const session = useSession();
  const theme = useTheme();
  const flash = useAppStore((s) => s.flash);
  // Where you are first: a narrow terminal cuts the end, and the screen's name matters most.
  const where = [session.demo ? 'DEMO' : undefined, session.keyLabel ? `key ${session.keyLabel}` : undefined, session.host]
    .filter(Boolean)
    .join(' · ');
  return (
    <Box flexDirection="column" height={frameHeight(rows)} width={columns}>
      <Text inverse={theme.titleInverse} bold wrap="truncate">
        {cell(`ckpt-perms · ${title} │ ${where}`, columns)}
      </Text>
      <Box flexDirection="column" flexGrow={1} overflowY="hidden">
        {children}
      </Box>
      <Text color={flash ? theme.tone[flash.tone] : undefined} wrap="truncate">
        {flash ? flashLineOf(flash, columns) : ' '}
      </Text>
      <Text color={theme.muted} wrap="truncate">
        {fit(hintsFor(context, columns, hints), columns)}
      </Text>
    </Box>
  );
}

/** The outcome line repeats what was typed or answered: inert, and with anything key-shaped masked (a key pasted into a field). */
function flashText(text: string): string {
  return scrubKeys(safe(text));
}

/** Rows left for a screen's body. */
export function useBodyHeight(): number {
  const { rows } = useTerminalSize();
  return frameHeight(rows) - FRAME_LINES;
}

/** The flash within the width: a path keeps its file name, an `end` is kept whole (the text before it is cut). */
function flashLineOf(flash: Flash, columns: number): string {
  const text = flashText(flash.text);
  if (flash.path) return fitPath(text, flashText(flash.path), columns);
  const end = flash.end ? flashText(flash.end) : '';
  if (!end || !text.endsWith(end) || textWidth(text) <= columns) return fit(text, columns);
  return `${fit(text.slice(0, text.length - end.length), columns - textWidth(end))}${end}`;
}
