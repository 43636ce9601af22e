// Reading JSON text as GJSON does: without validating, taking the raw text of each value as it stands in the input
// (its spacing, number spelling and escapes kept); and writing a JSON string as gjson does. Ported from tidwall/gjson v1.19.0 (MIT).
import { empty, parseFloat64, Type, type Result } from './result';

/** JSON's string escapes read as gjson reads them: it stops at a bad escape or a control character. */
export function unescape(json: string): string {
  let out = '';
  for (let i = 0; i < json.length; i++) {
    const c = json[i]!;
    if (c < ' ') return out;
    if (c !== '\\') {
      out += c;
      continue;
    }
    i++;
    if (i >= json.length) return out;
    switch (json[i]) {
      case '\\':
        out += '\\';
        break;
      case '/':
        out += '/';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case '"':
        out += '"';
        break;
      case 'u': {
        if (i + 5 > json.length) return out;
        let r = hex4(json, i + 1);
        i += 5;
        if (r >= 0xd800 && r < 0xe000) {
          // A surrogate takes the next \u as its pair when there is one.
          if (json.length - i >= 6 && json[i] === '\\' && json[i + 1] === 'u') {
            const low = hex4(json, i + 2);
            r = r < 0xdc00 && low >= 0xdc00 && low < 0xe000 ? 0x10000 + ((r - 0xd800) << 10) + (low - 0xdc00) : 0xfffd;
            i += 6;
          } else {
            r = 0xfffd;
          }
        }
        out += String.fromCodePoint(r);
        i--;
        break;
      }
      default:
        return out;
    }
  }
  return out;
}

function hex4(json: string, at: number): number {
  const text = json.slice(at, at + 4);
  return /^[0-9a-fA-F]{4}$/.test(text) ? parseInt(text, 16) : 0;
}

/** The end of a string whose opening quote is before `i`: [after it, its raw text with quotes, escaped?, closed?]. */
export function parseString(json: string, i: number): [number, string, boolean, boolean] {
  const s = i;
  for (; i < json.length; i++) {
    const c = json[i]!;
    if (c > '\\') continue;
    if (c === '"') return [i + 1, json.slice(s - 1, i + 1), false, true];
    if (c === '\\') {
      i++;
      for (; i < json.length; i++) {
        if (json[i]! > '\\') continue;
        if (json[i] === '"' && !escapedQuote(json, i, 0)) return [i + 1, json.slice(s - 1, i + 1), true, true];
      }
      break;
    }
  }
  return [i, json.slice(s - 1), false, false];
}

/** Whether the quote at `i` is escaped: an odd run of backslashes before it (looking back no further than `floor`). */
function escapedQuote(json: string, i: number, floor: number): boolean {
  if (json[i - 1] !== '\\') return false;
  let n = 0;
  for (let j = i - 2; j > floor; j--) {
    if (json[j] !== '\\') break;
    n++;
  }
  return n % 2 === 0;
}

export function parseNumber(json: string, i: number): [number, string] {
  const s = i;
  for (i++; i < json.length; i++) {
    const c = json[i]!;
    if (c <= ' ' || c === ',' || c === ']' || c === '}') return [i, json.slice(s, i)];
  }
  return [i, json.slice(s)];
}

export function parseLiteral(json: string, i: number): [number, string] {
  const s = i;
  for (i++; i < json.length; i++) {
    const c = json[i]!;
    if (c < 'a' || c > 'z') return [i, json.slice(s, i)];
  }
  return [i, json.slice(s)];
}

/** The text of the object, array or (…) group opening at `i`, nested ones and strings skipped. */
export function parseSquash(json: string, i: number): [number, string] {
  const s = i;
  i++;
  let depth = 1;
  for (; i < json.length; i++) {
    const c = json[i]!;
    if (c === '"') {
      i++;
      const s2 = i;
      for (; i < json.length; i++) {
        if (json[i] !== '"') continue;
        if (escapedQuote(json, i, s2 - 1)) continue;
        break;
      }
    } else if (c === '{' || c === '[' || c === '(') {
      depth++;
    } else if (c === '}' || c === ']' || c === ')') {
      depth--;
      if (depth === 0) return [i + 1, json.slice(s, i + 1)];
    }
  }
  return [i, json.slice(s)];
}

