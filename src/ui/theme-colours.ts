// The theme's colours, without React: the UI's theme and the command line's colours are these.
import type { Tone } from '../store/app-store';

export interface Theme {
  accent?: string;
  muted?: string;
  tone: Record<Tone, string | undefined>;
  /** The title bar stands out by inverse video, which NO_COLOR allows. */
  titleInverse: boolean;
}

export const COLOR_THEME: Theme = {
  accent: 'cyan',
  muted: 'gray',
  tone: { info: 'cyan', success: 'green', warning: 'yellow', error: 'red' },
  titleInverse: true,
};

export const NO_COLOR_THEME: Theme = {
  accent: undefined,
  muted: undefined,
  tone: { info: undefined, success: undefined, warning: undefined, error: undefined },
  titleInverse: true,
};

/** https://no-color.org: any non-empty NO_COLOR turns colour off. */
export function themeFor(env: Record<string, string | undefined>): Theme {
  return env.NO_COLOR ? NO_COLOR_THEME : COLOR_THEME;
}
