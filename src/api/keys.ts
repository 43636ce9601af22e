// Keys are secrets: these helpers are the only way a key is ever turned into text.

/** `sk-admin-…abcd`: enough to tell keys apart, never enough to use one. */
export function maskKey(key: string): string {
  const prefix = /^(sk-admin-|sk-proj-|sk-svcacct-|sk-)/.exec(key)?.[1] ?? '';
  const tail = key.length - prefix.length >= 12 ? key.slice(-4) : '';
  return `${prefix}…${tail}`;
}

/** Replaces every occurrence of any of the keys in `text` with its masked form. */
export function redactKeys(text: string, keys: readonly (string | undefined)[]): string {
  let out = text;
  for (const key of keys) {
    if (key && key.length >= 4) out = out.split(key).join(maskKey(key));
  }
  return out;
}

// Anything shaped like an OpenAI key (sk-admin-…, sk-proj-…, sk-…), known to us or not.
const KEY_SHAPED = /sk-[A-Za-z0-9_-]{16,}/g;

/** `redactKeys` plus a mask over anything that looks like a key: for text about to leave the process. */
export function scrubKeys(text: string, keys: readonly (string | undefined)[] = []): string {
  return redactKeys(text, keys).replace(KEY_SHAPED, (key) => maskKey(key));
}

/** Hosts where plain http cannot leave this machine: 127.0.0.0/8, ::1 and localhost. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host === '::1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
