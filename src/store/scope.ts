// Which organization, on which API, a file kept between runs belongs to: recent checkpoints and the project directory
// are kept per scope, so one organization's never show up (or answer 404) in another's.
import { createHash } from 'node:crypto';
import { DEFAULT_BASE_URL, type ClientOptions } from '../api/client';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * A short fingerprint of the base URL and the organization: the organization id when one is named (`--organization`,
 * `OPENAI_ORG_ID`), else the admin key's organization, told apart by a hash of the key (an admin key belongs to one
 * organization). Nothing a key could be read back from: 128 bits of a SHA-256 over the URL and another SHA-256.
 */
export function organizationScope(baseURL: string, organization: string | undefined, adminKey: string): string {
  const url = baseURL.trim().replace(/\/+$/, '');
  const who = organization?.trim() ? `organization ${organization.trim()}` : `admin key ${sha256(adminKey.trim())}`;
  return sha256(`ckpt-perms scope\n${url}\n${who}`).slice(0, 32);
}

/** The scope of a connection, or undefined when it has none to keep (the embedded demo, whose address is a promise). */
export function scopeOf(options: ClientOptions, adminKey: string | undefined = options.adminApiKey): string | undefined {
  const baseURL = options.baseURL ?? DEFAULT_BASE_URL;
  if (typeof baseURL !== 'string' || !adminKey?.trim()) return undefined;
  return organizationScope(baseURL, options.organization, adminKey);
}

/** Scopes are hex: anything else in a file is not ours. */
export function isScope(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{32}$/.test(value);
}
