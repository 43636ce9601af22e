// The environment the interactive UI's libraries read as they load, made that of the terminal it runs on.

// Ink draws only the last frame when it thinks it runs in CI (is-in-ci), and chalk's supports-color turns every style
// off, inverse video included, whenever a CI variable exists at all, even CI=false. A person at a terminal (a CI
// runner's debug shell, a container with CI set) must see the same UI as anywhere else: on a terminal these go, so the
// colour level comes from the terminal itself (TERM, COLORTERM), FORCE_COLOR still sets it, and NO_COLOR still turns
// colours off (the theme's doing: src/ui/theme.ts, which keeps bold and inverse).
const CI_VARIABLES = ['CI', 'CONTINUOUS_INTEGRATION'];

/** Call before Ink is first imported, when stdin and stdout are a terminal. */
export function forTerminal(env: NodeJS.ProcessEnv): void {
  for (const name of CI_VARIABLES) delete env[name];
}
