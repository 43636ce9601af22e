// A GJSON path read as tidwall/gjson v1.19.0 (MIT) reads it: the parts of a key path, an array path and its
// #(…) query, a multipath's selectors, a literal, and where a `|` splits a path.
import { matchLimit } from './match';
import { isModifier } from './modifiers';
import { compareStrings, exists, falseish, empty, parseFloat64, trueish, Type, type Result } from './result';
import { parseSquash, squash, unescape } from './scan';

export interface SubSelector {
  name: string;
  path: string;
}

export function parseSubSelectors(path: string): { sels: SubSelector[]; out: string } | undefined {
  const sels: SubSelector[] = [];
  let modifier = 0;
  let depth = 1;
  let colon = 0;
  let start = 1;
  let i = 1;
  const push = () => {
    sels.push(colon === 0 ? { name: '', path: path.slice(start, i) } : { name: path.slice(start, colon), path: path.slice(colon + 1, i) });
    colon = 0;
    modifier = 0;
    start = i + 1;
  };
  for (; i < path.length; i++) {
    switch (path[i]) {
      case '\\':
        i++;
        break;
      case '@':
        if (modifier === 0 && i > 0 && (path[i - 1] === '.' || path[i - 1] === '|')) modifier = i;
        break;
      case ':':
        if (modifier === 0 && colon === 0 && depth === 1) colon = i;
        break;
      case ',':
        if (depth === 1) push();
        break;
      case '"':
        for (i++; i < path.length; i++) {
          if (path[i] === '\\') i++;
          else if (path[i] === '"') break;
        }
        break;
      case '[':
      case '(':
      case '{':
        depth++;
        break;
      case ']':
      case ')':
      case '}':
        depth--;
        if (depth === 0) {
          push();
          return { sels, out: path.slice(i + 1) };
        }
        break;
    }
  }
  return undefined;
}

export function nameOfLast(path: string): string {
  for (let i = path.length - 1; i >= 0; i--) {
    if (path[i] === '|' || path[i] === '.') {
      if (i > 0 && path[i - 1] === '\\') continue;
      return path.slice(i + 1);
    }
  }
  return path;
}

export const isSimpleName = (component: string) => ![...component].some((c) => c < ' ' || '[]{}()#|!'.includes(c));

/** `!true`, `!"text"`, `!{…}`: a literal value in place of a path. */
export function execStatic(path: string): { pathOut: string; res: string } | undefined {
  let name = path.slice(1);
  if (name.length > 0 && '{["+-0123456789'.includes(name[0]!)) {
    const res = parseSquash(name, 0)[1];
    return { pathOut: name.slice(res.length), res };
  }
  let pathOut = '';
  for (let i = 1; i < path.length; i++) {
    if (path[i] === '|' || path[i] === '.') {
      pathOut = path.slice(i);
      name = path.slice(1, i);
      break;
    }
  }
  if (['true', 'false', 'null', 'nan', 'inf'].includes(name.toLowerCase())) return { pathOut, res: name };
  return undefined;
}

function isDotPiperChar(s: string): boolean {
  const c = s[0];
  if (c === '@') {
    let i = 1;
    while (i < s.length && s[i] !== '.' && s[i] !== '|' && s[i] !== ':') i++;
    return isModifier(s.slice(1, i));
  }
  return c === '[' || c === '{';
}

/** What follows a part that ends at `i`: a pipe (`|`, or a `.` before a modifier, `[` or `{`) or the rest of the path. */
function follow<T extends { path: string; pipe: string; piped: boolean; more: boolean }>(
  r: T,
  path: string,
  i: number,
  dotPipes: boolean,
): T {
  if (path[i] === '|' || (dotPipes && i < path.length - 1 && isDotPiperChar(path.slice(i + 1)))) {
    r.pipe = path.slice(i + 1);
    r.piped = true;
  } else {
    r.path = path.slice(i + 1);
    r.more = true;
  }
  return r;
}

export interface ObjectPath {
  part: string;
  path: string;
  pipe: string;
  piped: boolean;
  wild: boolean;
  more: boolean;
}

