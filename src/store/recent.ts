// Recent checkpoints, kept between runs in the user's state directory per base URL and organization (see scope.ts):
// checkpoint ids only, never a key.
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { checkpointIdProblem } from '../api/ids';
import { looksLikeKey } from '../api/keys';
import { privateDirectory, readRegularFile, writeFileAtomically } from '../ops/files';
import { isScope } from './scope';

export const MAX_RECENT = 20;
/** Organizations remembered: the least recently used beyond these is forgotten. */
export const MAX_SCOPES = 20;
/** 20 organizations of 20 ids is a few kilobytes: a file far past that is not one we wrote. */
const MAX_FILE_BYTES = 1024 * 1024;

export interface RecentCheckpoints {
  load(): string[];
  save(ids: string[]): void;
}

/** `$XDG_STATE_HOME/ckpt-perms/recent.json`, else `~/.local/state/ckpt-perms/recent.json`. */
export function recentFilePath(env: Record<string, string | undefined>): string {
  const base = env.XDG_STATE_HOME?.trim() || join(env.HOME?.trim() || homedir(), '.local', 'state');
  return join(base, 'ckpt-perms', 'recent.json');
}

/** The list with `id` first, without duplicates, at most MAX_RECENT long. */
export function withRecent(list: readonly string[], id: string): string[] {
  return [id, ...list.filter((other) => other !== id)].slice(0, MAX_RECENT);
}

/** Only well-formed ids survive a round trip through the file: a damaged or hand-edited file is not trusted. */
function cleanList(value: unknown): string[] {
  const ids = Array.isArray((value as { checkpoints?: unknown })?.checkpoints) ? (value as { checkpoints: unknown[] }).checkpoints : [];
  const out: string[] = [];
  for (const id of ids) {
    // Nothing shaped like a key is ever written (or read back), whatever the API once answered to.
    if (typeof id === 'string' && !checkpointIdProblem(id) && !looksLikeKey(id) && !out.includes(id)) out.push(id);
    if (out.length === MAX_RECENT) break;
  }
  return out;
}

/**
 * The file: `{ "organizations": { SCOPE: { "checkpoints": [...] } } }`, the most recently used organization first.
 * A file from before organizations were told apart (`{ "checkpoints": [...] }`) serves every organization until one
 * of them saves its own list; its checkpoints of another organization are dropped there as soon as they answer 404.
 */
interface RecentFile {
  organizations: [string, string[]][];
  legacy: string[];
}

function readRecentFile(file: string): RecentFile {
  let value: unknown;
  try {
    value = JSON.parse(readRegularFile(file, MAX_FILE_BYTES) ?? '');
  } catch {
    return { organizations: [], legacy: [] };
  }
  const organizations: [string, string[]][] = [];
  const raw = (value as { organizations?: unknown })?.organizations;
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    for (const [scope, entry] of Object.entries(raw)) {
      if (isScope(scope) && organizations.length < MAX_SCOPES) organizations.push([scope, cleanList(entry)]);
    }
  }
  return { organizations, legacy: cleanList(value) };
}

/** Every organization's recent checkpoints in `file`, the most recent organization first (for shell completion). */
export function allRecent(file: string): string[] {
  const { organizations, legacy } = readRecentFile(file);
  return [...new Set([...organizations.flatMap(([, ids]) => ids), ...legacy])];
}

/** The recent checkpoints of one organization (`scope`, from scope.ts) in `file`. */
export function fileRecent(file: string, scope: string): RecentCheckpoints {
  return {
    load() {
      const { organizations, legacy } = readRecentFile(file);
      return organizations.find(([s]) => s === scope)?.[1] ?? legacy;
    },
    save(ids) {
      // Written to a private temporary file, then renamed: a crash never leaves half a file.
      try {
        const { organizations } = readRecentFile(file);
        const kept = [[scope, cleanList({ checkpoints: ids })] as [string, string[]], ...organizations.filter(([s]) => s !== scope)];
        const text = JSON.stringify(
          { organizations: Object.fromEntries(kept.slice(0, MAX_SCOPES).map(([s, list]) => [s, { checkpoints: list }])) },
          null,
          2,
        );
        privateDirectory(dirname(file));
        writeFileAtomically(file, `${text}\n`, { mode: 0o600, keepMode: false });
      } catch {
        // Remembering recent checkpoints is a convenience: a read-only home must not break the tool.
      }
    },
  };
}

/** For the demo and tests: remembered for this run only. */
export function memoryRecent(initial: string[] = []): RecentCheckpoints {
  let ids = [...initial];
  return {
    load: () => [...ids],
    save: (next) => {
      ids = [...next];
    },
  };
}
