// The demo's keys, made apart from the server: the UI shows the key's label in its first frame, before the demo API
// (and all it loads) has started.
import { randomInt } from 'node:crypto';
import { BASE62 } from './random';

export const ADMIN_KEY_PREFIX = 'sk-admin-demo-';
export const PROJECT_KEY_PREFIX = 'sk-proj-demo-';

/** A fresh key: prefix + 32 base62 characters from the OS CSPRNG. */
export function generateKey(prefix: string): string {
  let out = prefix;
  for (let i = 0; i < 32; i++) out += BASE62[randomInt(62)];
  return out;
}
