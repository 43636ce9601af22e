import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/api/errors';
import { encodePathSegment, path } from '../../src/api/path';

describe('path encoding', () => {
  it('keeps the colons of a checkpoint id literal, as the official SDK does', () => {
    expect(encodePathSegment('ft:gpt-4o-mini-2024-07-18:org:weather:B7R9VjQd')).toBe('ft:gpt-4o-mini-2024-07-18:org:weather:B7R9VjQd');
  });

  it('percent-encodes every character outside the RFC 3986 path set', () => {
    expect(encodePathSegment('a b/c?d#e%f')).toBe('a%20b%2Fc%3Fd%23e%25f');
    expect(encodePathSegment('ünï')).toBe('%C3%BCn%C3%AF');
    expect(encodePathSegment("!$&'()*+,;=:@-._~")).toBe("!$&'()*+,;=:@-._~");
  });

  it('refuses segments that would change the path', () => {
    expect(() => encodePathSegment('.')).toThrow(ConfigError);
    expect(() => encodePathSegment('..')).toThrow(ConfigError);
    expect(() => encodePathSegment('')).toThrow(ConfigError);
    expect(() => encodePathSegment('\ud800')).toThrow(ConfigError);
  });

  it('encodes each interpolated value as one segment', () => {
    expect(path`/fine_tuning/checkpoints/${'ft:x/y'}/permissions/${'cp 1'}`).toBe('/fine_tuning/checkpoints/ft:x%2Fy/permissions/cp%201');
  });
});
