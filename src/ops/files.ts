// Files the tool writes (exports, the recent list): whole or not at all, never half.
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  linkSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readlinkSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
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
 * The text of a state or cache file, or undefined when it is missing, too large, or not a regular file: a FIFO or a
 * device there is never read (reading a FIFO waits for a writer for ever). Opened without blocking, then checked.
 */
export function readRegularFile(file: string, maxBytes = Infinity): string | undefined {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size > maxBytes) return undefined;
    return readFileSync(fd, 'utf8');
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/**
 * The tool's own state or cache directory, made if missing, and 0700 even when it was there with a looser mode:
 * what is inside names the organizations and checkpoints a user works on.
 */
export function privateDirectory(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if ((statSync(dir).mode & 0o077) !== 0) chmodSync(dir, 0o700);
}

/**
 * A new file beside the target, renamed over it: readers see the old file or the whole new one.
 * A new file gets `mode`; a file being replaced keeps its permissions (a private export stays
 * private) unless `keepMode` is false (the state file is always 0600).
 */
export function writeFileAtomically(file: string, text: string | Uint8Array, options: { mode?: number; keepMode?: boolean } = {}): void {
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

const NO_LINKS = ['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS'];

/** `name.permissions.csv`, then `name.permissions-2.csv`, `-3`…: the `n`th name to try for a file that must be new. */
export function numberedName(file: string, n: number): string {
  if (n <= 1) return file;
  const dot = basename(file).lastIndexOf('.');
  return dot <= 0 ? `${file}-${n}` : `${file.slice(0, file.length - basename(file).length + dot)}-${n}${basename(file).slice(dot)}`;
}

/**
 * Writes `text` to `file`, or to the first of `-2`, `-3`… that does not exist yet; never replaces a file. Written whole
 * beside it first, then linked under the new name (a link fails if the name exists, so two writers never share one).
 * Resolves with the path written.
 */
export function writeNewFile(file: string, text: string, options: { mode?: number; maxTries?: number } = {}): string {
  const { mode = 0o644, maxTries = 1000 } = options;
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(temporary, text, { mode, flag: 'wx' });
    for (let n = 1; n <= maxTries; n++) {
      const candidate = numberedName(file, n);
      try {
        try {
          linkSync(temporary, candidate);
        } catch (error) {
          // A file system without hard links: written in place, still only as a new file.
          if (!NO_LINKS.includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
          writeFileSync(candidate, text, { mode, flag: 'wx' });
        }
        return candidate;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    throw Object.assign(new Error(`EEXIST: ${maxTries} names taken, ${file}`), { code: 'EEXIST' });
  } catch (error) {
    const err = error as NodeJS.ErrnoException;
    const reason = /^\w+: ([^,]+)/.exec(err.message ?? '')?.[1] ?? err.message;
    throw new CkptPermsError(`cannot write ${file}: ${reason}${err.code ? ` (${err.code})` : ''}`);
  } finally {
    try {
      unlinkSync(temporary);
    } catch {
      // Never created.
    }
  }
}

/** A process's descriptors: written into as they are (a `>` or `>>` of the shell, a pipe, a terminal), never replaced. */
const DESCRIPTOR = /^\/(?:dev\/(stdout|stderr)|dev\/fd\/(\d+)|proc\/(self|\d+)\/fd\/(\d+))$/;

/**
 * Where `--output` writes. A regular file or a missing path is replaced whole (writeFileAtomically), through any
 * symbolic link to it; a FIFO, a device, a socket or a process's descriptor (`/dev/stdout`, `/proc/self/fd/1`, `>(…)`),
 * or a link to one, is written into as it is: replacing it would put a file where the reader or the device was.
 */
export async function writeOutput(file: string, text: string): Promise<void> {
  const { path, straight } = outputTarget(file);
  if (!straight) return writeFileAtomically(path, text);
  try {
    // Our own stdout or stderr may be a socket, which cannot be opened by name: written through the stream.
    const stream = [undefined, process.stdout, process.stderr][ownDescriptor(path) ?? 0];
    if (stream) await new Promise<void>((done, fail) => stream.write(text, (error) => (error ? fail(error) : done())));
    // Appended: a descriptor the shell opened for `>` or `>>` keeps what is before it; a FIFO or device ignores it.
    else await writeFile(path, text, { flag: 'a' });
  } catch (error) {
    const err = error as NodeJS.ErrnoException;
    throw new CkptPermsError(`cannot write ${file}: ${err.code ?? err.message}`);
  }
}

/** Whether `file` is something written into rather than a file (a FIFO, a device, a descriptor, or a link to one). */
export function writesInto(file: string): boolean {
  return outputTarget(file).straight;
}

/** The number of one of this process's descriptors that `path` names, if it names one. */
function ownDescriptor(path: string): number | undefined {
  const [, std, fd, pid, procFd] = DESCRIPTOR.exec(path) ?? [];
  if (std) return std === 'stdout' ? 1 : 2;
  if (fd) return Number(fd);
  if (pid === 'self' || pid === String(process.pid)) return Number(procFd);
  return undefined;
}

/** The path to write and how: links followed (at most 40, as the kernel does) until a descriptor or what they name. */
function outputTarget(file: string): { path: string; straight: boolean } {
  let path = resolve(file);
  for (let hops = 0; hops < 40; hops++) {
    if (DESCRIPTOR.test(path)) return { path, straight: true };
    const link = lstatOrUndefined(path);
    if (!link?.isSymbolicLink()) return { path, straight: link !== undefined && !link.isFile() && !link.isDirectory() };
    path = resolve(dirname(path), readlinkSync(path));
  }
  return { path: file, straight: false };
}

function lstatOrUndefined(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