/** The value at the start of `json` (a string, or a bracketed group), as far as its end. */
export function squash(json: string): string {
  let i = 0;
  let depth = 0;
  if (json[0] !== '"') {
    i = 1;
    depth = 1;
  }
  for (; i < json.length; i++) {
    const c = json[i]!;
    if (c === '"') {
      i++;
      const s2 = i;
      for (; i < json.length; i++) {
        if (json[i]! > '\\') continue;
        if (json[i] === '"') {
          if (escapedQuote(json, i, s2 - 1)) continue;
          break;
        }
      }
      if (depth === 0) return i >= json.length ? json : json.slice(0, i + 1);
    } else if (c === '{' || c === '[' || c === '(') {
      depth++;
    } else if (c === '}' || c === ']' || c === ')') {
      depth--;
      if (depth === 0) return json.slice(0, i + 1);
    }
  }
  return json;
}

const isNumberStart = (c: string) => '+-0123456789iIN'.includes(c);

/** The next value from `i`: [after it, the value, found?]. */
export function parseAny(json: string, i: number): [number, Result, boolean] {
  for (; i < json.length; i++) {
    const c = json[i]!;
    if (c === '{' || c === '[') {
      const [end, raw] = parseSquash(json, i);
      return [end, { ...empty(), type: Type.JSON, raw }, true];
    }
    if (c <= ' ') continue;
    let num = false;
    if (c === '"') {
      const [end, raw, escaped, ok] = parseString(json, i + 1);
      if (!ok) return [end, empty(), false];
      return [end, { ...empty(), type: Type.String, raw, str: escaped ? unescape(raw.slice(1, -1)) : raw.slice(1, -1) }, true];
    }
    if (c === 'n' && i + 1 < json.length && json[i + 1] !== 'u') num = true;
    else if (c === 't' || c === 'f' || c === 'n') {
      const [end, raw] = parseLiteral(json, i);
      return [end, { ...empty(), type: c === 't' ? Type.True : c === 'f' ? Type.False : Type.Null, raw }, true];
    } else if (isNumberStart(c)) num = true;
    if (num) {
      const [end, raw] = parseNumber(json, i);
      return [end, { ...empty(), type: Type.Number, raw, num: parseFloat64(raw) }, true];
    }
  }
  return [i, empty(), false];
}

function tonum(json: string): [string, number] {
  for (let i = 1; i < json.length; i++) {
    const c = json[i]!;
    if (c <= '-') {
      if (c <= ' ' || c === ',') return [json.slice(0, i), parseFloat64(json.slice(0, i))];
    } else if (c === ']' || c === '}') {
      return [json.slice(0, i), parseFloat64(json.slice(0, i))];
    }
  }
  return [json, parseFloat64(json)];
}

function tolit(json: string): string {
  for (let i = 1; i < json.length; i++) if (json[i]! < 'a' || json[i]! > 'z') return json.slice(0, i);
  return json;
}

function tostr(json: string): [string, string] {
  for (let i = 1; i < json.length; i++) {
    const c = json[i]!;
    if (c > '\\') continue;
    if (c === '"') return [json.slice(0, i + 1), json.slice(1, i)];
    if (c === '\\') {
      for (i++; i < json.length; i++) {
        if (json[i]! > '\\') continue;
        if (json[i] === '"' && !escapedQuote(json, i, 0)) return [json.slice(0, i + 1), unescape(json.slice(1, i))];
      }
      return [i + 1 < json.length ? json.slice(0, i + 1) : json.slice(0, i), unescape(json.slice(1, i))];
    }
  }
  return [json, json.slice(1)];
}

/** gjson's Parse: the first value of the text; an object or array takes the whole rest of the text as its raw. */
export function parse(json: string): Result {
  const value = empty();
  for (let i = 0; i < json.length; i++) {
    const c = json[i]!;
    if (c === '{' || c === '[') {
      value.type = Type.JSON;
      value.raw = json.slice(i);
      break;
    }
    if (c <= ' ') continue;
    const rest = json.slice(i);
    if (c === 'n' && !(i + 1 < json.length && json[i + 1] !== 'u')) {
      value.raw = tolit(rest);
    } else if (isNumberStart(c) || c === 'n') {
      value.type = Type.Number;
      [value.raw, value.num] = tonum(rest);
    } else if (c === 't' || c === 'f') {
      value.type = c === 't' ? Type.True : Type.False;
      value.raw = tolit(rest);
    } else if (c === '"') {
      value.type = Type.String;
      [value.raw, value.str] = tostr(rest);
    } else {
      return empty();
    }
    break;
  }
  return value;
}

