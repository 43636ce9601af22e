// Colour on the command line: one decision (FORCE_COLOR, NO_COLOR, a terminal) and the UI theme's colours as escapes.
import type { Tone } from '../store/app-store';
import { COLOR_THEME } from '../ui/theme-colours';

type Env = Record<string, string | undefined>;

/**
 * The official CLI's shouldUseColors: FORCE_COLOR exactly 1 turns colour on, exactly 0 off, else a terminal has it.
 * NO_COLOR turns it off too (ours: the official ignores it).
 */
export function useColour(stream: NodeJS.WritableStream & { isTTY?: boolean }, env: Env): boolean {
  if (env.FORCE_COLOR === '1') return true;
  if (env.FORCE_COLOR === '0') return false;
  if (env.NO_COLOR) return false;
  return stream.isTTY === true;
}

const SGR: Record<string, string> = { green: '32', red: '31', yellow: '33', cyan: '36', gray: '90' };

/** Text in a tone of the theme, or as it is. */
export type Paint = (tone: Tone, text: string) => string;

export const plain: Paint = (_tone, text) => text;

export function painter(colour: boolean): Paint {
  if (!colour) return plain;
  return (tone, text) => {
    const code = SGR[COLOR_THEME.tone[tone] ?? ''];
    return code && text !== '' ? `\u001b[${code}m${text}\u001b[39m` : text;
  };
}
