// Go's strconv.ParseInt(s, 0, 64), which the official CLI's integer flags use: the value, or the error's text.

const MAX = (1n << 63n) - 1n;
const MIN = -(1n << 63n);

/** `0x10`, `0o17`, `017`, `0b101`, `1_000` (underscores only between digits or after the prefix), an optional sign. */
export function parseGoInt(text: string): bigint | string {
  const fail = (why: 'invalid syntax' | 'value out of range') => `strconv.ParseInt: parsing ${JSON.stringify(text)}: ${why}`;
  let s = text;
  let negative = false;
  if (s.startsWith('+') || s.startsWith('-')) {
    negative = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '') return fail('invalid syntax');
  let base = 10;
  let digits = s;
  let prefixed = false;
  if (s[0] === '0' && s.length > 1) {
    const marker = s[1]!.toLowerCase();
    if (marker === 'x' || marker === 'o' || marker === 'b') {
      base = marker === 'x' ? 16 : marker === 'o' ? 8 : 2;
      digits = s.slice(2);
    } else {
      base = 8;
      digits = s.slice(1);
    }
    prefixed = true;
  }
  if (!underscoreOK(s)) return fail('invalid syntax');
  digits = digits.replace(/_/g, '');
  if (digits === '') return prefixed && base === 8 && s.length > 1 && !/^0[oO]/.test(s) ? 0n : fail('invalid syntax');
  const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz'.slice(0, base);
  let value = 0n;
  for (const c of digits.toLowerCase()) {
    const d = alphabet.indexOf(c);
    if (d < 0) return fail('invalid syntax');
    value = value * BigInt(base) + BigInt(d);
  }
  if (negative) value = -value;
  if (value > MAX || value < MIN) return fail('value out of range');
  return value;
}

/** strconv's underscoreOK: each `_` between two digits, or between the base prefix and a digit. */
function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && /[bBoOxX]/.test(s[1]!)) {
    i = 2;
    saw = '0';
    hex = /[xX]/.test(s[1]!);
  }
  for (; i < s.length; i++) {
    const c = s[i]!;
    if (/[0-9]/.test(c) || (hex && /[a-fA-F]/.test(c))) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}
