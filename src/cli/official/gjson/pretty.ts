// tidwall/pretty v1.2.1 (MIT), ported for @pretty and @ugly: they work on the JSON text as it stands (numbers and
// strings kept byte for byte), arrays on one line when they fit in the width, keys sorted on request.

import { compareStrings, parseFloat64 } from './result';

export interface PrettyOptions {
  width: number;
  prefix: string;
  indent: string;
  sortKeys: boolean;
}

export const DEFAULT_OPTIONS: PrettyOptions = { width: 80, prefix: '', indent: '  ', sortKeys: false };

/** Go measures the one-line width in bytes of UTF-8. */
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** pretty.Ugly: the text without whitespace outside strings. */
export function ugly(json: string): string {
  let out = '';
  for (let i = 0; i < json.length; i++) {
    if (json[i]! <= ' ') continue;
    out += json[i];
    if (json[i] !== '"') continue;
    for (i++; i < json.length; i++) {
      out += json[i];
      if (json[i] === '"') {
        let j = i - 1;
        while (json[j] === '\\') j--;
        if ((j - i) % 2 !== 0) break;
      }
    }
  }
  return out;
}

/** pretty.PrettyOptions. */
export function prettyOptions(json: string, opts: PrettyOptions = DEFAULT_OPTIONS): string {
  const b = new Builder(opts.prefix);
  anyValue(b, json, 0, true, opts, 0, -1);
  return b.text.length > 0 ? `${b.text}\n` : b.text;
}

class Builder {
  nl = 0;
  constructor(public text: string) {}
}

function isNaNOrInf(json: string, i: number): boolean {
  const c = json[i];
  return c === 'i' || c === 'I' || c === '+' || c === 'N' || (c === 'n' && i + 1 < json.length && json[i + 1] !== 'u');
}

function anyValue(b: Builder, json: string, i: number, pretty: boolean, o: PrettyOptions, tabs: number, max: number): [number, boolean] {
  for (; i < json.length; i++) {
    const c = json[i]!;
    if (c <= ' ') continue;
    if (c === '"') return stringValue(b, json, i);
    if ((c >= '0' && c <= '9') || c === '-' || isNaNOrInf(json, i)) return numberValue(b, json, i);
    if (c === '{' || c === '[') return objectValue(b, json, i, c, c === '{' ? '}' : ']', pretty, o, tabs, max);
    if (c === 't') {
      b.text += 'true';
      return [i + 4, true];
    }
    if (c === 'f') {
      b.text += 'false';
      return [i + 5, true];
    }
    if (c === 'n') {
      b.text += 'null';
      return [i + 4, true];
    }
  }
  return [i, true];
}

function stringValue(b: Builder, json: string, i: number): [number, boolean] {
  const s = i;
  for (i++; i < json.length; i++) {
    if (json[i] !== '"') continue;
    let sc = 0;
    for (let j = i - 1; j > s && json[j] === '\\'; j--) sc++;
    if (sc % 2 === 1) continue;
    i++;
    break;
  }
  b.text += json.slice(s, i);
  return [i, true];
}

function numberValue(b: Builder, json: string, i: number): [number, boolean] {
  const s = i;
  for (i++; i < json.length; i++) {
    const c = json[i]!;
    if (c <= ' ' || c === ',' || c === ':' || c === ']' || c === '}') break;
  }
  b.text += json.slice(s, i);
  return [i, true];
}

function tabsOf(o: PrettyOptions, indent: string, tabs: number): string {
  return o.prefix + indent.repeat(tabs);
}

interface Pair {
  key: string;
  vstart: number;
  vend: number;
}

