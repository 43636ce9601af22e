// GJSON's Get (tidwall/gjson v1.19.0, MIT), ported: the path is read as the JSON text is scanned, and a result is the
// raw text of the value found (or text built for `#`, `#(…)#`, multipaths, literals and modifiers).
import { matchLimit } from './match';
import { execModifier, isModifier } from './modifiers';
import { exists, falseish, empty, parseFloat64, resultString, trueish, Type, type Result } from './result';
import { parse, parseAny, parseLiteral, parseNumber, parseSquash, parseString, squash, unescape, valid } from './scan';

interface Context {
  json: string;
  value: Result;
  pipe: string;
  piped: boolean;
}

/** The value `path` selects in `json`; nothing selected is a result that does not exist (see `exists`). */
export function get(json: string, path: string): Result {
  if (path.length > 1) {
    if (path[0] === '@' || path[0] === '!') {
      const found = path[0] === '@' ? execModifier(json, path) : execStatic(path);
      if (found) {
        const rest = found.pathOut;
        if (rest.length > 0 && (rest[0] === '|' || rest[0] === '.')) return get(found.res, rest.slice(1));
        return parse(found.res);
      }
    }
    if (path[0] === '[' || path[0] === '{') {
      const multi = multipath(json, path);
      if (typeof multi !== 'string') return multi;
      path = multi;
    }
  }
  const c: Context = { json, value: empty(), pipe: '', piped: false };
  if (path.length >= 2 && path[0] === '.' && path[1] === '.') {
    // JSON Lines: the lines are the items of an array.
    parseArray(c, 0, path.slice(2));
  } else {
    for (let i = 0; i < json.length; i++) {
      if (json[i] === '{') {
        parseObject(c, i + 1, path);
        break;
      }
      if (json[i] === '[') {
        parseArray(c, i + 1, path);
        break;
      }
    }
  }
  if (c.piped) return get(c.value.raw, c.pipe);
  return c.value;
}

/**
 * `{a,"b":c}` and `[a,b]`: each path's result (those that exist), in a new object or array. A bracket that does not
 * make a multipath leaves the path gjson goes on with (what follows it; nothing when it is not closed).
 */
function multipath(json: string, path: string): Result | string {
  const kind = path[0]!;
  const parsed = parseSubSelectors(path);
  if (!parsed) return '';
  const rest = parsed.out;
  if (!(rest.length === 0 || rest[0] === '|' || rest[0] === '.')) return rest;
  const parts: string[] = [];
  for (const sub of parsed.sels) {
    const res = get(json, sub.path);
    if (!exists(res)) continue;
    let name = '';
    if (kind === '{') {
      if (sub.name.length > 0) name = sub.name[0] === '"' && valid(sub.name) ? sub.name : jsonString(sub.name);
      else {
        const last = nameOfLast(sub.path);
        name = jsonString(isSimpleName(last) ? last : '_');
      }
      name += ':';
    }
    let raw = res.raw;
    if (raw.length === 0) raw = resultString(res) || 'null';
    parts.push(name + raw);
  }
  let res: Result = { ...empty(), type: Type.JSON, raw: `${kind}${parts.join(',')}${kind === '{' ? '}' : ']'}` };
  if (rest.length > 0) res = get(res.raw, rest.slice(1));
  return res;
}

interface SubSelector {
  name: string;
  path: string;
}

