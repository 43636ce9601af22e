// The project directory's file (ids, names, status and, while it is partial, the last project id read: nothing else)
// kept between runs, per base URL and organization, so the second start shows names and the share list at once while a
// fresh copy loads behind them; the UI and the commands read and write it through here. What is read back is only ever shown: every decision (a skip reason, a
// share) waits for the API's own answer.
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { projectIdProblem } from '../api/ids';
import { looksLikeKey } from '../api/keys';
import { isScope } from '../store/scope';
import type { ProjectInfo } from './directory';
import { privateDirectory, readRegularFile, writeFileAtomically } from './files';

const KIND = 'ckpt-perms project directory';
const VERSION = 1;
/** Names longer than any the API allows are not a project's. */
const MAX_NAME = 1_000;
/** A directory of 100,000 projects is about 6 MB; a file far past that is not one we wrote. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** What the file holds: the projects, and where the walk that read them stopped when it did not reach the end. */
export interface CachedDirectory {
  projects: ProjectInfo[];
  /** The last project id read by a walk cut short: the next one resumes after it. Absent: the whole directory. */
  cursor?: string;
}

export interface DirectoryCache {
  readonly file: string;
  /** The cached directory, or undefined when there is no file or it is not one to trust for display. */
  load(): CachedDirectory | undefined;
  /** Written whole or not at all (a temporary file renamed over it), mode 0600; `cursor` for a directory read in part. */
  save(projects: readonly ProjectInfo[], cursor?: string): void;
}

/** `$XDG_CACHE_HOME/ckpt-perms/`, else `~/.cache/ckpt-perms/`. */
export function cacheDir(env: Record<string, string | undefined>): string {
  const base = env.XDG_CACHE_HOME?.trim() || join(env.HOME?.trim() || homedir(), '.cache');
  return join(base, 'ckpt-perms');
}

export function directoryCacheFile(env: Record<string, string | undefined>, scope: string): string {
  return join(cacheDir(env), `projects-${scope}.json`);
}

/** A project id, and nothing key-like: the only ids the file holds. */
const validId = (id: unknown): id is string => typeof id === 'string' && !projectIdProblem(id) && !looksLikeKey(id);

/** A project's entry as written, `["id","name","status"]`, or '' for none: a line of text, no array in between. */
function entryOf(project: ProjectInfo): string {
  if (!validId(project.id)) return '';
  // A name shaped like a key is kept as no name: nothing key-like is ever written.
  const name = looksLikeKey(project.name) || project.name.length > MAX_NAME ? '' : project.name;
  return `[${JSON.stringify(project.id)},${JSON.stringify(name)},"${project.archived ? 'archived' : 'active'}"]`;
}

/** Every entry well-formed, or nothing: a damaged or hand-edited file is not trusted, even in part. */
function directoryFrom(value: unknown, scope: string): CachedDirectory | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const file = value as { kind?: unknown; version?: unknown; scope?: unknown; cursor?: unknown; projects?: unknown };
  if (file.kind !== KIND || file.version !== VERSION || !isScope(file.scope) || file.scope !== scope) return undefined;
  if (!Array.isArray(file.projects)) return undefined;
  // A file written before cursors were kept has none: it is walked again from the start, as it was then.
  const cursor = file.cursor ?? undefined;
  if (cursor !== undefined && !validId(cursor)) return undefined;
  const projects: ProjectInfo[] = [];
  const seen = new Set<string>();
  for (const entry of file.projects as unknown[]) {
    if (!Array.isArray(entry) || entry.length !== 3) return undefined;
    const [id, name, status] = entry as unknown[];
    if (!validId(id) || seen.has(id)) return undefined;
    if (typeof name !== 'string' || name.length > MAX_NAME || looksLikeKey(name)) return undefined;
    if (status !== 'active' && status !== 'archived') return undefined;
    seen.add(id);
    projects.push({ id, name, archived: status === 'archived' });
  }
  return cursor === undefined ? { projects } : { projects, cursor };
}

/**
 * The file's text encoded as it is made, into one buffer outside the JS heap (freed once written): written every few
 * pages while 10,000 projects load, an array of entries or a string of them all was megabytes of garbage each time.
 */
class Bytes {
  private buffer: Buffer;
  private length = 0;
  constructor(size: number) {
    this.buffer = Buffer.allocUnsafe(size);
  }
  put(text: string): void {
    const needed = this.length + Buffer.byteLength(text);
    if (needed > this.buffer.length) {
      const bigger = Buffer.allocUnsafe(needed * 2);
      this.buffer.copy(bigger, 0, 0, this.length);
      this.buffer = bigger;
    }
    this.length += this.buffer.write(text, this.length);
  }
  bytes(): Buffer {
    return this.buffer.subarray(0, this.length);
  }
}

export function fileDirectoryCache(file: string, scope: string): DirectoryCache {
  return {
    file,
    load() {
      try {
        const text = readRegularFile(file, MAX_FILE_BYTES);
        return text === undefined ? undefined : directoryFrom(JSON.parse(text), scope);
      } catch {
        return undefined;
      }
    },
    save(projects, cursor) {
      const text = new Bytes(1_024 + projects.length * 80);
      text.put(`{"kind":${JSON.stringify(KIND)},"version":${VERSION},"scope":${JSON.stringify(scope)},"saved_at":`);
      text.put(
        `${JSON.stringify(new Date().toISOString())},"cursor":${JSON.stringify(cursor !== undefined && validId(cursor) ? cursor : null)},"projects":[\n`,
      );
      let first = true;
      for (const project of projects) {
        const entry = entryOf(project);
        if (entry === '') continue;
        text.put(first ? entry : `,\n${entry}`);
        first = false;
      }
      text.put('\n]}\n');
      try {
        privateDirectory(dirname(file));
        // Whole or not at all, and private whatever the file was before (a corrupt or foreign one is replaced).
        writeFileAtomically(file, text.bytes(), { mode: 0o600, keepMode: false });
      } catch {
        // A cache is a convenience: a read-only home must not break the tool.
      }
    },
  };
}
