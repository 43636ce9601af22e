// Keys are secrets: these helpers are the only way a key is ever turned into text.

/** `sk-admin-…abcd`: enough to tell keys apart, never enough to use one. */
export function maskKey(key: string): string {
  const prefix = /^(sk-admin-|sk-proj-|sk-svcacct-|sk-)/.exec(key)?.[1] ?? '';
  const tail = key.length - prefix.length >= 12 ? key.slice(-4) : '';
  return `${prefix}…${tail}`;
}

/**
 * Replaces every occurrence of any of the keys in `text`, or of a long piece of one, with its masked form. A key
 * written with JSON escapes (`\u0073k-admin-…`) is found too: text that holds one comes back with those escapes
 * decoded (still the same JSON), else unchanged.
 */
export function redactKeys(text: string, keys: readonly (string | undefined)[]): string {
  const plain = decodeKeyEscapes(text);
  let out = plain;
  for (const key of keys) {
    if (key && key.length >= 4) out = redactPieces(out.split(key).join(maskKey(key)), key);
  }
  return out === plain ? text : out;
}

/**
 * `\uXXXX` escapes of the characters keys are made of (letters, digits, `-`, `_`) decoded, so a key spelt with them is
 * seen for what it is. Nothing else changes: those characters need no escape in JSON, so JSON stays the same JSON.
 */
function decodeKeyEscapes(text: string): string {
  if (!text.includes('\\u')) return text;
  // An escaped backslash is passed over whole: `\\u0073` is a backslash and the text u0073.
  return text.replace(/\\\\|\\u([0-9a-fA-F]{4})/g, (escape, hex: string | undefined) => {
    if (hex === undefined) return escape;
    const char = String.fromCharCode(parseInt(hex, 16));
    return /[A-Za-z0-9_-]/.test(char) ? char : escape;
  });
}

/** How long a piece of a key's secret part must be to be masked: every run of 15 or more holds one whole piece. */
const PIECE = 8;

/**
 * A server may echo part of a key (`Incorrect key sk-admin-abcd1234…`, or its middle): any run of text that holds one
 * of the key's aligned 8-character pieces is widened to all it shares with the key and masked. Text without a piece
 * costs a few indexOf calls.
 */
function redactPieces(text: string, key: string): string {
  const start = /^(sk-admin-|sk-proj-|sk-svcacct-|sk-)/.exec(key)?.[1]?.length ?? 0;
  let out = text;
  for (let offset = start; offset + PIECE <= key.length; offset += PIECE) {
    const piece = key.slice(offset, offset + PIECE);
    for (let at = out.indexOf(piece); at >= 0; at = out.indexOf(piece, at)) {
      let from = at;
      let keyFrom = offset;
      while (from > 0 && keyFrom > 0 && out[from - 1] === key[keyFrom - 1]) {
        from--;
        keyFrom--;
      }
      let to = at + PIECE;
      let keyTo = offset + PIECE;
      while (to < out.length && keyTo < key.length && out[to] === key[keyTo]) {
        to++;
        keyTo++;
      }
      const masked = `${keyFrom === 0 ? key.slice(0, start) : ''}…${keyTo === key.length ? maskKey(key).split('…')[1] : ''}`;
      out = out.slice(0, from) + masked + out.slice(to);
      at = from + masked.length;
    }
  }
  return out;
}

// Anything shaped like an OpenAI key (sk-admin-…, sk-proj-…, sk-…), known to us or not: a word of its own, so the
// `risk-classifier-production` of a checkpoint id is not taken for one.
const KEY_SHAPED = /(?<![A-Za-z0-9_-])sk-[A-Za-z0-9_-]{16,}/g;

/**
 * Why `key` cannot be an admin key, from its prefix alone (so nothing need be sent to find out): project and service
 * account keys are refused by every admin endpoint with a 401 whose text does not say so.
 */
export function notAnAdminKey(key: string): string | undefined {
  if (key.startsWith('sk-proj-')) return 'that is a project key: an admin key starts with sk-admin-';
  if (key.startsWith('sk-svcacct-')) return 'that is a service account key: an admin key starts with sk-admin-';
  return undefined;
}

/** Whether the whole of `text` is shaped like a key: pasted where an id belongs, it must not be sent (in a URL) or shown. */
export function looksLikeKey(text: string): boolean {
  return /^sk-[A-Za-z0-9_-]{16,}$/.test(text.trim());
}

/** `redactKeys` plus a mask over anything that looks like a key: for text about to leave the process. */
export function scrubKeys(text: string, keys: readonly (string | undefined)[] = []): string {
  const plain = decodeKeyEscapes(text);
  const out = redactKeys(plain, keys).replace(KEY_SHAPED, (key) => maskKey(key));
  return out === plain ? text : out;
}

/** Hosts where plain http cannot leave this machine: 127.0.0.0/8, ::1 and localhost. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host === '::1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