function objectValue(
  b: Builder,
  json: string,
  i: number,
  open: string,
  close: string,
  pretty: boolean,
  o: PrettyOptions,
  tabs: number,
  max: number,
  indent = o.indent,
): [number, boolean] {
  let ok: boolean;
  if (o.width > 0) {
    if (pretty && open === '[' && max === -1) {
      // First try the whole array on one line.
      const room = o.width - bytes(b.text.slice(b.nl));
      if (room > 3) {
        const [s1, s2, nl] = [b.text.length, i, b.nl];
        const [end, fits] = objectValue(b, json, i, '[', ']', false, o, 0, room, '');
        if (fits && bytes(b.text.slice(s1)) <= room) return [end, true];
        b.text = b.text.slice(0, s1);
        b.nl = nl;
        i = s2;
      }
    } else if (max !== -1 && open === '{') {
      return [i, false];
    }
  }
  b.text += open;
  i++;
  let sortKeys = open === '{' && o.sortKeys;
  const pairs: Pair[] = [];
  let n = 0;
  const newline = () => {
    b.nl = b.text.length;
    if (b.text.endsWith(' ')) b.text = `${b.text.slice(0, -1)}\n`;
    else b.text += '\n';
  };
  for (; i < json.length; i++) {
    const c = json[i]!;
    if (c <= ' ') continue;
    if (c === close) {
      if (pretty) {
        if (sortKeys) sortPairs(b, pairs);
        if (n > 0) newline();
        if (!b.text.endsWith(open)) b.text += tabsOf(o, indent, tabs);
      }
      b.text += close;
      return [i + 1, open !== '{'];
    }
    if (open === '[' || c === '"') {
      if (n > 0) {
        b.text += ',';
        if (o.width !== -1 && open === '[') b.text += ' ';
      }
      let pair: Pair | undefined;
      if (pretty) {
        newline();
        if (sortKeys) pair = { key: '', vstart: b.text.length, vend: 0 };
        b.text += tabsOf(o, indent, tabs + 1);
      }
      if (open === '{') {
        const keyStart = i;
        [i] = stringValue(b, json, i);
        if (pair) pair.key = json.slice(keyStart, i);
        b.text += pretty ? ': ' : ':';
      }
      [i, ok] = anyValue(b, json, i, pretty, { ...o, indent }, tabs + 1, max);
      if (max !== -1 && !ok) return [i, false];
      if (pair) {
        pair.vend = b.text.length;
        if (pair.vstart > pair.vend) sortKeys = false;
        else pairs.push(pair);
      }
      i--;
      n++;
    }
  }
  return [i, open !== '{'];
}

type Kind = 0 | 1 | 2 | 3 | 4 | 5;

function kindOf(v: string): Kind {
  if (v.length === 0) return 0;
  switch (v[0]) {
    case '"':
      return 3;
    case 'f':
      return 1;
    case 't':
      return 4;
    case 'n':
      return 0;
    case '[':
    case '{':
      return 5;
    default:
      return 2;
  }
}

function stringOf(v: string): string {
  for (let i = 1; i < v.length; i++) {
    if (v[i] === '\\') {
      try {
        return JSON.parse(v) as string;
      } catch {
        return '';
      }
    }
    if (v[i] === '"') return v.slice(1, i);
  }
  return '';
}

function less(a: string, b: string): boolean {
  const [ka, kb] = [kindOf(a), kindOf(b)];
  if (ka !== kb) return ka < kb;
  if (ka === 3) return compareStrings(stringOf(a), stringOf(b)) < 0;
  if (ka === 2) return parseFloat64(a) < parseFloat64(b);
  return compareStrings(a, b) < 0;
}

/** Sorts an object's members by key, then by value (a stable sort, as Go's sort.Stable). */
function sortPairs(b: Builder, pairs: Pair[]): void {
  if (pairs.length === 0) return;
  const start = pairs[0]!.vstart;
  const end = pairs.at(-1)!.vend;
  const valueOf = (p: Pair) => {
    const text = b.text.slice(p.vstart, p.vend).trim();
    return text.length >= p.key.length + 1 ? text.slice(p.key.length + 1).trim() : text;
  };
  const sorted = pairs
    .map((p, index) => ({ p, index, value: valueOf(p) }))
    .sort((x, y) => {
      if (less(x.p.key, y.p.key)) return -1;
      if (less(y.p.key, x.p.key)) return 1;
      if (less(x.value, y.value)) return -1;
      if (less(y.value, x.value)) return 1;
      return x.index - y.index;
    });
  if (sorted.every((entry, index) => entry.index === index)) return;
  const body = sorted.map(({ p }) => b.text.slice(p.vstart, p.vend)).join(',\n');
  b.text = b.text.slice(0, start) + body + b.text.slice(end);
}
