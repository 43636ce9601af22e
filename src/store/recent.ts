// Recent checkpoints, kept between runs in the user's state directory: checkpoint ids only, never a key.
import { mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { checkpointIdProblem } from '../api/ids';
import { looksLikeKey } from '../api/keys';
import { writeFileAtomically } from '../ops/files';

export const MAX_RECENT = 20;

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

export function fileRecent(file: string): RecentCheckpoints {
  return {
    load() {
      try {
        return cleanList(JSON.parse(readFileSync(file, 'utf8')));
      } catch {
        return [];
      }
    },
    save(ids) {
      // Written to a private temporary file, then renamed: a crash never leaves half a file.
      try {
        mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
        writeFileAtomically(file, `${JSON.stringify({ checkpoints: cleanList({ checkpoints: ids }) }, null, 2)}\n`, {
          mode: 0o600,
          keepMode: false,
        });
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