export function parseObjectPath(path: string): ObjectPath {
  const r: ObjectPath = { part: path, path: '', pipe: '', piped: false, wild: false, more: false };
  const split = (part: string, i: number) => {
    r.part = part;
    return follow(r, path, i, true);
  };
  for (let i = 0; i < path.length; i++) {
    const c = path[i];
    if (c === '|' || c === '.') return split(path.slice(0, i), i);
    if (c === '*' || c === '?') {
      r.wild = true;
      continue;
    }
    if (c === '\\') {
      // An escaped character stands for itself; the part is rebuilt without the backslashes.
      let epart = path.slice(0, i);
      i++;
      if (i < path.length) {
        epart += path[i];
        for (i++; i < path.length; i++) {
          const d = path[i]!;
          if (d === '\\') {
            i++;
            if (i < path.length) epart += path[i];
            continue;
          }
          if (d === '.' || d === '|') return split(epart, i);
          if (d === '*' || d === '?') r.wild = true;
          epart += d;
        }
      }
      r.part = epart;
      return r;
    }
  }
  return r;
}

interface Query {
  on: boolean;
  all: boolean;
  path: string;
  op: string;
  value: string;
}

export interface ArrayPath {
  part: string;
  path: string;
  pipe: string;
  piped: boolean;
  more: boolean;
  alogok: boolean;
  arrch: boolean;
  alogkey: string;
  query: Query;
}

export function parseArrayPath(path: string): ArrayPath {
  const r: ArrayPath = {
    part: path,
    path: '',
    pipe: '',
    piped: false,
    more: false,
    alogok: false,
    arrch: false,
    alogkey: '',
    query: { on: false, all: false, path: '', op: '', value: '' },
  };
  for (let i = 0; i < path.length; i++) {
    if (path[i] === '|') {
      r.part = path.slice(0, i);
      r.pipe = path.slice(i + 1);
      r.piped = true;
      return r;
    }
    if (path[i] === '.') {
      r.part = path.slice(0, i);
      return follow(r, path, i, !r.arrch);
    }
    if (path[i] === '#') {
      r.arrch = true;
      if (i === 0 && path.length > 1) {
        if (path[1] === '.') {
          r.alogok = true;
          r.alogkey = path.slice(2);
          r.path = path.slice(0, 1);
        } else if (path[1] === '[' || path[1] === '(') {
          r.query.on = true;
          const q = parseQuery(path.slice(i));
          if (!q) break;
          let value = q.value;
          if (value.length >= 2 && value[0] === '"' && value[value.length - 1] === '"') {
            value = value.slice(1, -1);
            if (q.vesc) value = unescape(value);
          }
          r.query.path = q.path;
          r.query.op = q.op;
          r.query.value = value;
          i = q.end - 1;
          if (i + 1 < path.length && path[i + 1] === '#') r.query.all = true;
        }
      }
    }
  }
  r.part = path;
  r.path = '';
  return r;
}

/** `#(path op value)`: its path, operator and value, and where it ends. */
export function parseQuery(query: string): { path: string; op: string; value: string; end: number; vesc: boolean } | undefined {
  if (query.length < 2 || query[0] !== '#' || (query[1] !== '(' && query[1] !== '[')) return undefined;
  let i = 2;
  let j = 0;
  let depth = 1;
  let vesc = false;
  for (; i < query.length; i++) {
    const c = query[i]!;
    if (depth === 1 && j === 0 && '!=<>%'.includes(c)) {
      j = i;
      continue;
    }
    if (c === '\\') i++;
    else if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') {
      depth--;
      if (depth === 0) break;
    } else if (c === '"') {
      for (i++; i < query.length; i++) {
        if (query[i] === '\\') {
          vesc = true;
          i++;
        } else if (query[i] === '"') break;
      }
    }
  }
  if (depth > 0) return undefined;
  if (j === 0) return { path: trim(query.slice(2, i)), op: '', value: '', end: i + 1, vesc };
  const path = trim(query.slice(2, j));
  let value = trim(query.slice(j, i));
  let size = 0;
  const two = value.slice(0, 2);
  if (value.length === 1) size = 1;
  else if (two === '!=' || two === '!%' || two === '<=' || two === '>=') size = 2;
  else if (two === '==') {
    value = value.slice(1);
    size = 1;
  } else if ('<>=%'.includes(value[0]!)) size = 1;
  return { path, op: value.slice(0, size), value: trim(value.slice(size)), end: i + 1, vesc };
}

