// Ink styles through chalk, which draws nothing when stdout is no terminal (as under vitest): the tests that read
// colours turn it on, as in a terminal, for the file or describe block that calls this, and put it back after.
import chalk from 'chalk';
import { afterAll, beforeAll } from 'vitest';

export function coloursAsInATerminal(): void {
  let level: typeof chalk.level;
  beforeAll(() => {
    level = chalk.level;
    chalk.level = 1;
  });
  afterAll(() => {
    chalk.level = level;
  });
}
