import { ConfigError } from './errors';

// As the official SDK does: RFC 3986 pchar characters stay literal (so the colons of a checkpoint
// id stay readable), every other run of characters is percent-encoded as UTF-8.
const UNSAFE_RUN = /[^A-Za-z0-9\-._~!$&'()*+,;=:@]+/g;

export function encodePathSegment(value: string): string {
  if (value.length === 0) throw new ConfigError('an id in the request path is empty');
  if (value === '.' || value === '..') {
    throw new ConfigError(`"${value}" cannot be used as an id: it would change the request path`);
  }
  try {
    return value.replace(UNSAFE_RUN, encodeURIComponent);
  } catch {
    // encodeURIComponent throws URIError on a lone surrogate: not text that can name anything.
    throw new ConfigError('an id in the request path is not valid Unicode text');
  }
}

/**
 * Template tag that encodes every interpolated value as one path segment:
 * path`/fine_tuning/checkpoints/${id}/permissions`.
 */
export function path(strings: TemplateStringsArray, ...values: string[]): string {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += encodePathSegment(value) + (strings[i + 1] ?? '');
  });
  return out;
}
