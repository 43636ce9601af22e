// Files the tool writes (exports, the recent list): whole or not at all, never half.
import { randomBytes } from 'node:crypto';
import { chmodSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CkptPermsError } from '../api/errors';

/** Whether `path` is an existing directory (false when it is missing or cannot be read). */
export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * A new file beside the target, renamed over it: readers see the old file or the whole new one.
 * A new file gets `mode`; a file being replaced keeps its permissions (a private export stays
 * private) unless `keepMode` is false (the state file is always 0600).
 */
export function writeFileAtomically(file: string, text: string, options: { mode?: number; keepMode?: boolean } = {}): void {
  const { mode = 0o644, keepMode = true } = options;
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(temporary, text, { mode, flag: 'wx' });
    const existing = keepMode ? statOrUndefined(file) : undefined;
    if (existing?.isFile()) chmodSync(temporary, existing.mode & 0o777);
    renameSync(temporary, file);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // Never created, or already renamed.
    }
    const err = error as NodeJS.ErrnoException;
    const reason = /^\w+: ([^,]+)/.exec(err.message ?? '')?.[1] ?? err.message;
    throw new CkptPermsError(`cannot write ${file}: ${reason}${err.code ? ` (${err.code})` : ''}`);
  }
}

function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
