// A GJSON result (tidwall/gjson's Result): its type, its raw JSON text, and the string and number read from it;
// with the readers the paths and modifiers use (String, Bool, Int, ForEach, Parse).

export const Type = { Null: 0, False: 1, Number: 2, String: 3, True: 4, JSON: 5 } as const;
export type TypeCode = (typeof Type)[keyof typeof Type];

export interface Result {
  type: TypeCode;
  raw: string;
  str: string;
  num: number;
}

export const empty = (): Result => ({ type: Type.Null, raw: '', str: '', num: 0 });

export const exists = (t: Result) => t.type !== Type.Null || t.raw.length !== 0;
export const isObject = (t: Result) => t.type === Type.JSON && t.raw.length > 0 && t.raw[0] === '{';
export const isArray = (t: Result) => t.type === Type.JSON && t.raw.length > 0 && t.raw[0] === '[';

/** Go's strconv.ParseFloat as gjson uses it: 0 for what it cannot read, ±Inf for what overflows. */
export function parseFloat64(text: string): number {
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return Number(text);
  const special = /^([+-]?)(inf|infinity|nan)$/i.exec(text);
  if (special) return /^n/i.test(special[2]!) ? NaN : special[1] === '-' ? -Infinity : Infinity;
  return 0;
}

/** Go's strconv.FormatFloat(n, 'f', -1, 64): the shortest digits, never an exponent. */
export function formatFloat(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf';
  const text = String(n);
  const exp = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!exp) return text;
  const [, sign, lead, rest = '', power] = exp;
  const digits = lead! + rest;
  const point = 1 + Number(power);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** Result.String(): a string's text, a number as written when it is a plain integer, JSON as its raw text. */
export function resultString(t: Result): string {
  switch (t.type) {
    case Type.False:
      return 'false';
    case Type.True:
      return 'true';
    case Type.String:
      return t.str;
    case Type.JSON:
      return t.raw;
    case Type.Number: {
      if (t.raw.length === 0) return formatFloat(t.num);
      const digits = t.raw[0] === '-' ? t.raw.slice(1) : t.raw;
      return /^[0-9]*$/.test(digits) ? t.raw : formatFloat(t.num);
    }
    default:
      return '';
  }
}

/** Go's strconv.ParseBool. */
function parseBool(text: string): boolean | undefined {
  if (['1', 't', 'true'].includes(text)) return true;
  if (['0', 'f', 'false'].includes(text)) return false;
  return undefined;
}

export function resultBool(t: Result): boolean {
  switch (t.type) {
    case Type.True:
      return true;
    case Type.String:
      return parseBool(t.str.toLowerCase()) ?? false;
    case Type.Number:
      return t.num !== 0;
    default:
      return false;
  }
}

/** Result.Int() for an option's value (@pretty's width). */
export function resultInt(t: Result): number {
  switch (t.type) {
    case Type.True:
      return 1;
    case Type.String:
      return /^-?\d+$/.test(t.str) ? Number(t.str) : 0;
    case Type.Number:
      return Number.isFinite(t.num) ? Math.trunc(t.num) : 0;
    default:
      return 0;
  }
}

/** Lenient truth and falsehood of a value, for the ~true / ~false query values. */
export function trueish(t: Result): boolean {
  if (t.type === Type.String) return parseBool(t.str.toLowerCase()) === true;
  return t.type === Type.True || (t.type === Type.Number && t.num !== 0);
}

export function falseish(t: Result): boolean {
  if (t.type === Type.String) return parseBool(t.str.toLowerCase()) === false;
  return t.type === Type.Null || t.type === Type.False || (t.type === Type.Number && t.num === 0);
}

/** Go's string order (by UTF-8 bytes, so by code point); JavaScript's differs only where both hold surrogates. */
export function compareStrings(a: string, b: string): number {
  if (!/[\ud800-\uffff]/.test(a) || !/[\ud800-\uffff]/.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  const [x, y] = [Array.from(a), Array.from(b)];
  for (let i = 0; i < x.length && i < y.length; i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}
