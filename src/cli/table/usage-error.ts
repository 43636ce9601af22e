// The one error of a wrong command line.
import type { CommandName } from './types';

/** The command line was wrong: exit 2, nothing sent. */
export class UsageError extends Error {
  override name = 'UsageError';
  constructor(
    message: string,
    readonly command?: CommandName,
  ) {
    super(message);
  }
}