function parseSubSelectors(path: string): { sels: SubSelector[]; out: string } | undefined {
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

function nameOfLast(path: string): string {
  for (let i = path.length - 1; i >= 0; i--) {
    if (path[i] === '|' || path[i] === '.') {
      if (i > 0 && path[i - 1] === '\\') continue;
      return path.slice(i + 1);
    }
  }
  return path;
}

const isSimpleName = (component: string) => ![...component].some((c) => c < ' ' || '[]{}()#|!'.includes(c));

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

/** `!true`, `!"text"`, `!{…}`: a literal value in place of a path. */
function execStatic(path: string): { pathOut: string; res: string } | undefined {
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

interface ObjectPath {
  part: string;
  path: string;
  pipe: string;
  piped: boolean;
  wild: boolean;
  more: boolean;
}

function parseObjectPath(path: string): ObjectPath {
  const r: ObjectPath = { part: path, path: '', pipe: '', piped: false, wild: false, more: false };
  const split = (part: string, i: number) => {
    r.part = part;
    if (path[i] === '|') {
      r.pipe = path.slice(i + 1);
      r.piped = true;
    } else if (i < path.length - 1 && isDotPiperChar(path.slice(i + 1))) {
      r.pipe = path.slice(i + 1);
      r.piped = true;
    } else {
      r.path = path.slice(i + 1);
      r.more = true;
    }
    return r;
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

function parseObject(c: Context, i: number, path: string): [number, boolean] {
  const rp = parseObjectPath(path);
  if (!rp.more && rp.piped) {
    c.pipe = rp.pipe;
    c.piped = true;
  }
  const json = c.json;
  let key = '';
  let kesc = false;
  let ok = false;
  while (i < json.length) {
    for (; i < json.length; i++) {
      if (json[i] === '"') {
        const [end, raw, escaped, closed] = parseString(json, i + 1);
        i = end;
        key = closed ? raw.slice(1, -1) : raw.slice(1);
        kesc = escaped;
        ok = closed;
        break;
      }
      if (json[i] === '}') return [i + 1, false];
    }
    if (!ok) return [i, false];
    const name = kesc ? unescape(key) : key;
    const pmatch = rp.wild ? matchLimit(name, rp.part) : rp.part === name;
    let hit = pmatch && !rp.more;
    for (; i < json.length; i++) {
      const ch = json[i]!;
      let num = false;
      if (ch === '"') {
        const [end, val, vesc, closed] = parseString(json, i + 1);
        i = end;
        if (!closed) return [i, false];
        if (hit) {
          c.value = { ...empty(), type: Type.String, raw: val, str: vesc ? unescape(val.slice(1, -1)) : val.slice(1, -1) };
          return [i, true];
        }
      } else if (ch === '{' || ch === '[') {
        if (pmatch && !hit) {
          [i, hit] = ch === '{' ? parseObject(c, i + 1, rp.path) : parseArray(c, i + 1, rp.path);
          if (hit) return [i, true];
        } else {
          const [end, val] = parseSquash(json, i);
          i = end;
          if (hit) {
            c.value = { ...empty(), type: Type.JSON, raw: val };
            return [i, true];
          }
        }
      } else if (ch === 'n' && i + 1 < json.length && json[i + 1] !== 'u') {
        num = true;
      } else if (ch === 't' || ch === 'f' || ch === 'n') {
        const [end, val] = parseLiteral(json, i);
        i = end;
        if (hit) {
          c.value = { ...empty(), type: ch === 't' ? Type.True : ch === 'f' ? Type.False : Type.Null, raw: val };
          return [i, true];
        }
      } else if ('+-0123456789iIN'.includes(ch)) {
        num = true;
      } else {
        continue;
      }
      if (num) {
        const [end, val] = parseNumber(json, i);
        i = end;
        if (hit) {
          c.value = { ...empty(), type: Type.Number, raw: val, num: parseFloat64(val) };
          return [i, true];
        }
      }
      break;
    }
  }
  return [i, false];
}

interface Query {
  on: boolean;
  all: boolean;
  path: string;
  op: string;
  value: string;
}

interface ArrayPath {
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

function parseArrayPath(path: string): ArrayPath {
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
      if (!r.arrch && i < path.length - 1 && isDotPiperChar(path.slice(i + 1))) {
        r.pipe = path.slice(i + 1);
        r.piped = true;
      } else {
        r.path = path.slice(i + 1);
        r.more = true;
      }
      return r;
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

function queryMatches(query: Query, value: Result): boolean {
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
          return value.str < rpv;
        case '<=':
          return value.str <= rpv;
        case '>':
          return value.str > rpv;
        case '>=':
          return value.str >= rpv;
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

function parseArray(c: Context, i: number, path: string): [number, boolean] {
  const json = c.json;
  const rp = parseArrayPath(path);
  let partidx = -1;
  if (!rp.arrch && /^[0-9]+$/.test(rp.part)) partidx = Number(rp.part);
  if (!rp.more && rp.piped) {
    c.pipe = rp.pipe;
    c.piped = true;
  }
  let multires: string[] | undefined;
  const alog: number[] = [];
  let pmatch = false;
  let hit = false;
  let h = 0;

  // One item against the query; true when the search is over (a #(…) found its first match).
  const procQuery = (qval: Result): boolean => {
    if (rp.query.all && !multires) multires = [];
    let res: Result;
    if (qval.type === Type.JSON) res = get(qval.raw, rp.query.path);
    else {
      if (rp.query.path !== '') return false;
      res = qval;
    }
    if (!queryMatches(rp.query, res)) return false;
    if (rp.more) {
      const split = splitPossiblePipe(rp.path);
      if (split) {
        rp.path = split.left;
        c.pipe = split.right;
        c.piped = true;
      }
      res = get(qval.raw, rp.path);
    } else {
      res = qval;
    }
    if (!rp.query.all) {
      c.value = res;
      return true;
    }
    const raw = res.raw.length > 0 ? res.raw : resultString(res);
    if (raw !== '') multires!.push(raw);
    return false;
  };

  while (i < json.length + 1) {
    if (!rp.arrch) {
      pmatch = partidx === h;
      hit = pmatch && !rp.more;
    }
    h++;
    if (rp.alogok) alog.push(i);
    for (; ; i++) {
      if (i > json.length) break;
      const ch = i === json.length ? ']' : json[i]!;
      let num = false;
      if (ch === '"') {
        const [end, val, vesc, ok] = parseString(json, i + 1);
        i = end;
        if (!ok) return [i, false];
        const str = vesc ? unescape(val.slice(1, -1)) : val.slice(1, -1);
        if (rp.query.on) {
          if (procQuery({ ...empty(), type: Type.String, raw: val, str })) return [i, true];
        } else if (hit && !rp.alogok) {
          c.value = { ...empty(), type: Type.String, raw: val, str };
          return [i, true];
        }
      } else if (ch === '{' || ch === '[') {
        if (pmatch && !hit) {
          [i, hit] = ch === '{' ? parseObject(c, i + 1, rp.path) : parseArray(c, i + 1, rp.path);
          if (hit && !rp.alogok) return [i, true];
        } else {
          const [end, val] = parseSquash(json, i);
          i = end;
          if (rp.query.on) {
            if (procQuery({ ...empty(), type: Type.JSON, raw: val })) return [i, true];
          } else if (hit && !rp.alogok) {
            c.value = { ...empty(), type: Type.JSON, raw: val };
            return [i, true];
          }
        }
      } else if (ch === 'n' && i + 1 < json.length && json[i + 1] !== 'u') {
        num = true;
      } else if (ch === 't' || ch === 'f' || ch === 'n') {
        const [end, val] = parseLiteral(json, i);
        i = end;
        const lit = { ...empty(), type: ch === 't' ? Type.True : ch === 'f' ? Type.False : Type.Null, raw: val };
        if (rp.query.on) {
          if (procQuery(lit)) return [i, true];
        } else if (hit && !rp.alogok) {
          c.value = lit;
          return [i, true];
        }
      } else if ('+-0123456789iIN'.includes(ch)) {
        num = true;
      } else if (ch === ']') {
        if (rp.arrch && rp.part === '#') {
          if (rp.alogok) {
            collectAlog(c, rp, alog);
            return [i + 1, true];
          }
          c.value = { ...empty(), type: Type.Number, num: h - 1, raw: String(h - 1) };
          return [i + 1, true];
        }
        if (!exists(c.value)) {
          if (multires && multires.length > 0) c.value = { ...empty(), type: Type.JSON, raw: `[${multires.join(',')}]` };
          else if (rp.query.all) c.value = { ...empty(), type: Type.JSON, raw: '[]' };
        }
        return [i + 1, false];
      } else {
        continue;
      }
      if (num) {
        const [end, val] = parseNumber(json, i);
        i = end;
        const number = { ...empty(), type: Type.Number, raw: val, num: parseFloat64(val) };
        if (rp.query.on) {
          if (procQuery(number)) return [i, true];
        } else if (hit && !rp.alogok) {
          c.value = number;
          return [i, true];
        }
      }
      break;
    }
  }
  return [i, false];
}

/** `#.path`: the path's result on each item, as an array. */
function collectAlog(c: Context, rp: ArrayPath, alog: number[]): void {
  const json = c.json;
  const split = splitPossiblePipe(rp.alogkey);
  if (split) {
    rp.alogkey = split.left;
    c.pipe = split.right;
    c.piped = true;
  }
  const items: string[] = [];
  for (let idx of alog) {
    while (idx < json.length && ' \t\r\n'.includes(json[idx]!)) idx++;
    if (idx >= json.length || json[idx] === ']') continue;
    const [, item, ok] = parseAny(json, idx);
    if (!ok) continue;
    const res = get(item.raw, rp.alogkey);
    if (!exists(res)) continue;
    items.push(res.raw.length > 0 ? res.raw : resultString(res));
  }
  c.value = { ...empty(), type: Type.JSON, raw: `[${items.join(',')}]` };
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
