// The demo's API keys: generation, recognition and masking (a key is never echoed whole).
import { createHash, timingSafeEqual } from 'node:crypto';
import { DemoApiError } from './errors';

export type AuthKind = 'admin' | 'project' | 'none' | 'invalid';
/** Which key a route needs: admin routes are permissions and projects, project routes are jobs. */
export type KeyScope = 'admin' | 'project';

export { ADMIN_KEY_PREFIX, PROJECT_KEY_PREFIX, generateKey } from './keys';

/** `sk-admin-***abcd`: first 9 + *** + last 4; a key under 20 characters shows only a quarter at each end. */
export function maskKey(key: string): string {
  const keep = key.length >= 20 ? { head: 9, tail: 4 } : { head: Math.floor(key.length / 4), tail: Math.floor(key.length / 4) };
  return `${key.slice(0, keep.head)}***${keep.tail > 0 ? key.slice(-keep.tail) : ''}`;
}

// Comparing digests takes the same time whatever prefix matches.
function sameKey(a: string, b: string): boolean {
  const da = createHash('sha256').update(a).digest();
  const db = createHash('sha256').update(b).digest();
  return timingSafeEqual(da, db);
}

export interface Credentials {
  kind: AuthKind;
  /** The presented key, kept only to mask it in the 401 message. */
  key?: string;
}

/** Reads `Authorization: Bearer <key>` and says which of the server's keys it is. */
export function identify(header: string | undefined, adminKey: string, projectKey: string): Credentials {
  const match = /^\s*Bearer\s+(.*?)\s*$/i.exec(header ?? '');
  const key = match ? match[1] : header?.trim();
  if (!key) return { kind: 'none' };
  if (sameKey(key, adminKey)) return { kind: 'admin', key };
  if (sameKey(key, projectKey)) return { kind: 'project', key };
  return { kind: 'invalid', key };
}

const NO_KEY_MESSAGE =
  "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).";

function missingScope(scope: string): string {
  return (
    `You have insufficient permissions for this operation. Missing scopes: ${scope}. ` +
    'Check that you have the correct role in your organization (Reader, Writer, Owner) and project (Member, Owner), ' +
    "and if you're using a restricted API key, that it has the necessary scopes."
  );
}

/** Throws the API's 401 unless the credentials fit the route; `write` picks the management scope named. */
export function authorize(credentials: Credentials, needs: KeyScope, write: boolean): void {
  if (credentials.kind === 'none') throw new DemoApiError(401, NO_KEY_MESSAGE);
  if (credentials.kind === 'invalid') {
    const masked = maskKey(credentials.key ?? '');
    throw new DemoApiError(
      401,
      `Incorrect API key provided: ${masked}. You can find your API key at https://platform.openai.com/account/api-keys.`,
      'invalid_request_error',
      null,
      'invalid_api_key',
    );
  }
  if (credentials.kind !== needs) {
    const scope = needs === 'project' ? 'api.fine_tuning.jobs.read' : write ? 'api.management.write' : 'api.management.read';
    throw new DemoApiError(401, missingScope(scope));
  }
}