function trim(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && s[a]! <= ' ') a++;
  while (b > a && s[b - 1]! <= ' ') b--;
  return s.slice(a, b);
}

const TILDE = new Map<string, (t: Result) => boolean>([
  ['*', exists],
  ['null', (t) => t.type === Type.Null],
  ['true', trueish],
  ['false', falseish],
]);

export function queryMatches(query: Query, value: Result): boolean {
  let rpv = query.value;
  if (rpv.length > 0 && rpv[0] === '~') {
    // ~true ~false ~null ~*: the value's truth, falsehood, nullness or existence, compared with true.
    const test = TILDE.get(rpv.slice(1));
    if (test) {
      value = { ...empty(), type: test(value) ? Type.True : Type.False };
      rpv = 'true';
    } else {
      value = empty();
      rpv = '';
    }
  }
  if (!exists(value)) return false;
  if (query.op === '') return true;
  switch (value.type) {
    case Type.String:
      switch (query.op) {
        case '=':
          return value.str === rpv;
        case '!=':
          return value.str !== rpv;
        case '<':
          return compareStrings(value.str, rpv) < 0;
        case '<=':
          return compareStrings(value.str, rpv) <= 0;
        case '>':
          return compareStrings(value.str, rpv) > 0;
        case '>=':
          return compareStrings(value.str, rpv) >= 0;
        case '%':
          return matchLimit(value.str, rpv);
        case '!%':
          return !matchLimit(value.str, rpv);
      }
      return false;
    case Type.Number: {
      const n = parseFloat64(rpv);
      switch (query.op) {
        case '=':
          return value.num === n;
        case '!=':
          return value.num !== n;
        case '<':
          return value.num < n;
        case '<=':
          return value.num <= n;
        case '>':
          return value.num > n;
        case '>=':
          return value.num >= n;
      }
      return false;
    }
    case Type.True:
      return { '=': rpv === 'true', '!=': rpv !== 'true', '>': rpv === 'false', '>=': true }[query.op] ?? false;
    case Type.False:
      return { '=': rpv === 'false', '!=': rpv !== 'false', '<': rpv === 'true', '<=': true }[query.op] ?? false;
  }
  return false;
}

/** A `|` in a path after a query or `#`, found outside brackets and quotes: the left and right of it. */
export function splitPossiblePipe(path: string): { left: string; right: string } | undefined {
  if (!path.includes('|')) return undefined;
  if (path[0] === '{') {
    const squashed = squash(path.slice(1));
    if (squashed.length < path.length - 1) {
      const left = path.slice(0, squashed.length + 1);
      const remain = path.slice(left.length);
      if (remain[0] === '|') return { left, right: remain.slice(1) };
    }
    return undefined;
  }
  for (let i = 0; i < path.length; i++) {
    if (path[i] === '\\') i++;
    else if (path[i] === '.') {
      if (i === path.length - 1) return undefined;
      if (path[i + 1] === '#') {
        i += 2;
        if (i === path.length) return undefined;
        if (path[i] === '[' || path[i] === '(') {
          const [open, close] = path[i] === '[' ? ['[', ']'] : ['(', ')'];
          let depth = 1;
          for (i++; i < path.length; i++) {
            if (path[i] === '\\') i++;
            else if (path[i] === open) depth++;
            else if (path[i] === close) {
              depth--;
              if (depth === 0) break;
            } else if (path[i] === '"') {
              for (i++; i < path.length; i++) {
                if (path[i] === '\\') i++;
                else if (path[i] === '"') break;
              }
            }
          }
        }
      }
    } else if (path[i] === '|') return { left: path.slice(0, i), right: path.slice(i + 1) };
  }
  return undefined;
}