/** Result.ForEach: each member (key, value) of an object, each item (index, value) of an array, or the value itself. */
export function forEach(t: Result, iterator: (key: Result, value: Result) => boolean): void {
  if (t.type === Type.Null && t.raw === '') return;
  if (t.type !== Type.JSON) {
    iterator(empty(), t);
    return;
  }
  const json = t.raw;
  let obj = false;
  let i = 0;
  const key = empty();
  for (; i < json.length; i++) {
    if (json[i] === '{') {
      i++;
      key.type = Type.String;
      obj = true;
      break;
    }
    if (json[i] === '[') {
      i++;
      key.type = Type.Number;
      key.num = -1;
      break;
    }
    if (json[i]! > ' ') return;
  }
  for (; i < json.length; i++) {
    if (obj) {
      if (json[i] !== '"') continue;
      const [end, str, escaped, ok] = parseString(json, i + 1);
      if (!ok) return;
      i = end;
      key.str = escaped ? unescape(str.slice(1, -1)) : str.slice(1, -1);
      key.raw = str;
    } else {
      key.num += 1;
    }
    for (; i < json.length; i++) {
      const c = json[i]!;
      if (c <= ' ' || c === ',' || c === ':') continue;
      break;
    }
    const [end, value, ok] = parseAny(json, i);
    if (!ok) return;
    i = end;
    if (!iterator({ ...key }, value)) return;
  }
}

const WHITESPACE = ' \t\n\r';

/** gjson's Valid: strict JSON with nothing but whitespace around it. */
export function valid(json: string): boolean {
  let i = 0;
  const space = () => {
    while (i < json.length && WHITESPACE.includes(json[i]!)) i++;
  };
  const value = (): boolean => {
    space();
    const c = json[i];
    if (c === '{') {
      i++;
      space();
      if (json[i] === '}') return ++i > 0;
      for (;;) {
        space();
        if (json[i] !== '"' || !string()) return false;
        space();
        if (json[i] !== ':') return false;
        i++;
        if (!value()) return false;
        space();
        if (json[i] === '}') return ++i > 0;
        if (json[i] !== ',') return false;
        i++;
      }
    }
    if (c === '[') {
      i++;
      space();
      if (json[i] === ']') return ++i > 0;
      for (;;) {
        if (!value()) return false;
        space();
        if (json[i] === ']') return ++i > 0;
        if (json[i] !== ',') return false;
        i++;
      }
    }
    if (c === '"') return string();
    for (const word of ['true', 'false', 'null']) {
      if (json.startsWith(word, i)) {
        i += word.length;
        return true;
      }
    }
    const number = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(json.slice(i, i + 1000));
    if (!number || number[0] === '' || number[0] === '-') return false;
    i += number[0].length;
    return true;
  };
  const string = (): boolean => {
    for (i++; i < json.length; i++) {
      const c = json[i]!;
      if (c < ' ') return false;
      if (c === '"') return ++i > 0;
      if (c === '\\') {
        i++;
        if (i >= json.length) return false;
        if (json[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(json.slice(i + 1, i + 5))) return false;
          i += 4;
        } else if (!'"\\/bfnrt'.includes(json[i]!)) return false;
      }
    }
    return false;
  };
  if (!value()) return false;
  space();
  return i === json.length;
}

/** gjson's AppendJSONString: a JSON string, with <, > and & escaped as \u003c etc. and U+2028/U+2029 escaped. */
export function jsonString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (code < 0x20) {
      const short: Record<number, string> = { 8: 'b', 12: 'f', 10: 'n', 13: 'r', 9: 't' };
      out += `\\${short[code] ?? `u${code.toString(16).padStart(4, '0')}`}`;
    } else if (ch === '<' || ch === '>' || ch === '&') out += `\\u${code.toString(16).padStart(4, '0')}`;
    else if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (code >= 0xd800 && code < 0xe000) out += '\\ufffd';
    else if (code === 0x2028 || code === 0x2029) out += `\\u${code.toString(16)}`;
    else out += ch;
  }
  return `${out}"`;
}
